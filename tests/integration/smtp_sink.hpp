// A real SMTP server for the integration tests (Debian's python3-aiosmtpd, started into a
// Maildir) and the reading of what arrived: headers, the text part and an ICS part decoded.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace kelisim::itest {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

inline unsigned short freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

inline bool accepts(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
  ::close(fd);
  return ok;
}

// One received mail: its headers as sent, and its parts' texts decoded.
struct Received {
  std::string raw;
  std::string to;
  std::string subject;  // RFC 2047 words decoded
  std::string text;     // the text/plain part, decoded
  std::string calendar; // the text/calendar part, decoded ("" if none)
};

inline std::string decodeBase64(std::string_view in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const auto at = kAlphabet.find(c);
    if (at == std::string::npos) continue;
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

inline std::string header(const std::string &head, const std::string &name) {
  std::istringstream lines(head);
  std::string line, value;
  bool in = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (in && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      value += line.substr(1);
      continue;
    }
    if (in) break;
    if (line.rfind(name + ": ", 0) == 0) {
      value = line.substr(name.size() + 2);
      in = true;
    }
  }
  return value;
}

inline std::string decodeWords(const std::string &value) {
  std::string out;
  std::size_t i = 0;
  while (i < value.size()) {
    const auto start = value.find("=?UTF-8?B?", i);
    if (start == std::string::npos) {
      out += value.substr(i);
      break;
    }
    const auto end = value.find("?=", start + 10);
    out += decodeBase64(value.substr(start + 10, end - start - 10));
    i = end + 2;
  }
  return out;
}

inline Received parse(const std::string &raw) {
  Received r;
  r.raw = raw;
  const auto split = raw.find("\n\n");
  const std::string head = raw.substr(0, split);
  const std::string body = raw.substr(split + 2);
  r.to = header(head, "To");
  r.subject = decodeWords(header(head, "Subject"));
  const std::string type = header(head, "Content-Type");
  if (type.find("multipart/") == std::string::npos) {
    r.text = decodeBase64(body);
    return r;
  }
  const auto b = type.find("boundary=\"");
  const std::string boundary = "--" + type.substr(b + 10, type.find('"', b + 10) - b - 10);
  std::size_t at = body.find(boundary);
  while (at != std::string::npos) {
    const auto next = body.find(boundary, at + boundary.size());
    if (next == std::string::npos) break;
    const std::string part = body.substr(at + boundary.size(), next - at - boundary.size());
    const auto part_split = part.find("\n\n");
    const std::string decoded = decodeBase64(part.substr(part_split + 2));
    if (part.find("text/calendar") != std::string::npos && part.find("text/calendar") < part_split)
      r.calendar = decoded;
    else
      r.text = decoded;
    at = next;
  }
  return r;
}

// python3 -m aiosmtpd with the Mailbox handler: every mail a file in <dir>/new.
class SmtpSink {
public:
  explicit SmtpSink(unsigned short port = 0) : port_(port ? port : freePort()) {
    char pattern[] = "/tmp/kelisim-smtp-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    const std::string listen = "127.0.0.1:" + std::to_string(port_);
    const std::string maildir = (dir_ / "maildir").string();
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      const int null_fd = ::open("/dev/null", O_RDWR);
      ::dup2(null_fd, 0);
      ::dup2(null_fd, 1);
      ::execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
              "aiosmtpd.handlers.Mailbox", maildir.c_str(), static_cast<char *>(nullptr));
      ::_exit(127);
    }
    for (int i = 0; i < 200 && !accepts(port_); ++i) std::this_thread::sleep_for(50ms);
  }
  ~SmtpSink() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  bool ready() const { return accepts(port_); }
  unsigned short port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  std::vector<Received> all() const {
    std::vector<Received> out;
    std::error_code ec;
    const auto fresh = dir_ / "maildir" / "new";
    if (!fs::exists(fresh, ec)) return out;
    for (const auto &f : fs::directory_iterator(fresh, ec)) {
      std::ifstream in(f.path(), std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      out.push_back(parse(s.str()));
    }
    return out;
  }
  // The first mail to `to` whose subject contains `subject_part`, waiting up to 20 s.
  std::optional<Received> await(const std::string &to, const std::string &subject_part = "") {
    for (int i = 0; i < 400; ++i) {
      for (auto &m : all())
        if (m.to.find(to) != std::string::npos && m.subject.find(subject_part) != std::string::npos)
          return m;
      std::this_thread::sleep_for(50ms);
    }
    return std::nullopt;
  }

private:
  unsigned short port_;
  fs::path dir_;
  pid_t pid_ = -1;
};

} // namespace kelisim::itest
