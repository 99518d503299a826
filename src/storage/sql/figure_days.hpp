// The statements of figure_days (migrations 0003), written once for both backends (`?`
// placeholders; PostgreSQL through postgresText). Only the database's "last settled day" is
// said twice, as each database reads its clock its own way: two days before today, less a
// day's margin for transactions that began before midnight.
#pragma once

namespace kelisim::storage::sql {

inline constexpr const char *kSqliteLastSettledDay =
    "SELECT CAST(strftime('%s', 'now') AS INTEGER) / 86400 - 3";
inline constexpr const char *kPostgresLastSettledDay = "SELECT figure_settled_day() - 1";

// Parameters: the reception (or organisation), the first and the last day, the last settled.
inline constexpr const char *kFigureDaysOfReception =
    "SELECT reception_id, day, generation, tally_generation, tally FROM figure_days "
    "WHERE reception_id = ? AND day >= ? AND day <= ? AND day <= ? ORDER BY day";
inline constexpr const char *kFigureDaysOfOrganisation =
    "SELECT reception_id, day, generation, tally_generation, tally FROM figure_days "
    "WHERE organisation_id = ? AND day >= ? AND day <= ? AND day <= ? ORDER BY day, reception_id";

// Parameters: tally, generation, reception, day, generation (again).
inline constexpr const char *kStoreFigureDay =
    "UPDATE figure_days SET tally = ?, tally_generation = ? "
    "WHERE reception_id = ? AND day = ? AND generation = ?";

} // namespace kelisim::storage::sql
