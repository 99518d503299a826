// Media for the people of the reception: whether calls are on, the ICE servers (with TURN
// credentials) a signed-in person may use, and the device check's echo test through the
// engine. Authorisation lives here, as everywhere: only a signed-in person gets TURN
// credentials or an echo handle, one echo test per connection, a bounded number at once.
// The engine (core::MediaEngine) never sees a person; this service maps its handles back to
// the connection that owns them, and ends them when that connection ends.
#pragma once

#include "app/caller.hpp"
#include "app/media/turn_credentials.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/media.hpp"

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace kelisim::app::media {

struct MediaSettings {
  TurnSettings turn;
  // An offer larger than this is refused (Janus's Unix-socket transport reads requests into
  // an 8 KiB buffer; the page keeps its offers small by keeping one codec a kind).
  std::size_t max_sdp_bytes = 7000;
  std::size_t max_echo_tests = 64; // running at once on this instance
};

struct MediaInfo {
  bool calls = false;
  std::vector<IceServer> ice_servers;
  std::size_t max_sdp_bytes = 0;
};

inline constexpr std::size_t kMaxCandidateBytes = 512;

// Where an event about a connection's media goes: (user id, connection, event).
using ConnectionEventSink =
    std::function<void(const std::string &, const void *, const core::MediaEvent &)>;

class MediaService {
public:
  MediaService(core::MediaEngine &engine, const core::Clock &clock, MediaSettings settings);

  core::Result<MediaInfo> info(const Caller &caller) const;
  // The echo test of the device check: the caller's connection gets one handle (an earlier
  // one of the same connection ends first) and the engine's answer.
  core::Task<std::string> echoOffer(const Caller &caller, std::string sdp);
  core::Task<core::Unit> echoCandidate(const Caller &caller, core::IceCandidate candidate);
  core::Task<core::Unit> echoStop(const Caller &caller);
  // The connection `origin` is gone: its echo test ends.
  core::Task<core::Unit> connectionEnded(const void *origin);
  void onConnectionEvent(ConnectionEventSink sink) { sink_ = std::move(sink); }

  std::size_t echoTests() const;
  // Whether the connection holds an echo test (a closing connection without one costs nothing).
  bool holds(const void *origin) const;

private:
  struct Echo {
    std::string user_id;
    const void *origin = nullptr;
    core::MediaHandle handle = 0;
  };
  void engineEvent(const core::MediaEvent &event);
  // Takes the connection's echo out of the books; 0 when it had none.
  core::MediaHandle forget(const void *origin);

  core::MediaEngine &engine_;
  const core::Clock &clock_;
  MediaSettings settings_;
  ConnectionEventSink sink_;
  mutable std::mutex mutex_;
  std::unordered_map<const void *, Echo> echoes_;
  std::unordered_map<core::MediaHandle, const void *> by_handle_;
};

// Checks an offer's shape and size: an SDP ("v=0…") no longer than `max_bytes`.
core::Status checkOffer(const std::string &sdp, std::size_t max_bytes);
core::Status checkCandidate(const core::IceCandidate &candidate);

} // namespace kelisim::app::media
