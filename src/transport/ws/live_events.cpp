#include "transport/ws/live_events.hpp"

#include "transport/http/reception_views.hpp"
#include "transport/log.hpp"
#include "transport/ws/event_codec.hpp"
#include "transport/ws/place_fanout.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/json/serialize.hpp>

namespace kelisim::transport {

namespace asio = boost::asio;
using app::reception::Event;

namespace {
constexpr auto kBoardCoalesce = std::chrono::milliseconds(300);
constexpr auto kPlaceCoalesce = std::chrono::milliseconds(200);
// Place messages built and queued between two turns of the io thread.
constexpr std::size_t kPlaceBatch = 1000;
} // namespace

LiveEvents::LiveEvents(asio::any_io_executor executor, Hub &hub, core::Store &store,
                       app::reception::QueueService &queue, app::reception::RoomService &rooms)
    : executor_(std::move(executor)), hub_(hub), store_(store), queue_(queue), rooms_(rooms) {}

void LiveEvents::setRelay(std::function<void(const Event &)> relay) {
  std::lock_guard lock(mutex_);
  relay_ = std::move(relay);
}

void LiveEvents::publish(const Event &event) {
  std::function<void(const Event &)> relay;
  {
    std::lock_guard lock(mutex_);
    relay = relay_;
  }
  if (relay) relay(event);
  // Before anything else runs: the next chat message must see the room's new members.
  if (event.type == Event::Type::room) {
    rooms_.forget(event.id);
    if (room_observer_) room_observer_(event.id);
  }
  if (!deliverNow(event)) spawn(event, false);
}

bool LiveEvents::deliverNow(const Event &e) {
  using T = Event::Type;
  if (e.type == T::access) {
    hub_.closeUser(e.id, e.session);
    return true;
  }
  // A desk is read and sent only to a specialist connected here (see deliver).
  if ((e.type == T::desk || e.type == T::offer) && !hub_.connected(e.id)) return true;
  if (e.type == T::ticket && e.ticket) {
    // The view the service built from what it committed: nothing to read, and nothing to
    // build while the citizen has no connection (a new guest opens /ws after the answer).
    const auto &citizen = e.ticket->ticket.citizen_id;
    if (citizen && hub_.connected(*citizen))
      hub_.sendToUser(*citizen, boost::json::serialize(boost::json::object{
                                    {"type", "ticket"}, {"ticket", ticketJson(*e.ticket)}}));
    return true;
  }
  if (e.type == T::room && e.room) {
    // The view the service read once after the commit: one serialisation for every member,
    // none when no member is connected here.
    const auto &members = e.room->members;
    if (std::none_of(members.begin(), members.end(),
                     [&](const auto &m) { return hub_.connected(m.user_id); }))
      return true;
    const auto text = std::make_shared<const std::string>(
        boost::json::serialize(boost::json::object{{"type", "room"}, {"room", roomJson(*e.room)}}));
    for (const auto &m : e.room->members) hub_.sendToUser(m.user_id, text);
    return true;
  }
  if (e.type == T::message && e.message && e.to) {
    // One serialisation, one buffer for every member; nothing read back. The sending
    // connection has the message in its acknowledgement already.
    if (std::none_of(e.to->begin(), e.to->end(),
                     [&](const std::string &id) { return hub_.connected(id); }))
      return true;
    const auto text = std::make_shared<const std::string>(boost::json::serialize(
        boost::json::object{{"type", "message"}, {"message", messageJson(*e.message)}}));
    for (const auto &id : *e.to) hub_.sendToUser(id, text, e.origin);
    return true;
  }
  return false;
}

asio::awaitable<void> LiveEvents::receiveRemote(Event event) {
  if (event.type == Event::Type::room) {
    rooms_.forget(event.id);
    if (room_observer_) room_observer_(event.id);
  }
  try {
    co_await deliver(std::move(event), true);
  } catch (const std::exception &ex) {
    logEvent(spdlog::level::err, "event_delivery_failed", {{"error", ex.what()}});
  }
}

void LiveEvents::spawn(Event event, bool remote) {
  asio::co_spawn(
      executor_,
      [this, event = std::move(event), remote]() -> asio::awaitable<void> {
        co_await deliver(event, remote);
      },
      [](std::exception_ptr e) {
        if (!e) return;
        try {
          std::rethrow_exception(e);
        } catch (const std::exception &ex) {
          logEvent(spdlog::level::err, "event_delivery_failed", {{"error", ex.what()}});
        }
      });
}

void LiveEvents::watchBoard(const std::string &reception_id, const std::string &user_id) {
  std::lock_guard lock(mutex_);
  board_watchers_[reception_id].insert(user_id);
}

asio::awaitable<std::vector<std::string>> LiveEvents::memberIds(const std::string &room_id,
                                                                bool current_only) {
  std::vector<std::string> ids;
  auto members = co_await store_.listRoomMembers(room_id);
  if (members)
    for (const auto &m : *members)
      if (!current_only || !m.left_at) ids.push_back(m.user_id);
  co_return ids;
}

asio::awaitable<void> LiveEvents::sendBoard(std::string reception_id) {
  asio::steady_timer timer(executor_, kBoardCoalesce);
  co_await timer.async_wait(asio::use_awaitable);
  std::set<std::string> watchers;
  {
    std::lock_guard lock(mutex_);
    board_pending_.erase(reception_id);
    auto it = board_watchers_.find(reception_id);
    if (it == board_watchers_.end()) co_return;
    watchers = it->second;
  }
  std::set<std::string> gone;
  for (const auto &user_id : watchers) {
    auto user = co_await store_.getUser(user_id);
    if (!user) continue;
    app::Caller caller;
    caller.user = *user;
    auto board = co_await queue_.board(caller, reception_id);
    if (!board) continue;
    auto text = boost::json::serialize(
        boost::json::object{{"type", "board"}, {"board", boardJson(*board)}});
    if (hub_.sendToUser(user_id, text) == 0) gone.insert(user_id);
  }
  std::lock_guard lock(mutex_);
  for (const auto &g : gone) board_watchers_[reception_id].erase(g);
}

// Places are announced at once, then at most every kPlaceCoalesce per reception: a busy queue
// moves many times a second, and each announcement is a message to every waiting citizen. One
// announcer per reception (place_pending_) while it sends and for one interval after, so a
// citizen never gets an older place after a newer one; a move meanwhile makes it go round
// again at the next tick, and a quiet interval ends it.
asio::awaitable<void> LiveEvents::announcePlaces(std::string reception_id) {
  asio::steady_timer timer(executor_);
  auto tick = std::chrono::steady_clock::now();
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      place_pending_[reception_id] = false; // moves from now on are after placeChanges
    }
    const auto changes = queue_.placeChanges(reception_id);
    const auto estimates = queue_.estimatesAt(reception_id, changes);
    for (std::size_t i = 0; i < changes.size(); ++i) {
      // Let the io thread send what is queued (and serve everyone else) between batches.
      if (i > 0 && i % kPlaceBatch == 0) co_await asio::post(executor_, asio::use_awaitable);
      const auto &change = changes[i];
      if (change.citizen_id.empty()) continue;
      hub_.sendToUser(change.citizen_id,
                      placeMessage(change.ticket_id, change.place, estimates[i]));
    }
    tick += kPlaceCoalesce;
    timer.expires_at(tick);
    boost::system::error_code ec;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    {
      std::lock_guard lock(mutex_);
      auto it = place_pending_.find(reception_id);
      if (it == place_pending_.end() || !it->second) {
        if (it != place_pending_.end()) place_pending_.erase(it);
        co_return;
      }
    }
  }
}

asio::awaitable<void> LiveEvents::deliver(Event e, bool remote) {
  using T = Event::Type;
  switch (e.type) {
  case T::access:
    hub_.closeUser(e.id, e.session);
    co_return;
  case T::ticket: {
    // (A local event with its view went through deliverNow.)
    if (remote) co_await queue_.reload(e.id);
    auto ticket = co_await store_.getTicket(e.id);
    if (!ticket || !ticket->citizen_id) co_return;
    auto view = co_await queue_.describe(*ticket);
    if (!view) co_return;
    hub_.sendToUser(*ticket->citizen_id, boost::json::serialize(boost::json::object{
                                             {"type", "ticket"}, {"ticket", ticketJson(*view)}}));
    co_return;
  }
  case T::queue: {
    {
      std::lock_guard lock(mutex_);
      auto [it, first] = place_pending_.try_emplace(e.id, false);
      if (!first) {
        it->second = true; // the announcer already running sends this move too
        co_return;
      }
    }
    try {
      co_await announcePlaces(e.id);
    } catch (...) {
      std::lock_guard lock(mutex_);
      place_pending_.erase(e.id); // or this reception's places would never be announced again
      throw;
    }
    co_return;
  }
  case T::room: {
    auto room = co_await store_.getRoom(e.id);
    if (!room) co_return;
    auto view = co_await rooms_.view(*room);
    if (!view) co_return;
    const auto text =
        boost::json::serialize(boost::json::object{{"type", "room"}, {"room", roomJson(*view)}});
    for (const auto &m : view->members) hub_.sendToUser(m.user_id, text);
    co_return;
  }
  case T::message: {
    // (A local event with its message went through deliverNow.)
    auto list = co_await store_.listMessages(e.id, e.seq - 1, 1);
    if (!list || list->empty()) co_return;
    auto view = co_await rooms_.describe(list->front());
    if (!view) co_return;
    const auto text = boost::json::serialize(
        boost::json::object{{"type", "message"}, {"message", messageJson(*view)}});
    for (const auto &id : co_await memberIds(e.id, true)) hub_.sendToUser(id, text);
    co_return;
  }
  case T::offer:
  case T::desk: {
    // Desks live on the instance the specialist is connected to: elsewhere, or with no one
    // connected, there is nothing to read or send.
    if (remote || !hub_.connected(e.id)) co_return;
    auto user = co_await store_.getUser(e.id);
    if (!user) co_return;
    app::Caller caller;
    caller.user = *user;
    auto desk = co_await queue_.desk(caller);
    if (!desk) co_return;
    if (e.type == T::offer && desk->offer)
      hub_.sendToUser(e.id, boost::json::serialize(boost::json::object{
                                {"type", "offer"}, {"offer", offerJson(*desk->offer)}}));
    hub_.sendToUser(e.id, boost::json::serialize(
                              boost::json::object{{"type", "desk"}, {"desk", deskJson(*desk)}}));
    co_return;
  }
  case T::offer_withdrawn:
    hub_.sendToUser(e.id, boost::json::serialize(boost::json::object{{"type", "offer_withdrawn"},
                                                                     {"ticket_id", e.ticket_id}}));
    co_return;
  case T::board: {
    {
      std::lock_guard lock(mutex_);
      if (!board_watchers_.contains(e.id) || board_pending_.contains(e.id)) co_return;
      board_pending_.insert(e.id);
    }
    co_await sendBoard(e.id);
    co_return;
  }
  case T::typing:
  case T::read: {
    boost::json::object event{{"type", e.type == T::typing ? "typing" : "read"},
                              {"room_id", e.id},
                              {"user_id", e.user_id}};
    if (e.type == T::read) {
      event["seq"] = e.seq;
    } else if (e.to) {
      event["display_name"] = e.display_name;
    } else {
      auto user = co_await store_.getUser(e.user_id);
      event["display_name"] = user ? user->display_name : "";
    }
    const auto text = boost::json::serialize(event);
    std::vector<std::string> to; // if/else: GCC 12 and co_await inside ?: (ARCHITECTURE.md)
    if (e.to)
      to = *e.to;
    else
      to = co_await memberIds(e.id, true);
    for (const auto &id : to)
      if (id != e.user_id) hub_.sendToUser(id, text);
    co_return;
  }
  }
}

} // namespace kelisim::transport
