// JanusClient against a fake Janus on a real SOCK_SEQPACKET socket: a Janus that stops
// reading (busy, or blocked writing to us) fills the socket; the client must wait that out
// without holding its thread, fail only the requests that ran out of time, and keep the
// connection and its session (a full socket is not a lost Janus).
#include "transport/media/janus_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

namespace kelisim::transport::media {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// Answers create, attach and keepalive while `reading`; reads nothing otherwise.
class FakeJanus {
public:
  explicit FakeJanus(std::string path) : path_(std::move(path)) {
    listener_ = ::socket(AF_UNIX, SOCK_SEQPACKET, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof(address.sun_path), "%s", path_.c_str());
    ::unlink(path_.c_str());
    EXPECT_EQ(::bind(listener_, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    EXPECT_EQ(::listen(listener_, 4), 0);
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeJanus() {
    stop_ = true;
    thread_.join();
    if (client_ >= 0) ::close(client_);
    ::close(listener_);
    ::unlink(path_.c_str());
  }
  std::atomic<bool> reading{true};
  std::atomic<int> accepted{0};

private:
  void serve() {
    std::string buffer(16 * 1024, '\0');
    while (!stop_) {
      pollfd p{client_ >= 0 ? client_ : listener_, POLLIN, 0};
      if (client_ >= 0 && !reading) {
        std::this_thread::sleep_for(10ms);
        continue;
      }
      if (::poll(&p, 1, 20) <= 0) continue;
      if (client_ < 0) {
        client_ = ::accept(listener_, nullptr, nullptr);
        ++accepted;
        continue;
      }
      const auto n = ::recv(client_, buffer.data(), buffer.size(), 0);
      if (n <= 0) return;
      boost::system::error_code ec;
      auto request = json::parse(std::string_view(buffer.data(), static_cast<std::size_t>(n)), ec);
      if (ec || !request.is_object()) continue;
      const auto &r = request.as_object();
      const std::string kind(r.at("janus").as_string());
      json::object answer{{"transaction", r.at("transaction")}};
      if (kind == "keepalive") {
        answer["janus"] = "ack";
      } else {
        answer["janus"] = "success";
        answer["data"] = json::object{{"id", ++next_id_}};
      }
      const auto text = json::serialize(answer);
      ::send(client_, text.data(), text.size(), MSG_NOSIGNAL);
    }
  }

  std::string path_;
  int listener_ = -1;
  int client_ = -1;
  std::int64_t next_id_ = 100;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(JanusClient, AFullSocketFailsOnlyTheRequestsThatRanOutOfTimeAndKeepsTheSession) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("kelisim-janus-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = (dir / "api.sock").string();
  FakeJanus janus(path);
  boost::asio::io_context io(1);
  JanusClient client(io.get_executor(), path, "secret");
  client.start();
  for (int i = 0; i < 300 && !client.up(); ++i) io.run_for(10ms);
  ASSERT_TRUE(client.up());

  // Janus stops reading: far more requests than the socket holds.
  janus.reading = false;
  int failed = 0;
  int succeeded = 0;
  std::string other;
  for (int i = 0; i < 3000; ++i)
    boost::asio::co_spawn(
        io,
        [&]() -> boost::asio::awaitable<void> {
          auto handle = co_await client.attach(core::MediaPlugin::room);
          if (handle)
            ++succeeded;
          else if (handle.error().code == core::ErrorCode::unavailable)
            ++failed;
          else
            other += handle.error().log + "; ";
        },
        boost::asio::detached);
  // The thread stays free meanwhile: a timer ticks every 100 ms.
  int ticks = 0;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        boost::asio::steady_timer t(co_await boost::asio::this_coro::executor);
        for (int i = 0; i < 20; ++i) {
          t.expires_after(100ms);
          co_await t.async_wait(boost::asio::use_awaitable);
          ++ticks;
        }
      },
      boost::asio::detached);
  const auto until = std::chrono::steady_clock::now() + 7s;
  while (std::chrono::steady_clock::now() < until && failed + succeeded < 3000) io.run_for(50ms);
  EXPECT_EQ(ticks, 20);
  // Every one ran out of time (attach waits 5 s), but one the fake may have read while told
  // to stop.
  EXPECT_LE(succeeded, 1);
  EXPECT_EQ(failed + succeeded, 3000) << other;
  EXPECT_TRUE(client.up()) << "a full socket is not a lost Janus";

  // Janus reads again: the same connection and session serve the next request.
  janus.reading = true;
  bool attached = false;
  boost::asio::co_spawn(
      io,
      [&]() -> boost::asio::awaitable<void> {
        auto handle = co_await client.attach(core::MediaPlugin::room);
        attached = static_cast<bool>(handle);
      },
      boost::asio::detached);
  for (int i = 0; i < 300 && !attached; ++i) io.run_for(10ms);
  EXPECT_TRUE(attached);
  EXPECT_EQ(client.sessionsMade(), 1u);
  EXPECT_EQ(janus.accepted, 1);
  client.stop();
  io.run_for(100ms);
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace kelisim::transport::media
