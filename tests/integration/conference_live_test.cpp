// A conference's live part over /ws against a real kelisim with its Janus: only the
// conference's people come in, the audience watches and may not publish, a raised hand is
// brought to the stage, which holds six, the moderator's mute is accepted by Janus, and a
// removed person's media ends and they cannot come back.
#include "media_offer.hpp"
#include "reception_helpers.hpp"
#include "test_helpers.hpp"

#include "core/time.hpp"

namespace kelisim::itest {
namespace {

using namespace reception;

class ConferenceLive : public ::testing::Test {
protected:
  void SetUp() override {
    std::random_device rd;
    const int rtp = 20000 + static_cast<int>(rd() % 90) * 100;
    auto options = receptionServer(
        {"--media-rtp-ports", std::to_string(rtp) + "-" + std::to_string(rtp + 99),
         "--media-turn-port", std::to_string(30000 + static_cast<int>(rd() % 9000))});
    options.media_engine = "spawn";
    server = std::make_unique<ServerProcess>(options);
    HttpClient probe(server->port());
    const auto deadline = std::chrono::steady_clock::now() + 15s;
    while (std::chrono::steady_clock::now() < deadline &&
           field(probe.get("/readyz").json(), "media.janus") != "up")
      std::this_thread::sleep_for(100ms);
  }

  // Sends a message on the person's socket and returns the next event of `type` about the
  // conference (or the call room), null when none came.
  static Json ask(Person &p, const boost::json::object &message, const std::string &type,
                  const Pick &pick = {}) {
    EXPECT_TRUE(p.ws->send(text(message)));
    return p.await(type, pick);
  }
  static Pick scoped(const std::string &scope) {
    return [scope](const Json &e) { return field(e, "scope") == scope; };
  }
  boost::json::object conf(const std::string &type) const {
    return {{"type", type}, {"conference_id", conference_id}};
  }
  std::string room() const { return "conf-" + conference_id; }

  std::unique_ptr<ServerProcess> server;
  std::string conference_id;
};

TEST_F(ConferenceLive, TheStageTheAudienceMuteAndRemovalHoldOnTheServer) {
  const auto port = server->port();
  auto moderator = staff(port, "mediator@demo.kelisim.kz");
  auto speaker = staff(port, "lawyer@demo.kelisim.kz");
  std::vector<std::unique_ptr<Person>> others;
  for (const char *email :
       {"doctor@demo.kelisim.kz", "judge@demo.kelisim.kz", "anticorruption@demo.kelisim.kz",
        "other@demo.kelisim.kz", "psychologist@demo.kelisim.kz"})
    others.push_back(staff(port, email));
  auto stranger = staff(port, "lawyer.wko@demo.kelisim.kz");

  boost::json::array invited{boost::json::value(speaker->id)};
  for (const auto &o : others) invited.emplace_back(o->id);
  const auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  boost::json::object schedule{{"title", "Итоги приёма"}, {"language", "ru"}};
  schedule["starts_at"] = core::toRfc3339(core::Time{now - 1min});
  schedule["ends_at"] = core::toRfc3339(core::Time{now + 2h});
  schedule["agenda"] = boost::json::array{boost::json::object{{"title", "Итоги"}}};
  schedule["specialists"] = invited;
  auto made = moderator->http.post("/api/v1/conferences", text(schedule));
  ASSERT_EQ(made.status, 201) << made.body;
  conference_id = field(made.json(), "id");

  // Outsiders are not let in; the moderator takes the stage, the speaker the audience.
  auto refused = ask(*stranger, conf("conf.enter"), "error", scoped("conference"));
  EXPECT_EQ(field(refused, "code"), "not_found");
  EXPECT_EQ(field(ask(*moderator, conf("conf.enter"), "conf.entered"), "place"), "stage");
  EXPECT_EQ(field(ask(*speaker, conf("conf.enter"), "conf.entered"), "place"), "audience");

  // The audience may watch but not publish; the stage publishes.
  boost::json::object join{{"type", "call.join"}, {"room_id", room()}, {"sdp", kOffer}};
  EXPECT_EQ(field(ask(*speaker, join, "error", scoped("call")), "code"), "forbidden");
  boost::json::object watch{{"type", "call.watch"}, {"room_id", room()}};
  EXPECT_FALSE(ask(*speaker, watch, "call.watching").is_null());
  EXPECT_FALSE(ask(*moderator, join, "call.joined").is_null()) << server->log();
  EXPECT_EQ(field(ask(*stranger, watch, "error", scoped("call")), "code"), "not_found");

  // A raised hand reaches the moderator, who brings the speaker to the stage.
  auto hand = conf("conf.hand");
  hand["up"] = true;
  speaker->ws->send(text(hand));
  auto state = moderator->await("conf.state",
                                [](const Json &e) { return !e.at("hands").as_array().empty(); });
  ASSERT_FALSE(state.is_null());
  EXPECT_EQ(field(state.at("hands").at(0), "user_id"), speaker->id);
  auto up = conf("conf.stage");
  up["user_id"] = speaker->id;
  up["on"] = true;
  moderator->ws->send(text(up));
  auto onStage = [](const std::string &id) {
    return [id](const Json &e) {
      for (const auto &p : e.at("speakers").as_array())
        if (field(p, "user_id") == id) return true;
      return false;
    };
  };
  ASSERT_FALSE(speaker->await("conf.state", onStage(speaker->id)).is_null());
  EXPECT_FALSE(ask(*speaker, join, "call.joined").is_null()) << server->log();

  // The stage holds six: the moderator, the speaker and four more; the fifth is refused.
  for (auto &o : others)
    EXPECT_EQ(field(ask(*o, conf("conf.enter"), "conf.entered"), "place"), "audience");
  for (std::size_t i = 0; i < 4; ++i) {
    up["user_id"] = others[i]->id;
    moderator->ws->send(text(up));
    ASSERT_FALSE(moderator->await("conf.state", onStage(others[i]->id)).is_null());
  }
  up["user_id"] = others[4]->id;
  auto full = ask(*moderator, up, "error", scoped("conference"));
  EXPECT_EQ(field(full, "code"), "stage_full") << jsonText(full);
  EXPECT_NE(field(full, "message").find("6"), std::string::npos);

  // The moderator's mute is applied by Janus (no refusal) and shown to everyone.
  auto mute = conf("conf.mute");
  mute["user_id"] = speaker->id;
  mute["muted"] = true;
  moderator->ws->send(text(mute));
  auto muted = others[4]->await("conf.state",
                                [](const Json &e) { return !e.at("muted").as_array().empty(); });
  ASSERT_FALSE(muted.is_null());
  EXPECT_EQ(muted.at("muted").at(0).as_string(), speaker->id);
  EXPECT_EQ(muted.as_object().count("people"), 0u); // the list of people is the moderators'

  // Removed: told, out of the call, and refused when coming back.
  auto remove = conf("conf.remove");
  remove["user_id"] = speaker->id;
  moderator->ws->send(text(remove));
  auto told = speaker->await("conf.you");
  EXPECT_EQ(field(told, "event"), "removed");
  EXPECT_EQ(field(ask(*speaker, conf("conf.enter"), "error", scoped("conference")), "code"),
            "forbidden");
  EXPECT_EQ(field(ask(*speaker, watch, "error", scoped("call")), "code"), "not_found");
  // Bad shapes are refused with a code, and the socket stays.
  boost::json::object bad{{"type", "conf.stage"}, {"conference_id", conference_id}};
  EXPECT_EQ(field(ask(*moderator, bad, "error", scoped("conference")), "code"), "invalid_message");
  EXPECT_TRUE(answersPing(*moderator->ws));
}

} // namespace
} // namespace kelisim::itest
