#include "app/reception/attachment_files.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace kelisim::app::reception {

namespace asio = boost::asio;

namespace {

bool writeDurably(const std::filesystem::path &dir, const std::filesystem::path &path,
                  std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  std::size_t done = 0;
  while (done < bytes.size()) {
    const auto n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) {
      ::close(fd);
      ::unlink(path.c_str());
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) ::unlink(path.c_str());
  return ok;
}

} // namespace

AttachmentFiles::AttachmentFiles(std::filesystem::path dir, std::size_t threads)
    : dir_(std::move(dir)), pool_(threads == 0 ? 1 : threads) {}

AttachmentFiles::~AttachmentFiles() {
  pool_.join();
}

asio::awaitable<bool> AttachmentFiles::write(std::string id, std::string_view bytes) {
  auto home = co_await asio::this_coro::executor;
  co_await asio::post(pool_, asio::use_awaitable);
  const bool ok = writeDurably(dir_, pathOf(id), bytes);
  co_await asio::post(home, asio::use_awaitable);
  co_return ok;
}

asio::awaitable<std::optional<std::string>> AttachmentFiles::read(std::string id) {
  auto home = co_await asio::this_coro::executor;
  co_await asio::post(pool_, asio::use_awaitable);
  std::optional<std::string> bytes;
  std::ifstream file(pathOf(id), std::ios::binary);
  if (file) bytes.emplace(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  if (file.bad()) bytes.reset();
  co_await asio::post(home, asio::use_awaitable);
  co_return bytes;
}

asio::awaitable<void> AttachmentFiles::remove(std::string id) {
  auto home = co_await asio::this_coro::executor;
  co_await asio::post(pool_, asio::use_awaitable);
  std::error_code ec;
  std::filesystem::remove(pathOf(id), ec);
  co_await asio::post(home, asio::use_awaitable);
}

} // namespace kelisim::app::reception
