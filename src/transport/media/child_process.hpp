// A program the server runs as its child and keeps running: started with fork + exec (its
// output to a log file or nowhere, its own process group, SIGKILL when the server dies
// however it dies: PR_SET_PDEATHSIG), watched every 250 ms, restarted after it exits with a
// back-off of 1, 2, 4 … 30 s (reset once it has run for a minute), stopped with SIGTERM and,
// after 3 s, SIGKILL. Used for Janus and coturn (see MediaEngineHost).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace kelisim::transport::media {

class ChildProcess {
public:
  struct Spec {
    std::string name;                   // for logs and metrics: "janus", "coturn"
    std::vector<std::string> argv;      // argv[0] is the program's path
    std::string log_file;               // stdout and stderr; empty: /dev/null
    std::function<void()> before_start; // runs in the server before each start
  };

  ChildProcess(boost::asio::any_io_executor executor, Spec spec);
  ~ChildProcess();
  ChildProcess(const ChildProcess &) = delete;
  ChildProcess &operator=(const ChildProcess &) = delete;

  void start();
  // Stops it and waits (at most ~3 s) for it to end; no restart afterwards.
  void stop();

  bool running() const { return pid_.load() > 0; }
  pid_t pid() const { return pid_.load(); }
  std::uint64_t restarts() const { return restarts_.load(); }
  const std::string &name() const { return spec_.name; }

private:
  void launch();
  void watch();

  Spec spec_;
  boost::asio::steady_timer timer_;
  std::atomic<pid_t> pid_{0};
  std::atomic<std::uint64_t> restarts_{0};
  std::atomic<bool> stopped_{false};
  std::chrono::seconds backoff_{1};
  std::chrono::steady_clock::time_point started_at_{};
  std::chrono::steady_clock::time_point next_start_{};
};

} // namespace kelisim::transport::media
