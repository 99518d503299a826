#include "transport/ws/reception_ws.hpp"

#include "core/validation.hpp"
#include "transport/http/reception_views.hpp"

#include <boost/json/serialize.hpp>

namespace kelisim::transport {

using boost::asio::awaitable;
using core::ErrorCode;

namespace {

std::optional<std::string> stringField(const boost::json::object &m, const char *name,
                                       std::size_t max_bytes) {
  const auto *v = m.if_contains(name);
  if (!v || !v->is_string() || v->as_string().empty() || v->as_string().size() > max_bytes)
    return std::nullopt;
  return std::string(v->as_string());
}

std::optional<std::int64_t> numberField(const boost::json::object &m, const char *name) {
  const auto *v = m.if_contains(name);
  if (!v || !v->is_int64() || v->as_int64() < 0) return std::nullopt;
  return v->as_int64();
}

// The error event for a service error: a stable code, a message in the user's language and
// the id it is about (the client_id of a message that was not sent, say).
std::string failure(const core::Error &e, std::string_view context_field, const std::string &id,
                    core::Language l, const i18n::Translator &texts,
                    const std::string &room_id = {}) {
  boost::json::object event{{"type", "error"}};
  if (e.code == ErrorCode::validation_failed && !e.fields.empty()) {
    event["code"] = e.fields.front().code;
    event["message"] = texts.text(l, "field." + e.fields.front().code, e.fields.front().params);
  } else {
    const char *code = e.code == ErrorCode::not_found ? "not_found"
                       : e.code == ErrorCode::forbidden || e.code == ErrorCode::unauthenticated
                           ? "forbidden"
                       : e.code == ErrorCode::validation_failed ? "invalid_message"
                       : e.code == ErrorCode::busy              ? "busy"
                                                                : "failed";
    event["code"] = code;
    event["message"] = texts.text(l, std::string("ws.") + code);
  }
  event[std::string(context_field)] = id;
  if (!room_id.empty()) event["room_id"] = room_id;
  return boost::json::serialize(event);
}

} // namespace

ReceptionWs::ReceptionWs(app::reception::QueueService &queue, app::reception::RoomService &rooms,
                         LiveEvents &live, const i18n::Translator &texts)
    : queue_(queue), rooms_(rooms), live_(live), texts_(texts) {}

bool ReceptionWs::handles(std::string_view type) const {
  return type == "send" || type == "resume" || type == "typing" || type == "read" ||
         type == "watch_board";
}

awaitable<std::vector<std::string>> ReceptionWs::handle(const boost::json::object &m,
                                                        const core::User &user, core::Language l,
                                                        const void *origin) const {
  app::Caller caller;
  caller.user = user;
  caller.origin = origin;
  const std::string type(m.at("type").as_string());
  const auto room_id = stringField(m, "room_id", 64);
  std::vector<std::string> out;

  if (type == "send") {
    const auto client_id = stringField(m, "client_id", app::reception::kMaxClientId);
    const auto body = stringField(m, "body", app::reception::kMaxMessage * 4);
    if (!room_id || !client_id || !body) {
      out.push_back(errorEvent("invalid_message", l, texts_));
      co_return out;
    }
    auto sent = co_await rooms_.send(caller, *room_id, *client_id, *body);
    if (!sent) {
      // The room too: a page with several rooms knows which chat the refusal is for.
      out.push_back(failure(sent.error(), "client_id", *client_id, l, texts_, *room_id));
      co_return out;
    }
    out.push_back(boost::json::serialize(boost::json::object{{"type", "ack"},
                                                             {"room_id", *room_id},
                                                             {"client_id", *client_id},
                                                             {"seq", sent->message.seq},
                                                             {"message", messageJson(*sent)}}));
    co_return out;
  }

  if (type == "resume") {
    const auto after = numberField(m, "after_seq");
    if (!room_id || !after) {
      out.push_back(errorEvent("invalid_message", l, texts_));
      co_return out;
    }
    std::int64_t last = *after;
    // One more than a page tells whether another page follows.
    auto page = co_await rooms_.messages(caller, *room_id, last, kResumePage + 1);
    if (!page) {
      out.push_back(failure(page.error(), "room_id", *room_id, l, texts_));
      co_return out;
    }
    const bool more = page->size() > static_cast<std::size_t>(kResumePage);
    if (more) page->resize(kResumePage);
    for (const auto &mv : *page) {
      out.push_back(boost::json::serialize(
          boost::json::object{{"type", "message"}, {"message", messageJson(mv)}}));
      last = mv.message.seq;
    }
    out.push_back(boost::json::serialize(boost::json::object{
        {"type", "resumed"}, {"room_id", *room_id}, {"last_seq", last}, {"more", more}}));
    co_return out;
  }

  if (type == "typing" || type == "read") {
    const auto seq = numberField(m, "seq");
    if (!room_id || (type == "read" && !seq)) {
      out.push_back(errorEvent("invalid_message", l, texts_));
      co_return out;
    }
    core::Status done = core::okStatus();
    if (type == "typing")
      done = co_await rooms_.typing(caller, *room_id);
    else
      done = co_await rooms_.read(caller, *room_id, *seq);
    if (!done) out.push_back(failure(done.error(), "room_id", *room_id, l, texts_));
    co_return out;
  }

  // watch_board
  const auto reception_id = stringField(m, "reception_id", 64);
  if (!reception_id) {
    out.push_back(errorEvent("invalid_message", l, texts_));
    co_return out;
  }
  auto board = co_await queue_.board(caller, *reception_id);
  if (!board) {
    out.push_back(failure(board.error(), "reception_id", *reception_id, l, texts_));
    co_return out;
  }
  live_.watchBoard(*reception_id, user.id);
  out.push_back(
      boost::json::serialize(boost::json::object{{"type", "board"}, {"board", boardJson(*board)}}));
  co_return out;
}

} // namespace kelisim::transport
