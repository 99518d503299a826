// Receptions, permanent lines and rosters as last read, for the hot paths (a new ticket, a
// ticket's view, desks and offers): a hit reads nothing. An entry lives `ttl`, so a change
// made on another instance shows within it; a change made here forgets its entries at once
// (forget). Misses and errors are not kept. Thread-safe.
#pragma once

#include "core/ports/accounts.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/receptions.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kelisim::app::reception {

class ReceptionCache {
public:
  ReceptionCache(core::ReceptionRepository &receptions, const core::Clock &clock,
                 std::chrono::milliseconds ttl = std::chrono::seconds(1));

  core::Task<core::reception::Reception> get(const std::string &id);
  core::Task<core::reception::Reception> permanentLine(const std::string &organisation_id);
  core::Task<std::vector<core::reception::DutyShift>> roster(const std::string &reception_id);
  // The reception (or permanent line) `id`, its roster, and any organisation's line that
  // pointed at it are read again next time.
  void forget(const std::string &id);

private:
  template <typename V> struct Entry {
    V value;
    core::Time until;
  };
  core::ReceptionRepository &receptions_;
  const core::Clock &clock_;
  std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry<core::reception::Reception>> by_id_;
  std::unordered_map<std::string, Entry<std::string>> lines_; // organisation → reception id
  std::unordered_map<std::string, Entry<std::vector<core::reception::DutyShift>>> rosters_;
};

// People's display names as last read, for the views that name them (a room's members, a
// ticket's specialists): names rarely change, and a take and a close named the same two people
// five times over. An entry lives `ttl`, so a new name shows within it everywhere. Thread-safe.
class DisplayNames {
public:
  DisplayNames(core::UserRepository &users, const core::Clock &clock,
               std::chrono::milliseconds ttl = std::chrono::seconds(10));
  // The user's display name; not_found when there is no such user.
  core::Task<std::string> of(const std::string &user_id);

private:
  core::UserRepository &users_;
  const core::Clock &clock_;
  std::chrono::milliseconds ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::pair<std::string, core::Time>> names_; // name, until
};

} // namespace kelisim::app::reception
