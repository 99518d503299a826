#include "transport/http/connection_slots.hpp"

namespace kelisim::transport {

bool ConnectionSlots::tryTake(const std::string &key, int cap) {
  std::lock_guard lock(mutex_);
  auto [it, added] = held_.try_emplace(key, 0);
  if (it->second >= cap) {
    if (it->second == 0) held_.erase(it);
    return false;
  }
  ++it->second;
  return true;
}

void ConnectionSlots::give(const std::string &key) {
  std::lock_guard lock(mutex_);
  auto it = held_.find(key);
  if (it == held_.end()) return;
  if (--it->second <= 0) held_.erase(it);
}

int ConnectionSlots::held(const std::string &key) const {
  std::lock_guard lock(mutex_);
  auto it = held_.find(key);
  return it == held_.end() ? 0 : it->second;
}

std::size_t ConnectionSlots::keys() const {
  std::lock_guard lock(mutex_);
  return held_.size();
}

} // namespace kelisim::transport
