// ServerProcess: fork/exec of KELISIM_BIN. The HTTP and WebSocket clients live in their own
// files, compiled as part of this one because the CMake target lists only this file and
// the *_test.cpp files (move them to the target's sources to compile them separately).
#include "server_process.hpp"

#include <charconv>

#include <boost/json.hpp>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace kelisim::itest {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {
// Forks and execs KELISIM_BIN with `args`, output appended to `log`. The child dies with us.
pid_t spawn(const std::vector<std::string> &args, const fs::path &log) {
  std::vector<std::string> all{KELISIM_BIN};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char *> argv;
  for (auto &a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string log_path = log.string();
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    const int fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    const int null_in = ::open("/dev/null", O_RDONLY);
    if (null_in >= 0) ::dup2(null_in, 0);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

Exit decode(int status, Clock::duration took) {
  Exit e;
  e.took = std::chrono::duration_cast<std::chrono::milliseconds>(took);
  if (WIFEXITED(status)) {
    e.exited = true;
    e.code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    e.signal = WTERMSIG(status);
  }
  return e;
}

std::string readFile(const fs::path &p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
} // namespace

ServerProcess::ServerProcess(ServerOptions options) : options_(std::move(options)) {
  const char *tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/kelisim-it-XXXXXX";
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
  if (options_.database.empty()) options_.database = "sqlite:" + (dir_ / "kelisim.db").string();
  if (options_.seed) {
    std::string out;
    const int rc = runCommand({"seed-demo", "--password", kDemoPassword}, &out);
    if (rc != 0) throw std::runtime_error("seed-demo failed (" + std::to_string(rc) + "): " + out);
  }
  start();
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) kill9();
  if (!std::getenv("KELISIM_TEST_KEEP")) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

int ServerProcess::runCommand(std::vector<std::string> args, std::string *output) const {
  const fs::path log = dir_ / "command.log";
  std::error_code ec;
  fs::remove(log, ec);
  args.insert(args.end(), {"--database", options_.database, "--password-hash", "minimal",
                           "--data-dir", (dir_ / "data").string(), "--log-level", "warn"});
  const pid_t pid = spawn(args, log);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (output) *output = readFile(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void ServerProcess::start() {
  if (pid_ > 0) throw std::runtime_error("server already running");
  const fs::path port_file = dir_ / "port";
  std::error_code ec;
  fs::remove(port_file, ec);
  std::vector<std::string> args{
      "serve", "--database", options_.database, "--listen", "127.0.0.1:0", "--port-file",
      port_file.string(), "--password-hash", "minimal", "--static-dir", (dir_ / "static").string(),
      "--data-dir", (dir_ / "data").string(), "--threads", "2",
      // Port 0: the port it binds (writes from pages of that origin).
      "--public-url", "http://127.0.0.1:0", "--media-engine", options_.media_engine};
  args.insert(args.end(), options_.serve_args.begin(), options_.serve_args.end());
  pid_ = spawn(args, dir_ / "serve.log");
  const auto deadline = Clock::now() + 30s;
  while (Clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("kelisim serve exited early:\n" + log());
    }
    std::ifstream in(port_file);
    std::string line;
    // The file is complete once its line ends.
    if (in && std::getline(in, line) && !in.eof() && !line.empty()) {
      port_ = static_cast<unsigned short>(std::stoi(line));
      return;
    }
    std::this_thread::sleep_for(20ms);
  }
  kill9();
  throw std::runtime_error("kelisim serve did not write its port file in 30 s:\n" + log());
}

void ServerProcess::signal(int signo) const {
  if (pid_ > 0) ::kill(pid_, signo);
}

Exit ServerProcess::wait(std::chrono::milliseconds wait) {
  if (pid_ <= 0) return {};
  const auto started = signalled_ == Clock::time_point{} ? Clock::now() : signalled_;
  const auto deadline = Clock::now() + wait;
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) break;
    if (r < 0 && errno != EINTR) return {};
    if (Clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      Exit e = decode(status, Clock::now() - started);
      e.exited = false; // did not exit by itself
      return e;
    }
    std::this_thread::sleep_for(5ms);
  }
  pid_ = -1;
  signalled_ = {};
  return decode(status, Clock::now() - started);
}

Exit ServerProcess::stop(std::chrono::milliseconds wait_for) {
  signalled_ = Clock::now();
  signal(SIGTERM);
  return wait(wait_for);
}

void ServerProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  signalled_ = {};
}

std::string ServerProcess::log() const {
  return readFile(dir_ / "serve.log");
}

std::string jsonText(const boost::json::value &v) {
  return boost::json::serialize(v);
}

std::string field(const boost::json::value &v, std::string_view path) {
  const boost::json::value *at = &v;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const auto key = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    if (const auto *array = at->if_array()) { // "errors.0.code": an index into an array
      std::size_t i = 0;
      if (key.empty() ||
          std::from_chars(key.data(), key.data() + key.size(), i).ec != std::errc{} ||
          i >= array->size())
        return {};
      at = &(*array)[i];
      continue;
    }
    const auto *object = at->if_object();
    if (!object) return {};
    at = object->if_contains(key);
    if (!at) return {};
  }
  if (const auto *s = at->if_string()) return std::string(*s);
  return boost::json::serialize(*at);
}

} // namespace kelisim::itest
