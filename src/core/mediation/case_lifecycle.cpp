#include "core/mediation/case_lifecycle.hpp"

#include "core/mediation/deadlines.hpp"
#include "core/mediation/fees.hpp"

#include <algorithm>
#include <string_view>

namespace kelisim::core::mediation {

namespace {

using S = CaseStage;

constexpr S kOpen[] = {S::screening, S::inviting, S::choosing_mediator, S::contracting, S::running};

Error refused(std::string_view what, const Case &c) {
  return Error::make(ErrorCode::conflict, std::string(what) + " refused: case " + c.id + " is " +
                                              std::string(toString(c.stage)));
}

Error notAllowed(std::string_view what, const std::string &actor) {
  return Error::make(ErrorCode::forbidden,
                     std::string(what) + " refused: " + actor + " may not do it");
}

Case ended(Case c, EndGround ground, std::optional<std::string> by, Time now,
           std::string detail = {}) {
  c.stage = S::ended;
  c.pending_extension.reset();
  c.ending = Ending{ground, std::move(by), now, std::move(detail)};
  return c;
}

MediatorChoice *choiceIn(Case &c, const std::string &mediator_id) {
  auto it = std::find_if(c.mediators.begin(), c.mediators.end(),
                         [&](const MediatorChoice &m) { return m.mediator_id == mediator_id; });
  return it == c.mediators.end() ? nullptr : &*it;
}

// A party's id, or a chosen mediator's, for whoever `actor` is; empty for anyone else.
std::string signerOf(const Case &c, const std::string &actor) {
  if (const auto *p = partyOf(c, actor)) return p->id;
  return isChosenMediator(c, actor) ? actor : std::string();
}

bool signedBy(const std::vector<Signature> &signatures, const std::string &id) {
  return std::any_of(signatures.begin(), signatures.end(),
                     [&](const Signature &s) { return s.by == id; });
}

// Whether every party and every chosen mediator is among `signatures`.
bool everyoneSigned(const Case &c, const std::vector<Signature> &signatures) {
  for (const auto &p : c.parties)
    if (!signedBy(signatures, p.id)) return false;
  for (const auto *m : chosenMediators(c))
    if (!signedBy(signatures, m->mediator_id)) return false;
  return true;
}

// On to contracting once the choice is made: at least one mediator chosen, none pending.
void advanceChoice(Case &c) {
  bool any = false;
  for (const auto &m : c.mediators) {
    if (m.declaration == Declaration::conflict) continue;
    if (!isChosen(c, m)) return;
    any = true;
  }
  if (any) c.stage = S::contracting;
}

// The mediators changed while contracting: the contract named them, so it is undone.
void backToChoosing(Case &c) {
  c.contract = Contract{};
  c.stage = S::choosing_mediator;
  advanceChoice(c);
}

Status checkObligations(const Case &c, const std::vector<Obligation> &obligations) {
  std::set<std::string> ids;
  for (const auto &o : obligations) {
    const auto *p = partyOf(c, o.owed_by);
    if (o.id.empty() || !ids.insert(o.id).second || !p || p->id != o.owed_by)
      return Error::field("obligations", "invalid_value");
  }
  return okStatus();
}

// Grants the pending extension once everyone it needs has agreed (Art. 23, Art. 20 p.9).
void grantIfAgreed(Case &c, Time now) {
  auto &e = *c.pending_extension;
  for (const auto &p : c.parties)
    if (!e.agreed_by.contains(p.id)) return;
  if (!c.court_case_pending)
    for (const auto *m : chosenMediators(c))
      if (!e.agreed_by.contains(m->mediator_id)) return;
  e.granted_at = now;
  e.court_notice = c.court_case_pending;
  c.term_days += e.days;
  c.extensions.push_back(e);
  c.pending_extension.reset();
}

// The stages each event may start from (the header's table).
struct StartsFrom {
  using V = std::vector<S>;
  V open() const { return {std::begin(kOpen), std::end(kOpen)}; }
  V operator()(const ScreeningPassed &) const { return {S::screening}; }
  V operator()(const ScreeningRefused &) const { return {S::screening}; }
  V operator()(const InvitationSent &) const { return {S::inviting}; }
  V operator()(const InvitationAccepted &) const { return {S::inviting}; }
  V operator()(const InvitationRefused &) const { return {S::inviting}; }
  V operator()(const InvitationLapsed &) const { return {S::inviting}; }
  V operator()(const MediatorProposed &) const { return {S::choosing_mediator}; }
  V operator()(const MediatorAgreed &) const { return {S::choosing_mediator}; }
  V operator()(const MediatorRejected &) const { return {S::choosing_mediator, S::contracting}; }
  V operator()(const MediatorDeclared &) const {
    return {S::choosing_mediator, S::contracting, S::running};
  }
  V operator()(const ContractDrafted &) const { return {S::contracting}; }
  V operator()(const ContractAccepted &) const { return {S::contracting}; }
  V operator()(const ExtensionRequested &) const { return {S::running}; }
  V operator()(const ExtensionAgreed &) const { return {S::running}; }
  V operator()(const ExtensionDeclined &) const { return {S::running}; }
  V operator()(const SettlementDrafted &) const { return {S::running}; }
  V operator()(const SettlementSigned &) const { return {S::running}; }
  V operator()(const SettlementRuledOut &) const { return {S::running}; }
  V operator()(const PartiesRefused &) const { return open(); }
  V operator()(const Withdrawn &) const { return open(); }
  V operator()(const TermExpired &) const { return {S::running}; }
  V operator()(const ChildThreatRecorded &) const { return open(); }
  V operator()(const NoticeRequested &) const { return {S::ended}; }
  V operator()(const ObligationMarked &) const { return {S::ended}; }
};

struct Step {
  const Case &before;
  Time now;
  const std::string &actor;

  const Party *party() const { return partyOf(before, actor); }

  Result<Case> operator()(const ScreeningPassed &) const {
    Case c = before;
    c.stage = S::inviting;
    return c;
  }
  Result<Case> operator()(const ScreeningRefused &e) const {
    if (e.ground.empty()) return Error::field("ground", "required");
    return ended(before, EndGround::screening_refused, std::nullopt, now, e.ground);
  }
  Result<Case> operator()(const InvitationSent &e) const {
    if (before.invited_at) return refused("invitation sent already", before);
    if (e.answer_days && (*e.answer_days < 1 || *e.answer_days > kMaxAnswerDays))
      return Error::field("answer_days", "out_of_range",
                          {{"min", "1"}, {"max", std::to_string(kMaxAnswerDays)}});
    Case c = before;
    c.invited_at = now;
    c.answer_days = e.answer_days;
    return c;
  }
  Result<Case> operator()(const InvitationAccepted &) const {
    if (!before.invited_at || now >= *invitationDeadline(before))
      return refused("invitation not open", before);
    const auto *p = party();
    if (!p) return notAllowed("accept", actor);
    if (p->consented_at) return refused("consented already", before);
    Case c = before;
    for (auto &q : c.parties)
      if (q.id == p->id) q.consented_at = now;
    if (std::all_of(c.parties.begin(), c.parties.end(),
                    [](const Party &q) { return q.consented_at.has_value(); }))
      c.stage = S::choosing_mediator;
    return c;
  }
  Result<Case> operator()(const InvitationRefused &) const {
    if (!before.invited_at || now >= *invitationDeadline(before))
      return refused("invitation not open", before);
    const auto *p = party();
    if (!p) return notAllowed("refuse", actor);
    if (p->consented_at) return refused("consented already", before);
    return ended(before, EndGround::invitation_refused, p->id, now);
  }
  Result<Case> operator()(const InvitationLapsed &) const {
    if (!before.invited_at || now < *invitationDeadline(before))
      return refused("invitation still open", before);
    return ended(before, EndGround::invitation_lapsed, std::nullopt, now);
  }
  Result<Case> operator()(const MediatorProposed &e) const {
    const auto *p = party();
    if (!p) return notAllowed("propose", actor);
    if (e.mediator_id.empty()) return Error::field("mediator_id", "required");
    if (choiceOf(before, e.mediator_id)) return refused("mediator listed already", before);
    Case c = before;
    c.mediators.push_back({e.mediator_id,
                           e.is_public,
                           e.register_id,
                           e.name,
                           e.keeper,
                           p->id,
                           {p->id},
                           Declaration::pending,
                           {},
                           {}});
    return c;
  }
  Result<Case> operator()(const MediatorAgreed &e) const {
    const auto *p = party();
    if (!p) return notAllowed("agree", actor);
    Case c = before;
    auto *m = choiceIn(c, e.mediator_id);
    if (!m) return Error::field("mediator_id", "not_found");
    if (m->declaration == Declaration::conflict || m->agreed_by.contains(p->id))
      return refused("agreement", before);
    m->agreed_by.insert(p->id);
    advanceChoice(c);
    return c;
  }
  Result<Case> operator()(const MediatorRejected &e) const {
    if (!party()) return notAllowed("reject", actor);
    const auto *m = choiceOf(before, e.mediator_id);
    if (!m) return Error::field("mediator_id", "not_found");
    if (m->declaration == Declaration::conflict) return refused("mediator out already", before);
    Case c = before;
    std::erase_if(c.mediators,
                  [&](const MediatorChoice &x) { return x.mediator_id == e.mediator_id; });
    if (c.stage == S::contracting)
      backToChoosing(c);
    else
      advanceChoice(c); // the others may all be chosen already
    return c;
  }
  Result<Case> operator()(const MediatorDeclared &e) const {
    const auto *listed = choiceOf(before, actor);
    if (!listed) return notAllowed("declare", actor);
    const bool chosen = isChosen(before, *listed);
    if (listed->declaration != Declaration::pending && !(e.conflict && chosen))
      return refused("declared already", before);
    if (before.stage == S::running) // only a chosen mediator is still here
      return ended(before, EndGround::conflict_of_interest, actor, now, e.note);
    Case c = before;
    auto *m = choiceIn(c, actor);
    m->declaration = e.conflict ? Declaration::conflict : Declaration::no_conflict;
    m->declared_at = now;
    m->conflict_note = e.conflict ? e.note : std::string();
    if (c.stage == S::contracting)
      backToChoosing(c);
    else
      advanceChoice(c);
    return c;
  }
  Result<Case> operator()(const ContractDrafted &e) const {
    const std::string by = signerOf(before, actor);
    if (by.empty()) return notAllowed("draft contract", actor);
    if (e.document_hash.empty()) return Error::field("document_hash", "required");
    if (auto ok = checkFee(before, e.fee); !ok) return ok.error();
    Case c = before;
    c.contract = Contract{
        before.contract.version + 1, e.document_hash, e.fee, {}, e.place, e.procedure, by, now};
    return c;
  }
  Result<Case> operator()(const ContractAccepted &e) const {
    const std::string by = signerOf(before, actor);
    if (by.empty()) return notAllowed("accept contract", actor);
    const auto &k = before.contract;
    if (k.version == 0 || e.version != k.version || e.document_hash != k.document_hash)
      return refused("not the current contract", before);
    if (signedBy(k.acceptances, by)) return refused("accepted already", before);
    Case c = before;
    c.contract.acceptances.push_back({by, k.version, k.document_hash, now, e.certificate});
    if (everyoneSigned(c, c.contract.acceptances)) {
      c.stage = S::running;
      c.started_at = now;
      c.term_days = kTermDays;
    }
    return c;
  }
  Result<Case> operator()(const ExtensionRequested &e) const {
    const std::string by = signerOf(before, actor);
    if (by.empty()) return notAllowed("extend", actor);
    if (before.pending_extension) return refused("extension asked already", before);
    const int room = kMaxTermDays - before.term_days;
    if (e.days < 1)
      return Error::field("days", "out_of_range", {{"min", "1"}, {"max", std::to_string(room)}});
    if (e.days > room)
      return Error::field("days", "term_limit", {{"max", std::to_string(kMaxTermDays)}});
    Case c = before;
    c.pending_extension = Extension{e.days, by, {by}, std::nullopt, false};
    grantIfAgreed(c, now);
    return c;
  }
  Result<Case> operator()(const ExtensionAgreed &) const {
    if (!before.pending_extension) return refused("no extension asked", before);
    const std::string by = signerOf(before, actor);
    if (by.empty()) return notAllowed("agree extension", actor);
    if (before.pending_extension->agreed_by.contains(by)) return refused("agreed already", before);
    Case c = before;
    c.pending_extension->agreed_by.insert(by);
    grantIfAgreed(c, now);
    return c;
  }
  Result<Case> operator()(const ExtensionDeclined &) const {
    if (!before.pending_extension) return refused("no extension asked", before);
    const bool mediator = !before.court_case_pending && isChosenMediator(before, actor);
    if (!party() && !mediator) return notAllowed("decline extension", actor);
    Case c = before;
    c.pending_extension.reset();
    return c;
  }
  Result<Case> operator()(const SettlementDrafted &e) const {
    const std::string by = signerOf(before, actor);
    if (by.empty()) return notAllowed("draft settlement", actor);
    if (e.document_hash.empty()) return Error::field("document_hash", "required");
    if (auto ok = checkObligations(before, e.obligations); !ok) return ok.error();
    Case c = before;
    auto &s = c.settlement;
    s.versions.push_back({static_cast<int>(s.versions.size()) + 1, e.document_hash, by, now,
                          e.place, e.terms, e.consequences, e.obligations});
    s.obligations = e.obligations;
    for (auto &o : s.obligations) {
      o.performed.reset();
      o.marked_by.clear();
      o.marked_at.reset();
    }
    s.signatures.clear();
    return c;
  }
  Result<Case> operator()(const SettlementSigned &e) const {
    const std::string by = signerOf(before, actor);
    if (by.empty()) return notAllowed("sign", actor);
    const auto &s = before.settlement;
    if (s.versions.empty() || e.version != s.versions.back().number ||
        e.document_hash != s.versions.back().document_hash)
      return refused("not the current settlement", before);
    if (signedBy(s.signatures, by)) return refused("signed already", before);
    Case c = before;
    c.settlement.signatures.push_back({by, e.version, e.document_hash, now, e.certificate});
    if (everyoneSigned(c, c.settlement.signatures))
      return ended(std::move(c), EndGround::settled, by, now);
    return c;
  }
  Result<Case> operator()(const SettlementRuledOut &e) const {
    if (!isChosenMediator(before, actor)) return notAllowed("rule out", actor);
    return ended(before, EndGround::settlement_ruled_out, actor, now, e.reason);
  }
  Result<Case> operator()(const PartiesRefused &e) const {
    const auto *p = party();
    if (!p) return notAllowed("refuse", actor);
    const bool every = e.party_ids.size() == before.parties.size() &&
                       std::all_of(before.parties.begin(), before.parties.end(),
                                   [&](const Party &q) { return e.party_ids.contains(q.id); });
    if (!every) return Error::field("party_ids", "invalid_value");
    return ended(before, EndGround::parties_refused, p->id, now);
  }
  Result<Case> operator()(const Withdrawn &) const {
    const auto *p = party();
    if (!p) return notAllowed("withdraw", actor);
    return ended(before, EndGround::party_refused, p->id, now);
  }
  Result<Case> operator()(const TermExpired &) const {
    const auto ends = termEnds(before);
    if (!ends || now < *ends) return refused("term not over", before);
    return ended(before, EndGround::term_expired, std::nullopt, now);
  }
  Result<Case> operator()(const ChildThreatRecorded &e) const {
    if (!choiceOf(before, actor)) return notAllowed("record threat", actor);
    if (e.note.empty()) return Error::field("note", "required");
    Case c = before;
    c.child_threats.push_back({actor, now, e.note});
    return c;
  }
  Result<Case> operator()(const NoticeRequested &) const {
    if (!noticeAvailable(before)) return refused("no notice for this ground", before);
    const auto *p = party();
    if (!p) return notAllowed("ask for notice", actor);
    Case c = before;
    c.notices.push_back({p->id, now});
    return c;
  }
  Result<Case> operator()(const ObligationMarked &e) const {
    if (!before.ending || before.ending->ground != EndGround::settled)
      return refused("not settled", before);
    const auto *p = party();
    if (!p) return notAllowed("mark", actor);
    Case c = before;
    for (auto &o : c.settlement.obligations) {
      if (o.id != e.obligation_id) continue;
      o.performed = e.performed;
      o.marked_by = p->id;
      o.marked_at = now;
      return c;
    }
    return Error::field("obligation_id", "not_found");
  }
};

} // namespace

Result<Case> open(Case draft, Time now, const std::string &actor) {
  if (draft.parties.size() < 2) return Error::field("parties", "too_few", {{"min", "2"}});
  std::set<std::string> ids;
  for (auto &p : draft.parties) {
    if (p.id.empty() || p.identifier.empty()) return Error::field("parties", "required");
    if (!ids.insert(p.id).second) return Error::field("parties", "invalid_value");
    for (const auto &r : p.representatives)
      if (r.id.empty() || !ids.insert(r.id).second) return Error::field("parties", "invalid_value");
    p.consented_at.reset();
  }
  if (draft.subject.empty()) return Error::field("subject", "required");
  if (draft.category.empty()) return Error::field("category", "required");
  if (draft.language.empty()) return Error::field("language", "required");
  if (draft.source == Source::consultation && (!draft.ticket_id || draft.ticket_id->empty()))
    return Error::field("ticket_id", "required");
  Case c;
  c.id = std::move(draft.id);
  c.source = draft.source;
  c.ticket_id = std::move(draft.ticket_id);
  c.parties = std::move(draft.parties);
  c.subject = std::move(draft.subject);
  c.category = std::move(draft.category);
  c.language = std::move(draft.language);
  c.region = std::move(draft.region);
  c.court_case_pending = draft.court_case_pending;
  c.opened_by = actor;
  c.opened_at = now;
  const auto *opener = partyOf(c, actor);
  if (draft.source == Source::party && !opener) return notAllowed("open", actor);
  for (auto &p : c.parties)
    if (opener && p.id == opener->id) p.consented_at = now;
  return c;
}

Result<Case> apply(const Case &c, const CaseEvent &event, Time now, const std::string &actor) {
  const auto allowed = startsFrom(event);
  if (std::find(allowed.begin(), allowed.end(), c.stage) == allowed.end())
    return refused("transition", c);
  const auto ends = termEnds(c);
  if (c.stage == S::running && ends && now >= *ends &&
      !std::holds_alternative<TermExpired>(event) &&
      !std::holds_alternative<ChildThreatRecorded>(event))
    return refused("term over", c);
  return std::visit(Step{c, now, actor}, event);
}

std::vector<CaseStage> startsFrom(const CaseEvent &event) {
  return std::visit(StartsFrom{}, event);
}

bool noticeAvailable(const Case &c) {
  if (c.stage != S::ended || !c.ending || !c.started_at) return false;
  const auto g = c.ending->ground;
  return g == EndGround::parties_refused || g == EndGround::party_refused ||
         g == EndGround::term_expired;
}

bool mayHoldSessions(const Case &c, Time now) {
  const auto ends = termEnds(c);
  return c.stage == S::running && ends && now < *ends;
}

bool confidentialityLifted(const Case &c) {
  return !c.child_threats.empty();
}

bool isOverdue(const Obligation &o, Time now) {
  return o.performed != true && now >= o.due;
}

} // namespace kelisim::core::mediation
