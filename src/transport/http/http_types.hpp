// The transport's own request and response values. Handlers and middleware see only these,
// never Beast, so that Beast stays in http/server.cpp (it is slow to compile).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kelisim::transport {

struct HttpRequest {
  std::string method; // "GET", "POST", …
  std::string target; // as received, with the query
  std::string path;   // percent-decoded, without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers; // names lower-cased
  std::string body;
  std::string remote_ip;
  std::string request_id;
  bool tls = false;
  std::map<std::string, std::string> params; // filled by the router from {name} segments
  bool admitted = false; // an upload checked before its body was read (Api::admitUpload)

  std::string_view header(const std::string &lower_name) const;
  std::optional<std::string> cookie(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string route; // the route pattern that answered, for metrics and logs

  void set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Splits "/a/b?x=1&y=%20" into a decoded path and query map; nullopt if malformed.
std::optional<std::pair<std::string, std::map<std::string, std::string>>>
splitTarget(std::string_view target);

} // namespace kelisim::transport
