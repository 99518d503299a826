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

// Which of a feed's simulcast layers a receiving handle gets (720p, 360p, 180p as the pages
// send them), or no picture at all (the receiver fell back to voice; the voice goes on).
enum class MediaLayer { none, low, medium, high };

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

  // Rooms (Janus VideoRoom): one per call, made by the server only, never recorded.
  // Opening a room that exists already succeeds.
  virtual Task<Unit> openRoom(const std::string &room, int max_publishers) = 0;
  virtual Task<Unit> closeRoom(const std::string &room) = 0;
  // `participant` publishes on a room handle: its offer in, the engine's answer out.
  virtual Task<std::string> publish(MediaHandle handle, const std::string &room,
                                    const std::string &participant, std::string offer_sdp) = 0;
  // A room handle receives `feed`'s media: the engine makes the offer, the browser answers
  // with startReceiving.
  virtual Task<std::string> receive(MediaHandle handle, const std::string &room,
                                    const std::string &feed) = 0;
  virtual Task<Unit> startReceiving(MediaHandle handle, std::string answer_sdp) = 0;
  // Switches what a receiving handle gets of its feed's picture, without a new offer. A feed
  // without a picture has nothing to switch (succeeds).
  virtual Task<Unit> setLayer(MediaHandle handle, MediaLayer layer) = 0;
  // Ends a participant's media in the room at once (its publication and its handles' media).
  virtual Task<Unit> removeParticipant(const std::string &room, const std::string &participant) = 0;
  // Stops (or resumes) forwarding one stream (`mid`) of a participant's publication to
  // everyone in the room (Janus VideoRoom "moderate").
  virtual Task<Unit> muteStream(const std::string &room, const std::string &participant,
                                const std::string &mid, bool muted) = 0;
  virtual Task<Unit> detach(MediaHandle handle) = 0;
  // Adds a receiver of the engine's events (every receiver gets every event and keeps those
  // of its own handles); before the first attach. Called on the engine's executor, so it
  // must not block.
  virtual void onEvent(std::function<void(const MediaEvent &)> sink) = 0;
};

} // namespace kelisim::core
