#include "storage/open_store.hpp"

#include "storage/postgres/postgres_store.hpp"
#include "storage/sqlite/sqlite_store.hpp"

namespace kelisim::storage {

bool isPostgresUrl(const std::string &url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

std::string sqlitePath(const std::string &url) {
  return url.starts_with("sqlite:") ? url.substr(7) : url;
}

core::Result<std::unique_ptr<Store>> openStore(const std::string &url,
                                               boost::asio::any_io_executor executor) {
  if (isPostgresUrl(url)) return postgres::openPostgresStore(std::move(executor), url);
  return sqlite::openSqliteStore(sqlitePath(url), std::move(executor));
}

} // namespace kelisim::storage
