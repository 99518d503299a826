// The media engine's configuration files, written by `kelisim serve` under data_dir/media
// (never /etc/janus or /etc/turnserver.conf): Janus 1.1.2 with only the VideoRoom and
// EchoTest plugins and only the Unix-socket transport (pfunix, guarded by api_secret), and
// coturn 4.6.1 answering TURN with credentials in the REST scheme and relaying only to the
// media server's own addresses. Pure functions of their input, so a test reads them.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace kelisim::transport::media {

// The secrets the engine shares with Kelisim, made once and kept in data_dir/media.
struct EngineSecrets {
  std::string janus_api;   // every Janus request carries it
  std::string janus_admin; // no transport exposes the admin API; set so it is never empty
  std::string room_admin;  // VideoRoom admin_key: only Kelisim creates rooms
  std::string turn;        // coturn's static-auth-secret
};

struct EngineLayout {
  std::string dir; // data_dir/media, absolute
  std::string janus_lib = "/usr/lib/x86_64-linux-gnu/janus";
  std::string rtp_ports = "20000-20999";
  std::string public_ip;               // nat_1_1_mapping and coturn's external-ip
  std::vector<std::string> interfaces; // ice_enforce_list
  int event_loops = 2;
  int turn_port = 3478;
  std::string turn_realm = "kelisim";
  // Addresses coturn may relay to (Janus's): everything else is refused, so the TURN server
  // is no open relay. Empty: relaying is not narrowed.
  std::vector<std::string> relay_peers;
};

std::string janusSocketPath(const EngineLayout &layout);
// File name (relative to the Janus folder) → contents.
std::map<std::string, std::string> janusFiles(const EngineLayout &layout,
                                              const EngineSecrets &secrets);
std::string turnConfig(const EngineLayout &layout, const EngineSecrets &secrets);

// Reads data_dir/media/secrets (key=value lines), making and writing (mode 0600) the ones
// missing. Fails when the folder cannot be written.
bool loadOrMakeSecrets(const std::string &dir, EngineSecrets &secrets, std::string &error);

} // namespace kelisim::transport::media
