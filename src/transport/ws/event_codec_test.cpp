#include "transport/ws/event_codec.hpp"

#include <gtest/gtest.h>

namespace kelisim::transport {
namespace {

using app::reception::Event;

TEST(EventCodec, EveryTypeRoundTrips) {
  for (int t = 0; t <= static_cast<int>(Event::Type::access); ++t) {
    Event e{static_cast<Event::Type>(t), "id-1"};
    e.seq = 42;
    e.ticket_id = "ticket-1";
    e.user_id = "user-1";
    e.session = "session-1";
    auto back = decodeEvent(encodeEvent(e));
    ASSERT_TRUE(back) << t;
    EXPECT_EQ(back->type, e.type);
    EXPECT_EQ(back->id, "id-1");
    EXPECT_EQ(back->seq, 42);
    EXPECT_EQ(back->ticket_id, "ticket-1");
    EXPECT_EQ(back->user_id, "user-1");
    EXPECT_EQ(back->session, "session-1");
  }
}

TEST(EventCodec, RefusesWhatIsNotAnEvent) {
  EXPECT_FALSE(decodeEvent(""));
  EXPECT_FALSE(decodeEvent("[]"));
  EXPECT_FALSE(decodeEvent(R"({"t":"dance","id":"x"})"));
  EXPECT_FALSE(decodeEvent(R"({"t":5})"));
  EXPECT_FALSE(decodeEvent(R"({"id":"x"})"));
  auto sparse = decodeEvent(R"({"t":"room","id":7,"seq":"x"})");
  ASSERT_TRUE(sparse);
  EXPECT_EQ(sparse->id, "");
  EXPECT_EQ(sparse->seq, 0);
}

} // namespace
} // namespace kelisim::transport
