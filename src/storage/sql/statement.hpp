// SQL written once for both backends: a statement is a text with `?` placeholders and its
// parameters as typed values. SQLite binds them as they are; PostgreSQL gets the text through
// postgresText() (`?` → `$1`, `$2`, …) and the values in text form. Texts are string
// constants, so each backend can prepare a text once per connection and find it again by it.
#pragma once

#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kelisim::storage::sql {

using Value = std::variant<std::monostate, std::int64_t, std::string>; // monostate: NULL
using Values = std::vector<Value>;

struct Statement {
  const char *text;
  Values params;
};

inline Value value(const std::optional<std::string> &v) {
  if (!v) return std::monostate{};
  return *v;
}
inline Value value(core::Time t) {
  return static_cast<std::int64_t>(core::toMillis(t));
}
inline Value value(const std::optional<core::Time> &t) {
  if (!t) return std::monostate{};
  return value(*t);
}

// The PostgreSQL form of a `?` text: placeholders numbered in order (quoted literals are left
// alone). Computed once per text and kept for the life of the process; thread-safe.
const std::string &postgresText(const char *text);
std::string numberPlaceholders(std::string_view text); // the computation itself

} // namespace kelisim::storage::sql
