#include "core/conference/stage.hpp"

#include <gtest/gtest.h>

namespace kelisim::core::conference {
namespace {

Person person(std::string id, Part part) {
  return Person{id, "Name " + id, part, {}};
}
Entered at(Result<Entered> r) {
  return *r;
}
const Time kAt = Time{} + std::chrono::hours(1);

TEST(ConferenceStage, ModeratorsTakeTheStageOthersTheAudienceGuestsWait) {
  Stage s;
  EXPECT_EQ(at(enter(s, person("m", Part::moderator))), Entered::stage);
  EXPECT_EQ(at(enter(s, person("sp", Part::speaker))), Entered::audience);
  EXPECT_EQ(at(enter(s, person("g", Part::guest))), Entered::lobby);
  EXPECT_EQ(s.present.size(), 2u);
  ASSERT_EQ(s.lobby.size(), 1u);
  EXPECT_EQ(s.speakers, std::vector<std::string>{"m"});
  // Coming back (another tab) keeps the place and adds nobody.
  EXPECT_EQ(at(enter(s, person("m", Part::moderator))), Entered::stage);
  EXPECT_EQ(at(enter(s, person("g", Part::guest))), Entered::lobby);
  EXPECT_EQ(s.present.size(), 2u);
  EXPECT_EQ(s.lobby.size(), 1u);
}

TEST(ConferenceStage, OnlyAModeratorLetsGuestsInAndOnceInTheyDoNotWaitAgain) {
  Stage s;
  ASSERT_TRUE(enter(s, person("m", Part::moderator)));
  ASSERT_TRUE(enter(s, person("sp", Part::speaker)));
  ASSERT_TRUE(enter(s, person("g", Part::guest)));
  EXPECT_EQ(admit(s, "sp", "g").error().code, ErrorCode::forbidden);
  EXPECT_EQ(admit(s, "m", "nobody").error().code, ErrorCode::not_found);
  ASSERT_TRUE(admit(s, "m", "g"));
  EXPECT_TRUE(s.lobby.empty());
  EXPECT_NE(s.find("g"), nullptr);
  leave(s, "g");
  EXPECT_EQ(at(enter(s, person("g", Part::guest))), Entered::audience);
}

TEST(ConferenceStage, ADeniedGuestIsRefusedWhenComingBack) {
  Stage s;
  ASSERT_TRUE(enter(s, person("m", Part::moderator)));
  ASSERT_TRUE(enter(s, person("g", Part::guest)));
  ASSERT_TRUE(deny(s, "m", "g"));
  EXPECT_EQ(enter(s, person("g", Part::guest)).error().code, ErrorCode::forbidden);
}

TEST(ConferenceStage, TheStageHoldsSixAtMost) {
  Stage s;
  ASSERT_TRUE(enter(s, person("m", Part::moderator)));
  for (int i = 0; i < 7; ++i) ASSERT_TRUE(enter(s, person("a" + std::to_string(i), Part::speaker)));
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(toStage(s, "m", "a" + std::to_string(i)));
  EXPECT_EQ(s.speakers.size(), 6u);
  auto full = toStage(s, "m", "a5");
  ASSERT_FALSE(full);
  ASSERT_EQ(full.error().fields.size(), 1u);
  EXPECT_EQ(full.error().fields[0].code, "stage_full");
  EXPECT_FALSE(s.onStage("a5"));
  // One steps down of their own accord: the place is free again.
  ASSERT_TRUE(toAudience(s, "a0", "a0"));
  ASSERT_TRUE(toStage(s, "m", "a5"));
  EXPECT_EQ(s.speakers.size(), 6u);
  // A moderator coming when the stage is full waits in the audience.
  EXPECT_EQ(at(enter(s, person("m2", Part::moderator))), Entered::audience);
}

TEST(ConferenceStage, RaisedHandsInTheOrderRaisedAndDownOnceOnStage) {
  Stage s;
  ASSERT_TRUE(enter(s, person("m", Part::moderator)));
  ASSERT_TRUE(enter(s, person("a", Part::speaker)));
  ASSERT_TRUE(enter(s, person("b", Part::speaker)));
  ASSERT_TRUE(hand(s, "b", true, kAt));
  ASSERT_TRUE(hand(s, "a", true, kAt + std::chrono::seconds(5)));
  ASSERT_TRUE(hand(s, "b", true, kAt + std::chrono::seconds(9))); // keeps its place
  auto raised = hands(s);
  ASSERT_EQ(raised.size(), 2u);
  EXPECT_EQ(raised[0]->user_id, "b");
  EXPECT_EQ(raised[1]->user_id, "a");
  EXPECT_EQ(hand(s, "m", true, kAt).error().code, ErrorCode::conflict); // on the stage
  EXPECT_EQ(hand(s, "stranger", true, kAt).error().code, ErrorCode::not_found);
  ASSERT_TRUE(toStage(s, "m", "b"));
  EXPECT_EQ(hands(s).size(), 1u);
  ASSERT_TRUE(hand(s, "a", false, kAt));
  EXPECT_TRUE(hands(s).empty());
}

TEST(ConferenceStage, MuteIsTheModeratorsAndOnlyForSpeakersOnStage) {
  Stage s;
  ASSERT_TRUE(enter(s, person("m", Part::moderator)));
  ASSERT_TRUE(enter(s, person("a", Part::speaker)));
  EXPECT_EQ(mute(s, "m", "a", true).error().code, ErrorCode::not_found);
  ASSERT_TRUE(toStage(s, "m", "a"));
  EXPECT_EQ(mute(s, "a", "m", true).error().code, ErrorCode::forbidden);
  ASSERT_TRUE(mute(s, "m", "a", true));
  EXPECT_TRUE(s.muted.contains("a"));
  ASSERT_TRUE(toAudience(s, "m", "a"));
  EXPECT_FALSE(s.muted.contains("a"));
}

TEST(ConferenceStage, RemovalSendsAwayForGoodButNeverAModerator) {
  Stage s;
  ASSERT_TRUE(enter(s, person("m", Part::moderator)));
  ASSERT_TRUE(enter(s, person("m2", Part::moderator)));
  ASSERT_TRUE(enter(s, person("a", Part::speaker)));
  ASSERT_TRUE(toStage(s, "m", "a"));
  EXPECT_EQ(remove(s, "a", "m").error().code, ErrorCode::forbidden);
  EXPECT_EQ(remove(s, "m", "m2").error().code, ErrorCode::forbidden);
  ASSERT_TRUE(remove(s, "m", "a"));
  EXPECT_FALSE(s.onStage("a"));
  EXPECT_EQ(s.find("a"), nullptr);
  EXPECT_EQ(enter(s, person("a", Part::speaker)).error().code, ErrorCode::forbidden);
}

TEST(ConferenceStage, OnlyAModeratorWhoIsPresentActsAsOne) {
  Stage s;
  ASSERT_TRUE(enter(s, person("m", Part::moderator)));
  ASSERT_TRUE(enter(s, person("a", Part::speaker)));
  leave(s, "m");
  EXPECT_EQ(toStage(s, "m", "a").error().code, ErrorCode::forbidden);
  EXPECT_TRUE(s.speakers.empty());
}

} // namespace
} // namespace kelisim::core::conference
