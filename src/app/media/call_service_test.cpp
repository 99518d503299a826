#include "app/media/call_service.hpp"
#include "app/testing.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kelisim::app::media {
namespace {

using testing::run;

// An engine that keeps handles and who was kicked; every handle's media "connects" when the
// test says so.
class RoomEngine final : public core::MediaEngine {
public:
  core::MediaHandle next = 10;
  std::set<core::MediaHandle> live;
  std::set<std::string> rooms;
  std::vector<std::string> kicked;
  std::vector<std::string> mutes;
  std::vector<std::pair<core::MediaHandle, core::MediaLayer>> layers; // switched, in order
  std::vector<std::function<void(const core::MediaEvent &)>> sinks;

  bool up() const override { return true; }
  core::Task<core::MediaHandle> attach(core::MediaPlugin) override {
    const auto h = ++next;
    live.insert(h);
    co_return h;
  }
  core::Task<std::string> echo(core::MediaHandle, std::string) override { co_return std::string(); }
  core::Task<core::Unit> trickle(core::MediaHandle h, core::IceCandidate) override {
    if (!live.contains(h)) co_return core::ErrorCode::not_found;
    co_return core::Unit{};
  }
  core::Task<core::Unit> detach(core::MediaHandle h) override {
    live.erase(h);
    co_return core::Unit{};
  }
  void onEvent(std::function<void(const core::MediaEvent &)> s) override {
    sinks.push_back(std::move(s));
  }
  core::Task<core::Unit> openRoom(const std::string &room, int) override {
    rooms.insert(room);
    co_return core::Unit{};
  }
  core::Task<core::Unit> closeRoom(const std::string &room) override {
    rooms.erase(room);
    co_return core::Unit{};
  }
  core::Task<std::string> publish(core::MediaHandle, const std::string &, const std::string &,
                                  std::string) override {
    co_return std::string("answer");
  }
  core::Task<std::string> receive(core::MediaHandle, const std::string &,
                                  const std::string &feed) override {
    co_return "offer of " + feed;
  }
  core::Task<core::Unit> startReceiving(core::MediaHandle, std::string) override {
    co_return core::Unit{};
  }
  core::Task<core::Unit> setLayer(core::MediaHandle h, core::MediaLayer layer) override {
    if (!live.contains(h)) co_return core::ErrorCode::not_found;
    layers.emplace_back(h, layer);
    co_return core::Unit{};
  }
  core::Task<core::Unit> removeParticipant(const std::string &,
                                           const std::string &participant) override {
    kicked.push_back(participant);
    co_return core::Unit{};
  }
  core::Task<core::Unit> muteStream(const std::string &, const std::string &participant,
                                    const std::string &mid, bool muted) override {
    mutes.push_back(participant + "/" + mid + (muted ? " muted" : " unmuted"));
    co_return core::Unit{};
  }
  void connected(core::MediaHandle h) {
    for (auto &s : sinks) s({h, core::MediaEventKind::connected, {}});
  }
  // Janus restarted: every handle is gone.
  void restarted() {
    const auto all = live;
    live.clear();
    rooms.clear();
    for (const auto h : all)
      for (auto &s : sinks) s({h, core::MediaEventKind::gone, {}});
  }
};

const std::string kOffer = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

struct CallServiceTest : ::testing::Test {
  RoomEngine engine;
  std::vector<std::string> members{"citizen", "lawyer", "mediator"};
  std::vector<std::pair<std::vector<std::string>, CallEvent>> told;
  CallService calls{
      engine,
      [this](const Caller &c, const std::string &) -> core::Task<std::vector<std::string>> {
        const auto in = std::find(members.begin(), members.end(), c.user->id) != members.end();
        if (!in) co_return core::ErrorCode::not_found;
        co_return members;
      },
      [this](const std::string &) -> core::Task<std::vector<std::string>> { co_return members; }};
  int a = 0, b = 0, c = 0, d = 0; // connections

  core::FakeClock clock{core::Time{std::chrono::milliseconds(1'700'000'000'000)}};
  std::vector<core::reception::CallRecord> record;

  CallServiceTest() {
    calls.onCallEvent([this](const std::vector<std::string> &to, const CallEvent &e) {
      told.emplace_back(to, e);
    });
    calls.onRecord(clock, [this](core::reception::CallRecord r) { record.push_back(r); });
  }
  std::vector<std::string> kinds() const {
    std::vector<std::string> out;
    for (const auto &r : record) out.push_back(r.kind + (r.user_id.empty() ? "" : " " + r.user_id));
    return out;
  }
  static Caller person(const std::string &id, const void *origin,
                       core::Role role = core::Role::specialist) {
    Caller caller;
    caller.user = core::User{};
    caller.user->id = id;
    caller.user->role = role;
    caller.origin = origin;
    return caller;
  }
  Caller citizen() { return person("citizen", &a, core::Role::citizen); }
  Caller lawyer() { return person("lawyer", &b); }
  Caller mediator() { return person("mediator", &c); }
  // Joins and makes the publication's media flow.
  void joinLive(const Caller &who) {
    ASSERT_TRUE(run(calls.publish(who, "r1", kOffer)));
    engine.connected(engine.next);
  }
};

TEST_F(CallServiceTest, OnlyMembersJoinAndOthersHearOfThemOnceTheirMediaFlows) {
  EXPECT_EQ(run(calls.publish(person("stranger", &d), "r1", kOffer)).error().code,
            core::ErrorCode::not_found);
  ASSERT_TRUE(run(calls.publish(citizen(), "r1", kOffer)));
  EXPECT_TRUE(told.empty()); // no media yet
  EXPECT_EQ(run(calls.receive(lawyer(), "r1", "citizen")).error().code,
            core::ErrorCode::not_found); // the lawyer is not in the call
  engine.connected(engine.next);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].second.kind, CallEvent::Kind::joined);
  EXPECT_EQ(told[0].first, (std::vector<std::string>{"lawyer", "mediator"}));
  auto joined = run(calls.publish(lawyer(), "r1", kOffer));
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->publishers, std::vector<std::string>{"citizen"});
  auto offer = run(calls.receive(lawyer(), "r1", "citizen"));
  ASSERT_TRUE(offer);
  EXPECT_EQ(*offer, "offer of citizen");
}

TEST_F(CallServiceTest, OnlyTheConnectionReceivingAFeedSwitchesItsLayer) {
  joinLive(citizen());
  joinLive(lawyer());
  using core::MediaLayer;
  // Nothing received yet: nothing to switch.
  EXPECT_EQ(run(calls.layer(lawyer(), "r1", "citizen", MediaLayer::low)).error().code,
            core::ErrorCode::not_found);
  ASSERT_TRUE(run(calls.receive(lawyer(), "r1", "citizen")));
  const auto receiving = engine.next;
  ASSERT_TRUE(run(calls.layer(lawyer(), "r1", "citizen", MediaLayer::low)));
  ASSERT_TRUE(run(calls.layer(lawyer(), "r1", "citizen", MediaLayer::none)));
  EXPECT_EQ(engine.layers, (std::vector<std::pair<core::MediaHandle, MediaLayer>>{
                               {receiving, MediaLayer::low}, {receiving, MediaLayer::none}}));
  // Not one's own publication, not another tab of the same person, not someone else's
  // receiver, not another room's, and not by a stranger.
  EXPECT_EQ(run(calls.layer(lawyer(), "r1", "", MediaLayer::high)).error().code,
            core::ErrorCode::not_found);
  EXPECT_EQ(run(calls.layer(person("lawyer", &d), "r1", "citizen", MediaLayer::high)).error().code,
            core::ErrorCode::not_found);
  EXPECT_EQ(run(calls.layer(citizen(), "r1", "citizen", MediaLayer::high)).error().code,
            core::ErrorCode::not_found);
  EXPECT_EQ(run(calls.layer(mediator(), "r1", "citizen", MediaLayer::high)).error().code,
            core::ErrorCode::not_found);
  EXPECT_EQ(run(calls.layer(lawyer(), "r2", "citizen", MediaLayer::high)).error().code,
            core::ErrorCode::not_found);
  EXPECT_EQ(engine.layers.size(), 2u);
  // The citizen leaves: their feed's receiver is gone, and so is switching it.
  ASSERT_TRUE(run(calls.leave(citizen(), "r1")));
  EXPECT_EQ(run(calls.layer(lawyer(), "r1", "citizen", MediaLayer::high)).error().code,
            core::ErrorCode::not_found);
}

TEST_F(CallServiceTest, ACaucusCutsReceivingAcrossItsBoundaryAndRefusesNewOnes) {
  joinLive(citizen());
  joinLive(lawyer());
  joinLive(mediator());
  ASSERT_TRUE(run(calls.receive(mediator(), "r1", "lawyer")));
  ASSERT_TRUE(run(calls.receive(citizen(), "r1", "lawyer")));
  const auto handles = engine.live.size();
  EXPECT_EQ(run(calls.startCaucus(citizen(), "r1", "lawyer")).error().code,
            core::ErrorCode::forbidden);
  ASSERT_TRUE(run(calls.startCaucus(lawyer(), "r1", "citizen")));
  EXPECT_EQ(engine.live.size(), handles - 1); // the mediator's receiver of the lawyer
  EXPECT_EQ(run(calls.receive(mediator(), "r1", "citizen")).error().code,
            core::ErrorCode::forbidden);
  EXPECT_EQ(run(calls.receive(citizen(), "r1", "mediator")).error().code,
            core::ErrorCode::forbidden);
  EXPECT_EQ(run(calls.startCaucus(lawyer(), "r1", "mediator")).error().code,
            core::ErrorCode::conflict);
  EXPECT_EQ(run(calls.endCaucus(mediator(), "r1")).error().code, core::ErrorCode::not_found);
  ASSERT_TRUE(run(calls.endCaucus(citizen(), "r1")));
  EXPECT_TRUE(run(calls.receive(mediator(), "r1", "citizen")));
}

TEST_F(CallServiceTest, WhoLeavesTheRoomIsKickedAndTheLastOneOutClosesTheRoom) {
  joinLive(citizen());
  joinLive(lawyer());
  EXPECT_TRUE(engine.rooms.contains("r1"));
  members = {"lawyer"}; // the citizen is no longer in the consultation
  ASSERT_TRUE(run(calls.roomChanged("r1")));
  EXPECT_EQ(engine.kicked, std::vector<std::string>{"citizen"});
  EXPECT_EQ(calls.people("r1"), 1u);
  EXPECT_EQ(told.back().second.kind, CallEvent::Kind::removed);
  EXPECT_EQ(told.back().first, std::vector<std::string>{"citizen"});
  ASSERT_TRUE(run(calls.leave(lawyer(), "r1")));
  EXPECT_EQ(calls.calls(), 0u);
  EXPECT_FALSE(engine.rooms.contains("r1"));
  EXPECT_TRUE(engine.live.empty());
}

TEST_F(CallServiceTest, ARestartedEngineEmptiesTheCallAndEveryoneCanJoinAgain) {
  joinLive(citizen());
  joinLive(lawyer());
  engine.restarted();
  EXPECT_EQ(calls.calls(), 0u);
  // Joining again finds nobody stale to receive, then each other once live.
  auto joined = run(calls.publish(citizen(), "r1", kOffer));
  ASSERT_TRUE(joined);
  EXPECT_TRUE(joined->publishers.empty());
  engine.connected(engine.next);
  joinLive(lawyer());
  EXPECT_TRUE(run(calls.receive(lawyer(), "r1", "citizen")));
  EXPECT_TRUE(engine.rooms.contains("r1"));
}

TEST_F(CallServiceTest, TheCallsRecordHasItsStartJoinsModesCaucusAndLength) {
  joinLive(citizen());
  joinLive(lawyer());
  clock.advance(std::chrono::seconds(5));
  ASSERT_TRUE(run(calls.report(citizen(), "r1", "mode", "audio:low_bandwidth")));
  EXPECT_EQ(told.back().second.kind, CallEvent::Kind::mode);
  EXPECT_EQ(told.back().first, std::vector<std::string>{"lawyer"});
  EXPECT_FALSE(run(calls.report(citizen(), "r1", "mode", "hologram")));
  EXPECT_FALSE(run(calls.report(citizen(), "r1", "record", "")));
  EXPECT_EQ(run(calls.report(mediator(), "r1", "mode", "audio:chosen")).error().code,
            core::ErrorCode::not_found); // not in the call
  ASSERT_TRUE(run(calls.report(citizen(), "r1", "callback", "")));
  ASSERT_TRUE(run(calls.startCaucus(lawyer(), "r1", "citizen")));
  clock.advance(std::chrono::seconds(55));
  ASSERT_TRUE(run(calls.leave(citizen(), "r1")));
  ASSERT_TRUE(run(calls.leave(lawyer(), "r1")));
  EXPECT_EQ(kinds(),
            (std::vector<std::string>{"started", "joined citizen", "joined lawyer", "mode citizen",
                                      "callback citizen", "caucus_started lawyer", "left citizen",
                                      "caucus_ended lawyer", "left lawyer", "ended"}));
  EXPECT_EQ(record.back().detail, "60");
  EXPECT_EQ(record[3].detail, "audio:low_bandwidth");
}

TEST_F(CallServiceTest, AMemberWhoseCallCannotConnectMayStillAskForACallBack) {
  EXPECT_EQ(run(calls.report(person("stranger", &d), "r1", "callback", "")).error().code,
            core::ErrorCode::not_found);
  EXPECT_EQ(run(calls.report(citizen(), "r1", "relayed", "")).error().code,
            core::ErrorCode::not_found); // only a call-back comes from outside the call
  ASSERT_TRUE(run(calls.report(citizen(), "r1", "callback", "")));
  EXPECT_EQ(kinds(), std::vector<std::string>{"callback citizen"});
}

TEST_F(CallServiceTest, APageOpenedLateLearnsWhoIsInTheCallAndHearsTheLastOneLeave) {
  EXPECT_EQ(run(calls.present(person("stranger", &d), "r1")).error().code,
            core::ErrorCode::not_found);
  ASSERT_TRUE(run(calls.publish(citizen(), "r1", kOffer)));
  auto none = run(calls.present(lawyer(), "r1"));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty()); // the citizen's media has not reached the engine yet
  engine.connected(engine.next);
  auto present = run(calls.present(lawyer(), "r1"));
  ASSERT_TRUE(present);
  EXPECT_EQ(*present, std::vector<std::string>{"citizen"});
  EXPECT_TRUE(run(calls.present(citizen(), "r1"))->empty()); // not oneself
  // The last one out: the members who heard the citizen join hear them leave.
  told.clear();
  ASSERT_TRUE(run(calls.leave(citizen(), "r1")));
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].second.kind, CallEvent::Kind::left);
  EXPECT_EQ(told[0].first, (std::vector<std::string>{"lawyer", "mediator"}));
}

const std::string kAudioVideo = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n"
                                "m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:1\r\n";

TEST_F(CallServiceTest, WatchersReceiveWithoutPublishingAndTheRuleDecidesWhoPublishes) {
  std::set<std::string> stage{"mediator"};
  calls.setPublishRule(
      [&](const std::string &, const std::string &user) { return stage.contains(user); });
  EXPECT_EQ(run(calls.publish(citizen(), "r1", kOffer)).error().code, core::ErrorCode::forbidden);
  joinLive(mediator());
  auto watching = run(calls.watch(citizen(), "r1"));
  ASSERT_TRUE(watching);
  EXPECT_TRUE(watching->answer.empty());
  EXPECT_EQ(watching->publishers, std::vector<std::string>{"mediator"});
  EXPECT_EQ(run(calls.watch(person("stranger", &d), "r1")).error().code,
            core::ErrorCode::not_found);
  ASSERT_TRUE(run(calls.receive(citizen(), "r1", "mediator")));
  const auto handles = engine.live.size();
  // Brought to the stage: the watcher publishes and keeps what it receives.
  stage.insert("citizen");
  ASSERT_TRUE(run(calls.publish(citizen(), "r1", kAudioVideo)));
  engine.connected(engine.next);
  EXPECT_EQ(engine.live.size(), handles + 1);
  EXPECT_EQ(told.back().second.kind, CallEvent::Kind::joined);
  EXPECT_EQ(calls.people("r1"), 2u);
  // The moderator's mute goes to the engine with the audio stream's mid.
  ASSERT_TRUE(run(calls.muteAudio("r1", "citizen", true)));
  EXPECT_EQ(engine.mutes, std::vector<std::string>{"citizen/0 muted"});
  EXPECT_EQ(run(calls.muteAudio("r1", "lawyer", true)).error().code, core::ErrorCode::not_found);
  // Back to the audience: the publication and the others' receivers of it end.
  ASSERT_TRUE(run(calls.receive(mediator(), "r1", "citizen")));
  ASSERT_TRUE(run(calls.unpublish("r1", "citizen")));
  EXPECT_EQ(engine.live.size(), handles);
  EXPECT_EQ(told.back().second.kind, CallEvent::Kind::left);
  EXPECT_EQ(calls.people("r1"), 2u); // still watching
  EXPECT_EQ(run(calls.receive(mediator(), "r1", "citizen")).error().code,
            core::ErrorCode::not_found);
  ASSERT_TRUE(run(calls.leave(citizen(), "r1")));
  ASSERT_TRUE(run(calls.leave(mediator(), "r1")));
  EXPECT_TRUE(engine.live.empty());
  EXPECT_EQ(calls.calls(), 0u);
}

TEST_F(CallServiceTest, AFullRoomRefusesAPublisherAndKeepsNoHandleOfIt) {
  CallService small{
      engine,
      [](const Caller &, const std::string &) -> core::Task<std::vector<std::string>> {
        co_return std::vector<std::string>{"citizen", "lawyer", "mediator"};
      },
      [](const std::string &) -> core::Task<std::vector<std::string>> {
        co_return std::vector<std::string>{};
      },
      7000, 1};
  ASSERT_TRUE(run(small.publish(citizen(), "r2", kOffer)));
  ASSERT_TRUE(run(small.watch(mediator(), "r2")));
  const auto handles = engine.live.size();
  EXPECT_EQ(run(small.publish(lawyer(), "r2", kOffer)).error().code, core::ErrorCode::busy);
  EXPECT_EQ(engine.live.size(), handles);
}

} // namespace
} // namespace kelisim::app::media
