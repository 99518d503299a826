// The network edge: accepts TCP (or TLS) connections, speaks HTTP/1.1 with keep-alive via
// Boost.Beast, hands whole requests to Api::handle and upgrades /ws to a WebSocket. Each
// connection runs on its own strand; the io_context may run on several threads.
// stop() is graceful: no new connections, in-flight requests finish, WebSockets get a close
// frame; `idle()` turns true when every connection has ended.
#pragma once

#include "transport/ws/protocol.hpp"

#include "i18n/translator.hpp"
#include "transport/http/api.hpp"
#include "transport/http/client_address.hpp"
#include "transport/metrics.hpp"
#include "transport/ws/hub.hpp"

#include <boost/asio/io_context.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace kelisim::transport {

struct ServerSettings {
  std::size_t json_body_limit = 1 << 20;
  std::size_t upload_body_limit = (10 << 20) + 4096; // attachments (a file's bytes)
  const WsHandler *ws_handler = nullptr;             // feature messages on /ws
  std::string tls_cert;                              // PEM paths; both set: HTTPS and WSS
  std::string tls_key;
  TrustedProxies trusted_proxies; // whose X-Forwarded-For / -Proto are believed
  // Caps: past them a connection is answered 503 (busy) and closed; the others carry on.
  int max_connections = 20000;
  int max_connections_per_address = 256; // not for a trusted proxy (its clients count)
  int ws_per_session = 8;
  // Slow clients: a connection may wait `idle_timeout` for a request's first byte; from there
  // its header must be whole within `header_timeout` and its body within `body_timeout` plus
  // a second for each 8 KiB it declares (a photo sent over EDGE in the countryside).
  std::chrono::seconds idle_timeout{30};
  std::chrono::seconds header_timeout{10};
  std::chrono::seconds body_timeout{30};
};

class HttpServer {
public:
  HttpServer(boost::asio::io_context &io, Api &api, Hub &hub, Metrics &metrics,
             const i18n::Translator &texts, const core::Clock &clock, ServerSettings settings);
  ~HttpServer();

  // Binds and starts accepting; returns the port actually bound (useful with port 0).
  core::Result<unsigned short> listen(const std::string &host, unsigned short port);
  void stop();
  bool idle() const;

  struct Impl;

private:
  std::shared_ptr<Impl> impl_;
};

} // namespace kelisim::transport
