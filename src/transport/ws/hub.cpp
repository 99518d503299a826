#include "transport/ws/hub.hpp"

#include <boost/container/small_vector.hpp>

#include <vector>

namespace kelisim::transport {

namespace {
// A user's live connections, collected under the lock and sent to outside it (a connection
// may leave the hub while it is being sent to). Most users have one or two: no heap.
using Targets = boost::container::small_vector<std::shared_ptr<WsConnection>, 4>;

Targets connectionsOf(std::mutex &mutex,
                      const std::unordered_multimap<std::string, std::weak_ptr<WsConnection>> &map,
                      const std::string &user_id) {
  Targets out;
  std::lock_guard lock(mutex);
  auto [first, last] = map.equal_range(user_id);
  for (auto it = first; it != last; ++it)
    if (auto c = it->second.lock()) out.push_back(std::move(c));
  return out;
}
} // namespace

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

std::size_t Hub::sendToUser(const std::string &user_id, std::string &&text) {
  auto targets = connectionsOf(mutex_, by_user_, user_id);
  if (targets.size() == 1) {
    targets.front()->send(std::move(text));
  } else if (!targets.empty()) {
    auto shared = std::make_shared<const std::string>(std::move(text));
    for (auto &c : targets) c->sendShared(shared);
  }
  return targets.size();
}

std::size_t Hub::sendToUser(const std::string &user_id, const std::string &text) {
  auto targets = connectionsOf(mutex_, by_user_, user_id);
  if (targets.size() == 1) {
    targets.front()->send(text);
  } else if (!targets.empty()) {
    auto shared = std::make_shared<const std::string>(text);
    for (auto &c : targets) c->sendShared(shared);
  }
  return targets.size();
}

std::size_t Hub::sendToUser(const std::string &user_id, std::shared_ptr<const std::string> text,
                            const void *except) {
  auto targets = connectionsOf(mutex_, by_user_, user_id);
  std::size_t sent = 0;
  for (auto &c : targets)
    if (c.get() != except) {
      c->sendShared(text);
      ++sent;
    }
  return sent;
}

bool Hub::sendToConnection(const std::string &user_id, const void *connection, std::string text) {
  for (auto &c : connectionsOf(mutex_, by_user_, user_id))
    if (static_cast<const void *>(c.get()) == connection) {
      c->send(std::move(text));
      return true;
    }
  return false;
}

bool Hub::connected(const std::string &user_id) const {
  std::lock_guard lock(mutex_);
  return by_user_.contains(user_id);
}

void Hub::closeAll() {
  std::vector<std::shared_ptr<WsConnection>> all;
  {
    std::lock_guard lock(mutex_);
    all.reserve(by_user_.size());
    for (const auto &[_, weak] : by_user_)
      if (auto c = weak.lock()) all.push_back(std::move(c));
  }
  for (auto &c : all) c->close();
}

std::size_t Hub::closeUser(const std::string &user_id, const std::string &session_key) {
  std::vector<std::shared_ptr<WsConnection>> ending;
  {
    std::lock_guard lock(mutex_);
    auto [from, to] = by_user_.equal_range(user_id);
    for (auto it = from; it != to; ++it)
      if (auto c = it->second.lock())
        if (session_key.empty() || c->sessionKey() == session_key) ending.push_back(std::move(c));
  }
  // Outside the lock: a connection that ends leaves the hub.
  for (auto &c : ending) c->close();
  return ending.size();
}

void Hub::forEach(const std::function<void(WsConnection &)> &f) const {
  std::lock_guard lock(mutex_);
  for (const auto &[_, weak] : by_user_)
    if (auto c = weak.lock()) f(*c);
}

std::size_t Hub::size() const {
  std::lock_guard lock(mutex_);
  return by_user_.size();
}

} // namespace kelisim::transport
