#include "storage/list_codec.hpp"

#include <gtest/gtest.h>

namespace kelisim::storage {

TEST(ListCodec, RoundTripsWordsKindsAndLanguages) {
  EXPECT_EQ(encodeWords({"family", "civil"}), "family,civil");
  EXPECT_EQ(decodeWords("family,civil"), (std::vector<std::string>{"family", "civil"}));
  EXPECT_TRUE(decodeWords("").empty());
  EXPECT_EQ(decodeWords(",a,,b,"), (std::vector<std::string>{"a", "b"}));
  using core::SpecialistKind;
  std::vector kinds{SpecialistKind::lawyer, SpecialistKind::anticorruption};
  EXPECT_EQ(decodeKinds(encodeKinds(kinds)), kinds);
  EXPECT_EQ(decodeKinds("lawyer,astronaut"), std::vector{SpecialistKind::lawyer});
  std::vector langs{core::Language::kk, core::Language::en};
  EXPECT_EQ(decodeLanguages(encodeLanguages(langs)), langs);
}

TEST(ListCodec, RoundTripsChannelsHoursAndHolidays) {
  using core::reception::Channel;
  std::vector channels{Channel::chat, Channel::video, Channel::phone};
  EXPECT_EQ(encodeChannels(channels), "chat,video,phone");
  EXPECT_EQ(decodeChannels("chat,carrier-pigeon,voice"),
            (std::vector{Channel::chat, Channel::voice}));

  using core::reception::WeeklyHours;
  std::vector<WeeklyHours> hours{{1, 540, 1080}, {2, 540, 1080}, {6, 0, 1440}};
  EXPECT_EQ(encodeHours(hours), "1:540-1080,2:540-1080,6:0-1440");
  EXPECT_EQ(decodeHours(encodeHours(hours)), hours);
  EXPECT_TRUE(decodeHours("").empty());
  EXPECT_EQ(decodeHours("1:540-1080,x:1-2,3:5,4-1:2,5:1-2x,7:60-120"),
            (std::vector<WeeklyHours>{{1, 540, 1080}, {7, 60, 120}}));

  std::vector<std::string> holidays{"2026-03-21", "2026-12-16"};
  EXPECT_EQ(decodeWords(encodeWords(holidays)), holidays);
}

TEST(ListCodec, RoundTripsMailParamsWhateverTheyHold) {
  const std::map<std::string, std::string> params{
      {"link", "https://kelisim.kz/set-password#abc=def"},
      {"name", "Әлия \\ Нұрлан\nекі жол"},
      {"a=b", "x\\ny"},
      {"empty", ""}};
  EXPECT_EQ(decodeParams(encodeParams(params)), params);
  EXPECT_TRUE(decodeParams("").empty());
  EXPECT_EQ(decodeParams("half"), (std::map<std::string, std::string>{}));
}

} // namespace kelisim::storage
