// Randomness the services draw ids and secrets from. The production implementation uses
// libsodium (app/sodium_random.hpp); tests may use a deterministic one.
#pragma once

#include <string>

namespace kelisim::core {

class Random {
public:
  virtual ~Random() = default;
  // `bytes` random bytes encoded as lowercase hex (2*bytes characters).
  virtual std::string hex(std::size_t bytes) = 0;
};

} // namespace kelisim::core
