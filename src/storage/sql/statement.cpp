#include "storage/sql/statement.hpp"

#include <mutex>
#include <unordered_map>

namespace kelisim::storage::sql {

std::string numberPlaceholders(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  int next = 1;
  bool quoted = false;
  for (char c : text) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

const std::string &postgresText(const char *text) {
  static std::mutex mutex;
  static std::unordered_map<const char *, std::string> texts;
  std::lock_guard lock(mutex);
  auto it = texts.find(text);
  if (it == texts.end()) it = texts.emplace(text, numberPlaceholders(text)).first;
  return it->second; // nodes never move: the reference stays valid
}

} // namespace kelisim::storage::sql
