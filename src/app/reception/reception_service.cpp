#include "app/reception/reception_service.hpp"

#include "app/audit.hpp"
#include "app/reception/access.hpp"
#include "core/ids.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <string_view>

namespace kelisim::app::reception {

using core::Error;
using core::ErrorCode;
using core::Role;

namespace {

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxDescription = 2000;
constexpr std::size_t kMaxCategoryCode = 32;

// Fills the languages left empty from the first one given, so every page has a text.
void completeText(core::LocalText &t) {
  const std::string &any = !t.ru.empty() ? t.ru : !t.kk.empty() ? t.kk : t.en;
  if (t.kk.empty()) t.kk = any;
  if (t.ru.empty()) t.ru = any;
  if (t.en.empty()) t.en = any;
}

void checkLocalText(Error &invalid, const std::string &field, const core::LocalText &t,
                    std::size_t max, bool required) {
  bool any = false;
  for (const auto *v : {&t.kk, &t.ru, &t.en}) {
    if (v->empty()) continue;
    any = true;
    if (auto e = core::checkText(field, *v, max)) {
      invalid.fields.push_back(*e);
      return;
    }
  }
  if (required && !any) invalid.fields.push_back({field, "required", {}});
}

bool isCategoryCode(const std::string &code) {
  if (code.empty() || code.size() > kMaxCategoryCode) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '_' || (c >= '0' && c <= '9');
  });
}

} // namespace

ReceptionService::ReceptionService(core::Store &store, const core::Clock &clock,
                                   core::Random &random, const QueueEngine &engine,
                                   ReceptionCache &cache)
    : store_(store), clock_(clock), random_(random), engine_(engine), cache_(cache) {}

Task<std::vector<std::string>> ReceptionService::categories() {
  co_return co_await store_.listCategories();
}

Task<core::Unit> ReceptionService::addCategory(const Caller &caller, std::string code) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(Role::admin)) co_return ErrorCode::forbidden;
  if (!isCategoryCode(code)) co_return Error::field("code", "invalid_format");
  auto added = co_await store_.addCategory(code);
  if (!added) {
    if (added.error().code == ErrorCode::conflict) co_return Error::field("code", "exists");
    co_return added.error();
  }
  AuditEntry entry{caller.user->id, "category.added", "category", code, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  co_return core::Unit{};
}

ReceptionInfo ReceptionService::describe(const rc::Reception &r,
                                         const core::Organisation &org) const {
  const auto now = clock_.now();
  ReceptionInfo info{r,
                     org,
                     rc::statusAt(r, now),
                     rc::isOpenAt(r, now),
                     rc::nextOpening(r, now),
                     engine_.kindsOnDuty(r.id)};
  return info;
}

Task<std::vector<ReceptionInfo>>
ReceptionService::list(const std::optional<std::string> &organisation_id) {
  auto orgs = co_await store_.listOrganisations();
  if (!orgs) co_return orgs.error();
  auto receptions = co_await store_.listReceptions(organisation_id, clock_.now());
  if (!receptions) co_return receptions.error();
  std::vector<ReceptionInfo> out;
  for (const auto &r : *receptions) {
    auto org = std::find_if(orgs->begin(), orgs->end(),
                            [&](const auto &o) { return o.id == r.organisation_id; });
    if (org == orgs->end()) continue;
    out.push_back(describe(r, *org));
  }
  co_return out;
}

Task<ReceptionInfo> ReceptionService::get(const std::string &id) {
  auto r = co_await store_.getReception(id);
  if (!r) co_return r.error();
  auto org = co_await store_.getOrganisation(r->organisation_id);
  if (!org) co_return org.error();
  co_return describe(*r, *org);
}

Task<core::Unit> ReceptionService::checkInput(const ReceptionInput &in, bool creating,
                                              bool permanent) {
  Error invalid = Error::make(ErrorCode::validation_failed);
  if (in.title)
    checkLocalText(invalid, "title", *in.title, kMaxTitle, true);
  else if (creating && !permanent)
    invalid.fields.push_back({"title", "required", {}});
  if (in.description)
    checkLocalText(invalid, "description", *in.description, kMaxDescription, false);
  if (!permanent) {
    if (creating && !in.starts_at) invalid.fields.push_back({"starts_at", "required", {}});
    if (creating && !in.ends_at) invalid.fields.push_back({"ends_at", "required", {}});
    if (in.starts_at && in.ends_at && *in.ends_at <= *in.starts_at)
      invalid.fields.push_back({"ends_at", "not_after_start", {}});
  }
  if (in.categories) {
    auto known = co_await store_.listCategories();
    if (!known) co_return known.error();
    if (in.categories->empty()) invalid.fields.push_back({"categories", "required", {}});
    for (const auto &c : *in.categories)
      if (std::find(known->begin(), known->end(), c) == known->end()) {
        invalid.fields.push_back({"categories", "invalid_value", {}});
        break;
      }
  } else if (creating) {
    invalid.fields.push_back({"categories", "required", {}});
  }
  if (in.channels && in.channels->empty()) invalid.fields.push_back({"channels", "required", {}});
  if (in.slot_minutes && (*in.slot_minutes < 0 || *in.slot_minutes > kMaxSlotMinutes))
    invalid.fields.push_back(
        {"slot_minutes", "out_of_range", {{"max", std::to_string(kMaxSlotMinutes)}}});
  if (in.hours)
    if (auto e = rc::checkHours(*in.hours)) invalid.fields.push_back({"hours", *e, {}});
  if (in.holidays)
    for (const auto &d : *in.holidays)
      if (!rc::isLocalDate(d)) {
        invalid.fields.push_back({"holidays", "invalid_format", {}});
        break;
      }
  if (!invalid.fields.empty()) co_return invalid;
  co_return core::Unit{};
}

Task<core::Unit> ReceptionService::checkRoster(const std::string &organisation_id,
                                               const std::vector<rc::DutyShift> &shifts,
                                               const rc::Reception &r) {
  if (shifts.size() > kMaxRosterShifts)
    co_return Error::field("roster", "too_many", {{"max", std::to_string(kMaxRosterShifts)}});
  for (std::size_t i = 0; i < shifts.size(); ++i) {
    const auto &s = shifts[i];
    const std::string field = "roster." + std::to_string(i);
    if (s.to <= s.from) co_return Error::field(field + ".to", "not_after_start");
    if (s.kinds.empty()) co_return Error::field(field + ".kinds", "required");
    auto person = co_await store_.getUser(s.specialist_id);
    if (!person || person->role != Role::specialist || person->organisation_id != organisation_id)
      co_return Error::field(field + ".specialist_id", "invalid_value");
    for (auto k : s.kinds)
      if (std::find(person->kinds.begin(), person->kinds.end(), k) == person->kinds.end())
        co_return Error::field(field + ".kinds", "invalid_value");
  }
  co_return core::Unit{};
}

Task<rc::Reception> ReceptionService::create(const Caller &caller, ReceptionInput in) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  std::string org_id = in.organisation_id.value_or(caller.user->organisation_id.value_or(""));
  if (!managesOrganisation(caller, org_id)) co_return ErrorCode::forbidden;
  auto org = co_await store_.getOrganisation(org_id);
  if (!org) co_return Error::field("organisation_id", "invalid_value");
  auto checked = co_await checkInput(in, true, false);
  if (!checked) co_return checked.error();
  rc::Reception r;
  r.id = core::newId(clock_.now(), random_);
  r.organisation_id = org_id;
  r.kind = rc::ReceptionKind::event;
  r.title = *in.title;
  completeText(r.title);
  if (in.description) r.description = *in.description;
  completeText(r.description);
  r.starts_at = *in.starts_at;
  r.ends_at = *in.ends_at;
  r.categories = *in.categories;
  r.channels = in.channels.value_or(std::vector<rc::Channel>{rc::Channel::chat});
  r.slot_minutes = in.slot_minutes.value_or(0);
  r.created_by = caller.user->id;
  r.created_at = clock_.now();
  if (in.roster) {
    auto ok = co_await checkRoster(org_id, *in.roster, r);
    if (!ok) co_return ok.error();
  }
  auto saved = co_await store_.createReception(r);
  if (!saved) co_return saved.error();
  if (in.roster) {
    for (auto &s : *in.roster) s.reception_id = r.id;
    auto roster = co_await store_.setRoster(r.id, *in.roster);
    if (!roster) co_return roster.error();
  }
  AuditEntry entry{caller.user->id, "reception.created", "reception", r.id, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  co_return r;
}

Task<rc::Reception> ReceptionService::update(const Caller &caller, const std::string &id,
                                             ReceptionInput in) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto r = co_await store_.getReception(id);
  if (!r) co_return r.error();
  if (!managesOrganisation(caller, r->organisation_id)) co_return ErrorCode::forbidden;
  if (in.organisation_id && *in.organisation_id != r->organisation_id)
    co_return Error::field("organisation_id", "not_allowed");
  const bool permanent = r->kind == rc::ReceptionKind::permanent;
  auto checked = co_await checkInput(in, false, permanent);
  if (!checked) co_return checked.error();
  if (in.title) {
    r->title = *in.title;
    completeText(r->title);
  }
  if (in.description) {
    r->description = *in.description;
    completeText(r->description);
  }
  if (!permanent) {
    if (in.starts_at) r->starts_at = *in.starts_at;
    if (in.ends_at) r->ends_at = *in.ends_at;
    if (r->ends_at <= r->starts_at) co_return Error::field("ends_at", "not_after_start");
  }
  if (in.categories) r->categories = *in.categories;
  if (in.channels) r->channels = *in.channels;
  if (in.slot_minutes) r->slot_minutes = *in.slot_minutes;
  if (permanent && in.hours) r->hours = *in.hours;
  if (permanent && in.holidays) r->holidays = *in.holidays;
  if (in.roster) {
    auto ok = co_await checkRoster(r->organisation_id, *in.roster, *r);
    if (!ok) co_return ok.error();
  }
  auto saved = co_await store_.updateReception(*r);
  cache_.forget(r->id);
  if (!saved) co_return saved.error();
  if (in.roster) {
    for (auto &s : *in.roster) s.reception_id = r->id;
    auto roster = co_await store_.setRoster(r->id, *in.roster);
    cache_.forget(r->id);
    if (!roster) co_return roster.error();
  }
  AuditEntry entry{caller.user->id, "reception.updated", "reception", r->id, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  co_return *r;
}

Task<rc::Reception> ReceptionService::setLine(const Caller &caller,
                                              const std::string &organisation_id,
                                              ReceptionInput in) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!managesOrganisation(caller, organisation_id)) co_return ErrorCode::forbidden;
  auto line = co_await store_.getPermanentLine(organisation_id);
  if (line) co_return co_await update(caller, line->id, std::move(in));
  if (line.error().code != ErrorCode::not_found) co_return line.error();
  auto org = co_await store_.getOrganisation(organisation_id);
  if (!org) co_return org.error();
  auto checked = co_await checkInput(in, false, true);
  if (!checked) co_return checked.error();
  rc::Reception r;
  r.id = core::newId(clock_.now(), random_);
  r.organisation_id = organisation_id;
  r.kind = rc::ReceptionKind::permanent;
  r.title = in.title.value_or(org->name);
  completeText(r.title);
  if (in.description) r.description = *in.description;
  completeText(r.description);
  r.starts_at = clock_.now();
  r.ends_at = core::fromMillis(253402300799000); // 9999-12-31T23:59:59Z
  if (in.categories) {
    r.categories = *in.categories;
  } else {
    for (auto c : rc::kBaseCategories) r.categories.emplace_back(c);
  }
  r.channels =
      in.channels.value_or(std::vector<rc::Channel>{rc::Channel::chat, rc::Channel::phone});
  r.hours = in.hours.value_or(std::vector<rc::WeeklyHours>{});
  r.holidays = in.holidays.value_or(std::vector<std::string>{});
  r.created_by = caller.user->id;
  r.created_at = clock_.now();
  auto saved = co_await store_.createReception(r);
  if (!saved) co_return saved.error();
  AuditEntry entry{caller.user->id, "reception.line_created", "reception", r.id, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  co_return r;
}

Task<std::vector<ShiftInfo>> ReceptionService::roster(const Caller &caller, const std::string &id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto r = co_await store_.getReception(id);
  if (!r) co_return r.error();
  const bool staff =
      managesOrganisation(caller, r->organisation_id) ||
      (caller.is(Role::specialist) && caller.user->organisation_id == r->organisation_id);
  if (!staff) co_return ErrorCode::forbidden;
  auto shifts = co_await store_.listRoster(id);
  if (!shifts) co_return shifts.error();
  std::vector<ShiftInfo> out;
  for (const auto &s : *shifts) {
    auto person = co_await store_.getUser(s.specialist_id);
    out.push_back({s, person ? person->display_name : std::string()});
  }
  co_return out;
}

Task<core::Unit> ReceptionService::setRoster(const Caller &caller, const std::string &id,
                                             std::vector<rc::DutyShift> shifts) {
  ReceptionInput in;
  in.roster = std::move(shifts);
  auto r = co_await update(caller, id, std::move(in));
  if (!r) co_return r.error();
  co_return core::Unit{};
}

Task<std::vector<std::pair<core::Time, bool>>> ReceptionService::slots(const std::string &id) {
  auto r = co_await store_.getReception(id);
  if (!r) co_return r.error();
  const auto starts = rc::slots(*r, clock_.now());
  std::vector<std::pair<core::Time, bool>> out;
  if (starts.empty()) co_return out;
  core::Store::TicketQuery query;
  query.reception_id = id;
  query.statuses = {rc::TicketStatus::scheduled, rc::TicketStatus::waiting,
                    rc::TicketStatus::in_room};
  query.limit = 100000;
  auto tickets = co_await store_.listTickets(query);
  if (!tickets) co_return tickets.error();
  // A slot holds as many citizens as specialists are rostered (at least one).
  auto roster = co_await store_.listRoster(id);
  std::size_t capacity = roster ? std::max<std::size_t>(1, roster->size()) : 1;
  for (auto t : starts) {
    std::size_t taken = std::count_if(tickets->begin(), tickets->end(),
                                      [&](const auto &k) { return k.slot_at == t; });
    out.emplace_back(t, taken < capacity);
  }
  co_return out;
}

Task<core::Store::ConsultationQuery>
ReceptionService::managedReception(const Caller &caller, const std::string &reception_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto r = co_await store_.getReception(reception_id);
  if (!r) co_return r.error();
  if (!managesOrganisation(caller, r->organisation_id)) co_return ErrorCode::forbidden;
  core::Store::ConsultationQuery query;
  query.reception_id = reception_id;
  co_return query;
}

Task<rc::Figures> ReceptionService::figures(const Caller &caller, const std::string &reception_id) {
  auto query = co_await managedReception(caller, reception_id);
  if (!query) co_return query.error();
  co_return co_await figuresOf(std::move(*query));
}

Task<rc::Figures> ReceptionService::organisationFigures(const Caller &caller,
                                                        const std::string &organisation_id,
                                                        core::Time from, core::Time to) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!managesOrganisation(caller, organisation_id)) co_return ErrorCode::forbidden;
  core::Store::ConsultationQuery query;
  query.organisation_id = organisation_id;
  query.from = from;
  query.to = to;
  co_return co_await figuresOf(std::move(query));
}

Task<rc::Figures> ReceptionService::figuresOf(core::Store::ConsultationQuery query) {
  rc::FigureTally total;
  // Whole days are [first, end).
  const std::int64_t first =
      rc::dayOf(query.from) + (rc::startOfDay(rc::dayOf(query.from)) == query.from ? 0 : 1);
  const std::int64_t end = rc::dayOf(query.to);
  std::int64_t settled_end = first; // whole settled days are [first, settled_end)
  if (first < end) {
    auto days = co_await store_.listFigureDays(query, first, end - 1);
    if (!days) co_return days.error();
    settled_end = std::max(first, std::min(end, days->last_settled + 1));
    std::vector<core::Store::FigureDay> stale;
    for (auto &d : days->days) {
      if (d.tally)
        total.merge(*d.tally);
      else
        stale.push_back(std::move(d));
    }
    if (!stale.empty()) {
      std::map<std::pair<std::string_view, std::int64_t>, core::Store::FigureDay *> by_key;
      for (auto &d : stale) {
        d.tally.emplace();
        by_key[{d.reception_id, d.day}] = &d;
      }
      // Counted from one read per run of consecutive days (stale is in day order; a late
      // rating a year ago must not read the year); days of a run kept current are skipped.
      for (std::size_t i = 0; i < stale.size();) {
        std::size_t j = i + 1;
        while (j < stale.size() && stale[j].day <= stale[j - 1].day + 1) ++j;
        core::Store::ConsultationQuery run = query;
        run.from = rc::startOfDay(stale[i].day);
        run.to = rc::startOfDay(stale[j - 1].day + 1);
        auto records = co_await store_.listConsultations(run);
        if (!records) co_return records.error();
        for (const auto &r : *records) {
          auto it = by_key.find({r.reception_id, rc::dayOf(r.created_at)});
          if (it != by_key.end()) it->second->tally->add(r);
        }
        i = j;
      }
      for (const auto &d : stale) total.merge(*d.tally);
      // The figures are right without them; kept for the next report.
      co_await store_.storeFigureDays(stale);
    }
  }
  // The rest from the records: all of [from, to) when no settled day is whole in it, else the
  // part before the first whole day and the part from the first day not settled.
  std::pair<core::Time, core::Time> rest[2] = {{query.from, query.to}, {query.to, query.to}};
  if (settled_end > first) {
    rest[0] = {query.from, rc::startOfDay(first)};
    rest[1] = {rc::startOfDay(settled_end), query.to};
  }
  for (const auto &[from, to] : rest) {
    if (from >= to) continue;
    core::Store::ConsultationQuery part = query;
    part.from = from;
    part.to = to;
    auto records = co_await store_.listConsultations(part);
    if (!records) co_return records.error();
    for (const auto &r : *records) total.add(r);
  }
  co_return total.figures();
}

Task<std::string> ReceptionService::consultationsCsv(const Caller &caller,
                                                     const std::string &organisation_id,
                                                     core::Time from, core::Time to) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!managesOrganisation(caller, organisation_id)) co_return ErrorCode::forbidden;
  core::Store::ConsultationQuery query;
  query.organisation_id = organisation_id;
  query.from = from;
  query.to = to;
  const AuditEntry entry{caller.user->id, "figures.exported", "organisation", organisation_id,
                         "{}"};
  co_return co_await exportCsv(caller, query, entry);
}

Task<std::string> ReceptionService::receptionCsv(const Caller &caller,
                                                 const std::string &reception_id) {
  auto query = co_await managedReception(caller, reception_id);
  if (!query) co_return query.error();
  const AuditEntry entry{caller.user->id, "figures.exported", "reception", reception_id, "{}"};
  co_return co_await exportCsv(caller, *query, entry);
}

Task<std::string> ReceptionService::exportCsv(const Caller &caller,
                                              const core::Store::ConsultationQuery &query,
                                              const AuditEntry &entry) {
  auto records = co_await store_.listConsultations(query);
  if (!records) co_return records.error();
  co_await recordAudit(store_, clock_, caller, entry);
  co_return rc::consultationsCsv(*records);
}

Task<std::vector<rc::Feedback>> ReceptionService::proposals(const Caller &caller,
                                                            const std::string &organisation_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!managesOrganisation(caller, organisation_id)) co_return ErrorCode::forbidden;
  co_return co_await store_.listProposals(organisation_id);
}

Task<std::vector<rc::Feedback>>
ReceptionService::comments(const Caller &caller, const std::string &reception_id,
                           std::optional<core::Store::FeedbackCursor> before, int limit) {
  auto managed = co_await managedReception(caller, reception_id);
  if (!managed) co_return managed.error();
  if (limit < 1 || limit > 100)
    co_return Error::field("limit", "out_of_range", {{"min", "1"}, {"max", "100"}});
  co_return co_await store_.listComments(reception_id, std::move(before), limit);
}

Task<Summary> ReceptionService::summary(const std::string &reception_id) {
  auto info = co_await get(reception_id);
  if (!info) co_return info.error();
  if (info->status != rc::ReceptionStatus::closed) co_return ErrorCode::not_found;
  core::Store::ConsultationQuery query;
  query.reception_id = reception_id;
  auto figures = co_await figuresOf(std::move(query));
  if (!figures) co_return figures.error();
  // Named, not braced in the co_return: GCC 12 mishandles temporaries there.
  Summary out{*info, rc::forThePublic(*figures)};
  co_return out;
}

} // namespace kelisim::app::reception
