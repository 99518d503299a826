// The media messages on /ws (docs/reception-api.md, "Media"): the device check's echo test.
//   client → server: {"type":"echo.offer","sdp":"…"}            → {"type":"echo.answer","sdp":"…"}
//                    {"type":"echo.candidate","candidate":{"candidate":"…","sdpMid":"0",
//                     "sdpMLineIndex":0}} or {"type":"echo.candidate","completed":true}
//                    {"type":"echo.stop"}
//   server → client: {"type":"media.event","scope":"echo","event":"connected|hangup|slowlink|gone"}
// Refusals are error events with "scope":"echo" and a stable code (media_unavailable, busy,
// forbidden, not_found, invalid_message or a field code such as too_long). Browsers never
// talk to Janus: everything passes here and through app::media::MediaService.
#pragma once

#include "app/media/media_service.hpp"
#include "i18n/translator.hpp"
#include "transport/ws/hub.hpp"
#include "transport/ws/protocol.hpp"

#include <boost/asio/any_io_executor.hpp>

namespace kelisim::transport {

class MediaWs final : public WsHandler {
public:
  MediaWs(boost::asio::any_io_executor executor, app::media::MediaService &media, Hub &hub,
          const i18n::Translator &texts);

  bool handles(std::string_view type) const override;
  boost::asio::awaitable<std::vector<std::string>> handle(const boost::json::object &message,
                                                          const core::User &user,
                                                          core::Language language,
                                                          const void *origin) const override;
  void connectionEnded(const void *origin) const override;

private:
  boost::asio::any_io_executor executor_;
  app::media::MediaService &media_;
  Hub &hub_;
  const i18n::Translator &texts_;
};

const char *mediaEventName(core::MediaEventKind kind);

} // namespace kelisim::transport
