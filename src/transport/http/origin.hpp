// The one web origin the server answers browsers for: scheme, host and port of `public_url`.
// A state-changing request or a /ws upgrade whose Origin header names another origin comes
// from another site's page (CSRF, cross-site WebSocket hijacking, DNS rebinding: there the
// Host header agrees with the attacker's Origin, so comparing with Host is not enough). Pure.
#pragma once

#include "core/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kelisim::transport {

// "HTTPS://Example.kz:443/path" → "https://example.kz"; the default port dropped, case folded.
// nullopt unless http(s) with a host (no user info).
std::optional<std::string> normaliseOrigin(std::string_view url);

class PublicOrigin {
public:
  // From `public_url`; a port of 0 there stands for the port the server binds (tests).
  static core::Result<PublicOrigin> parse(std::string_view public_url);
  // Fills in the port of a "…:0" public_url once the server is bound.
  void bound(unsigned short port);

  const std::string &text() const { return origin_; }
  bool https() const { return origin_.starts_with("https:"); }
  // An absent Origin is allowed (clients that are not browsers send none); any other must be
  // ours exactly ("null" included: never ours).
  bool allows(std::string_view origin_header) const;

private:
  std::string origin_ = "http://localhost:8080";
};

} // namespace kelisim::transport
