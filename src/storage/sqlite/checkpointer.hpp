// Checkpoints the WAL mostly on a thread of its own, so the writer seldom stops to copy pages.
// The writer connection's WAL hook (install) tells it after each commit how many frames the
// WAL holds; past `threshold` frames it runs a PASSIVE checkpoint on its own connection, which
// copies the pages while the writer goes on committing. The frames committed meanwhile are
// then copied by the writer itself, in the hook after its next commit (a few hundred pages
// instead of the whole WAL), so that the WAL is fully copied and SQLite starts it over at
// the next write. (SQLite's automatic checkpoint runs all of it inside the commit that
// crossed the threshold: with a 64 MiB WAL that commit and everything queued behind it waited
// tens of milliseconds.) Thread-safe.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace kelisim::storage::sqlite {

class Checkpointer {
public:
  static constexpr int kDefaultThreshold = 16000; // frames (pages): 64 MiB of 4 KiB pages

  explicit Checkpointer(std::string path, int threshold = kDefaultThreshold);
  ~Checkpointer(); // stops the thread; a checkpoint under way finishes first
  Checkpointer(const Checkpointer &) = delete;
  Checkpointer &operator=(const Checkpointer &) = delete;

  // Makes `writer` report its WAL's size here instead of checkpointing by itself. The
  // checkpointer must outlive the connection.
  void install(sqlite3 *writer);
  // Checkpoints run so far (for tests and metrics).
  int checkpoints() const { return done_.load(); }

private:
  static int onCommit(void *self, sqlite3 *db, const char *schema, int frames);
  void loop();

  std::string path_;
  int threshold_;
  std::mutex mutex_;
  std::condition_variable wanted_;
  bool due_ = false;
  bool stopping_ = false;
  std::atomic<bool> finish_ = false; // a background pass ended: the writer copies the rest
  std::atomic<int> done_ = 0;
  std::thread thread_;
};

} // namespace kelisim::storage::sqlite
