// The mediation cases' port on SQLite: the statements and their reading are storage/sql's
// (sql/mediation_cases.cpp, and CaseSaved in sql/changes.cpp); rows come through selectRows.
#include "storage/sqlite/sqlite_store_impl.hpp"

namespace kelisim::storage::sqlite {

namespace sql = storage::sql;

Task<core::CaseRecord> SqliteStore::getCase(const std::string &id) {
  return sql::getCase(*this, id);
}
Task<std::vector<core::CaseSummary>> SqliteStore::listCasesOf(const std::string &user_id) {
  return sql::listCasesOf(*this, user_id);
}
Task<std::vector<core::CaseSummary>> SqliteStore::listCaseSummaries(const core::CaseQuery &query) {
  return sql::listCaseSummaries(*this, query);
}

Task<std::vector<core::CaseRecord>> SqliteStore::listCasesForClock(const std::string &after_id,
                                                                   int limit) {
  return sql::listCasesForClock(*this, after_id, limit);
}

} // namespace kelisim::storage::sqlite
