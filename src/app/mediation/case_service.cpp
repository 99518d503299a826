#include "app/mediation/case_service.hpp"

#include "app/audit.hpp"
#include "core/ids.hpp"
#include "core/mediation/case_lifecycle.hpp"
#include "core/mediation/identity.hpp"
#include "core/validation.hpp"

#include <algorithm>

namespace kelisim::app::mediation {

using core::Error;
using core::ErrorCode;

std::string_view toString(CaseRole role) {
  switch (role) {
  case CaseRole::party:
    return "party";
  case CaseRole::representative:
    return "representative";
  case CaseRole::mediator:
    return "mediator";
  }
  return "party";
}

std::vector<std::pair<std::string, std::string>> caseReaders(const md::Case &c) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto &p : c.parties) {
    out.emplace_back(p.id, "party");
    for (const auto &r : p.representatives) out.emplace_back(r.id, "representative");
  }
  for (const auto &m : c.mediators)
    if (m.declaration != md::Declaration::conflict) out.emplace_back(m.mediator_id, "mediator");
  return out;
}

namespace {

std::optional<CaseRole> roleIn(const md::Case &c, const std::string &user_id) {
  for (const auto &[id, role] : caseReaders(c))
    if (id == user_id)
      return role == "party"            ? CaseRole::party
             : role == "representative" ? CaseRole::representative
                                        : CaseRole::mediator;
  return std::nullopt;
}

bool isStaff(const Caller &caller) {
  return caller.is(core::Role::specialist) || caller.is(core::Role::coordinator);
}

void addField(Error &e, const std::optional<core::FieldError> &f) {
  if (f) e.fields.push_back(*f);
}
template <class T> void addField(Error &e, const core::Result<T> &r) {
  if (!r) e.fields.insert(e.fields.end(), r.error().fields.begin(), r.error().fields.end());
}

void checkParty(Error &e, std::size_t i, const PartyInput &p, bool email_required) {
  const std::string at = "parties[" + std::to_string(i) + "].";
  addField(e, core::checkLine(at + "name", p.name, kMaxPartyName));
  if (p.kind == md::PartyKind::person)
    addField(e, md::parseIin(at + "identifier", p.identifier));
  else
    addField(e, md::parseBin(at + "identifier", p.identifier));
  if (p.email)
    addField(e, core::checkEmail(at + "email", *p.email));
  else if (email_required)
    e.fields.push_back({at + "email", "required", {}});
}

// The questions left unanswered, named as the form names them.
void checkAnswered(Error &e, const md::ScreeningAnswers &a) {
  const auto need = [&](md::Answer answer, const char *name) {
    if (answer == md::Answer::unknown)
      e.fields.push_back({"screening." + std::string(name), "required", {}});
  };
  need(a.third_party_rights, "third_party_rights");
  need(a.incapable_party, "incapable_party");
  need(a.state_body, "state_body");
  if (a.category && md::isCriminal(*a.category)) need(a.corruption_crime, "corruption_crime");
}

md::Party partyFrom(PartyInput in, std::string id) {
  md::Party p;
  p.id = std::move(id);
  p.kind = in.kind;
  p.identifier = std::move(in.identifier);
  p.name = std::move(in.name);
  if (in.email) p.email = core::normaliseEmail(*in.email);
  return p;
}

std::string detailOf(const md::Case &c) {
  std::string d = R"({"source":")" + std::string(md::toString(c.source)) + R"(","stage":")" +
                  std::string(md::toString(c.stage)) + "\"";
  if (c.ending) d += R"(,"ending":")" + std::string(md::toString(c.ending->ground)) + "\"";
  return d + "}";
}

} // namespace

CaseService::CaseService(core::Store &store, const core::Clock &clock, core::Random &random,
                         MailSettings mail, const core::MediationDocuments *documents,
                         const CmsTrust *trust)
    : store_(store), clock_(clock), random_(random), mail_(std::move(mail)), documents_(documents),
      trust_(trust) {}

Task<CaseService::Loaded> CaseService::load(const Caller &caller, const std::string &id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto record = co_await store_.getCase(id);
  if (!record) co_return record.error();
  const auto role = roleIn(record->c, caller.user->id);
  if (!role) co_return ErrorCode::not_found; // Art. 8: not even whether it exists
  Loaded out{std::move(*record), *role};
  co_return out;
}

Task<std::string> CaseService::checkTicket(const Caller &caller, const std::string &ticket_id) {
  auto ticket = co_await store_.getTicket(ticket_id);
  if (!ticket && ticket.error().code != ErrorCode::not_found) co_return ticket.error();
  const bool theirs =
      ticket && !ticket->erased_at &&
      (caller.is(core::Role::citizen) ? ticket->citizen_id == caller.user->id
                                      : ticket->organisation_id == caller.user->organisation_id);
  if (!theirs) co_return Error::field("ticket_id", "not_found");
  co_return ticket->region;
}

Task<CaseView> CaseService::open(const Caller &caller, OpenCaseInput in) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  const bool citizen = caller.is(core::Role::citizen);
  if (!citizen && !isStaff(caller)) co_return ErrorCode::forbidden;

  Error invalid = Error::make(ErrorCode::validation_failed);
  if (in.parties.size() < 2)
    invalid.fields.push_back({"parties", "too_few", {{"min", "2"}}});
  else if (in.parties.size() > 2)
    invalid.fields.push_back({"parties", "too_many", {{"max", "2"}}});
  for (std::size_t i = 0; i < in.parties.size() && i < 2; ++i)
    checkParty(invalid, i, in.parties[i], i == 1 || !citizen);
  addField(invalid, core::checkText("subject", in.subject, kMaxSubject));
  in.screening.category = in.category;
  const auto ground = md::screen(in.screening);
  if (ground == md::Ground::not_answered) checkAnswered(invalid, in.screening);
  if (in.region && (in.region->size() > 8 || !in.region->starts_with("KZ-")))
    invalid.fields.push_back({"region", "invalid_value", {}});
  if (!invalid.fields.empty()) co_return invalid;
  std::string region = in.region.value_or("");
  if (in.ticket_id) {
    auto ticket_region = co_await checkTicket(caller, *in.ticket_id);
    if (!ticket_region) co_return ticket_region.error();
    if (!ticket_region->empty()) region = std::move(*ticket_region);
  }

  const core::Time now = clock_.now();
  md::Case draft;
  draft.id = core::newId(now, random_);
  draft.source = in.ticket_id ? md::Source::consultation
                 : citizen    ? md::Source::party
                              : md::Source::centre;
  draft.ticket_id = std::move(in.ticket_id);
  // A citizen's own party is their account; a party without one gets an id of its own.
  draft.parties.push_back(
      partyFrom(std::move(in.parties[0]), citizen ? caller.user->id : core::newId(now, random_)));
  if (citizen) draft.parties[0].email.reset(); // their account's address is used
  draft.parties.push_back(partyFrom(std::move(in.parties[1]), core::newId(now, random_)));
  draft.subject = std::move(in.subject);
  draft.category = std::string(md::toString(in.category));
  draft.language = std::string(core::toString(in.language));
  draft.court_case_pending = in.court_case_pending;
  draft.region = std::move(region);

  auto opened = md::open(std::move(draft), now, caller.user->id);
  if (!opened) co_return opened.error();
  const md::CaseEvent screened =
      ground ? md::CaseEvent{md::ScreeningRefused{std::string(md::toString(*ground))}}
             : md::CaseEvent{md::ScreeningPassed{}};
  auto c = md::apply(*opened, screened, now, caller.user->id);
  if (!c) co_return c.error();

  core::UnitOfWork work;
  work.add(core::CaseSaved{*c, caseReaders(*c), 0});
  const AuditEntry entry{caller.user->id, "mediation.case_opened", "mediation_case", c->id,
                         detailOf(*c)};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  const auto role = roleIn(*c, caller.user->id); // none for a centre's opener
  CaseView view{std::move(*c), 1, role};
  co_return view;
}

Task<CaseView> CaseService::get(const Caller &caller, const std::string &id) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  const AuditEntry entry{caller.user->id, "mediation.case_read", "mediation_case", id,
                         R"({"role":")" + std::string(toString(loaded->role)) + "\"}"};
  // No audit, no content: a read that cannot be recorded is not made (Art. 8).
  if (auto ok = co_await recordAudit(store_, clock_, caller, entry); !ok) co_return ok.error();
  CaseView view{std::move(loaded->record.c), loaded->record.version, loaded->role};
  co_return view;
}

Task<std::vector<core::CaseSummary>> CaseService::mine(const Caller &caller) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  co_return co_await store_.listCasesOf(caller.user->id);
}

Task<CaseView> CaseService::withdraw(const Caller &caller, const std::string &id,
                                     std::optional<std::int64_t> expected_version) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  auto &record = loaded->record;
  if (expected_version && *expected_version != record.version)
    co_return Error::make(ErrorCode::conflict, "case changed since it was read");
  auto c = md::apply(record.c, md::Withdrawn{}, clock_.now(), caller.user->id);
  if (!c) co_return c.error();

  core::UnitOfWork work;
  work.add(core::CaseSaved{*c, caseReaders(*c), record.version});
  const AuditEntry entry{caller.user->id, "mediation.case_withdrawn", "mediation_case", id,
                         detailOf(*c)};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error(); // conflict: someone changed it after our read
  CaseView view{std::move(*c), record.version + 1, loaded->role};
  co_return view;
}

Task<std::vector<core::CaseSummary>> CaseService::summaries(const Caller &caller,
                                                            core::CaseQuery query) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(core::Role::coordinator) && !caller.is(core::Role::admin))
    co_return ErrorCode::forbidden;
  query.limit = std::clamp(query.limit, 1, 500);
  co_return co_await store_.listCaseSummaries(query);
}

} // namespace kelisim::app::mediation
