// A conference's chat (issue 9, "chat alongside"): the people let in (moderators, speakers,
// the audience, admitted guests; not the lobby, not the removed) write and read it while they
// are in the conference; others get not_found. Each message is committed before it is
// acknowledged, numbered per conference, and stored once per (sender, client_id), so a page
// that lost an acknowledgement sends again and gets the same message back. A page that
// reconnects reads what came after the last seq it has (a page at a time). Who is in it is the
// live stage's (StageService, on this instance).
#pragma once

#include "app/caller.hpp"
#include "app/conference/stage_service.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kelisim::app::conference {

// A history read answers at most this many messages; the page asks again from the last one.
inline constexpr int kChatPage = 100;

// (who is in the conference now, the committed message, the connection that sent it)
using ChatSink = std::function<void(const std::vector<std::string> &readers,
                                    const core::conference::ChatMessage &, const void *origin)>;

class ChatService {
public:
  ChatService(core::Store &store, const core::Clock &clock, core::Random &random,
              const StageService &stage);

  core::Task<core::conference::ChatMessage> say(const Caller &caller, const std::string &id,
                                                std::string client_id, std::string body);
  // After `after_seq`, in order, at most `limit` (1..kChatPage + 1: one more than a page
  // tells the page that another follows).
  core::Task<std::vector<core::conference::ChatMessage>>
  history(const Caller &caller, const std::string &id, std::int64_t after_seq, int limit);

  void onMessage(ChatSink sink) { sink_ = std::move(sink); }

private:
  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  const StageService &stage_;
  ChatSink sink_;
};

} // namespace kelisim::app::conference
