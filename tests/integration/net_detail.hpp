// Shared by the integration tests' HTTP and WebSocket clients: namespace aliases and
// detail::runFor, which bounds every network wait so a hung server fails a test, not the run.
#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace kelisim::itest {

using namespace std::chrono_literals;

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace detail {
// Runs the async operation `start(handler)` on `io` for at most `wait`; on timeout calls
// `cancel` and returns asio::error::timed_out.
template <typename Start, typename Cancel>
inline boost::system::error_code runFor(asio::io_context &io, std::chrono::milliseconds wait,
                                        Start start, Cancel cancel) {
  std::optional<boost::system::error_code> result;
  start([&result](boost::system::error_code ec, auto &&...) { result = ec; });
  io.restart();
  io.run_for(wait);
  if (!result) {
    cancel();
    io.restart();
    io.run_for(2s);
    return asio::error::timed_out;
  }
  return *result;
}

inline boost::system::error_code connect(asio::io_context &io, tcp::socket &socket,
                                         unsigned short port) {
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), port);
  return runFor(
      io, 10s, [&](auto h) { socket.async_connect(endpoint, h); }, [&] { socket.close(); });
}

inline bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}
} // namespace detail

} // namespace kelisim::itest
