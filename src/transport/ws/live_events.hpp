// Turns the reception services' events into WebSocket messages for the people concerned:
// a citizen's ticket and place, a specialist's desk and offers, a room's members, messages,
// typing and read markers, and coordinators' boards. Each event is handled on its own
// coroutine after the change was committed. A message, typing, read or new-ticket event from
// this instance carries what was committed and its recipients, and is sent as it is; other
// events, and every event from another instance (relay() sends ids only), are read back.
#pragma once

#include "app/reception/events.hpp"
#include "app/reception/queue_service.hpp"
#include "app/reception/room_service.hpp"
#include "transport/ws/event_codec.hpp"
#include "transport/ws/hub.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>

namespace kelisim::transport {

class LiveEvents final : public app::reception::EventSink {
public:
  LiveEvents(boost::asio::any_io_executor executor, Hub &hub, core::Store &store,
             app::reception::QueueService &queue, app::reception::RoomService &rooms);

  void publish(const app::reception::Event &event) override;
  // An event another instance published: bring this instance's queues up to date, then
  // deliver to the people connected here.
  boost::asio::awaitable<void> receiveRemote(app::reception::Event event);
  // Where events also go (to the other instances); empty: this instance only.
  void setRelay(std::function<void(const app::reception::Event &)> relay);
  // Called with the room's id whenever a room's members or state changed (here or on
  // another instance): a call ends the media of whoever is no longer a member. Set once,
  // before serving; must not block.
  void onRoomChanged(std::function<void(const std::string &)> observer) {
    room_observer_ = std::move(observer);
  }

  // A coordinator's connection asks for a reception's board updates.
  void watchBoard(const std::string &reception_id, const std::string &user_id);

private:
  boost::asio::awaitable<void> deliver(app::reception::Event event, bool remote);
  boost::asio::awaitable<void> sendBoard(std::string reception_id);
  boost::asio::awaitable<void> announcePlaces(std::string reception_id);
  boost::asio::awaitable<std::vector<std::string>> memberIds(const std::string &room_id,
                                                             bool current_only);
  void spawn(app::reception::Event event, bool remote);
  // Delivers at once, without a coroutine, an event of this instance that carries what was
  // committed (a ticket's view, a message with its recipients); false for any other.
  bool deliverNow(const app::reception::Event &event);

  boost::asio::any_io_executor executor_;
  Hub &hub_;
  core::Store &store_;
  app::reception::QueueService &queue_;
  app::reception::RoomService &rooms_;
  std::mutex mutex_;
  std::function<void(const app::reception::Event &)> relay_;
  std::function<void(const std::string &)> room_observer_;
  std::map<std::string, std::set<std::string>> board_watchers_; // reception → users
  std::set<std::string> board_pending_;                         // coalesces board updates
  // Receptions whose places are being announced (one announcer each, so a citizen's places
  // arrive in order) → whether they moved again since the announcer read them.
  std::map<std::string, bool> place_pending_;
};

} // namespace kelisim::transport
