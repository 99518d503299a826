// CaseService's steps after the opening (issue 10): the invitation by link, the mediators,
// the contract and the settlement with their documents, the term, the ending. Each step is
// the core's transition (core/mediation/case_lifecycle) taken by the caller, saved whole with
// the version it was read at, its audit entry and its mails in one unit of work.
#include "app/audit.hpp"
#include "app/mediation/case_service.hpp"
#include "app/mediation/cms_signature.hpp"
#include "app/sodium_random.hpp"
#include "core/ids.hpp"
#include "core/mediation/case_lifecycle.hpp"
#include "core/mediation/deadlines.hpp"
#include "core/validation.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <functional>

namespace kelisim::app::mediation {

using core::Error;
using core::ErrorCode;

namespace {

constexpr std::size_t kInviteSecretBytes = 24;
constexpr const char *kPendingHash = "pending"; // replaced by the PDF's hash before saving

std::string stageDetail(const md::Case &c) {
  std::string d = R"({"stage":")" + std::string(md::toString(c.stage)) + "\"";
  if (c.ending) d += R"(,"ending":")" + std::string(md::toString(c.ending->ground)) + "\"";
  return d + "}";
}

void addField(Error &e, const std::optional<core::FieldError> &f) {
  if (f) e.fields.push_back(*f);
}

// An optional text: empty is allowed, else checked like checkText.
void optionalText(Error &e, std::string_view field, const std::string &text, std::size_t max) {
  if (!text.empty()) addField(e, core::checkText(field, text, max));
}

// "<case id>.<secret>" → the two parts; none when malformed.
std::optional<std::pair<std::string, std::string>> splitToken(const std::string &token) {
  const auto dot = token.find('.');
  if (token.size() > 200 || dot == std::string::npos || dot == 0 || dot + 1 == token.size())
    return std::nullopt;
  return std::pair{token.substr(0, dot), token.substr(dot + 1)};
}

// Every mention of a party's id in a case in inviting (its parties and who opened it).
void renameParty(md::Case &c, const std::string &from, const std::string &to) {
  for (auto &p : c.parties)
    if (p.id == from) p.id = to;
  if (c.opened_by == from) c.opened_by = to;
}

std::string inviterOf(const md::Case &c) {
  for (const auto &p : c.parties)
    if (p.consented_at) return p.name;
  return {};
}

} // namespace

std::vector<std::string> possibleActions(const md::Case &c, const std::string &user_id,
                                         core::Time now) {
  std::vector<std::string> out;
  const auto may = [&](const char *name, const md::CaseEvent &event) {
    auto r = md::apply(c, event, now, user_id);
    if (r || r.error().code == ErrorCode::validation_failed) out.emplace_back(name);
  };
  const auto *party = md::partyOf(c, user_id);
  if (c.stage == md::CaseStage::inviting && party && party->consented_at)
    out.emplace_back("invite");
  may("propose_mediator", md::MediatorProposed{"\x01probe", false, {}, {}, {}});
  if (party && c.stage == md::CaseStage::choosing_mediator)
    for (const auto &m : c.mediators)
      if (m.declaration != md::Declaration::conflict && !m.agreed_by.contains(party->id)) {
        out.emplace_back("agree_mediator");
        break;
      }
  may("declare", md::MediatorDeclared{false, {}});
  may("draft_contract", md::ContractDrafted{md::Fee{}, "probe", {}, {}});
  may("accept_contract",
      md::ContractAccepted{c.contract.version, c.contract.document_hash, std::nullopt});
  may("extend", md::ExtensionRequested{1});
  may("agree_extension", md::ExtensionAgreed{});
  may("decline_extension", md::ExtensionDeclined{});
  may("draft_settlement", md::SettlementDrafted{"probe", {}, {}, {}, {}});
  if (!c.settlement.versions.empty())
    may("sign_settlement",
        md::SettlementSigned{c.settlement.versions.back().number,
                             c.settlement.versions.back().document_hash, std::nullopt});
  may("rule_out", md::SettlementRuledOut{"probe"});
  may("record_child_threat", md::ChildThreatRecorded{"probe"});
  may("withdraw", md::Withdrawn{});
  may("request_notice", md::NoticeRequested{});
  if (!c.settlement.obligations.empty())
    may("mark_obligation", md::ObligationMarked{c.settlement.obligations.front().id, true});
  return out;
}

Task<CaseView> CaseService::act(const Caller &caller, const std::string &id, SeenVersion seen,
                                md::CaseEvent event, std::string action, Extra *extra) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  auto &record = loaded->record;
  if (seen && *seen != record.version)
    co_return Error::make(ErrorCode::conflict, "case changed since it was read");
  const core::Time now = clock_.now();
  auto c = md::apply(record.c, event, now, caller.user->id);
  if (!c) co_return c.error();
  if (extra && extra->then) {
    // The documents are made off the io thread (see the class comment).
    auto home = co_await boost::asio::this_coro::executor;
    co_await boost::asio::post(pool_, boost::asio::use_awaitable);
    auto finished = extra->then(std::move(*c));
    co_await boost::asio::post(home, boost::asio::use_awaitable);
    if (!finished) co_return finished.error();
    c = std::move(finished);
  }
  core::UnitOfWork work;
  work.add(core::CaseSaved{*c, caseReaders(*c), record.version});
  const AuditEntry entry{caller.user->id, "mediation." + action, "mediation_case", id,
                         stageDetail(*c)};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  if (extra)
    for (auto &m : extra->mails) work.add(core::NewMail{std::move(m)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error(); // conflict: someone changed it after our read
  // A mediator who declared a conflict is no longer one of the case's people.
  const auto role = roleIn(*c, caller.user->id);
  CaseView view{std::move(*c), record.version + 1, role};
  co_return view;
}

// --- the invitation --------------------------------------------------------------------

Task<CaseService::Invited> CaseService::invite(const Caller &caller, const std::string &id,
                                               std::optional<int> answer_days, SeenVersion seen) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  auto &record = loaded->record;
  if (seen && *seen != record.version)
    co_return Error::make(ErrorCode::conflict, "case changed since it was read");
  const auto *inviter = md::partyOf(record.c, caller.user->id);
  if (!inviter || !inviter->consented_at) co_return ErrorCode::forbidden;
  const core::Time now = clock_.now();
  md::Case c = record.c;
  if (c.stage != md::CaseStage::inviting)
    co_return Error::make(ErrorCode::conflict, "the case is not inviting");
  if (!c.invited_at) {
    auto sent = md::apply(c, md::InvitationSent{answer_days}, now, caller.user->id);
    if (!sent) co_return sent.error();
    c = std::move(*sent);
  } else if (now >= *md::invitationDeadline(c)) {
    co_return Error::make(ErrorCode::conflict, "the invitation's term has run out");
  }
  Invited out;
  core::UnitOfWork work;
  out.links = newInvitationLinks(c, work, now);
  work.add(core::CaseSaved{c, caseReaders(c), record.version});
  const AuditEntry entry{caller.user->id, "mediation.invitation_sent", "mediation_case", id,
                         R"({"links":)" + std::to_string(out.links.size()) + "}"};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  out.view = CaseView{std::move(c), record.version + 1, loaded->role};
  co_return out;
}

std::vector<InvitationLink> CaseService::newInvitationLinks(md::Case &c, core::UnitOfWork &work,
                                                            core::Time now) {
  const auto deadline = *md::invitationDeadline(c);
  const std::string last_day = md::lastDayOf(deadline);
  const auto language = core::parseLanguage(c.language).value_or(core::Language::ru);
  std::vector<InvitationLink> out;
  for (auto &p : c.parties) {
    if (p.consented_at) continue;
    const std::string secret = core::newToken(now, random_, kInviteSecretBytes);
    p.invite_hash = sha256Hex(secret);
    const std::string url = pageUrl(mail_, "/invitations#" + c.id + "." + secret);
    if (p.email)
      work.add(core::NewMail{newMail(core::MailKind::mediation_invitation, *p.email, language,
                                     {{"link", url},
                                      {"inviter", inviterOf(c)},
                                      {"category", c.category},
                                      {"deadline", last_day}},
                                     now, random_)});
    out.push_back({p.id, url});
  }
  return out;
}

Task<CaseService::Invitee> CaseService::invitee(const std::string &token) {
  const auto parts = splitToken(token);
  if (!parts) co_return ErrorCode::not_found;
  auto record = co_await store_.getCase(parts->first);
  if (!record) co_return record.error(); // not_found for an unknown case
  const std::string hash = sha256Hex(parts->second);
  const auto &c = record->c;
  const auto deadline = md::invitationDeadline(c);
  if (c.stage != md::CaseStage::inviting || !deadline || clock_.now() >= *deadline)
    co_return ErrorCode::not_found;
  for (std::size_t i = 0; i < c.parties.size(); ++i)
    if (c.parties[i].invite_hash && *c.parties[i].invite_hash == hash &&
        !c.parties[i].consented_at) {
      Invitee out{std::move(*record), i};
      co_return out;
    }
  co_return ErrorCode::not_found;
}

Task<InvitationPreview> CaseService::invitation(const std::string &token) {
  auto found = co_await invitee(token);
  if (!found) co_return found.error();
  const auto &c = found->record.c;
  InvitationPreview out{
      c.id,       c.parties[found->party].name, inviterOf(c), c.category, c.subject,
      c.language, *md::invitationDeadline(c)};
  co_return out;
}

Task<CaseView> CaseService::acceptInvitation(const Caller &caller, const std::string &token) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (caller.is(core::Role::admin)) co_return ErrorCode::forbidden;
  auto found = co_await invitee(token);
  if (!found) co_return found.error();
  auto &record = found->record;
  if (roleIn(record.c, caller.user->id))
    co_return Error::make(ErrorCode::conflict, "already one of the case's people");
  md::Case c = record.c;
  auto &party = c.parties[found->party];
  const std::string invited_id = party.id;
  party.invite_hash.reset();
  party.email.reset(); // their account's address is used from now on
  renameParty(c, invited_id, caller.user->id);
  const core::Time now = clock_.now();
  auto accepted = md::apply(c, md::InvitationAccepted{}, now, caller.user->id);
  if (!accepted) co_return accepted.error();

  core::UnitOfWork work;
  work.add(core::CaseSaved{*accepted, caseReaders(*accepted), record.version});
  const AuditEntry entry{caller.user->id, "mediation.invitation_accepted", "mediation_case", c.id,
                         stageDetail(*accepted)};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  CaseView view{std::move(*accepted), record.version + 1, CaseRole::party};
  co_return view;
}

Task<core::Unit> CaseService::refuseInvitation(const Caller &caller, const std::string &token) {
  auto found = co_await invitee(token);
  if (!found) co_return found.error();
  auto &record = found->record;
  const std::string party_id = record.c.parties[found->party].id;
  auto refused = md::apply(record.c, md::InvitationRefused{}, clock_.now(), party_id);
  if (!refused) co_return refused.error();
  refused->parties[found->party].invite_hash.reset();

  core::UnitOfWork work;
  work.add(core::CaseSaved{*refused, caseReaders(*refused), record.version});
  const AuditEntry entry{caller.user ? std::optional(caller.user->id) : std::nullopt,
                         "mediation.invitation_refused", "mediation_case", refused->id,
                         stageDetail(*refused)};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  co_return core::Unit{};
}

// --- the mediators ---------------------------------------------------------------------

Task<CaseView> CaseService::proposeMediator(const Caller &caller, const std::string &id,
                                            const std::string &register_id, SeenVersion seen) {
  if (register_id.empty() || register_id.size() > 64)
    co_return Error::field("register_id", "invalid_value");
  auto m = co_await store_.getMediator(register_id);
  if (!m && m.error().code == ErrorCode::not_found)
    co_return Error::field("register_id", "not_found");
  if (!m) co_return m.error();
  if (!md::mayTakeCases(*m) || !m->user_id) co_return Error::field("register_id", "not_available");
  md::CaseEvent event = md::MediatorProposed{*m->user_id, m->kind == md::MediatorKind::public_,
                                             m->id, m->name, m->keeper};
  std::string action = "mediator_proposed";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

namespace {
// The user id of the mediator a register record names on the case; none if not listed.
std::optional<std::string> listedMediator(const md::Case &c, const std::string &register_id) {
  for (const auto &m : c.mediators)
    if (m.register_id == register_id) return m.mediator_id;
  return std::nullopt;
}
} // namespace

Task<CaseView> CaseService::agreeMediator(const Caller &caller, const std::string &id,
                                          const std::string &register_id, SeenVersion seen) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  const auto user = listedMediator(loaded->record.c, register_id);
  if (!user) co_return Error::field("register_id", "not_found");
  md::CaseEvent event = md::MediatorAgreed{*user};
  std::string action = "mediator_agreed";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

Task<CaseView> CaseService::rejectMediator(const Caller &caller, const std::string &id,
                                           const std::string &register_id, SeenVersion seen) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  const auto user = listedMediator(loaded->record.c, register_id);
  if (!user) co_return Error::field("register_id", "not_found");
  md::CaseEvent event = md::MediatorRejected{*user};
  std::string action = "mediator_rejected";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

Task<CaseView> CaseService::declare(const Caller &caller, const std::string &id, bool conflict,
                                    std::string note, SeenVersion seen) {
  Error invalid = Error::make(ErrorCode::validation_failed);
  if (conflict)
    addField(invalid, core::checkText("note", note, kMaxReason));
  else
    optionalText(invalid, "note", note, kMaxReason);
  if (!invalid.fields.empty()) co_return invalid;
  md::CaseEvent event = md::MediatorDeclared{conflict, std::move(note)};
  std::string action = conflict ? "conflict_declared" : "no_conflict_declared";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

// --- the documents ---------------------------------------------------------------------

core::Result<md::CertificateSignature>
CaseService::verified(const md::Case &c, const std::string &signer, const std::string &pdf,
                      const std::optional<std::string> &cms) const {
  if (!cms) return Error::field("cms", "required");
  auto checked = verifyDetachedCms(*cms, pdf, clock_.now(), trust_);
  if (!checked) return checked.error();
  // A party signs with its own certificate: the person's IIN, the organisation's BIN. A
  // mediator's certificate is theirs; the register keeps no IIN to compare it with.
  if (const auto *party = md::partyOf(c, signer)) {
    const bool own = party->id == signer;
    const auto &number = party->kind == md::PartyKind::person ? checked->iin : checked->bin;
    if (own && (!number || *number != party->identifier))
      return Error::field("cms", "signer_mismatch");
  }
  return std::move(checked->certificate);
}

Task<CaseView> CaseService::draftContract(const Caller &caller, const std::string &id,
                                          ContractInput in, SeenVersion seen) {
  Error invalid = Error::make(ErrorCode::validation_failed);
  addField(invalid, core::checkLine("place", in.place, kMaxPlace));
  optionalText(invalid, "procedure", in.procedure, kMaxProcedure);
  if (!invalid.fields.empty()) co_return invalid;
  if (!documents_) co_return ErrorCode::unavailable;
  Extra extra;
  extra.then = [this](md::Case c) -> core::Result<md::Case> {
    auto pdf = documents_->contract(c);
    if (!pdf) return pdf.error();
    c.contract.document_hash = sha256Hex(*pdf);
    return c;
  };
  md::CaseEvent event = md::ContractDrafted{std::move(in.fee), kPendingHash, std::move(in.place),
                                            std::move(in.procedure)};
  std::string action = "contract_drafted";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action), &extra);
}

Task<CaseView> CaseService::acceptContract(const Caller &caller, const std::string &id,
                                           SignInput in, SeenVersion seen) {
  Extra extra;
  const std::string signer = caller.user ? caller.user->id : std::string();
  if (in.cms) {
    if (!documents_) co_return ErrorCode::unavailable;
    extra.then = [this, cms = in.cms, signer](md::Case c) -> core::Result<md::Case> {
      auto pdf = documents_->contract(c);
      if (!pdf) return pdf.error();
      auto certificate = verified(c, signer, *pdf, cms);
      if (!certificate) return certificate.error();
      c.contract.acceptances.back().certificate = std::move(*certificate);
      return c;
    };
  }
  md::CaseEvent event =
      md::ContractAccepted{in.document_version, std::move(in.document_hash), std::nullopt};
  std::string action = "contract_accepted";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action), &extra);
}

Task<CaseView> CaseService::draftSettlement(const Caller &caller, const std::string &id,
                                            SettlementInput in, SeenVersion seen) {
  Error invalid = Error::make(ErrorCode::validation_failed);
  addField(invalid, core::checkLine("place", in.place, kMaxPlace));
  optionalText(invalid, "terms", in.terms, kMaxTerms);
  addField(invalid, core::checkText("consequences", in.consequences, kMaxConsequences));
  if (in.obligations.empty())
    invalid.fields.push_back({"obligations", "too_few", {{"min", "1"}}});
  else if (in.obligations.size() > kMaxObligations)
    invalid.fields.push_back(
        {"obligations", "too_many", {{"max", std::to_string(kMaxObligations)}}});
  std::vector<md::Obligation> obligations;
  for (std::size_t i = 0; i < in.obligations.size() && i < kMaxObligations; ++i) {
    auto &o = in.obligations[i];
    const std::string at = "obligations[" + std::to_string(i) + "].";
    addField(invalid, core::checkText(at + "what", o.what, kMaxObligationText));
    addField(invalid, core::checkText(at + "how", o.how, kMaxObligationWay));
    obligations.push_back({std::to_string(i + 1),
                           std::move(o.owed_by),
                           std::move(o.what),
                           std::move(o.how),
                           o.due,
                           std::nullopt,
                           {},
                           std::nullopt});
  }
  if (!invalid.fields.empty()) co_return invalid;
  if (!documents_) co_return ErrorCode::unavailable;
  {
    // Who owes each obligation must be a party of this case: named per obligation.
    auto loaded = co_await load(caller, id);
    if (!loaded) co_return loaded.error();
    for (std::size_t i = 0; i < obligations.size(); ++i) {
      const auto *p = md::partyOf(loaded->record.c, obligations[i].owed_by);
      if (!p || p->id != obligations[i].owed_by)
        invalid.fields.push_back(
            {"obligations[" + std::to_string(i) + "].owed_by", "not_found", {}});
    }
    if (!invalid.fields.empty()) co_return invalid;
  }
  Extra extra;
  extra.then = [this](md::Case c) -> core::Result<md::Case> {
    auto &version = c.settlement.versions.back();
    auto pdf = documents_->settlement(c, version.number);
    if (!pdf) return pdf.error();
    version.document_hash = sha256Hex(*pdf);
    return c;
  };
  md::CaseEvent event =
      md::SettlementDrafted{kPendingHash, std::move(obligations), std::move(in.place),
                            std::move(in.terms), std::move(in.consequences)};
  std::string action = "settlement_drafted";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action), &extra);
}

Task<CaseView> CaseService::signSettlement(const Caller &caller, const std::string &id,
                                           SignInput in, SeenVersion seen) {
  Extra extra;
  const std::string signer = caller.user ? caller.user->id : std::string();
  const int number = in.document_version;
  if (in.cms) {
    if (!documents_) co_return ErrorCode::unavailable;
    extra.then = [this, cms = in.cms, signer, number](md::Case c) -> core::Result<md::Case> {
      auto pdf = documents_->settlement(c, number);
      if (!pdf) return pdf.error();
      auto certificate = verified(c, signer, *pdf, cms);
      if (!certificate) return certificate.error();
      c.settlement.signatures.back().certificate = std::move(*certificate);
      return c;
    };
  }
  md::CaseEvent event = md::SettlementSigned{number, std::move(in.document_hash), std::nullopt};
  std::string action = "settlement_signed";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action), &extra);
}

Task<CaseDocument> CaseService::document(const Caller &caller, const std::string &id,
                                         CaseDocumentKind kind, int number) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  if (!documents_) co_return ErrorCode::unavailable;
  const auto &c = loaded->record.c;
  core::Result<std::string> pdf = ErrorCode::not_found;
  std::string name;
  auto home = co_await boost::asio::this_coro::executor;
  co_await boost::asio::post(pool_, boost::asio::use_awaitable);
  switch (kind) {
  case CaseDocumentKind::contract:
    pdf = documents_->contract(c);
    name = "contract";
    break;
  case CaseDocumentKind::settlement:
    pdf = documents_->settlement(c, number);
    name = "settlement-" + std::to_string(number);
    break;
  case CaseDocumentKind::notice:
    pdf = c.notices.empty() ? core::Result<std::string>(ErrorCode::not_found)
                            : documents_->terminationNotice(c);
    name = "notice";
    break;
  case CaseDocumentKind::court_notice:
    pdf = number < 0 ? core::Result<std::string>(ErrorCode::not_found)
                     : documents_->courtExtensionNotice(c, static_cast<std::size_t>(number));
    name = "court-notice-" + std::to_string(number);
    break;
  case CaseDocumentKind::court_package:
    pdf = documents_->courtPackage(c);
    name = "court-package";
    break;
  }
  co_await boost::asio::post(home, boost::asio::use_awaitable);
  if (!pdf) co_return pdf.error();
  const AuditEntry entry{caller.user->id, "mediation.document_read", "mediation_case", id,
                         R"({"document":")" + name + "\"}"};
  if (auto ok = co_await recordAudit(store_, clock_, caller, entry); !ok) co_return ok.error();
  CaseDocument out{std::move(*pdf), name + "-" + id + ".pdf"};
  co_return out;
}

// --- the term and the ending -----------------------------------------------------------

Task<CaseView> CaseService::requestExtension(const Caller &caller, const std::string &id, int days,
                                             SeenVersion seen) {
  md::CaseEvent event = md::ExtensionRequested{days};
  std::string action = "extension_requested";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

Task<CaseView> CaseService::agreeExtension(const Caller &caller, const std::string &id,
                                           SeenVersion seen) {
  md::CaseEvent event = md::ExtensionAgreed{};
  std::string action = "extension_agreed";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

Task<CaseView> CaseService::declineExtension(const Caller &caller, const std::string &id,
                                             SeenVersion seen) {
  md::CaseEvent event = md::ExtensionDeclined{};
  std::string action = "extension_declined";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

Task<CaseView> CaseService::ruleOut(const Caller &caller, const std::string &id, std::string reason,
                                    SeenVersion seen) {
  if (auto bad = core::checkText("reason", reason, kMaxReason))
    co_return Error::field(bad->field, bad->code, bad->params);
  md::CaseEvent event = md::SettlementRuledOut{std::move(reason)};
  std::string action = "settlement_ruled_out";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

Task<CaseView> CaseService::recordChildThreat(const Caller &caller, const std::string &id,
                                              std::string note, SeenVersion seen) {
  if (auto bad = core::checkText("note", note, kMaxNote))
    co_return Error::field(bad->field, bad->code, bad->params);
  md::CaseEvent event = md::ChildThreatRecorded{std::move(note)};
  std::string action = "child_threat_recorded";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

Task<CaseView> CaseService::requestNotice(const Caller &caller, const std::string &id,
                                          SeenVersion seen) {
  md::CaseEvent event = md::NoticeRequested{};
  std::string action = "notice_requested";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

Task<CaseView> CaseService::markObligation(const Caller &caller, const std::string &id,
                                           const std::string &obligation_id, bool performed,
                                           SeenVersion seen) {
  md::CaseEvent event = md::ObligationMarked{obligation_id, performed};
  std::string action = "obligation_marked";
  co_return co_await act(caller, id, seen, std::move(event), std::move(action));
}

} // namespace kelisim::app::mediation
