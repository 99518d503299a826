#include "app/conference/conference_service.hpp"

#include <algorithm>

#include "app/reception/testing.hpp"

#include <gtest/gtest.h>

namespace kelisim::app::conference {
namespace {

using core::ErrorCode;
using reception::testing::run;
using namespace std::chrono_literals;

struct ConferenceServiceTest : reception::testing::DemoReception {
  ConferenceService conferences{*db.store, clock, random, auth};

  std::string id(const std::string &email) { return as(email).user->id; }

  ScheduleInput input() {
    ScheduleInput in;
    in.title = "Отбасылық даулар: медиация тәжірибесі";
    in.description = "Round table of the centres";
    in.language = core::Language::kk;
    in.starts_at = clock.now() + 24h;
    in.ends_at = clock.now() + 26h;
    in.agenda = std::vector<AgendaInput>{{std::nullopt, "Opening"}, {std::nullopt, "Cases"}};
    in.specialists =
        std::vector<std::string>{id("lawyer.wko@demo.kelisim.kz"), id("mediator@demo.kelisim.kz")};
    in.moderators = std::vector<std::string>{id("mediator@demo.kelisim.kz")};
    in.guests = std::vector<GuestInput>{{"Судья Ахметова", "Judge@Court.kz", core::Language::ru}};
    return in;
  }

  std::vector<core::Mail> mails() {
    return run(db.store->claimMail(clock.now() + 1h, clock.now() + 2h, 100)).value();
  }

  // The guest's link from their mail: the secret after /c/.
  std::string guestToken(const std::vector<core::Mail> &list) {
    for (const auto &m : list)
      if (m.kind == core::MailKind::conference_invitation && m.recipient == "judge@court.kz") {
        const std::string link = m.params.at("link");
        return link.substr(link.find("/c/") + 3);
      }
    return {};
  }
};

TEST_F(ConferenceServiceTest, ScheduleMailsEveryInviteeAndOutsidersSeeNothing) {
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  auto v = run(conferences.schedule(lawyer, input())).value();
  EXPECT_EQ(v.my_role, ConferenceRole::moderator);
  ASSERT_EQ(v.participants.size(), 4u);
  EXPECT_EQ(v.participants[0].user_id, lawyer.user->id);
  EXPECT_EQ(v.participants[1].role, ConferenceRole::moderator); // the mediator
  EXPECT_EQ(v.participants[2].role, ConferenceRole::speaker);
  EXPECT_EQ(v.participants[3].email, "judge@court.kz");
  EXPECT_EQ(v.conference.agenda.size(), 2u);
  EXPECT_EQ(v.phase, cf::Phase::upcoming);

  const auto list = mails();
  ASSERT_EQ(list.size(), 3u); // two specialists and the guest, not the organiser
  for (const auto &m : list) {
    EXPECT_EQ(m.kind, core::MailKind::conference_invitation);
    EXPECT_EQ(m.params.at("uid"), "conference-" + v.conference.id);
  }
  EXPECT_EQ(guestToken(list).size(), 48u);

  // Another organisation's specialist invited sees it as a speaker, without guests' e-mails.
  auto speaker = run(conferences.get(as("lawyer.wko@demo.kelisim.kz"), v.conference.id)).value();
  EXPECT_EQ(speaker.my_role, ConferenceRole::speaker);
  EXPECT_EQ(speaker.participants[3].email, "");
  // Outsiders, the centre's coordinator and the admin included, get not_found.
  for (const char *email : {"psychologist@demo.kelisim.kz", "coordinator.astana@demo.kelisim.kz",
                            "admin@demo.kelisim.kz", "citizen@demo.kelisim.kz"}) {
    EXPECT_EQ(run(conferences.get(as(email), v.conference.id)).error().code, ErrorCode::not_found)
        << email;
    EXPECT_EQ(run(conferences.seat(as(email), v.conference.id)).error().code, ErrorCode::not_found);
  }
  auto mine = run(conferences.mine(as("mediator@demo.kelisim.kz"))).value();
  EXPECT_TRUE(std::any_of(mine.begin(), mine.end(),
                          [&](const auto &c) { return c.conference.id == v.conference.id; }));
  EXPECT_TRUE(run(conferences.mine(as("psychologist@demo.kelisim.kz"))).value().empty());
}

TEST_F(ConferenceServiceTest, ValidationNamesTheFields) {
  auto in = input();
  in.ends_at = *in.starts_at - 1h;
  in.guests = std::vector<GuestInput>{{"", "not-an-address", std::nullopt}};
  in.specialists = std::vector<std::string>{id("citizen@demo.kelisim.kz")};
  auto r = run(conferences.schedule(as("lawyer@demo.kelisim.kz"), in));
  ASSERT_FALSE(r);
  std::set<std::string> fields;
  for (const auto &f : r.error().fields) fields.insert(f.field);
  EXPECT_TRUE(fields.count("ends_at"));
  EXPECT_TRUE(fields.count("guests.0.name"));
  EXPECT_TRUE(fields.count("guests.0.email"));
  EXPECT_TRUE(fields.count("specialists.0"));
  EXPECT_EQ(run(conferences.schedule(as("citizen@demo.kelisim.kz"), input())).error().code,
            ErrorCode::forbidden);
}

TEST_F(ConferenceServiceTest, AGuestJoinsByTheLinkOnceAndComesBack) {
  auto v = run(conferences.schedule(as("lawyer@demo.kelisim.kz"), input())).value();
  const std::string token = guestToken(mails());
  // A staff session on this device is never replaced.
  auto staff = run(conferences.join(as("psychologist@demo.kelisim.kz"), token));
  ASSERT_FALSE(staff);
  EXPECT_EQ(staff.error().code, ErrorCode::other_account);
  EXPECT_EQ(staff.error().fields.at(0).field, "token");
  EXPECT_EQ(run(conferences.join(Caller{}, std::string(48, 'a'))).error().code,
            ErrorCode::not_found);

  auto joined = run(conferences.join(Caller{}, token)).value();
  ASSERT_TRUE(joined.session);
  EXPECT_EQ(joined.view.conference.id, v.conference.id);
  EXPECT_EQ(joined.session->user.display_name, "Судья Ахметова");
  Caller guest{joined.session->user, "127.0.0.1", "r"};
  auto seat = run(conferences.seat(guest, v.conference.id)).value();
  EXPECT_EQ(seat.role, ConferenceRole::guest);
  EXPECT_EQ(seat.display_name, "Судья Ахметова");
  EXPECT_EQ(run(conferences.get(guest, v.conference.id)).value().my_role, ConferenceRole::guest);
  // Guests read, they do not write.
  EXPECT_EQ(run(conferences.saveMinutes(guest, v.conference.id, v.conference.agenda[0].id, "x"))
                .error()
                .code,
            ErrorCode::forbidden);
  ProposalInput p;
  p.text = "x";
  p.owner_name = "x";
  p.due_date = "2026-01-01";
  EXPECT_EQ(run(conferences.propose(guest, v.conference.id, p)).error().code, ErrorCode::forbidden);
  EXPECT_EQ(run(conferences.proposals(guest, {})).error().code, ErrorCode::forbidden);

  // The same link later, on another device: the same account again.
  auto again = run(conferences.join(Caller{}, token)).value();
  ASSERT_TRUE(again.session);
  EXPECT_EQ(again.session->user.id, joined.session->user.id);
  // Already signed in as that guest: nothing new.
  EXPECT_FALSE(run(conferences.join(guest, token)).value().session);

  // Cancelled: every invitee but the one who cancelled is told; the link and the seat are gone.
  run(conferences.cancel(as("mediator@demo.kelisim.kz"), v.conference.id)).value();
  std::set<std::string> told;
  for (const auto &m : mails()) {
    EXPECT_EQ(m.kind, core::MailKind::conference_cancelled);
    told.insert(m.recipient);
  }
  EXPECT_EQ(told, (std::set<std::string>{"lawyer@demo.kelisim.kz", "lawyer.wko@demo.kelisim.kz",
                                         "judge@court.kz"}));
  EXPECT_EQ(run(conferences.join(Caller{}, token)).error().code, ErrorCode::not_found);
  EXPECT_EQ(run(conferences.seat(guest, v.conference.id)).error().code, ErrorCode::not_found);
}

TEST_F(ConferenceServiceTest, MinutesAndProposalsFollowTheRoles) {
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  const auto wko = as("lawyer.wko@demo.kelisim.kz");
  auto v = run(conferences.schedule(lawyer, input())).value();
  const std::string item = v.conference.agenda[1].id;
  auto saved = run(conferences.saveMinutes(lawyer, v.conference.id, item, "Agreed.")).value();
  EXPECT_EQ(saved.conference.agenda[1].minutes, "Agreed.");
  EXPECT_EQ(run(conferences.saveMinutes(wko, v.conference.id, item, "x")).error().code,
            ErrorCode::forbidden);
  EXPECT_EQ(
      run(conferences.saveMinutes(as("psychologist@demo.kelisim.kz"), v.conference.id, item, "x"))
          .error()
          .code,
      ErrorCode::not_found);

  ProposalInput in;
  in.text = "A guide on mediation for family courts";
  in.owner_id = wko.user->id;
  in.due_date = "2026-03-01";
  in.agenda_item_id = item;
  auto p = run(conferences.propose(lawyer, v.conference.id, in)).value();
  EXPECT_EQ(p.proposal.status, cf::ProposalStatus::open);
  EXPECT_EQ(p.agenda_title, "Cases");
  EXPECT_EQ(p.owner, wko.user->display_name);
  ProposalInput bad = in;
  bad.owner_id = as("psychologist@demo.kelisim.kz").user->id; // not invited
  bad.due_date = "2026-02-30";
  auto refused = run(conferences.propose(lawyer, v.conference.id, bad));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.size(), 2u);

  // The owner changes the status, and only the status; another speaker nothing.
  ProposalInput text_only;
  text_only.text = "changed";
  EXPECT_EQ(run(conferences.changeProposal(wko, p.proposal.id, text_only)).error().code,
            ErrorCode::forbidden);
  ProposalInput progress;
  progress.status = cf::ProposalStatus::in_progress;
  EXPECT_EQ(run(conferences.changeProposal(wko, p.proposal.id, progress)).value().proposal.status,
            cf::ProposalStatus::in_progress);
  EXPECT_EQ(
      run(conferences.changeProposal(as("psychologist@demo.kelisim.kz"), p.proposal.id, progress))
          .error()
          .code,
      ErrorCode::not_found);

  // The open list: the participants', the centre's coordinator's, the admin's; not others'.
  ProposalFilter open;
  open.status = cf::ProposalStatus::in_progress;
  auto ids = [&](const std::string &email) {
    std::vector<std::string> out;
    auto all = run(conferences.proposals(as(email), open));
    if (!all) ADD_FAILURE() << "error " << static_cast<int>(all.error().code) << all.error().log;
    for (const auto &x : all.value())
      if (x.proposal.conference_id == v.conference.id) out.push_back(x.proposal.id);
    return out;
  };
  EXPECT_EQ(ids("lawyer.wko@demo.kelisim.kz").size(), 1u);
  EXPECT_EQ(ids("coordinator.astana@demo.kelisim.kz").size(), 1u);
  EXPECT_EQ(ids("admin@demo.kelisim.kz").size(), 1u);
  EXPECT_TRUE(ids("coordinator.wko@demo.kelisim.kz").empty());
  EXPECT_TRUE(ids("psychologist@demo.kelisim.kz").empty());

  ProposalInput done;
  done.status = cf::ProposalStatus::done;
  auto closed = run(conferences.changeProposal(lawyer, p.proposal.id, done)).value();
  EXPECT_EQ(closed.proposal.closed_at, clock.now());
  EXPECT_TRUE(ids("lawyer.wko@demo.kelisim.kz").empty());
}

TEST_F(ConferenceServiceTest, EditsKeepMinutesAndLinksAndMailOnlyNewInvitees) {
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  auto v = run(conferences.schedule(lawyer, input())).value();
  const std::string token = guestToken(mails());
  run(conferences.saveMinutes(lawyer, v.conference.id, v.conference.agenda[0].id, "kept")).value();
  ScheduleInput edit;
  edit.agenda = std::vector<AgendaInput>{{v.conference.agenda[0].id, "Opening words"},
                                         {std::nullopt, "Closing"}};
  edit.guests = std::vector<GuestInput>{{"Судья Ахметова", "judge@court.kz", std::nullopt},
                                        {"Адвокат Ким", "kim@bar.kz", core::Language::en}};
  auto e = run(conferences.update(lawyer, v.conference.id, edit)).value();
  EXPECT_EQ(e.conference.agenda[0].minutes, "kept");
  EXPECT_EQ(e.conference.agenda[0].title, "Opening words");
  EXPECT_EQ(e.conference.agenda.size(), 2u);
  // The guest invited before keeps the language they were invited in (ru, not the
  // conference's kk) when the edit does not say.
  const auto judge =
      std::find_if(e.conference.participants.begin(), e.conference.participants.end(),
                   [](const auto &p) { return p.email == "judge@court.kz"; });
  ASSERT_NE(judge, e.conference.participants.end());
  EXPECT_EQ(judge->language, core::Language::ru);
  const auto list = mails();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].recipient, "kim@bar.kz");
  EXPECT_TRUE(run(conferences.join(Caller{}, token))); // the first guest's link still works
  EXPECT_EQ(
      run(conferences.update(as("lawyer.wko@demo.kelisim.kz"), v.conference.id, edit)).error().code,
      ErrorCode::forbidden);
}

} // namespace
} // namespace kelisim::app::conference
