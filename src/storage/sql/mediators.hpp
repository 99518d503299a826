// The register of mediators (core/ports/mediation.hpp) written once for both backends: the
// statements that read a mediator with their lists (one statement however many mediators:
// the rows and their lists come back together, from one snapshot), the reading of those rows,
// and the statements of the unit of work's MediatorSaved. A backend only runs statements.
#pragma once

#include "core/ports/mediation.hpp"
#include "core/ports/unit_of_work.hpp"
#include "storage/sql/row_source.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kelisim::storage::sql {

core::Task<core::mediation::Mediator> getMediator(RowSource &db, std::string id);
core::Task<core::mediation::Mediator> findMediatorByUser(RowSource &db, std::string user_id);
core::Task<std::vector<core::mediation::Mediator>> listMediators(RowSource &db,
                                                                 core::MediatorQuery query);

// Appends the statements of `change`: the row inserted or updated, then each list deleted and
// inserted again in its order.
void mediatorStatements(const core::MediatorSaved &change, std::vector<Statement> &out);

} // namespace kelisim::storage::sql
