#include "storage/sqlite/write_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <unistd.h>

namespace kelisim::storage::sqlite {
namespace {

// Overload: a writer that cannot keep up refuses new jobs at once instead of queueing them
// without bound (what it refuses was never written, so the client may simply retry).
TEST(WriteQueue, RefusesJobsPastItsBoundAndRunsWhatItAccepted) {
  auto dir = std::filesystem::temp_directory_path() / ("kelisim-wq-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::promise<void> started, release;
  auto release_future = release.get_future().share();
  std::promise<void> second_done;
  {
    WriteQueue queue(
        Connection((dir / "q.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE), {}, 256,
        1);
    WriteQueue::Job blocker{[&](Connection &) {
                              started.set_value();
                              release_future.wait();
                              return true;
                            },
                            [](const core::Error *) {}};
    ASSERT_TRUE(queue.trySubmit(blocker));
    started.get_future().wait(); // the writer is busy with it; the queue is empty again
    WriteQueue::Job second{[](Connection &) { return true; },
                           [&](const core::Error *e) {
                             EXPECT_EQ(e, nullptr);
                             second_done.set_value();
                           }};
    WriteQueue::Job third{[](Connection &) { return true; }, [](const core::Error *) {}};
    EXPECT_TRUE(queue.trySubmit(second));
    EXPECT_FALSE(queue.trySubmit(third));      // one job waits already: the bound
    EXPECT_TRUE(static_cast<bool>(third.run)); // a refused job is left untouched
    release.set_value();
    second_done.get_future().wait();
  }
  std::filesystem::remove_all(dir);
}

// The completions of one batch are handed over together: one call of `complete` a batch
// (one wake-up of the io threads), every job's done inside it.
TEST(WriteQueue, HandsOverABatchsCompletionsTogether) {
  auto dir = std::filesystem::temp_directory_path() / ("kelisim-wq2-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::promise<void> started, release, all_done;
  auto release_future = release.get_future().share();
  std::atomic<int> completes = 0, inside = 0, done = 0;
  thread_local bool in_complete = false;
  {
    WriteQueue queue(
        Connection((dir / "q.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE),
        [&](std::function<void()> f) {
          ++completes;
          in_complete = true;
          f();
          in_complete = false;
        });
    auto count = [&](const core::Error *e) {
      EXPECT_EQ(e, nullptr);
      inside += in_complete ? 1 : 0;
      if (++done == 6) all_done.set_value();
    };
    WriteQueue::Job blocker{[&](Connection &) {
                              started.set_value();
                              release_future.wait();
                              return true;
                            },
                            count};
    ASSERT_TRUE(queue.trySubmit(blocker));
    started.get_future().wait();
    for (int i = 0; i < 5; ++i) { // all queued while the writer is busy: the next batch
      WriteQueue::Job job{[](Connection &) { return true; }, count};
      ASSERT_TRUE(queue.trySubmit(job));
    }
    release.set_value();
    all_done.get_future().wait();
  }
  EXPECT_EQ(completes.load(), 2);
  EXPECT_EQ(inside.load(), 6);
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace kelisim::storage::sqlite
