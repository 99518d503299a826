// The statements that persist each kind of change of a unit of work (core/ports/
// unit_of_work.hpp), written once for both backends. Pure: builds statements, runs nothing.
#pragma once

#include "core/ports/unit_of_work.hpp"
#include "storage/sql/statement.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace kelisim::storage::sql {

// Appends to `out` the statements of `change`, in the order they must run.
void statementsOf(const core::Change &change, std::vector<Statement> &out);
// Every statement of the unit, in order.
std::vector<Statement> statementsOf(const core::UnitOfWork &work);

// The statements of several units' statements (each from statementsOf) run as one
// transaction with fewer, larger statements: the rows of each kind in multi-row INSERTs (of
// 1, 2, 4 … 64 rows, so a connection prepares few texts), the kinds in the order their
// foreign keys need (users, sessions, tickets, seats, audit). Every unit's rows are kept
// as they are. nullopt when a statement is not one of these inserts: run them one by one.
std::optional<std::vector<Statement>>
mergedInserts(const std::vector<const std::vector<Statement> *> &units);
// The text of `rows` rows of one of those inserts, kept for the life of the process (so it
// can be prepared and found again by its address like any constant text).
const char *multiRowText(const char *insert, std::size_t rows);

} // namespace kelisim::storage::sql
