// Server settings, layered: defaults → TOML file (--config) → environment (KELISIM_<KEY>) →
// command-line flags. Every layer goes through applySetting, so a key means the same thing
// wherever it is set. Unknown keys and bad values are errors, never silently ignored.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace kelisim::config {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:./data/kelisim.db";
  std::string data_dir = "./data";
  std::string public_url = "http://localhost:8080";
  std::string static_dir = "web/dist";
  std::string tls_cert; // PEM files; both set: serve HTTPS
  std::string tls_key;
  int threads = 0; // io threads; 0: one per core
  std::size_t json_body_limit = 1 << 20;
  std::string log_level = "info";            // trace, debug, info, warn, error
  std::string password_hash = "interactive"; // or "minimal" (tests only: fast, weak)
  int sign_in_per_minute = 10;               // per address
  int sign_up_per_minute = 5;                // per address
  int intake_per_minute = 30;      // per address (many citizens share a carrier's address)
  int room_writes_per_minute = 60; // per person: messages, notes, attachments over HTTP
  int offer_timeout_seconds = 30;
  std::string port_file; // where to write the port actually bound (tests)
  // Attachments: per consultation in all, per person over 24 hours, uploads per person a minute.
  int attachments_per_room = 100;
  int attachment_megabytes_per_room = 200;
  int attachments_per_person_per_day = 50;
  int attachment_megabytes_per_person_per_day = 100;
  int uploads_per_minute = 10;
};

// The keys applySetting understands, in the order of the table in docs/ARCHITECTURE.md.
const std::vector<std::string> &settingKeys();
// One line on what a key means, for --help.
std::string settingHelp(const std::string &key);
core::Status applySetting(Config &config, const std::string &key, const std::string &value);
core::Status applyTomlFile(Config &config, const std::string &path);
// Reads KELISIM_LISTEN, KELISIM_DATABASE, … from `environment` ("NAME=value" entries).
core::Status applyEnvironment(Config &config, char **environment);

} // namespace kelisim::config
