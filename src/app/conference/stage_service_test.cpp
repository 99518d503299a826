#include "app/conference/stage_service.hpp"
#include "app/testing.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kelisim::app::conference {
namespace {

using core::conference::Entered;
using core::conference::Part;
using testing::run;

// An engine that only counts handles and remembers kicks and mutes.
class CountingEngine final : public core::MediaEngine {
public:
  core::MediaHandle next = 100;
  std::set<core::MediaHandle> live;
  std::vector<std::string> kicked, mutes;
  std::vector<std::function<void(const core::MediaEvent &)>> sinks;
  bool up() const override { return true; }
  core::Task<core::MediaHandle> attach(core::MediaPlugin) override {
    live.insert(++next);
    co_return next;
  }
  core::Task<std::string> echo(core::MediaHandle, std::string) override { co_return std::string(); }
  core::Task<core::Unit> trickle(core::MediaHandle, core::IceCandidate) override {
    co_return core::Unit{};
  }
  core::Task<core::Unit> detach(core::MediaHandle h) override {
    live.erase(h);
    co_return core::Unit{};
  }
  core::Task<core::Unit> openRoom(const std::string &, int) override { co_return core::Unit{}; }
  core::Task<core::Unit> closeRoom(const std::string &) override { co_return core::Unit{}; }
  core::Task<std::string> publish(core::MediaHandle, const std::string &, const std::string &,
                                  std::string) override {
    co_return std::string("answer");
  }
  core::Task<std::string> receive(core::MediaHandle, const std::string &,
                                  const std::string &) override {
    co_return std::string("offer");
  }
  core::Task<core::Unit> startReceiving(core::MediaHandle, std::string) override {
    co_return core::Unit{};
  }
  core::Task<core::Unit> setLayer(core::MediaHandle, core::MediaLayer) override {
    co_return core::Unit{};
  }
  core::Task<core::Unit> removeParticipant(const std::string &, const std::string &p) override {
    kicked.push_back(p);
    co_return core::Unit{};
  }
  core::Task<core::Unit> muteStream(const std::string &, const std::string &p,
                                    const std::string &mid, bool muted) override {
    mutes.push_back(p + "/" + mid + (muted ? " muted" : " unmuted"));
    co_return core::Unit{};
  }
  void onEvent(std::function<void(const core::MediaEvent &)> s) override {
    sinks.push_back(std::move(s));
  }
  void connected(core::MediaHandle h) {
    for (auto &s : sinks) s({h, core::MediaEventKind::connected, {}});
  }
};

Entered place(core::Result<Entered> r) {
  return *r;
}

const std::string kOffer = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";

struct StageServiceTest : ::testing::Test {
  CountingEngine engine;
  core::FakeClock clock{core::Time{std::chrono::milliseconds(1'700'000'000'000)}};
  // The conference's record: who has which part in "c1".
  std::map<std::string, Part> record{{"mod", Part::moderator},
                                     {"lawyer", Part::speaker},
                                     {"judge", Part::guest},
                                     {"psych", Part::speaker}};
  StageService *stage_ptr = nullptr;
  media::CallService calls{
      engine,
      [this](const Caller &c, const std::string &room) { return stage_ptr->callMembers(c, room); },
      [this](const std::string &room) { return stage_ptr->membersNow(room); }};
  StageService stage{calls,
                     [this](const Caller &c, const std::string &id) -> core::Task<Pass> {
                       auto it = record.find(c.user->id);
                       if (id != "c1" || it == record.end()) co_return core::ErrorCode::not_found;
                       co_return Pass{it->second, "Name of " + c.user->id};
                     },
                     clock};
  std::vector<StageView> views;
  std::vector<std::string> personal;
  int pages[6] = {};

  StageServiceTest() {
    stage_ptr = &stage;
    calls.setPublishRule([this](const std::string &room, const std::string &user) {
      return stage.mayPublish(room, user);
    });
    stage.onChange([this](const std::vector<std::string> &, const std::vector<std::string> &,
                          const StageView &v) { views.push_back(v); });
    stage.onPersonal([this](const std::string &user, const std::string &, const std::string &w) {
      personal.push_back(user + " " + w);
    });
  }
  Caller who(const std::string &id, int page = 0) {
    Caller c;
    c.user = core::User{};
    c.user->id = id;
    c.origin = &pages[page];
    return c;
  }
  const std::string room = StageService::callRoom("c1");
};

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
