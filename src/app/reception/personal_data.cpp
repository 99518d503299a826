#include "app/reception/personal_data.hpp"

#include "app/audit.hpp"
#include "app/reception/access.hpp"
#include "core/reception/ticket_lifecycle.hpp"
#include "core/validation.hpp"

#include <algorithm>

namespace kelisim::app::reception {

using core::Error;
using core::ErrorCode;
namespace rc = core::reception;

namespace {

// A ticket its citizen can still take out of the queue (the lifecycle's own rule) before it
// is erased.
bool waiting(const rc::Ticket &t) {
  const auto from = rc::guardFor(t, rc::CitizenLeft{});
  return std::find(from.begin(), from.end(), t.status) != from.end();
}

} // namespace

PersonalDataService::PersonalDataService(core::Store &store, const core::Clock &clock,
                                         PasswordHasher &hasher, QueueService &queue,
                                         RoomService &rooms, EventSink &events,
                                         PersonalDataSettings settings)
    : store_(store), clock_(clock), hasher_(hasher), queue_(queue), rooms_(rooms), events_(events),
      settings_(settings) {}

Task<core::Unit> PersonalDataService::erase(const std::string &ticket_id, const Caller &caller,
                                            const char *action) {
  // The files' names first: their records go with the rest, then the files.
  auto files = co_await store_.ticketAttachments(ticket_id);
  if (!files) co_return files.error();
  core::UnitOfWork work;
  work.add(core::TicketErased{ticket_id, clock_.now()});
  const AuditEntry entry{caller.user ? std::optional(caller.user->id) : std::nullopt, action,
                         "ticket", ticket_id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto committed = co_await store_.commit(work);
  if (!committed) co_return committed.error();
  for (const auto &id : *files) co_await rooms_.files().remove(id);
  Event changed{Event::Type::ticket, ticket_id};
  events_.publish(changed);
  co_return core::Unit{};
}

Task<core::Unit> PersonalDataService::eraseTicket(const Caller &caller,
                                                  const std::string &ticket_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto ticket = co_await store_.getTicket(ticket_id);
  if (!ticket) co_return ticket.error();
  if (!ownsTicket(caller, *ticket)) co_return ErrorCode::not_found;
  if (ticket->erased_at) co_return core::Unit{}; // already: asking twice is fine
  if (ticket->status == rc::TicketStatus::in_room)
    co_return Error::make(ErrorCode::conflict, "the consultation is live");
  if (waiting(*ticket)) {
    auto left = co_await queue_.leave(caller, ticket_id);
    if (!left) co_return left.error();
  }
  co_return co_await erase(ticket_id, caller, "ticket.erased_by_citizen");
}

Task<core::Unit> PersonalDataService::deleteAccount(const Caller &caller, std::string password) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (caller.user->role != core::Role::citizen)
    co_return Error::make(ErrorCode::forbidden, "staff accounts are deactivated by an admin");
  auto user = co_await store_.getUser(caller.user->id);
  if (!user) co_return user.error();
  if (!user->password_hash.empty()) {
    const auto slot = hasher_.reserve();
    if (!slot) co_return Error::make(ErrorCode::busy, "password hashing queue full");
    if (password.size() > 4 * core::kMaxPassword ||
        !co_await hasher_.verify(user->password_hash, password))
      co_return Error::field("password", "wrong_password");
  }
  core::Store::TicketQuery mine;
  mine.citizen_id = user->id;
  mine.limit = 10000;
  auto tickets = co_await store_.listTickets(mine);
  if (!tickets) co_return tickets.error();
  for (const auto &t : *tickets)
    if (t.status == rc::TicketStatus::in_room)
      co_return Error::make(ErrorCode::conflict, "a consultation is live");
  for (const auto &t : *tickets) {
    if (waiting(t)) {
      auto left = co_await queue_.leave(caller, t.id);
      if (!left) co_return left.error();
    }
    if (t.erased_at) continue;
    auto erased = co_await erase(t.id, caller, "ticket.erased_with_account");
    if (!erased) co_return erased.error();
  }
  core::UnitOfWork work;
  work.add(core::UserErased{user->id, clock_.now()});
  const AuditEntry entry{user->id, "user.erased", "user", user->id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto committed = co_await store_.commit(work);
  if (!committed) co_return committed.error();
  Event ended{Event::Type::access, user->id};
  events_.publish(ended);
  co_return core::Unit{};
}

Task<int> PersonalDataService::retain(core::Time now) {
  if (settings_.retention.count() <= 0) co_return 0;
  const core::Time before = now - settings_.retention;
  auto due = co_await store_.ticketsToErase(before, settings_.batch);
  if (!due) co_return due.error();
  const Caller system; // the retention job acts on its own
  int erased = 0;
  for (const auto &id : *due) {
    auto done = co_await erase(id, system, "ticket.erased_by_retention");
    if (!done) co_return done.error();
    ++erased;
  }
  core::UnitOfWork traces;
  traces.add(core::TracesForgotten{before});
  auto committed = co_await store_.commit(traces);
  if (!committed) co_return committed.error();
  co_return erased;
}

} // namespace kelisim::app::reception
