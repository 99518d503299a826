// The register of mediators on PostgreSQL: the statements and their reading are storage/sql's
// (mediators.cpp); reads run through selectRows (postgres_conference.cpp).
#include "storage/postgres/postgres_store_impl.hpp"

namespace kelisim::storage::postgres {

namespace md = core::mediation;
namespace sql = storage::sql;

Task<md::Mediator> PostgresStore::getMediator(const std::string &id) {
  return sql::getMediator(*this, id);
}
Task<md::Mediator> PostgresStore::findMediatorByUser(const std::string &user_id) {
  return sql::findMediatorByUser(*this, user_id);
}
Task<std::vector<md::Mediator>> PostgresStore::listMediators(const core::MediatorQuery &query) {
  return sql::listMediators(*this, query);
}

} // namespace kelisim::storage::postgres
