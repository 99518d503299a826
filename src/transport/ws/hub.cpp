#include "transport/ws/hub.hpp"

namespace kelisim::transport {

void Hub::join(const std::shared_ptr<WsConnection> &c) {
  std::lock_guard lock(mutex_);
  by_user_.emplace(c->userId(), c);
}

void Hub::leave(const WsConnection *c) {
  std::lock_guard lock(mutex_);
  auto [first, last] = by_user_.equal_range(c->userId());
  for (auto it = first; it != last; ++it) {
    auto held = it->second.lock();
    if (!held || held.get() == c) {
      by_user_.erase(it);
      return;
    }
  }
}

std::vector<std::shared_ptr<WsConnection>> Hub::snapshot(const std::string *user_id) const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<WsConnection>> out;
  if (user_id) {
    auto [first, last] = by_user_.equal_range(*user_id);
    for (auto it = first; it != last; ++it)
      if (auto c = it->second.lock()) out.push_back(std::move(c));
  } else {
    for (const auto &[_, weak] : by_user_)
      if (auto c = weak.lock()) out.push_back(std::move(c));
  }
  return out;
}

std::size_t Hub::sendToUser(const std::string &user_id, const std::string &text) {
  // Send outside the lock: a connection may leave the hub while it is being sent to.
  auto targets = snapshot(&user_id);
  for (auto &c : targets) c->send(text);
  return targets.size();
}

void Hub::closeAll() {
  for (auto &c : snapshot(nullptr)) c->close();
}

std::size_t Hub::size() const {
  std::lock_guard lock(mutex_);
  return by_user_.size();
}

} // namespace kelisim::transport
