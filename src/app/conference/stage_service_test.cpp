#include "app/conference/stage_fixture.hpp"

namespace kelisim::app::conference {
namespace {

using namespace conference::testing;

TEST_F(StageServiceTest, OutsidersAreRefusedAndGuestsWaitForAModerator) {
  EXPECT_EQ(run(stage.enter(who("stranger"), "c1")).error().code, core::ErrorCode::not_found);
  EXPECT_EQ(run(stage.enter(who("mod"), "other")).error().code, core::ErrorCode::not_found);
  EXPECT_EQ(place(run(stage.enter(who("judge", 1), "c1"))), Entered::lobby);
  // Waiting in the lobby gives no way into the call.
  EXPECT_EQ(run(calls.watch(who("judge", 1), room)).error().code, core::ErrorCode::not_found);
  EXPECT_EQ(place(run(stage.enter(who("mod"), "c1"))), Entered::stage);
  EXPECT_EQ(run(stage.admit(who("lawyer"), "c1", "judge")).error().code,
            core::ErrorCode::forbidden);
  ASSERT_TRUE(run(stage.admit(who("mod"), "c1", "judge")));
  EXPECT_EQ(personal, std::vector<std::string>{"judge admitted"});
  EXPECT_TRUE(run(calls.watch(who("judge", 1), room)));
  EXPECT_EQ(views.back().audience, 1u);
  EXPECT_EQ(views.back().speakers.size(), 1u);
}

TEST_F(StageServiceTest, OnlyTheStagePublishesAndBackInTheAudienceThePublicationEnds) {
  ASSERT_TRUE(run(stage.enter(who("mod"), "c1")));
  ASSERT_TRUE(run(stage.enter(who("lawyer", 1), "c1")));
  ASSERT_TRUE(run(calls.publish(who("mod"), room, kOffer)));
  engine.connected(engine.next);
  EXPECT_EQ(run(calls.publish(who("lawyer", 1), room, kOffer)).error().code,
            core::ErrorCode::forbidden);
  ASSERT_TRUE(run(calls.watch(who("lawyer", 1), room)));
  ASSERT_TRUE(run(stage.hand(who("lawyer", 1), "c1", true)));
  ASSERT_EQ(views.back().hands.size(), 1u);
  ASSERT_TRUE(run(stage.toStage(who("mod"), "c1", "lawyer")));
  EXPECT_TRUE(views.back().hands.empty());
  ASSERT_TRUE(run(calls.publish(who("lawyer", 1), room, kOffer)));
  engine.connected(engine.next);
  ASSERT_TRUE(run(stage.mute(who("mod"), "c1", "lawyer", true)));
  EXPECT_EQ(engine.mutes, std::vector<std::string>{"lawyer/0 muted"});
  // A new publication of a muted speaker (a reconnected page) starts muted in the engine.
  ASSERT_TRUE(run(calls.publish(who("lawyer", 3), room, kOffer)));
  EXPECT_EQ(engine.mutes, (std::vector<std::string>{"lawyer/0 muted", "lawyer/0 muted"}));
  EXPECT_TRUE(views.back().muted.contains("lawyer"));
  const auto handles = engine.live.size();
  ASSERT_TRUE(run(stage.toAudience(who("mod"), "c1", "lawyer")));
  EXPECT_EQ(engine.live.size(), handles - 1);
  EXPECT_FALSE(stage.mayPublish(room, "lawyer"));
  EXPECT_EQ(calls.people(room), 2u);
}

TEST_F(StageServiceTest, RemovalKicksOutOfTheCallAndKeepsThemOut) {
  ASSERT_TRUE(run(stage.enter(who("mod"), "c1")));
  ASSERT_TRUE(run(stage.enter(who("lawyer", 1), "c1")));
  ASSERT_TRUE(run(stage.toStage(who("mod"), "c1", "lawyer")));
  ASSERT_TRUE(run(calls.publish(who("lawyer", 1), room, kOffer)));
  engine.connected(engine.next);
  ASSERT_TRUE(run(stage.remove(who("mod"), "c1", "lawyer")));
  EXPECT_EQ(engine.kicked, std::vector<std::string>{"lawyer"});
  EXPECT_EQ(calls.people(room), 0u);
  EXPECT_EQ(personal, std::vector<std::string>{"lawyer removed"});
  EXPECT_EQ(run(stage.enter(who("lawyer", 2), "c1")).error().code, core::ErrorCode::forbidden);
  EXPECT_EQ(run(calls.watch(who("lawyer", 2), room)).error().code, core::ErrorCode::not_found);
}

TEST_F(StageServiceTest, APersonLeavesWithTheirLastPage) {
  ASSERT_TRUE(run(stage.enter(who("mod"), "c1")));
  ASSERT_TRUE(run(stage.enter(who("lawyer", 1), "c1")));
  ASSERT_TRUE(run(stage.enter(who("lawyer", 2), "c1")));
  ASSERT_TRUE(run(calls.watch(who("lawyer", 2), room)));
  EXPECT_TRUE(stage.holds(&pages[1]));
  ASSERT_TRUE(run(stage.connectionEnded(&pages[1])));
  EXPECT_EQ(views.back().audience, 1u); // another page is still in it
  ASSERT_TRUE(run(stage.connectionEnded(&pages[2])));
  EXPECT_EQ(views.back().audience, 0u);
  EXPECT_EQ(calls.people(room), 0u); // out of the call too
  EXPECT_FALSE(stage.holds(&pages[2]));
}

} // namespace
} // namespace kelisim::app::conference
