// A case from the invitation to the settlement through CaseService on the real SQLite store,
// with the demo's people: the citizen opens, another citizen accepts by link, both choose the
// demo mediator (Гүлнар Бекова, mediator@), the contract and the settlement are signed.
#include "app/mediation/case_service.hpp"

#include "app/reception/testing.hpp"
#include "app/sodium_random.hpp"
#include "core/mediation/deadlines.hpp"

#include <gtest/gtest.h>

namespace kelisim::app::mediation {
namespace {

using core::ErrorCode;
using reception::testing::run;

constexpr const char *kCitizen = "citizen@demo.kelisim.kz";
constexpr const char *kCoordinator = "coordinator.astana@demo.kelisim.kz";
constexpr const char *kMediator = "mediator@demo.kelisim.kz";
const std::string kIin = "900515301234";
const std::string kBin = "150340001236";

// Documents as the port promises them: the same bytes for the same fixed fields. The real
// PDFs are transport/documents' (tested there with pdftotext); here only the binding matters.
struct TextDocuments final : core::MediationDocuments {
  core::Result<std::string> contract(const md::Case &c) const override {
    if (c.contract.version == 0) return ErrorCode::not_found;
    return "contract|" + c.id + "|" + c.contract.place + "|" + c.contract.procedure + "|" +
           std::to_string(c.contract.version);
  }
  core::Result<std::string> settlement(const md::Case &c, int number) const override {
    if (number < 1 || number > static_cast<int>(c.settlement.versions.size()))
      return ErrorCode::not_found;
    const auto &v = c.settlement.versions[number - 1];
    std::string out = "settlement|" + c.id + "|" + v.place + "|" + v.terms + "|" + v.consequences;
    for (const auto &o : v.obligations) out += "|" + o.owed_by + ":" + o.what;
    return out;
  }
  core::Result<std::string> terminationNotice(const md::Case &c) const override {
    if (!md::noticeAvailable(c)) return ErrorCode::not_found;
    return "notice|" + c.id;
  }
  core::Result<std::string> courtExtensionNotice(const md::Case &c,
                                                 std::size_t index) const override {
    if (index >= c.extensions.size() || !c.extensions[index].court_notice)
      return ErrorCode::not_found;
    return "court|" + c.id;
  }
  core::Result<std::string> courtPackage(const md::Case &c) const override {
    if (!c.ending || c.ending->ground != md::EndGround::settled) return ErrorCode::not_found;
    return "package|" + c.id;
  }
};

struct CaseActionsTest : reception::testing::DemoReception {
  TextDocuments documents;
  MailSettings mail{"https://kelisim.example"};
  CaseService cases{*db.store, clock, random, mail, &documents};

  OpenCaseInput input() {
    OpenCaseInput in;
    in.parties = {{"Айгерим Сапарова", md::PartyKind::person, kIin, std::nullopt},
                  {"Ержан Омаров", md::PartyKind::person, "900515301234", "erzhan@example.kz"}};
    in.parties[1].identifier = kIin; // both valid; the ids differ, not the numbers
    in.subject = "Долг по договору займа";
    in.category = md::DisputeCategory::civil;
    in.language = core::Language::ru;
    in.region = "KZ-ALA";
    in.screening.third_party_rights = md::Answer::no;
    in.screening.incapable_party = md::Answer::no;
    in.screening.state_body = md::Answer::no;
    return in;
  }
  Caller otherCitizen() {
    SignUpInput in{"erzhan@example.kz", "correct-horse-1", "Ержан", core::Language::ru, true,
                   std::nullopt};
    auto signed_up = run(auth.signUp(std::move(in), Caller{}));
    EXPECT_TRUE(signed_up);
    return Caller{signed_up->user, "10.0.0.8", "r"};
  }
  std::string registerIdOf(const char *email) {
    auto m = run(db.store->findMediatorByUser(as(email).user->id));
    EXPECT_TRUE(m);
    return m ? m->id : std::string();
  }
  // The secret part of a link: what follows '#'.
  static std::string tokenOf(const std::string &url) { return url.substr(url.find('#') + 1); }

  struct Invited {
    std::string id;
    std::string token;
  };
  Invited openAndInvite() {
    auto v = run(cases.open(as(kCitizen), input()));
    EXPECT_TRUE(v) << (v ? "" : v.error().log);
    auto sent = run(cases.invite(as(kCitizen), v->c.id, std::nullopt, v->version));
    EXPECT_TRUE(sent) << (sent ? "" : sent.error().log);
    EXPECT_EQ(sent->links.size(), 1u);
    return {v->c.id, tokenOf(sent->links.at(0).url)};
  }
  // Open, invite, accept, choose the demo mediator: a case in contracting.
  std::string contracting(const Caller &other) {
    const auto inv = openAndInvite();
    EXPECT_TRUE(run(cases.acceptInvitation(other, inv.token)));
    const auto reg = registerIdOf(kMediator);
    EXPECT_TRUE(run(cases.proposeMediator(as(kCitizen), inv.id, reg)));
    EXPECT_TRUE(run(cases.agreeMediator(other, inv.id, reg)));
    auto declared = run(cases.declare(as(kMediator), inv.id, false, ""));
    EXPECT_TRUE(declared) << (declared ? "" : declared.error().log);
    EXPECT_EQ(declared->c.stage, md::CaseStage::contracting);
    return inv.id;
  }
  std::string running(const Caller &other) {
    const auto id = contracting(other);
    auto drafted = run(cases.draftContract(as(kMediator), id, {"онлайн, Алматы", "", {}}));
    EXPECT_TRUE(drafted) << (drafted ? "" : drafted.error().log);
    const SignInput sign{drafted->c.contract.version, drafted->c.contract.document_hash, {}};
    for (const auto &who : {as(kCitizen), other, as(kMediator)})
      EXPECT_TRUE(run(cases.acceptContract(who, id, sign)));
    return id;
  }
  SettlementInput settlement(const std::string &owed_by, std::string what) {
    SettlementInput in;
    in.place = "онлайн, Алматы";
    in.terms = "Стороны договорились о возврате долга частями.";
    in.consequences = "Неустойка 0,1 % в день.";
    in.obligations = {
        {owed_by, std::move(what), "банковским переводом", clock.now() + std::chrono::days(20)}};
    return in;
  }
};

TEST_F(CaseActionsTest, TheInvitationIsALinkAndAMailAndTheAcceptingAccountTakesThePartysPlace) {
  const auto other = otherCitizen();
  const auto inv = openAndInvite();
  EXPECT_TRUE(inv.token.starts_with(inv.id + "."));
  // Anyone holding the link sees what it invites to.
  auto preview = run(cases.invitation(inv.token));
  ASSERT_TRUE(preview) << preview.error().log;
  EXPECT_EQ(preview->party_name, "Ержан Омаров");
  EXPECT_EQ(preview->inviter, "Айгерим Сапарова");
  EXPECT_EQ(run(cases.invitation(inv.id + ".wrong")).error().code, ErrorCode::not_found);
  EXPECT_EQ(run(cases.invitation("no-dot")).error().code, ErrorCode::not_found);
  // The applicant cannot accept their own invitation.
  EXPECT_EQ(run(cases.acceptInvitation(as(kCitizen), inv.token)).error().code, ErrorCode::conflict);
  auto accepted = run(cases.acceptInvitation(other, inv.token));
  ASSERT_TRUE(accepted) << accepted.error().log;
  EXPECT_EQ(accepted->c.stage, md::CaseStage::choosing_mediator);
  EXPECT_EQ(accepted->c.parties[1].id, other.user->id);
  EXPECT_FALSE(accepted->c.parties[1].invite_hash);
  EXPECT_FALSE(accepted->c.parties[1].email);
  // The other party now reads the case; the link is spent.
  EXPECT_TRUE(run(cases.get(other, inv.id)));
  EXPECT_EQ(run(cases.invitation(inv.token)).error().code, ErrorCode::not_found);
  EXPECT_EQ(run(cases.mine(other)).value().size(), 1u);
}

TEST_F(CaseActionsTest, SendingAgainMakesANewLinkAndTheOldOneStopsWorking) {
  const auto inv = openAndInvite();
  auto again = run(cases.invite(as(kCitizen), inv.id, 3));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->view.c.answer_days, std::nullopt); // the first sending's term stays
  EXPECT_EQ(run(cases.invitation(inv.token)).error().code, ErrorCode::not_found);
  EXPECT_TRUE(run(cases.invitation(tokenOf(again->links.at(0).url))));
  // Only a party who consented sends it.
  EXPECT_EQ(run(cases.invite(as(kMediator), inv.id, std::nullopt)).error().code,
            ErrorCode::not_found);
}

TEST_F(CaseActionsTest, ARefusalByLinkEndsTheCaseAndAStaleVersionIsAConflict) {
  const auto inv = openAndInvite();
  EXPECT_EQ(run(cases.withdraw(as(kCitizen), inv.id, 1)).error().code, ErrorCode::conflict);
  ASSERT_TRUE(run(cases.refuseInvitation(Caller{}, inv.token)));
  const auto c = run(cases.get(as(kCitizen), inv.id)).value();
  EXPECT_EQ(c.c.ending->ground, md::EndGround::invitation_refused);
  EXPECT_EQ(run(cases.refuseInvitation(Caller{}, inv.token)).error().code, ErrorCode::not_found);
}

TEST_F(CaseActionsTest, AnInvitationPastItsTermIsClosed) {
  const auto inv = openAndInvite();
  clock.advance(std::chrono::days(11));
  EXPECT_EQ(run(cases.invitation(inv.token)).error().code, ErrorCode::not_found);
}

TEST_F(CaseActionsTest, OnlyActiveMediatorsWithAnAccountArePutForward) {
  const auto other = otherCitizen();
  const auto inv = openAndInvite();
  ASSERT_TRUE(run(cases.acceptInvitation(other, inv.token)));
  core::MediatorQuery all;
  const auto list = run(db.store->listMediators(all)).value();
  std::string suspended, unlinked;
  for (const auto &m : list) {
    if (m.status == md::MediatorStatus::suspended) suspended = m.id;
    if (m.status == md::MediatorStatus::active && !m.user_id) unlinked = m.id;
  }
  ASSERT_FALSE(suspended.empty());
  const auto fieldOf = [](const core::Error &e) {
    return e.fields.empty() ? std::string() : e.fields[0].field + ":" + e.fields[0].code;
  };
  EXPECT_EQ(fieldOf(run(cases.proposeMediator(as(kCitizen), inv.id, suspended)).error()),
            "register_id:not_available");
  if (!unlinked.empty())
    EXPECT_EQ(fieldOf(run(cases.proposeMediator(as(kCitizen), inv.id, unlinked)).error()),
              "register_id:not_available");
  EXPECT_EQ(fieldOf(run(cases.proposeMediator(as(kCitizen), inv.id, "nope")).error()),
            "register_id:not_found");
  // The mediator proposed reads the case (to declare a conflict) with the register's name.
  auto proposed = run(cases.proposeMediator(as(kCitizen), inv.id, registerIdOf(kMediator)));
  ASSERT_TRUE(proposed);
  EXPECT_EQ(proposed->c.mediators[0].name, "Гүлнар Бекова");
  EXPECT_FALSE(proposed->c.mediators[0].keeper.empty());
  EXPECT_EQ(run(cases.get(as(kMediator), inv.id))->my_role, CaseRole::mediator);
  // Nobody but the mediator declares.
  EXPECT_EQ(run(cases.declare(as(kCitizen), inv.id, false, "")).error().code, ErrorCode::forbidden);
  EXPECT_EQ(run(cases.declare(as(kMediator), inv.id, true, "")).error().code,
            ErrorCode::validation_failed);
}

TEST_F(CaseActionsTest, TheContractAcceptedByAllStartsTheThirtyDayClock) {
  const auto other = otherCitizen();
  const auto id = contracting(other);
  auto drafted = run(cases.draftContract(as(kCitizen), id, {"онлайн", "по вторникам", {}}));
  ASSERT_TRUE(drafted) << drafted.error().log;
  const auto &k = drafted->c.contract;
  EXPECT_EQ(k.document_hash, sha256Hex(documents.contract(drafted->c).value()));
  EXPECT_EQ(k.place, "онлайн");
  // An old hash or version is refused; the right one accepted.
  EXPECT_EQ(run(cases.acceptContract(as(kCitizen), id, {k.version, "bad", {}})).error().code,
            ErrorCode::conflict);
  const SignInput sign{k.version, k.document_hash, {}};
  ASSERT_TRUE(run(cases.acceptContract(as(kCitizen), id, sign)));
  ASSERT_TRUE(run(cases.acceptContract(other, id, sign)));
  auto started = run(cases.acceptContract(as(kMediator), id, sign));
  ASSERT_TRUE(started);
  EXPECT_EQ(started->c.stage, md::CaseStage::running);
  EXPECT_EQ(started->c.started_at, clock.now());
  EXPECT_EQ(md::daysLeft(started->c, clock.now()), 30);
  // A CMS signature cannot be verified yet here: refused with its field, nothing saved.
  auto doc = run(cases.document(as(kCitizen), id, CaseDocumentKind::contract));
  ASSERT_TRUE(doc);
  EXPECT_EQ(sha256Hex(doc->pdf), k.document_hash);
  EXPECT_EQ(doc->filename, "contract-" + id + ".pdf");
}

TEST_F(CaseActionsTest, ASettlementChangedThenSignedByAllEndsSettled) {
  const auto other = otherCitizen();
  const auto id = running(other);
  const auto first = run(
      cases.draftSettlement(as(kMediator), id, settlement(other.user->id, "вернуть 100 000 ₸")));
  ASSERT_TRUE(first) << first.error().log;
  const auto second =
      run(cases.draftSettlement(as(kCitizen), id, settlement(other.user->id, "вернуть 90 000 ₸")));
  ASSERT_TRUE(second);
  const auto &versions = second->c.settlement.versions;
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_NE(versions[0].document_hash, versions[1].document_hash);
  EXPECT_EQ(versions[1].obligations.at(0).what, "вернуть 90 000 ₸");
  // Who owes must be a party; every Art. 27 item is required.
  auto bad = settlement("stranger", "x");
  bad.consequences.clear();
  const auto refused = run(cases.draftSettlement(as(kCitizen), id, bad)).error();
  std::vector<std::string> fields;
  for (const auto &f : refused.fields) fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"consequences:required"}));
  bad.consequences = "x";
  EXPECT_EQ(run(cases.draftSettlement(as(kCitizen), id, bad)).error().fields.at(0).field,
            "obligations[0].owed_by");

  const SignInput sign{2, versions[1].document_hash, {}};
  EXPECT_EQ(
      run(cases.signSettlement(as(kCitizen), id, {1, versions[0].document_hash, {}})).error().code,
      ErrorCode::conflict);
  ASSERT_TRUE(run(cases.signSettlement(as(kCitizen), id, sign)));
  ASSERT_TRUE(run(cases.signSettlement(other, id, sign)));
  auto settled = run(cases.signSettlement(as(kMediator), id, sign));
  ASSERT_TRUE(settled);
  EXPECT_EQ(settled->c.ending->ground, md::EndGround::settled);
  // The follow-up: a party marks the obligation; the court package is there.
  auto marked = run(cases.markObligation(other, id, "1", true));
  ASSERT_TRUE(marked) << marked.error().log;
  EXPECT_EQ(marked->c.settlement.obligations[0].performed, true);
  EXPECT_TRUE(run(cases.document(other, id, CaseDocumentKind::court_package)));
  EXPECT_TRUE(run(cases.document(other, id, CaseDocumentKind::settlement, 1)));
  EXPECT_EQ(run(cases.document(other, id, CaseDocumentKind::settlement, 3)).error().code,
            ErrorCode::not_found);
}

TEST_F(CaseActionsTest, NobodyElseReadsTheCaseOrItsDocumentsOrActsOnIt) {
  const auto other = otherCitizen();
  const auto id = running(other);
  for (const auto &who :
       {as(kCoordinator), as("admin@demo.kelisim.kz"), as("mediator.astana@demo.kelisim.kz")}) {
    EXPECT_EQ(run(cases.get(who, id)).error().code, ErrorCode::not_found);
    EXPECT_EQ(run(cases.document(who, id, CaseDocumentKind::contract)).error().code,
              ErrorCode::not_found);
    EXPECT_EQ(run(cases.requestExtension(who, id, 10)).error().code, ErrorCode::not_found);
    EXPECT_EQ(run(cases.recordChildThreat(who, id, "x")).error().code, ErrorCode::not_found);
  }
  EXPECT_EQ(run(cases.document(Caller{}, id, CaseDocumentKind::contract)).error().code,
            ErrorCode::unauthenticated);
}

TEST_F(CaseActionsTest, TheTermExtendsToSixtyDaysAndNoFurther) {
  const auto other = otherCitizen();
  const auto id = running(other);
  ASSERT_TRUE(run(cases.requestExtension(as(kCitizen), id, 30)));
  ASSERT_TRUE(run(cases.agreeExtension(other, id)));
  auto granted = run(cases.agreeExtension(as(kMediator), id)); // out of court: Art. 20 p.9
  ASSERT_TRUE(granted) << granted.error().log;
  EXPECT_EQ(granted->c.term_days, 60);
  const auto beyond = run(cases.requestExtension(as(kCitizen), id, 1)).error();
  ASSERT_EQ(beyond.fields.size(), 1u);
  EXPECT_EQ(beyond.fields[0].code, "term_limit");
}

TEST_F(CaseActionsTest, AChildThreatIsRecordedByTheMediatorOnly) {
  const auto other = otherCitizen();
  const auto id = running(other);
  EXPECT_EQ(run(cases.recordChildThreat(other, id, "x")).error().code, ErrorCode::forbidden);
  auto recorded = run(cases.recordChildThreat(as(kMediator), id, "угроза здоровью ребёнка"));
  ASSERT_TRUE(recorded);
  EXPECT_TRUE(md::confidentialityLifted(recorded->c));
  EXPECT_EQ(recorded->c.stage, md::CaseStage::running); // it does not end the case
}

TEST_F(CaseActionsTest, AWithdrawalOffersTheNoticeOfTermination) {
  const auto other = otherCitizen();
  const auto id = running(other);
  ASSERT_TRUE(run(cases.withdraw(other, id)));
  EXPECT_EQ(run(cases.document(as(kCitizen), id, CaseDocumentKind::notice)).error().code,
            ErrorCode::not_found); // not asked for yet
  auto asked = run(cases.requestNotice(as(kCitizen), id));
  ASSERT_TRUE(asked) << asked.error().log;
  EXPECT_TRUE(run(cases.document(as(kCitizen), id, CaseDocumentKind::notice)));
}

TEST_F(CaseActionsTest, TheButtonsFollowTheRules) {
  const auto other = otherCitizen();
  const auto id = contracting(other);
  const auto c = run(cases.get(as(kCitizen), id)).value().c;
  const auto can = possibleActions(c, as(kCitizen).user->id, clock.now());
  const auto has = [&](const char *a) { return std::find(can.begin(), can.end(), a) != can.end(); };
  EXPECT_TRUE(has("draft_contract"));
  EXPECT_TRUE(has("withdraw"));
  EXPECT_FALSE(has("accept_contract")); // nothing drafted yet
  EXPECT_FALSE(has("declare"));
  EXPECT_FALSE(has("sign_settlement"));
  const auto mediator = possibleActions(c, as(kMediator).user->id, clock.now());
  EXPECT_TRUE(std::find(mediator.begin(), mediator.end(), "record_child_threat") != mediator.end());
  EXPECT_TRUE(std::find(mediator.begin(), mediator.end(), "withdraw") == mediator.end());
}

} // namespace
} // namespace kelisim::app::mediation
