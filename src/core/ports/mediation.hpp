// Port of the register of mediators (issue 10; Law No. 401-IV, Arts 9, 14, 16): a mediator
// read whole (specialisations, languages and regions in the order kept), found by their
// account, and the register's filtered list. Writes go through the unit of work
// (MediatorSaved), so a register change and its audit entry are committed together.
#pragma once

#include "core/mediation/mediator.hpp"
#include "core/model.hpp"
#include "core/ports/task.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kelisim::core {

// Filters that are set must all hold: the mediator works in `region`, in `language`, in
// `specialisation`, is of `kind` and has `status`. At most `limit`, by name (code-point
// order, the same on both backends), then id. Free-text search is the service's.
struct MediatorQuery {
  std::optional<std::string> region;
  std::optional<Language> language;
  std::optional<mediation::Specialisation> specialisation;
  std::optional<mediation::MediatorKind> kind;
  std::optional<mediation::MediatorStatus> status;
  int limit = 2000;
};

class MediatorRepository {
public:
  virtual ~MediatorRepository() = default;
  // With its lists; not_found when none.
  virtual Task<mediation::Mediator> getMediator(const std::string &id) = 0;
  // The mediator whose account is `user_id`; not_found when none.
  virtual Task<mediation::Mediator> findMediatorByUser(const std::string &user_id) = 0;
  // With their lists.
  virtual Task<std::vector<mediation::Mediator>> listMediators(const MediatorQuery &query) = 0;
};

} // namespace kelisim::core
