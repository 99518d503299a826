// The live conference's messages on /ws (docs/conference-api.md, "Live"), for the people the
// conference's record lets in (app::conference::StageService decides; this only reads and
// writes JSON). The media itself goes through the call messages (media_ws) in the call room
// "conf-<conference id>": the stage publishes with call.join, the audience uses call.watch.
//   client → server: {"type":"conf.enter","conference_id"} → {"type":"conf.entered",
//                    "conference_id","place":"stage|audience|lobby"}
//                    {"type":"conf.leave","conference_id"}
//                    {"type":"conf.hand","conference_id","up":bool}
//                    a moderator's: {"type":"conf.admit"|"conf.deny","conference_id","user_id"}
//                    {"type":"conf.stage","conference_id","user_id","on":bool} (on: false is
//                    also a speaker's own step down), {"type":"conf.mute","conference_id",
//                    "user_id","muted":bool}, {"type":"conf.remove","conference_id","user_id"}
//   server → everyone in it, after each change: {"type":"conf.state","conference_id",
//                    "speakers":[Person],"hands":[Person],"muted":[ids],"audience":n,
//                    "people":[Person] and "lobby":[Person] (to moderators only)}
//                    Person: {"user_id","name","part":"moderator|speaker|guest"}
//   server → one person: {"type":"conf.you","conference_id","event":"admitted|denied|removed"}
// Refusals: error events with "scope":"conference", the conference_id and a code (not_found,
// forbidden, conflict, invalid_message, or a field code such as stage_full).
#pragma once

#include "app/conference/stage_service.hpp"
#include "i18n/translator.hpp"
#include "transport/ws/hub.hpp"
#include "transport/ws/protocol.hpp"

#include <boost/asio/any_io_executor.hpp>

namespace kelisim::transport {

class ConferenceWs final : public WsHandler {
public:
  ConferenceWs(boost::asio::any_io_executor executor, app::conference::StageService &stage,
               Hub &hub, const i18n::Translator &texts);

  bool handles(std::string_view type) const override;
  boost::asio::awaitable<std::vector<std::string>> handle(const boost::json::object &message,
                                                          const core::User &user,
                                                          core::Language language,
                                                          const void *origin) const override;
  void connectionEnded(const void *origin) const override;

private:
  boost::asio::any_io_executor executor_;
  app::conference::StageService &stage_;
  Hub &hub_;
  const i18n::Translator &texts_;
};

} // namespace kelisim::transport
