#include "transport/ws/media_ws.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/json/serialize.hpp>

namespace kelisim::transport {

using boost::asio::awaitable;
using core::ErrorCode;

namespace {

std::string refusal(const core::Error &e, core::Language l, const i18n::Translator &texts,
                    const std::string &room_id = {}) {
  return room_id.empty() ? scopedRefusal(e, l, texts, "echo", {}, {})
                         : scopedRefusal(e, l, texts, "call", "room_id", room_id);
}

std::string invalid(core::Language l, const i18n::Translator &texts,
                    const std::string &room_id = {}) {
  return refusal(core::Error::make(ErrorCode::validation_failed), l, texts, room_id);
}

// A candidate message's candidate, or the end of them; nullopt when malformed.
std::optional<core::IceCandidate> candidateOf(const boost::json::object &m) {
  core::IceCandidate candidate;
  const auto *completed = m.if_contains("completed");
  const auto *c = m.if_contains("candidate");
  if (completed && completed->is_bool() && completed->as_bool()) {
    candidate.completed = true;
    return candidate;
  }
  if (!c || !c->is_object()) return std::nullopt;
  const auto &o = c->as_object();
  const auto *text = o.if_contains("candidate");
  const auto *mid = o.if_contains("sdpMid");
  const auto *index = o.if_contains("sdpMLineIndex");
  if (!text || !text->is_string() || (mid && !mid->is_string() && !mid->is_null()) ||
      (index && !index->is_int64()))
    return std::nullopt;
  candidate.candidate = std::string(text->as_string());
  if (mid && mid->is_string()) candidate.sdp_mid = std::string(mid->as_string());
  if (index) candidate.sdp_mline_index = static_cast<int>(index->as_int64());
  return candidate;
}

std::optional<std::string> textOf(const boost::json::object &m, const char *name,
                                  std::size_t max_bytes) {
  const auto *v = m.if_contains(name);
  if (!v || !v->is_string() || v->as_string().size() > max_bytes) return std::nullopt;
  return std::string(v->as_string());
}

// A call.layer message's layer; nullopt when it names none of them.
std::optional<core::MediaLayer> layerOf(const boost::json::object &m) {
  const auto *v = m.if_contains("layer");
  if (!v || !v->is_string()) return std::nullopt;
  const std::string_view layer = v->as_string();
  if (layer == "high") return core::MediaLayer::high;
  if (layer == "medium") return core::MediaLayer::medium;
  if (layer == "low") return core::MediaLayer::low;
  if (layer == "none") return core::MediaLayer::none;
  return std::nullopt;
}

} // namespace

std::string scopedRefusal(const core::Error &e, core::Language l, const i18n::Translator &texts,
                          std::string_view scope, std::string_view key, const std::string &id) {
  boost::json::object event{{"type", "error"}, {"scope", scope}};
  if (!key.empty()) event[key] = id;
  if (e.code == ErrorCode::validation_failed && !e.fields.empty()) {
    event["code"] = e.fields.front().code;
    event["field"] = e.fields.front().field;
    event["message"] = texts.text(l, "field." + e.fields.front().code, e.fields.front().params);
  } else {
    const char *code = e.code == ErrorCode::validation_failed ? "invalid_message"
                       : e.code == ErrorCode::unavailable     ? "media_unavailable"
                       : e.code == ErrorCode::busy            ? "busy"
                       : e.code == ErrorCode::not_found       ? "not_found"
                       : e.code == ErrorCode::conflict        ? "conflict"
                       : e.code == ErrorCode::forbidden || e.code == ErrorCode::unauthenticated
                           ? "forbidden"
                           : "failed";
    event["code"] = code;
    event["message"] = texts.text(l, std::string("ws.") + code);
  }
  return boost::json::serialize(event);
}

const char *callEventName(app::media::CallEvent::Kind kind) {
  switch (kind) {
  case app::media::CallEvent::Kind::joined:
    return "joined";
  case app::media::CallEvent::Kind::left:
    return "left";
  case app::media::CallEvent::Kind::removed:
    return "removed";
  case app::media::CallEvent::Kind::caucus_started:
    return "started";
  case app::media::CallEvent::Kind::caucus_ended:
    return "ended";
  case app::media::CallEvent::Kind::mode:
    return "mode";
  }
  return "left";
}

const char *mediaEventName(core::MediaEventKind kind) {
  switch (kind) {
  case core::MediaEventKind::connected:
    return "connected";
  case core::MediaEventKind::hangup:
    return "hangup";
  case core::MediaEventKind::slowlink:
    return "slowlink";
  case core::MediaEventKind::gone:
    return "gone";
  }
  return "gone";
}

MediaWs::MediaWs(boost::asio::any_io_executor executor, app::media::MediaService &media,
                 app::media::CallService &calls, Hub &hub, const i18n::Translator &texts)
    : executor_(std::move(executor)), media_(media), calls_(calls), hub_(hub), texts_(texts) {
  calls_.onCallEvent([this](const std::vector<std::string> &to, const app::media::CallEvent &e) {
    using Kind = app::media::CallEvent::Kind;
    if (e.kind == Kind::mode) {
      const auto colon = e.detail.find(':');
      const auto text =
          std::make_shared<const std::string>(boost::json::serialize(boost::json::object{
              {"type", "call.mode"},
              {"room_id", e.room_id},
              {"user_id", e.user_id},
              {"mode", e.detail.substr(0, colon)},
              {"reason",
               colon == std::string::npos ? std::string() : e.detail.substr(colon + 1)}}));
      for (const auto &user : to) hub_.sendToUser(user, text);
      return;
    }
    const bool caucus = e.kind == Kind::caucus_started || e.kind == Kind::caucus_ended;
    boost::json::object event{{"type", caucus ? "call.caucus" : "call.member"},
                              {"room_id", e.room_id},
                              {caucus ? "host" : "user_id", e.user_id},
                              {caucus ? "state" : "event", callEventName(e.kind)}};
    if (caucus) event["party"] = e.party;
    const auto text = std::make_shared<const std::string>(boost::json::serialize(event));
    for (const auto &user : to) hub_.sendToUser(user, text);
  });
  calls_.onMediaEvent([this](const std::string &user_id, const void *origin,
                             const std::string &room_id, const std::string &feed,
                             const core::MediaEvent &e) {
    boost::json::object event{{"type", "media.event"},
                              {"scope", "call"},
                              {"room_id", room_id},
                              {"feed", feed},
                              {"event", mediaEventName(e.kind)}};
    if (!e.detail.empty()) event["detail"] = e.detail;
    hub_.sendToConnection(user_id, origin, boost::json::serialize(event));
  });
  media_.onConnectionEvent(
      [this](const std::string &user_id, const void *origin, const core::MediaEvent &e) {
        boost::json::object event{
            {"type", "media.event"}, {"scope", "echo"}, {"event", mediaEventName(e.kind)}};
        if (!e.detail.empty()) event["detail"] = e.detail;
        hub_.sendToConnection(user_id, origin, boost::json::serialize(event));
      });
}

bool MediaWs::handles(std::string_view type) const {
  return type == "echo.offer" || type == "echo.candidate" || type == "echo.stop" ||
         type == "call.join" || type == "call.receive" || type == "call.answer" ||
         type == "call.candidate" || type == "call.leave" || type == "call.caucus.start" ||
         type == "call.caucus.end" || type == "call.report" || type == "call.watch" ||
         type == "call.who" || type == "call.layer";
}

awaitable<std::vector<std::string>> MediaWs::handleCall(const boost::json::object &m,
                                                        const app::Caller &caller,
                                                        core::Language l) const {
  const std::string_view type = m.at("type").as_string();
  std::vector<std::string> out;
  const auto room_id = textOf(m, "room_id", 64);
  if (!room_id || room_id->empty()) {
    out.push_back(invalid(l, texts_));
    co_return out;
  }
  const auto feed = m.contains("feed") ? textOf(m, "feed", 64) : std::optional<std::string>("");
  const auto sdp = textOf(m, "sdp", 64 * 1024);
  if (!feed) {
    out.push_back(invalid(l, texts_, *room_id));
    co_return out;
  }
  if (type == "call.join") {
    if (!sdp) {
      out.push_back(invalid(l, texts_, *room_id));
      co_return out;
    }
    auto joined = co_await calls_.publish(caller, *room_id, *sdp);
    if (!joined) {
      out.push_back(refusal(joined.error(), l, texts_, *room_id));
      co_return out;
    }
    boost::json::array publishers;
    for (const auto &p : joined->publishers) publishers.emplace_back(p);
    out.push_back(
        boost::json::serialize(boost::json::object{{"type", "call.joined"},
                                                   {"room_id", *room_id},
                                                   {"sdp", std::move(joined->answer)},
                                                   {"publishers", std::move(publishers)}}));
    co_return out;
  }
  if (type == "call.who") {
    auto people = co_await calls_.present(caller, *room_id);
    if (!people) {
      out.push_back(refusal(people.error(), l, texts_, *room_id));
      co_return out;
    }
    boost::json::array ids;
    for (const auto &p : *people) ids.emplace_back(p);
    out.push_back(boost::json::serialize(boost::json::object{
        {"type", "call.people"}, {"room_id", *room_id}, {"people", std::move(ids)}}));
    co_return out;
  }
  if (type == "call.watch") {
    auto watching = co_await calls_.watch(caller, *room_id);
    if (!watching) {
      out.push_back(refusal(watching.error(), l, texts_, *room_id));
      co_return out;
    }
    boost::json::array publishers;
    for (const auto &p : watching->publishers) publishers.emplace_back(p);
    out.push_back(boost::json::serialize(boost::json::object{
        {"type", "call.watching"}, {"room_id", *room_id}, {"publishers", std::move(publishers)}}));
    co_return out;
  }
  if (type == "call.receive") {
    auto offer = co_await calls_.receive(caller, *room_id, *feed);
    if (!offer) {
      out.push_back(refusal(offer.error(), l, texts_, *room_id));
      co_return out;
    }
    out.push_back(boost::json::serialize(boost::json::object{{"type", "call.offer"},
                                                             {"room_id", *room_id},
                                                             {"feed", *feed},
                                                             {"sdp", std::move(*offer)}}));
    co_return out;
  }
  core::Status done = core::okStatus();
  if (type == "call.answer") {
    if (!sdp) {
      out.push_back(invalid(l, texts_, *room_id));
      co_return out;
    }
    done = co_await calls_.answer(caller, *room_id, *feed, *sdp);
  } else if (type == "call.candidate") {
    auto candidate = candidateOf(m);
    if (!candidate) {
      out.push_back(invalid(l, texts_, *room_id));
      co_return out;
    }
    done = co_await calls_.candidate(caller, *room_id, *feed, std::move(*candidate));
  } else if (type == "call.caucus.start") {
    const auto party = textOf(m, "with", 64);
    if (!party) {
      out.push_back(invalid(l, texts_, *room_id));
      co_return out;
    }
    auto started = co_await calls_.startCaucus(caller, *room_id, *party);
    if (!started) done = started.error();
  } else if (type == "call.report") {
    const auto kind = textOf(m, "kind", 16);
    const auto detail =
        m.contains("detail") ? textOf(m, "detail", 64) : std::optional<std::string>("");
    if (!kind || !detail) {
      out.push_back(invalid(l, texts_, *room_id));
      co_return out;
    }
    done = co_await calls_.report(caller, *room_id, *kind, *detail);
  } else if (type == "call.layer") {
    const auto layer = layerOf(m);
    if (!layer || feed->empty()) {
      out.push_back(invalid(l, texts_, *room_id));
      co_return out;
    }
    done = co_await calls_.layer(caller, *room_id, *feed, *layer);
  } else if (type == "call.caucus.end") {
    done = co_await calls_.endCaucus(caller, *room_id);
  } else { // call.leave
    done = co_await calls_.leave(caller, *room_id);
  }
  if (!done) out.push_back(refusal(done.error(), l, texts_, *room_id));
  co_return out;
}

awaitable<std::vector<std::string>> MediaWs::handle(const boost::json::object &m,
                                                    const core::User &user, core::Language l,
                                                    const void *origin) const {
  app::Caller caller;
  caller.user = user;
  caller.origin = origin;
  const std::string_view type = m.at("type").as_string();
  if (type.starts_with("call.")) {
    auto replies = co_await handleCall(m, caller, l);
    co_return replies;
  }
  std::vector<std::string> out;
  if (type == "echo.offer") {
    const auto *sdp = m.if_contains("sdp");
    if (!sdp || !sdp->is_string()) {
      out.push_back(invalid(l, texts_));
      co_return out;
    }
    auto answer = co_await media_.echoOffer(caller, std::string(sdp->as_string()));
    if (!answer) {
      out.push_back(refusal(answer.error(), l, texts_));
      co_return out;
    }
    out.push_back(boost::json::serialize(
        boost::json::object{{"type", "echo.answer"}, {"sdp", std::move(*answer)}}));
    co_return out;
  }
  if (type == "echo.candidate") {
    auto candidate = candidateOf(m);
    if (!candidate) {
      out.push_back(invalid(l, texts_));
      co_return out;
    }
    auto added = co_await media_.echoCandidate(caller, std::move(*candidate));
    if (!added) out.push_back(refusal(added.error(), l, texts_));
    co_return out;
  }
  // echo.stop
  auto stopped = co_await media_.echoStop(caller);
  if (!stopped) out.push_back(refusal(stopped.error(), l, texts_));
  co_return out;
}

void MediaWs::connectionEnded(const void *origin) const {
  // Most connections (waiting citizens) hold no media: nothing is spawned for them.
  if (media_.holds(origin))
    boost::asio::co_spawn(executor_, media_.connectionEnded(origin), boost::asio::detached);
  if (calls_.holds(origin))
    boost::asio::co_spawn(executor_, calls_.connectionEnded(origin), boost::asio::detached);
}

} // namespace kelisim::transport
