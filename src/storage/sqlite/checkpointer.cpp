#include "storage/sqlite/checkpointer.hpp"

#include <spdlog/spdlog.h>

namespace kelisim::storage::sqlite {

Checkpointer::Checkpointer(std::string path, int threshold)
    : path_(std::move(path)), threshold_(threshold), thread_([this] { loop(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wanted_.notify_all();
  thread_.join();
}

void Checkpointer::install(sqlite3 *writer) {
  sqlite3_wal_hook(writer, &Checkpointer::onCommit, this); // replaces the automatic checkpoint
}

int Checkpointer::onCommit(void *self, sqlite3 *writer, const char *, int frames) {
  auto *c = static_cast<Checkpointer *>(self);
  if (c->finish_.exchange(false)) {
    // What was committed during the background pass; afterwards the WAL starts over.
    sqlite3_wal_checkpoint_v2(writer, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }
  if (frames < c->threshold_) return SQLITE_OK;
  {
    std::lock_guard lock(c->mutex_);
    if (c->due_) return SQLITE_OK;
    c->due_ = true;
  }
  c->wanted_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::loop() {
  sqlite3 *db = nullptr;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      wanted_.wait(lock, [this] { return due_ || stopping_; });
      if (stopping_) break;
    }
    if (!db && sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      spdlog::error("sqlite checkpointer: cannot open {}: {}", path_, sqlite3_errmsg(db));
      sqlite3_close(db);
      db = nullptr;
    }
    if (db) {
      sqlite3_busy_timeout(db, 5000);
      int log = 0, copied = 0;
      const int rc =
          sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        spdlog::error("sqlite checkpoint failed: {}", sqlite3_errmsg(db));
      else
        ++done_;
    }
    finish_ = true;
    std::lock_guard lock(mutex_);
    due_ = false; // the next commit past the threshold asks again
  }
  sqlite3_close(db);
}

} // namespace kelisim::storage::sqlite
