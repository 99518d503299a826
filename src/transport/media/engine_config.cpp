#include "transport/media/engine_config.hpp"

#include "app/sodium_random.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace kelisim::transport::media {

namespace fs = std::filesystem;

namespace {

std::string joined(const std::vector<std::string> &items, const char *separator) {
  std::string out;
  for (const auto &item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

} // namespace

std::string janusSocketPath(const EngineLayout &layout) {
  return (fs::path(layout.dir) / "janus" / "api.sock").string();
}

std::map<std::string, std::string> janusFiles(const EngineLayout &l, const EngineSecrets &s) {
  const auto janus = (fs::path(l.dir) / "janus").string();
  std::string nat = "nat: {\n  nice_debug = false\n  ignore_mdns = true\n";
  if (!l.public_ip.empty())
    nat += fmt::format("  nat_1_1_mapping = \"{}\"\n  keep_private_host = false\n", l.public_ip);
  if (!l.interfaces.empty())
    nat += fmt::format("  ice_enforce_list = \"{}\"\n", joined(l.interfaces, ","));
  nat += "}\n";
  std::map<std::string, std::string> files;
  // Plugins and transports are loaded from private folders holding only links to the ones
  // we use (the Kelisim side makes them); the disable lists say the same for safety.
  files["janus.jcfg"] = fmt::format(
      R"(# Written by kelisim serve; changes are overwritten at the next start.
general: {{
  configs_folder = "{0}/conf"
  plugins_folder = "{0}/plugins"
  transports_folder = "{0}/transports"
  events_folder = "{0}/none"
  loggers_folder = "{0}/none"
  debug_level = 4
  debug_timestamps = true
  debug_colors = false
  api_secret = "{1}"
  admin_secret = "{2}"
  server_name = "kelisim-janus"
  session_timeout = 60
  reclaim_session_timeout = 0
  event_loops = {3}
  hide_dependencies = true
  protected_folders = ["/bin", "/boot", "/dev", "/etc", "/initrd", "/lib", "/lib32", "/lib64", "/proc", "/sbin", "/sys", "/usr", "/var"]
}}
certificates: {{
}}
media: {{
  rtp_port_range = "{4}"
  no_media_timer = 2
  slowlink_threshold = 4
  twcc_period = 200
}}
{5}plugins: {{
  disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so"
}}
transports: {{
  disable = "libjanus_http.so,libjanus_websockets.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_rabbitmq.so"
}}
loggers: {{
}}
events: {{
  broadcast = false
}}
)",
      janus, s.janus_api, s.janus_admin, l.event_loops, l.rtp_ports, nat);
  files["conf/janus.transport.pfunix.jcfg"] = fmt::format(R"(general: {{
  enabled = true
  json = "compact"
  path = "{}"
  type = "SOCK_SEQPACKET"
}}
admin: {{
  admin_enabled = false
}}
)",
                                                          janusSocketPath(l));
  // Rooms are made by Kelisim through the API only (admin_key), never recorded (lock_record:
  // recording needs the room secret, which nobody is given) and never kept in a file.
  files["conf/janus.plugin.videoroom.jcfg"] = fmt::format(R"(general: {{
  admin_key = "{}"
  lock_rtp_forward = true
  events = false
  string_ids = true
}}
)",
                                                          s.room_admin);
  files["conf/janus.plugin.echotest.jcfg"] = "general: {\n  events = false\n}\n";
  return files;
}

std::string turnConfig(const EngineLayout &l, const EngineSecrets &s) {
  std::string text =
      fmt::format(R"(# Written by kelisim serve; changes are overwritten at the next start.
listening-port={}
realm={}
use-auth-secret
static-auth-secret={}
fingerprint
no-tls
no-dtls
no-cli
no-multicast-peers
no-software-attribute
stale-nonce=600
max-bps=3000000
total-quota=400
pidfile={}/turnserver.pid
# coturn logs the addresses of the people it relays: its log goes nowhere.
log-file=/dev/null
no-stdout-log
simple-log
)",
                  l.turn_port, l.turn_realm, s.turn, l.dir);
  if (!l.public_ip.empty()) text += fmt::format("external-ip={}\n", l.public_ip);
  if (!l.relay_peers.empty()) {
    // Relay only to the media server: a TURN credential is no ticket to the network.
    text += "denied-peer-ip=0.0.0.0-255.255.255.255\n";
    text += "denied-peer-ip=::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\n";
    for (const auto &peer : l.relay_peers) text += fmt::format("allowed-peer-ip={}\n", peer);
  }
  return text;
}

bool loadOrMakeSecrets(const std::string &dir, EngineSecrets &s, std::string &error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  const auto path = fs::path(dir) / "secrets";
  std::map<std::string, std::string> kept;
  if (std::ifstream in(path); in) {
    std::string line;
    while (std::getline(in, line)) {
      const auto eq = line.find('=');
      if (eq != std::string::npos) kept[line.substr(0, eq)] = line.substr(eq + 1);
    }
  }
  app::SodiumRandom random;
  bool changed = false;
  for (const char *name : {"janus_api", "janus_admin", "room_admin", "turn"}) {
    auto &value = kept[name];
    if (value.size() < 32) {
      value = random.hex(24);
      changed = true;
    }
  }
  s.janus_api = kept["janus_api"];
  s.janus_admin = kept["janus_admin"];
  s.room_admin = kept["room_admin"];
  s.turn = kept["turn"];
  if (!changed) return true;
  const auto temporary = path.string() + ".new";
  {
    std::ofstream out(temporary, std::ios::trunc);
    ::chmod(temporary.c_str(), 0600);
    for (const auto &[k, v] : kept) out << k << "=" << v << "\n";
    out.flush();
    if (!out) {
      error = "cannot write " + temporary;
      return false;
    }
  }
  fs::rename(temporary, path, ec);
  if (ec) {
    error = "cannot write " + path.string() + ": " + ec.message();
    return false;
  }
  return true;
}

} // namespace kelisim::transport::media
