#include "transport/http/origin.hpp"

#include <algorithm>
#include <cctype>

namespace kelisim::transport {

std::optional<std::string> normaliseOrigin(std::string_view url) {
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) return std::nullopt;
  std::string scheme(url.substr(0, sep));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (scheme != "http" && scheme != "https") return std::nullopt;
  auto authority = url.substr(sep + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (authority.empty() || authority.find('@') != std::string_view::npos) return std::nullopt;
  // The port follows the last colon, unless that colon is inside an IPv6 literal.
  std::string_view host = authority, port;
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos &&
      (authority.front() != '[' || authority.find(']') < colon)) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.size() > 5 || !std::all_of(port.begin(), port.end(),
                                        [](unsigned char c) { return std::isdigit(c) != 0; }))
      return std::nullopt;
  }
  if (host.empty()) return std::nullopt;
  const bool literal6 = host.front() == '[' && host.back() == ']';
  for (unsigned char c : literal6 ? host.substr(1, host.size() - 2) : host)
    if (!(std::isalnum(c) || c == '.' || c == '-' || (literal6 && c == ':'))) return std::nullopt;
  std::string out = scheme + "://";
  for (unsigned char c : host) out += static_cast<char>(std::tolower(c));
  const bool default_port =
      port.empty() || (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  if (!default_port) out += ":" + std::string(port);
  return out;
}

core::Result<PublicOrigin> PublicOrigin::parse(std::string_view public_url) {
  auto origin = normaliseOrigin(public_url);
  if (!origin)
    return core::Error::make(core::ErrorCode::validation_failed,
                             "expected http(s)://host[:port][/path]");
  PublicOrigin out;
  out.origin_ = std::move(*origin);
  return out;
}

void PublicOrigin::bound(unsigned short port) {
  // A port is the only place a normalised origin ends in ":0".
  if (origin_.ends_with(":0"))
    origin_ = origin_.substr(0, origin_.size() - 1) + std::to_string(port);
}

bool PublicOrigin::allows(std::string_view origin_header) const {
  if (origin_header.empty()) return true;
  auto origin = normaliseOrigin(origin_header);
  // An Origin is only ever scheme://host[:port]; anything after that is not a browser's.
  return origin && *origin == origin_ &&
         origin_header.substr(origin_header.find("://") + 3).find('/') == std::string_view::npos;
}

} // namespace kelisim::transport
