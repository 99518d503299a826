#include "app/conference/chat_service.hpp"

#include "core/ids.hpp"
#include "core/validation.hpp"

#include <algorithm>

namespace kelisim::app::conference {

using core::Error;
using core::ErrorCode;
namespace cf = core::conference;

ChatService::ChatService(core::Store &store, const core::Clock &clock, core::Random &random,
                         const StageService &stage)
    : store_(store), clock_(clock), random_(random), stage_(stage) {}

core::Task<cf::ChatMessage> ChatService::say(const Caller &caller, const std::string &id,
                                             std::string client_id, std::string body) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (client_id.empty() || client_id.size() > cf::kMaxChatClientId)
    co_return Error::field("client_id", client_id.empty() ? "required" : "too_long",
                           {{"max", std::to_string(cf::kMaxChatClientId)}});
  if (auto e = core::checkText("body", body, cf::kMaxChatMessage))
    co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
  const auto person = stage_.inside(id, caller.user->id);
  if (!person) co_return ErrorCode::not_found;

  cf::ChatMessage m;
  m.conference_id = id;
  m.sender_id = caller.user->id;
  m.sender_name = person->name;
  m.client_id = std::move(client_id);
  m.body = std::move(body);
  // The statement takes the next seq and stores nothing when this client_id was stored
  // before (its acknowledgement was lost): the message read back is then the stored one, told
  // to nobody again. On PostgreSQL another message committed at the same moment can take the
  // seq first, and then nothing is stored either: once more with a new id.
  for (int attempt = 0; attempt < 5; ++attempt) {
    const auto now = clock_.now();
    m.at = now;
    m.id = core::newId(now, random_);
    core::UnitOfWork work;
    work.add(core::ConferenceMessageSaid{m});
    auto done = co_await store_.commit(work);
    if (!done) co_return done.error();
    auto stored = co_await store_.findConferenceMessage(id, m.sender_id, m.client_id);
    if (!stored && stored.error().code == ErrorCode::not_found) continue;
    if (!stored) co_return stored.error();
    if (sink_ && stored->id == m.id) sink_(stage_.insideIds(id), *stored, caller.origin);
    co_return *stored;
  }
  co_return Error::make(ErrorCode::busy, "chat busy: no seq after 5 attempts");
}

core::Task<std::vector<cf::ChatMessage>> ChatService::history(const Caller &caller,
                                                              const std::string &id,
                                                              std::int64_t after_seq, int limit) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (after_seq < 0) co_return Error::field("after_seq", "invalid");
  if (!stage_.inside(id, caller.user->id)) co_return ErrorCode::not_found;
  co_return co_await store_.listConferenceMessages(id, after_seq,
                                                   std::clamp(limit, 1, kChatPage + 1));
}

} // namespace kelisim::app::conference
