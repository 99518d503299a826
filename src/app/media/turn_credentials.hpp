// TURN credentials in coturn's REST scheme (use-auth-secret): the user name is
// "<expiry, Unix seconds>:<who>" and the password base64(HMAC-SHA1(secret, user name)), so
// coturn checks them with the shared secret alone and refuses them once expired. Given only
// to people about to join media (see MediaService); never stored.
#pragma once

#include "core/time.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace kelisim::app::media {

struct TurnSettings {
  std::vector<std::string> urls; // turn:HOST:PORT?transport=udp, …; empty: no TURN
  std::string secret;            // coturn's static-auth-secret
  std::chrono::seconds lifetime{14400};
};

// One entry of RTCConfiguration.iceServers.
struct IceServer {
  std::vector<std::string> urls;
  std::string username;
  std::string credential;
};

IceServer turnCredentials(const TurnSettings &settings, const std::string &who, core::Time now);

// coturn's password for a user name: base64(HMAC-SHA1(secret, user name)).
std::string turnPassword(const std::string &secret, const std::string &user_name);

} // namespace kelisim::app::media
