#include "storage/sqlite/page_cache.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <mutex>

namespace kelisim::storage::sqlite {

namespace {

constexpr unsigned kLockByteOffset = 0x40000000; // SQLite's PENDING_BYTE

sqlite3_pcache_methods2 inner{};
std::atomic<long> skipped{0};
std::atomic<long> passed{0};

// Each cache is used by one connection at a time (SQLite holds that connection's mutex), so
// its fields need no lock of their own.
struct Cache {
  sqlite3_pcache *inner = nullptr;
  unsigned parking = 0; // the lock-byte page's number for this page size
  unsigned max_key = 0; // no page with a larger number is held (parked ones aside)
  unsigned parked = 0;  // pages parked at `parking` right now
};

Cache *of(sqlite3_pcache *p) {
  return reinterpret_cast<Cache *>(p);
}

sqlite3_pcache *create(int page_size, int extra, int purgeable) {
  sqlite3_pcache *made = inner.xCreate(page_size, extra, purgeable);
  if (!made) return nullptr;
  auto *c = new (std::nothrow) Cache;
  if (!c) {
    inner.xDestroy(made);
    return nullptr;
  }
  c->inner = made;
  c->parking = page_size > 0 ? kLockByteOffset / static_cast<unsigned>(page_size) + 1 : 0;
  return reinterpret_cast<sqlite3_pcache *>(c);
}

void cachesize(sqlite3_pcache *p, int n) {
  inner.xCachesize(of(p)->inner, n);
}
int pagecount(sqlite3_pcache *p) {
  return inner.xPagecount(of(p)->inner);
}

sqlite3_pcache_page *fetch(sqlite3_pcache *p, unsigned key, int create_flag) {
  Cache &c = *of(p);
  sqlite3_pcache_page *page = inner.xFetch(c.inner, key, create_flag);
  if (page) c.max_key = std::max(c.max_key, key); // any page fetched counts, even that one
  return page;
}

void unpin(sqlite3_pcache *p, sqlite3_pcache_page *page, int discard) {
  inner.xUnpin(of(p)->inner, page, discard);
}

void rekey(sqlite3_pcache *p, sqlite3_pcache_page *page, unsigned old_key, unsigned new_key) {
  Cache &c = *of(p);
  inner.xRekey(c.inner, page, old_key, new_key);
  if (new_key == c.parking) ++c.parked;
  if (old_key == c.parking && c.parked > 0) --c.parked;
  if (new_key != c.parking) c.max_key = std::max(c.max_key, new_key);
}

void truncate(sqlite3_pcache *p, unsigned limit) {
  Cache &c = *of(p);
  if (limit > c.max_key && c.parked == 0) {
    skipped.fetch_add(1, std::memory_order_relaxed);
    return; // nothing held at or past `limit`
  }
  passed.fetch_add(1, std::memory_order_relaxed);
  inner.xTruncate(c.inner, limit);
  if (limit > 0 && c.parked == 0) c.max_key = std::min(c.max_key, limit - 1);
}

void destroy(sqlite3_pcache *p) {
  Cache *c = of(p);
  inner.xDestroy(c->inner);
  delete c;
}

void shrink(sqlite3_pcache *p) {
  inner.xShrink(of(p)->inner);
}

} // namespace

bool installPageCache() {
  static std::once_flag once;
  static bool installed = false;
  std::call_once(once, [] {
    sqlite3_pcache_methods2 defaults{};
    if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &defaults) != SQLITE_OK) return;
    if (!defaults.xCreate || !defaults.xTruncate) return;
    inner = defaults;
    sqlite3_pcache_methods2 wrapped = defaults; // xInit, xShutdown and pArg stay SQLite's
    wrapped.xCreate = create;
    wrapped.xCachesize = cachesize;
    wrapped.xPagecount = pagecount;
    wrapped.xFetch = fetch;
    wrapped.xUnpin = unpin;
    wrapped.xRekey = rekey;
    wrapped.xTruncate = truncate;
    wrapped.xDestroy = destroy;
    wrapped.xShrink = shrink;
    installed = sqlite3_config(SQLITE_CONFIG_PCACHE2, &wrapped) == SQLITE_OK;
  });
  return installed;
}

PageCacheCounts pageCacheCounts() {
  return {skipped.load(), passed.load()};
}

} // namespace kelisim::storage::sqlite
