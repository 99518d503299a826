// The single SQLite writer with group commit. Jobs from any thread queue up; one thread
// takes everything queued, runs each job under its own SAVEPOINT inside one transaction,
// commits once (one fsync for the batch) and only then completes the jobs. A job that
// fails is rolled back to its savepoint without disturbing the others in the batch. The
// batch's completions are handed over together (one wake-up of the io threads a batch, not
// one a job) through `complete`, when given.
#pragma once

#include "core/error.hpp"

#include "storage/sqlite/connection.hpp"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace kelisim::storage::sqlite {

class WriteQueue {
public:
  struct Job {
    // Runs on the writer thread inside the open transaction; returns false if the job's
    // changes must be rolled back (it records its own error).
    std::function<bool(Connection &)> run;
    // Called after the batch is committed (or failed as a whole, with the error), inside
    // the function given to `complete` (or on the writer thread when there is none); must
    // only hand the result over, e.g. dispatch to the caller's executor.
    std::function<void(const core::Error *)> done;
  };
  // Runs a batch's completions, e.g. by posting them to the io threads' executor.
  using Complete = std::function<void(std::function<void()>)>;

  // Takes ownership of the write connection; starts the writer thread. At most `max_queued`
  // jobs wait: past that the server is overloaded and new jobs are refused, not queued.
  explicit WriteQueue(Connection db, Complete complete = {}, std::size_t max_batch = 256,
                      std::size_t max_queued = 8192);
  ~WriteQueue(); // drains what is queued, then stops

  // Queues the job (true), or leaves it untouched when max_queued jobs already wait (false).
  bool trySubmit(Job &job);

private:
  void loop();

  Connection db_;
  Complete complete_;
  std::size_t max_batch_;
  std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

} // namespace kelisim::storage::sqlite
