// The /ws protocol: JSON text frames {"type": "...", ...}. This file decides what a client
// message means and what to answer; it knows nothing of sockets. Error events carry a
// stable `code` and a `message` in the user's language, and the connection stays open.
//   client → server: {"type":"ping","id":<any>}            server → client:
//   {"type":"pong","id":<same>} server → client on connect:
//   {"type":"hello","user_id":"…","server_time":"…"} server → client on a bad message:
//   {"type":"error","code":"invalid_message|unknown_type|too_many_messages","message":"…"}
#pragma once

#include "core/model.hpp"
#include "i18n/translator.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kelisim::transport {

inline constexpr std::size_t kWsMaxMessageBytes = 64 * 1024;

std::string helloEvent(const core::User &user, core::Time now);
std::string errorEvent(std::string_view code, core::Language language,
                       const i18n::Translator &texts);

// The message types a feature handles asynchronously (the reception's chat, for one: see
// ws/reception_ws.hpp). Called on the connection's coroutine, one message at a time.
// `origin` is the connection the message came from (see app::Caller::origin).
class WsHandler {
public:
  virtual ~WsHandler() = default;
  virtual bool handles(std::string_view type) const = 0;
  // Whether this handler takes `message` (its "type" is a string): by its type, unless a
  // handler shares a type with another and tells its own apart by content.
  virtual bool claims(const boost::json::object &message) const {
    return handles(message.at("type").as_string());
  }
  virtual boost::asio::awaitable<std::vector<std::string>>
  handle(const boost::json::object &message, const core::User &user, core::Language language,
         const void *origin) const = 0;
  // The connection `origin` ended (whatever it held for the feature ends with it). Called on
  // the connection's strand; must not block.
  virtual void connectionEnded(const void * /*origin*/) const {}
};

// Several features' handlers behind one: a message goes to the first that claims it.
class WsHandlers final : public WsHandler {
public:
  explicit WsHandlers(std::vector<const WsHandler *> handlers) : handlers_(std::move(handlers)) {}
  bool handles(std::string_view type) const override;
  boost::asio::awaitable<std::vector<std::string>> handle(const boost::json::object &message,
                                                          const core::User &user,
                                                          core::Language language,
                                                          const void *origin) const override;
  void connectionEnded(const void *origin) const override;

private:
  std::vector<const WsHandler *> handlers_;
};

// One connection's message budget: a token bucket of kBurst messages refilled at kPerMinute
// (core::RateLimiter's arithmetic for a single key, in 16 bytes instead of a hash map: one
// lives in every connection).
class WsBudget {
public:
  static constexpr double kPerMinute = 1200;
  static constexpr double kBurst = 60;
  bool allow(core::Time now);

private:
  double tokens_ = kBurst;
  core::Time updated_ = core::Time::min(); // min: never used
};

// One connection's view of the protocol: its language and message budget. It keeps no copy
// of the user (the session holds the one it authenticated); ~64 bytes a connection.
class WsProtocol {
public:
  WsProtocol(core::Language language, const i18n::Translator &texts,
             const WsHandler *handler = nullptr);
  // For callers that have the user at hand (the fuzz target): the protocol needs only the
  // language.
  WsProtocol(const core::User &user, core::Language language, const i18n::Translator &texts,
             const WsHandler *handler = nullptr);

  // The events to send back for one text frame received at `now`. A well-formed message of
  // a type the handler takes is kept for takeForwarded() instead.
  std::vector<std::string> onMessage(std::string_view text, core::Time now);
  std::optional<boost::json::object> takeForwarded() { return std::exchange(forwarded_, {}); }
  core::Language language() const { return language_; }

private:
  core::Language language_;
  const i18n::Translator &texts_;
  WsBudget budget_;
  const WsHandler *handler_;
  std::optional<boost::json::object> forwarded_;
};

} // namespace kelisim::transport
