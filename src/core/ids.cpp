#include "core/ids.hpp"

#include <cstdint>

namespace kelisim::core {

std::string newId(Time now, Random &random) {
  return newToken(now, random, 6);
}

std::string newToken(Time now, Random &random, std::size_t bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto ms = static_cast<std::uint64_t>(toMillis(now));
  std::string id(12, '0');
  for (int i = 11; i >= 0; --i)
    id[static_cast<std::size_t>(i)] = kHex[(ms >> (4 * (11 - i))) & 0xf];
  return id + random.hex(bytes);
}

} // namespace kelisim::core
