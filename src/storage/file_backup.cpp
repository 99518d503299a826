#include "storage/file_backup.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace kelisim::storage {

namespace fs = std::filesystem;

namespace {
bool flush(const fs::path &path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}
} // namespace

core::Result<CopiedFiles> copyFolder(const fs::path &from, const fs::path &to) {
  using core::Error;
  using core::ErrorCode;
  std::error_code ec;
  if (fs::exists(to, ec)) return Error::make(ErrorCode::conflict, to.string() + " exists");
  if (!fs::create_directories(to, ec))
    return Error::make(ErrorCode::internal, "cannot create " + to.string() + ": " + ec.message());
  CopiedFiles copied;
  if (!fs::is_directory(from, ec)) return copied;
  for (const auto &entry : fs::directory_iterator(from, ec)) {
    if (!entry.is_regular_file(ec)) continue;
    const auto target = to / entry.path().filename();
    if (!fs::copy_file(entry.path(), target, ec) || !flush(target, O_RDONLY))
      return Error::make(ErrorCode::internal,
                         "cannot copy " + entry.path().string() + ": " + ec.message());
    ++copied.files;
    copied.bytes += static_cast<std::int64_t>(entry.file_size(ec));
  }
  if (ec)
    return Error::make(ErrorCode::internal, "cannot read " + from.string() + ": " + ec.message());
  if (!flush(to, O_RDONLY | O_DIRECTORY))
    return Error::make(ErrorCode::internal, "cannot flush " + to.string());
  return copied;
}

} // namespace kelisim::storage
