// Kelisim's only line to Janus: the Janus API over the pfunix transport (a Unix
// SOCK_SEQPACKET socket, one JSON message a datagram, every request carrying api_secret).
// One Janus session for the whole server, kept alive every 15 s; handles on it for the echo
// tests and the calls' rooms. When the socket or the session is lost (Janus restarted or
// killed) every handle is reported `gone`, and the client connects again by itself, every
// second. Requests are answered by transaction; a plugin request with an offer is answered
// by its event (the answer), not by its ack. A full socket (Janus busy, or blocked writing
// its answers to us) is waited out without holding the thread, within the request's time:
// only that request fails then, the connection is kept. Implements core::MediaEngine.
#pragma once

#include "core/ports/media.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

namespace kelisim::transport::media {

class JanusClient final : public core::MediaEngine {
public:
  // `room_secret`: the VideoRoom admin_key and every room's secret (only Kelisim has it, so
  // only Kelisim makes, ends, records — never — or moderates rooms).
  JanusClient(boost::asio::any_io_executor executor, std::string socket_path,
              std::string api_secret, std::string room_secret = {});
  ~JanusClient() override;

  void start();
  void stop();

  bool up() const override { return up_.load(); }
  core::Task<core::MediaHandle> attach(core::MediaPlugin plugin) override;
  core::Task<std::string> echo(core::MediaHandle handle, std::string offer_sdp) override;
  core::Task<core::Unit> trickle(core::MediaHandle handle, core::IceCandidate candidate) override;
  core::Task<core::Unit> detach(core::MediaHandle handle) override;
  core::Task<core::Unit> openRoom(const std::string &room, int max_publishers) override;
  core::Task<core::Unit> closeRoom(const std::string &room) override;
  core::Task<std::string> publish(core::MediaHandle handle, const std::string &room,
                                  const std::string &participant, std::string offer_sdp) override;
  core::Task<std::string> receive(core::MediaHandle handle, const std::string &room,
                                  const std::string &feed) override;
  core::Task<core::Unit> startReceiving(core::MediaHandle handle, std::string answer_sdp) override;
  // A subscriber `configure` on the handle's picture: its substream (0 = the lowest), or
  // `send: false` for none.
  core::Task<core::Unit> setLayer(core::MediaHandle handle, core::MediaLayer layer) override;
  core::Task<core::Unit> removeParticipant(const std::string &room,
                                           const std::string &participant) override;
  core::Task<core::Unit> muteStream(const std::string &room, const std::string &participant,
                                    const std::string &mid, bool muted) override;
  void onEvent(std::function<void(const core::MediaEvent &)> sink) override {
    sinks_.push_back(std::move(sink));
  }

  std::size_t handles() const;
  std::uint64_t sessionsMade() const { return sessions_made_.load(); }

  // Janus reads a request into 8 KiB: a longer one would be cut off, so it is refused here.
  static constexpr std::size_t kMaxRequestBytes = 8000;

private:
  struct Pending;
  struct Connection;

  // Sends `request` (transaction and secret added) and waits for its answer: the success,
  // or with `want_event` the plugin's event. Errors: unavailable (no connection, timeout),
  // the Janus error as `failed` in the log.
  core::Task<boost::json::object> request(boost::json::object request, bool want_event,
                                          std::chrono::milliseconds timeout);
  // A plugin request on `handle` (0: on the server's own VideoRoom handle, for the
  // synchronous room requests). With `jsep` or `want_event`, the answer is the plugin's
  // event. Returns {"data": plugindata.data, "jsep": …}; a plugin error is an Error.
  core::Task<boost::json::object> pluginRequest(core::MediaHandle handle, boost::json::object body,
                                                boost::json::object jsep, bool want_event);
  boost::asio::awaitable<void> run();
  boost::asio::awaitable<void> readLoop(std::shared_ptr<Connection> connection);
  void received(const boost::json::object &message);
  void emit(core::MediaHandle handle, core::MediaEventKind kind, std::string detail = {});
  // Drops the connection: pending requests fail, every handle is gone.
  void lost(const std::shared_ptr<Connection> &connection);

  boost::asio::any_io_executor executor_;
  std::string socket_path_;
  std::string api_secret_;
  std::string room_secret_;
  core::MediaHandle room_admin_handle_ = 0; // for create, destroy and kick
  std::vector<std::function<void(const core::MediaEvent &)>> sinks_;
  std::atomic<bool> up_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> next_transaction_{1};
  std::atomic<std::uint64_t> sessions_made_{0};
  mutable std::mutex mutex_;
  std::shared_ptr<Connection> connection_;
  std::uint64_t session_ = 0;
  std::unordered_map<std::string, std::shared_ptr<Pending>> pending_;
  std::set<core::MediaHandle> handles_;
  // A receiving handle's picture: its mid in the subscription (from Janus's `attached`).
  std::unordered_map<core::MediaHandle, std::string> video_mids_;
};

} // namespace kelisim::transport::media
