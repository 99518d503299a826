// Public reference data and organisations: the regions of Kazakhstan (anyone may read),
// organisations (anyone may list; only an admin creates one).
#pragma once

#include "app/caller.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <vector>

namespace kelisim::app {

class DirectoryService {
public:
  DirectoryService(core::Store &store, const core::Clock &clock, core::Random &random);

  core::Task<std::vector<core::Region>> regions();
  core::Task<std::vector<core::Organisation>> organisations();
  core::Task<core::Organisation> createOrganisation(const Caller &caller, core::LocalText name,
                                                    std::string region);
  // An admin edits any organisation, a coordinator their own (others are not_found).
  core::Task<core::Organisation> updateOrganisation(const Caller &caller, const std::string &id,
                                                    core::LocalText name, std::string region);

private:
  core::Task<core::Unit> checkOrganisation(const core::LocalText &name, const std::string &region);

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
};

} // namespace kelisim::app
