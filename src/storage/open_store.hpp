// Chooses the backend from the configured database URL: "sqlite:PATH" (or a bare path)
// or "postgresql://…"/"postgres://…".
#pragma once

#include "storage/ports.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace kelisim::storage {

core::Result<std::unique_ptr<Store>> openStore(const std::string &database_url,
                                               boost::asio::any_io_executor executor);
bool isPostgresUrl(const std::string &database_url);
// "sqlite:data/k.db" -> "data/k.db"; a bare path stays as it is.
std::string sqlitePath(const std::string &database_url);

} // namespace kelisim::storage
