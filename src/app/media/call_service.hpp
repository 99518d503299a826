// Calls in a consultation (issue 9): one Janus VideoRoom per consultation room, opened on
// the first join and closed when the last person leaves. The others are told a person joined
// (`call.member`) once that person's media reaches the engine, and may then receive it. Only the
// room's current members may publish, receive or signal in its call (the membership comes from the
// reception's RoomService, so a citizen still waiting in the queue — the lobby — or a member who
// has left is refused). Every person publishes once (a new publication from another tab replaces
// the old) and receives each other publisher on a handle of its own. The engine never learns a
// name: a participant is known to Janus by the user id only.
#pragma once

#include "app/caller.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/media.hpp"
#include "core/reception/model.hpp"

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kelisim::app::media {

// The current members of a room, if the caller is one of them (else an error).
using MembersOf =
    std::function<core::Task<std::vector<std::string>>(const Caller &, const std::string &)>;
// The current members of a room, read afresh without a caller (none once it closed).
using MembersNow = std::function<core::Task<std::vector<std::string>>(const std::string &)>;
// Whether a person in the room's call may publish now (a conference's stage); without a
// rule, every member may.
using PublishRule = std::function<bool(const std::string &room_id, const std::string &user_id)>;

// A separate session (caucus): the host (a specialist, the mediator) and one party. While
// it runs, nobody outside it receives the media of anyone inside, and nobody inside receives
// anyone outside: the server detaches those receiving handles (Janus unsubscribes them) and
// refuses new ones; a page is never trusted to look away. It ends when the host or the
// party ends it, when either leaves the call, or with the call.
struct Caucus {
  std::string host;
  std::string party;
  bool inside(const std::string &user) const { return user == host || user == party; }
};

struct CallEvent {
  // joined/left go to the others; removed to the person whose media was ended because they
  // are no longer a member of the room (or it closed).
  // caucus_started/caucus_ended go to every member: user_id is the host, party the other.
  enum class Kind { joined, left, removed, caucus_started, caucus_ended, mode };
  Kind kind = Kind::joined;
  std::string room_id;
  std::string user_id; // who joined or left
  std::string party;   // caucus: the party in it with the host
  std::string detail;  // mode: "video|audio|chat:<reason>"
};
// Where a line of a call's record goes (the store, in its own unit of work).
using RecordSink = std::function<void(core::reception::CallRecord)>;
// (the user ids to tell, the event)
using CallEventSink = std::function<void(const std::vector<std::string> &, const CallEvent &)>;
// An engine event on one of a person's call handles: (user, connection, room, feed — empty
// for the person's own publication —, event).
using CallMediaSink = std::function<void(const std::string &, const void *, const std::string &,
                                         const std::string &, const core::MediaEvent &)>;

struct Joined {
  std::string answer;
  std::vector<std::string> publishers; // the others whose media flows now: receive each
};

class CallService {
public:
  CallService(core::MediaEngine &engine, MembersOf members, MembersNow members_now,
              std::size_t max_sdp_bytes = 7000, int max_publishers = 6);

  core::Task<Joined> publish(const Caller &caller, const std::string &room_id, std::string sdp);
  // Joins the call without publishing (a conference's audience): receives the publishers
  // (`answer` stays empty). A watcher who then publishes keeps what they receive.
  core::Task<Joined> watch(const Caller &caller, const std::string &room_id);
  // The person's publication ends (brought back from a conference's stage to its audience);
  // they stay in the call receiving, and the others are told they left.
  core::Task<core::Unit> unpublish(const std::string &room_id, const std::string &user_id);
  // The person's voice is cut (or restored) for everyone by the engine, whatever their page
  // sends (a conference moderator's mute).
  core::Task<core::Unit> muteAudio(const std::string &room_id, const std::string &user_id,
                                   bool muted);
  // The engine's offer for receiving `feed` (a member who publishes in this call).
  core::Task<std::string> receive(const Caller &caller, const std::string &room_id,
                                  const std::string &feed);
  core::Task<core::Unit> answer(const Caller &caller, const std::string &room_id,
                                const std::string &feed, std::string sdp);
  // Which of `feed`'s simulcast layers the caller's receiving handle gets (its page chooses
  // from its own stats and the tile's size), or none (it fell back to voice). Only the
  // connection that receives `feed` may switch it.
  core::Task<core::Unit> layer(const Caller &caller, const std::string &room_id,
                               const std::string &feed, core::MediaLayer layer);
  // `feed` empty: a candidate of the caller's own publication.
  core::Task<core::Unit> candidate(const Caller &caller, const std::string &room_id,
                                   const std::string &feed, core::IceCandidate candidate);
  core::Task<core::Unit> leave(const Caller &caller, const std::string &room_id);
  // Who publishes in the room's call now (their media reached the engine), for a member's
  // page opened after the call started: the others as `call.member` `joined` would have told
  // them (not across a separate session), the caller left out.
  core::Task<std::vector<std::string>> present(const Caller &caller, const std::string &room_id);
  // A specialist in the call starts a separate session with one other member in the call.
  core::Task<Caucus> startCaucus(const Caller &caller, const std::string &room_id,
                                 const std::string &party);
  // The host or the party ends it; the others receive each other again.
  core::Task<core::Unit> endCaucus(const Caller &caller, const std::string &room_id);
  core::Task<core::Unit> connectionEnded(const void *origin);
  // The room's members or state changed: whoever in its call is no longer a member loses
  // their media at once (Janus kicks them) and is told; a closed room's call ends.
  core::Task<core::Unit> roomChanged(std::string room_id);

  // What a person's page reports about its own link: its mode changed (`detail`
  // "video|audio|chat:<reason>", told to the others so everyone sees each person's mode and
  // why), it asks to be called back by phone, or it goes through TURN. Recorded. A call-back
  // may also come from a member outside the call (their call could not connect at all).
  core::Task<core::Unit> report(const Caller &caller, const std::string &room_id,
                                const std::string &kind, const std::string &detail);

  void onCallEvent(CallEventSink sink) { call_sink_ = std::move(sink); }
  // Every call's record goes to `sink`, stamped with `clock`'s time.
  void onRecord(const core::Clock &clock, RecordSink sink) {
    clock_ = &clock;
    record_sink_ = std::move(sink);
  }
  void onMediaEvent(CallMediaSink sink) { media_sink_ = std::move(sink); }
  void setPublishRule(PublishRule rule) { publish_rule_ = std::move(rule); }
  // Who is muted by a moderator (a conference's speaker): their new publications start muted
  // in the engine. Same shape as the publish rule.
  void setMuteRule(PublishRule rule) { mute_rule_ = std::move(rule); }

  std::size_t calls() const;
  // Whether the connection is in a call (a closing connection outside calls costs nothing).
  bool holds(const void *origin) const;
  std::size_t people(const std::string &room_id) const;

private:
  struct Seat {
    std::string user_id;
    const void *origin = nullptr;
    core::MediaHandle publisher = 0; // 0: watching only
    std::string audio_mid;           // its publication's audio stream (for muting)
    // Its media reached the engine (ICE and DTLS done): only then do the others hear of it
    // and may receive it (Janus has no feed to give before).
    bool live = false;
    std::vector<std::string> tell;                      // the room's other members when it joined
    std::map<std::string, core::MediaHandle> receivers; // feed → handle
  };
  struct Owner {
    std::string room_id;
    std::string user_id;
    const void *origin = nullptr;
    std::string feed;
  };
  // Takes the user's seat out of the room's call: the handles to detach (its own and the
  // others' receivers of its feed), whether the call is now empty, and who remains.
  struct Removed {
    std::vector<core::MediaHandle> handles;
    bool found = false;
    bool empty = false;
    std::vector<std::string> remaining;
    // Who hears of the leaving: those still in the call and, if its media had reached the
    // engine, the room's members who were told it joined (a page outside the call too).
    std::vector<std::string> told;
    std::optional<Caucus> caucus; // the separate session the person's leaving ended
    std::int64_t seconds = 0;     // the call's length, when it ended
  };
  Removed removeSeat(const std::string &room_id, const std::string &user_id);
  core::Task<core::Unit> endSeat(const std::string &room_id, const std::string &user_id);
  // Whether `a` may receive `b` now (both inside the room's caucus, or both outside it).
  bool sameSide(const std::string &room_id, const std::string &a, const std::string &b) const;
  // Ends the room's caucus (under no lock); tells everyone and who may receive whom again.
  void caucusEnded(const std::string &room_id, const Caucus &caucus);
  bool seated(const std::string &room_id, const std::string &user_id, const void *origin) const;
  core::MediaHandle handleOf(const std::string &room_id, const std::string &user_id,
                             const void *origin, const std::string &feed) const;
  void engineEvent(const core::MediaEvent &event);
  void record(const std::string &room_id, std::string kind, std::string user_id = {},
              std::string detail = {});

  core::MediaEngine &engine_;
  MembersOf members_;
  MembersNow members_now_;
  std::size_t max_sdp_bytes_;
  int max_publishers_;
  CallEventSink call_sink_;
  CallMediaSink media_sink_;
  PublishRule publish_rule_;
  PublishRule mute_rule_;
  const core::Clock *clock_ = nullptr;
  RecordSink record_sink_;
  mutable std::mutex mutex_;
  std::map<std::string, std::vector<Seat>> calls_; // room id → seats
  std::map<std::string, Caucus> caucuses_;         // room id → its separate session
  std::map<std::string, core::Time> started_;      // room id → when its call started
  std::unordered_map<core::MediaHandle, Owner> owners_;
};

} // namespace kelisim::app::media
