// SQLite's own page cache, with one cost taken out of every commit.
//
// When a B-tree page splits, SQLite renumbers the new pages into ascending order and parks one
// of them for a moment at the number of the lock-byte page (1 GiB / page size + 1: 262145 for
// 4 KiB pages). Its page cache remembers that number as the largest it has held, so at the end
// of the transaction, when it drops pages past the end of the database, it believes there are
// some and walks its whole hash table (every cached page, each a cache miss). With the writer's
// 64 MiB cache that walk was 12-20 % of the server's CPU when taking tickets (perf, routing
// benchmark, SQLite 3.40). This wrapper tracks the largest page number each cache really
// holds (the parked number excepted while nothing is parked there) and skips a truncation that
// has nothing to drop; every other call goes to SQLite's cache unchanged.
#pragma once

namespace kelisim::storage::sqlite {

// Installs the wrapper before SQLite is first initialised in this process (later it is too
// late: SQLite refuses, and its cache is used as it is). Returns whether it is installed;
// idempotent and thread-safe.
bool installPageCache();

// Truncations skipped and passed on so far (for tests).
struct PageCacheCounts {
  long skipped = 0;
  long passed = 0;
};
PageCacheCounts pageCacheCounts();

} // namespace kelisim::storage::sqlite
