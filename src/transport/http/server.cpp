#include "transport/http/server.hpp"

#include "transport/http/connection_slots.hpp"
#include "transport/log.hpp"
#include "transport/problem.hpp"
#include "transport/ws/protocol.hpp"

#include <boost/asio.hpp>
#include <boost/asio/bind_allocator.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <openssl/ssl.h>

#include <array>
#include <atomic>
#include <list>
#include <mutex>
#include <vector>

namespace kelisim::transport {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::ip::tcp;
using namespace std::chrono_literals;

namespace {
constexpr std::size_t kHeaderLimit = 16 * 1024;
constexpr std::size_t kWsQueueLimit = 256;            // messages waiting for a slow client
constexpr auto kWriteTimeout = 30s;                   // a client that does not read its answer
constexpr std::size_t kFirstRead = 4096;              // a request's first bytes, read while idle
constexpr std::size_t kBodyBytesPerSecond = 8 * 1024; // the slowest body rate allowed (2G)
// A connection past a cap is answered 503 within this time (TLS handshake, its request's
// header, the answer), and at most this many such answers are under way at once; past that
// a refused connection is closed without one.
constexpr auto kRefuseTimeout = 5s;
constexpr int kMaxRefusing = 256;
// TLS 1.2 suites: ECDHE (forward secrecy) with AEAD only; TLS 1.3's are AEAD by design.
constexpr const char *kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";
constexpr const char *kTls13Suites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256";
// A quiet WebSocket client is pinged after 30 s and dropped after 60 s without a frame, so a
// phone that lost its network does not hold a place for ever; checked once a second.
constexpr auto kWsPingAfter = 30s;
constexpr auto kWsDropAfter = 60s;
constexpr auto kWsSweepEvery = 1s;

std::atomic<std::uint64_t> g_request_counter{0};

// POST /api/v1/rooms/{id}/attachments carries a file, not JSON.
bool isUploadTarget(std::string_view target) {
  const auto query = target.find('?');
  return target.substr(0, query).ends_with("/attachments") && target.starts_with("/api/v1/rooms/");
}

std::string requestId() {
  return fmt::format("{:x}-{:x}",
                     std::chrono::steady_clock::now().time_since_epoch().count() & 0xffffffff,
                     ++g_request_counter);
}

// `ip` is the TCP peer; a trusted proxy's forwarding headers then name the client.
HttpRequest toHttpRequest(http::request<http::string_body> &req, const std::string &ip, bool tls,
                          const TrustedProxies &proxies) {
  HttpRequest r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  if (auto split = splitTarget(r.target)) {
    r.path = std::move(split->first);
    r.query = std::move(split->second);
  }
  for (const auto &field : req) {
    std::string name(field.name_string());
    for (auto &c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += (name == "cookie" ? "; " : ", ") + std::string(field.value());
  }
  r.body = std::move(req.body());
  r.remote_ip = ip;
  r.tls = tls;
  r.request_id = requestId();
  proxies.apply(r);
  return r;
}

http::response<http::string_body> toBeast(HttpResponse &&res, unsigned version, bool keep_alive,
                                          bool head) {
  http::response<http::string_body> out{static_cast<http::status>(res.status), version};
  out.set(http::field::server, "kelisim");
  if (!res.content_type.empty()) out.set(http::field::content_type, res.content_type);
  for (auto &[name, value] : res.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  const auto size = res.body.size();
  if (!head) out.body() = std::move(res.body);
  out.content_length(size);
  if (head) out.body().clear();
  return out;
}

// Every connection runs on its own strand, and its socket and streams name the strand's type
// instead of a type-erased any_io_executor (56 bytes, copied into every pending operation):
// an idle WebSocket's pending read is ~100 bytes smaller for it.
using Strand = asio::strand<asio::io_context::executor_type>;
using Socket = asio::basic_stream_socket<tcp, Strand>;
using PlainStream = beast::basic_stream<tcp, Strand>; // HTTP over TCP, with timeouts

Socket &rawSocket(Socket &s) {
  return s;
}
Socket &rawSocket(PlainStream &s) {
  return s.socket();
}
// The memory of an operation that stays pending while a connection idles (a WebSocket's
// read) comes from malloc at its own size: asio's per-thread cache would hand it whatever
// larger block an HTTP write just freed.
template <typename T> struct ExactAllocator {
  using value_type = T;
  ExactAllocator() = default;
  template <typename U> ExactAllocator(const ExactAllocator<U> &) noexcept {}
  T *allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T *p, std::size_t n) { std::allocator<T>().deallocate(p, n); }
  template <typename U> bool operator==(const ExactAllocator<U> &) const noexcept { return true; }
};

template <typename Stream> Socket &lowestSocket(Stream &s) {
  return rawSocket(beast::get_lowest_layer(s));
}
} // namespace

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
  Impl(asio::io_context &io_in, Api &api_in, Hub &hub_in, Metrics &metrics_in,
       const i18n::Translator &texts_in, const core::Clock &clock_in, ServerSettings s)
      : io(io_in), api(api_in), hub(hub_in), metrics(metrics_in), texts(texts_in), clock(clock_in),
        settings(std::move(s)), acceptor(io_in), tls_context(asio::ssl::context::tls_server),
        sweep_strand(asio::make_strand(io_in)), sweep_timer(sweep_strand) {}

  asio::io_context &io;
  Api &api;
  Hub &hub;
  Metrics &metrics;
  const i18n::Translator &texts;
  const core::Clock &clock;
  ServerSettings settings;
  tcp::acceptor acceptor;
  asio::ssl::context tls_context;
  bool tls = false;
  std::atomic<bool> stopping{false};
  std::atomic<int> connections{0}; // HTTP connections and WebSockets (max_connections)
  std::atomic<int> refusing{0};    // 503 answers to connections past a cap, under way
  // Refusals are logged at most once a second, with how many there were (acceptLoop only).
  std::chrono::steady_clock::time_point refusals_logged;
  int refusals_unlogged = 0;
  ConnectionSlots per_address; // connections per client address (max_connections_per_address)
  ConnectionSlots per_session; // WebSockets per session key (ws_per_session)
  // The WebSocket keep-alive sweep (keepAliveLoop) and its timer, on their own strand.
  asio::strand<asio::io_context::executor_type> sweep_strand;
  asio::steady_timer sweep_timer;

  // Idle keep-alive connections are told to stop through these cancel hooks.
  std::mutex idle_mutex;
  std::list<std::function<void()>> idle_cancels;

  asio::awaitable<void> acceptLoop();
  asio::awaitable<void> keepAliveLoop();
  template <typename Stream>
  asio::awaitable<void> session(Stream stream, std::string ip, std::string address);
  template <typename Stream> asio::awaitable<void> refuse(Stream stream, std::string ip);
  template <typename Stream>
  asio::awaitable<void> webSocket(Stream &stream, http::request<http::string_body> req,
                                  std::string ip, std::string &address);
};

// ---- WebSocket session: owns its socket, its bounded outgoing queue and its read state ---
// What a waiting citizen costs is this object, Beast's stream (its 1.5 KiB read buffer
// included) and one pending read: no coroutine frame, no HTTP buffer, no copy of the upgrade
// request, no timer of its own (the server's keep-alive sweep pings a client quiet for 30 s
// and drops one silent for 60 s, see keepAlive). Reads and writes are callbacks on the
// connection's strand; a message for a feature handler runs on a short coroutine, and
// reading resumes when it is done (one message at a time, as before). Plain connections
// drop Beast's tcp_stream (Beast times the WebSocket handshakes, the sweep the rest) and
// permessage-deflate support (never negotiated).
template <typename Next>
class WsSession final : public WsConnection, public std::enable_shared_from_this<WsSession<Next>> {
public:
  using Stream = websocket::stream<Next, /*deflateSupported=*/false>;

  // `address`: the per-address slot the connection holds (given back at its end; empty:
  // none); the session's WebSocket slot is taken already.
  WsSession(std::shared_ptr<HttpServer::Impl> server, Stream ws, Api::WsIdentity who,
            core::Language language, std::string address)
      : server_(std::move(server)), ws_(std::move(ws)), user_(std::move(who.user)),
        session_key_(std::move(who.session_key)), address_(std::move(address)),
        expires_at_(who.expires_at),
        protocol_(language, server_->texts, server_->settings.ws_handler) {
    ++server_->connections;
    // The session keeps the user for the feature handler (a specialist's kinds, a
    // coordinator's organisation); the password hash is never needed here.
    user_.password_hash = std::string();
    ws_.text(true);
    // Pings, pongs and close frames are read inside Beast's read: they count as hearing
    // from the client too. (One captured pointer: std::function keeps it inline.)
    ws_.control_callback([this](websocket::frame_type, beast::string_view) { heard(); });
  }
  // end() has run on the read path by now; the destructor must not call the hub (see
  // Hub::forEach).
  ~WsSession() override {
    server_->per_session.give(session_key_);
    if (!address_.empty()) server_->per_address.give(address_);
    --server_->connections;
  }

  const std::string &userId() const override { return user_.id; }
  const std::string &sessionKey() const override { return session_key_; }

  void send(std::string text) override {
    sendShared(std::make_shared<const std::string>(std::move(text)));
  }

  void sendShared(std::shared_ptr<const std::string> text) override {
    asio::post(ws_.get_executor(),
               [self = this->shared_from_this(), text = std::move(text)]() mutable {
                 self->enqueue(std::move(text));
               });
  }

  void close() override {
    asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
      if (self->closed_ || self->closing_) return;
      self->closing_ = true;
      self->ws_.async_close(websocket::close_code::going_away,
                            [self](beast::error_code) { self->closed_ = true; });
    });
  }

  void keepAlive(std::chrono::steady_clock::time_point now) override {
    // The session it was opened with has run out: so has the connection (the page opens a
    // new one with its renewed session, or signs in again).
    if (server_->clock.now() >= expires_at_) {
      close();
      return;
    }
    const auto quiet = now - std::chrono::steady_clock::time_point(
                                 std::chrono::steady_clock::duration(heard_.load()));
    if (quiet >= kWsDropAfter) {
      asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
        if (!self->closed_) self->dropSocket();
      });
    } else if (quiet >= kWsPingAfter && !ping_sent_.exchange(true)) {
      asio::post(ws_.get_executor(), [self = this->shared_from_this()] {
        if (self->closed_ || self->closing_) return;
        self->ws_.async_ping({}, [self](beast::error_code) {});
      });
    }
  }

  // On the strand, once the handshake is done.
  void start() {
    heard();
    server_->hub.join(this->shared_from_this());
    server_->metrics.webSocketOpened();
    send(helloEvent(user_, server_->clock.now()));
    readSome();
  }

private:
  // A message's first bytes land in first_ (most client messages fit: a ping, typing, a read
  // marker); a longer one continues in message_, which is freed again once handled. So an
  // idle connection holds no read buffer of its own (Beast's stream has one inside).
  static constexpr std::size_t kFirstRead = 64;

  void readSome() {
    auto self = this->shared_from_this();
    if (message_.empty()) {
      ws_.async_read_some(
          asio::buffer(first_),
          asio::bind_allocator(ExactAllocator<void>(), [self](beast::error_code ec, std::size_t n) {
            self->onRead(ec, n, false);
          }));
      return;
    }
    const auto had = message_.size();
    message_.resize(had + std::max(had, kFirstRead));
    ws_.async_read_some(asio::buffer(message_.data() + had, message_.size() - had),
                        asio::bind_allocator(ExactAllocator<void>(),
                                             [self, had](beast::error_code ec, std::size_t n) {
                                               self->message_.resize(had + n);
                                               self->onRead(ec, n, true);
                                             }));
  }

  void heard() {
    heard_.store(std::chrono::steady_clock::now().time_since_epoch().count());
    ping_sent_.store(false);
  }

  void onRead(beast::error_code ec, std::size_t n, bool into_message) {
    // An oversized message (Beast closes the stream), the client's close, or a dropped
    // silent or slow client: the connection is over.
    if (ec) return end();
    heard();
    if (!ws_.is_message_done()) {
      if (!into_message) message_.assign(first_.data(), n);
      return readSome();
    }
    const std::string_view text =
        into_message ? std::string_view(message_) : std::string_view(first_.data(), n);
    if (!ws_.got_text()) {
      send(errorEvent("invalid_message", protocol_.language(), server_->texts));
    } else {
      for (auto &reply : protocol_.onMessage(text, server_->clock.now())) send(std::move(reply));
      if (auto forwarded = protocol_.takeForwarded(); forwarded && server_->settings.ws_handler) {
        message_ = std::string();
        auto self = this->shared_from_this();
        asio::co_spawn(ws_.get_executor(), forward(self, std::move(*forwarded)),
                       asio::bind_executor(ws_.get_executor(), [self](std::exception_ptr e) {
                         if (e) return self->fail(e);
                         self->readSome();
                       }));
        return;
      }
    }
    message_ = std::string();
    readSome();
  }

  static asio::awaitable<void> forward(std::shared_ptr<WsSession> self,
                                       boost::json::object message) {
    const WsConnection *origin = self.get();
    auto replies = co_await self->server_->settings.ws_handler->handle(
        message, self->user_, self->protocol_.language(), origin);
    for (auto &reply : replies) self->send(std::move(reply));
  }

  void fail(std::exception_ptr e) {
    try {
      std::rethrow_exception(e);
    } catch (const std::exception &x) {
      logEvent(spdlog::level::err, "connection_failed", {{"error", x.what()}});
    }
    dropSocket();
    end();
  }

  void enqueue(std::shared_ptr<const std::string> text) {
    if (closed_) return;
    if (queue_.size() - head_ >= kWsQueueLimit) {
      // A client too slow to keep up is dropped; the server and the others carry on.
      logEvent(spdlog::level::warn, "ws_slow_client_dropped", {{"user_id", user_.id}});
      dropSocket();
      return;
    }
    queue_.push_back(std::move(text));
    if (queue_.size() - head_ == 1 && !closing_) writeNext();
  }

  void writeNext() {
    ws_.async_write(asio::buffer(*queue_[head_]),
                    [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                      self->onWritten(ec);
                    });
  }

  void onWritten(beast::error_code ec) {
    if (ec) {
      closed_ = true;
      queue_ = {};
      head_ = 0;
      return;
    }
    queue_[head_++].reset();
    if (head_ == queue_.size()) {
      queue_ = {}; // drained: an idle connection keeps no queue storage
      head_ = 0;
      return;
    }
    if (head_ >= 64 && head_ * 2 >= queue_.size()) {
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
    if (!closing_) writeNext();
  }

  void dropSocket() {
    closed_ = true;
    beast::error_code ignored;
    lowestSocket(ws_).close(ignored);
  }

  // Leaves the hub once, whichever way the connection ended.
  void end() {
    if (ended_) return;
    ended_ = true;
    closed_ = true;
    server_->hub.leave(this);
    server_->metrics.webSocketClosed();
    if (server_->settings.ws_handler)
      server_->settings.ws_handler->connectionEnded(static_cast<const WsConnection *>(this));
  }

  std::shared_ptr<HttpServer::Impl> server_;
  Stream ws_;
  core::User user_;
  std::string session_key_;
  std::string address_;
  core::Time expires_at_;
  WsProtocol protocol_;
  std::vector<std::shared_ptr<const std::string>> queue_; // [head_, end) waits to be sent
  std::size_t head_ = 0;
  std::string message_;
  std::array<char, kFirstRead> first_;
  std::atomic<std::chrono::steady_clock::rep> heard_{0}; // last frame from the client
  std::atomic<bool> ping_sent_{false};                   // since then
  bool closed_ = false;
  bool closing_ = false;
  bool ended_ = false;
};

// What a WebSocket runs on: the bare socket for plain connections (the HTTP session's
// tcp_stream, with its timers, is released), the TLS stream as it is.
template <typename Stream>
using WsNextLayer = std::conditional_t<std::is_same_v<Stream, PlainStream>, Socket, Stream>;

template <typename Stream> WsNextLayer<Stream> releaseForWebSocket(Stream &stream) {
  if constexpr (std::is_same_v<Stream, PlainStream>) {
    return stream.release_socket();
  } else {
    beast::get_lowest_layer(stream).expires_never();
    return std::move(stream);
  }
}

// Authenticates the upgrade, shakes hands and starts the session; returns once it runs (the
// HTTP session's coroutine, buffer and request are freed then).
// `address` is the per-address slot of the HTTP connection: the WebSocket takes it over
// (and empties it) once it runs.
template <typename Stream>
asio::awaitable<void> HttpServer::Impl::webSocket(Stream &stream,
                                                  http::request<http::string_body> req,
                                                  std::string ip, std::string &address) {
  std::optional<Api::WsIdentity> who;
  core::Language language = core::Language::ru;
  std::string held_address; // the per-address slot the WebSocket will hold
  {
    HttpRequest probe = toHttpRequest(req, ip, tls, settings.trusted_proxies);
    // Cross-site WebSocket hijacking: a page of another origin may not use our cookie.
    const bool same_origin = api.originAllowed(probe);
    if (same_origin) who = co_await api.authenticate(probe);
    std::optional<core::ErrorCode> refusal;
    const char *cap = "";
    if (!same_origin) {
      refusal = core::ErrorCode::forbidden;
    } else if (!who) {
      refusal = core::ErrorCode::unauthenticated;
    } else if (!per_session.tryTake(who->session_key, settings.ws_per_session)) {
      refusal = core::ErrorCode::busy;
      cap = "ws_per_session";
    } else if (settings.trusted_proxies.trusts(ip)) {
      // Through a proxy the client's own address counts, as if it had connected itself.
      if (const auto key = addressKey(probe.remote_ip);
          per_address.tryTake(key, settings.max_connections_per_address)) {
        held_address = key;
      } else {
        per_session.give(who->session_key);
        refusal = core::ErrorCode::busy;
        cap = "max_connections_per_address";
      }
    } else {
      held_address = std::move(address);
      address.clear();
    }
    if (refusal) {
      if (*refusal == core::ErrorCode::busy)
        logEvent(spdlog::level::info, "ws_refused", {{"cap", cap}});
      auto res = api.problem(*refusal, probe);
      auto out = toBeast(std::move(res), req.version(), false, false);
      co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
      co_return;
    }
    language = probe.header("accept-language").empty()
                   ? who->user.language
                   : core::negotiateLanguage(probe.header("accept-language"), who->user.language);
  }

  using Next = WsNextLayer<Stream>;
  typename WsSession<Next>::Stream ws(releaseForWebSocket(stream));
  // Beast times the opening and closing handshakes (30 s); idle clients are the keep-alive
  // sweep's (keepAliveLoop), so the stream holds no pending timer while a citizen waits.
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::server);
  timeouts.idle_timeout = websocket::stream_base::none();
  timeouts.keep_alive_pings = false;
  ws.set_option(timeouts);
  ws.read_message_max(kWsMaxMessageBytes);
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type &r) { r.set(http::field::server, "kelisim"); }));
  auto [ec] = co_await ws.async_accept(req, asio::as_tuple(asio::use_awaitable));
  if (ec) {
    per_session.give(who->session_key);
    if (!held_address.empty()) per_address.give(held_address);
    co_return;
  }
  std::make_shared<WsSession<Next>>(shared_from_this(), std::move(ws), std::move(*who), language,
                                    std::move(held_address))
      ->start();
}

// ---- HTTP session --------------------------------------------------------------------
// After refusing a request whose body was not read: stop sending, then read and drop what the
// client still sends for a moment (at most 3 s and `limit` bytes, nothing kept) before
// closing. Closing at once with unread bytes would reset the connection, and a client still
// writing its body (a browser does not wait for 100-continue) could lose the answer.
template <typename Stream> asio::awaitable<void> lingeringClose(Stream &stream, std::size_t limit) {
  beast::error_code ignored;
  lowestSocket(stream).shutdown(Socket::shutdown_send, ignored);
  beast::get_lowest_layer(stream).expires_after(3s);
  std::array<char, 16 * 1024> sink;
  std::size_t dropped = 0;
  while (dropped < limit) {
    auto [ec, n] = co_await beast::get_lowest_layer(stream).async_read_some(
        asio::buffer(sink), asio::as_tuple(asio::use_awaitable));
    if (ec) break;
    dropped += n;
  }
}

// `address`: the per-address slot this connection holds (empty: none, e.g. a trusted proxy's);
// acceptLoop took it and counted the connection.
template <typename Stream>
asio::awaitable<void> HttpServer::Impl::session(Stream stream, std::string ip,
                                                std::string address) {
  struct Done {
    Impl &impl;
    std::string &address;
    ~Done() {
      if (!address.empty()) impl.per_address.give(address);
      --impl.connections;
    }
  } done{*this, address};

  if constexpr (!std::is_same_v<Stream, PlainStream>) {
    beast::get_lowest_layer(stream).expires_after(settings.header_timeout);
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server,
                                                asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
  }

  // While waiting for its next request the connection is idle: stop() may end it. One hook
  // for the connection's life (not one a request): it runs under idle_mutex, so the stream
  // is alive while it posts; the posted cancel runs on this connection's strand and looks at
  // `waiting` there, which is false from the moment a request is read until the next wait
  // and once the session is over.
  auto waiting = std::make_shared<bool>(false);
  std::list<std::function<void()>>::iterator hook;
  {
    std::lock_guard lock(idle_mutex);
    hook = idle_cancels.insert(idle_cancels.end(), [&stream, waiting] {
      asio::post(stream.get_executor(), [&stream, waiting] {
        if (*waiting) beast::get_lowest_layer(stream).cancel();
      });
    });
  }
  struct Unhook {
    Impl &impl;
    std::list<std::function<void()>>::iterator hook;
    std::shared_ptr<bool> waiting;
    ~Unhook() {
      *waiting = false;
      std::lock_guard lock(impl.idle_mutex);
      impl.idle_cancels.erase(hook);
    }
  } unhook{*this, hook, waiting};

  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.header_limit(kHeaderLimit);
    // Beast checks a Content-Length against the limit while it reads the header: allow an
    // upload's size there, and hold everything else to the JSON limit once the target is known.
    parser.body_limit(std::max(settings.json_body_limit, settings.upload_body_limit));

    *waiting = true;
    if (stopping) break; // stop() ran its hooks before this connection was waiting
    // Idle until the request's first byte (a request already buffered skips this); from then
    // the header has its own short deadline, so a client trickling it byte by byte (slowloris)
    // is dropped, and so is one that never starts.
    beast::error_code ec;
    std::size_t bytes = 0;
    if (buffer.size() == 0) {
      beast::get_lowest_layer(stream).expires_after(settings.idle_timeout);
      std::tie(ec, bytes) = co_await stream.async_read_some(buffer.prepare(kFirstRead),
                                                            asio::as_tuple(asio::use_awaitable));
      buffer.commit(bytes);
    }
    // The header first: an attachment upload may be larger than a JSON body.
    if (!ec) {
      beast::get_lowest_layer(stream).expires_after(settings.header_timeout);
      std::tie(ec, bytes) = co_await http::async_read_header(stream, buffer, parser,
                                                             asio::as_tuple(asio::use_awaitable));
    }
    const bool upload =
        !ec && parser.get().method() == http::verb::post && isUploadTarget(parser.get().target());
    if (!ec && !isUploadTarget(parser.get().target())) {
      parser.body_limit(settings.json_body_limit);
      if (parser.content_length() && *parser.content_length() > settings.json_body_limit)
        ec = http::error::body_limit;
    }
    // An upload is checked on its header alone (who sends it, to which room, how large,
    // within which quota), so a refused file is never read.
    std::optional<HttpRequest> admitted;
    if (upload &&
        !(parser.content_length() && *parser.content_length() > settings.upload_body_limit)) {
      *waiting = false;
      admitted = toHttpRequest(parser.get(), ip, tls, settings.trusted_proxies);
      if (auto refused = co_await api.admitUpload(*admitted)) {
        auto out = toBeast(std::move(*refused), parser.get().version(), false, false);
        beast::get_lowest_layer(stream).expires_after(5s);
        co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
        co_await lingeringClose(stream, settings.upload_body_limit);
        co_return;
      }
      if (parser.get()[http::field::expect] == "100-continue") {
        http::response<http::empty_body> go_on{http::status::continue_, 11};
        beast::get_lowest_layer(stream).expires_after(settings.header_timeout);
        auto [cec, cn] =
            co_await http::async_write(stream, go_on, asio::as_tuple(asio::use_awaitable));
        if (cec) break;
      }
      *waiting = true;
      if (stopping) break;
    }
    if (!ec) {
      // The body at no less than 8 KiB a second after the first `body_timeout`.
      const auto declared = parser.content_length().value_or(0);
      beast::get_lowest_layer(stream).expires_after(
          settings.body_timeout + std::chrono::seconds(declared / kBodyBytesPerSecond));
      std::tie(ec, bytes) =
          co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    }
    *waiting = false;
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::eof)
      break;
    if (ec) {
      // Malformed or oversized: answer once, in the sender's language, then close (the
      // stream may be out of step with the request boundaries).
      HttpRequest partial;
      partial.remote_ip = ip;
      partial.tls = tls;
      partial.request_id = requestId();
      // Whatever headers were read (all of them when only the body was too large).
      if (auto l = parser.get()[http::field::accept_language]; !l.empty())
        partial.headers["accept-language"] = std::string(l);
      core::ErrorCode code = core::ErrorCode::bad_request;
      std::map<std::string, std::string> params;
      if (ec == http::error::body_limit) {
        code = core::ErrorCode::payload_too_large;
        params["limit"] =
            std::to_string(isUploadTarget(parser.get().target()) ? settings.upload_body_limit
                                                                 : settings.json_body_limit);
      } else if (ec == http::error::header_limit) {
        code = core::ErrorCode::headers_too_large;
        params["limit"] = std::to_string(kHeaderLimit);
      }
      logEvent(spdlog::level::info, "http_read_failed",
               {{"request_id", partial.request_id}, {"reason", ec.message()}});
      auto res = api.problem(code, partial, params);
      res.set("X-Request-Id", partial.request_id);
      res.set("Cache-Control", "no-store");
      metrics.request("?", "none", res.status, 0);
      auto out = toBeast(std::move(res), 11, false, false);
      beast::get_lowest_layer(stream).expires_after(5s);
      co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
      break;
    }
    auto req = parser.release();
    if (websocket::is_upgrade(req)) {
      if (splitTarget(std::string(req.target()))
              .value_or(std::pair<std::string, std::map<std::string, std::string>>{})
              .first == "/ws") {
        co_await webSocket(stream, std::move(req), ip, address);
        co_return;
      }
    }
    const bool keep_alive = req.keep_alive() && !stopping;
    const bool head = req.method() == http::verb::head;
    const unsigned version = req.version();
    HttpRequest request = toHttpRequest(req, ip, tls, settings.trusted_proxies);
    if (admitted) {
      request.admitted = admitted->admitted;
      request.request_id = admitted->request_id;
    }
    HttpResponse res;
    if (request.path.empty()) {
      res = api.problem(core::ErrorCode::not_found, request);
    } else {
      res = co_await api.handle(request);
    }
    auto out = toBeast(std::move(res), version, keep_alive, head);
    beast::get_lowest_layer(stream).expires_after(kWriteTimeout);
    auto [wec, wn] = co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
    if (wec || !keep_alive || stopping) break;
  }
  beast::error_code ignored;
  lowestSocket(stream).shutdown(Socket::shutdown_send, ignored);
}

// A connection past a cap: its request's header is read (for the language) and answered 503
// busy with Retry-After, then the connection is closed; all within kRefuseTimeout.
template <typename Stream>
asio::awaitable<void> HttpServer::Impl::refuse(Stream stream, std::string ip) {
  struct Done {
    std::atomic<int> &c;
    ~Done() { --c; }
  } done{refusing};
  beast::get_lowest_layer(stream).expires_after(kRefuseTimeout);
  if constexpr (!std::is_same_v<Stream, PlainStream>) {
    auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server,
                                                asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
  }
  beast::flat_buffer buffer;
  http::request_parser<http::empty_body> parser;
  parser.header_limit(kHeaderLimit);
  auto [ec, n] =
      co_await http::async_read_header(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
  if (ec) co_return;
  HttpRequest partial;
  partial.remote_ip = ip;
  partial.tls = tls;
  partial.request_id = requestId();
  if (auto l = parser.get()[http::field::accept_language]; !l.empty())
    partial.headers["accept-language"] = std::string(l);
  auto res = api.problem(core::ErrorCode::busy, partial);
  res.set("X-Request-Id", partial.request_id);
  res.set("Cache-Control", "no-store");
  metrics.request("?", "none", res.status, 0);
  auto out = toBeast(std::move(res), parser.get().version(), false, false);
  auto [wec, wn] = co_await http::async_write(stream, out, asio::as_tuple(asio::use_awaitable));
  beast::error_code ignored;
  lowestSocket(stream).shutdown(Socket::shutdown_send, ignored);
  if (wec) co_return;
  // Whatever the client still sends (a body) is read and dropped until it closes, so that
  // closing with unread bytes does not reset the connection before it reads the answer.
  if constexpr (std::is_same_v<Stream, PlainStream>) {
    std::array<char, 1024> sink;
    for (;;) {
      auto [rec, rn] =
          co_await stream.async_read_some(asio::buffer(sink), asio::as_tuple(asio::use_awaitable));
      if (rec) break;
    }
  }
}

asio::awaitable<void> HttpServer::Impl::acceptLoop() {
  auto self = shared_from_this();
  for (;;) {
    auto [ec, socket] =
        co_await acceptor.async_accept(asio::make_strand(io), asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (stopping || ec == asio::error::operation_aborted) co_return;
      if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space) {
        // Out of file descriptors: pause instead of spinning.
        asio::steady_timer t(io, 50ms);
        co_await t.async_wait(asio::as_tuple(asio::use_awaitable));
      }
      continue;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto endpoint = socket.remote_endpoint(ignored);
    std::string ip = ignored ? "" : endpoint.address().to_string();
    auto executor = socket.get_executor();
    // The caps. A trusted proxy's connections count in the total only: its clients' own
    // addresses are counted when they open WebSockets through it.
    std::string address;
    bool admitted = connections.load() < settings.max_connections;
    if (admitted && !ip.empty() && !settings.trusted_proxies.trusts(ip)) {
      auto key = addressKey(ip);
      admitted = per_address.tryTake(key, settings.max_connections_per_address);
      if (admitted) address = std::move(key);
    }
    if (!admitted) {
      ++refusals_unlogged;
      if (const auto now = std::chrono::steady_clock::now(); now - refusals_logged >= 1s) {
        logEvent(spdlog::level::warn, "connections_refused",
                 {{"count", refusals_unlogged},
                  {"cap", connections.load() >= settings.max_connections
                              ? "max_connections"
                              : "max_connections_per_address"}});
        refusals_logged = now;
        refusals_unlogged = 0;
      }
      if (refusing.load() >= kMaxRefusing) continue; // the socket closes here
      ++refusing;
      auto on_done = [self](std::exception_ptr) {};
      if (tls) {
        beast::ssl_stream<PlainStream> stream(PlainStream(std::move(socket)), tls_context);
        asio::co_spawn(executor, refuse(std::move(stream), ip), on_done);
      } else {
        PlainStream stream(std::move(socket));
        asio::co_spawn(executor, refuse(std::move(stream), ip), on_done);
      }
      continue;
    }
    ++connections;
    if (tls) {
      asio::co_spawn(
          executor,
          session(beast::ssl_stream<PlainStream>(PlainStream(std::move(socket)), tls_context), ip,
                  address),
          [self](std::exception_ptr e) {
            if (e) try {
                std::rethrow_exception(e);
              } catch (const std::exception &x) {
                logEvent(spdlog::level::err, "connection_failed", {{"error", x.what()}});
              }
          });
    } else {
      asio::co_spawn(executor, session(PlainStream(std::move(socket)), ip, address),
                     [self](std::exception_ptr e) {
                       if (e) try {
                           std::rethrow_exception(e);
                         } catch (const std::exception &x) {
                           logEvent(spdlog::level::err, "connection_failed", {{"error", x.what()}});
                         }
                     });
    }
  }
}

// Once a second every WebSocket connection checks when it last heard from its client (a few
// nanoseconds each when nothing is due). Ends with stop().
asio::awaitable<void> HttpServer::Impl::keepAliveLoop() {
  auto self = shared_from_this();
  while (!stopping) {
    sweep_timer.expires_after(kWsSweepEvery);
    co_await sweep_timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (stopping) break;
    const auto now = std::chrono::steady_clock::now();
    hub.forEach([now](WsConnection &c) { c.keepAlive(now); });
  }
}

HttpServer::HttpServer(asio::io_context &io, Api &api, Hub &hub, Metrics &metrics,
                       const i18n::Translator &texts, const core::Clock &clock,
                       ServerSettings settings)
    : impl_(std::make_shared<Impl>(io, api, hub, metrics, texts, clock, std::move(settings))) {}

HttpServer::~HttpServer() = default;

core::Result<unsigned short> HttpServer::listen(const std::string &host, unsigned short port) {
  beast::error_code ec;
  auto address = asio::ip::make_address(host, ec);
  if (ec)
    return core::Error::make(core::ErrorCode::validation_failed, "bad listen address " + host);
  if (!impl_->settings.tls_cert.empty() || !impl_->settings.tls_key.empty()) {
    // TLS 1.2 and 1.3 only; ECDHE with AES-GCM or ChaCha20-Poly1305 only, in the server's
    // order; no compression (CRIME), no renegotiation.
    impl_->tls_context.set_options(asio::ssl::context::default_workarounds |
                                   asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                                   asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                                   asio::ssl::context::no_compression);
    SSL_CTX *native = impl_->tls_context.native_handle();
    SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION |
                                    SSL_OP_NO_COMPRESSION);
    if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1 ||
        SSL_CTX_set_ciphersuites(native, kTls13Suites) != 1 ||
        SSL_CTX_set1_groups_list(native, "X25519:P-256:P-384") != 1)
      return core::Error::make(core::ErrorCode::validation_failed, "TLS: cipher settings refused");
    impl_->tls_context.use_certificate_chain_file(impl_->settings.tls_cert, ec);
    if (!ec)
      impl_->tls_context.use_private_key_file(impl_->settings.tls_key, asio::ssl::context::pem, ec);
    if (ec) return core::Error::make(core::ErrorCode::validation_failed, "TLS: " + ec.message());
    impl_->tls = true;
  }
  tcp::endpoint endpoint(address, port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return core::Error::make(core::ErrorCode::unavailable, "listen " + host + ": " + ec.message());
  const auto bound = impl_->acceptor.local_endpoint().port();
  asio::co_spawn(impl_->io, impl_->acceptLoop(), asio::detached);
  asio::co_spawn(impl_->sweep_strand, impl_->keepAliveLoop(), asio::detached);
  return bound;
}

void HttpServer::stop() {
  auto impl = impl_;
  impl->stopping = true;
  asio::post(impl->acceptor.get_executor(), [impl] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
  asio::post(impl->sweep_strand, [impl] { impl->sweep_timer.cancel(); });
  {
    std::lock_guard lock(impl->idle_mutex);
    for (auto &cancel : impl->idle_cancels) cancel();
  }
  impl->hub.closeAll();
}

bool HttpServer::idle() const {
  return impl_->connections.load() == 0;
}

} // namespace kelisim::transport
