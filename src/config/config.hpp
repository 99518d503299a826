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
  // Mail (issue 8). No smtp_url: mails are written as files under data_dir/mail.
  std::string smtp_url; // smtp://host:port or smtps://host:port
  std::string smtp_user;
  std::string smtp_password;
  bool smtp_starttls = false;
  std::string mail_from = "no-reply@localhost";
  int mail_poll_ms = 2000;
  int reminder_minutes = 60; // how long before a booked slot its reminder goes out
  // Connections: a mobile carrier puts many citizens behind one address (each browser holds a
  // WebSocket and a few keep-alive connections), so the per-address cap is generous.
  int max_connections = 20000; // one instance is measured with 18,000 waiting citizens
  int max_connections_per_address = 256;
  int ws_per_session = 8; // WebSockets one session may hold (tabs, devices sharing a session)
  int header_timeout_seconds = 10; // a request's header, from its first byte (slowloris)
  int idle_timeout_seconds = 30;   // a connection waiting for its (next) request
  int body_timeout_seconds = 30;   // a body, plus a second for each 8 KiB it declares
  std::string trusted_proxies;     // addresses/CIDRs whose X-Forwarded-* are believed
  // Attachments: per consultation in all, per person over 24 hours, uploads per person a minute.
  int attachments_per_room = 100;
  int attachment_megabytes_per_room = 200;
  int attachments_per_person_per_day = 50;
  int attachment_megabytes_per_person_per_day = 100;
  int uploads_per_minute = 10;
  // Personal data (Law No. 94-V): days a question's personal data are kept after it ends
  // (0: until the citizen erases them), and the operator named in the account consent text.
  int retention_days = 365;
  std::string operator_name = "Kelisim";
  // Media (issue 9): Janus for calls, coturn for TURN. "spawn": the server writes their
  // configs under data_dir/media and runs them as its children; "external": it talks to a
  // Janus started elsewhere (its pfunix socket and api_secret) and hands out credentials
  // for a coturn set up with media_turn_secret; "off": no calls, chat only.
  std::string media_engine = "spawn";
  std::string media_janus_socket;      // external: the Janus pfunix transport's socket
  std::string media_janus_secret;      // external: its api_secret
  std::string media_janus_room_secret; // external: its VideoRoom admin_key
  std::string media_rtp_ports = "20000-20999";
  std::string media_public_ip;   // the address browsers reach (Janus nat_1_1_mapping)
  std::string media_interfaces;  // interfaces or addresses Janus gathers candidates on
  std::string media_turn_urls;   // turn:HOST:PORT?transport=udp,…; default from public_url
  std::string media_turn_secret; // external coturn's static-auth-secret
  int media_turn_port = 3478;
  int media_credential_seconds = 14400; // a TURN credential's life: it must outlast a call
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
