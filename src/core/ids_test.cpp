#include "core/ids.hpp"

#include <gtest/gtest.h>

namespace kelisim::core {
namespace {

class CountingRandom final : public Random {
public:
  std::string hex(std::size_t bytes) override {
    std::string out(2 * bytes, '0');
    out.back() = static_cast<char>('0' + (next_++ % 10));
    return out;
  }

private:
  int next_ = 0;
};

TEST(Ids, AreTheTimeInHexThenRandom) {
  CountingRandom random;
  const auto id = newId(fromMillis(0x0123456789ab), random);
  EXPECT_EQ(id, "0123456789ab000000000000");
  EXPECT_EQ(id.size(), 24u);
}

TEST(Ids, SortByCreationTime) {
  CountingRandom random;
  const auto earlier = newId(fromMillis(1'764'000'000'000), random);
  const auto later = newId(fromMillis(1'764'000'000'001), random);
  EXPECT_LT(earlier, later);
}

TEST(Tokens, AreTheTimeInHexThenTheRandomBytes) {
  CountingRandom random;
  const auto token = newToken(fromMillis(0x0123456789ab), random, 26);
  EXPECT_EQ(token.size(), 12u + 52u);
  EXPECT_EQ(token.substr(0, 12), "0123456789ab");
  EXPECT_LT(newToken(fromMillis(1), random, 18), newToken(fromMillis(2), random, 18));
}

} // namespace
} // namespace kelisim::core
