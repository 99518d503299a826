// Test support for the mediation case's tests: a case brought to each stage by the
// transitions themselves (never assembled by hand), with two parties — "alice" (a person who
// opens it) and "acme" (an organisation acting through its lawyer "acme-lawyer") — and the
// mediator "med". Times are Kazakhstan's: t0 is 2 March 2026, 10:00 at UTC+5.
#pragma once

#include "core/mediation/case_lifecycle.hpp"

#include <gtest/gtest.h>

namespace kelisim::core::mediation::testing {

using namespace std::chrono_literals;

inline const std::string kAlice = "alice";
inline const std::string kAcme = "acme";
inline const std::string kAcmeLawyer = "acme-lawyer";
inline const std::string kMed = "med";
inline const std::string kMed2 = "med2";
inline const std::string kStranger = "stranger";

inline const Time t0 = *parseRfc3339("2026-03-02T10:00:00+05:00");

inline Case draft() {
  Case c;
  c.id = "case1";
  c.parties = {{kAlice, PartyKind::person, "900101300123", "Alice", {}, {}, {}},
               {kAcme,
                PartyKind::organisation,
                "080140000123",
                "Acme LLP",
                {{kAcmeLawyer, "A. Lawyer", "power of attorney No. 7"}},
                {},
                {}}};
  c.subject = "unpaid wages";
  c.category = "labour";
  c.language = "ru";
  return c;
}

// The value of a transition that must succeed.
inline Case must(const Result<Case> &r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().log);
  return r.ok() ? r.value() : Case{};
}

inline Case step(const Case &c, const CaseEvent &e, const std::string &actor, Time now = t0) {
  return must(apply(c, e, now, actor));
}

inline Case screening(Case d = draft()) {
  return must(open(std::move(d), t0, kAlice));
}
// Invited at t0, the invitation's term 10 days.
inline Case inviting(Case d = draft()) {
  Case c = step(screening(std::move(d)), ScreeningPassed{}, "");
  return step(c, InvitationSent{}, kAlice);
}
inline Case choosing(Case d = draft()) {
  return step(inviting(std::move(d)), InvitationAccepted{}, kAcmeLawyer, t0 + 1h);
}
// "med" proposed by alice, agreed by acme, no conflict declared.
inline Case contracting(Case d = draft()) {
  Case c = step(choosing(std::move(d)), MediatorProposed{kMed, false, {}, {}, {}}, kAlice, t0 + 2h);
  c = step(c, MediatorAgreed{kMed}, kAcme, t0 + 2h);
  return step(c, MediatorDeclared{false, ""}, kMed, t0 + 3h);
}
// The contract (version 1, "k1", free) accepted by all three at `start`.
inline Case running(Time start = t0 + 24h, Case d = draft()) {
  Case c = step(contracting(std::move(d)), ContractDrafted{Fee{}, "k1", {}, {}}, kMed, t0 + 4h);
  c = step(c, ContractAccepted{1, "k1", {}}, kAlice, t0 + 5h);
  c = step(c, ContractAccepted{1, "k1", {}}, kAcmeLawyer, t0 + 6h);
  return step(c, ContractAccepted{1, "k1", {}}, kMed, start);
}

inline Case inStage(CaseStage s) {
  switch (s) {
  case CaseStage::screening:
    return screening();
  case CaseStage::inviting:
    return inviting();
  case CaseStage::choosing_mediator:
    return choosing();
  case CaseStage::contracting:
    return contracting();
  case CaseStage::running:
    return running();
  case CaseStage::ended:
    return step(running(), Withdrawn{}, kAlice, t0 + 48h);
  }
  return {};
}

inline constexpr CaseStage kAllStages[] = {CaseStage::screening,         CaseStage::inviting,
                                           CaseStage::choosing_mediator, CaseStage::contracting,
                                           CaseStage::running,           CaseStage::ended};

inline ErrorCode codeOf(const Result<Case> &r) {
  return r.ok() ? ErrorCode::internal : r.error().code;
}
inline std::string fieldCode(const Result<Case> &r, const std::string &field) {
  if (r.ok() || r.error().fields.empty() || r.error().fields[0].field != field) return {};
  return r.error().fields[0].code;
}

} // namespace kelisim::core::mediation::testing
