// The conferences' port (core/ports/conferences.hpp) on both backends: a conference kept
// whole and replaced whole, minutes, a guest bound once, proposals and their filters, and the
// chat: numbered per conference, stored once per (sender, client_id), read after a seq.
#include "storage/contract_fixture.hpp"

namespace kelisim::storage {
namespace {

using namespace contract;
namespace cf = core::conference;
using core::ErrorCode;

template <typename Backend> class ConferenceContract : public StoreContract<Backend> {
protected:
  void SetUp() override {
    StoreContract<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    for (const char *org : {"org", "org2"})
      this->must(this->store_->createOrganisation(this->organisation(org)));
    for (const char *id : {"coord", "lawyer", "psy", "judge-user"})
      this->must(this->store_->createUser(this->user(id)));
  }

  cf::Conference conference(const std::string &id, const std::string &org) {
    cf::Conference c;
    c.id = id;
    c.organisation_id = org;
    c.title = "Отбасы даулары: медиация";
    c.description = "Quarterly round table";
    c.language = core::Language::kk;
    c.starts_at = at(3'600'000);
    c.ends_at = at(7'200'000);
    c.created_by = "coord";
    c.created_at = at(0);
    c.agenda = {{id + "-a1", "Opening", ""}, {id + "-a2", "Cases, 2025", ""}};
    cf::Participant moderator;
    moderator.role = cf::ParticipantRole::moderator;
    moderator.user_id = "coord";
    cf::Participant speaker;
    speaker.role = cf::ParticipantRole::speaker;
    speaker.user_id = "lawyer";
    cf::Participant guest;
    guest.role = cf::ParticipantRole::guest;
    guest.name = "Судья Ахметова";
    guest.email = "judge@court.kz";
    guest.language = core::Language::ru;
    guest.token_hash = "hash-" + id;
    c.participants = {moderator, speaker, guest};
    return c;
  }

  void save(const cf::Conference &c, bool created) {
    core::UnitOfWork work;
    work.add(core::ConferenceSaved{c, created});
    this->must(this->store_->commit(work));
  }

  cf::Proposal proposal(const std::string &id, const std::string &conference_id,
                        const std::string &due) {
    cf::Proposal p;
    p.id = id;
    p.conference_id = conference_id;
    p.text = "Publish a guide for " + id;
    p.owner_id = "lawyer";
    p.due_date = due;
    p.created_by = "coord";
    p.created_at = at(10);
    return p;
  }
};
TYPED_TEST_SUITE(ConferenceContract, Backends, BackendNames);

TYPED_TEST(ConferenceContract, AConferenceIsKeptWholeAndReplacedWhole) {
  auto c = this->conference("c1", "org");
  this->save(c, true);
  EXPECT_EQ(this->must(this->store_->getConference("c1")), c);
  EXPECT_EQ(this->run(this->store_->getConference("nope")).error().code, ErrorCode::not_found);

  c.title = "Renamed";
  c.status = cf::ConferenceStatus::ended;
  c.ended_at = at(5'000'000);
  c.agenda = {{"c1-a2", "Cases, 2025", "kept minutes"}};
  c.participants.pop_back(); // the guest is no longer invited
  this->save(c, false);
  EXPECT_EQ(this->must(this->store_->getConference("c1")), c);
  EXPECT_EQ(this->run(this->store_->findConferenceByGuestToken("hash-c1")).error().code,
            ErrorCode::not_found);

  // A second insert of the same id fails whole.
  core::UnitOfWork again;
  again.add(core::ConferenceSaved{this->conference("c1", "org"), true});
  EXPECT_FALSE(this->run(this->store_->commit(again)).ok());
  EXPECT_EQ(this->must(this->store_->getConference("c1")).title, "Renamed");
}

TYPED_TEST(ConferenceContract, MinutesGuestsAndTheConferencesOfAPerson) {
  this->save(this->conference("c1", "org"), true);
  auto other = this->conference("c2", "org2");
  other.participants.erase(other.participants.begin() + 1); // no lawyer
  other.starts_at = at(100);
  this->save(other, true);

  core::UnitOfWork minutes;
  minutes.add(core::MinutesSaved{"c1", "c1-a2", "Agreed: a guide.\nNext: March."});
  this->must(this->store_->commit(minutes));
  EXPECT_EQ(this->must(this->store_->getConference("c1")).agenda[1].minutes,
            "Agreed: a guide.\nNext: March.");

  auto found = this->must(this->store_->findConferenceByGuestToken("hash-c1"));
  EXPECT_EQ(found.id, "c1");
  EXPECT_EQ(this->run(this->store_->findConferenceByGuestToken("")).error().code,
            ErrorCode::not_found);
  core::UnitOfWork bind;
  bind.add(core::GuestBound{"c1", "hash-c1", "judge-user"});
  this->must(this->store_->commit(bind));
  core::UnitOfWork rebind; // bound once: a second guest account does not take the seat
  rebind.add(core::GuestBound{"c1", "hash-c1", "psy"});
  this->must(this->store_->commit(rebind));
  EXPECT_EQ(this->must(this->store_->getConference("c1")).participants[2].user_id, "judge-user");

  auto coords = this->must(this->store_->listConferencesOf("coord"));
  ASSERT_EQ(coords.size(), 2u);
  EXPECT_EQ(coords[0].id, "c2"); // by start
  EXPECT_TRUE(coords[0].agenda.empty());
  EXPECT_EQ(this->must(this->store_->listConferencesOf("lawyer")).size(), 1u);
  EXPECT_EQ(this->must(this->store_->listConferencesOf("judge-user")).size(), 1u);
  EXPECT_TRUE(this->must(this->store_->listConferencesOf("psy")).empty());
}

TYPED_TEST(ConferenceContract, ProposalsAndTheirFilters) {
  this->save(this->conference("c1", "org"), true);
  auto other = this->conference("c2", "org2");
  other.participants.erase(other.participants.begin() + 1);
  this->save(other, true);
  auto p1 = this->proposal("p1", "c1", "2026-03-01");
  p1.agenda_item_id = "c1-a1";
  auto p2 = this->proposal("p2", "c1", "2026-01-15");
  p2.owner_id.reset();
  p2.owner_name = "Адвокатская палата";
  auto p3 = this->proposal("p3", "c2", "2026-02-01");
  core::UnitOfWork work;
  for (const auto &p : {p1, p2, p3}) work.add(core::ProposalSaved{p, true});
  this->must(this->store_->commit(work));
  EXPECT_EQ(this->must(this->store_->getConferenceProposal("p1")), p1);
  EXPECT_EQ(this->must(this->store_->getConferenceProposal("p2")), p2);

  p1 = cf::withStatus(p1, cf::ProposalStatus::done, at(99));
  core::UnitOfWork close;
  close.add(core::ProposalSaved{p1, false});
  this->must(this->store_->commit(close));
  EXPECT_EQ(this->must(this->store_->getConferenceProposal("p1")), p1);

  using Query = core::ConferenceRepository::ProposalQuery;
  auto ids = [&](Query q) {
    std::vector<std::string> out;
    for (const auto &p : this->must(this->store_->listConferenceProposals(q))) out.push_back(p.id);
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<std::string>{"p2", "p3", "p1"})); // by due date
  Query open;
  open.status = cf::ProposalStatus::open;
  EXPECT_EQ(ids(open), (std::vector<std::string>{"p2", "p3"}));
  Query of_lawyer = open;
  of_lawyer.participant_id = "lawyer";
  EXPECT_EQ(ids(of_lawyer), (std::vector<std::string>{"p2"}));
  Query of_org2;
  of_org2.organisation_id = "org2";
  EXPECT_EQ(ids(of_org2), (std::vector<std::string>{"p3"}));
  Query of_c1;
  of_c1.conference_id = "c1";
  of_c1.limit = 1;
  EXPECT_EQ(ids(of_c1), (std::vector<std::string>{"p2"}));

  auto cancelled = this->must(this->store_->getConference("c2"));
  cancelled.status = cf::ConferenceStatus::cancelled;
  this->save(cancelled, false);
  EXPECT_EQ(ids(open), (std::vector<std::string>{"p2"})); // a cancelled conference's are left out
}

TYPED_TEST(ConferenceContract, ChatMessagesAreNumberedPerConferenceAndStoredOncePerClientId) {
  this->save(this->conference("c1", "org"), true);
  this->save(this->conference("c2", "org"), true);
  auto say = [&](const std::string &conference, const std::string &id, const std::string &sender,
                 const std::string &client_id, const std::string &body, std::int64_t ms) {
    cf::ChatMessage m;
    m.conference_id = conference;
    m.id = id;
    m.sender_id = sender;
    m.sender_name = sender == "lawyer" ? "Адвокат Серікова" : "Судья";
    m.client_id = client_id;
    m.body = body;
    m.at = at(ms);
    core::UnitOfWork work;
    work.add(core::ConferenceMessageSaid{m});
    this->must(this->store_->commit(work));
    return m;
  };
  auto first = say("c1", "m1", "lawyer", "k1", "Сәлеметсіз бе!", 10);
  say("c2", "m2", "lawyer", "k1", "another conference", 11);
  auto second = say("c1", "m3", "judge-user", "k1", "Здравствуйте", 12);
  // The same page's message again (its acknowledgement was lost): nothing new is stored.
  say("c1", "m4", "lawyer", "k1", "Сәлеметсіз бе!", 13);

  first.seq = 1;
  second.seq = 2;
  EXPECT_EQ(this->must(this->store_->findConferenceMessage("c1", "lawyer", "k1")), first);
  EXPECT_EQ(this->must(this->store_->listConferenceMessages("c1", 0, 100)),
            (std::vector<cf::ChatMessage>{first, second}));
  EXPECT_EQ(this->must(this->store_->listConferenceMessages("c1", 1, 100)),
            (std::vector<cf::ChatMessage>{second}));
  EXPECT_EQ(this->must(this->store_->listConferenceMessages("c1", 0, 1)),
            (std::vector<cf::ChatMessage>{first}));
  EXPECT_EQ(this->must(this->store_->listConferenceMessages("c2", 0, 100)).at(0).seq, 1);
  auto missing = this->run(this->store_->findConferenceMessage("c1", "lawyer", "k2"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
}

} // namespace
} // namespace kelisim::storage
