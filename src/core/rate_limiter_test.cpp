#include "core/rate_limiter.hpp"

#include <gtest/gtest.h>

namespace kelisim::core {

using namespace std::chrono_literals;

TEST(RateLimiter, AllowsBurstThenRefills) {
  RateLimiter limiter(/*per_minute=*/60, /*burst=*/3);
  Time t = fromMillis(1'000'000);
  EXPECT_TRUE(limiter.allow("a", t));
  EXPECT_TRUE(limiter.allow("a", t));
  EXPECT_TRUE(limiter.allow("a", t));
  EXPECT_FALSE(limiter.allow("a", t));
  EXPECT_EQ(limiter.retryAfterSeconds("a", t), 1);
  EXPECT_TRUE(limiter.allow("b", t)) << "keys are independent";
  EXPECT_TRUE(limiter.allow("a", t + 1s));
  EXPECT_FALSE(limiter.allow("a", t + 1s));
}

TEST(RateLimiter, MemoryStaysBounded) {
  RateLimiter limiter(60, 1, /*max_keys=*/10);
  Time t = fromMillis(0);
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(limiter.allow("k" + std::to_string(i), t));
}

} // namespace kelisim::core
