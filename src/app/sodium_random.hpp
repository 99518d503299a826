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

// Lowercase hex SHA-256 of `text`: how session tokens are stored.
std::string sha256Hex(std::string_view text);

} // namespace kelisim::app
