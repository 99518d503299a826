#include "storage/sqlite/checkpointer.hpp"

#include "storage/sqlite/connection.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <unistd.h>

namespace kelisim::storage::sqlite {
namespace {

// Past its threshold of WAL frames, the writer's commits hand the checkpoint to the
// checkpointer's thread, which copies the pages into the database while writes go on.
TEST(Checkpointer, ChecksPointsOnItsOwnThreadPastTheThreshold) {
  auto dir = std::filesystem::temp_directory_path() / ("kelisim-ckpt-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "c.db").string();
  {
    Checkpointer checkpointer(path, 20);
    Connection writer(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    writer.exec("PRAGMA journal_mode=WAL; CREATE TABLE t (v TEXT)");
    checkpointer.install(writer.getHandle());
    for (int i = 0; i < 40; ++i)
      writer.exec("INSERT INTO t VALUES (hex(randomblob(2000))), (hex(randomblob(2000)))");
    for (int i = 0; i < 500 && checkpointer.checkpoints() == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_GE(checkpointer.checkpoints(), 1);
    SQLite::Statement count(writer, "SELECT count(*) FROM t");
    ASSERT_TRUE(count.executeStep());
    EXPECT_EQ(count.getColumn(0).getInt(), 80);
  }
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace kelisim::storage::sqlite
