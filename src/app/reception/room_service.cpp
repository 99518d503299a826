#include "app/reception/room_service.hpp"

#include "app/audit.hpp"
#include "app/reception/access.hpp"
#include "core/file_type.hpp"
#include "core/ids.hpp"
#include "core/reception/ticket_lifecycle.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <cstdio>

namespace kelisim::app::reception {

using core::Error;
using core::ErrorCode;
using core::Role;

namespace {

std::shared_ptr<const std::vector<std::string>>
currentMembers(const std::vector<rc::RoomMember> &members) {
  auto ids = std::make_shared<std::vector<std::string>>();
  for (const auto &m : members)
    if (!m.left_at) ids->push_back(m.user_id);
  return ids;
}

std::optional<core::SpecialistKind> kindOf(const Caller &caller,
                                           const std::vector<rc::RoomMember> &members) {
  for (const auto &m : members)
    if (m.user_id == caller.user->id && !m.left_at) return m.kind;
  return std::nullopt;
}

// Keeps a file name readable but harmless: no path separators or control characters.
std::string cleanFileName(std::string name) {
  for (auto &c : name)
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == '"') c = '_';
  return name;
}

} // namespace

RoomService::RoomService(core::Store &store, const core::Clock &clock, core::Random &random,
                         QueueService &queue, EventSink &events, RoomSettings settings)
    : store_(store), clock_(clock), random_(random), queue_(queue), events_(events),
      settings_(std::move(settings)) {}

Task<std::shared_ptr<const RoomService::OpenRoom>>
RoomService::open(const Caller &caller, const std::string &room_id, Who who) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto allowed = [&](const std::vector<rc::RoomMember> &members) {
    return who == Who::specialist ? isSpecialistMember(caller, members) : isMember(caller, members);
  };
  {
    std::lock_guard lock(rooms_mutex_);
    auto it = open_rooms_.find(room_id);
    if (it != open_rooms_.end() && allowed(it->second->members)) co_return it->second;
  }
  auto room = co_await store_.getRoom(room_id);
  if (!room) co_return room.error();
  auto members = co_await store_.listRoomMembers(room_id);
  if (!members) co_return members.error();
  auto read = std::make_shared<const OpenRoom>(
      OpenRoom{std::move(*room), std::move(*members), std::nullopt});
  remember(read);
  if (!allowed(read->members)) co_return ErrorCode::not_found;
  co_return read;
}

Task<std::vector<std::string>> RoomService::callMembers(const Caller &caller,
                                                        const std::string &room_id) {
  auto room = co_await open(caller, room_id, Who::member);
  if (!room) co_return room.error();
  if ((*room)->room.closed_at) co_return ErrorCode::not_found;
  std::vector<std::string> ids = *currentMembers((*room)->members);
  co_return ids;
}

Task<std::vector<std::string>> RoomService::membersNow(const std::string &room_id) {
  auto room = co_await store_.getRoom(room_id);
  if (!room) co_return room.error();
  std::vector<std::string> ids;
  if (room->closed_at) co_return ids;
  auto members = co_await store_.listRoomMembers(room_id);
  if (!members) co_return members.error();
  ids = *currentMembers(*members);
  co_return ids;
}

void RoomService::remember(std::shared_ptr<const OpenRoom> room) {
  if (room->room.closed_at) return;
  constexpr std::size_t kMaxOpenRooms = 100000; // far above the rooms a server holds open
  std::lock_guard lock(rooms_mutex_);
  if (open_rooms_.size() >= kMaxOpenRooms) open_rooms_.clear();
  const auto id = room->room.id;
  open_rooms_[id] = std::move(room);
}

void RoomService::forget(const std::string &room_id) {
  std::lock_guard lock(rooms_mutex_);
  open_rooms_.erase(room_id);
}

Task<RoomView> RoomService::view(const rc::Room &room, const rc::Ticket *ticket,
                                 const std::vector<rc::RoomMember> *members) {
  RoomView v;
  v.room = room;
  if (ticket) {
    v.ticket = *ticket;
  } else {
    auto read = co_await store_.getTicket(room.ticket_id);
    if (!read) co_return read.error();
    v.ticket = std::move(*read);
  }
  if (members) {
    v.members = *members;
  } else {
    auto read = co_await store_.listRoomMembers(room.id);
    if (!read) co_return read.error();
    v.members = std::move(*read);
  }
  for (const auto &m : v.members) {
    auto name = co_await names_.of(m.user_id);
    if (name) v.names[m.user_id] = std::move(*name);
  }
  for (const auto &seat : v.ticket.seats)
    if (!seat.specialist_id) v.awaited.push_back(seat.kind);
  co_return v;
}

Task<RoomView> RoomService::announce(const rc::Room &room, const rc::Ticket *ticket,
                                     const std::vector<rc::RoomMember> *members) {
  auto v = co_await view(room, ticket, members);
  if (!v) co_return v.error();
  Event e{Event::Type::room, room.id};
  e.room = std::make_shared<const RoomView>(*v);
  events_.publish(e); // (this instance forgets the room here: its members may have changed)
  remember(std::make_shared<const OpenRoom>(OpenRoom{v->room, v->members, v->ticket}));
  co_return v;
}

Task<RoomView> RoomService::joined(const Caller &caller, const rc::Room &room) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto v = co_await announce(room);
  if (!v) co_return v.error();
  if (!isMember(caller, v->members)) co_return ErrorCode::not_found;
  co_return v;
}

Task<RoomView> RoomService::get(const Caller &caller, const std::string &room_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto room = co_await store_.getRoom(room_id);
  if (!room) co_return room.error();
  auto v = co_await view(*room);
  if (!v) co_return v.error();
  if (!isMember(caller, v->members) && !managesOrganisation(caller, room->organisation_id) &&
      !ownsTicket(caller, v->ticket))
    co_return ErrorCode::not_found;
  co_return v;
}

Task<MessageView> RoomService::describe(const rc::ChatMessage &m) {
  MessageView v{m, {}, std::nullopt};
  auto sender = co_await store_.getUser(m.sender_id);
  if (sender) v.sender_name = sender->display_name;
  if (m.attachment_id) {
    auto a = co_await store_.getAttachment(*m.attachment_id);
    if (a) v.attachment = *a;
  }
  co_return v;
}

Task<std::vector<MessageView>> RoomService::messages(const Caller &caller,
                                                     const std::string &room_id,
                                                     std::int64_t after_seq, int limit) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto members = co_await store_.listRoomMembers(room_id);
  if (!members) co_return members.error();
  if (!isMember(caller, *members)) co_return ErrorCode::not_found;
  co_await auditRead(caller, "room.messages_read", room_id);
  limit = std::clamp(limit, 1, 500);
  auto list = co_await store_.listMessages(room_id, std::max<std::int64_t>(0, after_seq), limit);
  if (!list) co_return list.error();
  std::map<std::string, std::string> names;
  std::vector<MessageView> out;
  out.reserve(list->size());
  for (const auto &m : *list) {
    if (!names.contains(m.sender_id)) {
      auto sender = co_await store_.getUser(m.sender_id);
      names[m.sender_id] = sender ? sender->display_name : std::string();
    }
    MessageView v{m, names[m.sender_id], std::nullopt};
    if (m.attachment_id) {
      auto a = co_await store_.getAttachment(*m.attachment_id);
      if (a) v.attachment = *a;
    }
    out.push_back(std::move(v));
  }
  co_return out;
}

Task<MessageView> RoomService::append(const Caller &caller, rc::ChatMessage m,
                                      const std::vector<rc::RoomMember> &members,
                                      std::optional<rc::Attachment> attachment) {
  auto stored = co_await store_.appendMessage(m);
  if (!stored) co_return stored.error();
  const bool same_attachment = stored->attachment_id == m.attachment_id;
  co_return announceMessage(caller, std::move(*stored), members,
                            same_attachment ? std::move(attachment) : std::nullopt);
}

// The message as every member will see it, built from what was committed and what the
// caller already holds: delivering it reads nothing.
MessageView RoomService::announceMessage(const Caller &caller, rc::ChatMessage stored,
                                         const std::vector<rc::RoomMember> &members,
                                         std::optional<rc::Attachment> attachment) {
  auto view = std::make_shared<MessageView>();
  view->message = std::move(stored);
  view->sender_name = caller.user->display_name;
  view->attachment = std::move(attachment);
  Event e{Event::Type::message, view->message.room_id};
  e.seq = view->message.seq;
  e.message = view;
  e.to = currentMembers(members);
  e.origin = caller.origin;
  events_.publish(e);
  return *view;
}

Task<MessageView> RoomService::send(const Caller &caller, const std::string &room_id,
                                    std::string client_id, std::string body) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (client_id.empty() || client_id.size() > kMaxClientId)
    co_return Error::field("client_id", client_id.empty() ? "required" : "too_long",
                           {{"max", std::to_string(kMaxClientId)}});
  if (auto e = core::checkText("body", body, kMaxMessage))
    co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
  auto opened = co_await open(caller, room_id, Who::member);
  if (!opened) co_return opened.error();
  if ((*opened)->room.closed_at) co_return Error::field("room_id", "room_closed");
  rc::ChatMessage m;
  m.room_id = room_id;
  m.sender_id = caller.user->id;
  m.client_id = std::move(client_id);
  m.kind = rc::MessageKind::text;
  m.body = std::move(body);
  m.at = clock_.now();
  co_return co_await append(caller, std::move(m), (*opened)->members);
}

Task<core::Unit> RoomService::typing(const Caller &caller, const std::string &room_id) {
  auto opened = co_await open(caller, room_id, Who::member);
  if (!opened) co_return opened.error();
  Event e{Event::Type::typing, room_id};
  e.user_id = caller.user->id;
  e.display_name = caller.user->display_name;
  e.to = currentMembers((*opened)->members);
  events_.publish(e);
  co_return core::Unit{};
}

Task<core::Unit> RoomService::read(const Caller &caller, const std::string &room_id,
                                   std::int64_t seq) {
  auto opened = co_await open(caller, room_id, Who::member);
  if (!opened) co_return opened.error();
  auto done = co_await store_.markRead(room_id, caller.user->id, std::max<std::int64_t>(0, seq));
  if (!done) co_return done.error();
  Event e{Event::Type::read, room_id};
  e.user_id = caller.user->id;
  e.seq = seq;
  e.to = currentMembers((*opened)->members);
  events_.publish(e);
  co_return core::Unit{};
}

core::Task<core::Unit> RoomService::auditRead(const Caller &caller, const char *action,
                                              const std::string &room_id) {
  // Staff reading a consultation's content leave a trace (Law No. 94-V); a citizen reading
  // their own does not need one.
  if (!caller.user || caller.user->role == Role::citizen) co_return core::Unit{};
  const AuditEntry entry{caller.user->id, action, "room", room_id};
  co_return co_await recordAudit(store_, clock_, caller, entry);
}

Task<core::Unit> RoomService::mayReadNotes(const Caller &caller, const std::string &room_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto members = co_await store_.listRoomMembers(room_id);
  if (!members) co_return members.error();
  if (!isSpecialistMember(caller, *members)) co_return ErrorCode::not_found;
  // The citizen never reads the notes, not even a member of staff who asked their own
  // question and was somehow seated in it as a specialist.
  auto room = co_await store_.getRoom(room_id);
  if (!room) co_return room.error();
  auto ticket = co_await store_.getTicket(room->ticket_id);
  if (!ticket) co_return ticket.error();
  if (ownsTicket(caller, *ticket)) co_return ErrorCode::not_found;
  co_return core::Unit{};
}

Task<std::vector<rc::Note>> RoomService::notes(const Caller &caller, const std::string &room_id) {
  auto allowed = co_await mayReadNotes(caller, room_id);
  if (!allowed) co_return allowed.error();
  co_await auditRead(caller, "room.notes_read", room_id);
  co_return co_await store_.listNotes(room_id);
}

Task<rc::Note> RoomService::addNote(const Caller &caller, const std::string &room_id,
                                    std::string body) {
  auto allowed = co_await mayReadNotes(caller, room_id);
  if (!allowed) co_return allowed.error();
  if (auto e = core::checkText("body", body, kMaxNote))
    co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
  rc::Note note{core::newId(clock_.now(), random_), room_id, caller.user->id, std::move(body),
                clock_.now()};
  auto saved = co_await store_.addNote(note);
  if (!saved) co_return saved.error();
  co_return note;
}

Task<RoomView> RoomService::close(const Caller &caller, const std::string &room_id,
                                  std::optional<rc::Outcome> outcome, std::string summary,
                                  bool no_show) {
  auto opened = co_await open(caller, room_id, Who::specialist);
  if (!opened) co_return opened.error();
  rc::Room room = (*opened)->room; // closed below
  const auto &members = (*opened)->members;
  if (room.closed_at) co_return ErrorCode::conflict;
  if (!outcome && !no_show) co_return Error::field("outcome", "required");
  if (!summary.empty())
    if (auto e = core::checkText("summary", summary, kMaxSummary))
      co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
  const auto now = clock_.now();
  // The domain decides how the ticket ends; closeRoom persists it with the room, its system
  // message and the audit entry in one commit.
  // (The store refuses the close if someone closed the room meanwhile.)
  core::Result<rc::Ticket> ticket = ErrorCode::internal;
  if ((*opened)->ticket)
    ticket = *(*opened)->ticket;
  else
    ticket = co_await store_.getTicket(room.ticket_id);
  if (!ticket) co_return ticket.error();
  auto ended = rc::apply(*ticket, rc::RoomClosed{}, now);
  if (!ended) co_return ended.error();
  room.closed_at = now;
  room.outcome = no_show ? rc::Outcome::not_resolved : *outcome;
  room.summary = std::move(summary);
  room.duration_seconds = static_cast<int>(
      std::chrono::duration_cast<std::chrono::seconds>(now - room.created_at).count());
  rc::ChatMessage m;
  m.room_id = room_id;
  m.sender_id = caller.user->id;
  m.client_id = "closed";
  m.kind = rc::MessageKind::system;
  m.body = no_show ? "room.no_show" : "room.closed";
  m.at = now;
  const AuditEntry entry{caller.user->id, "room.closed", "room", room_id,
                         std::string("{\"outcome\":\"") + std::string(rc::toString(*room.outcome)) +
                             "\"}"};
  core::UnitOfWork also;
  also.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  const std::optional<rc::ChatMessage> system_message = m;
  auto closed = co_await store_.closeRoom(room, system_message, also);
  if (!closed) co_return closed.error();
  forget(room_id);
  rc::Ticket final_ticket = *ended;
  if (no_show) {
    const rc::TicketEvent absent = rc::MarkedNoShow{};
    auto marked = rc::apply(*ended, absent, now);
    if (marked) {
      const auto from = rc::guardFor(*ended, absent);
      if (co_await store_.transitionTicket(*marked, from)) final_ticket = *marked;
    }
  }
  if (*closed) announceMessage(caller, **closed, members);
  for (const auto &member : members) {
    if (!member.kind || member.left_at) continue;
    queue_.recordService(*member.kind, std::chrono::seconds(room.duration_seconds));
    // Read, not counted down: with several instances, rooms opened elsewhere are counted here
    // only by reading them, and a close is where this desk catches up.
    co_await queue_.roomsChanged(member.user_id);
  }
  co_await queue_.ticketChanged(final_ticket);
  events_.publish({Event::Type::board, room.reception_id});
  co_return co_await announce(room, &final_ticket, &members);
}

Task<RoomView> RoomService::invite(const Caller &caller, const std::string &room_id,
                                   const std::string &specialist_id) {
  auto opened = co_await open(caller, room_id, Who::specialist);
  if (!opened) co_return opened.error();
  const auto &room = (*opened)->room;
  if (room.closed_at) co_return Error::field("room_id", "room_closed");
  // Not someone already here, and never the citizen (a member of staff may ask a question):
  // their place would become a specialist's, with the private notes.
  const auto &members = (*opened)->members;
  const bool here = std::any_of(members.begin(), members.end(), [&](const auto &m) {
    return m.user_id == specialist_id && (!m.left_at || !m.kind);
  });
  auto person = co_await store_.getUser(specialist_id);
  if (!person || person->role != Role::specialist ||
      person->organisation_id != room.organisation_id || person->kinds.empty() || here)
    co_return Error::field("specialist_id", "invalid_value");
  rc::RoomMember m{room_id, specialist_id, person->kinds.front(), clock_.now(), std::nullopt, 0};
  auto added = co_await store_.addRoomMember(m);
  if (!added) co_return added.error();
  forget(room_id);
  co_await queue_.roomsChanged(specialist_id);
  AuditEntry entry{caller.user->id, "room.invited", "room", room_id,
                   "{\"specialist_id\":\"" + specialist_id + "\"}"};
  co_await recordAudit(store_, clock_, caller, entry);
  co_return co_await announce(room);
}

Task<RoomView> RoomService::transfer(const Caller &caller, const std::string &room_id,
                                     core::SpecialistKind kind) {
  auto opened = co_await open(caller, room_id, Who::specialist);
  if (!opened) co_return opened.error();
  const auto &room = (*opened)->room;
  const auto &members = (*opened)->members;
  if (room.closed_at) co_return Error::field("room_id", "room_closed");
  auto mine = kindOf(caller, members);
  auto ticket = co_await store_.getTicket(room.ticket_id);
  if (!ticket) co_return ticket.error();
  const bool seated = mine && rc::holdsSeat(*ticket, caller.user->id, *mine);
  if (seated) {
    auto freed = rc::apply(*ticket, rc::SeatReleased{caller.user->id, *mine}, clock_.now());
    if (!freed) co_return freed.error();
    *ticket = std::move(*freed);
    auto released = co_await store_.releaseSeat(ticket->id, *mine);
    if (!released) co_return released.error();
  }
  if (!mine || kind != *mine) {
    // conflict: the kind already has a seat, nothing to add.
    auto more = rc::apply(*ticket, rc::SeatAdded{kind}, clock_.now());
    if (!more && more.error().code != ErrorCode::conflict) co_return more.error();
    if (more) {
      *ticket = std::move(*more);
      auto added = co_await store_.addSeat(ticket->id, kind);
      if (!added && added.error().code != ErrorCode::conflict) co_return added.error();
    }
  }
  auto left = co_await store_.leaveRoom(room_id, caller.user->id, clock_.now());
  forget(room_id);
  if (!left) co_return left.error();
  AuditEntry entry{caller.user->id, "room.transferred", "room", room_id,
                   std::string("{\"kind\":\"") + std::string(core::toString(kind)) + "\"}"};
  co_await recordAudit(store_, clock_, caller, entry);
  co_await queue_.ticketChanged(ticket->id);
  co_await queue_.roomsChanged(caller.user->id);
  co_return co_await announce(room);
}

Task<RoomView> RoomService::transferTo(const Caller &caller, const std::string &room_id,
                                       const std::string &specialist_id) {
  auto opened = co_await open(caller, room_id, Who::specialist);
  if (!opened) co_return opened.error();
  const auto &room = (*opened)->room;
  const auto &members = (*opened)->members;
  if (room.closed_at) co_return Error::field("room_id", "room_closed");
  auto person = co_await store_.getUser(specialist_id);
  const bool present = std::any_of(members.begin(), members.end(), [&](const auto &m) {
    return m.user_id == specialist_id && (!m.left_at || !m.kind); // never the citizen
  });
  if (!person || person->role != Role::specialist ||
      person->organisation_id != room.organisation_id || person->kinds.empty() || present)
    co_return Error::field("specialist_id", "invalid_value");
  const auto mine = kindOf(caller, members);
  auto ticket = co_await store_.getTicket(room.ticket_id);
  if (!ticket) co_return ticket.error();
  // The colleague takes the caller's seat if they serve that kind, else a seat of their own.
  const bool same_kind =
      mine && std::find(person->kinds.begin(), person->kinds.end(), *mine) != person->kinds.end();
  const auto kind = same_kind ? *mine : person->kinds.front();
  const bool seated = mine && rc::holdsSeat(*ticket, caller.user->id, *mine);
  if (seated) {
    auto freed = rc::apply(*ticket, rc::SeatReleased{caller.user->id, *mine}, clock_.now());
    if (!freed) co_return freed.error();
    *ticket = std::move(*freed);
    auto released = co_await store_.releaseSeat(ticket->id, *mine);
    if (!released) co_return released.error();
  }
  if (!same_kind) {
    // conflict: the kind already has a seat, nothing to add.
    auto more = rc::apply(*ticket, rc::SeatAdded{kind}, clock_.now());
    if (!more && more.error().code != ErrorCode::conflict) co_return more.error();
    if (more) {
      *ticket = std::move(*more);
      auto added = co_await store_.addSeat(ticket->id, kind);
      if (!added && added.error().code != ErrorCode::conflict) co_return added.error();
    }
  }
  auto taken = rc::apply(*ticket, rc::SeatTaken{specialist_id, kind, room.id}, clock_.now());
  if (!taken) co_return taken.error();
  auto claimed = co_await store_.claimSeat(ticket->id, kind, specialist_id, room, clock_.now());
  if (!claimed) co_return claimed.error();
  auto left = co_await store_.leaveRoom(room_id, caller.user->id, clock_.now());
  forget(room_id);
  if (!left) co_return left.error();
  AuditEntry entry{caller.user->id, "room.transferred", "room", room_id,
                   "{\"specialist_id\":\"" + specialist_id + "\"}"};
  co_await recordAudit(store_, clock_, caller, entry);
  co_await queue_.ticketChanged(ticket->id);
  co_await queue_.roomsChanged(caller.user->id);
  co_await queue_.roomsChanged(specialist_id);
  co_return co_await announce(room);
}

Task<std::pair<RoomView, std::vector<MessageView>>>
RoomService::transcript(const Caller &caller, const std::string &room_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto room = co_await store_.getRoom(room_id);
  if (!room) co_return room.error();
  auto v = co_await view(*room);
  if (!v) co_return v.error();
  if (!isMember(caller, v->members) && !ownsTicket(caller, v->ticket))
    co_return ErrorCode::not_found;
  co_await auditRead(caller, "room.transcript_read", room_id);
  std::vector<MessageView> all;
  std::int64_t after = 0;
  for (;;) {
    auto page = co_await store_.listMessages(room_id, after, 500);
    if (!page) co_return page.error();
    if (page->empty()) break;
    for (const auto &m : *page) {
      MessageView mv{m, v->names.contains(m.sender_id) ? v->names[m.sender_id] : std::string(),
                     std::nullopt};
      if (m.attachment_id) {
        auto a = co_await store_.getAttachment(*m.attachment_id);
        if (a) mv.attachment = *a;
      }
      all.push_back(std::move(mv));
    }
    after = page->back().seq;
  }
  AuditEntry entry{caller.user->id, "room.transcript", "room", room_id, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  co_return std::pair{std::move(*v), std::move(all)};
}

Task<core::Unit> RoomService::mayUpload(const Caller &caller, const std::string &room_id,
                                        std::int64_t size) {
  return checkUpload(caller, room_id, size, Reserve::no);
}

void RoomService::release(const std::string &room_id, const std::string &person_id,
                          std::int64_t size) {
  std::lock_guard lock(uploading_mutex_);
  for (const auto &key : {"room:" + room_id, "person:" + person_id}) {
    auto it = uploading_.find(key);
    if (it == uploading_.end()) continue;
    it->second.files -= 1;
    it->second.bytes -= size;
    if (it->second.files <= 0) uploading_.erase(it);
  }
}

Task<core::Unit> RoomService::checkUpload(const Caller &caller, const std::string &room_id,
                                          std::int64_t size, Reserve reserve) {
  auto opened = co_await open(caller, room_id, Who::member);
  if (!opened) co_return opened.error();
  if ((*opened)->room.closed_at) co_return Error::field("room_id", "room_closed");
  if (size > kMaxAttachmentBytes) {
    auto e = Error::make(ErrorCode::payload_too_large);
    e.params["limit"] = std::to_string(kMaxAttachmentBytes);
    co_return e;
  }
  const auto &q = settings_.quota;
  auto quotaError = [](const char *scope, std::int64_t files, std::int64_t bytes) {
    auto e = Error::make(ErrorCode::quota_exceeded);
    e.params["scope"] = scope;
    e.params["files"] = std::to_string(files);
    e.params["megabytes"] = std::to_string(bytes >> 20);
    return e;
  };
  auto in_room = co_await store_.roomAttachments(room_id);
  if (!in_room) co_return in_room.error();
  const core::Time day_ago = clock_.now() - std::chrono::hours(24);
  auto mine = co_await store_.attachmentsBy(caller.user->id, day_ago);
  if (!mine) co_return mine.error();
  // What is committed, plus what is being stored here right now (not suspended from here on).
  std::lock_guard lock(uploading_mutex_);
  const std::string room_key = "room:" + room_id;
  const std::string person_key = "person:" + caller.user->id;
  auto busy = [&](const std::string &key) {
    auto it = uploading_.find(key);
    return it == uploading_.end() ? core::Store::AttachmentUsage{} : it->second;
  };
  const auto room_busy = busy(room_key);
  const auto person_busy = busy(person_key);
  if (in_room->files + room_busy.files + 1 > q.room_files ||
      in_room->bytes + room_busy.bytes + size > q.room_bytes)
    co_return quotaError("room", q.room_files, q.room_bytes);
  if (mine->files + person_busy.files + 1 > q.person_files_per_day ||
      mine->bytes + person_busy.bytes + size > q.person_bytes_per_day)
    co_return quotaError("person", q.person_files_per_day, q.person_bytes_per_day);
  if (reserve == Reserve::yes)
    for (const auto *key : {&room_key, &person_key}) {
      auto &entry = uploading_[*key];
      entry.files += 1;
      entry.bytes += size;
    }
  co_return core::Unit{};
}

Task<MessageView> RoomService::upload(const Caller &caller, const std::string &room_id,
                                      std::string file_name, std::string content_type,
                                      const std::string &bytes) {
  const auto size = static_cast<std::int64_t>(bytes.size());
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (bytes.empty()) co_return Error::field("file", "required");
  if (auto e = core::checkLine("name", file_name, kMaxFileName))
    co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
  core::FileType type{};
  switch (core::checkType(content_type, bytes, &type)) {
  case core::TypeCheck::ok:
    break;
  case core::TypeCheck::unsupported:
    co_return Error::field("file", "unsupported_type");
  case core::TypeCheck::mismatch:
    co_return Error::field("file", "type_mismatch");
  }
  // Counted against the quotas until its record is committed.
  auto allowed = co_await checkUpload(caller, room_id, size, Reserve::yes);
  if (!allowed) co_return allowed.error();
  auto opened = co_await open(caller, room_id, Who::member);
  if (!opened) {
    release(room_id, caller.user->id, size);
    co_return opened.error();
  }
  rc::Attachment a;
  a.id = random_.hex(16);
  a.room_id = room_id;
  a.uploader_id = caller.user->id;
  a.file_name = core::fitExtension(cleanFileName(std::move(file_name)), type);
  a.content_type = std::string(core::mediaType(type));
  a.size = size;
  a.at = clock_.now();
  const bool written = co_await files_.write(a.id, bytes);
  if (!written) {
    release(room_id, caller.user->id, size);
    co_return Error::make(ErrorCode::internal, "cannot write attachment");
  }
  auto saved = co_await store_.createAttachment(a);
  release(room_id, caller.user->id, size); // committed (now counted by the store), or not
  if (!saved) {
    co_await files_.remove(a.id);
    co_return saved.error();
  }
  rc::ChatMessage m;
  m.room_id = room_id;
  m.sender_id = caller.user->id;
  m.client_id = "attachment-" + a.id;
  m.kind = rc::MessageKind::attachment;
  m.body = a.file_name;
  m.attachment_id = a.id;
  m.at = a.at;
  co_return co_await append(caller, std::move(m), (*opened)->members, a);
}

Task<std::pair<rc::Attachment, std::string>> RoomService::download(const Caller &caller,
                                                                   const std::string &id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto a = co_await store_.getAttachment(id);
  if (!a) co_return a.error();
  auto members = co_await store_.listRoomMembers(a->room_id);
  if (!members) co_return members.error();
  if (!isMember(caller, *members)) co_return ErrorCode::not_found;
  co_await auditRead(caller, "room.attachment_read", a->room_id);
  auto bytes = co_await files_.read(a->id);
  if (!bytes) co_return Error::make(ErrorCode::not_found, "attachment file missing");
  // Named, not braced in the co_return (GCC 12).
  std::pair<rc::Attachment, std::string> found{std::move(*a), std::move(*bytes)};
  co_return found;
}

Task<rc::Ticket> RoomService::recordPhone(const Caller &caller, PhoneConsultation in) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(Role::specialist) && !caller.is(Role::coordinator)) co_return ErrorCode::forbidden;
  if (!caller.user->organisation_id) co_return ErrorCode::forbidden;
  const std::string org = *caller.user->organisation_id;
  // Two plain statements: GCC 12 destroys the result of a conditional over co_awaits twice.
  core::Result<rc::Reception> reception = core::ErrorCode::not_found;
  if (in.reception_id)
    reception = co_await store_.getReception(*in.reception_id);
  else
    reception = co_await store_.getPermanentLine(org);
  Error invalid = Error::make(ErrorCode::validation_failed);
  if (!reception || reception->organisation_id != org)
    invalid.fields.push_back({"reception_id", "invalid_value", {}});
  auto regions = co_await store_.listRegions();
  if (!regions) co_return regions.error();
  if (std::none_of(regions->begin(), regions->end(),
                   [&](const auto &r) { return r.code == in.region; }))
    invalid.fields.push_back({"region", in.region.empty() ? "required" : "invalid_value", {}});
  auto categories = co_await store_.listCategories();
  if (!categories) co_return categories.error();
  if (std::find(categories->begin(), categories->end(), in.category) == categories->end())
    invalid.fields.push_back({"category", in.category.empty() ? "required" : "invalid_value", {}});
  if (in.kinds.empty()) invalid.fields.push_back({"kinds", "required", {}});
  if (!in.outcome) invalid.fields.push_back({"outcome", "required", {}});
  if (in.duration_minutes < 1 || in.duration_minutes > kMaxPhoneMinutes)
    invalid.fields.push_back({"duration_minutes",
                              "out_of_range",
                              {{"min", "1"}, {"max", std::to_string(kMaxPhoneMinutes)}}});
  if (!in.summary.empty())
    if (auto e = core::checkText("summary", in.summary, kMaxSummary)) invalid.fields.push_back(*e);
  if (!invalid.fields.empty()) co_return invalid;
  const auto now = clock_.now();
  const auto started = now - std::chrono::minutes(in.duration_minutes);
  rc::Ticket t;
  t.id = core::newId(clock_.now(), random_);
  t.reception_id = reception->id;
  t.organisation_id = org;
  t.region = in.region;
  t.language = in.language;
  t.category = in.category;
  t.description = in.summary;
  t.channel = rc::Channel::phone;
  for (auto k : in.kinds) {
    const bool mine = caller.is(Role::specialist) &&
                      std::find(caller.user->kinds.begin(), caller.user->kinds.end(), k) !=
                          caller.user->kinds.end();
    t.seats.push_back({k, mine ? std::optional(caller.user->id) : std::nullopt, started});
  }
  auto held = rc::heldByPhone(std::move(t), started, now);
  if (!held) co_return held.error();
  t = std::move(*held);
  rc::Room room;
  room.id = core::newId(clock_.now(), random_);
  room.ticket_id = t.id;
  room.reception_id = t.reception_id;
  room.organisation_id = org;
  room.created_at = started;
  room.closed_at = now;
  room.outcome = in.outcome;
  room.summary = in.summary;
  room.duration_seconds = in.duration_minutes * 60;
  t.room_id = room.id;
  auto saved = co_await store_.recordPhoneConsultation(t, room);
  if (!saved) co_return saved.error();
  AuditEntry entry{caller.user->id, "consultation.phone_recorded", "ticket", t.id, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  events_.publish({Event::Type::board, t.reception_id});
  co_return t;
}

} // namespace kelisim::app::reception
