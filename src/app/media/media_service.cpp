#include "app/media/media_service.hpp"

namespace kelisim::app::media {

using core::Error;
using core::ErrorCode;

core::Status checkOffer(const std::string &sdp, std::size_t max_bytes) {
  if (sdp.empty()) return Error::field("sdp", "required");
  if (sdp.size() > max_bytes)
    return Error::field("sdp", "too_long", {{"max", std::to_string(max_bytes)}});
  if (!sdp.starts_with("v=0") || sdp.find("m=") == std::string::npos)
    return Error::field("sdp", "invalid_format");
  return core::okStatus();
}

core::Status checkCandidate(const core::IceCandidate &c) {
  if (c.completed) return core::okStatus();
  if (c.candidate.size() > kMaxCandidateBytes || c.sdp_mid.size() > 32)
    return Error::field("candidate", "too_long", {{"max", std::to_string(kMaxCandidateBytes)}});
  // An empty candidate is the browser's end-of-candidates for one section.
  if (!c.candidate.empty() && !c.candidate.starts_with("candidate:"))
    return Error::field("candidate", "invalid_format");
  if (c.sdp_mline_index < 0 || c.sdp_mline_index > 16)
    return Error::field("candidate", "invalid_format");
  return core::okStatus();
}

MediaService::MediaService(core::MediaEngine &engine, const core::Clock &clock,
                           MediaSettings settings)
    : engine_(engine), clock_(clock), settings_(std::move(settings)) {
  engine_.onEvent([this](const core::MediaEvent &e) { engineEvent(e); });
}

core::Result<MediaInfo> MediaService::info(const Caller &caller) const {
  if (!caller.user) return ErrorCode::unauthenticated;
  MediaInfo info;
  info.calls = engine_.up();
  info.max_sdp_bytes = settings_.max_sdp_bytes;
  if (info.calls && !settings_.turn.urls.empty() && !settings_.turn.secret.empty())
    info.ice_servers.push_back(turnCredentials(settings_.turn, caller.user->id, clock_.now()));
  return info;
}

std::size_t MediaService::echoTests() const {
  std::lock_guard lock(mutex_);
  return echoes_.size();
}

bool MediaService::holds(const void *origin) const {
  std::lock_guard lock(mutex_);
  return echoes_.contains(origin);
}

core::MediaHandle MediaService::forget(const void *origin) {
  std::lock_guard lock(mutex_);
  auto it = echoes_.find(origin);
  if (it == echoes_.end()) return 0;
  const auto handle = it->second.handle;
  by_handle_.erase(handle);
  echoes_.erase(it);
  return handle;
}

core::Task<std::string> MediaService::echoOffer(const Caller &caller, std::string sdp) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (auto ok = checkOffer(sdp, settings_.max_sdp_bytes); !ok) co_return ok.error();
  if (!engine_.up()) co_return ErrorCode::unavailable;
  // A new offer from the same connection starts the test again.
  if (const auto old = forget(caller.origin); old != 0) {
    auto detached = co_await engine_.detach(old);
    (void)detached;
  }
  {
    std::lock_guard lock(mutex_);
    if (echoes_.size() >= settings_.max_echo_tests) co_return ErrorCode::busy;
    // Held with handle 0 while attaching, so the cap counts it.
    echoes_[caller.origin] = Echo{caller.user->id, caller.origin, 0};
  }
  auto handle = co_await engine_.attach(core::MediaPlugin::echo);
  if (!handle) {
    forget(caller.origin);
    co_return handle.error();
  }
  bool adopted = false;
  {
    std::lock_guard lock(mutex_);
    auto it = echoes_.find(caller.origin);
    // Not adopted when the connection ended (or offered again) while the handle was made.
    if (it != echoes_.end() && it->second.handle == 0) {
      it->second.handle = *handle;
      by_handle_[*handle] = caller.origin;
      adopted = true;
    }
  }
  if (!adopted) {
    auto detached = co_await engine_.detach(*handle);
    (void)detached;
    co_return ErrorCode::conflict;
  }
  auto answer = co_await engine_.echo(*handle, std::move(sdp));
  if (!answer) {
    if (const auto h = forget(caller.origin); h != 0) {
      auto detached = co_await engine_.detach(h);
      (void)detached;
    }
    co_return answer.error();
  }
  co_return std::move(*answer);
}

core::Task<core::Unit> MediaService::echoCandidate(const Caller &caller,
                                                   core::IceCandidate candidate) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (auto ok = checkCandidate(candidate); !ok) co_return ok.error();
  core::MediaHandle handle = 0;
  {
    std::lock_guard lock(mutex_);
    auto it = echoes_.find(caller.origin);
    if (it != echoes_.end() && it->second.user_id == caller.user->id) handle = it->second.handle;
  }
  // Only the connection that made the offer may add candidates to it.
  if (handle == 0) co_return ErrorCode::not_found;
  co_return co_await engine_.trickle(handle, std::move(candidate));
}

core::Task<core::Unit> MediaService::echoStop(const Caller &caller) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  co_return co_await connectionEnded(caller.origin);
}

core::Task<core::Unit> MediaService::connectionEnded(const void *origin) {
  const auto handle = forget(origin);
  if (handle == 0) co_return core::Unit{};
  auto detached = co_await engine_.detach(handle);
  (void)detached; // gone already is as good as detached
  co_return core::Unit{};
}

void MediaService::engineEvent(const core::MediaEvent &event) {
  std::string user_id;
  const void *origin = nullptr;
  {
    std::lock_guard lock(mutex_);
    auto it = by_handle_.find(event.handle);
    if (it == by_handle_.end()) return;
    origin = it->second;
    user_id = echoes_.at(origin).user_id;
    // A handle the engine lost is no longer ours to detach.
    if (event.kind == core::MediaEventKind::gone) {
      by_handle_.erase(it);
      echoes_.erase(origin);
    }
  }
  if (sink_) sink_(user_id, origin, event);
}

} // namespace kelisim::app::media
