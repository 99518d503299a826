// The register of mediators on SQLite: the statements and their reading are storage/sql's
// (mediators.cpp); reads run through selectRows (sqlite_conference.cpp).
#include "storage/sqlite/sqlite_store_impl.hpp"

namespace kelisim::storage::sqlite {

namespace md = core::mediation;
namespace sql = storage::sql;

Task<md::Mediator> SqliteStore::getMediator(const std::string &id) {
  return sql::getMediator(*this, id);
}
Task<md::Mediator> SqliteStore::findMediatorByUser(const std::string &user_id) {
  return sql::findMediatorByUser(*this, user_id);
}
Task<std::vector<md::Mediator>> SqliteStore::listMediators(const core::MediatorQuery &query) {
  return sql::listMediators(*this, query);
}

} // namespace kelisim::storage::sqlite
