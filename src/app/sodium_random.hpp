// Random ids and secrets from libsodium's CSPRNG; and SHA-256 for storing tokens hashed.
#pragma once

#include "core/ports/random.hpp"

#include <string>
#include <string_view>

namespace kelisim::app {

class SodiumRandom final : public core::Random {
public:
  SodiumRandom();
  std::string hex(std::size_t bytes) override;
};

// Lowercase hex SHA-256 of `text`.
std::string sha256Hex(std::string_view text);
// How a secret token (core::newToken) is stored and looked up: its first 12 characters (its
// creation time: new rows land at the end of the index) and the SHA-256 of the whole token.
std::string tokenKey(std::string_view token);
// How tokens were stored before tokenKey (a plain SHA-256): looked up too when the new key
// finds nothing, so sessions and return links given out before still work.
inline std::string legacyTokenKey(std::string_view token) {
  return sha256Hex(token);
}

} // namespace kelisim::app
