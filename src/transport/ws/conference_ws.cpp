#include "transport/ws/conference_ws.hpp"

#include "transport/http/reception_views.hpp"
#include "transport/ws/media_ws.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

namespace kelisim::transport {

using boost::asio::awaitable;
namespace cf = core::conference;

namespace {

constexpr auto kStateCoalesce = std::chrono::milliseconds(250);

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

// A conference's message as a chat room's (reception_views' messageJson), so that pages
// handle both the same way.
boost::json::object messageJson(const cf::ChatMessage &m) {
  app::reception::MessageView view;
  view.message.room_id = app::conference::StageService::callRoom(m.conference_id);
  view.message.seq = m.seq;
  view.message.sender_id = m.sender_id;
  view.message.client_id = m.client_id;
  view.message.kind = core::reception::MessageKind::text;
  view.message.body = m.body;
  view.message.at = m.at;
  view.sender_name = m.sender_name;
  return transport::messageJson(view);
}

std::optional<std::string> stringOf(const boost::json::object &m, const char *name,
                                    std::size_t max) {
  const auto *v = m.if_contains(name);
  if (!v || !v->is_string() || v->as_string().size() > max) return std::nullopt;
  return std::string(v->as_string());
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
                           app::conference::StageService &stage, app::conference::ChatService &chat,
                           Hub &hub, const i18n::Translator &texts)
    : executor_(std::move(executor)), stage_(stage), chat_(chat), hub_(hub), texts_(texts) {
  chat_.onMessage([this](const std::vector<std::string> &readers, const cf::ChatMessage &m,
                         const void *origin) {
    // The sending page has it in its acknowledgement; the sender's other pages get it here.
    const auto text = std::make_shared<const std::string>(boost::json::serialize(
        boost::json::object{{"type", "message"}, {"message", messageJson(m)}}));
    for (const auto &user : readers) hub_.sendToUser(user, text, origin);
  });
  stage_.onChange([this](const std::vector<std::string> &, const std::vector<std::string> &,
                         const app::conference::StageView &v) {
    {
      std::lock_guard lock(mutex_);
      auto [it, fresh] = changed_.try_emplace(v.conference_id, true);
      if (!fresh) {
        it->second = true; // its announcer sends it at its next tick
        return;
      }
    }
    boost::asio::co_spawn(executor_, announce(v.conference_id), boost::asio::detached);
  });
  stage_.onPersonal(
      [this](const std::string &user, const std::string &id, const std::string &what) {
        hub_.sendToUser(user, boost::json::serialize(boost::json::object{
                                  {"type", "conf.you"}, {"conference_id", id}, {"event", what}}));
      });
}

awaitable<void> ConferenceWs::announce(std::string id) {
  boost::asio::steady_timer timer(executor_);
  auto tick = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      changed_[id] = false; // changes from now on are after this state
    }
    send(stage_.told(id));
    tick += kStateCoalesce;
    timer.expires_at(tick);
    boost::system::error_code ec;
    co_await timer.async_wait(boost::asio::redirect_error(boost::asio::use_awaitable, ec));
    std::lock_guard lock(mutex_);
    auto it = changed_.find(id);
    if (it == changed_.end() || !it->second) {
      if (it != changed_.end()) changed_.erase(it);
      co_return;
    }
  }
}

void ConferenceWs::send(const app::conference::StageService::Told &told) const {
  const auto &v = told.view;
  boost::json::array muted;
  for (const auto &m : v.muted) muted.emplace_back(m);
  boost::json::object event{{"type", "conf.state"},           {"conference_id", v.conference_id},
                            {"speakers", people(v.speakers)}, {"hands", people(v.hands)},
                            {"muted", std::move(muted)},      {"audience", v.audience}};
  // One text for everyone, one more for the moderators: a few hundred people share them.
  const auto text = std::make_shared<const std::string>(boost::json::serialize(event));
  for (const auto &user : told.others) hub_.sendToUser(user, text);
  if (told.moderators.empty()) return;
  event["people"] = people(v.present);
  event["lobby"] = people(v.lobby);
  const auto full = std::make_shared<const std::string>(boost::json::serialize(event));
  for (const auto &user : told.moderators) hub_.sendToUser(user, full);
}

bool ConferenceWs::handles(std::string_view type) const {
  return type == "conf.enter" || type == "conf.leave" || type == "conf.hand" ||
         type == "conf.admit" || type == "conf.deny" || type == "conf.stage" ||
         type == "conf.mute" || type == "conf.remove";
}

bool ConferenceWs::claims(const boost::json::object &m) const {
  const std::string_view type = m.at("type").as_string();
  if (handles(type)) return true;
  if (type != "send" && type != "resume") return false;
  const auto *room = m.if_contains("room_id");
  return room && room->is_string() &&
         app::conference::StageService::conferenceOf(std::string(room->as_string()));
}

awaitable<std::vector<std::string>> ConferenceWs::handle(const boost::json::object &m,
                                                         const core::User &user, core::Language l,
                                                         const void *origin) const {
  app::Caller caller;
  caller.user = user;
  caller.origin = origin;
  const std::string type(m.at("type").as_string());
  if (type == "send" || type == "resume") co_return co_await chat(m, caller, l);
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

awaitable<std::vector<std::string>> ConferenceWs::chat(const boost::json::object &m,
                                                       const app::Caller &caller,
                                                       core::Language l) const {
  std::vector<std::string> out;
  const std::string room(m.at("room_id").as_string());
  const std::string id = *app::conference::StageService::conferenceOf(room);
  if (m.at("type").as_string() == "send") {
    const auto client_id = stringOf(m, "client_id", cf::kMaxChatClientId);
    auto body = stringOf(m, "body", cf::kMaxChatMessage * 4);
    if (!client_id || !body) {
      out.push_back(scopedRefusal(core::Error::make(core::ErrorCode::validation_failed), l, texts_,
                                  "chat", "room_id", room));
      co_return out;
    }
    auto said = co_await chat_.say(caller, id, *client_id, std::move(*body));
    if (!said) {
      // Named by its client_id: the page marks that message refused (or sends it again later
      // when the code is busy).
      out.push_back(scopedRefusal(said.error(), l, texts_, "chat", "client_id", *client_id));
      co_return out;
    }
    out.push_back(boost::json::serialize(boost::json::object{{"type", "ack"},
                                                             {"room_id", room},
                                                             {"client_id", *client_id},
                                                             {"seq", said->seq},
                                                             {"message", messageJson(*said)}}));
    co_return out;
  }
  const auto *after = m.if_contains("after_seq");
  if (!after || !after->is_int64() || after->as_int64() < 0) {
    out.push_back(scopedRefusal(core::Error::make(core::ErrorCode::validation_failed), l, texts_,
                                "chat", "room_id", room));
    co_return out;
  }
  std::int64_t last = after->as_int64();
  // One more than a page tells whether another page follows.
  auto page = co_await chat_.history(caller, id, last, app::conference::kChatPage + 1);
  if (!page) {
    out.push_back(scopedRefusal(page.error(), l, texts_, "chat", "room_id", room));
    co_return out;
  }
  const bool more = page->size() > static_cast<std::size_t>(app::conference::kChatPage);
  if (more) page->resize(app::conference::kChatPage);
  for (const auto &msg : *page) {
    out.push_back(boost::json::serialize(
        boost::json::object{{"type", "message"}, {"message", messageJson(msg)}}));
    last = msg.seq;
  }
  out.push_back(boost::json::serialize(boost::json::object{
      {"type", "resumed"}, {"room_id", room}, {"last_seq", last}, {"more", more}}));
  co_return out;
}

void ConferenceWs::connectionEnded(const void *origin) const {
  if (stage_.holds(origin))
    boost::asio::co_spawn(executor_, stage_.connectionEnded(origin), boost::asio::detached);
}

} // namespace kelisim::transport
