#include "storage/sqlite/write_queue.hpp"

#include <spdlog/spdlog.h>

#include <memory>
#include <vector>

namespace kelisim::storage::sqlite {

WriteQueue::WriteQueue(Connection db, Complete complete, std::size_t max_batch,
                       std::size_t max_queued)
    : db_(std::move(db)), complete_(std::move(complete)), max_batch_(max_batch),
      max_queued_(max_queued), thread_([this] { loop(); }) {}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  thread_.join();
}

bool WriteQueue::trySubmit(Job &job) {
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= max_queued_) return false;
    queue_.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

void WriteQueue::loop() {
  std::vector<Job> batch;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    core::Error failure;
    bool failed = false;
    try {
      db_.prepare("BEGIN IMMEDIATE").exec();
      for (auto &job : batch) {
        db_.prepare("SAVEPOINT job").exec();
        bool keep = false;
        try {
          keep = job.run(db_);
        } catch (const std::exception &e) {
          spdlog::error("sqlite write job threw: {}", e.what());
        }
        db_.release();
        if (!keep) db_.prepare("ROLLBACK TO job").exec();
        db_.prepare("RELEASE job").exec();
      }
      db_.prepare("COMMIT").exec();
      db_.release();
    } catch (const std::exception &e) {
      failed = true;
      failure = core::Error::make(core::ErrorCode::unavailable, e.what());
      spdlog::error("sqlite batch of {} failed: {}", batch.size(), e.what());
      db_.release();
      try {
        db_.exec("ROLLBACK");
      } catch (...) {
      }
    }
    if (complete_) {
      auto jobs = std::make_shared<std::vector<Job>>(std::move(batch));
      auto error = failed ? std::make_shared<core::Error>(std::move(failure)) : nullptr;
      complete_([jobs, error] {
        for (auto &job : *jobs) job.done(error.get());
      });
    } else {
      for (auto &job : batch) job.done(failed ? &failure : nullptr);
    }
    batch.clear();
  }
}

} // namespace kelisim::storage::sqlite
