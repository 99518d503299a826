// Who is connected over /ws. The hub owns membership (user id → live connections) and
// fans messages out; each connection owns its own bounded send queue (WsSession in
// http/server.cpp). No Beast here, so the hub is tested without sockets. Thread-safe.
// Sending allocates nothing in the hub itself: a text for one connection is moved into it, a
// text for several is shared by them (one buffer, reference-counted).
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kelisim::transport {

class WsConnection {
public:
  virtual ~WsConnection() = default;
  virtual const std::string &userId() const = 0;
  // The key of the session it was opened with (app::tokenKey of the session's token).
  virtual const std::string &sessionKey() const {
    static const std::string none;
    return none;
  }
  // Queues `text` for sending; a connection whose queue is full drops itself.
  virtual void send(std::string text) = 0;
  // The same, for a text several connections send: queued without a copy where the
  // connection can (the default copies it).
  virtual void sendShared(std::shared_ptr<const std::string> text) { send(std::string(*text)); }
  // Sends a close frame ("going away") and ends the connection.
  virtual void close() = 0;
  // The server's keep-alive sweep calls this about once a second, from any thread, under the
  // hub's lock (so it must not call the hub): a connection pings a quiet client and drops a
  // silent one. One sweep instead of a timer per connection.
  virtual void keepAlive(std::chrono::steady_clock::time_point /*now*/) {}
};

class Hub {
public:
  void join(const std::shared_ptr<WsConnection> &connection);
  void leave(const WsConnection *connection);
  // Each returns how many connections the text was queued on.
  std::size_t sendToUser(const std::string &user_id, const std::string &text);
  std::size_t sendToUser(const std::string &user_id, std::string &&text);
  // The same, to every connection of the user but `except` (see app::Caller::origin).
  std::size_t sendToUser(const std::string &user_id, std::shared_ptr<const std::string> text,
                         const void *except = nullptr);
  // To one connection of the user (a media event for the connection that owns the handle);
  // false when it is gone.
  bool sendToConnection(const std::string &user_id, const void *connection, std::string text);
  // Whether the user has a connection here now (so a text for them is worth building).
  bool connected(const std::string &user_id) const;
  void closeAll();
  // Ends the user's connections, or only those opened with session `session_key` when it is
  // not empty (revoked access: sign-out, a role change, deactivation). Returns how many.
  std::size_t closeUser(const std::string &user_id, const std::string &session_key = {});
  // Calls `f` on every live connection, under the lock (see WsConnection::keepAlive). A
  // connection may be destroyed there when `f` held the last reference: its destructor must
  // not call the hub (leave() belongs where the connection ends, not in its destructor).
  void forEach(const std::function<void(WsConnection &)> &f) const;
  std::size_t size() const;

private:
  mutable std::mutex mutex_;
  std::unordered_multimap<std::string, std::weak_ptr<WsConnection>> by_user_;
};

} // namespace kelisim::transport
