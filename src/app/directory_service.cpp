#include "app/directory_service.hpp"

#include "app/audit.hpp"
#include "core/validation.hpp"

#include <algorithm>

namespace kelisim::app {

using core::Error;
using core::ErrorCode;

DirectoryService::DirectoryService(core::Store &store, const core::Clock &clock,
                                   core::Random &random)
    : store_(store), clock_(clock), random_(random) {}

core::Task<std::vector<core::Region>> DirectoryService::regions() {
  return store_.listRegions();
}

core::Task<std::vector<core::Organisation>> DirectoryService::organisations() {
  return store_.listOrganisations();
}

// The names and region an organisation is given, checked.
core::Task<core::Unit> DirectoryService::checkOrganisation(const core::LocalText &name,
                                                           const std::string &region) {
  Error invalid = Error::make(ErrorCode::validation_failed);
  for (auto [field, text] : {std::pair{"name.kk", &name.kk}, std::pair{"name.ru", &name.ru},
                             std::pair{"name.en", &name.en}})
    if (auto e = core::checkLine(field, *text, 200)) invalid.fields.push_back(*e);
  auto regions = co_await store_.listRegions();
  if (!regions) co_return regions.error();
  if (std::none_of(regions->begin(), regions->end(),
                   [&](const core::Region &r) { return r.code == region; }))
    invalid.fields.push_back({"region", "invalid_value", {}});
  if (!invalid.fields.empty()) co_return invalid;
  co_return core::Unit{};
}

core::Task<core::Organisation> DirectoryService::createOrganisation(const Caller &caller,
                                                                    core::LocalText name,
                                                                    std::string region) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(core::Role::admin)) co_return ErrorCode::forbidden;
  if (auto checked = co_await checkOrganisation(name, region); !checked) co_return checked.error();
  core::Organisation org{random_.hex(16), std::move(name), std::move(region), clock_.now()};
  auto created = co_await store_.createOrganisation(org);
  if (!created) co_return created.error();
  {
    const AuditEntry entry{caller.user->id, "organisation.created", "organisation", org.id};
    co_await recordAudit(store_, clock_, caller, entry);
  }
  co_return org;
}

core::Task<core::Organisation> DirectoryService::updateOrganisation(const Caller &caller,
                                                                    const std::string &id,
                                                                    core::LocalText name,
                                                                    std::string region) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  const bool own = caller.is(core::Role::coordinator) && caller.user->organisation_id == id;
  if (!caller.is(core::Role::admin) && !own) co_return ErrorCode::not_found;
  auto org = co_await store_.getOrganisation(id);
  if (!org) co_return org.error();
  if (auto checked = co_await checkOrganisation(name, region); !checked) co_return checked.error();
  org->name = std::move(name);
  org->region = std::move(region);
  auto updated = co_await store_.updateOrganisation(*org);
  if (!updated) co_return updated.error();
  {
    const AuditEntry entry{caller.user->id, "organisation.updated", "organisation", id};
    co_await recordAudit(store_, clock_, caller, entry);
  }
  co_return std::move(*org);
}

} // namespace kelisim::app
