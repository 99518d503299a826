#include "config/config.hpp"

#include "transport/http/client_address.hpp"
#include "transport/http/origin.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace kelisim::config {

using core::Error;
using core::ErrorCode;

namespace {
core::Status bad(const std::string &key, const std::string &why) {
  return Error::make(ErrorCode::validation_failed, "setting " + key + ": " + why);
}
template <typename T> bool parseNumber(const std::string &s, T &out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}
} // namespace

const std::vector<std::string> &settingKeys() {
  static const std::vector<std::string> keys = {"listen",
                                                "database",
                                                "data_dir",
                                                "public_url",
                                                "static_dir",
                                                "tls_cert",
                                                "tls_key",
                                                "threads",
                                                "json_body_limit",
                                                "log_level",
                                                "password_hash",
                                                "sign_in_per_minute",
                                                "sign_up_per_minute",
                                                "intake_per_minute",
                                                "room_writes_per_minute",
                                                "offer_timeout_seconds",
                                                "port_file",
                                                "smtp_url",
                                                "smtp_user",
                                                "smtp_password",
                                                "smtp_starttls",
                                                "mail_from",
                                                "mail_poll_ms",
                                                "reminder_minutes",
                                                "max_connections",
                                                "max_connections_per_address",
                                                "ws_per_session",
                                                "header_timeout_seconds",
                                                "idle_timeout_seconds",
                                                "body_timeout_seconds",
                                                "trusted_proxies",
                                                "attachments_per_room",
                                                "attachment_megabytes_per_room",
                                                "attachments_per_person_per_day",
                                                "attachment_megabytes_per_person_per_day",
                                                "uploads_per_minute",
                                                "retention_days",
                                                "operator_name",
                                                "media_engine",
                                                "media_janus_socket",
                                                "media_janus_secret",
                                                "media_janus_room_secret",
                                                "media_rtp_ports",
                                                "media_public_ip",
                                                "media_interfaces",
                                                "media_turn_urls",
                                                "media_turn_secret",
                                                "media_turn_port",
                                                "media_credential_seconds"};
  return keys;
}

std::string settingHelp(const std::string &key) {
  static const std::map<std::string, std::string> help = {
      {"listen", "HOST:PORT to serve on (default 127.0.0.1:8080; port 0: any free port)"},
      {"database", "sqlite:PATH (default sqlite:./data/kelisim.db) or postgresql://…"},
      {"data_dir", "folder for the server's files (default ./data)"},
      {"public_url", "how people reach the server (default http://localhost:8080)"},
      {"static_dir", "the built web front end (default web/dist)"},
      {"tls_cert", "PEM certificate chain; with tls_key: serve HTTPS"},
      {"tls_key", "PEM private key"},
      {"threads", "io threads (default 0: one per core)"},
      {"json_body_limit", "largest JSON request body in bytes (default 1048576)"},
      {"log_level", "trace, debug, info (default), warn or error"},
      {"password_hash", "interactive (default) or minimal (tests only)"},
      {"sign_in_per_minute", "sign-in attempts per address per minute (default 10)"},
      {"sign_up_per_minute", "sign-ups per address per minute (default 5)"},
      {"intake_per_minute", "new tickets per address per minute (default 30)"},
      {"room_writes_per_minute",
       "messages, notes and attachments per person per minute over HTTP (default 60)"},
      {"offer_timeout_seconds", "how long a specialist has to accept an offer (default 30)"},
      {"port_file", "write the bound port to this file"},
      {"smtp_url", "mail server, smtp://HOST:PORT or smtps://HOST:PORT (default none: mails "
                   "are written as files under data_dir/mail)"},
      {"smtp_user", "user name at the mail server"},
      {"smtp_password", "password at the mail server"},
      {"smtp_starttls", "true: require STARTTLS on smtp:// (default false)"},
      {"mail_from", "the address mails come from (default no-reply@localhost)"},
      {"mail_poll_ms", "how often the outbox is looked at, in milliseconds (default 2000)"},
      {"reminder_minutes", "how long before a booked slot its reminder is mailed (default 60)"},
      {"max_connections",
       "open connections in all (default 20000; keep it below the open-files limit)"},
      {"max_connections_per_address",
       "open connections per client address, IPv6 per /64 (default 256: carriers share "
       "addresses)"},
      {"ws_per_session", "WebSockets one session may hold open (default 8)"},
      {"header_timeout_seconds", "time for a request's header from its first byte (default 10)"},
      {"idle_timeout_seconds", "time a connection may wait for its next request (default 30)"},
      {"body_timeout_seconds",
       "time for a request's body, plus a second per 8 KiB it declares (default 30)"},
      {"trusted_proxies",
       "reverse proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For and "
       "X-Forwarded-Proto are believed (default: none)"},
      {"attachments_per_room", "files that may be attached in one consultation (default 100)"},
      {"attachment_megabytes_per_room",
       "MB that may be attached in one consultation (default 200)"},
      {"attachments_per_person_per_day", "files one person may attach in 24 hours (default 50)"},
      {"attachment_megabytes_per_person_per_day",
       "MB one person may attach in 24 hours (default 100)"},
      {"uploads_per_minute", "attachments one person may upload per minute (default 10)"},
      {"retention_days",
       "days a question's personal data are kept after it ends, then erased (default 365; 0: "
       "until the citizen erases them)"},
      {"operator_name",
       "the personal data operator named in the account consent text (default Kelisim)"},
      {"media_engine", "spawn (default: run Janus and coturn as children), external or off "
                       "(no calls, chat only)"},
      {"media_janus_socket", "external engine: path of the Janus pfunix transport's socket"},
      {"media_janus_secret", "external engine: the Janus api_secret"},
      {"media_janus_room_secret", "external engine: the VideoRoom plugin's admin_key"},
      {"media_rtp_ports", "UDP ports Janus uses for media, MIN-MAX (default 20000-20999)"},
      {"media_public_ip", "the public address browsers reach Janus and coturn on, when the "
                          "server is behind NAT (default: none)"},
      {"media_interfaces",
       "interfaces or addresses Janus offers candidates on, comma-separated (default: all)"},
      {"media_turn_urls", "TURN URLs given to browsers, comma-separated (default: "
                          "turn:<public_url host>:<media_turn_port> over UDP and TCP)"},
      {"media_turn_secret", "external coturn's static-auth-secret"},
      {"media_turn_port", "the port the spawned coturn listens on (default 3478)"},
      {"media_credential_seconds", "how long a TURN credential lasts (default 14400)"},
  };
  auto it = help.find(key);
  return it == help.end() ? key : it->second;
}

core::Status applySetting(Config &c, const std::string &key, const std::string &value) {
  if (key == "listen") {
    if (value.find(':') == std::string::npos) return bad(key, "expected HOST:PORT");
    c.listen = value;
  } else if (key == "database") {
    c.database = value;
  } else if (key == "data_dir") {
    c.data_dir = value;
  } else if (key == "public_url") {
    if (auto origin = transport::PublicOrigin::parse(value); !origin)
      return bad(key, origin.error().log);
    c.public_url = value;
  } else if (key == "static_dir") {
    c.static_dir = value;
  } else if (key == "tls_cert") {
    c.tls_cert = value;
  } else if (key == "tls_key") {
    c.tls_key = value;
  } else if (key == "threads") {
    if (!parseNumber(value, c.threads) || c.threads < 0 || c.threads > 256)
      return bad(key, "expected 0..256");
  } else if (key == "json_body_limit") {
    if (!parseNumber(value, c.json_body_limit) || c.json_body_limit < 1024)
      return bad(key, "expected a number of bytes, at least 1024");
  } else if (key == "log_level") {
    static const char *levels[] = {"trace", "debug", "info", "warn", "error"};
    if (std::find(std::begin(levels), std::end(levels), value) == std::end(levels))
      return bad(key, "expected trace, debug, info, warn or error");
    c.log_level = value;
  } else if (key == "password_hash") {
    if (value != "interactive" && value != "minimal")
      return bad(key, "expected interactive or minimal");
    c.password_hash = value;
  } else if (key == "sign_in_per_minute") {
    if (!parseNumber(value, c.sign_in_per_minute) || c.sign_in_per_minute < 1)
      return bad(key, "expected a positive number");
  } else if (key == "sign_up_per_minute") {
    if (!parseNumber(value, c.sign_up_per_minute) || c.sign_up_per_minute < 1)
      return bad(key, "expected a positive number");
  } else if (key == "intake_per_minute") {
    if (!parseNumber(value, c.intake_per_minute) || c.intake_per_minute < 1)
      return bad(key, "expected a positive number");
  } else if (key == "room_writes_per_minute") {
    if (!parseNumber(value, c.room_writes_per_minute) || c.room_writes_per_minute < 1)
      return bad(key, "expected a positive number");
  } else if (key == "offer_timeout_seconds") {
    if (!parseNumber(value, c.offer_timeout_seconds) || c.offer_timeout_seconds < 5 ||
        c.offer_timeout_seconds > 600)
      return bad(key, "expected 5..600");
  } else if (key == "port_file") {
    c.port_file = value;
  } else if (key == "smtp_url") {
    if (!value.empty() && value.rfind("smtp://", 0) != 0 && value.rfind("smtps://", 0) != 0)
      return bad(key, "expected smtp://HOST:PORT or smtps://HOST:PORT");
    c.smtp_url = value;
  } else if (key == "smtp_user") {
    c.smtp_user = value;
  } else if (key == "smtp_password") {
    c.smtp_password = value;
  } else if (key == "smtp_starttls") {
    if (value != "true" && value != "false") return bad(key, "expected true or false");
    c.smtp_starttls = value == "true";
  } else if (key == "mail_from") {
    if (value.find('@') == std::string::npos ||
        value.find_first_of("<>\r\n \"") != std::string::npos)
      return bad(key, "expected an e-mail address");
    c.mail_from = value;
  } else if (key == "mail_poll_ms") {
    if (!parseNumber(value, c.mail_poll_ms) || c.mail_poll_ms < 50 || c.mail_poll_ms > 600000)
      return bad(key, "expected 50..600000");
  } else if (key == "reminder_minutes") {
    if (!parseNumber(value, c.reminder_minutes) || c.reminder_minutes < 0 ||
        c.reminder_minutes > 7 * 24 * 60)
      return bad(key, "expected 0..10080");
  } else if (key == "max_connections") {
    if (!parseNumber(value, c.max_connections) || c.max_connections < 1 ||
        c.max_connections > 1000000)
      return bad(key, "expected 1..1000000");
  } else if (key == "max_connections_per_address") {
    if (!parseNumber(value, c.max_connections_per_address) || c.max_connections_per_address < 1)
      return bad(key, "expected a positive number");
  } else if (key == "ws_per_session") {
    if (!parseNumber(value, c.ws_per_session) || c.ws_per_session < 1 || c.ws_per_session > 1000)
      return bad(key, "expected 1..1000");
  } else if (key == "header_timeout_seconds") {
    if (!parseNumber(value, c.header_timeout_seconds) || c.header_timeout_seconds < 1 ||
        c.header_timeout_seconds > 600)
      return bad(key, "expected 1..600");
  } else if (key == "idle_timeout_seconds") {
    if (!parseNumber(value, c.idle_timeout_seconds) || c.idle_timeout_seconds < 1 ||
        c.idle_timeout_seconds > 3600)
      return bad(key, "expected 1..3600");
  } else if (key == "body_timeout_seconds") {
    if (!parseNumber(value, c.body_timeout_seconds) || c.body_timeout_seconds < 1 ||
        c.body_timeout_seconds > 3600)
      return bad(key, "expected 1..3600");
  } else if (key == "trusted_proxies") {
    if (auto proxies = transport::TrustedProxies::parse(value); !proxies)
      return bad(key, proxies.error().log);
    c.trusted_proxies = value;
  } else if (key == "attachments_per_room") {
    if (!parseNumber(value, c.attachments_per_room) || c.attachments_per_room < 1)
      return bad(key, "expected a positive number");
  } else if (key == "attachment_megabytes_per_room") {
    if (!parseNumber(value, c.attachment_megabytes_per_room) || c.attachment_megabytes_per_room < 1)
      return bad(key, "expected a positive number");
  } else if (key == "attachments_per_person_per_day") {
    if (!parseNumber(value, c.attachments_per_person_per_day) ||
        c.attachments_per_person_per_day < 1)
      return bad(key, "expected a positive number");
  } else if (key == "attachment_megabytes_per_person_per_day") {
    if (!parseNumber(value, c.attachment_megabytes_per_person_per_day) ||
        c.attachment_megabytes_per_person_per_day < 1)
      return bad(key, "expected a positive number");
  } else if (key == "uploads_per_minute") {
    if (!parseNumber(value, c.uploads_per_minute) || c.uploads_per_minute < 1)
      return bad(key, "expected a positive number");
  } else if (key == "retention_days") {
    if (!parseNumber(value, c.retention_days) || c.retention_days < 0 || c.retention_days > 36500)
      return bad(key, "expected 0..36500");
  } else if (key == "operator_name") {
    if (value.empty() || value.size() > 200 || value.find_first_of("\r\n") != std::string::npos)
      return bad(key, "expected a name of at most 200 characters");
    c.operator_name = value;
  } else if (key == "media_engine") {
    if (value != "spawn" && value != "external" && value != "off")
      return bad(key, "expected spawn, external or off");
    c.media_engine = value;
  } else if (key == "media_janus_socket") {
    c.media_janus_socket = value;
  } else if (key == "media_janus_secret") {
    c.media_janus_secret = value;
  } else if (key == "media_janus_room_secret") {
    c.media_janus_room_secret = value;
  } else if (key == "media_rtp_ports") {
    const auto dash = value.find('-');
    int low = 0, high = 0;
    if (dash == std::string::npos || !parseNumber(value.substr(0, dash), low) ||
        !parseNumber(value.substr(dash + 1), high) || low < 1024 || high > 65535 || low >= high)
      return bad(key, "expected MIN-MAX, 1024..65535");
    c.media_rtp_ports = value;
  } else if (key == "media_public_ip") {
    c.media_public_ip = value;
  } else if (key == "media_interfaces") {
    c.media_interfaces = value;
  } else if (key == "media_turn_urls") {
    c.media_turn_urls = value;
  } else if (key == "media_turn_secret") {
    c.media_turn_secret = value;
  } else if (key == "media_turn_port") {
    if (!parseNumber(value, c.media_turn_port) || c.media_turn_port < 1 ||
        c.media_turn_port > 65535)
      return bad(key, "expected a port, 1..65535");
  } else if (key == "media_credential_seconds") {
    if (!parseNumber(value, c.media_credential_seconds) || c.media_credential_seconds < 60 ||
        c.media_credential_seconds > 86400)
      return bad(key, "expected 60..86400 seconds");
  } else {
    return bad(key, "unknown setting");
  }
  return core::okStatus();
}

core::Status applyTomlFile(Config &c, const std::string &path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error &e) {
    return Error::make(ErrorCode::validation_failed,
                       "config file " + path + ": " + std::string(e.description()));
  }
  // A [media] table's keys are the media_* settings: [media] engine = "off".
  std::vector<std::pair<std::string, const toml::node *>> entries;
  for (const auto &[k, node] : table) {
    if (const auto *section = node.as_table(); section && k.str() == "media") {
      for (const auto &[sub, inner] : *section)
        entries.emplace_back("media_" + std::string(sub.str()), &inner);
    } else {
      entries.emplace_back(std::string(k.str()), &node);
    }
  }
  for (const auto &[key, node_ptr] : entries) {
    const toml::node &node = *node_ptr;
    std::string value;
    if (auto s = node.value<std::string>())
      value = *s;
    else if (auto i = node.value<int64_t>())
      value = std::to_string(*i);
    else if (auto b = node.value<bool>())
      value = *b ? "true" : "false";
    else if (const auto *list = node.as_array()) {
      // trusted_proxies = ["10.0.0.0/8", "::1"]
      for (const auto &item : *list) {
        auto text = item.value<std::string>();
        if (!text) return bad(key, "expected a list of strings");
        value += (value.empty() ? "" : ",") + *text;
      }
    } else
      return bad(key, "expected a string or a number");
    if (auto st = applySetting(c, key, value); !st) return st;
  }
  return core::okStatus();
}

core::Status applyEnvironment(Config &c, char **environment) {
  for (const auto &key : settingKeys()) {
    std::string name = "KELISIM_" + key;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char ch) { return std::toupper(ch); });
    for (char **e = environment; e && *e; ++e) {
      std::string_view entry(*e);
      if (entry.size() > name.size() && entry.starts_with(name) && entry[name.size()] == '=') {
        if (auto st = applySetting(c, key, std::string(entry.substr(name.size() + 1))); !st)
          return st;
      }
    }
  }
  return core::okStatus();
}

} // namespace kelisim::config
