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
//   server → everyone in it, after a change (at once, then at most every 250 ms per conference:
//                    a few hundred people entering would otherwise each cost a message to
//                    everyone already in it): {"type":"conf.state","conference_id",
//                    "speakers":[Person],"hands":[Person],"muted":[ids],"audience":n,
//                    "people":[Person] and "lobby":[Person] (to moderators only)}
//                    Person: {"user_id","name","part":"moderator|speaker|guest"}
//   server → one person: {"type":"conf.you","conference_id","event":"admitted|denied|removed"}
// The chat beside it (app::conference::ChatService) is a chat room like a consultation's, with
// the room id "conf-<conference id>" and the same messages (docs/reception-api.md): `send` →
// `ack` with the stored message (the same again for a client_id already stored), `resume` →
// `message`s then `resumed`, and `message` to everyone in the conference but the sending page.
// Only the people let in read and write it.
// Refusals: error events with "scope":"conference", the conference_id and a code (not_found,
// forbidden, conflict, invalid_message, or a field code such as stage_full).
#pragma once

#include "app/conference/chat_service.hpp"
#include "app/conference/stage_service.hpp"
#include "i18n/translator.hpp"
#include "transport/ws/hub.hpp"
#include "transport/ws/protocol.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <map>
#include <mutex>

namespace kelisim::transport {

class ConferenceWs final : public WsHandler {
public:
  ConferenceWs(boost::asio::any_io_executor executor, app::conference::StageService &stage,
               app::conference::ChatService &chat, Hub &hub, const i18n::Translator &texts);

  bool handles(std::string_view type) const override;
  // Its own types, and `send` and `resume` for a conference's room (placed before the
  // reception's handler, which takes every other room's).
  bool claims(const boost::json::object &message) const override;
  boost::asio::awaitable<std::vector<std::string>> handle(const boost::json::object &message,
                                                          const core::User &user,
                                                          core::Language language,
                                                          const void *origin) const override;
  void connectionEnded(const void *origin) const override;

private:
  // Sends the conference's state now, then again every kStateCoalesce while it changes.
  boost::asio::awaitable<void> announce(std::string conference_id);
  void send(const app::conference::StageService::Told &told) const;

  boost::asio::any_io_executor executor_;
  boost::asio::awaitable<std::vector<std::string>> chat(const boost::json::object &message,
                                                        const app::Caller &caller,
                                                        core::Language language) const;

  app::conference::StageService &stage_;
  app::conference::ChatService &chat_;
  Hub &hub_;
  const i18n::Translator &texts_;
  // Conferences with an announcer running → whether they changed since it last sent.
  std::mutex mutex_;
  std::map<std::string, bool> changed_;
};

} // namespace kelisim::transport
