#include "transport/ws/event_codec.hpp"

#include "transport/json_input.hpp"

#include <boost/json/serialize.hpp>

namespace kelisim::transport {

using app::reception::Event;

namespace {
constexpr std::string_view kTypeNames[] = {"ticket",          "queue", "room",  "message", "offer",
                                           "offer_withdrawn", "desk",  "board", "typing",  "read",
                                           "access"};
} // namespace

std::string encodeEvent(const Event &e) {
  return boost::json::serialize(boost::json::object{{"t", kTypeNames[static_cast<int>(e.type)]},
                                                    {"id", e.id},
                                                    {"seq", e.seq},
                                                    {"ticket", e.ticket_id},
                                                    {"user", e.user_id},
                                                    {"session", e.session}});
}

std::optional<Event> decodeEvent(std::string_view text) {
  auto parsed = parseJsonObject(text, 2);
  if (!parsed) return std::nullopt;
  const auto *t = parsed->if_contains("t");
  if (!t || !t->is_string()) return std::nullopt;
  Event e{};
  bool known = false;
  for (std::size_t i = 0; i < std::size(kTypeNames); ++i)
    if (kTypeNames[i] == t->as_string()) {
      e.type = static_cast<Event::Type>(i);
      known = true;
    }
  if (!known) return std::nullopt;
  auto str = [&](const char *k) -> std::string {
    const auto *v = parsed->if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  e.id = str("id");
  e.ticket_id = str("ticket");
  e.user_id = str("user");
  e.session = str("session");
  if (const auto *s = parsed->if_contains("seq"); s && s->is_int64()) e.seq = s->as_int64();
  return e;
}

} // namespace kelisim::transport
