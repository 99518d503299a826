// A mediation case's life (issue 10) as pure transitions by the Law of the RK of 28.01.2011
// No. 401-IV "On Mediation": each takes the case as it was read, an event, the time and who
// acts, and returns the case as it becomes, or an Error. No I/O, no clock: `now` is an
// argument; the service persists what was decided and sends the clock's events when they
// are due. Plain values; safe from any thread.
//
// Who acts: a party (its id, or one of its representatives' ids: Party::representatives) or a
// mediator (MediatorChoice::mediator_id). The stage is checked first (conflict), then who
// acts (forbidden) and what the event carries (validation_failed with a field, or conflict
// when it no longer fits the case: an older version, a second answer). The service's own
// events (screening, sending, lapse, expiry) do not look at `actor`: the app decides who may
// cause them.
//
// The rules (stages left to right; anything not listed is refused with `conflict`):
//   open               ──▶ screening. At least two parties (field "parties" "too_few"),
//                      distinct ids; a subject, a category, a language; from a consultation,
//                      its ticket id. Opened by a party: that party has consented (Art. 5).
//   ScreeningPassed    screening ──▶ inviting (Art. 1's exclusions checked first).
//   ScreeningRefused   screening ──▶ ended "screening_refused", the ground's key as detail.
//   InvitationSent     inviting, once: invited_at = now, its own term in days if it sets one
//                      (field "answer_days", 1..kMaxAnswerDays) (Art. 20 p.6).
//   InvitationAccepted inviting, sent, before invitationDeadline: the actor's party consents
//                      (already: conflict); once every party has ──▶ choosing_mediator.
//   InvitationRefused  inviting, sent, before invitationDeadline: a party that has not
//                      consented ──▶ ended "invitation_refused" (after it: InvitationLapsed).
//   InvitationLapsed   inviting, sent, now ≥ invitationDeadline ──▶ ended "invitation_lapsed":
//                      deemed refused (Art. 20 p.6).
//   MediatorProposed   choosing_mediator: a party puts a mediator forward (and agrees to
//                      them); one already listed: conflict.
//   MediatorAgreed     choosing_mediator: a party agrees to a listed mediator not found in
//                      conflict (the mediator is chosen by the parties' mutual consent).
//   MediatorRejected   choosing_mediator | contracting: a party drops a mediator not yet
//                      found in conflict; from contracting the contract is undone and the
//                      case is back to choosing_mediator.
//   MediatorDeclared   choosing_mediator | contracting | running, by the mediator named
//                      (anyone else: forbidden), before accepting a case (Art. 10): no
//                      conflict (once), or a conflict — then they cannot take it and stay
//                      listed as out; in contracting the contract is undone as above; in
//                      running the case ends "conflict_of_interest" (Art. 10 p.2): the
//                      parties choose anew in a new case, even if a co-mediator remains.
//                      The case goes on to contracting once at least one mediator is chosen
//                      and every mediator listed and not out is chosen (agreed by every party,
//                      declared no conflict).
//   ContractDrafted    contracting: a party or a chosen mediator puts a version of the
//                      contract (Art. 21) with its fee (Art. 22): free, or an amount shared
//                      equally or by percents summing to 100; a public mediator works free
//                      (field "fee" "public_mediator_free"). Acceptances so far are cleared.
//   ContractAccepted   contracting: each party and each chosen mediator accepts the current
//                      version and hash (an older one: conflict). The last acceptance
//                      concludes it: ──▶ running, started_at = now (Art. 20 p.5), 30 days
//                      (Art. 23 p.1).
//   ExtensionRequested running: a party or a chosen mediator asks to extend by `days`; to
//                      60 days in total at most (field "days": "out_of_range" below 1,
//                      "term_limit" beyond) (Art. 23 p.2); one at a time.
//   ExtensionAgreed    running, asked: every party agrees, and out of court (no court case
//                      pending) every chosen mediator too (Art. 20 p.9) ──▶ granted: the term
//                      grows; with a court case pending, Extension::court_notice tells the
//                      service to produce the parties' joint notice to the court.
//   ExtensionDeclined  running, asked: a party (or a mediator out of court) says no.
//   SettlementDrafted  running: a party or a chosen mediator puts a new version (its hash and
//                      obligations); the signatures of the previous one are cleared (Art. 27).
//   SettlementSigned   running: each party and each chosen mediator signs the current
//                      version and hash; the last signature ──▶ ended "settled" (Art. 26
//                      p.1 sp.1).
//   SettlementRuledOut running: a chosen mediator finds that settlement by mediation is ruled
//                      out ──▶ ended "settlement_ruled_out" (Art. 26 p.1 sp.2).
//   PartiesRefused     any stage but ended: a written refusal by every party, sent by one of
//                      them (field "party_ids" must name every party) ──▶ ended
//                      "parties_refused" (Art. 26 p.1 sp.3).
//   Withdrawn          any stage but ended: one party withdraws ──▶ ended "party_refused",
//                      by that party (Art. 5 voluntariness, Art. 26 p.1 sp.4).
//   TermExpired        running, now ≥ termEnds ──▶ ended "term_expired" (Art. 26 p.1 sp.5).
//                      Once the term has run out, a running case takes only this event and
//                      ChildThreatRecorded.
//   ChildThreatRecorded any stage but ended: a mediator listed on the case (proposed, chosen
//                      or out) records a threat to a child's life, health or rights
//                      (Art. 25) — even after the term ran out; never refused for the case's
//                      category; it does not end the case (the Law gives no such ground).
//                      confidentialityLifted() then holds (the only exception to Art. 8).
//   NoticeRequested    ended, noticeAvailable: a party asks for the notice of termination
//                      stating the ground (Art. 26 p.2); each request is recorded.
//   ObligationMarked   ended "settled": a party marks an obligation performed or not (the
//                      last mark counts).
// Invariants (case_walk_test.cpp checks them on random walks): ended ⇔ ending set; from
// choosing_mediator on, every party has consented; from contracting on, at least one
// mediator is chosen and none is pending; running ⇒ started_at set, and once set every party
// and chosen mediator accepted the current contract; term_days = 30 + the extensions
// granted ≤ 60; acceptances and signatures are all of the current version; settled ⇒
// everyone signed it.
#pragma once

#include "core/error.hpp"
#include "core/mediation/model.hpp"
#include "core/time.hpp"

#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

namespace kelisim::core::mediation {

struct ScreeningPassed {};
struct ScreeningRefused {
  std::string ground; // mediation/screening's key for the Art. 1 exclusion
};
struct InvitationSent {
  std::optional<int> answer_days; // the invitation's own term; none: 10 days
};
struct InvitationAccepted {};
struct InvitationRefused {};
struct InvitationLapsed {};
struct MediatorProposed {
  std::string mediator_id;
  bool is_public = false;
  std::string register_id; // the register's record, as the service read it
  std::string name;
  std::string keeper;
};
struct MediatorAgreed {
  std::string mediator_id;
};
struct MediatorRejected {
  std::string mediator_id;
};
struct MediatorDeclared {
  bool conflict = false;
  std::string note; // what the conflict is
};
struct ContractDrafted {
  Fee fee;
  std::string document_hash;
  std::string place;
  std::string procedure;
};
struct ContractAccepted {
  int version = 0;
  std::string document_hash;
  std::optional<CertificateSignature> certificate; // verified by the service
};
struct ExtensionRequested {
  int days = 0;
};
struct ExtensionAgreed {};
struct ExtensionDeclined {};
struct SettlementDrafted {
  std::string document_hash;
  std::vector<Obligation> obligations; // id, owed_by, what, how, due
  std::string place;
  std::string terms;
  std::string consequences;
};
struct SettlementSigned {
  int version = 0;
  std::string document_hash;
  std::optional<CertificateSignature> certificate; // verified by the service
};
struct SettlementRuledOut {
  std::string reason;
};
struct PartiesRefused {
  std::set<std::string> party_ids;
};
struct Withdrawn {};
struct TermExpired {};
struct ChildThreatRecorded {
  std::string note;
};
struct NoticeRequested {};
struct ObligationMarked {
  std::string obligation_id;
  bool performed = false;
};

using CaseEvent =
    std::variant<ScreeningPassed, ScreeningRefused, InvitationSent, InvitationAccepted,
                 InvitationRefused, InvitationLapsed, MediatorProposed, MediatorAgreed,
                 MediatorRejected, MediatorDeclared, ContractDrafted, ContractAccepted,
                 ExtensionRequested, ExtensionAgreed, ExtensionDeclined, SettlementDrafted,
                 SettlementSigned, SettlementRuledOut, PartiesRefused, Withdrawn, TermExpired,
                 ChildThreatRecorded, NoticeRequested, ObligationMarked>;

// A new case in screening, from `draft`'s parties, subject, category, language, region,
// source and court flag; the rest is reset. `actor` opens it (a party, or a centre's staff).
Result<Case> open(Case draft, Time now, const std::string &actor);
// The case as `event` by `actor` leaves it at `now`, or why it may not happen.
Result<Case> apply(const Case &c, const CaseEvent &event, Time now, const std::string &actor);

// The stages `event` may start from, as listed above.
std::vector<CaseStage> startsFrom(const CaseEvent &event);

// Whether a party may ask for the notice of termination (Art. 26 p.2): the mediation started
// and ended on a refusal (parties_refused, party_refused) or the term's expiry.
bool noticeAvailable(const Case &c);
// Whether sessions may be held: the mediation runs and its term has not run out.
bool mayHoldSessions(const Case &c, Time now);
// Whether a threat to a child was recorded (Art. 25): the content may go to the guardianship
// body despite Art. 8's confidentiality.
bool confidentialityLifted(const Case &c);
// Whether an obligation is past its due time and not marked performed.
bool isOverdue(const Obligation &o, Time now);

} // namespace kelisim::core::mediation
