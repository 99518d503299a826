// The live stage's test fixture, shared by the stage's and the chat's tests: a StageService
// over a CallService with an engine that only counts, and a conference record "c1" with a
// moderator, two speakers and a guest. Only *_test.cpp files include this.
#pragma once

#include "app/conference/stage_service.hpp"
#include "app/testing.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace kelisim::app::conference::testing {

using app::testing::run;
using core::conference::Entered;
using core::conference::Part;

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

inline Entered place(core::Result<Entered> r) {
  return *r;
}

inline const std::string kOffer = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";

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
    calls.setMuteRule([this](const std::string &room, const std::string &user) {
      return stage.mutedInCall(room, user);
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

} // namespace kelisim::app::conference::testing
