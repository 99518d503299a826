#include "app/media/media_service.hpp"
#include "app/testing.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kelisim::app::media {
namespace {

using testing::run;

// An engine that records what it was asked; its answer names the offer it answered.
class RecordingEngine final : public core::MediaEngine {
public:
  bool is_up = true;
  core::MediaHandle next = 100;
  std::set<core::MediaHandle> live;
  std::vector<core::IceCandidate> trickled;
  std::function<void(const core::MediaEvent &)> sink;

  bool up() const override { return is_up; }
  core::Task<core::MediaHandle> attach(core::MediaPlugin) override {
    const auto h = ++next;
    live.insert(h);
    co_return h;
  }
  core::Task<std::string> echo(core::MediaHandle h, std::string sdp) override {
    if (!live.contains(h)) co_return core::ErrorCode::not_found;
    co_return "answer to " + sdp.substr(0, 3);
  }
  core::Task<core::Unit> trickle(core::MediaHandle h, core::IceCandidate c) override {
    if (!live.contains(h)) co_return core::ErrorCode::not_found;
    trickled.push_back(std::move(c));
    co_return core::Unit{};
  }
  core::Task<core::Unit> detach(core::MediaHandle h) override {
    live.erase(h);
    co_return core::Unit{};
  }
  void onEvent(std::function<void(const core::MediaEvent &)> s) override { sink = std::move(s); }
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
  core::Task<core::Unit> removeParticipant(const std::string &, const std::string &) override {
    co_return core::Unit{};
  }
  core::Task<core::Unit> muteStream(const std::string &, const std::string &, const std::string &,
                                    bool) override {
    co_return core::Unit{};
  }
};

const std::string kOffer = "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n";

Caller person(const std::string &id, const void *origin) {
  Caller c;
  c.user = core::User{};
  c.user->id = id;
  c.origin = origin;
  return c;
}

struct MediaServiceTest : ::testing::Test {
  RecordingEngine engine;
  core::FakeClock clock{core::Time{std::chrono::milliseconds(1'700'000'000'000)}};
  MediaSettings settings = [] {
    MediaSettings s;
    s.turn.urls = {"turn:10.0.0.1:3478?transport=udp"};
    s.turn.secret = "secret";
    s.max_echo_tests = 2;
    return s;
  }();
  MediaService media{engine, clock, settings};
  int a = 0, b = 0, c = 0; // three connections
};

TEST_F(MediaServiceTest, InfoGivesTurnCredentialsOnlyToSignedInPeople) {
  auto info = media.info(person("u1", &a));
  ASSERT_TRUE(info);
  EXPECT_TRUE(info->calls);
  ASSERT_EQ(info->ice_servers.size(), 1u);
  EXPECT_NE(info->ice_servers[0].username.find(":u1"), std::string::npos);
  EXPECT_EQ(media.info(Caller{}).error().code, core::ErrorCode::unauthenticated);
  engine.is_up = false;
  info = media.info(person("u1", &a));
  EXPECT_FALSE(info->calls);
  EXPECT_TRUE(info->ice_servers.empty());
}

TEST_F(MediaServiceTest, EchoAnswersAndEndsWithItsConnection) {
  auto answer = run(media.echoOffer(person("u1", &a), kOffer));
  ASSERT_TRUE(answer);
  EXPECT_EQ(*answer, "answer to v=0");
  EXPECT_EQ(engine.live.size(), 1u);
  core::IceCandidate cand{"candidate:1 1 udp 1 10.0.0.2 5000 typ host", "0", 0, false};
  ASSERT_TRUE(run(media.echoCandidate(person("u1", &a), cand)));
  EXPECT_EQ(engine.trickled.size(), 1u);
  // Offering again from the same connection replaces the handle.
  ASSERT_TRUE(run(media.echoOffer(person("u1", &a), kOffer)));
  EXPECT_EQ(engine.live.size(), 1u);
  ASSERT_TRUE(run(media.connectionEnded(&a)));
  EXPECT_TRUE(engine.live.empty());
  EXPECT_EQ(media.echoTests(), 0u);
}

TEST_F(MediaServiceTest, AnotherConnectionCannotTrickleIntoAnEcho) {
  ASSERT_TRUE(run(media.echoOffer(person("u1", &a), kOffer)));
  core::IceCandidate cand{"candidate:1 1 udp 1 10.0.0.2 5000 typ host", "0", 0, false};
  EXPECT_EQ(run(media.echoCandidate(person("u2", &b), cand)).error().code,
            core::ErrorCode::not_found);
  EXPECT_EQ(run(media.echoCandidate(Caller{}, cand)).error().code,
            core::ErrorCode::unauthenticated);
  EXPECT_TRUE(engine.trickled.empty());
}

TEST_F(MediaServiceTest, RefusesBadOffersCandidatesAndTooManyTests) {
  EXPECT_EQ(run(media.echoOffer(person("u1", &a), "hello")).error().fields.at(0).code,
            "invalid_format");
  EXPECT_EQ(run(media.echoOffer(person("u1", &a), kOffer + std::string(8000, 'a')))
                .error()
                .fields.at(0)
                .code,
            "too_long");
  EXPECT_EQ(run(media.echoOffer(Caller{}, kOffer)).error().code, core::ErrorCode::unauthenticated);
  ASSERT_TRUE(run(media.echoOffer(person("u1", &a), kOffer)));
  core::IceCandidate bad{"a=candidate:x", "0", 0, false};
  EXPECT_FALSE(run(media.echoCandidate(person("u1", &a), bad)));
  ASSERT_TRUE(run(media.echoOffer(person("u2", &b), kOffer)));
  EXPECT_EQ(run(media.echoOffer(person("u3", &c), kOffer)).error().code, core::ErrorCode::busy);
  engine.is_up = false;
  EXPECT_EQ(run(media.echoOffer(person("u1", &a), kOffer)).error().code,
            core::ErrorCode::unavailable);
}

TEST_F(MediaServiceTest, EngineEventsReachTheOwningConnectionAndGoneForgetsTheHandle) {
  std::vector<std::pair<std::string, const void *>> seen;
  media.onConnectionEvent([&](const std::string &user, const void *origin,
                              const core::MediaEvent &) { seen.emplace_back(user, origin); });
  ASSERT_TRUE(run(media.echoOffer(person("u1", &a), kOffer)));
  const auto handle = *engine.live.begin();
  engine.sink({handle, core::MediaEventKind::connected, {}});
  engine.sink({handle + 50, core::MediaEventKind::connected, {}}); // nobody's
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].first, "u1");
  EXPECT_EQ(seen[0].second, &a);
  engine.sink({handle, core::MediaEventKind::gone, {}});
  EXPECT_EQ(media.echoTests(), 0u);
}

} // namespace
} // namespace kelisim::app::media
