#include "app/conference/stage_service.hpp"

#include <algorithm>

namespace kelisim::app::conference {

using core::ErrorCode;
namespace cf = core::conference;

namespace {
constexpr std::string_view kRoomPrefix = "conf-";
} // namespace

StageService::StageService(media::CallService &calls, PassOf pass, const core::Clock &clock)
    : calls_(calls), pass_(std::move(pass)), clock_(clock) {}

std::string StageService::callRoom(const std::string &conference_id) {
  return std::string(kRoomPrefix) + conference_id;
}

std::optional<std::string> StageService::conferenceOf(const std::string &room_id) {
  if (!room_id.starts_with(kRoomPrefix) || room_id.size() == kRoomPrefix.size())
    return std::nullopt;
  return room_id.substr(kRoomPrefix.size());
}

StageView StageService::view(const std::string &id) const {
  StageView v;
  v.conference_id = id;
  std::lock_guard lock(mutex_);
  auto it = stages_.find(id);
  if (it == stages_.end()) return v;
  const auto &s = it->second;
  v.present = s.present;
  v.lobby = s.lobby;
  for (const auto &user : s.speakers)
    if (const auto *p = s.find(user)) v.speakers.push_back(*p);
  for (const auto *p : cf::hands(s)) v.hands.push_back(*p);
  v.muted = s.muted;
  v.audience = s.present.size() - v.speakers.size();
  return v;
}

std::optional<cf::Person> StageService::inside(const std::string &id,
                                               const std::string &user_id) const {
  std::lock_guard lock(mutex_);
  auto it = stages_.find(id);
  if (it == stages_.end()) return std::nullopt;
  for (const auto &p : it->second.present)
    if (p.user_id == user_id) return p;
  return std::nullopt;
}

std::vector<std::string> StageService::insideIds(const std::string &id) const {
  std::vector<std::string> out;
  std::lock_guard lock(mutex_);
  auto it = stages_.find(id);
  if (it == stages_.end()) return out;
  for (const auto &p : it->second.present) out.push_back(p.user_id);
  return out;
}

StageService::Told StageService::told(const std::string &id) const {
  Told t;
  t.view = view(id);
  for (const auto &p : t.view.present)
    (p.part == cf::Part::moderator ? t.moderators : t.others).push_back(p.user_id);
  for (const auto &p : t.view.lobby) t.others.push_back(p.user_id);
  return t;
}

void StageService::tell(const std::string &id) {
  if (!change_sink_) return;
  auto t = told(id);
  change_sink_(t.moderators, t.others, t.view);
}

void StageService::personal(const std::string &user, const std::string &id,
                            const std::string &what) {
  if (personal_sink_) personal_sink_(user, id, what);
}

template <typename Rule> core::Status StageService::change(const std::string &id, Rule rule) {
  core::Status done = core::okStatus();
  {
    std::lock_guard lock(mutex_);
    auto it = stages_.find(id);
    if (it == stages_.end()) return ErrorCode::not_found;
    done = rule(it->second);
  }
  if (done) tell(id);
  return done;
}

core::Task<cf::Entered> StageService::enter(const Caller &caller, const std::string &id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto pass = co_await pass_(caller, id);
  if (!pass) co_return pass.error();
  cf::Person person{caller.user->id, pass->name, pass->part, {}};
  core::Result<cf::Entered> entered = ErrorCode::internal;
  {
    std::lock_guard lock(mutex_);
    entered = cf::enter(stages_[id], std::move(person));
    if (entered) pages_[id][caller.user->id].insert(caller.origin);
  }
  if (!entered) co_return entered.error();
  tell(id);
  co_return *entered;
}

core::Task<core::Unit> StageService::leaveAll(std::string id, std::string user_id) {
  {
    std::lock_guard lock(mutex_);
    auto it = stages_.find(id);
    if (it == stages_.end()) co_return core::Unit{};
    cf::leave(it->second, user_id);
    const auto &s = it->second;
    if (s.empty() && s.removed.empty() && s.admitted.empty()) stages_.erase(it);
  }
  tell(id);
  // Whatever the page does, the person is out of the call.
  auto room = callRoom(id);
  auto out = co_await calls_.roomChanged(std::move(room));
  (void)out;
  co_return core::Unit{};
}

core::Task<core::Unit> StageService::leave(const Caller &caller, const std::string &id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  bool last = false;
  {
    std::lock_guard lock(mutex_);
    auto conf = pages_.find(id);
    if (conf == pages_.end()) co_return core::Unit{};
    auto person = conf->second.find(caller.user->id);
    if (person == conf->second.end()) co_return core::Unit{};
    person->second.erase(caller.origin);
    if (person->second.empty()) {
      conf->second.erase(person);
      last = true;
    }
    if (conf->second.empty()) pages_.erase(conf);
  }
  if (last) co_return co_await leaveAll(id, caller.user->id);
  co_return core::Unit{};
}

bool StageService::holds(const void *origin) const {
  std::lock_guard lock(mutex_);
  for (const auto &[id, people] : pages_)
    for (const auto &[user, origins] : people)
      if (origins.contains(origin)) return true;
  return false;
}

core::Task<core::Unit> StageService::connectionEnded(const void *origin) {
  std::vector<std::pair<std::string, std::string>> gone; // (conference, user)
  {
    std::lock_guard lock(mutex_);
    for (auto conf = pages_.begin(); conf != pages_.end();) {
      for (auto person = conf->second.begin(); person != conf->second.end();) {
        if (person->second.erase(origin) && person->second.empty()) {
          gone.emplace_back(conf->first, person->first);
          person = conf->second.erase(person);
        } else {
          ++person;
        }
      }
      conf = conf->second.empty() ? pages_.erase(conf) : std::next(conf);
    }
  }
  for (const auto &[id, user] : gone) {
    auto left = co_await leaveAll(id, user);
    (void)left;
  }
  co_return core::Unit{};
}

core::Task<core::Unit> StageService::hand(const Caller &caller, const std::string &id, bool up) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  const auto now = clock_.now();
  co_return change(id, [&](cf::Stage &s) { return cf::hand(s, caller.user->id, up, now); });
}

core::Task<core::Unit> StageService::admit(const Caller &caller, const std::string &id,
                                           const std::string &guest) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto done = change(id, [&](cf::Stage &s) { return cf::admit(s, caller.user->id, guest); });
  if (done) personal(guest, id, "admitted");
  co_return done;
}

core::Task<core::Unit> StageService::deny(const Caller &caller, const std::string &id,
                                          const std::string &guest) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto done = change(id, [&](cf::Stage &s) { return cf::deny(s, caller.user->id, guest); });
  if (done) personal(guest, id, "denied");
  co_return done;
}

core::Task<core::Unit> StageService::toStage(const Caller &caller, const std::string &id,
                                             const std::string &user_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  co_return change(id, [&](cf::Stage &s) { return cf::toStage(s, caller.user->id, user_id); });
}

core::Task<core::Unit> StageService::toAudience(const Caller &caller, const std::string &id,
                                                const std::string &user_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto done = change(id, [&](cf::Stage &s) { return cf::toAudience(s, caller.user->id, user_id); });
  if (!done) co_return done.error();
  // Their publication ends in the engine; they keep watching.
  const auto room = callRoom(id);
  co_return co_await calls_.unpublish(room, user_id);
}

core::Task<core::Unit> StageService::mute(const Caller &caller, const std::string &id,
                                          const std::string &user_id, bool muted) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto done =
      change(id, [&](cf::Stage &s) { return cf::mute(s, caller.user->id, user_id, muted); });
  if (!done) co_return done.error();
  const auto room = callRoom(id);
  auto engine = co_await calls_.muteAudio(room, user_id, muted);
  // Not publishing yet: the stage remembers, and the page keeps its microphone off.
  if (!engine && engine.error().code != ErrorCode::not_found) co_return engine.error();
  co_return core::Unit{};
}

core::Task<core::Unit> StageService::remove(const Caller &caller, const std::string &id,
                                            const std::string &user_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto done = change(id, [&](cf::Stage &s) { return cf::remove(s, caller.user->id, user_id); });
  if (!done) co_return done.error();
  {
    std::lock_guard lock(mutex_);
    if (auto conf = pages_.find(id); conf != pages_.end()) conf->second.erase(user_id);
  }
  personal(user_id, id, "removed");
  // Janus kicks them out of the call at once.
  auto room = callRoom(id);
  co_return co_await calls_.roomChanged(std::move(room));
}

core::Task<std::vector<std::string>> StageService::callMembers(const Caller &caller,
                                                               const std::string &room_id) const {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  const auto id = conferenceOf(room_id);
  if (!id) co_return ErrorCode::not_found;
  std::vector<std::string> out;
  std::lock_guard lock(mutex_);
  auto it = stages_.find(*id);
  if (it == stages_.end() || !it->second.find(caller.user->id)) co_return ErrorCode::not_found;
  for (const auto &p : it->second.present) out.push_back(p.user_id);
  co_return out;
}

core::Task<std::vector<std::string>> StageService::membersNow(const std::string &room_id) const {
  std::vector<std::string> out;
  const auto id = conferenceOf(room_id);
  if (!id) co_return out;
  std::lock_guard lock(mutex_);
  if (auto it = stages_.find(*id); it != stages_.end())
    for (const auto &p : it->second.present) out.push_back(p.user_id);
  co_return out;
}

bool StageService::mayPublish(const std::string &room_id, const std::string &user_id) const {
  const auto id = conferenceOf(room_id);
  if (!id) return true;
  std::lock_guard lock(mutex_);
  auto it = stages_.find(*id);
  return it != stages_.end() && it->second.onStage(user_id);
}

bool StageService::mutedInCall(const std::string &room_id, const std::string &user_id) const {
  const auto id = conferenceOf(room_id);
  if (!id) return false;
  std::lock_guard lock(mutex_);
  auto it = stages_.find(*id);
  return it != stages_.end() && it->second.muted.contains(user_id);
}

} // namespace kelisim::app::conference
