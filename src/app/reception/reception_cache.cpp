#include "app/reception/reception_cache.hpp"

namespace kelisim::app::reception {

namespace rc = core::reception;

namespace {
// Far more receptions than an installation holds open; past it the cache starts again.
constexpr std::size_t kMaxEntries = 10000;

template <typename Map, typename V>
void keep(Map &map, const std::string &key, V value, core::Time until) {
  if (map.size() >= kMaxEntries) map.clear();
  map.insert_or_assign(key, typename Map::mapped_type{std::move(value), until});
}
} // namespace

ReceptionCache::ReceptionCache(core::ReceptionRepository &receptions, const core::Clock &clock,
                               std::chrono::milliseconds ttl)
    : receptions_(receptions), clock_(clock), ttl_(ttl) {}

core::Task<rc::Reception> ReceptionCache::get(const std::string &id) {
  const auto now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    auto it = by_id_.find(id);
    if (it != by_id_.end() && it->second.until > now) co_return it->second.value;
  }
  auto read = co_await receptions_.getReception(id);
  if (read) {
    std::lock_guard lock(mutex_);
    keep(by_id_, id, *read, now + ttl_);
  }
  co_return read;
}

core::Task<rc::Reception> ReceptionCache::permanentLine(const std::string &organisation_id) {
  const auto now = clock_.now();
  std::string id;
  {
    std::lock_guard lock(mutex_);
    auto it = lines_.find(organisation_id);
    if (it != lines_.end() && it->second.until > now) id = it->second.value;
  }
  if (!id.empty()) co_return co_await get(id);
  auto read = co_await receptions_.getPermanentLine(organisation_id);
  if (read) {
    std::lock_guard lock(mutex_);
    keep(lines_, organisation_id, read->id, now + ttl_);
    keep(by_id_, read->id, *read, now + ttl_);
  }
  co_return read;
}

core::Task<std::vector<rc::DutyShift>> ReceptionCache::roster(const std::string &reception_id) {
  const auto now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    auto it = rosters_.find(reception_id);
    if (it != rosters_.end() && it->second.until > now) co_return it->second.value;
  }
  auto read = co_await receptions_.listRoster(reception_id);
  if (read) {
    std::lock_guard lock(mutex_);
    keep(rosters_, reception_id, *read, now + ttl_);
  }
  co_return read;
}

void ReceptionCache::forget(const std::string &id) {
  std::lock_guard lock(mutex_);
  by_id_.erase(id);
  rosters_.erase(id);
  std::erase_if(lines_, [&](const auto &entry) { return entry.second.value == id; });
}

DisplayNames::DisplayNames(core::UserRepository &users, const core::Clock &clock,
                           std::chrono::milliseconds ttl)
    : users_(users), clock_(clock), ttl_(ttl) {}

core::Task<std::string> DisplayNames::of(const std::string &user_id) {
  const auto now = clock_.now();
  {
    std::lock_guard lock(mutex_);
    auto it = names_.find(user_id);
    if (it != names_.end() && it->second.second > now) co_return it->second.first;
  }
  auto user = co_await users_.getUser(user_id);
  if (!user) co_return user.error();
  std::lock_guard lock(mutex_);
  keep(names_, user_id, user->display_name, now + ttl_);
  co_return user->display_name;
}

} // namespace kelisim::app::reception
