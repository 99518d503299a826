// Port of the reference data everyone reads: regions, organisations, question categories.
#pragma once

#include "core/model.hpp"
#include "core/ports/task.hpp"

#include <string>
#include <vector>

namespace kelisim::core {

class Directory {
public:
  virtual ~Directory() = default;
  // Regions of Kazakhstan, ordered by code; seeded by the first migration.
  virtual Task<std::vector<Region>> listRegions() = 0;

  virtual Task<Unit> createOrganisation(const Organisation &org) = 0;
  virtual Task<Organisation> getOrganisation(const std::string &id) = 0;
  // Its names and region (not its id or creation time); not_found when there is none.
  virtual Task<Unit> updateOrganisation(const Organisation &org) = 0;
  virtual Task<std::vector<Organisation>> listOrganisations() = 0;

  // Question categories: the base ones (seeded) and those an admin added; ordered by code.
  virtual Task<std::vector<std::string>> listCategories() = 0;
  // conflict when the code exists.
  virtual Task<Unit> addCategory(const std::string &code) = 0;
};

} // namespace kelisim::core
