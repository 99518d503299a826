#include "transport/ws/place_fanout.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace kelisim::transport {
namespace {

using std::chrono::seconds;

// What the fan-out sent before it wrote the text itself.
std::string viaJson(const std::string &ticket_id, std::size_t place,
                    std::optional<seconds> estimated_wait) {
  boost::json::object event{
      {"type", "place"}, {"ticket_id", ticket_id}, {"place", static_cast<std::int64_t>(place)}};
  event["estimated_wait_seconds"] =
      estimated_wait ? boost::json::value(static_cast<std::int64_t>(estimated_wait->count()))
                     : nullptr;
  return boost::json::serialize(event);
}

TEST(PlaceMessage, TheTextForOneCitizen) {
  EXPECT_EQ(placeMessage("0f3a9c2e41b7d8e6a5c4b3a2", 17, seconds(1020)),
            R"({"type":"place","ticket_id":"0f3a9c2e41b7d8e6a5c4b3a2","place":17,)"
            R"("estimated_wait_seconds":1020})");
}

TEST(PlaceMessage, NoEstimateIsNull) {
  EXPECT_EQ(placeMessage("ab12", 1, std::nullopt),
            R"({"type":"place","ticket_id":"ab12","place":1,"estimated_wait_seconds":null})");
}

TEST(PlaceMessage, SameBytesAsTheJsonObject) {
  const std::string ids[] = {"", "0123456789abcdef01234567", "ticket-1", "T_9"};
  const std::size_t places[] = {0, 1, 999, 18000, std::numeric_limits<std::int64_t>::max()};
  const std::optional<seconds> waits[] = {std::nullopt, seconds(0), seconds(600), seconds(-5),
                                          seconds(1'000'000'000'000)};
  for (const auto &id : ids)
    for (auto place : places)
      for (auto wait : waits)
        EXPECT_EQ(placeMessage(id, place, wait), viaJson(id, place, wait)) << id << ' ' << place;
}

TEST(PlaceMessage, AnIdThatNeedsEscapingIsEscaped) {
  const std::string ids[] = {"a\"b",        "back\\slash", "line\nbreak", std::string("nul\0x", 5),
                             "caf\xc3\xa9", "</script>",   "\x7f"};
  for (const auto &id : ids) {
    const auto text = placeMessage(id, 3, seconds(60));
    EXPECT_EQ(text, viaJson(id, 3, seconds(60)));
    auto parsed = boost::json::parse(text);
    EXPECT_EQ(parsed.at("ticket_id").as_string(), id);
  }
}

} // namespace
} // namespace kelisim::transport
