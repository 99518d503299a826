// HttpClient and raw TCP helpers . Each operation is
// started asynchronously and the io_context is run for a bounded time, so the calls look
// synchronous but cannot hang.
#include "net_detail.hpp"
#include "server_process.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <optional>

namespace kelisim::itest {

std::string Response::header(std::string_view name) const {
  for (const auto &[n, v] : headers)
    if (detail::sameName(n, name)) return v;
  return {};
}

std::vector<std::string> Response::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto &[n, v] : headers)
    if (detail::sameName(n, name)) out.push_back(v);
  return out;
}

boost::json::value Response::json() const {
  boost::system::error_code ec;
  auto v = boost::json::parse(body, ec);
  return ec ? boost::json::value(nullptr) : v;
}

std::optional<std::string> HttpClient::cookie(const std::string &name) const {
  auto it = cookies_.find(name);
  if (it == cookies_.end()) return std::nullopt;
  return it->second;
}

std::string HttpClient::cookieHeader() const {
  std::string out;
  for (const auto &[n, v] : cookies_) out += (out.empty() ? "" : "; ") + n + "=" + v;
  return out;
}

Response HttpClient::request(const std::string &method, const std::string &target,
                             const std::string &body, const Headers &extra) {
  Response out;
  asio::io_context io;
  tcp::socket socket(io);
  if (auto ec = detail::connect(io, socket, port_)) {
    out.error = "connect: " + ec.message();
    return out;
  }
  http::request<http::string_body> req;
  req.method_string(method);
  req.target(target);
  req.version(11);
  req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  req.set(http::field::connection, "close");
  if (!language.empty()) req.set(http::field::accept_language, language);
  if (!cookies_.empty()) req.set(http::field::cookie, cookieHeader());
  const bool write = method != "GET" && method != "HEAD" && method != "OPTIONS";
  if (write && csrf)
    if (auto token = cookie("kelisim_csrf")) req.set("X-CSRF-Token", *token);
  if (!body.empty()) req.set(http::field::content_type, "application/json");
  for (const auto &[n, v] : extra) {
    req.erase(n);
    if (!v.empty()) req.set(n, v);
  }
  req.body() = body;
  req.prepare_payload();

  auto ec = detail::runFor(
      io, 10s, [&](auto h) { http::async_write(socket, req, h); }, [&] { socket.close(); });
  if (ec) {
    out.error = "write: " + ec.message();
    return out;
  }
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  ec = detail::runFor(
      io, 10s, [&](auto h) { http::async_read(socket, buffer, parser, h); },
      [&] { socket.close(); });
  if (ec) {
    out.error = "read: " + ec.message();
    return out;
  }
  auto res = parser.release();
  out.status = static_cast<int>(res.result_int());
  for (const auto &f : res) out.headers.emplace_back(f.name_string(), f.value());
  out.body = std::move(res.body());
  // Keep cookies like a browser: Max-Age=0 deletes.
  for (const auto &line : out.all("Set-Cookie")) {
    const auto semi = line.find(';');
    const std::string pair = line.substr(0, semi);
    const auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    const std::string name = pair.substr(0, eq), value = pair.substr(eq + 1);
    if (line.find("Max-Age=0") != std::string::npos || value.empty())
      cookies_.erase(name);
    else
      cookies_[name] = value;
  }
  return out;
}

Response HttpClient::signIn(const std::string &email, const std::string &password) {
  return post("/api/v1/auth/sign-in", boost::json::serialize(boost::json::object{
                                          {"email", email}, {"password", password}}));
}

std::string rawExchange(unsigned short port, const std::string &bytes,
                        std::chrono::milliseconds wait) {
  asio::io_context io;
  tcp::socket socket(io);
  if (detail::connect(io, socket, port)) return {};
  auto ec = detail::runFor(
      io, wait, [&](auto h) { asio::async_write(socket, asio::buffer(bytes), h); },
      [&] { socket.close(); });
  if (ec) return {};
  std::string answer;
  auto buffer = asio::dynamic_buffer(answer);
  detail::runFor(
      io, wait, [&](auto h) { asio::async_read(socket, buffer, h); }, [&] { socket.close(); });
  return answer;
}

int openIdleConnection(unsigned short port) {
  asio::io_context io;
  tcp::socket socket(io);
  if (detail::connect(io, socket, port)) return -1;
  return socket.release();
}

} // namespace kelisim::itest
