// Who is asking: the signed-in user (if any), from where, and in which language. Built by
// the transport for each request or WebSocket message; every service takes one and checks
// authorisation against it.
#pragma once

#include "core/model.hpp"

#include <optional>
#include <string>

namespace kelisim::app {

struct Caller {
  std::optional<core::User> user;
  std::string ip;
  std::string request_id;
  // The WebSocket connection the action came from, opaque to the services (nullptr over
  // HTTP). Events it causes may skip that connection when its reply already carries them.
  const void *origin = nullptr;

  bool is(core::Role r) const { return user && user->role == r; }
};

} // namespace kelisim::app
