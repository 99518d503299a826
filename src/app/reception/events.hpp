// What the reception services tell the outside world after a change is committed. The
// transport turns each event into WebSocket messages for the people concerned (and, with
// PostgreSQL, passes it to the other instances first); the services never build JSON.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace kelisim::app::reception {

struct MessageView;
struct RoomView;
struct TicketView;

struct Event {
  enum class Type {
    ticket,          // a ticket changed: id = ticket id (its citizen sees it)
    queue,           // places in a reception's queue moved: id = reception id
    room,            // a room's members or state changed: id = room id
    message,         // a chat message was committed: id = room id, seq
    offer,           // a ticket was offered to a specialist: id = specialist id, ticket_id
    offer_withdrawn, // the offer ended without acceptance: id = specialist id, ticket_id
    desk,            // a specialist's desk changed: id = specialist id
    board,           // a reception's board changed: id = reception id
    typing,          // id = room id, user_id is typing
    read,            // id = room id, user_id read up to seq
    access,          // a user's access changed: id = user id; their live connections end (of
                     // one session when `session` is set: a sign-out), and the page opens a
                     // new one with what the user may do now (a role change, deactivation)
  };
  Event() = default;
  Event(Type t, std::string of) : type(t), id(std::move(of)) {}

  Type type = Type::ticket;
  std::string id;
  std::int64_t seq = 0;
  std::string ticket_id;
  std::string user_id;
  std::string session; // access: the session's key (app::tokenKey of its token), or empty

  // What was committed, carried so that delivering it reads nothing back; shared by every
  // recipient. Set by the publishing service on this instance; an event from another
  // instance arrives without them and is read again there.
  std::shared_ptr<const MessageView> message;         // message
  std::shared_ptr<const TicketView> ticket;           // ticket: the citizen's view
  std::shared_ptr<const RoomView> room;               // room: as its members see it
  std::shared_ptr<const std::vector<std::string>> to; // message, typing, read: members now
  std::string display_name;                           // typing: who types
  // message: the connection that sent it (Caller::origin). Its acknowledgement carries the
  // message, so it is not sent the event too: one frame less to a sender on a weak phone.
  const void *origin = nullptr;
};

class EventSink {
public:
  virtual ~EventSink() = default;
  virtual void publish(const Event &event) = 0;
};

// Forwards to a sink set after construction (the transport's, which needs the services that
// need this sink). Events before then are dropped.
class ForwardingSink final : public EventSink {
public:
  void publish(const Event &event) override {
    if (target) target->publish(event);
  }
  EventSink *target = nullptr;
};

// Collects events; for tests and for services composed without a transport. Read `events`
// only once the publishers are done.
class EventLog final : public EventSink {
public:
  void publish(const Event &event) override {
    std::lock_guard lock(mutex_);
    events.push_back(event);
  }
  std::vector<Event> events;

private:
  std::mutex mutex_;
};

} // namespace kelisim::app::reception
