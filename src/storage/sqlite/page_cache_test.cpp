#include "storage/sqlite/page_cache.hpp"

#include "storage/sqlite/connection.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace kelisim::storage::sqlite {
namespace {

std::string scalar(Connection &db, const char *sql) {
  SQLite::Statement q(db, sql);
  EXPECT_TRUE(q.executeStep());
  return q.getColumn(0).getString();
}

// Random keys split index pages (the splits that park a page at the lock-byte number); commits,
// rolled-back savepoints, deletes and a VACUUM that shrinks the file must all leave a sound
// database, and the commits after a split must not walk the whole cache.
TEST(PageCache, SkipsTruncationsWithNothingToDropAndKeepsTheDatabaseSound) {
  ASSERT_TRUE(installPageCache()); // each test runs in a process of its own (ctest)
  auto dir =
      std::filesystem::temp_directory_path() / ("kelisim-pcache-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "p.db").string();
  {
    Connection db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA journal_mode=WAL; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
            "CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)");
    const auto before = pageCacheCounts();
    for (int batch = 0; batch < 200; ++batch) {
      db.exec("BEGIN");
      db.exec("SAVEPOINT kept");
      db.exec("INSERT INTO t SELECT hex(randomblob(16)), hex(randomblob(100)) "
              "FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4)");
      db.exec("RELEASE kept");
      if (batch % 10 == 0) { // pages past the end, dropped at commit
        db.exec("SAVEPOINT dropped");
        db.exec("INSERT INTO t SELECT hex(randomblob(16)), hex(randomblob(3000)) "
                "FROM (SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)");
        db.exec("ROLLBACK TO dropped");
        db.exec("RELEASE dropped");
      }
      db.exec("COMMIT");
    }
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM t"), "800");
    const auto after = pageCacheCounts();
    EXPECT_GT(after.skipped - before.skipped, 150) << after.passed - before.passed << " passed";
    EXPECT_EQ(scalar(db, "PRAGMA integrity_check"), "ok");

    db.exec("DELETE FROM t WHERE rowid % 2 = 0");
    db.exec("PRAGMA journal_mode=DELETE; VACUUM; PRAGMA journal_mode=WAL");
    EXPECT_EQ(scalar(db, "PRAGMA integrity_check"), "ok");
    db.exec("INSERT INTO t SELECT hex(randomblob(16)), hex(randomblob(500)) FROM t");
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM t"), "800");
    EXPECT_EQ(scalar(db, "PRAGMA integrity_check"), "ok");
  }
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace kelisim::storage::sqlite
