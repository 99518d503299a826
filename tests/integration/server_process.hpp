// Integration-test support: a real `kelisim serve` child process on port 0 in a fresh temp
// folder (ServerProcess), a small synchronous HTTP client that keeps cookies like a browser
// (HttpClient) and a synchronous WebSocket client (WsClient). Every network wait is bounded,
// so a hung server fails a test instead of hanging the suite.
#pragma once

#include <boost/json/value.hpp>

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kelisim::itest {

inline constexpr const char *kDemoPassword = "DemoPass-2026";
using Headers = std::vector<std::pair<std::string, std::string>>;
using namespace std::chrono_literals;

struct ServerOptions {
  std::string database;                // empty: sqlite:<temp dir>/kelisim.db
  bool seed = true;                    // run `kelisim seed-demo` first
  std::vector<std::string> serve_args; // extra flags for `serve`
  // Calls need Janus and coturn on fixed ports: only the media tests turn them on.
  std::string media_engine = "off";
};

struct Exit {
  bool exited = false; // false: killed by a signal (or still running after the wait)
  int code = -1;       // exit status when exited
  int signal = 0;      // the signal that ended it otherwise
  std::chrono::milliseconds took{0};
};

class ServerProcess {
public:
  explicit ServerProcess(ServerOptions options = {});
  ~ServerProcess(); // SIGKILL if still running, then removes the temp folder
  ServerProcess(const ServerProcess &) = delete;
  ServerProcess &operator=(const ServerProcess &) = delete;

  // Starts `serve` (again) on the same database; waits for the port file.
  void start();
  // SIGTERM, then waits up to `wait` for the exit (SIGKILL after that).
  Exit stop(std::chrono::milliseconds wait = 20s);
  void signal(int signo) const;                    // send without waiting
  Exit wait(std::chrono::milliseconds wait = 20s); // wait for the exit (SIGKILL after that)
  void kill9();

  // Runs `kelisim <args> --database <db>` to completion; its output in `output` if given.
  int runCommand(std::vector<std::string> args, std::string *output = nullptr) const;

  unsigned short port() const { return port_; }
  bool running() const { return pid_ > 0; }
  // The flags the next start() gives `serve` (a restart with other settings).
  void setServeArgs(std::vector<std::string> args) { options_.serve_args = std::move(args); }
  const std::filesystem::path &dir() const { return dir_; }
  const std::string &database() const { return options_.database; }
  std::string log() const; // what the server printed so far

private:
  ServerOptions options_;
  std::filesystem::path dir_;
  pid_t pid_ = -1;
  unsigned short port_ = 0;
  std::chrono::steady_clock::time_point signalled_;
};

struct Response {
  int status = 0; // 0: no answer (connection failed)
  Headers headers;
  std::string body;
  std::string error; // transport error, when status is 0

  std::string header(std::string_view name) const; // first, case-insensitive; "" if none
  std::vector<std::string> all(std::string_view name) const;
  boost::json::value json() const; // null when the body is not JSON
};

class HttpClient {
public:
  explicit HttpClient(unsigned short port) : port_(port) {}

  // Sends one request on a fresh connection. A non-empty body goes as application/json
  // unless `extra` sets Content-Type ("" there: no Content-Type at all). Writes carry the
  // X-CSRF-Token from the cookie when `csrf` is on.
  Response request(const std::string &method, const std::string &target,
                   const std::string &body = "", const Headers &extra = {});
  Response get(const std::string &target, const Headers &extra = {}) {
    return request("GET", target, "", extra);
  }
  Response post(const std::string &target, const std::string &body, const Headers &extra = {}) {
    return request("POST", target, body, extra);
  }
  Response patch(const std::string &target, const std::string &body, const Headers &extra = {}) {
    return request("PATCH", target, body, extra);
  }
  Response signIn(const std::string &email, const std::string &password = kDemoPassword);

  std::optional<std::string> cookie(const std::string &name) const;
  void setCookie(const std::string &name, const std::string &value) { cookies_[name] = value; }
  void clearCookies() { cookies_.clear(); }
  std::string cookieHeader() const; // "a=1; b=2"
  unsigned short port() const { return port_; }

  std::string language; // Accept-Language to send; empty: none
  bool csrf = true;

private:
  unsigned short port_;
  std::map<std::string, std::string> cookies_;
};

// Sends raw bytes on a fresh connection and returns all bytes the server answers until it
// closes (or `wait` passes).
std::string rawExchange(unsigned short port, const std::string &bytes,
                        std::chrono::milliseconds wait = 10s);
// Opens a TCP connection and keeps it open, sending nothing (a socket fd; close() it).
int openIdleConnection(unsigned short port);

class WsClient {
public:
  // Connects to ws://127.0.0.1:port/ws with these headers (Cookie, Origin, …).
  WsClient(unsigned short port, const Headers &headers = {});
  ~WsClient();

  bool open() const;
  int refusedStatus() const { return refused_status_; } // HTTP status when the upgrade failed
  const std::string &refusedBody() const { return refused_body_; }

  bool send(const std::string &text);
  // The next text message, or nullopt when the connection closed or `wait` passed.
  std::optional<std::string> read(std::chrono::milliseconds wait = 10s);
  std::optional<boost::json::value> readJson(std::chrono::milliseconds wait = 10s);
  bool closed() const { return closed_; }
  int closeCode() const { return close_code_; } // from the server's close frame, 0 if none

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int refused_status_ = 0;
  std::string refused_body_;
  bool closed_ = false;
  int close_code_ = 0;
};

// Convenience for tests.
std::string jsonText(const boost::json::value &v);
// "user.role" → string; a number indexes an array ("errors.0.code")
std::string field(const boost::json::value &v, std::string_view path);

} // namespace kelisim::itest
