#include "storage/sqlite/connection.hpp"

namespace kelisim::storage::sqlite {

namespace {
// Dynamic texts (filters built from optional criteria) form a small set; past this many a
// text is prepared for one use only rather than let the cache grow without bound.
constexpr std::size_t kMaxCached = 512;
} // namespace

SQLite::Statement &Connection::prepare(const std::string &text) {
  auto it = cache_.find(text);
  if (it == cache_.end()) {
    if (cache_.size() >= kMaxCached) {
      one_off_.push_back(std::make_unique<SQLite::Statement>(*this, text));
      return *one_off_.back();
    }
    it = cache_.emplace(text, std::make_unique<SQLite::Statement>(*this, text)).first;
  } else {
    it->second->reset();
    it->second->clearBindings();
  }
  borrowed_.push_back(it->second.get());
  return *it->second;
}

void Connection::release() noexcept {
  for (auto *q : borrowed_) {
    try {
      q->reset();
    } catch (...) {
      // reset() reports the error of the last step again; the statement is reset regardless.
    }
  }
  borrowed_.clear();
  one_off_.clear();
}

} // namespace kelisim::storage::sqlite
