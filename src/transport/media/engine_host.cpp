#include "transport/media/engine_host.hpp"

#include "transport/log.hpp"
#include "transport/media/engine_config.hpp"

#include <boost/url/parse.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <thread>

namespace kelisim::transport::media {

namespace fs = std::filesystem;

namespace {

// The engine when calls are off: never up, refuses everything.
class NoEngine final : public core::MediaEngine {
public:
  bool up() const override { return false; }
  core::Task<core::MediaHandle> attach(core::MediaPlugin) override {
    co_return core::ErrorCode::unavailable;
  }
  core::Task<std::string> echo(core::MediaHandle, std::string) override {
    co_return core::ErrorCode::unavailable;
  }
  core::Task<core::Unit> trickle(core::MediaHandle, core::IceCandidate) override {
    co_return core::ErrorCode::unavailable;
  }
  core::Task<core::Unit> detach(core::MediaHandle) override { co_return core::Unit{}; }
  core::Task<core::Unit> openRoom(const std::string &, int) override {
    co_return core::ErrorCode::unavailable;
  }
  core::Task<core::Unit> closeRoom(const std::string &) override { co_return core::Unit{}; }
  core::Task<std::string> publish(core::MediaHandle, const std::string &, const std::string &,
                                  std::string) override {
    co_return core::ErrorCode::unavailable;
  }
  core::Task<std::string> receive(core::MediaHandle, const std::string &,
                                  const std::string &) override {
    co_return core::ErrorCode::unavailable;
  }
  core::Task<core::Unit> startReceiving(core::MediaHandle, std::string) override {
    co_return core::ErrorCode::unavailable;
  }
  core::Task<core::Unit> setLayer(core::MediaHandle, core::MediaLayer) override {
    co_return core::ErrorCode::unavailable;
  }
  core::Task<core::Unit> removeParticipant(const std::string &, const std::string &) override {
    co_return core::Unit{};
  }
  core::Task<core::Unit> muteStream(const std::string &, const std::string &, const std::string &,
                                    bool) override {
    co_return core::ErrorCode::unavailable;
  }
  void onEvent(std::function<void(const core::MediaEvent &)>) override {}
};

std::vector<std::string> splitList(const std::string &text) {
  std::vector<std::string> out;
  std::string item;
  for (char c : text + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else if (c != ' ') {
      item += c;
    }
  }
  return out;
}

// turn:HOST:PORT over UDP and TCP, HOST from public_url (or the public IP).
std::vector<std::string> defaultTurnUrls(const config::Config &c) {
  std::string host = c.media_public_ip;
  if (host.empty()) {
    auto url = boost::urls::parse_uri(c.public_url);
    if (url) host = std::string(url->host());
  }
  if (host.empty()) return {};
  if (host.find(':') != std::string::npos && host.front() != '[') host = "[" + host + "]";
  return {fmt::format("turn:{}:{}?transport=udp", host, c.media_turn_port),
          fmt::format("turn:{}:{}?transport=tcp", host, c.media_turn_port)};
}

bool writeFile(const fs::path &path, const std::string &text, std::string &error) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::trunc);
  out << text;
  out.flush();
  if (!out) {
    error = "cannot write " + path.string();
    return false;
  }
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, ec);
  return true;
}

} // namespace

EngineHost::EngineHost(boost::asio::any_io_executor executor, const config::Config &config)
    : executor_(std::move(executor)), mode_(config.media_engine), config_(config) {
  turn_.lifetime = std::chrono::seconds(config.media_credential_seconds);
  turn_.urls =
      config.media_turn_urls.empty() ? defaultTurnUrls(config) : splitList(config.media_turn_urls);
}

EngineHost::~EngineHost() {
  stop();
}

core::MediaEngine &EngineHost::engine() {
  if (janus_) return *janus_;
  if (!off_) off_ = std::make_unique<NoEngine>();
  return *off_;
}

bool EngineHost::start(std::string &error) {
  if (mode_ == "off") return true;
  if (mode_ == "external") {
    turn_.secret = config_.media_turn_secret;
    janus_ =
        std::make_unique<JanusClient>(executor_, config_.media_janus_socket,
                                      config_.media_janus_secret, config_.media_janus_room_secret);
    janus_->start();
    return true;
  }
  for (const char *program : {"/usr/bin/janus", "/usr/bin/turnserver"})
    if (!fs::exists(program)) {
      error = std::string(program) + " is not installed (apt-get install janus coturn)";
      return false;
    }
  EngineLayout layout;
  layout.dir = fs::absolute(fs::path(config_.data_dir) / "media").lexically_normal().string();
  layout.rtp_ports = config_.media_rtp_ports;
  layout.public_ip = config_.media_public_ip;
  layout.interfaces = splitList(config_.media_interfaces);
  layout.turn_port = config_.media_turn_port;
  layout.event_loops = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // coturn relays only to addresses Janus offers when they are addresses (not names).
  for (const auto &i : layout.interfaces)
    if (i.find_first_not_of("0123456789.:abcdefABCDEF") == std::string::npos)
      layout.relay_peers.push_back(i);
  if (!layout.public_ip.empty()) layout.relay_peers.push_back(layout.public_ip);
  EngineSecrets secrets;
  if (!loadOrMakeSecrets(layout.dir, secrets, error)) return false;
  turn_.secret = secrets.turn;
  const fs::path janus_dir = fs::path(layout.dir) / "janus";
  for (const auto &[name, text] : janusFiles(layout, secrets))
    if (!writeFile(janus_dir / name, text, error)) return false;
  if (!writeFile(fs::path(layout.dir) / "turnserver.conf", turnConfig(layout, secrets), error))
    return false;
  // Private folders with links to the only plugins and transport we load.
  std::error_code ec;
  for (const char *folder : {"plugins", "transports", "none"}) {
    fs::remove_all(janus_dir / folder, ec);
    fs::create_directories(janus_dir / folder, ec);
  }
  for (const auto &[folder, file] :
       std::vector<std::pair<std::string, std::string>>{{"plugins", "libjanus_videoroom.so"},
                                                        {"plugins", "libjanus_echotest.so"},
                                                        {"transports", "libjanus_pfunix.so"}}) {
    fs::create_symlink(fs::path(layout.janus_lib) / folder / file, janus_dir / folder / file, ec);
    if (ec) {
      error = "cannot link " + file + ": " + ec.message();
      return false;
    }
  }
  const std::string socket = janusSocketPath(layout);
  janus_process_ = std::make_unique<ChildProcess>(
      executor_, ChildProcess::Spec{"janus",
                                    {"/usr/bin/janus", "-C", (janus_dir / "janus.jcfg").string(),
                                     "-F", (janus_dir / "conf").string(), "-o"},
                                    (fs::path(layout.dir) / "janus.log").string(),
                                    [socket] {
                                      std::error_code ignored;
                                      fs::remove(socket, ignored);
                                    }});
  turn_process_ = std::make_unique<ChildProcess>(
      executor_, ChildProcess::Spec{"coturn",
                                    {"/usr/bin/turnserver", "-c",
                                     (fs::path(layout.dir) / "turnserver.conf").string()},
                                    {},
                                    {}});
  janus_process_->start();
  turn_process_->start();
  janus_ = std::make_unique<JanusClient>(executor_, socket, secrets.janus_api, secrets.room_admin);
  janus_->start();
  return true;
}

void EngineHost::stop() {
  if (janus_) janus_->stop();
  if (janus_process_) janus_process_->stop();
  if (turn_process_) turn_process_->stop();
}

bool EngineHost::janusUp() const {
  return janus_ && janus_->up();
}

std::string EngineHost::janusProcess() const {
  if (mode_ == "off") return "off";
  if (!janus_process_) return "external";
  return janus_process_->running() ? "running" : "stopped";
}

std::string EngineHost::turnProcess() const {
  if (mode_ == "off") return "off";
  if (!turn_process_) return "external";
  return turn_process_->running() ? "running" : "stopped";
}

std::string EngineHost::metrics() const {
  std::string out = "# HELP kelisim_media_engine_up Whether Janus answers (1) or not (0).\n"
                    "# TYPE kelisim_media_engine_up gauge\n";
  out += fmt::format("kelisim_media_engine_up {}\n", janusUp() ? 1 : 0);
  out += "# HELP kelisim_media_handles Janus handles of people open now (echo tests, calls).\n"
         "# TYPE kelisim_media_handles gauge\n";
  out += fmt::format("kelisim_media_handles {}\n", janus_ ? janus_->handles() : 0);
  out += "# HELP kelisim_media_sessions_total Janus sessions made (one per (re)connection).\n"
         "# TYPE kelisim_media_sessions_total counter\n";
  out += fmt::format("kelisim_media_sessions_total {}\n", janus_ ? janus_->sessionsMade() : 0);
  const ChildProcess *children[] = {janus_process_.get(), turn_process_.get()};
  out += "# HELP kelisim_media_process_running Whether a media child runs now.\n"
         "# TYPE kelisim_media_process_running gauge\n";
  for (const auto *child : children)
    if (child)
      out += fmt::format("kelisim_media_process_running{{program=\"{}\"}} {}\n", child->name(),
                         child->running() ? 1 : 0);
  out += "# HELP kelisim_media_process_restarts_total Times a media child was restarted.\n"
         "# TYPE kelisim_media_process_restarts_total counter\n";
  for (const auto *child : children)
    if (child)
      out += fmt::format("kelisim_media_process_restarts_total{{program=\"{}\"}} {}\n",
                         child->name(), child->restarts());
  return out;
}

} // namespace kelisim::transport::media
