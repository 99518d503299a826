#include "transport/ws/media_ws.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/json/serialize.hpp>

namespace kelisim::transport {

using boost::asio::awaitable;
using core::ErrorCode;

namespace {

std::string refusal(const core::Error &e, core::Language l, const i18n::Translator &texts) {
  boost::json::object event{{"type", "error"}, {"scope", "echo"}};
  if (e.code == ErrorCode::validation_failed && !e.fields.empty()) {
    event["code"] = e.fields.front().code;
    event["message"] = texts.text(l, "field." + e.fields.front().code, e.fields.front().params);
  } else {
    const char *code = e.code == ErrorCode::validation_failed ? "invalid_message"
                       : e.code == ErrorCode::unavailable     ? "media_unavailable"
                       : e.code == ErrorCode::busy      ? "busy"
                       : e.code == ErrorCode::not_found ? "not_found"
                       : e.code == ErrorCode::forbidden || e.code == ErrorCode::unauthenticated
                           ? "forbidden"
                           : "failed";
    event["code"] = code;
    event["message"] = texts.text(l, std::string("ws.") + code);
  }
  return boost::json::serialize(event);
}

std::string invalid(core::Language l, const i18n::Translator &texts) {
  return refusal(core::Error::make(ErrorCode::validation_failed), l, texts);
}

} // namespace

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
                 Hub &hub, const i18n::Translator &texts)
    : executor_(std::move(executor)), media_(media), hub_(hub), texts_(texts) {
  media_.onConnectionEvent(
      [this](const std::string &user_id, const void *origin, const core::MediaEvent &e) {
        boost::json::object event{
            {"type", "media.event"}, {"scope", "echo"}, {"event", mediaEventName(e.kind)}};
        if (!e.detail.empty()) event["detail"] = e.detail;
        hub_.sendToConnection(user_id, origin, boost::json::serialize(event));
      });
}

bool MediaWs::handles(std::string_view type) const {
  return type == "echo.offer" || type == "echo.candidate" || type == "echo.stop";
}

awaitable<std::vector<std::string>> MediaWs::handle(const boost::json::object &m,
                                                    const core::User &user, core::Language l,
                                                    const void *origin) const {
  app::Caller caller;
  caller.user = user;
  caller.origin = origin;
  const std::string_view type = m.at("type").as_string();
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
    core::IceCandidate candidate;
    const auto *completed = m.if_contains("completed");
    const auto *c = m.if_contains("candidate");
    if (completed && completed->is_bool() && completed->as_bool()) {
      candidate.completed = true;
    } else if (c && c->is_object()) {
      const auto &o = c->as_object();
      const auto *text = o.if_contains("candidate");
      const auto *mid = o.if_contains("sdpMid");
      const auto *index = o.if_contains("sdpMLineIndex");
      if (!text || !text->is_string() || (mid && !mid->is_string() && !mid->is_null()) ||
          (index && !index->is_int64())) {
        out.push_back(invalid(l, texts_));
        co_return out;
      }
      candidate.candidate = std::string(text->as_string());
      if (mid && mid->is_string()) candidate.sdp_mid = std::string(mid->as_string());
      if (index) candidate.sdp_mline_index = static_cast<int>(index->as_int64());
    } else {
      out.push_back(invalid(l, texts_));
      co_return out;
    }
    auto added = co_await media_.echoCandidate(caller, std::move(candidate));
    if (!added) out.push_back(refusal(added.error(), l, texts_));
    co_return out;
  }
  // echo.stop
  auto stopped = co_await media_.echoStop(caller);
  if (!stopped) out.push_back(refusal(stopped.error(), l, texts_));
  co_return out;
}

void MediaWs::connectionEnded(const void *origin) const {
  boost::asio::co_spawn(executor_, media_.connectionEnded(origin), boost::asio::detached);
}

} // namespace kelisim::transport
