#include "app/media/call_service.hpp"

#include "app/media/media_service.hpp"

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace kelisim::app::media {

using core::ErrorCode;

CallService::CallService(core::MediaEngine &engine, MembersOf members, MembersNow members_now,
                         std::size_t max_sdp_bytes, int max_publishers)
    : engine_(engine), members_(std::move(members)), members_now_(std::move(members_now)),
      max_sdp_bytes_(max_sdp_bytes), max_publishers_(max_publishers) {
  engine_.onEvent([this](const core::MediaEvent &e) { engineEvent(e); });
}

std::size_t CallService::calls() const {
  std::lock_guard lock(mutex_);
  return calls_.size();
}

bool CallService::holds(const void *origin) const {
  std::lock_guard lock(mutex_);
  for (const auto &[room_id, seats] : calls_)
    for (const auto &seat : seats)
      if (seat.origin == origin) return true;
  return false;
}

std::size_t CallService::people(const std::string &room_id) const {
  std::lock_guard lock(mutex_);
  auto it = calls_.find(room_id);
  return it == calls_.end() ? 0 : it->second.size();
}

CallService::Removed CallService::removeSeat(const std::string &room_id,
                                             const std::string &user_id) {
  Removed out;
  std::lock_guard lock(mutex_);
  auto call = calls_.find(room_id);
  if (call == calls_.end()) return out;
  if (auto c = caucuses_.find(room_id); c != caucuses_.end() && c->second.inside(user_id)) {
    out.caucus = c->second;
    caucuses_.erase(c);
  }
  auto &seats = call->second;
  auto seat =
      std::find_if(seats.begin(), seats.end(), [&](const Seat &s) { return s.user_id == user_id; });
  if (seat == seats.end()) return out;
  out.found = true;
  if (seat->live) out.told = seat->tell;
  if (seat->publisher) out.handles.push_back(seat->publisher);
  for (const auto &[feed, h] : seat->receivers) out.handles.push_back(h);
  seats.erase(seat);
  // Nobody receives a feed that is gone.
  for (auto &other : seats) {
    if (auto r = other.receivers.find(user_id); r != other.receivers.end()) {
      out.handles.push_back(r->second);
      other.receivers.erase(r);
    }
    out.remaining.push_back(other.user_id);
    if (std::find(out.told.begin(), out.told.end(), other.user_id) == out.told.end())
      out.told.push_back(other.user_id);
  }
  for (const auto h : out.handles) owners_.erase(h);
  out.empty = seats.empty();
  if (out.empty) {
    calls_.erase(call);
    caucuses_.erase(room_id);
    if (auto started = started_.find(room_id); started != started_.end()) {
      if (clock_)
        out.seconds =
            std::chrono::duration_cast<std::chrono::seconds>(clock_->now() - started->second)
                .count();
      started_.erase(started);
    }
  }
  return out;
}

core::Task<core::Unit> CallService::endSeat(const std::string &room_id,
                                            const std::string &user_id) {
  auto removed = removeSeat(room_id, user_id);
  if (!removed.found) co_return core::Unit{};
  record(room_id, "left", user_id);
  if (removed.empty) record(room_id, "ended", {}, std::to_string(removed.seconds));
  if (removed.caucus) caucusEnded(room_id, *removed.caucus);
  for (const auto h : removed.handles) {
    auto detached = co_await engine_.detach(h);
    (void)detached;
  }
  if (removed.empty) {
    auto closed = co_await engine_.closeRoom(room_id);
    (void)closed;
  }
  if (call_sink_ && !removed.told.empty())
    call_sink_(removed.told, CallEvent{CallEvent::Kind::left, room_id, user_id});
  co_return core::Unit{};
}

core::Task<std::vector<std::string>> CallService::present(const Caller &caller,
                                                          const std::string &room_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto members = co_await members_(caller, room_id);
  if (!members) co_return members.error();
  const std::string &me = caller.user->id;
  std::vector<std::string> live;
  {
    std::lock_guard lock(mutex_);
    auto call = calls_.find(room_id);
    if (call != calls_.end())
      for (const auto &seat : call->second)
        if (seat.live && seat.user_id != me) live.push_back(seat.user_id);
  }
  std::erase_if(live, [&](const std::string &other) { return !sameSide(room_id, me, other); });
  co_return live;
}

bool CallService::seated(const std::string &room_id, const std::string &user_id,
                         const void *origin) const {
  std::lock_guard lock(mutex_);
  auto call = calls_.find(room_id);
  return call != calls_.end() &&
         std::any_of(call->second.begin(), call->second.end(), [&](const Seat &seat) {
           return seat.user_id == user_id && seat.origin == origin;
         });
}

namespace {

// The mid of an offer's audio section ("" when it has none).
std::string audioMid(const std::string &sdp) {
  const auto audio = sdp.find("m=audio");
  if (audio == std::string::npos) return {};
  const auto next = sdp.find("\nm=", audio);
  const auto mid = sdp.find("a=mid:", audio);
  if (mid == std::string::npos || (next != std::string::npos && mid > next)) return {};
  const auto from = mid + 6;
  const auto end = sdp.find_first_of("\r\n", from);
  return sdp.substr(from, end == std::string::npos ? std::string::npos : end - from);
}

} // namespace

core::MediaHandle CallService::handleOf(const std::string &room_id, const std::string &user_id,
                                        const void *origin, const std::string &feed) const {
  std::lock_guard lock(mutex_);
  auto call = calls_.find(room_id);
  if (call == calls_.end()) return 0;
  for (const auto &seat : call->second) {
    if (seat.user_id != user_id || seat.origin != origin) continue;
    if (feed.empty()) return seat.publisher;
    auto r = seat.receivers.find(feed);
    return r == seat.receivers.end() ? 0 : r->second;
  }
  return 0;
}

core::Task<Joined> CallService::publish(const Caller &caller, const std::string &room_id,
                                        std::string sdp) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto members = co_await members_(caller, room_id);
  if (!members) co_return members.error();
  if (auto ok = checkOffer(sdp, max_sdp_bytes_); !ok) co_return ok.error();
  if (!engine_.up()) co_return ErrorCode::unavailable;
  const std::string &me = caller.user->id;
  if (publish_rule_ && !publish_rule_(room_id, me)) co_return ErrorCode::forbidden;
  // A watcher on this page who starts publishing keeps what it receives; a publication
  // from another tab or a reconnected page replaces the old one.
  if (handleOf(room_id, me, caller.origin, {}) != 0 || !seated(room_id, me, caller.origin)) {
    auto ended = co_await endSeat(room_id, me);
    (void)ended;
  }
  auto opened = co_await engine_.openRoom(room_id, max_publishers_);
  if (!opened) co_return opened.error();
  auto handle = co_await engine_.attach(core::MediaPlugin::room);
  if (!handle) co_return handle.error();
  bool first = false;
  bool full = false;
  {
    std::lock_guard lock(mutex_);
    auto &seats = calls_[room_id];
    const auto publishing = std::count_if(seats.begin(), seats.end(),
                                          [](const Seat &seat) { return seat.publisher != 0; });
    auto mine = std::find_if(seats.begin(), seats.end(), [&](const Seat &seat) {
      return seat.user_id == me && seat.origin == caller.origin;
    });
    if (publishing >= max_publishers_) {
      if (seats.empty()) calls_.erase(room_id);
      full = true;
    } else {
      if (seats.empty()) {
        started_[room_id] = clock_ ? clock_->now() : core::Time{};
        first = true;
      }
      if (mine == seats.end()) {
        seats.emplace_back();
        mine = std::prev(seats.end());
        mine->user_id = me;
        mine->origin = caller.origin;
      }
      mine->publisher = *handle;
      mine->audio_mid = audioMid(sdp);
      mine->tell.clear();
      for (const auto &m : *members)
        if (m != me) mine->tell.push_back(m);
      owners_[*handle] = Owner{room_id, me, caller.origin, {}};
    }
  }
  if (full) {
    auto detached = co_await engine_.detach(*handle);
    (void)detached;
    co_return ErrorCode::busy;
  }
  const std::string sdp_copy = mute_rule_ ? sdp : std::string();
  auto answer = co_await engine_.publish(*handle, room_id, me, std::move(sdp));
  if (!answer) {
    auto cleaned = co_await endSeat(room_id, me);
    (void)cleaned;
    co_return answer.error();
  }
  if (first) record(room_id, "started");
  record(room_id, "joined", me);
  // A voice muted by a moderator stays muted in a new publication (a reconnected page, a
  // second tab): the engine is told before anyone can hear it.
  if (mute_rule_ && mute_rule_(room_id, me)) {
    const std::string mid = audioMid(sdp_copy);
    if (!mid.empty()) {
      auto muted = co_await engine_.muteStream(room_id, me, mid, true);
      if (!muted) {
        auto cleaned = co_await endSeat(room_id, me);
        (void)cleaned;
        co_return muted.error();
      }
    }
  }
  Joined joined;
  joined.answer = std::move(*answer);
  {
    std::lock_guard lock(mutex_);
    if (auto call = calls_.find(room_id); call != calls_.end())
      for (const auto &seat : call->second)
        if (seat.user_id != me && seat.live) joined.publishers.push_back(seat.user_id);
  }
  std::erase_if(joined.publishers,
                [&](const std::string &other) { return !sameSide(room_id, me, other); });
  co_return joined;
}

core::Task<Joined> CallService::watch(const Caller &caller, const std::string &room_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto members = co_await members_(caller, room_id);
  if (!members) co_return members.error();
  if (!engine_.up()) co_return ErrorCode::unavailable;
  const std::string &me = caller.user->id;
  if (!seated(room_id, me, caller.origin)) {
    // Another tab's seat gives way to this page.
    auto ended = co_await endSeat(room_id, me);
    (void)ended;
    bool first = false;
    {
      std::lock_guard lock(mutex_);
      auto &seats = calls_[room_id];
      if (seats.empty()) {
        started_[room_id] = clock_ ? clock_->now() : core::Time{};
        first = true;
      }
      Seat seat;
      seat.user_id = me;
      seat.origin = caller.origin;
      seats.push_back(std::move(seat));
    }
    if (first) record(room_id, "started");
    record(room_id, "joined", me, "watching");
  }
  Joined joined;
  {
    std::lock_guard lock(mutex_);
    if (auto call = calls_.find(room_id); call != calls_.end())
      for (const auto &seat : call->second)
        if (seat.user_id != me && seat.live) joined.publishers.push_back(seat.user_id);
  }
  std::erase_if(joined.publishers,
                [&](const std::string &other) { return !sameSide(room_id, me, other); });
  co_return joined;
}

core::Task<core::Unit> CallService::unpublish(const std::string &room_id,
                                              const std::string &user_id) {
  std::vector<core::MediaHandle> handles;
  std::vector<std::string> tell;
  bool was_live = false;
  {
    std::lock_guard lock(mutex_);
    auto call = calls_.find(room_id);
    if (call == calls_.end()) co_return core::Unit{};
    for (auto &seat : call->second) {
      if (seat.user_id == user_id && seat.publisher) {
        handles.push_back(seat.publisher);
        owners_.erase(seat.publisher);
        seat.publisher = 0;
        was_live = seat.live;
        seat.live = false;
        tell = seat.tell;
      }
    }
    if (handles.empty()) co_return core::Unit{};
    // Nobody receives a feed that is gone.
    for (auto &other : call->second)
      if (auto r = other.receivers.find(user_id); r != other.receivers.end()) {
        handles.push_back(r->second);
        owners_.erase(r->second);
        other.receivers.erase(r);
      }
  }
  for (const auto h : handles) {
    auto detached = co_await engine_.detach(h);
    (void)detached;
  }
  record(room_id, "unpublished", user_id);
  std::erase_if(tell, [&](const std::string &other) { return !sameSide(room_id, user_id, other); });
  if (was_live && call_sink_) call_sink_(tell, CallEvent{CallEvent::Kind::left, room_id, user_id});
  co_return core::Unit{};
}

core::Task<core::Unit> CallService::muteAudio(const std::string &room_id,
                                              const std::string &user_id, bool muted) {
  std::string mid;
  {
    std::lock_guard lock(mutex_);
    auto call = calls_.find(room_id);
    if (call == calls_.end()) co_return ErrorCode::not_found;
    for (auto &seat : call->second)
      if (seat.user_id == user_id && seat.publisher) mid = seat.audio_mid;
  }
  if (mid.empty()) co_return ErrorCode::not_found;
  auto done = co_await engine_.muteStream(room_id, user_id, mid, muted);
  if (!done) co_return done.error();
  record(room_id, muted ? "muted" : "unmuted", user_id);
  co_return core::Unit{};
}

core::Task<std::string> CallService::receive(const Caller &caller, const std::string &room_id,
                                             const std::string &feed) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto members = co_await members_(caller, room_id);
  if (!members) co_return members.error();
  const std::string &me = caller.user->id;
  bool publishing = false;
  bool seated = false;
  core::MediaHandle old = 0;
  {
    std::lock_guard lock(mutex_);
    auto call = calls_.find(room_id);
    if (call != calls_.end())
      for (auto &seat : call->second) {
        if (seat.user_id == feed && seat.live) publishing = true;
        if (seat.user_id == me && seat.origin == caller.origin) {
          seated = true;
          if (auto r = seat.receivers.find(feed); r != seat.receivers.end()) {
            old = r->second;
            seat.receivers.erase(r);
            owners_.erase(old);
          }
        }
      }
  }
  // One must be in the call (publishing, even audio only) to receive in it; never across a
  // separate session's boundary.
  if (!seated || feed == me) co_return ErrorCode::not_found;
  if (!sameSide(room_id, me, feed)) co_return ErrorCode::forbidden;
  if (!publishing) co_return ErrorCode::not_found;
  if (old) {
    auto detached = co_await engine_.detach(old);
    (void)detached;
  }
  auto handle = co_await engine_.attach(core::MediaPlugin::room);
  if (!handle) co_return handle.error();
  bool kept = false;
  {
    std::lock_guard lock(mutex_);
    auto call = calls_.find(room_id);
    if (call != calls_.end())
      for (auto &seat : call->second)
        if (seat.user_id == me && seat.origin == caller.origin) {
          seat.receivers[feed] = *handle;
          owners_[*handle] = Owner{room_id, me, caller.origin, feed};
          kept = true;
        }
  }
  if (!kept) { // left the call meanwhile
    auto detached = co_await engine_.detach(*handle);
    (void)detached;
    co_return ErrorCode::not_found;
  }
  auto offer = co_await engine_.receive(*handle, room_id, feed);
  if (!offer) co_return offer.error();
  co_return std::move(*offer);
}

core::Task<core::Unit> CallService::answer(const Caller &caller, const std::string &room_id,
                                           const std::string &feed, std::string sdp) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (sdp.size() > max_sdp_bytes_)
    co_return core::Error::field("sdp", "too_long", {{"max", std::to_string(max_sdp_bytes_)}});
  const auto handle = handleOf(room_id, caller.user->id, caller.origin, feed);
  if (feed.empty() || handle == 0) co_return ErrorCode::not_found;
  co_return co_await engine_.startReceiving(handle, std::move(sdp));
}

core::Task<core::Unit> CallService::layer(const Caller &caller, const std::string &room_id,
                                          const std::string &feed, core::MediaLayer layer) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  const auto handle = handleOf(room_id, caller.user->id, caller.origin, feed);
  if (feed.empty() || handle == 0) co_return ErrorCode::not_found;
  co_return co_await engine_.setLayer(handle, layer);
}

core::Task<core::Unit> CallService::candidate(const Caller &caller, const std::string &room_id,
                                              const std::string &feed,
                                              core::IceCandidate candidate) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (auto ok = checkCandidate(candidate); !ok) co_return ok.error();
  const auto handle = handleOf(room_id, caller.user->id, caller.origin, feed);
  if (handle == 0) co_return ErrorCode::not_found;
  co_return co_await engine_.trickle(handle, std::move(candidate));
}

core::Task<core::Unit> CallService::leave(const Caller &caller, const std::string &room_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!seated(room_id, caller.user->id, caller.origin)) co_return core::Unit{};
  co_return co_await endSeat(room_id, caller.user->id);
}

core::Task<core::Unit> CallService::connectionEnded(const void *origin) {
  std::vector<std::pair<std::string, std::string>> seats;
  {
    std::lock_guard lock(mutex_);
    for (const auto &[room_id, call] : calls_)
      for (const auto &seat : call)
        if (seat.origin == origin) seats.emplace_back(room_id, seat.user_id);
  }
  for (const auto &[room_id, user_id] : seats) {
    auto ended = co_await endSeat(room_id, user_id);
    (void)ended;
  }
  co_return core::Unit{};
}

namespace {

// A report's detail: a mode and a reason ("audio:low_bandwidth"), or nothing.
bool plainDetail(const std::string &detail) {
  return detail.size() <= 48 && std::all_of(detail.begin(), detail.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || c == '_' || c == ':';
         });
}

} // namespace

core::Task<core::Unit> CallService::report(const Caller &caller, const std::string &room_id,
                                           const std::string &kind, const std::string &detail) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (kind != "mode" && kind != "callback" && kind != "relayed")
    co_return core::Error::field("kind", "invalid_value");
  if (!plainDetail(detail) || (kind == "mode" && !detail.starts_with("video") &&
                               !detail.starts_with("audio") && !detail.starts_with("chat")))
    co_return core::Error::field("detail", "invalid_value");
  // Only a person in the call reports on it; but a member whose call could not connect at
  // all (no route for media from where they are) may still ask to be called back.
  if (!seated(room_id, caller.user->id, caller.origin)) {
    if (kind != "callback") co_return ErrorCode::not_found;
    auto members = co_await members_(caller, room_id);
    if (!members) co_return members.error();
  }
  record(room_id, kind, caller.user->id, detail);
  if (kind == "mode" && call_sink_) {
    std::vector<std::string> others;
    {
      std::lock_guard lock(mutex_);
      if (auto call = calls_.find(room_id); call != calls_.end())
        for (const auto &seat : call->second)
          if (seat.user_id != caller.user->id) others.push_back(seat.user_id);
    }
    std::erase_if(others,
                  [&](const std::string &o) { return !sameSide(room_id, caller.user->id, o); });
    CallEvent e{CallEvent::Kind::mode, room_id, caller.user->id};
    e.detail = detail;
    call_sink_(others, e);
  }
  co_return core::Unit{};
}

core::Task<core::Unit> CallService::roomChanged(std::string room_id) {
  {
    std::lock_guard lock(mutex_);
    if (!calls_.contains(room_id)) co_return core::Unit{};
  }
  auto members = co_await members_now_(room_id);
  if (!members) co_return members.error();
  // A conference has hundreds of members and seats: one pass each, not one per pair.
  const std::unordered_set<std::string> member(members->begin(), members->end());
  std::vector<std::string> gone;
  {
    std::lock_guard lock(mutex_);
    auto call = calls_.find(room_id);
    if (call == calls_.end()) co_return core::Unit{};
    for (const auto &seat : call->second)
      if (!member.contains(seat.user_id)) gone.push_back(seat.user_id);
  }
  for (const auto &user : gone) {
    // Janus ends the publication at once, whatever the page does.
    auto kicked = co_await engine_.removeParticipant(room_id, user);
    (void)kicked;
    auto ended = co_await endSeat(room_id, user);
    (void)ended;
    record(room_id, "removed", user);
    if (call_sink_) call_sink_({user}, CallEvent{CallEvent::Kind::removed, room_id, user});
  }
  co_return core::Unit{};
}

void CallService::record(const std::string &room_id, std::string kind, std::string user_id,
                         std::string detail) {
  if (!record_sink_ || !clock_) return;
  record_sink_(core::reception::CallRecord{room_id, clock_->now(), std::move(kind),
                                           std::move(user_id), std::move(detail)});
}

bool CallService::sameSide(const std::string &room_id, const std::string &a,
                           const std::string &b) const {
  std::lock_guard lock(mutex_);
  auto c = caucuses_.find(room_id);
  return c == caucuses_.end() || c->second.inside(a) == c->second.inside(b);
}

void CallService::caucusEnded(const std::string &room_id, const Caucus &caucus) {
  record(room_id, "caucus_ended", caucus.host, caucus.party);
  if (!call_sink_) return;
  std::vector<std::string> everyone;
  std::vector<std::pair<std::string, std::string>> visible; // (tell, who is live)
  {
    std::lock_guard lock(mutex_);
    auto call = calls_.find(room_id);
    if (call != calls_.end()) {
      for (const auto &seat : call->second) everyone.push_back(seat.user_id);
      for (const auto &a : call->second)
        for (const auto &b : call->second)
          if (b.live && a.user_id != b.user_id &&
              caucus.inside(a.user_id) != caucus.inside(b.user_id))
            visible.emplace_back(a.user_id, b.user_id);
    }
  }
  call_sink_(everyone,
             CallEvent{CallEvent::Kind::caucus_ended, room_id, caucus.host, caucus.party});
  // Those who were apart receive each other again.
  for (const auto &[to, who] : visible)
    call_sink_({to}, CallEvent{CallEvent::Kind::joined, room_id, who});
}

core::Task<Caucus> CallService::startCaucus(const Caller &caller, const std::string &room_id,
                                            const std::string &party) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto members = co_await members_(caller, room_id);
  if (!members) co_return members.error();
  // Only a specialist hosts a separate session (the mediator in a mediation).
  if (caller.user->role != core::Role::specialist) co_return ErrorCode::forbidden;
  const std::string &me = caller.user->id;
  if (party == me || std::find(members->begin(), members->end(), party) == members->end())
    co_return core::Error::field("with", "invalid_value");
  Caucus caucus{me, party};
  std::vector<std::string> everyone;
  std::vector<std::pair<std::string, core::MediaHandle>> cut; // (who loses a feed, handle)
  std::vector<std::pair<std::string, std::string>> gone;      // (who is told, whose feed)
  {
    std::lock_guard lock(mutex_);
    auto call = calls_.find(room_id);
    auto seated = [&](const std::string &u) {
      return call != calls_.end() && std::any_of(call->second.begin(), call->second.end(),
                                                 [&](const Seat &s) { return s.user_id == u; });
    };
    if (!seated(me) || !seated(party)) co_return ErrorCode::not_found;
    if (caucuses_.contains(room_id)) co_return ErrorCode::conflict;
    caucuses_[room_id] = caucus;
    for (auto &seat : call->second) {
      everyone.push_back(seat.user_id);
      for (auto r = seat.receivers.begin(); r != seat.receivers.end();) {
        if (caucus.inside(seat.user_id) != caucus.inside(r->first)) {
          cut.emplace_back(seat.user_id, r->second);
          gone.emplace_back(seat.user_id, r->first);
          owners_.erase(r->second);
          r = seat.receivers.erase(r);
        } else {
          ++r;
        }
      }
    }
  }
  // Unsubscribed in Janus: nothing crosses the boundary, whatever a page does.
  for (const auto &[who, handle] : cut) {
    auto detached = co_await engine_.detach(handle);
    (void)detached;
  }
  record(room_id, "caucus_started", me, party);
  if (call_sink_) {
    call_sink_(everyone, CallEvent{CallEvent::Kind::caucus_started, room_id, me, party});
    for (const auto &[to, whose] : gone)
      call_sink_({to}, CallEvent{CallEvent::Kind::left, room_id, whose});
  }
  co_return caucus;
}

core::Task<core::Unit> CallService::endCaucus(const Caller &caller, const std::string &room_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  std::optional<Caucus> ended;
  {
    std::lock_guard lock(mutex_);
    auto c = caucuses_.find(room_id);
    if (c == caucuses_.end() || !c->second.inside(caller.user->id)) co_return ErrorCode::not_found;
    ended = c->second;
    caucuses_.erase(c);
  }
  caucusEnded(room_id, *ended);
  co_return core::Unit{};
}

void CallService::engineEvent(const core::MediaEvent &event) {
  Owner owner;
  std::vector<std::string> tell;
  std::optional<CallEvent::Kind> change;
  {
    std::lock_guard lock(mutex_);
    auto it = owners_.find(event.handle);
    if (it == owners_.end()) return;
    owner = it->second;
    // A publication going live (or down) is news for the others in the room.
    if (owner.feed.empty() && (event.kind == core::MediaEventKind::connected ||
                               event.kind == core::MediaEventKind::hangup)) {
      auto call = calls_.find(owner.room_id);
      if (call != calls_.end())
        for (auto &seat : call->second)
          if (seat.publisher == event.handle) {
            const bool live = event.kind == core::MediaEventKind::connected;
            if (seat.live != live) {
              seat.live = live;
              tell = seat.tell;
              change = live ? CallEvent::Kind::joined : CallEvent::Kind::left;
            }
          }
    }
  }
  if (media_sink_) media_sink_(owner.user_id, owner.origin, owner.room_id, owner.feed, event);
  // The engine lost the publication (Janus restarted): the seat is gone with it — nothing
  // left to detach — and the others stop expecting its media. The page joins again.
  if (event.kind == core::MediaEventKind::gone && owner.feed.empty()) {
    auto removed = removeSeat(owner.room_id, owner.user_id);
    if (removed.found) record(owner.room_id, "left", owner.user_id, "engine_restarted");
    if (removed.empty) record(owner.room_id, "ended", {}, std::to_string(removed.seconds));
    if (removed.caucus) caucusEnded(owner.room_id, *removed.caucus);
    if (removed.found && !removed.told.empty() && call_sink_)
      call_sink_(removed.told, CallEvent{CallEvent::Kind::left, owner.room_id, owner.user_id});
    return;
  }
  std::erase_if(tell, [&](const std::string &other) {
    return !sameSide(owner.room_id, owner.user_id, other);
  });
  if (change && call_sink_) call_sink_(tell, CallEvent{*change, owner.room_id, owner.user_id});
}

} // namespace kelisim::app::media
