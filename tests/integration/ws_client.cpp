// WsClient: a synchronous WebSocket client whose every wait is bounded (detail::runFor).
#include "net_detail.hpp"
#include "server_process.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

namespace kelisim::itest {

namespace websocket = boost::beast::websocket;

struct WsClient::Impl {
  asio::io_context io;
  websocket::stream<tcp::socket> ws{io};
  bool open = false;
};

WsClient::WsClient(unsigned short port, const Headers &headers) : impl_(std::make_unique<Impl>()) {
  auto &socket = impl_->ws.next_layer();
  if (detail::connect(impl_->io, socket, port)) return;
  impl_->ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type &r) {
    for (const auto &[n, v] : headers) r.set(n, v);
  }));
  websocket::response_type res;
  const std::string host = "127.0.0.1:" + std::to_string(port);
  auto ec = detail::runFor(
      impl_->io, 10s, [&](auto h) { impl_->ws.async_handshake(res, host, "/ws", h); },
      [&] { socket.close(); });
  if (ec) {
    refused_status_ = static_cast<int>(res.result_int());
    refused_body_ = res.body();
    // Beast does not read the body of a refused upgrade: take what is left on the socket.
    if (refused_body_.empty() && socket.is_open()) {
      std::string rest;
      auto buffer = asio::dynamic_buffer(rest);
      detail::runFor(
          impl_->io, 2s, [&](auto h) { asio::async_read(socket, buffer, h); },
          [&] { socket.close(); });
      refused_body_ = rest;
    }
    return;
  }
  impl_->open = true;
}

WsClient::~WsClient() {
  if (impl_ && impl_->open && !closed_) {
    detail::runFor(
        impl_->io, 2s, [&](auto h) { impl_->ws.async_close(websocket::close_code::normal, h); },
        [&] { impl_->ws.next_layer().close(); });
  }
}

bool WsClient::open() const {
  return impl_->open && !closed_;
}

bool WsClient::send(const std::string &text) {
  if (!open()) return false;
  impl_->ws.text(true);
  auto ec = detail::runFor(
      impl_->io, 10s, [&](auto h) { impl_->ws.async_write(asio::buffer(text), h); },
      [&] { impl_->ws.next_layer().close(); });
  if (ec) closed_ = true;
  return !ec;
}

std::optional<std::string> WsClient::read(std::chrono::milliseconds wait) {
  if (!open()) return std::nullopt;
  beast::flat_buffer buffer;
  auto ec = detail::runFor(
      impl_->io, wait, [&](auto h) { impl_->ws.async_read(buffer, h); },
      [&] { impl_->ws.next_layer().close(); });
  if (ec) {
    closed_ = true;
    close_code_ = static_cast<int>(impl_->ws.reason().code);
    return std::nullopt;
  }
  return beast::buffers_to_string(buffer.data());
}

std::optional<boost::json::value> WsClient::readJson(std::chrono::milliseconds wait) {
  auto text = read(wait);
  if (!text) return std::nullopt;
  boost::system::error_code ec;
  auto v = boost::json::parse(*text, ec);
  if (ec) return boost::json::value(nullptr);
  return v;
}

} // namespace kelisim::itest
