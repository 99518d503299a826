// The attachments' bytes on disk, one file per attachment named by its id. Reading and
// writing (with its fsync) run on a small thread pool of their own, never on an io thread:
// a 10 MB write flushed to a slow disk would stall every connection of that thread. Each
// coroutine resumes on the caller's executor.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kelisim::app::reception {

class AttachmentFiles {
public:
  AttachmentFiles(std::filesystem::path dir, std::size_t threads);
  ~AttachmentFiles();
  AttachmentFiles(const AttachmentFiles &) = delete;
  AttachmentFiles &operator=(const AttachmentFiles &) = delete;

  // Creates the file (never replaces one), writes it whole and flushes it to disk before
  // it returns true. `bytes` must outlive the co_await.
  boost::asio::awaitable<bool> write(std::string id, std::string_view bytes);
  // The whole file, or nullopt when it cannot be read.
  boost::asio::awaitable<std::optional<std::string>> read(std::string id);
  // Removes a file whose record could not be stored (on the pool as well).
  boost::asio::awaitable<void> remove(std::string id);

  std::filesystem::path pathOf(const std::string &id) const { return dir_ / id; }

private:
  std::filesystem::path dir_;
  boost::asio::thread_pool pool_;
};

} // namespace kelisim::app::reception
