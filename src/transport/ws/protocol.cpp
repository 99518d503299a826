#include "transport/ws/protocol.hpp"

#include "transport/json_input.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace kelisim::transport {

std::string helloEvent(const core::User &user, core::Time now) {
  return boost::json::serialize(boost::json::object{
      {"type", "hello"}, {"user_id", user.id}, {"server_time", core::toRfc3339(now)}});
}

std::string errorEvent(std::string_view code, core::Language language,
                       const i18n::Translator &texts) {
  return boost::json::serialize(
      boost::json::object{{"type", "error"},
                          {"code", code},
                          {"message", texts.text(language, "ws." + std::string(code))}});
}

bool WsBudget::allow(core::Time now) {
  if (updated_ != core::Time::min()) {
    const auto elapsed = static_cast<double>(std::max<long long>(0, (now - updated_).count()));
    tokens_ = std::min(kBurst, tokens_ + elapsed * (kPerMinute / 60000.0));
  }
  updated_ = now;
  if (tokens_ < 1.0) return false;
  tokens_ -= 1.0;
  return true;
}

WsProtocol::WsProtocol(core::Language language, const i18n::Translator &texts,
                       const WsHandler *handler)
    : language_(language), texts_(texts), handler_(handler) {}

WsProtocol::WsProtocol(const core::User &, core::Language language, const i18n::Translator &texts,
                       const WsHandler *handler)
    : WsProtocol(language, texts, handler) {}

std::vector<std::string> WsProtocol::onMessage(std::string_view text, core::Time now) {
  if (!budget_.allow(now)) return {errorEvent("too_many_messages", language_, texts_)};
  auto parsed = parseJsonObject(text, 8);
  if (!parsed) return {errorEvent("invalid_message", language_, texts_)};
  const auto *type = parsed->if_contains("type");
  if (!type || !type->is_string()) return {errorEvent("invalid_message", language_, texts_)};
  if (type->as_string() == "ping") {
    boost::json::object pong{{"type", "pong"}};
    if (const auto *id = parsed->if_contains("id")) pong["id"] = *id;
    return {boost::json::serialize(pong)};
  }
  if (handler_ && handler_->handles(type->as_string())) {
    forwarded_ = std::move(*parsed);
    return {};
  }
  return {errorEvent("unknown_type", language_, texts_)};
}

bool WsHandlers::handles(std::string_view type) const {
  for (const auto *h : handlers_)
    if (h->handles(type)) return true;
  return false;
}

boost::asio::awaitable<std::vector<std::string>>
WsHandlers::handle(const boost::json::object &message, const core::User &user,
                   core::Language language, const void *origin) const {
  for (const auto *h : handlers_)
    if (h->claims(message)) {
      auto replies = co_await h->handle(message, user, language, origin);
      co_return replies;
    }
  co_return std::vector<std::string>{};
}

void WsHandlers::connectionEnded(const void *origin) const {
  for (const auto *h : handlers_) h->connectionEnded(origin);
}

} // namespace kelisim::transport
