// The reception's messages on /ws (see docs/reception-api.md): send a chat message (answered
// with an ack once it is committed), resume a room from a sequence number, typing, read
// markers, and a coordinator's request to watch a board. Errors come back as error events
// with a stable code; the connection stays open.
#pragma once

#include "app/reception/queue_service.hpp"
#include "app/reception/room_service.hpp"
#include "i18n/translator.hpp"
#include "transport/ws/live_events.hpp"
#include "transport/ws/protocol.hpp"

namespace kelisim::transport {

// A resume answers at most this many messages, then `resumed` with "more": true; the client
// asks for the next page when it has taken these in. Well under a connection's send queue
// (256), so a phone that missed a long conversation is not dropped for catching up.
inline constexpr int kResumePage = 100;

class ReceptionWs final : public WsHandler {
public:
  ReceptionWs(app::reception::QueueService &queue, app::reception::RoomService &rooms,
              LiveEvents &live, const i18n::Translator &texts);

  bool handles(std::string_view type) const override;
  // A message's acknowledgement ("ack") carries the stored message, which is then not sent
  // to the sending connection again (its other connections get it as usual).
  boost::asio::awaitable<std::vector<std::string>> handle(const boost::json::object &message,
                                                          const core::User &user,
                                                          core::Language language,
                                                          const void *origin) const override;

private:
  app::reception::QueueService &queue_;
  app::reception::RoomService &rooms_;
  LiveEvents &live_;
  const i18n::Translator &texts_;
};

} // namespace kelisim::transport
