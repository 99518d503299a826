// The scale backend: PostgreSQL through libpq's asynchronous API, driven by Asio (the
// connection's socket is watched with a stream_descriptor; no thread ever blocks on the
// network). A small pool of connections is shared by all threads of the io_context.
#pragma once

#include "storage/ports.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace kelisim::storage::postgres {

// `conninfo` is a postgresql:// URL or key=value string. Connects lazily or eagerly as the
// implementation sees fit; fails with ErrorCode::unavailable when it cannot connect.
core::Result<std::unique_ptr<Store>> openPostgresStore(boost::asio::any_io_executor executor,
                                                       const std::string &conninfo,
                                                       int pool_size = 4);

} // namespace kelisim::storage::postgres
