// Personal data by the Law of the RK No. 94-V "On personal data and their protection": a
// citizen withdraws consent for one question (its personal data are erased) or deletes their
// account (every question's, and the account made anonymous); the retention job erases what
// ended longer ago than the retention period and forgets old client addresses and mails.
// Erasure keeps what the figures count (reception, category, region, language, channel,
// times, outcome, rating), so the figures do not change.
#pragma once

#include "app/caller.hpp"
#include "app/password_hasher.hpp"
#include "app/reception/events.hpp"
#include "app/reception/queue_service.hpp"
#include "app/reception/room_service.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/store.hpp"

#include <chrono>
#include <string>

namespace kelisim::app::reception {

struct PersonalDataSettings {
  // How long after a question ended its personal data are kept; 0: until the citizen asks.
  std::chrono::days retention{365};
  int batch = 200; // tickets erased per run of the retention job, at most
};

class PersonalDataService {
public:
  PersonalDataService(core::Store &store, const core::Clock &clock, PasswordHasher &hasher,
                      QueueService &queue, RoomService &rooms, EventSink &events,
                      PersonalDataSettings settings);

  const PersonalDataSettings &settings() const { return settings_; }

  // The citizen's own ticket (signed in or by its guest session): leaves the queue if it is
  // still waiting, then erases it. conflict while its consultation is live.
  Task<core::Unit> eraseTicket(const Caller &caller, const std::string &ticket_id);
  // A citizen's account and every question of theirs. `password` is checked unless the
  // account has none (a guest's). forbidden for staff; conflict while a consultation is live.
  Task<core::Unit> deleteAccount(const Caller &caller, std::string password);
  // One run of the retention job at `now`: how many tickets it erased.
  Task<int> retain(core::Time now);

private:
  // Erases one ticket that is no longer live, with `entry` in the audit trail.
  Task<core::Unit> erase(const std::string &ticket_id, const Caller &caller, const char *action);

  core::Store &store_;
  const core::Clock &clock_;
  PasswordHasher &hasher_;
  QueueService &queue_;
  RoomService &rooms_;
  EventSink &events_;
  PersonalDataSettings settings_;
};

} // namespace kelisim::app::reception
