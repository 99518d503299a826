// The mediation cases' port on PostgreSQL: the statements and their reading are storage/sql's
// (sql/mediation_cases.cpp, and CaseSaved in sql/changes.cpp); rows come through selectRows.
#include "storage/postgres/postgres_store_impl.hpp"

namespace kelisim::storage::postgres {

namespace sql = storage::sql;

Task<core::CaseRecord> PostgresStore::getCase(const std::string &id) {
  return sql::getCase(*this, id);
}
Task<std::vector<core::CaseSummary>> PostgresStore::listCasesOf(const std::string &user_id) {
  return sql::listCasesOf(*this, user_id);
}
Task<std::vector<core::CaseSummary>>
PostgresStore::listCaseSummaries(const core::CaseQuery &query) {
  return sql::listCaseSummaries(*this, query);
}

Task<std::vector<core::CaseRecord>> PostgresStore::listCasesForClock(const std::string &after_id,
                                                                     int limit) {
  return sql::listCasesForClock(*this, after_id, limit);
}

} // namespace kelisim::storage::postgres
