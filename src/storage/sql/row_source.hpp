// How storage/sql reads: a backend runs one read statement and hands back its rows as text
// (RowSource); the modules written once for both backends (conferences, mediators, mediation
// cases) read their records from those rows. A cell is nullopt for NULL, numbers come in decimal
// text.
#pragma once

#include "core/ports/task.hpp"
#include "storage/sql/statement.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kelisim::storage::sql {

using Cell = std::optional<std::string>; // nullopt: NULL; numbers in decimal text
using Row = std::vector<Cell>;
using Rows = std::vector<Row>;

// How a backend runs one read statement.
class RowSource {
public:
  virtual ~RowSource() = default;
  virtual core::Task<Rows> selectRows(Statement statement) = 0;
};

} // namespace kelisim::storage::sql
