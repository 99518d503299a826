#include "storage/file_backup.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>

namespace kelisim::storage {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path =
      fs::temp_directory_path() / ("kelisim-backup-test-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string contents(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST(FileBackup, CopiesEveryFileOnceIntoANewFolder) {
  TempDir dir;
  const auto from = dir.path / "attachments";
  fs::create_directories(from / "nested");
  std::ofstream(from / "a1", std::ios::binary) << "%PDF-1.7 first";
  std::ofstream(from / "a2", std::ios::binary) << "second";
  std::ofstream(from / "nested" / "skip") << "not an attachment";

  const auto to = dir.path / "backup.db.attachments";
  auto copied = copyFolder(from, to);
  ASSERT_TRUE(copied) << copied.error().log;
  EXPECT_EQ(copied->files, 2);
  EXPECT_EQ(copied->bytes, 20);
  EXPECT_EQ(contents(to / "a1"), "%PDF-1.7 first");
  EXPECT_EQ(contents(to / "a2"), "second");
  EXPECT_FALSE(fs::exists(to / "nested"));
  // Never over an earlier backup.
  auto again = copyFolder(from, to);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::conflict);
}

TEST(FileBackup, NoAttachmentsYetGivesAnEmptyFolder) {
  TempDir dir;
  auto copied = copyFolder(dir.path / "missing", dir.path / "copy");
  ASSERT_TRUE(copied);
  EXPECT_EQ(copied->files, 0);
  EXPECT_TRUE(fs::is_directory(dir.path / "copy"));
}

} // namespace
} // namespace kelisim::storage
