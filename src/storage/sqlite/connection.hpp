// One SQLite connection and the statements prepared on it. prepare() hands out the cached
// statement for a text (compiled once per connection, not once per call: the SQL parser was a
// third of a ticket's cost), reset and with its bindings cleared. Statements handed out are
// reset again by release() when the connection goes back to its pool or its write job ends,
// so no unfinished SELECT keeps a WAL snapshot open. One thread at a time, like the connection.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kelisim::storage::sqlite {

class Connection : public SQLite::Database {
public:
  using SQLite::Database::Database;

  // The statement for `text`, ready to bind. A text may be borrowed once at a time: using
  // the same text again before the first borrower is done resets the first.
  SQLite::Statement &prepare(const std::string &text);
  SQLite::Statement &prepare(const char *text) { return prepare(std::string(text)); }
  // Resets every statement handed out since the last release.
  void release() noexcept;

private:
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> cache_;
  std::vector<SQLite::Statement *> borrowed_;
  std::vector<std::unique_ptr<SQLite::Statement>> one_off_; // past kMaxCached, until release()
};

} // namespace kelisim::storage::sqlite
