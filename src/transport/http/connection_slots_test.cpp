#include "transport/http/connection_slots.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace kelisim::transport {

TEST(ConnectionSlots, RefusesPastTheCapAndForgetsEmptyKeys) {
  ConnectionSlots slots;
  EXPECT_TRUE(slots.tryTake("a", 2));
  EXPECT_TRUE(slots.tryTake("a", 2));
  EXPECT_FALSE(slots.tryTake("a", 2));
  EXPECT_TRUE(slots.tryTake("b", 2)) << "another key has its own slots";
  EXPECT_EQ(slots.held("a"), 2);
  slots.give("a");
  EXPECT_TRUE(slots.tryTake("a", 2));
  slots.give("a");
  slots.give("a");
  slots.give("b");
  EXPECT_EQ(slots.keys(), 0u);
  EXPECT_FALSE(slots.tryTake("c", 0));
  EXPECT_EQ(slots.keys(), 0u) << "a refusal leaves nothing behind";
  slots.give("unknown"); // harmless
}

TEST(ConnectionSlots, ConcurrentTakersNeverPassTheCap) {
  ConnectionSlots slots;
  std::atomic<int> taken{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i)
        if (slots.tryTake("x", 100)) ++taken;
    });
  for (auto &t : threads) t.join();
  EXPECT_EQ(taken.load(), 100);
  EXPECT_EQ(slots.held("x"), 100);
}

} // namespace kelisim::transport
