#include "storage/figure_tally_codec.hpp"

#include <gtest/gtest.h>

namespace kelisim::storage {

using core::reception::FigureTally;

TEST(FigureTallyCodec, RoundTripsEveryCountAndHostileKeys) {
  FigureTally t;
  t.served = 40;
  t.no_show = 3;
  t.abandoned = 2;
  t.by_category = {{"family", 20}, {"a%0A b\nc\r%", 1}, {"", 2}};
  t.by_kind = {{"lawyer", 30}, {"mediator", 12}};
  t.by_region = {{"KZ-71", 40}};
  t.by_channel = {{"chat", 39}, {"phone", 1}};
  t.by_outcome = {{"advice_given", 25}};
  t.waits = {{0, 2}, {61, 30}, {1800, 8}};
  t.ratings = {{1, 1}, {5, 9}};
  t.by_call = {{"call", 12}, {"fell_back", 3}, {"relayed", 4}};
  t.call_minutes = {{0, 1}, {7, 10}, {45, 1}};
  const std::string text = encodeTally(t);
  EXPECT_EQ(decodeTally(text), t) << text;
  EXPECT_EQ(decodeTally(encodeTally(FigureTally())), FigureTally());
}

TEST(FigureTallyCodec, WhatDoesNotReadBackWholeIsNothing) {
  const std::string good = encodeTally(FigureTally());
  for (std::string_view bad : {"", "figures 2\ns 1 0 0\n", "figures 1\n", "figures 1\ns 1 0\n",
                               "figures 1\ns 1 0 0\nw 5:1,\n", "figures 1\ns 1 0 0\nc 1 a%zz\n",
                               "figures 1\ns 1 0 0\nx 1 a\n", "figures 1\ns 1 0 0\nc x a\n"})
    EXPECT_EQ(decodeTally(bad), std::nullopt) << bad;
  EXPECT_TRUE(decodeTally(good));
}

} // namespace kelisim::storage
