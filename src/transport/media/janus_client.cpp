#include "transport/media/janus_client.hpp"

#include "transport/log.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/experimental/concurrent_channel.hpp>
#include <boost/asio/generic/seq_packet_protocol.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <sys/socket.h>

namespace kelisim::transport::media {

namespace asio = boost::asio;
namespace json = boost::json;
using asio::awaitable;
using asio::use_awaitable;
using core::ErrorCode;
using namespace asio::experimental::awaitable_operators;

using Channel =
    asio::experimental::concurrent_channel<void(boost::system::error_code, json::object)>;

struct JanusClient::Pending {
  explicit Pending(asio::any_io_executor ex) : channel(std::move(ex), 1) {}
  Channel channel;
  bool want_event = false;
};

struct JanusClient::Connection {
  explicit Connection(asio::any_io_executor ex) : socket(std::move(ex)) {}
  asio::generic::seq_packet_protocol::socket socket;
  std::mutex send_mutex;
  std::atomic<bool> alive{true};
};

namespace {

std::uint64_t idOf(const json::value *v) {
  if (!v) return 0;
  if (v->is_uint64()) return v->as_uint64();
  if (v->is_int64() && v->as_int64() > 0) return static_cast<std::uint64_t>(v->as_int64());
  return 0;
}

const char *pluginName(core::MediaPlugin p) {
  return p == core::MediaPlugin::echo ? "janus.plugin.echotest" : "janus.plugin.videoroom";
}

enum class Sent { done, full, failed };

// Writes one datagram without waiting (the socket is non-blocking once Asio has used it).
Sent trySend(int fd, const std::string &text) {
  for (;;) {
    const auto n = ::send(fd, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n == static_cast<ssize_t>(text.size())) return Sent::done;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return Sent::full;
    return Sent::failed;
  }
}

} // namespace

JanusClient::JanusClient(asio::any_io_executor executor, std::string socket_path,
                         std::string api_secret, std::string room_secret)
    : executor_(std::move(executor)), socket_path_(std::move(socket_path)),
      api_secret_(std::move(api_secret)), room_secret_(std::move(room_secret)) {}

JanusClient::~JanusClient() {
  stop();
}

void JanusClient::start() {
  stopping_ = false;
  asio::co_spawn(executor_, run(), asio::detached);
}

void JanusClient::stop() {
  if (stopping_.exchange(true)) return;
  std::shared_ptr<Connection> c;
  {
    std::lock_guard lock(mutex_);
    c = connection_;
  }
  if (c) lost(c);
}

std::size_t JanusClient::handles() const {
  std::lock_guard lock(mutex_);
  return handles_.size();
}

void JanusClient::emit(core::MediaHandle handle, core::MediaEventKind kind, std::string detail) {
  const core::MediaEvent event{handle, kind, std::move(detail)};
  for (const auto &sink : sinks_) sink(event);
}

void JanusClient::lost(const std::shared_ptr<Connection> &connection) {
  std::unordered_map<std::string, std::shared_ptr<Pending>> pending;
  std::set<core::MediaHandle> handles;
  {
    std::lock_guard lock(mutex_);
    if (connection_ != connection) return;
    connection_.reset();
    session_ = 0;
    room_admin_handle_ = 0;
    up_ = false;
    pending.swap(pending_);
    handles.swap(handles_);
    video_mids_.clear();
  }
  connection->alive = false;
  boost::system::error_code ignored;
  connection->socket.close(ignored);
  for (auto &[id, p] : pending) p->channel.try_send(asio::error::operation_aborted, json::object{});
  for (const auto h : handles) emit(h, core::MediaEventKind::gone);
  if (!stopping_) logEvent(spdlog::level::warn, "janus_lost", {{"handles", handles.size()}});
}

core::Task<json::object> JanusClient::request(json::object body, bool want_event,
                                              std::chrono::milliseconds timeout) {
  auto ex = co_await asio::this_coro::executor;
  const std::string transaction = std::to_string(next_transaction_++);
  body["transaction"] = transaction;
  body["apisecret"] = api_secret_;
  const std::string text = json::serialize(body);
  if (text.size() > kMaxRequestBytes) co_return core::Error::field("sdp", "too_long");
  auto pending = std::make_shared<Pending>(ex);
  pending->want_event = want_event;
  std::shared_ptr<Connection> connection;
  {
    std::lock_guard lock(mutex_);
    connection = connection_;
    if (connection) pending_[transaction] = pending;
  }
  if (!connection) co_return core::Error::make(ErrorCode::unavailable, "janus not connected");
  // A full socket means Janus is busy (or waits for us to read its answers, which this
  // thread must stay free to do): waited out here without holding the thread, up to the
  // request's time, and then only this request fails. Janus is lost only when the socket is.
  asio::steady_timer timer(ex);
  timer.expires_after(timeout);
  for (;;) {
    Sent sent = Sent::failed;
    {
      std::lock_guard lock(connection->send_mutex);
      if (connection->alive) sent = trySend(connection->socket.native_handle(), text);
    }
    if (sent == Sent::done) break;
    if (sent == Sent::failed) {
      lost(connection);
      co_return core::Error::make(ErrorCode::unavailable, "janus send failed");
    }
    auto waited = co_await (connection->socket.async_wait(asio::socket_base::wait_write,
                                                          asio::as_tuple(use_awaitable)) ||
                            timer.async_wait(asio::as_tuple(use_awaitable)));
    if (waited.index() == 1) {
      {
        std::lock_guard lock(mutex_);
        pending_.erase(transaction);
      }
      co_return core::Error::make(ErrorCode::unavailable, "janus socket full");
    }
  }
  auto outcome = co_await (pending->channel.async_receive(asio::as_tuple(use_awaitable)) ||
                           timer.async_wait(asio::as_tuple(use_awaitable)));
  {
    std::lock_guard lock(mutex_);
    pending_.erase(transaction);
  }
  if (outcome.index() == 1)
    co_return core::Error::make(ErrorCode::unavailable, "janus did not answer in time");
  auto [ec, answer] = std::get<0>(std::move(outcome));
  if (ec) co_return core::Error::make(ErrorCode::unavailable, "janus connection lost");
  const auto kind = answer.if_contains("janus");
  if (kind && kind->is_string() && kind->as_string() == "error") {
    std::string reason = "janus error";
    if (const auto *e = answer.if_contains("error"); e && e->is_object())
      if (const auto *r = e->as_object().if_contains("reason"); r && r->is_string())
        reason += ": " + std::string(r->as_string());
    co_return core::Error::make(ErrorCode::internal, reason);
  }
  co_return std::move(answer);
}

awaitable<void> JanusClient::run() {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer pause(ex);
  bool told_down = false;
  while (!stopping_) {
    auto connection = std::make_shared<Connection>(ex);
    boost::system::error_code ec;
    const asio::local::stream_protocol::endpoint path{socket_path_};
    const asio::generic::seq_packet_protocol::endpoint endpoint{path};
    connection->socket.open(endpoint.protocol(), ec);
    if (!ec) connection->socket.connect(endpoint, ec);
    if (ec) {
      if (!told_down) {
        logEvent(spdlog::level::warn, "janus_unreachable", {{"error", ec.message()}});
        told_down = true;
      }
      pause.expires_after(std::chrono::seconds(1));
      co_await pause.async_wait(asio::as_tuple(use_awaitable));
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      connection_ = connection;
    }
    asio::co_spawn(ex, readLoop(connection), asio::detached);
    json::object create;
    create["janus"] = "create";
    auto created = co_await request(std::move(create), false, std::chrono::seconds(5));
    const json::object *data = nullptr;
    if (created)
      if (const auto *d = created->if_contains("data"); d && d->is_object()) data = &d->as_object();
    const std::uint64_t session = data ? idOf(data->if_contains("id")) : 0;
    if (session == 0) {
      lost(connection);
      pause.expires_after(std::chrono::seconds(1));
      co_await pause.async_wait(asio::as_tuple(use_awaitable));
      continue;
    }
    // The server's own VideoRoom handle, for the room requests (create, destroy, kick): made
    // once per session, before anyone can ask for a room, and not counted among people's.
    json::object admin;
    admin["janus"] = "attach";
    admin["session_id"] = session;
    admin["plugin"] = "janus.plugin.videoroom";
    auto attached = co_await request(std::move(admin), false, std::chrono::seconds(5));
    const json::object *admin_data = nullptr;
    if (attached)
      if (const auto *d = attached->if_contains("data"); d && d->is_object())
        admin_data = &d->as_object();
    const core::MediaHandle admin_handle = admin_data ? idOf(admin_data->if_contains("id")) : 0;
    if (admin_handle == 0) {
      lost(connection);
      pause.expires_after(std::chrono::seconds(1));
      co_await pause.async_wait(asio::as_tuple(use_awaitable));
      continue;
    }
    {
      std::lock_guard lock(mutex_);
      session_ = session;
      room_admin_handle_ = admin_handle;
    }
    ++sessions_made_;
    up_ = true;
    told_down = false;
    logEvent(spdlog::level::info, "janus_connected", {});
    // Keep the session alive; notice a lost socket within a second.
    int seconds = 0;
    while (!stopping_ && connection->alive) {
      pause.expires_after(std::chrono::seconds(1));
      co_await pause.async_wait(asio::as_tuple(use_awaitable));
      if (++seconds % 15 != 0 || !connection->alive) continue;
      json::object keepalive;
      keepalive["janus"] = "keepalive";
      keepalive["session_id"] = session;
      auto alive = co_await request(std::move(keepalive), false, std::chrono::seconds(5));
      if (!alive) lost(connection);
    }
    lost(connection);
  }
}

awaitable<void> JanusClient::readLoop(std::shared_ptr<Connection> connection) {
  std::string buffer(256 * 1024, '\0');
  while (connection->alive) {
    asio::socket_base::message_flags flags{};
    auto [ec, n] = co_await connection->socket.async_receive(asio::buffer(buffer), flags,
                                                             asio::as_tuple(use_awaitable));
    if (ec || n == 0) break;
    boost::system::error_code parse_error;
    auto value = json::parse(std::string_view(buffer.data(), n), parse_error);
    if (parse_error || !value.is_object()) continue;
    received(value.as_object());
  }
  lost(connection);
}

void JanusClient::received(const json::object &m) {
  const auto *kind_value = m.if_contains("janus");
  if (!kind_value || !kind_value->is_string()) return;
  const std::string_view kind = kind_value->as_string();
  const auto *transaction = m.if_contains("transaction");
  if (transaction && transaction->is_string()) {
    std::shared_ptr<Pending> pending;
    {
      std::lock_guard lock(mutex_);
      auto it = pending_.find(std::string(transaction->as_string()));
      if (it != pending_.end()) pending = it->second;
    }
    // A plugin request with an offer is acknowledged first; its answer comes as an event.
    if (pending && !(pending->want_event && kind == "ack")) {
      pending->channel.try_send(boost::system::error_code{}, m);
      return;
    }
    if (pending) return;
  }
  const core::MediaHandle handle = idOf(m.if_contains("sender"));
  if (kind == "timeout") {
    std::shared_ptr<Connection> c;
    {
      std::lock_guard lock(mutex_);
      c = connection_;
    }
    if (c) lost(c);
    return;
  }
  if (handle == 0) return;
  {
    std::lock_guard lock(mutex_);
    if (!handles_.contains(handle)) return;
    if (kind == "detached") {
      handles_.erase(handle);
      video_mids_.erase(handle);
    }
  }
  if (kind == "webrtcup") {
    emit(handle, core::MediaEventKind::connected);
  } else if (kind == "hangup") {
    emit(handle, core::MediaEventKind::hangup);
  } else if (kind == "slowlink") {
    const auto *uplink = m.if_contains("uplink");
    emit(handle, core::MediaEventKind::slowlink,
         uplink && uplink->is_bool() && uplink->as_bool() ? "uplink" : "downlink");
  } else if (kind == "detached") {
    emit(handle, core::MediaEventKind::gone);
  }
}

core::Task<core::MediaHandle> JanusClient::attach(core::MediaPlugin plugin) {
  std::uint64_t session = 0;
  {
    std::lock_guard lock(mutex_);
    session = session_;
  }
  if (session == 0) co_return ErrorCode::unavailable;
  json::object attach;
  attach["janus"] = "attach";
  attach["session_id"] = session;
  attach["plugin"] = pluginName(plugin);
  auto answer = co_await request(std::move(attach), false, std::chrono::seconds(5));
  if (!answer) co_return answer.error();
  const auto *data = answer->if_contains("data");
  const core::MediaHandle handle =
      data && data->is_object() ? idOf(data->as_object().if_contains("id")) : 0;
  if (handle == 0) co_return core::Error::make(ErrorCode::internal, "janus attach: no id");
  {
    std::lock_guard lock(mutex_);
    handles_.insert(handle);
  }
  co_return handle;
}

core::Task<std::string> JanusClient::echo(core::MediaHandle handle, std::string offer_sdp) {
  std::uint64_t session = 0;
  {
    std::lock_guard lock(mutex_);
    session = handles_.contains(handle) ? session_ : 0;
  }
  if (session == 0) co_return ErrorCode::not_found;
  // Recording is never asked for: the body names only what the test sends back.
  json::object body;
  body["audio"] = true;
  body["video"] = true;
  json::object jsep;
  jsep["type"] = "offer";
  jsep["sdp"] = std::move(offer_sdp);
  jsep["trickle"] = true;
  json::object message;
  message["janus"] = "message";
  message["session_id"] = session;
  message["handle_id"] = handle;
  message["body"] = std::move(body);
  message["jsep"] = std::move(jsep);
  auto answer = co_await request(std::move(message), true, std::chrono::seconds(10));
  if (!answer) co_return answer.error();
  const auto *answered = answer->if_contains("jsep");
  if (!answered || !answered->is_object())
    co_return core::Error::make(ErrorCode::internal, "no answer");
  const auto *sdp = answered->as_object().if_contains("sdp");
  if (!sdp || !sdp->is_string()) co_return core::Error::make(ErrorCode::internal, "no sdp");
  co_return std::string(sdp->as_string());
}

core::Task<core::Unit> JanusClient::trickle(core::MediaHandle handle,
                                            core::IceCandidate candidate) {
  std::uint64_t session = 0;
  {
    std::lock_guard lock(mutex_);
    session = handles_.contains(handle) ? session_ : 0;
  }
  if (session == 0) co_return ErrorCode::not_found;
  json::object c;
  if (candidate.completed) {
    c["completed"] = true;
  } else {
    c["candidate"] = candidate.candidate;
    c["sdpMid"] = candidate.sdp_mid;
    c["sdpMLineIndex"] = candidate.sdp_mline_index;
  }
  json::object trickle;
  trickle["janus"] = "trickle";
  trickle["session_id"] = session;
  trickle["handle_id"] = handle;
  trickle["candidate"] = std::move(c);
  auto answer = co_await request(std::move(trickle), false, std::chrono::seconds(5));
  if (!answer) co_return answer.error();
  co_return core::Unit{};
}

core::Task<core::Unit> JanusClient::detach(core::MediaHandle handle) {
  std::uint64_t session = 0;
  {
    std::lock_guard lock(mutex_);
    if (handles_.erase(handle) > 0) session = session_;
    video_mids_.erase(handle);
  }
  if (session == 0) co_return core::Unit{}; // gone already
  json::object detach;
  detach["janus"] = "detach";
  detach["session_id"] = session;
  detach["handle_id"] = handle;
  auto answer = co_await request(std::move(detach), false, std::chrono::seconds(5));
  if (!answer) co_return answer.error();
  co_return core::Unit{};
}

namespace {

// A VideoRoom error code (0: none) from a plugin answer's data.
std::int64_t pluginErrorCode(const json::object &data) {
  const auto *code = data.if_contains("error_code");
  return code && code->is_int64() ? code->as_int64() : 0;
}

// VideoRoom error codes the server meets on purpose.
constexpr std::int64_t kNoSuchRoom = 426;
constexpr std::int64_t kRoomExists = 427;
constexpr std::int64_t kNoSuchFeed = 428;

} // namespace

core::Task<json::object> JanusClient::pluginRequest(core::MediaHandle handle, json::object body,
                                                    json::object jsep, bool want_event) {
  std::uint64_t session = 0;
  {
    std::lock_guard lock(mutex_);
    session = session_;
    if (handle == 0) {
      handle = room_admin_handle_;
    } else if (!handles_.contains(handle)) {
      co_return core::ErrorCode::not_found;
    }
  }
  if (session == 0 || handle == 0) co_return core::ErrorCode::unavailable;
  const bool with_jsep = !jsep.empty();
  json::object message;
  message["janus"] = "message";
  message["session_id"] = session;
  message["handle_id"] = handle;
  message["body"] = std::move(body);
  if (with_jsep) message["jsep"] = std::move(jsep);
  auto answer =
      co_await request(std::move(message), want_event || with_jsep, std::chrono::seconds(10));
  if (!answer) co_return answer.error();
  const auto *plugindata = answer->if_contains("plugindata");
  const auto *data =
      plugindata && plugindata->is_object() ? plugindata->as_object().if_contains("data") : nullptr;
  if (!data || !data->is_object())
    co_return core::Error::make(ErrorCode::internal, "janus: no plugin data");
  if (const auto code = pluginErrorCode(data->as_object()); code != 0) {
    std::string reason = "videoroom error " + std::to_string(code);
    if (const auto *e = data->as_object().if_contains("error"); e && e->is_string())
      reason += ": " + std::string(e->as_string());
    auto error = core::Error::make(ErrorCode::internal, reason);
    error.params["janus_error_code"] = std::to_string(code);
    co_return error;
  }
  json::object out;
  out["data"] = data->as_object();
  if (const auto *j = answer->if_contains("jsep"); j && j->is_object())
    out["jsep"] = j->as_object();
  co_return out;
}

namespace {

bool isJanusError(const core::Error &e, std::int64_t code) {
  auto it = e.params.find("janus_error_code");
  return it != e.params.end() && it->second == std::to_string(code);
}

core::Result<std::string> sdpOf(const json::object &answer) {
  const auto *jsep = answer.if_contains("jsep");
  const auto *sdp = jsep && jsep->is_object() ? jsep->as_object().if_contains("sdp") : nullptr;
  if (!sdp || !sdp->is_string()) return core::Error::make(ErrorCode::internal, "janus: no sdp");
  return std::string(sdp->as_string());
}

} // namespace

core::Task<core::Unit> JanusClient::openRoom(const std::string &room, int max_publishers) {
  json::object body;
  body["request"] = "create";
  body["room"] = room;
  body["admin_key"] = room_secret_;
  body["secret"] = room_secret_;
  body["permanent"] = false;
  body["is_private"] = true;
  body["publishers"] = max_publishers;
  body["audiocodec"] = "opus";
  body["videocodec"] = "vp8";
  body["fir_freq"] = 10;
  // Never recorded: recording is off and only the room's secret could turn it on.
  body["record"] = false;
  body["lock_record"] = true;
  body["notify_joining"] = false;
  auto created = co_await pluginRequest(0, std::move(body), {}, false);
  if (!created && !isJanusError(created.error(), kRoomExists)) co_return created.error();
  co_return core::Unit{};
}

core::Task<core::Unit> JanusClient::closeRoom(const std::string &room) {
  json::object body;
  body["request"] = "destroy";
  body["room"] = room;
  body["secret"] = room_secret_;
  body["permanent"] = false;
  auto destroyed = co_await pluginRequest(0, std::move(body), {}, false);
  if (!destroyed && !isJanusError(destroyed.error(), kNoSuchRoom)) co_return destroyed.error();
  co_return core::Unit{};
}

core::Task<std::string> JanusClient::publish(core::MediaHandle handle, const std::string &room,
                                             const std::string &participant,
                                             std::string offer_sdp) {
  json::object body;
  body["request"] = "joinandconfigure";
  body["ptype"] = "publisher";
  body["room"] = room;
  body["id"] = participant;
  json::object jsep;
  jsep["type"] = "offer";
  jsep["sdp"] = std::move(offer_sdp);
  jsep["trickle"] = true;
  auto joined = co_await pluginRequest(handle, std::move(body), std::move(jsep), true);
  if (!joined) co_return joined.error();
  co_return sdpOf(*joined);
}

core::Task<std::string> JanusClient::receive(core::MediaHandle handle, const std::string &room,
                                             const std::string &feed) {
  json::object stream;
  stream["feed"] = feed;
  json::array streams;
  streams.emplace_back(std::move(stream));
  json::object body;
  body["request"] = "join";
  body["ptype"] = "subscriber";
  body["room"] = room;
  body["streams"] = std::move(streams);
  auto attached = co_await pluginRequest(handle, std::move(body), {}, true);
  if (!attached) co_return attached.error();
  // The picture's mid in this subscription, for switching its layer later.
  const auto *data = attached->if_contains("data");
  const auto *subscribed =
      data && data->is_object() ? data->as_object().if_contains("streams") : nullptr;
  if (subscribed && subscribed->is_array())
    for (const auto &s : subscribed->as_array()) {
      const auto *o = s.if_object();
      const auto *type = o ? o->if_contains("type") : nullptr;
      const auto *mid = o ? o->if_contains("mid") : nullptr;
      if (type && type->is_string() && type->as_string() == "video" && mid && mid->is_string()) {
        std::lock_guard lock(mutex_);
        if (handles_.contains(handle)) video_mids_[handle] = std::string(mid->as_string());
        break;
      }
    }
  co_return sdpOf(*attached);
}

core::Task<core::Unit> JanusClient::startReceiving(core::MediaHandle handle,
                                                   std::string answer_sdp) {
  json::object body;
  body["request"] = "start";
  json::object jsep;
  jsep["type"] = "answer";
  jsep["sdp"] = std::move(answer_sdp);
  auto started = co_await pluginRequest(handle, std::move(body), std::move(jsep), true);
  if (!started) co_return started.error();
  co_return core::Unit{};
}

core::Task<core::Unit> JanusClient::setLayer(core::MediaHandle handle, core::MediaLayer layer) {
  std::string mid;
  {
    std::lock_guard lock(mutex_);
    if (!handles_.contains(handle)) co_return ErrorCode::not_found;
    auto it = video_mids_.find(handle);
    if (it == video_mids_.end()) co_return core::Unit{}; // no picture: nothing to switch
    mid = it->second;
  }
  json::object stream;
  stream["mid"] = mid;
  stream["send"] = layer != core::MediaLayer::none;
  // Janus numbers a feed's simulcast substreams from the lowest (the pages send h, m, l).
  if (layer == core::MediaLayer::low) stream["substream"] = 0;
  if (layer == core::MediaLayer::medium) stream["substream"] = 1;
  if (layer == core::MediaLayer::high) stream["substream"] = 2;
  json::array streams;
  streams.emplace_back(std::move(stream));
  json::object body;
  body["request"] = "configure";
  body["streams"] = std::move(streams);
  auto configured = co_await pluginRequest(handle, std::move(body), {}, true);
  if (!configured) co_return configured.error();
  co_return core::Unit{};
}

core::Task<core::Unit> JanusClient::removeParticipant(const std::string &room,
                                                      const std::string &participant) {
  json::object body;
  body["request"] = "kick";
  body["room"] = room;
  body["secret"] = room_secret_;
  body["id"] = participant;
  auto kicked = co_await pluginRequest(0, std::move(body), {}, false);
  if (!kicked && !isJanusError(kicked.error(), kNoSuchFeed)) co_return kicked.error();
  co_return core::Unit{};
}

core::Task<core::Unit> JanusClient::muteStream(const std::string &room,
                                               const std::string &participant,
                                               const std::string &mid, bool muted) {
  json::object body;
  body["request"] = "moderate";
  body["room"] = room;
  body["secret"] = room_secret_;
  body["id"] = participant;
  body["mid"] = mid;
  body["mute"] = muted;
  auto done = co_await pluginRequest(0, std::move(body), {}, false);
  if (!done && !isJanusError(done.error(), kNoSuchFeed)) co_return done.error();
  co_return core::Unit{};
}

} // namespace kelisim::transport::media
