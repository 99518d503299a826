// The statements that persist each kind of change of a unit of work (core/ports/
// unit_of_work.hpp), written once for both backends. Pure: builds statements, runs nothing.
#pragma once

#include "core/ports/unit_of_work.hpp"
#include "storage/sql/statement.hpp"

#include <vector>

namespace kelisim::storage::sql {

// Appends to `out` the statements of `change`, in the order they must run.
void statementsOf(const core::Change &change, std::vector<Statement> &out);
// Every statement of the unit, in order.
std::vector<Statement> statementsOf(const core::UnitOfWork &work);

} // namespace kelisim::storage::sql
