// The embedded backend: one SQLite file in WAL mode. Reads run on the calling thread on a
// pooled read-only connection; writes go through the WriteQueue (one writer, group commit,
// synchronous=FULL) and resume the caller on its own executor once committed.
#pragma once

#include "storage/ports.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <memory>
#include <string>

namespace kelisim::storage::sqlite {

// Opens (creating when absent) the database file at `path`. Does not migrate. With
// `completions` (the io threads' executor), each group commit's callers are resumed through
// one post to it instead of one wake-up each.
core::Result<std::unique_ptr<Store>> openSqliteStore(const std::string &path,
                                                     boost::asio::any_io_executor completions = {});

// Consistent copy of a live database (SQLite online backup) to `destination`.
core::Status backupSqlite(const std::string &source, const std::string &destination);

} // namespace kelisim::storage::sqlite
