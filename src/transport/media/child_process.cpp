#include "transport/media/child_process.hpp"

#include "transport/log.hpp"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace kelisim::transport::media {

ChildProcess::ChildProcess(boost::asio::any_io_executor executor, Spec spec)
    : spec_(std::move(spec)), timer_(std::move(executor)) {}

ChildProcess::~ChildProcess() {
  stop();
}

void ChildProcess::start() {
  stopped_ = false;
  launch();
  watch();
}

void ChildProcess::launch() {
  if (spec_.before_start) spec_.before_start();
  // Everything the child needs is made before fork: after it, only async-signal-safe calls.
  std::vector<char *> argv;
  for (auto &a : spec_.argv) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log = spec_.log_file.empty() ? "/dev/null" : spec_.log_file;
  const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  const int in = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    // SIGKILL, not SIGTERM: Janus 1.1.2 can hang in its own shutdown (seen with many
    // handles), and an orphan would keep the API socket, the RTP ports and the TURN port from
    // the server that restarts after a crash. Neither child keeps anything worth a clean exit.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(1); // the server died before prctl
    if (in >= 0) ::dup2(in, 0);
    if (out >= 0) {
      ::dup2(out, 1);
      ::dup2(out, 2);
    }
    // The server's signal mask and dispositions are not the child's.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  if (out >= 0) ::close(out);
  if (in >= 0) ::close(in);
  started_at_ = std::chrono::steady_clock::now();
  if (pid < 0) {
    logEvent(spdlog::level::err, "media_child_failed",
             {{"program", spec_.name}, {"error", std::string(std::strerror(errno))}});
    next_start_ = started_at_ + backoff_;
    return;
  }
  pid_ = pid;
  logEvent(spdlog::level::info, "media_child_started",
           {{"program", spec_.name}, {"pid", static_cast<std::int64_t>(pid)}});
}

void ChildProcess::watch() {
  timer_.expires_after(std::chrono::milliseconds(250));
  timer_.async_wait([this](const boost::system::error_code &e) {
    if (e || stopped_) return;
    const auto now = std::chrono::steady_clock::now();
    if (const pid_t pid = pid_.load(); pid > 0) {
      int status = 0;
      if (::waitpid(pid, &status, WNOHANG) == pid) {
        pid_ = 0;
        const bool long_run = now - started_at_ >= std::chrono::minutes(1);
        if (long_run) backoff_ = std::chrono::seconds(1);
        next_start_ = now + backoff_;
        logEvent(spdlog::level::warn, "media_child_exited",
                 {{"program", spec_.name},
                  {"status", WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status)},
                  {"restart_in_seconds", static_cast<std::int64_t>(backoff_.count())}});
        backoff_ = std::min(backoff_ * 2, std::chrono::seconds(30));
      }
    } else if (now >= next_start_) {
      ++restarts_;
      launch();
    }
    watch();
  });
}

void ChildProcess::stop() {
  if (stopped_.exchange(true)) return;
  timer_.cancel();
  const pid_t pid = pid_.exchange(0);
  if (pid <= 0) return;
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 60; ++i) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

} // namespace kelisim::transport::media
