#include "app/mediation/mediator_service.hpp"

#include "app/audit.hpp"
#include "core/ids.hpp"
#include "core/search_text.hpp"

#include <algorithm>

namespace kelisim::app::mediation {

using core::ErrorCode;

MediatorService::MediatorService(core::Store &store, const core::Clock &clock, core::Random &random)
    : store_(store), clock_(clock), random_(random) {}

md::Date MediatorService::today() const {
  // The register's dates are Kazakhstan's (UTC+5), as the pages show them.
  return core::kazakhstanDate(clock_.now());
}

Task<std::vector<md::Mediator>> MediatorService::directory(const DirectoryQuery &query) {
  if (query.text.size() > kMaxSearchText)
    co_return core::Error::field("q", "too_long", {{"max", std::to_string(kMaxSearchText)}});
  auto listed = co_await store_.listMediators(query.filters);
  if (!listed) co_return listed.error();
  const std::string wanted = core::foldForSearch(query.text);
  if (!wanted.empty())
    std::erase_if(*listed, [&](const md::Mediator &m) {
      return core::foldForSearch(m.name).find(wanted) == std::string::npos &&
             core::foldForSearch(m.keeper).find(wanted) == std::string::npos;
    });
  co_return std::move(*listed);
}

Task<md::Mediator> MediatorService::get(const std::string &id) {
  co_return co_await store_.getMediator(id);
}

Task<core::Unit> MediatorService::check(const md::Mediator &m) {
  if (auto ok = md::validate(m, today()); !ok) co_return ok.error();
  auto regions = co_await store_.listRegions();
  if (!regions) co_return regions.error();
  for (const auto &code : m.regions)
    if (std::none_of(regions->begin(), regions->end(),
                     [&](const core::Region &r) { return r.code == code; }))
      co_return core::Error::field("regions", "invalid_value");
  // A linked account is a specialist's: the mediator signs in with it to take cases.
  if (m.user_id) {
    auto user = co_await store_.getUser(*m.user_id);
    if (!user) {
      if (user.error().code != ErrorCode::not_found) co_return user.error();
      co_return core::Error::field("user_id", "not_found");
    }
    if (user->role != core::Role::specialist)
      co_return core::Error::field("user_id", "invalid_value");
  }
  co_return core::Unit{};
}

Task<md::Mediator> MediatorService::save(const Caller &caller, md::Mediator m, bool created,
                                         const char *action) {
  core::UnitOfWork work;
  work.add(core::MediatorSaved{m, created, clock_.now()});
  const AuditEntry entry{caller.user->id, action, "mediator", m.id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  co_return m;
}

namespace {
void fill(md::Mediator &m, MediatorInput input) {
  m.user_id = std::move(input.user_id);
  m.name = std::move(input.name);
  m.kind = input.kind;
  m.keeper = std::move(input.keeper);
  m.certificate = std::move(input.certificate);
  m.specialisations = std::move(input.specialisations);
  m.languages = std::move(input.languages);
  m.regions = std::move(input.regions);
}
} // namespace

Task<md::Mediator> MediatorService::create(const Caller &caller, MediatorInput input) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(core::Role::admin)) co_return ErrorCode::forbidden;
  md::Mediator m;
  m.id = core::newId(clock_.now(), random_);
  fill(m, std::move(input));
  if (auto ok = co_await check(m); !ok) co_return ok.error();
  co_return co_await save(caller, std::move(m), true, "mediator.added");
}

Task<md::Mediator> MediatorService::update(const Caller &caller, const std::string &id,
                                           MediatorInput input) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(core::Role::admin)) co_return ErrorCode::forbidden;
  auto m = co_await store_.getMediator(id);
  if (!m) co_return m.error();
  fill(*m, std::move(input));
  if (auto ok = co_await check(*m); !ok) co_return ok.error();
  co_return co_await save(caller, std::move(*m), false, "mediator.updated");
}

Task<md::Mediator> MediatorService::changeStatus(const Caller &caller, const std::string &id,
                                                 md::MediatorStatus to, std::string reason) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(core::Role::admin)) co_return ErrorCode::forbidden;
  auto m = co_await store_.getMediator(id);
  if (!m) co_return m.error();
  auto changed = md::changeStatus(std::move(*m), to, today(), std::move(reason));
  if (!changed) co_return changed.error();
  const char *action = to == md::MediatorStatus::active      ? "mediator.reinstated"
                       : to == md::MediatorStatus::suspended ? "mediator.suspended"
                                                             : "mediator.excluded";
  co_return co_await save(caller, std::move(*changed), false, action);
}

} // namespace kelisim::app::mediation
