#include "transport/ws/conference_ws.hpp"

#include "transport/ws/media_ws.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/json/serialize.hpp>

namespace kelisim::transport {

using boost::asio::awaitable;
namespace cf = core::conference;

namespace {

std::optional<std::string> idOf(const boost::json::object &m, const char *name) {
  const auto *v = m.if_contains(name);
  if (!v || !v->is_string() || v->as_string().empty() || v->as_string().size() > 64)
    return std::nullopt;
  return std::string(v->as_string());
}

std::optional<bool> flagOf(const boost::json::object &m, const char *name) {
  const auto *v = m.if_contains(name);
  if (!v || !v->is_bool()) return std::nullopt;
  return v->as_bool();
}

boost::json::array people(const std::vector<cf::Person> &list) {
  boost::json::array out;
  for (const auto &p : list)
    out.emplace_back(boost::json::object{
        {"user_id", p.user_id}, {"name", p.name}, {"part", cf::toString(p.part)}});
  return out;
}

const char *placeName(cf::Entered place) {
  switch (place) {
  case cf::Entered::stage:
    return "stage";
  case cf::Entered::audience:
    return "audience";
  case cf::Entered::lobby:
    return "lobby";
  }
  return "audience";
}

} // namespace

ConferenceWs::ConferenceWs(boost::asio::any_io_executor executor,
                           app::conference::StageService &stage, Hub &hub,
                           const i18n::Translator &texts)
    : executor_(std::move(executor)), stage_(stage), hub_(hub), texts_(texts) {
  stage_.onChange([this](const std::vector<std::string> &moderators,
                         const std::vector<std::string> &others,
                         const app::conference::StageView &v) {
    boost::json::array muted;
    for (const auto &m : v.muted) muted.emplace_back(m);
    boost::json::object event{{"type", "conf.state"},           {"conference_id", v.conference_id},
                              {"speakers", people(v.speakers)}, {"hands", people(v.hands)},
                              {"muted", std::move(muted)},      {"audience", v.audience}};
    // One text for everyone, one more for the moderators: a few hundred people share them.
    const auto text = std::make_shared<const std::string>(boost::json::serialize(event));
    for (const auto &user : others) hub_.sendToUser(user, text);
    if (moderators.empty()) return;
    event["people"] = people(v.present);
    event["lobby"] = people(v.lobby);
    const auto full = std::make_shared<const std::string>(boost::json::serialize(event));
    for (const auto &user : moderators) hub_.sendToUser(user, full);
  });
  stage_.onPersonal(
      [this](const std::string &user, const std::string &id, const std::string &what) {
        hub_.sendToUser(user, boost::json::serialize(boost::json::object{
                                  {"type", "conf.you"}, {"conference_id", id}, {"event", what}}));
      });
}

bool ConferenceWs::handles(std::string_view type) const {
  return type == "conf.enter" || type == "conf.leave" || type == "conf.hand" ||
         type == "conf.admit" || type == "conf.deny" || type == "conf.stage" ||
         type == "conf.mute" || type == "conf.remove";
}

awaitable<std::vector<std::string>> ConferenceWs::handle(const boost::json::object &m,
                                                         const core::User &user, core::Language l,
                                                         const void *origin) const {
  app::Caller caller;
  caller.user = user;
  caller.origin = origin;
  const std::string type(m.at("type").as_string());
  std::vector<std::string> out;
  const auto id = idOf(m, "conference_id");
  auto refuse = [&](const core::Error &e) {
    out.push_back(scopedRefusal(e, l, texts_, "conference", "conference_id", id.value_or("")));
  };
  const auto invalid = core::Error::make(core::ErrorCode::validation_failed);
  if (!id) {
    refuse(invalid);
    co_return out;
  }
  if (type == "conf.enter") {
    auto entered = co_await stage_.enter(caller, *id);
    if (!entered) {
      refuse(entered.error());
      co_return out;
    }
    out.push_back(boost::json::serialize(boost::json::object{
        {"type", "conf.entered"}, {"conference_id", *id}, {"place", placeName(*entered)}}));
    co_return out;
  }
  core::Status done = core::okStatus();
  if (type == "conf.leave") {
    done = co_await stage_.leave(caller, *id);
  } else if (type == "conf.hand") {
    const auto up = flagOf(m, "up");
    if (!up) {
      refuse(invalid);
      co_return out;
    }
    done = co_await stage_.hand(caller, *id, *up);
  } else {
    const auto who = idOf(m, "user_id");
    if (!who) {
      refuse(invalid);
      co_return out;
    }
    if (type == "conf.admit") {
      done = co_await stage_.admit(caller, *id, *who);
    } else if (type == "conf.deny") {
      done = co_await stage_.deny(caller, *id, *who);
    } else if (type == "conf.remove") {
      done = co_await stage_.remove(caller, *id, *who);
    } else {
      const auto flag = flagOf(m, type == "conf.stage" ? "on" : "muted");
      if (!flag) {
        refuse(invalid);
        co_return out;
      }
      if (type == "conf.stage" && *flag)
        done = co_await stage_.toStage(caller, *id, *who);
      else if (type == "conf.stage")
        done = co_await stage_.toAudience(caller, *id, *who);
      else
        done = co_await stage_.mute(caller, *id, *who, *flag);
    }
  }
  if (!done) refuse(done.error());
  co_return out;
}

void ConferenceWs::connectionEnded(const void *origin) const {
  if (stage_.holds(origin))
    boost::asio::co_spawn(executor_, stage_.connectionEnded(origin), boost::asio::detached);
}

} // namespace kelisim::transport
