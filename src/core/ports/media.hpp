// The media engine as the services see it: handles on a selective forwarding unit (Janus
// 1.1.2 in production, transport/media/janus_client), offers in and answers out, ICE
// candidates, and what happens to a handle's media. The services decide who may do what;
// the engine only does it. Nothing here knows about Janus's JSON or its socket.
#pragma once

#include "core/ports/task.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace kelisim::core {

using MediaHandle = std::uint64_t;

// What a handle is for: the echo test of the device check, or a seat in a call's room.
enum class MediaPlugin { echo, room };

// One ICE candidate from a browser, or the end of them (`completed`).
struct IceCandidate {
  std::string candidate; // "candidate:…" as the browser gave it
  std::string sdp_mid;
  int sdp_mline_index = 0;
  bool completed = false;
};

// What the engine tells about a handle's media.
enum class MediaEventKind {
  connected, // ICE and DTLS done: media may flow (Janus "webrtcup")
  hangup,    // the PeerConnection is gone (DTLS alert, ICE failed, closed)
  slowlink,  // the engine sees losses on this handle's link (detail: "uplink"/"downlink")
  gone,      // the engine lost the handle (restarted, or its session timed out)
};

struct MediaEvent {
  MediaHandle handle = 0;
  MediaEventKind kind = MediaEventKind::hangup;
  std::string detail;
};

class MediaEngine {
public:
  virtual ~MediaEngine() = default;
  // Whether the engine answers now (calls are offered only then).
  virtual bool up() const = 0;
  virtual Task<MediaHandle> attach(MediaPlugin plugin) = 0;
  // The echo test: the browser's offer in, the engine's answer out (its media comes back).
  virtual Task<std::string> echo(MediaHandle handle, std::string offer_sdp) = 0;
  virtual Task<Unit> trickle(MediaHandle handle, IceCandidate candidate) = 0;
  virtual Task<Unit> detach(MediaHandle handle) = 0;
  // Where the engine's events go; set once, before the first attach. Called on the engine's
  // executor, so it must not block.
  virtual void onEvent(std::function<void(const MediaEvent &)> sink) = 0;
};

} // namespace kelisim::core
