// libFuzzer target: the /ws protocol (transport::WsProtocol::onMessage). The input is cut at
// 0xFF bytes into successive messages on one connection, all at the same instant so the
// message budget is exercised too. Every reply must be a JSON object the client understands.
#include "transport/ws/protocol.hpp"

#include <boost/json/parse.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace kelisim;

namespace {
void check(bool condition) {
  if (!condition) std::abort();
}

void checkReply(const std::string &reply) {
  boost::system::error_code ec;
  auto v = boost::json::parse(reply, ec);
  check(!ec && v.is_object());
  const auto *type = v.as_object().if_contains("type");
  check(type && type->is_string());
  if (type->as_string() == "pong") return;
  check(type->as_string() == "error");
  const auto *code = v.as_object().if_contains("code");
  check(code && code->is_string());
  const std::string_view c = code->as_string();
  check(c == "invalid_message" || c == "unknown_type" || c == "too_many_messages");
  const auto *message = v.as_object().if_contains("message");
  check(message && message->is_string() && !message->as_string().empty());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  static const i18n::Translator texts;
  std::string_view input(reinterpret_cast<const char *>(data), size);
  core::User user;
  user.id = "0123456789abcdef0123456789abcdef";
  user.role = core::Role::citizen;
  const auto language = size > 0 ? static_cast<core::Language>(data[0] % 3) : core::Language::ru;
  transport::WsProtocol protocol(user, language, texts);
  const core::Time now = core::fromMillis(1'780'000'000'000);
  int messages = 0;
  for (;;) {
    const auto cut = input.find('\xff');
    const auto replies = protocol.onMessage(input.substr(0, cut), now);
    check(replies.size() == 1);
    for (const auto &r : replies) checkReply(r);
    if (cut == std::string_view::npos || ++messages > 200) break;
    input.remove_prefix(cut + 1);
  }
  return 0;
}
