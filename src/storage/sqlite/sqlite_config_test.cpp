#include "storage/sqlite/page_cache.hpp"
#include "storage/sqlite/sqlite_store.hpp"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace kelisim::storage::sqlite {
namespace {

// Opening the first store sets SQLite up for the process (each test runs in a process of its
// own under ctest): the page cache wrapper, and no memory statistics, whose global mutex every
// allocation took.
TEST(SqliteConfig, TheFirstStoreSetsUpSqliteForTheProcess) {
  auto dir = std::filesystem::temp_directory_path() / ("kelisim-sqcfg-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    boost::asio::io_context io;
    auto store = openSqliteStore((dir / "k.db").string(), io.get_executor());
    ASSERT_TRUE(store) << store.error().log;
    EXPECT_TRUE(installPageCache()); // installed by the store already: the answer stays
    EXPECT_EQ(sqlite3_memory_used(), 0) << "memory statistics are off";
  }
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace kelisim::storage::sqlite
