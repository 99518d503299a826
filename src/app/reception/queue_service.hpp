// The citizen's side of a reception (intake, the ticket, its live place, leaving, feedback)
// and the specialist's desk (duty, offers, take next), the coordinator's board and closing a
// reception. Every change is committed first, then the in-memory queues (QueueEngine) are
// updated and an Event is published. tick() runs once a second: it expires offers, lets
// pre-registered citizens into the queue at their time, puts deferred questions back when a
// permanent line's hours begin, and offers waiting tickets to free specialists. A deferred
// question also goes back when a specialist of its kind comes on duty (setDuty).
#pragma once

#include "app/account_links.hpp"
#include "app/auth_service.hpp"
#include "app/caller.hpp"
#include "app/reception/events.hpp"
#include "app/reception/queue_engine.hpp"
#include "app/reception/reception_cache.hpp"
#include "app/reception/reception_service.hpp"
#include "core/ports/store.hpp"
#include "core/reception/figures.hpp"
#include "core/reception/model.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::app::reception {

inline constexpr std::size_t kMaxTicketDescription = 4000;
inline constexpr std::size_t kMaxContact = 200;
inline constexpr std::size_t kMaxComment = 2000;

struct QueueSettings {
  std::chrono::seconds offer_timeout{30};
  MailSettings mail;                        // links in the mails to citizens
  std::chrono::minutes reminder_before{60}; // a booked slot's reminder goes out this early
};

struct NewTicket {
  std::optional<std::string> reception_id;
  std::optional<std::string> organisation_id;
  std::string region;
  std::optional<core::Language> language;
  std::string category;
  std::string description;
  std::optional<rc::Channel> channel;
  std::vector<core::SpecialistKind> kinds;
  bool consent = false;
  std::optional<std::string> consent_version; // of the text shown; absent: the current one
  std::optional<std::string> contact;
  std::optional<core::Time> slot_at;
};

// A ticket as its citizen (and the staff) see it: with its live place and estimate.
struct TicketView {
  rc::Ticket ticket;
  std::optional<std::size_t> place;
  std::optional<std::chrono::seconds> estimate;
  bool on_duty = false; // someone of every kind still awaited is on duty now
  std::optional<core::Time> next_opening;
  bool feedback_given = false;
  std::map<std::string, std::string> names; // specialist id → display name (the seats)
};

struct Submitted {
  TicketView view;
  std::optional<std::string> link_token; // guest only: the secret of the return link
  std::optional<SignedIn> session;       // guest only (and resume): the new session
};

struct OfferView {
  PendingOffer offer;
  rc::Ticket ticket;
};

struct DeskView {
  Desk desk;
  std::vector<std::pair<rc::Reception, std::size_t>> receptions; // with waiting counts
  std::optional<OfferView> offer;
  std::vector<rc::Room> rooms;
};

struct BoardDesk {
  Desk desk;
  std::string display_name;
};

struct Board {
  std::string reception_id;
  std::vector<TicketView> tickets; // waiting, in the order of the queue
  std::vector<BoardDesk> specialists;
  std::vector<rc::Room> rooms;
  core::Time now{};
};

class QueueService {
public:
  QueueService(core::Store &store, const core::Clock &clock, core::Random &random,
               AuthService &auth, QueueEngine &engine, ReceptionCache &receptions,
               EventSink &events, QueueSettings settings);

  // Start-up: loads the tickets waiting in current receptions into the engine, the wait
  // estimates from the last two weeks' consultations, and the desks of the specialists who
  // were on duty.
  Task<core::Unit> restore();
  // Expires offers, admits pre-registered tickets whose time has come, makes offers.
  Task<core::Unit> tick();

  Task<Submitted> submit(const Caller &caller, NewTicket input);
  // The citizen behind a ticket's secret link signs in as that ticket's citizen.
  // Never replaces a staff session on this device (other_account, field "token"), nor, unless
  // `replace`, another citizen's or guest's (other_account, field "replace"): the page asks.
  Task<Submitted> resume(const Caller &caller, const std::string &token, bool replace = false);
  Task<TicketView> get(const Caller &caller, const std::string &ticket_id);
  Task<std::vector<TicketView>> mine(const Caller &caller);
  Task<TicketView> leave(const Caller &caller, const std::string &ticket_id);
  Task<TicketView> defer(const Caller &caller, const std::string &ticket_id);
  Task<core::Unit> giveFeedback(const Caller &caller, const std::string &ticket_id, int rating,
                                std::string comment, std::string proposal);

  Task<DeskView> desk(const Caller &caller);
  Task<DeskView> setDuty(const Caller &caller, bool on_duty);
  // The room the specialist is seated in; its members are told by RoomService::joined,
  // which reads the room's view once for them and for the caller's answer.
  Task<rc::Room> takeNext(const Caller &caller);
  Task<rc::Room> accept(const Caller &caller, const std::string &ticket_id);
  Task<core::Unit> decline(const Caller &caller, const std::string &ticket_id);

  Task<Board> board(const Caller &caller, const std::string &reception_id);
  Task<core::Unit> reassign(const Caller &caller, const std::string &ticket_id,
                            const std::string &specialist_id);
  // Closes the reception; tickets still waiting move to the permanent line.
  Task<core::Unit> closeReception(const Caller &caller, const std::string &reception_id);

  // For the room service: a ticket or a specialist's rooms changed. The ticket is read, or
  // given as it was just committed (nothing is read then).
  Task<core::Unit> ticketChanged(const std::string &ticket_id);
  Task<core::Unit> ticketChanged(const rc::Ticket &committed);
  Task<core::Unit> roomsChanged(const std::string &specialist_id);
  // A room this instance just opened (+1) or closed (-1) for the specialist: counted without
  // reading their rooms when their desk is here.
  Task<core::Unit> roomsChanged(const std::string &specialist_id, int delta);
  void recordService(core::SpecialistKind kind, std::chrono::seconds served_for);
  // Another instance changed a ticket: reload it into this instance's queue. Gives the
  // ticket as read.
  Task<rc::Ticket> reload(const std::string &ticket_id);
  // The queue takes in a ticket as it now stands; offers it outdates are withdrawn.
  void track(const rc::Ticket &ticket);

  Task<TicketView> describe(const rc::Ticket &ticket);
  // The estimated wait at `place` for `kind` in a reception, from recent service times.
  std::optional<std::chrono::seconds> estimateAt(const std::string &reception_id, std::size_t place,
                                                 core::SpecialistKind kind);
  // estimateAt for each of these changes of one reception, in their order: the desks are read
  // and the estimator locked once, not once per waiting citizen (the fan-out of places).
  std::vector<std::chrono::seconds> estimatesAt(const std::string &reception_id,
                                                const std::vector<PlaceChange> &changes);
  // Places that moved in a reception since they were last announced.
  std::vector<PlaceChange> placeChanges(const std::string &reception_id) {
    return engine_.placeChanges(reception_id);
  }

private:
  // The region of a specialist's organisation ("" when none): routing prefers its citizens.
  boost::asio::awaitable<std::string> regionOf(const core::User &specialist);
  // Where a citizen's mails go: the contact they gave when it is an e-mail, else their
  // account's address (not a guest's); none when neither.
  static std::optional<std::string> mailAddressOf(const core::reception::Ticket &t,
                                                  const core::User *citizen);
  // A new ticket's mails, added to its unit of work: the return link (a guest), and a
  // reminder with an ICS invitation before a booked slot.
  void mailsOfIntake(core::UnitOfWork &work, const core::reception::Ticket &t,
                     const core::reception::Reception &reception, const Caller &caller,
                     const std::optional<std::string> &link_token, core::Time now);

  Task<rc::Room> seat(const Caller &caller, const PendingOffer &offer);
  Task<std::vector<std::string>> dutyReceptions(const core::User &specialist);
  Task<std::optional<core::Time>> nextOpening(const rc::Ticket &ticket);
  // The organisation's deferred tickets that someone can answer now wait again
  // (rc::requeueInto); `opened` is the id of a permanent line whose hours just began.
  Task<core::Unit> requeueDeferred(const std::string &organisation_id,
                                   const std::string &opened = {});
  // The permanent lines whose hours began since the last look (at most once a minute); the
  // first look only notes which lines answer.
  Task<std::vector<rc::Reception>> linesJustOpened(core::Time now);
  void publishQueue(const std::string &reception_id);
  void offersMade(const std::vector<std::pair<std::string, PendingOffer>> &offers);

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  AuthService &auth_;
  QueueEngine &engine_;
  ReceptionCache &receptions_;
  EventSink &events_;
  QueueSettings settings_;
  DisplayNames names_{store_, clock_};
  std::mutex estimator_mutex_;
  rc::WaitEstimator estimator_;
  // Region codes, read once: the regions are seeded by a migration and never change.
  Task<bool> isRegion(const std::string &code);
  std::mutex regions_mutex_;
  std::vector<std::string> region_codes_; // sorted; empty until first read
  std::mutex lines_mutex_;
  std::map<std::string, bool> line_answering_; // permanent line → answering at the last look
  core::Time next_line_look_{};
};

} // namespace kelisim::app::reception
