#include "app/sodium_random.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kelisim::app {
namespace {

// Bytes come from a per-thread pool refilled from the kernel: across many refills every value
// is fresh, of the asked length and in lowercase hex.
TEST(SodiumRandom, GivesFreshHexOfTheAskedLengthAcrossRefills) {
  SodiumRandom random;
  std::set<std::string> seen;
  for (int i = 0; i < 3000; ++i) { // 3000 × 26 bytes: about 19 refills of the pool
    auto h = random.hex(26);
    ASSERT_EQ(h.size(), 52u);
    ASSERT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
    seen.insert(std::move(h));
  }
  EXPECT_EQ(seen.size(), 3000u);
  EXPECT_EQ(random.hex(5000).size(), 10000u); // more than the pool holds: drawn directly
  EXPECT_NE(random.hex(16), random.hex(16));
}

} // namespace
} // namespace kelisim::app
