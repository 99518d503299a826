#include "core/mediation/case_lifecycle.hpp"

#include "core/mediation/deadlines.hpp"
#include "core/mediation/testing.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace kelisim::core::mediation {

using namespace testing;
using S = CaseStage;
using G = EndGround;

namespace {

// One event of each kind, and the header's table written out again: the stages it may start
// from.
const std::vector<std::pair<CaseEvent, std::set<S>>> kTable = {
    {ScreeningPassed{}, {S::screening}},
    {ScreeningRefused{"third_party_rights"}, {S::screening}},
    {InvitationSent{}, {S::inviting}},
    {InvitationAccepted{}, {S::inviting}},
    {InvitationRefused{}, {S::inviting}},
    {InvitationLapsed{}, {S::inviting}},
    {MediatorProposed{kMed2, false, {}, {}, {}}, {S::choosing_mediator}},
    {MediatorAgreed{kMed}, {S::choosing_mediator}},
    {MediatorRejected{kMed}, {S::choosing_mediator, S::contracting}},
    {MediatorDeclared{true, "cousin"}, {S::choosing_mediator, S::contracting, S::running}},
    {ContractDrafted{Fee{}, "k2", {}, {}}, {S::contracting}},
    {ContractAccepted{1, "k1", {}}, {S::contracting}},
    {ExtensionRequested{10}, {S::running}},
    {ExtensionAgreed{}, {S::running}},
    {ExtensionDeclined{}, {S::running}},
    {SettlementDrafted{"s1", {}, {}, {}, {}}, {S::running}},
    {SettlementSigned{1, "s1", {}}, {S::running}},
    {SettlementRuledOut{"no common ground"}, {S::running}},
    {PartiesRefused{{kAlice, kAcme}},
     {S::screening, S::inviting, S::choosing_mediator, S::contracting, S::running}},
    {Withdrawn{}, {S::screening, S::inviting, S::choosing_mediator, S::contracting, S::running}},
    {TermExpired{}, {S::running}},
    {ChildThreatRecorded{"bruises"},
     {S::screening, S::inviting, S::choosing_mediator, S::contracting, S::running}},
    {NoticeRequested{}, {S::ended}},
    {ObligationMarked{"o1", true}, {S::ended}},
};

} // namespace

TEST(CaseLifecycle, EachEventStartsOnlyFromItsStages) {
  for (const auto &[event, allowed] : kTable) {
    const auto from = startsFrom(event);
    EXPECT_EQ(std::set<S>(from.begin(), from.end()), allowed) << event.index();
    for (S s : kAllStages) {
      if (allowed.contains(s)) continue;
      const auto r = apply(inStage(s), event, t0 + 48h, kAlice);
      EXPECT_EQ(codeOf(r), ErrorCode::conflict) << event.index() << " from " << toString(s);
    }
  }
}

// --- opening and screening (Art. 1, Art. 5) --------------------------------------------------

TEST(CaseLifecycle, OpenedByAPartyWhoConsents) {
  Case d = draft();
  d.stage = S::running; // ignored: a case always starts in screening
  d.started_at = t0;
  const Case c = must(open(d, t0, kAlice));
  EXPECT_EQ(c.stage, S::screening);
  EXPECT_FALSE(c.started_at);
  EXPECT_EQ(c.opened_by, kAlice);
  EXPECT_EQ(c.parties[0].consented_at, t0);
  EXPECT_FALSE(c.parties[1].consented_at);
}

TEST(CaseLifecycle, OpenedForAnOrganisationByItsRepresentative) {
  const Case c = must(open(draft(), t0, kAcmeLawyer));
  EXPECT_FALSE(c.parties[0].consented_at);
  EXPECT_EQ(c.parties[1].consented_at, t0);
}

TEST(CaseLifecycle, OpenedByACentreOrFromAConsultationNobodyHasConsentedYet) {
  Case d = draft();
  d.source = Source::centre;
  Case c = must(open(d, t0, "centre-staff"));
  EXPECT_FALSE(c.parties[0].consented_at || c.parties[1].consented_at);
  d.source = Source::consultation;
  EXPECT_EQ(fieldCode(open(d, t0, "centre-staff"), "ticket_id"), "required");
  d.ticket_id = "ticket-7";
  c = must(open(d, t0, "specialist"));
  EXPECT_EQ(c.ticket_id, "ticket-7");
  // Opened "by a party" by someone who is not one.
  EXPECT_EQ(codeOf(open(draft(), t0, kStranger)), ErrorCode::forbidden);
}

TEST(CaseLifecycle, OpenRefusesBadDrafts) {
  Case d = draft();
  d.parties.pop_back();
  const auto r = open(d, t0, kAlice);
  EXPECT_EQ(fieldCode(r, "parties"), "too_few");
  EXPECT_EQ(r.error().fields[0].params.at("min"), "2");
  d = draft();
  d.parties[1].id = kAlice;
  EXPECT_EQ(fieldCode(open(d, t0, kAlice), "parties"), "invalid_value");
  d = draft();
  d.parties[1].representatives[0].id = kAlice; // one id, two roles
  EXPECT_EQ(fieldCode(open(d, t0, kAlice), "parties"), "invalid_value");
  d = draft();
  d.parties[0].identifier.clear();
  EXPECT_EQ(fieldCode(open(d, t0, kAlice), "parties"), "required");
  for (auto clear : {&Case::subject, &Case::category, &Case::language}) {
    d = draft();
    (d.*clear).clear();
    EXPECT_EQ(codeOf(open(d, t0, kAlice)), ErrorCode::validation_failed);
  }
}

TEST(CaseLifecycle, ScreeningComesFirst) {
  const Case passed = step(screening(), ScreeningPassed{}, "");
  EXPECT_EQ(passed.stage, S::inviting);
  const Case refusedCase = step(screening(), ScreeningRefused{"corruption_crime"}, "", t0 + 1min);
  EXPECT_EQ(refusedCase.stage, S::ended);
  EXPECT_EQ(refusedCase.ending,
            (Ending{G::screening_refused, std::nullopt, t0 + 1min, "corruption_crime"}));
  EXPECT_EQ(fieldCode(apply(screening(), ScreeningRefused{""}, t0, ""), "ground"), "required");
  // Nobody is invited before the screening passed.
  EXPECT_EQ(codeOf(apply(screening(), InvitationSent{}, t0, kAlice)), ErrorCode::conflict);
}

// --- invitation (Art. 20 p.6, Art. 5) ---------------------------------------------------------

TEST(CaseLifecycle, TheOtherPartyAcceptsAndTheChoiceBegins) {
  const Case c = step(inviting(), InvitationAccepted{}, kAcmeLawyer, t0 + 1h);
  EXPECT_EQ(c.stage, S::choosing_mediator);
  EXPECT_EQ(c.parties[1].consented_at, t0 + 1h);
}

TEST(CaseLifecycle, InvitationAnswersAreRefusedToTheWrongPeople) {
  const Case c = inviting();
  EXPECT_EQ(codeOf(apply(c, InvitationAccepted{}, t0, kStranger)), ErrorCode::forbidden);
  EXPECT_EQ(codeOf(apply(c, InvitationRefused{}, t0, kMed)), ErrorCode::forbidden);
  // alice consented when she opened it.
  EXPECT_EQ(codeOf(apply(c, InvitationAccepted{}, t0, kAlice)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, InvitationRefused{}, t0, kAlice)), ErrorCode::conflict);
  // Not sent yet: nothing to accept.
  const Case unsent = step(screening(), ScreeningPassed{}, "");
  EXPECT_EQ(codeOf(apply(unsent, InvitationAccepted{}, t0, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(unsent, InvitationRefused{}, t0, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, InvitationSent{}, t0, kAlice)), ErrorCode::conflict); // sent once
}

TEST(CaseLifecycle, TheOtherPartyRefuses) {
  const Case c = step(inviting(), InvitationRefused{}, kAcmeLawyer, t0 + 2h);
  EXPECT_EQ(c.ending, (Ending{G::invitation_refused, kAcme, t0 + 2h, ""}));
  EXPECT_FALSE(noticeAvailable(c)); // the mediation never started
}

TEST(CaseLifecycle, CentreCaseNeedsEveryPartysConsent) {
  Case d = draft();
  d.source = Source::centre;
  Case c = must(open(d, t0, "centre-staff"));
  c = step(step(c, ScreeningPassed{}, ""), InvitationSent{}, "centre-staff");
  c = step(c, InvitationAccepted{}, kAlice);
  EXPECT_EQ(c.stage, S::inviting);
  c = step(c, InvitationAccepted{}, kAcme);
  EXPECT_EQ(c.stage, S::choosing_mediator);
}

TEST(CaseLifecycle, NoAnswerIn10DaysIsARefusal) {
  const Case c = inviting(); // sent 2 March, 10:00; its term ends 12 March, 24:00 (UTC+5)
  const Time deadline = *parseRfc3339("2026-03-13T00:00:00+05:00");
  EXPECT_EQ(invitationDeadline(c), deadline);
  EXPECT_EQ(codeOf(apply(c, InvitationLapsed{}, deadline - 1ms, "")), ErrorCode::conflict);
  EXPECT_EQ(step(c, InvitationAccepted{}, kAcme, deadline - 1ms).stage, S::choosing_mediator);
  EXPECT_EQ(codeOf(apply(c, InvitationAccepted{}, deadline, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, InvitationRefused{}, deadline, kAcme)), ErrorCode::conflict);
  const Case lapsed = step(c, InvitationLapsed{}, "", deadline);
  EXPECT_EQ(lapsed.ending, (Ending{G::invitation_lapsed, std::nullopt, deadline, ""}));
}

TEST(CaseLifecycle, TheInvitationMaySetItsOwnTerm) {
  Case c = step(screening(), ScreeningPassed{}, "");
  c = step(c, InvitationSent{3}, kAlice, t0);
  const Time deadline = *parseRfc3339("2026-03-06T00:00:00+05:00");
  EXPECT_EQ(invitationDeadline(c), deadline);
  EXPECT_EQ(codeOf(apply(c, InvitationLapsed{}, deadline - 1ms, "")), ErrorCode::conflict);
  EXPECT_EQ(step(c, InvitationLapsed{}, "", deadline).stage, S::ended);
  const Case passed = step(screening(), ScreeningPassed{}, "");
  for (int days : {0, kMaxAnswerDays + 1})
    EXPECT_EQ(fieldCode(apply(passed, InvitationSent{days}, t0, kAlice), "answer_days"),
              "out_of_range");
}

// --- the mediator (mutual consent; Art. 10) ---------------------------------------------------

TEST(CaseLifecycle, AMediatorIsChosenByEveryPartyAndDeclaresNoConflict) {
  Case c = step(choosing(), MediatorProposed{kMed, false, {}, {}, {}}, kAcmeLawyer);
  EXPECT_EQ(c.mediators[0].agreed_by, std::set<std::string>{kAcme});
  EXPECT_EQ(codeOf(apply(c, MediatorProposed{kMed, false, {}, {}, {}}, t0, kAlice)),
            ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, MediatorAgreed{kMed}, t0, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, MediatorAgreed{kMed}, t0, kStranger)), ErrorCode::forbidden);
  EXPECT_EQ(codeOf(apply(c, MediatorProposed{kMed2, false, {}, {}, {}}, t0, kMed)),
            ErrorCode::forbidden);
  EXPECT_EQ(fieldCode(apply(c, MediatorAgreed{kMed2}, t0, kAlice), "mediator_id"), "not_found");
  c = step(c, MediatorAgreed{kMed}, kAlice);
  EXPECT_EQ(c.stage, S::choosing_mediator); // not declared yet
  EXPECT_FALSE(isChosenMediator(c, kMed));
  EXPECT_EQ(codeOf(apply(c, MediatorDeclared{false, ""}, t0, kAlice)), ErrorCode::forbidden);
  c = step(c, MediatorDeclared{false, ""}, kMed, t0 + 1h);
  EXPECT_EQ(c.stage, S::contracting);
  EXPECT_TRUE(isChosenMediator(c, kMed));
  EXPECT_EQ(c.mediators[0].declared_at, t0 + 1h);
}

TEST(CaseLifecycle, AMediatorInConflictCannotTakeTheCase) {
  Case c = step(choosing(), MediatorProposed{kMed, false, {}, {}, {}}, kAlice);
  c = step(c, MediatorDeclared{true, "worked for acme"}, kMed);
  EXPECT_EQ(c.mediators[0].declaration, Declaration::conflict);
  EXPECT_EQ(codeOf(apply(c, MediatorAgreed{kMed}, t0, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, MediatorDeclared{false, ""}, t0, kMed)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, MediatorProposed{kMed, false, {}, {}, {}}, t0, kAcme)),
            ErrorCode::conflict);
  // Another is chosen instead.
  c = step(c, MediatorProposed{kMed2, true, {}, {}, {}}, kAcme);
  c = step(c, MediatorAgreed{kMed2}, kAlice);
  c = step(c, MediatorDeclared{false, ""}, kMed2);
  EXPECT_EQ(c.stage, S::contracting);
  EXPECT_EQ(chosenMediators(c).size(), 1u);
}

TEST(CaseLifecycle, TwoMediatorsAreBothChosenBeforeTheContract) {
  Case c = step(choosing(), MediatorProposed{kMed, false, {}, {}, {}}, kAlice);
  c = step(c, MediatorProposed{kMed2, false, {}, {}, {}}, kAlice);
  c = step(c, MediatorAgreed{kMed}, kAcme);
  c = step(c, MediatorDeclared{false, ""}, kMed);
  EXPECT_EQ(c.stage, S::choosing_mediator); // med2 still pending
  c = step(c, MediatorAgreed{kMed2}, kAcme);
  c = step(c, MediatorDeclared{false, ""}, kMed2);
  EXPECT_EQ(c.stage, S::contracting);
  // The contract needs both mediators' acceptance.
  c = step(c, ContractDrafted{Fee{}, "k1", {}, {}}, kAlice);
  for (const auto &who : {kAlice, kAcme, kMed}) c = step(c, ContractAccepted{1, "k1", {}}, who);
  EXPECT_EQ(c.stage, S::contracting);
  c = step(c, ContractAccepted{1, "k1", {}}, kMed2);
  EXPECT_EQ(c.stage, S::running);
}

TEST(CaseLifecycle, DroppingTheLastPendingMediatorLeavesTheChosenOnes) {
  Case c = step(choosing(), MediatorProposed{kMed, false, {}, {}, {}}, kAlice);
  c = step(c, MediatorProposed{kMed2, false, {}, {}, {}}, kAcme);
  c = step(step(c, MediatorAgreed{kMed}, kAcme), MediatorDeclared{false, ""}, kMed);
  EXPECT_EQ(c.stage, S::choosing_mediator);
  const Case rejected = step(c, MediatorRejected{kMed2}, kAlice);
  EXPECT_EQ(rejected.stage, S::contracting);
  EXPECT_EQ(rejected.mediators.size(), 1u);
  const Case declared = step(c, MediatorDeclared{true, "knows acme"}, kMed2);
  EXPECT_EQ(declared.stage, S::contracting);
  EXPECT_EQ(chosenMediators(declared).size(), 1u);
  EXPECT_EQ(fieldCode(apply(c, MediatorRejected{kStranger}, t0, kAlice), "mediator_id"),
            "not_found");
}

TEST(CaseLifecycle, DroppingAMediatorWhileContractingUndoesTheContract) {
  Case c = step(contracting(), ContractDrafted{Fee{}, "k1", {}, {}}, kMed);
  c = step(c, ContractAccepted{1, "k1", {}}, kAlice);
  const Case rejected = step(c, MediatorRejected{kMed}, kAcme);
  EXPECT_EQ(rejected.stage, S::choosing_mediator);
  EXPECT_TRUE(rejected.mediators.empty());
  EXPECT_EQ(rejected.contract, Contract{});
  EXPECT_EQ(codeOf(apply(c, MediatorRejected{kMed}, t0, kMed)), ErrorCode::forbidden);
  const Case declared = step(c, MediatorDeclared{true, "learnt a relative is acme's"}, kMed);
  EXPECT_EQ(declared.stage, S::choosing_mediator);
  EXPECT_EQ(declared.mediators[0].declaration, Declaration::conflict);
  EXPECT_EQ(declared.contract, Contract{});
}

TEST(CaseLifecycle, AConflictFoundAfterTheStartEndsTheMediation) {
  const Case c = running();
  EXPECT_EQ(codeOf(apply(c, MediatorDeclared{false, ""}, t0 + 48h, kMed)), ErrorCode::conflict);
  const Case e = step(c, MediatorDeclared{true, "acme hired me"}, kMed, t0 + 48h);
  EXPECT_EQ(e.ending, (Ending{G::conflict_of_interest, kMed, t0 + 48h, "acme hired me"}));
  EXPECT_FALSE(noticeAvailable(e));
}

// --- the contract (Art. 21, Art. 22, Art. 20 p.5) -----------------------------------------------

TEST(CaseLifecycle, TheMediationStartsOnTheLastAcceptance) {
  Case c = step(contracting(), ContractDrafted{Fee{}, "k1", {}, {}}, kMed, t0 + 4h);
  EXPECT_EQ(c.contract.version, 1);
  c = step(c, ContractAccepted{1, "k1", {}}, kMed, t0 + 5h);
  c = step(c, ContractAccepted{1, "k1", {}}, kAlice, t0 + 6h);
  EXPECT_EQ(c.stage, S::contracting);
  EXPECT_FALSE(c.started_at);
  EXPECT_FALSE(mayHoldSessions(c, t0 + 6h));
  const Time last = t0 + 72h;
  c = step(c, ContractAccepted{1, "k1", {}}, kAcmeLawyer, last);
  EXPECT_EQ(c.stage, S::running);
  EXPECT_EQ(c.started_at, last);
  EXPECT_EQ(c.term_days, 30);
  EXPECT_EQ(c.contract.acceptances.back(), (Signature{kAcme, 1, "k1", last, std::nullopt}));
  EXPECT_TRUE(mayHoldSessions(c, last));
}

TEST(CaseLifecycle, AcceptancesBindTheCurrentContract) {
  Case c = step(contracting(), ContractDrafted{Fee{}, "k1", {}, {}}, kAlice);
  EXPECT_EQ(codeOf(apply(c, ContractAccepted{1, "other", {}}, t0, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, ContractAccepted{1, "k1", {}}, t0, kStranger)), ErrorCode::forbidden);
  c = step(c, ContractAccepted{1, "k1", {}}, kAcme);
  EXPECT_EQ(codeOf(apply(c, ContractAccepted{1, "k1", {}}, t0, kAcmeLawyer)), ErrorCode::conflict);
  c = step(c, ContractDrafted{Fee{}, "k2", {}, {}}, kMed);
  EXPECT_EQ(c.contract.version, 2);
  EXPECT_TRUE(c.contract.acceptances.empty());
  EXPECT_EQ(codeOf(apply(c, ContractAccepted{1, "k1", {}}, t0, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(contracting(), ContractAccepted{0, "", {}}, t0, kAcme)),
            ErrorCode::conflict);
  EXPECT_EQ(fieldCode(apply(c, ContractDrafted{Fee{}, "", {}, {}}, t0, kMed), "document_hash"),
            "required");
  EXPECT_EQ(codeOf(apply(c, ContractDrafted{Fee{}, "k3", {}, {}}, t0, kStranger)),
            ErrorCode::forbidden);
}

TEST(CaseLifecycle, APublicMediatorWorksFree) {
  Case c = step(choosing(), MediatorProposed{kMed, true, {}, {}, {}}, kAlice);
  c = step(c, MediatorAgreed{kMed}, kAcme);
  c = step(c, MediatorDeclared{false, ""}, kMed);
  EXPECT_EQ(fieldCode(apply(c, ContractDrafted{Fee{FeeKind::paid, 500, {}}, "k", {}, {}}, t0, kMed),
                      "fee"),
            "public_mediator_free");
  EXPECT_TRUE(apply(c, ContractDrafted{Fee{}, "k", {}, {}}, t0, kMed).ok());
  // The fee's other rules are fees.hpp's (fees_test.cpp); the contract applies them all.
  EXPECT_EQ(fieldCode(apply(c, ContractDrafted{Fee{FeeKind::free, 1, {}}, "k", {}, {}}, t0, kMed),
                      "fee_amount"),
            "not_allowed");
}

// --- the settlement (Art. 27, Art. 26 p.1 sp.1) -------------------------------------------------

TEST(CaseLifecycle, TheLastSignatureSettlesTheCase) {
  const Obligation pay{"o1", kAcme, "", "", t0 + 24h * 40, {}, {}, {}};
  Case c = step(running(), SettlementDrafted{"s1", {pay}, {}, {}, {}}, kMed, t0 + 30h);
  EXPECT_EQ(c.settlement.versions.back(),
            (SettlementVersion{1, "s1", kMed, t0 + 30h, {}, {}, {}, {pay}}));
  c = step(c, SettlementSigned{1, "s1", {}}, kAlice, t0 + 31h);
  c = step(c, SettlementSigned{1, "s1", {}}, kMed, t0 + 32h);
  EXPECT_EQ(c.stage, S::running);
  EXPECT_EQ(codeOf(apply(c, SettlementSigned{1, "s1", {}}, t0 + 33h, kAlice)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, SettlementSigned{1, "s1", {}}, t0 + 33h, kStranger)),
            ErrorCode::forbidden);
  c = step(c, SettlementSigned{1, "s1", {}}, kAcmeLawyer, t0 + 33h);
  EXPECT_EQ(c.ending, (Ending{G::settled, kAcme, t0 + 33h, ""}));
  EXPECT_EQ(c.settlement.signatures.size(), 3u);
  EXPECT_FALSE(noticeAvailable(c));
}

TEST(CaseLifecycle, ANewVersionClearsTheSignatures) {
  Case c = step(running(), SettlementDrafted{"s1", {}, {}, {}, {}}, kAlice, t0 + 30h);
  c = step(c, SettlementSigned{1, "s1", {}}, kAlice, t0 + 31h);
  c = step(c, SettlementDrafted{"s2", {}, {}, {}, {}}, kAcme, t0 + 32h);
  EXPECT_TRUE(c.settlement.signatures.empty());
  EXPECT_EQ(c.settlement.versions.size(), 2u);
  EXPECT_EQ(codeOf(apply(c, SettlementSigned{1, "s1", {}}, t0 + 33h, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, SettlementSigned{2, "s1", {}}, t0 + 33h, kAcme)), ErrorCode::conflict);
  c = step(c, SettlementSigned{2, "s2", {}}, kAcme, t0 + 33h);
  EXPECT_EQ(c.settlement.signatures[0], (Signature{kAcme, 2, "s2", t0 + 33h, std::nullopt}));
}

TEST(CaseLifecycle, SettlementDraftsAreChecked) {
  const Case c = running();
  const auto draft = [&](std::vector<Obligation> o, std::string hash = "s") {
    return apply(c, SettlementDrafted{hash, std::move(o), {}, {}, {}}, t0 + 30h, kMed);
  };
  EXPECT_EQ(fieldCode(draft({}, ""), "document_hash"), "required");
  EXPECT_EQ(fieldCode(draft({{"", kAcme, "", "", t0, {}, {}, {}}}), "obligations"),
            "invalid_value");
  EXPECT_EQ(fieldCode(draft({{"o", kStranger, "", "", t0, {}, {}, {}}}), "obligations"),
            "invalid_value");
  EXPECT_EQ(fieldCode(draft({{"o", kAcme, "", "", t0, {}, {}, {}},
                             {"o", kAlice, "", "", t0, {}, {}, {}}}),
                      "obligations"),
            "invalid_value");
  EXPECT_EQ(codeOf(apply(c, SettlementDrafted{"s", {}, {}, {}, {}}, t0 + 30h, kStranger)),
            ErrorCode::forbidden);
}

TEST(CaseLifecycle, ObligationsAreFollowedUpAfterTheSettlement) {
  const Time due = t0 + 24h * 40;
  Case c =
      step(running(), SettlementDrafted{"s1", {{"o1", kAcme, "", "", due, {}, {}, {}}}, {}, {}, {}},
           kMed);
  EXPECT_EQ(codeOf(apply(c, ObligationMarked{"o1", true}, t0 + 30h, kAcme)),
            ErrorCode::conflict); // not settled yet
  for (const auto &who : {kAlice, kAcme, kMed}) c = step(c, SettlementSigned{1, "s1", {}}, who);
  EXPECT_FALSE(isOverdue(c.settlement.obligations[0], due - 1ms));
  EXPECT_TRUE(isOverdue(c.settlement.obligations[0], due));
  c = step(c, ObligationMarked{"o1", true}, kAcmeLawyer, due - 1h);
  EXPECT_EQ(c.settlement.obligations[0].performed, true);
  EXPECT_EQ(c.settlement.obligations[0].marked_by, kAcme);
  EXPECT_FALSE(isOverdue(c.settlement.obligations[0], due + 1h));
  c = step(c, ObligationMarked{"o1", false}, kAlice, due + 2h); // the last mark counts
  EXPECT_TRUE(isOverdue(c.settlement.obligations[0], due + 2h));
  EXPECT_EQ(fieldCode(apply(c, ObligationMarked{"o9", true}, due, kAlice), "obligation_id"),
            "not_found");
  EXPECT_EQ(codeOf(apply(c, ObligationMarked{"o1", true}, due, kMed)), ErrorCode::forbidden);
  const Case withdrawn = inStage(S::ended);
  EXPECT_EQ(codeOf(apply(withdrawn, ObligationMarked{"o1", true}, due, kAlice)),
            ErrorCode::conflict);
}

// --- ending (Art. 26, Art. 5) ------------------------------------------------------------------

TEST(CaseLifecycle, AnyPartyMayWithdrawAtAnyStageBeforeTheEnd) {
  for (S s : kAllStages) {
    const Case c = inStage(s);
    const auto r = apply(c, Withdrawn{}, t0 + 48h, kAcmeLawyer);
    if (s == S::ended) {
      EXPECT_EQ(codeOf(r), ErrorCode::conflict);
      continue;
    }
    ASSERT_TRUE(r.ok()) << toString(s);
    EXPECT_EQ(r->ending, (Ending{G::party_refused, kAcme, t0 + 48h, ""})) << toString(s);
    EXPECT_EQ(noticeAvailable(r.value()), s == S::running) << toString(s);
    EXPECT_EQ(codeOf(apply(c, Withdrawn{}, t0 + 48h, kMed)), ErrorCode::forbidden);
  }
}

TEST(CaseLifecycle, ThePartiesRefuseTogether) {
  const Case c = running();
  EXPECT_EQ(fieldCode(apply(c, PartiesRefused{{kAlice}}, t0 + 48h, kAlice), "party_ids"),
            "invalid_value");
  EXPECT_EQ(fieldCode(apply(c, PartiesRefused{{kAlice, kAcme, kStranger}}, t0 + 48h, kAlice),
                      "party_ids"),
            "invalid_value");
  EXPECT_EQ(codeOf(apply(c, PartiesRefused{{kAlice, kAcme}}, t0 + 48h, kMed)),
            ErrorCode::forbidden);
  const Case e = step(c, PartiesRefused{{kAlice, kAcme}}, kAlice, t0 + 48h);
  EXPECT_EQ(e.ending, (Ending{G::parties_refused, kAlice, t0 + 48h, ""}));
  EXPECT_TRUE(noticeAvailable(e));
}

TEST(CaseLifecycle, TheMediatorMayRuleSettlementOut) {
  const Case c = running();
  EXPECT_EQ(codeOf(apply(c, SettlementRuledOut{"x"}, t0 + 48h, kAlice)), ErrorCode::forbidden);
  const Case e = step(c, SettlementRuledOut{"positions irreconcilable"}, kMed, t0 + 48h);
  EXPECT_EQ(e.ending,
            (Ending{G::settlement_ruled_out, kMed, t0 + 48h, "positions irreconcilable"}));
  EXPECT_FALSE(noticeAvailable(e));
}

TEST(CaseLifecycle, ANoticeOfTerminationIsIssuedAtAPartysRequest) {
  const Case e = step(running(), Withdrawn{}, kAlice, t0 + 48h);
  const Case n = step(e, NoticeRequested{}, kAcmeLawyer, t0 + 50h);
  EXPECT_EQ(n.notices, (std::vector<Notice>{{kAcme, t0 + 50h}}));
  EXPECT_EQ(n.stage, S::ended);
  EXPECT_EQ(codeOf(apply(e, NoticeRequested{}, t0 + 50h, kMed)), ErrorCode::forbidden);
  const Case refusedEarly = step(inviting(), InvitationRefused{}, kAcme);
  EXPECT_EQ(codeOf(apply(refusedEarly, NoticeRequested{}, t0, kAlice)), ErrorCode::conflict);
}

// --- Art. 25: a threat to a child ---------------------------------------------------------------

TEST(CaseLifecycle, AThreatToAChildIsRecordedWithoutEndingTheCase) {
  for (S s : {S::choosing_mediator, S::contracting, S::running}) {
    Case c = inStage(s);
    if (s == S::choosing_mediator) c = step(c, MediatorProposed{kMed, false, {}, {}, {}}, kAlice);
    EXPECT_FALSE(confidentialityLifted(c));
    EXPECT_EQ(codeOf(apply(c, ChildThreatRecorded{"bruises"}, t0 + 30h, kAlice)),
              ErrorCode::forbidden);
    EXPECT_EQ(fieldCode(apply(c, ChildThreatRecorded{""}, t0 + 30h, kMed), "note"), "required");
    const Case r = step(c, ChildThreatRecorded{"bruises"}, kMed, t0 + 30h);
    EXPECT_EQ(r.stage, s);
    EXPECT_EQ(r.child_threats, (std::vector<ChildThreat>{{kMed, t0 + 30h, "bruises"}}));
    EXPECT_TRUE(confidentialityLifted(r));
  }
  // Even after the term ran out, while the case is not yet ended.
  const Case c = running();
  EXPECT_TRUE(apply(c, ChildThreatRecorded{"bruises"}, *termEnds(c) + 1h, kMed).ok());
}

} // namespace kelisim::core::mediation
