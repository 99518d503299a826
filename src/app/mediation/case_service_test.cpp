#include "app/mediation/case_service.hpp"

#include "app/reception/testing.hpp"
#include "core/mediation/case_lifecycle.hpp"

#include <gtest/gtest.h>

namespace kelisim::app::mediation {
namespace {

using core::ErrorCode;
using reception::testing::run;

constexpr const char *kCitizen = "citizen@demo.kelisim.kz";
constexpr const char *kCoordinator = "coordinator.astana@demo.kelisim.kz";
constexpr const char *kMediator = "mediator@demo.kelisim.kz";
const std::string kIin = "900515301234"; // identity_test's, worked out by hand
const std::string kBin = "150340001236";
const std::string kSubject = "Долг по договору займа";

struct CaseServiceTest : reception::testing::DemoReception {
  CaseService cases{*db.store, clock, random};

  OpenCaseInput input() {
    OpenCaseInput in;
    in.parties = {{"Айгерим Сапарова", md::PartyKind::person, kIin, std::nullopt},
                  {"ТОО «Акме»", md::PartyKind::organisation, kBin, "Legal@Acme.kz"}};
    in.subject = kSubject;
    in.category = md::DisputeCategory::civil;
    in.language = core::Language::kk;
    in.screening.third_party_rights = md::Answer::no;
    in.screening.incapable_party = md::Answer::no;
    in.screening.state_body = md::Answer::no;
    return in;
  }
  Caller anotherCitizen() {
    SignUpInput in{"aigerim@example.kz", "correct-horse-1", "Айгерим", core::Language::kk, true,
                   std::nullopt};
    auto signed_up = run(auth.signUp(std::move(in), Caller{}));
    EXPECT_TRUE(signed_up);
    return Caller{signed_up->user, "10.0.0.7", "r"};
  }
  CaseView opened() {
    auto v = run(cases.open(as(kCitizen), input()));
    EXPECT_TRUE(v) << (v ? "" : v.error().log);
    return v ? std::move(v).value() : CaseView{};
  }
  std::vector<std::string> fieldsOf(const core::Error &e) {
    std::vector<std::string> out;
    for (const auto &f : e.fields) out.push_back(f.field + ":" + f.code);
    return out;
  }
};

TEST_F(CaseServiceTest, ACitizenOpensTheirOwnCaseScreenedAndInviting) {
  const auto me = as(kCitizen);
  const auto v = opened();
  EXPECT_EQ(v.version, 1);
  EXPECT_EQ(v.my_role, CaseRole::party);
  EXPECT_EQ(v.c.stage, md::CaseStage::inviting);
  EXPECT_EQ(v.c.source, md::Source::party);
  EXPECT_EQ(v.c.category, "civil");
  EXPECT_EQ(v.c.language, "kk");
  ASSERT_EQ(v.c.parties.size(), 2u);
  EXPECT_EQ(v.c.parties[0].id, me.user->id);
  EXPECT_TRUE(v.c.parties[0].consented_at); // Art. 5: the opener consents
  EXPECT_FALSE(v.c.parties[1].consented_at);
  EXPECT_FALSE(v.c.parties[1].id.empty());
  EXPECT_EQ(v.c.parties[1].email, "legal@acme.kz");
  const auto read = run(cases.get(me, v.c.id)).value();
  EXPECT_EQ(read.c, v.c);
  EXPECT_EQ(read.version, 1);
  const auto mine = run(cases.mine(me)).value();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].id, v.c.id);
  EXPECT_EQ(run(cases.open(Caller{}, input())).error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(run(cases.open(as("admin@demo.kelisim.kz"), input())).error().code,
            ErrorCode::forbidden);
}

TEST_F(CaseServiceTest, IdentifiersAndFieldsAreCheckedWithTheirNames) {
  const auto me = as(kCitizen);
  auto in = input();
  in.parties[0].identifier = "900515301235"; // wrong control digit
  in.parties[1].identifier = kIin;           // an IIN where a BIN is due
  in.parties[1].email.reset();
  in.subject.clear();
  const auto e = run(cases.open(me, in)).error();
  EXPECT_EQ(e.code, ErrorCode::validation_failed);
  EXPECT_EQ(fieldsOf(e),
            (std::vector<std::string>{"parties[0].identifier:check_digit",
                                      "parties[1].identifier:entity_type", "subject:required"}));
  in = input();
  in.parties.pop_back();
  EXPECT_EQ(fieldsOf(run(cases.open(me, in)).error()), std::vector<std::string>{"parties:too_few"});
  in = input();
  in.screening.state_body = md::Answer::unknown;
  EXPECT_EQ(fieldsOf(run(cases.open(me, in)).error()),
            std::vector<std::string>{"screening.state_body:required"});
  EXPECT_TRUE(run(cases.mine(me)).value().empty()); // nothing saved
}

TEST_F(CaseServiceTest, ARefusedScreeningIsSavedEndedWithItsGround) {
  const auto me = as(kCitizen);
  auto in = input();
  in.screening.third_party_rights = md::Answer::yes; // Art. 1 p.3
  const auto v = run(cases.open(me, in)).value();
  EXPECT_EQ(v.c.stage, md::CaseStage::ended);
  ASSERT_TRUE(v.c.ending);
  EXPECT_EQ(v.c.ending->ground, md::EndGround::screening_refused);
  EXPECT_EQ(v.c.ending->detail, "third_party_rights");
  EXPECT_EQ(run(cases.get(me, v.c.id)).value().c, v.c);
}

TEST_F(CaseServiceTest, OnlyTheCasesPeopleReadItAndEveryReadIsAuditedWithoutContent) {
  const auto v = opened();
  for (const auto &outsider :
       {anotherCitizen(), as(kCoordinator), as("admin@demo.kelisim.kz"), as(kMediator)}) {
    EXPECT_EQ(run(cases.get(outsider, v.c.id)).error().code, ErrorCode::not_found);
    EXPECT_TRUE(run(cases.mine(outsider)).value().empty());
  }
  EXPECT_EQ(run(cases.get(Caller{}, v.c.id)).error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(run(cases.get(as(kCitizen), "nope")).error().code, ErrorCode::not_found);
  ASSERT_TRUE(run(cases.get(as(kCitizen), v.c.id)));

  core::AuditQuery q;
  q.object_id = v.c.id;
  const auto entries = run(db.store->searchAudit(q)).value();
  std::vector<std::string> actions;
  for (const auto &e : entries) {
    actions.push_back(e.action);
    for (const std::string &secret : {kSubject, std::string("Айгерим"), std::string("Акме"), kIin,
                                      kBin, std::string("acme.kz")})
      EXPECT_EQ(e.detail.find(secret), std::string::npos) << e.action << " " << e.detail;
  }
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"mediation.case_opened", "mediation.case_read"}));
}

TEST_F(CaseServiceTest, ACoordinatorSeesSummariesButNeverContent) {
  const auto v = opened();
  EXPECT_EQ(run(cases.get(as(kCoordinator), v.c.id)).error().code, ErrorCode::not_found);
  const auto listed = run(cases.summaries(as(kCoordinator), {})).value();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, v.c.id);
  EXPECT_EQ(listed[0].stage, md::CaseStage::inviting);
  EXPECT_TRUE(run(cases.summaries(as("admin@demo.kelisim.kz"), {})));
  EXPECT_EQ(run(cases.summaries(as(kCitizen), {})).error().code, ErrorCode::forbidden);
  EXPECT_EQ(run(cases.summaries(as(kMediator), {})).error().code, ErrorCode::forbidden);
}

TEST_F(CaseServiceTest, APartyWithdrawsAndAStaleVersionIsAConflict) {
  const auto me = as(kCitizen);
  const auto v = opened();
  // Two pages read version 1; then someone else's change moves the case to version 2.
  const auto first = run(cases.get(me, v.c.id)).value();
  core::UnitOfWork other;
  other.add(core::CaseSaved{first.c, caseReaders(first.c), first.version});
  ASSERT_TRUE(run(db.store->commit(other)));
  EXPECT_EQ(run(cases.withdraw(me, v.c.id, first.version)).error().code, ErrorCode::conflict);
  // The service's own write carries the version it read: a write in between is a conflict.
  core::UnitOfWork stale;
  stale.add(core::CaseSaved{first.c, caseReaders(first.c), first.version});
  EXPECT_EQ(run(db.store->commit(stale)).error().code, ErrorCode::conflict);
  EXPECT_EQ(run(cases.get(me, v.c.id)).value().c.stage, md::CaseStage::inviting);

  const auto done = run(cases.withdraw(me, v.c.id, 2)).value();
  EXPECT_EQ(done.version, 3);
  EXPECT_EQ(done.c.ending->ground, md::EndGround::party_refused); // Art. 5, Art. 26 p.1 sp.4
  EXPECT_EQ(done.c.ending->by, me.user->id);
  EXPECT_EQ(run(cases.withdraw(me, v.c.id)).error().code, ErrorCode::conflict); // ended
}

TEST_F(CaseServiceTest, OnlyAPartyWithdrawsAnOutsiderGetsNotFoundAMediatorForbidden) {
  const auto me = as(kCitizen);
  const auto mediator = as(kMediator);
  const auto v = opened();
  EXPECT_EQ(run(cases.withdraw(anotherCitizen(), v.c.id)).error().code, ErrorCode::not_found);
  EXPECT_EQ(run(cases.withdraw(as(kCoordinator), v.c.id)).error().code, ErrorCode::not_found);
  // The other party accepts and a mediator is put forward: the mediator reads the case.
  const auto now = clock.now();
  auto c = md::apply(v.c, md::InvitationSent{}, now, me.user->id);
  ASSERT_TRUE(c);
  c = md::apply(*c, md::InvitationAccepted{}, now, v.c.parties[1].id);
  ASSERT_TRUE(c);
  c = md::apply(*c, md::MediatorProposed{mediator.user->id, false, {}, {}, {}}, now, me.user->id);
  ASSERT_TRUE(c);
  core::UnitOfWork work;
  work.add(core::CaseSaved{*c, caseReaders(*c), 1});
  ASSERT_TRUE(run(db.store->commit(work)));
  EXPECT_EQ(run(cases.get(mediator, v.c.id)).value().my_role, CaseRole::mediator);
  EXPECT_EQ(run(cases.withdraw(mediator, v.c.id)).error().code, ErrorCode::forbidden);
  EXPECT_EQ(run(cases.withdraw(me, v.c.id)).value().c.stage, md::CaseStage::ended);
}

TEST_F(CaseServiceTest, FromAConsultationOnlyTheTicketsOwnCitizenAndStaffForACentre) {
  const auto me = as(kCitizen);
  reception::NewTicket t;
  t.organisation_id = astana_org;
  t.region = "KZ-71";
  t.language = core::Language::ru;
  t.category = "family";
  t.description = "Муж не платит алименты, двое детей";
  t.kinds = {core::SpecialistKind::lawyer};
  t.consent = true;
  const auto submitted = run(queue.submit(me, t));
  ASSERT_TRUE(submitted);
  const auto ticket = submitted->view.ticket.id;
  auto in = input();
  in.ticket_id = ticket;
  EXPECT_EQ(fieldsOf(run(cases.open(anotherCitizen(), in)).error()),
            std::vector<std::string>{"ticket_id:not_found"});
  const auto from_ticket = run(cases.open(me, in));
  ASSERT_TRUE(from_ticket) << from_ticket.error().log;
  const auto &v = from_ticket.value();
  EXPECT_EQ(v.c.source, md::Source::consultation);
  EXPECT_EQ(v.c.ticket_id, ticket);

  // A centre's coordinator opens for two parties, both to be invited by e-mail; they do not
  // become readers of what they filed (Art. 8).
  const auto coordinator = as(kCoordinator);
  in = input();
  EXPECT_EQ(fieldsOf(run(cases.open(coordinator, in)).error()),
            std::vector<std::string>{"parties[0].email:required"});
  in.parties[0].email = "aigerim@example.kz";
  const auto filed_r = run(cases.open(coordinator, in));
  ASSERT_TRUE(filed_r) << filed_r.error().log;
  const auto &filed = filed_r.value();
  EXPECT_EQ(filed.c.source, md::Source::centre);
  EXPECT_FALSE(filed.my_role);
  EXPECT_FALSE(filed.c.parties[0].consented_at);
  EXPECT_EQ(run(cases.get(coordinator, filed.c.id)).error().code, ErrorCode::not_found);
}

} // namespace
} // namespace kelisim::app::mediation
