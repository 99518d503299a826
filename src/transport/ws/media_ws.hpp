// The media messages on /ws (docs/reception-api.md, "Media"): the device check's echo test
// and the calls of consultation rooms.
//   client → server: {"type":"echo.offer","sdp":"…"}            → {"type":"echo.answer","sdp":"…"}
//                    {"type":"echo.candidate","candidate":{"candidate":"…","sdpMid":"0",
//                     "sdpMLineIndex":0}} or {"type":"echo.candidate","completed":true}
//                    {"type":"echo.stop"}
//   server → client: {"type":"media.event","scope":"echo","event":"connected|hangup|slowlink|gone"}
// Calls (members of the consultation room only, app::media::CallService):
//   {"type":"call.join","room_id","sdp"}          →
//   {"type":"call.joined","room_id","sdp","publishers":[ids]}
//   {"type":"call.watch","room_id"} (a conference's audience: in the call without publishing)
//   → {"type":"call.watching","room_id","publishers":[ids]}
//   {"type":"call.receive","room_id","feed"}      → {"type":"call.offer","room_id","feed","sdp"}
//   {"type":"call.answer","room_id","feed","sdp"}
//   {"type":"call.candidate","room_id","feed"?,"candidate"|"completed"} (no feed: one's own)
//   {"type":"call.leave","room_id"}
//   {"type":"call.who","room_id"}                 → {"type":"call.people","room_id","people":[ids]}
//   (who publishes now: a page opened after the call started)
//   {"type":"call.caucus.start","room_id","with":<user id>} (a specialist in the call) and
//   {"type":"call.caucus.end","room_id"} (the host or the party): a separate session;
//   server → every member in the call: {"type":"call.caucus","room_id","state":"started|ended",
//   "host","party"}; those cut apart get call.member "left" for each other, and "joined"
//   again at the end
//   {"type":"call.report","room_id","kind":"mode|callback|relayed","detail"?} — one's own link
//   (detail "video|audio|chat:<reason>" for a mode); recorded, and a mode is told to the
//   others: {"type":"call.mode","room_id","user_id","mode","reason"}
//   {"type":"call.layer","room_id","feed","layer":"high|medium|low|none"} — which of feed's
//   simulcast layers one's receiving link gets (none: no picture, voice only); only the
//   connection receiving feed may switch it; no reply when done
//   server → the other members: {"type":"call.member","room_id","user_id","event":"joined|left"}
//   ("left" also to the members outside the call who heard of the joining);
//   to a person no longer in the room (or when it closed): the same with "removed" and their id
//   server → the connection:    {"type":"media.event","scope":"call","room_id","feed","event"}
// Refusals are error events with a "scope" ("echo" or "call", with the room_id) and a stable
// code (media_unavailable, busy, forbidden, not_found, invalid_message or a field code such
// as too_long). Browsers never talk to Janus: everything passes here and through the services.
#pragma once

#include "app/media/call_service.hpp"
#include "app/media/media_service.hpp"
#include "i18n/translator.hpp"
#include "transport/ws/hub.hpp"
#include "transport/ws/protocol.hpp"

#include <boost/asio/any_io_executor.hpp>

namespace kelisim::transport {

class MediaWs final : public WsHandler {
public:
  MediaWs(boost::asio::any_io_executor executor, app::media::MediaService &media,
          app::media::CallService &calls, Hub &hub, const i18n::Translator &texts);

  bool handles(std::string_view type) const override;
  boost::asio::awaitable<std::vector<std::string>> handle(const boost::json::object &message,
                                                          const core::User &user,
                                                          core::Language language,
                                                          const void *origin) const override;
  void connectionEnded(const void *origin) const override;

private:
  boost::asio::any_io_executor executor_;
  boost::asio::awaitable<std::vector<std::string>> handleCall(const boost::json::object &message,
                                                              const app::Caller &caller,
                                                              core::Language language) const;

  app::media::MediaService &media_;
  app::media::CallService &calls_;
  Hub &hub_;
  const i18n::Translator &texts_;
};

// An error event of a feature's messages on /ws: its scope ("echo", "call", "conference"),
// the object it is about (`key`: `id`, when there is one), a stable code and the message in
// the person's language (a field code and its field for a refused value).
std::string scopedRefusal(const core::Error &error, core::Language language,
                          const i18n::Translator &texts, std::string_view scope,
                          std::string_view key, const std::string &id);
const char *mediaEventName(core::MediaEventKind kind);
const char *callEventName(app::media::CallEvent::Kind kind);

} // namespace kelisim::transport
