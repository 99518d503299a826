// The clock of a mediation case (issue 10), pure: `now` is an argument. Terms are counted
// in calendar days in Kazakhstan's time (UTC+5), as the Civil Code counts a term in days:
// from the day after the one it starts on, to the end (24:00) of its last day.
//   invitation  10 calendar days from the day it was sent, unless the invitation set its own
//               term (Art. 20 p.6); with no answer by then it is deemed refused.
//   mediation   30 calendar days from the day the contract was concluded (Art. 20 p.5,
//               Art. 23 p.1); the parties may extend it, to 60 days in total at most (Art. 23
//               p.2; out of court only exceptionally and with the mediator's consent, Art. 20
//               p.9 — the consents are case_lifecycle's).
#pragma once

#include "core/mediation/model.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>

namespace kelisim::core::mediation {

inline constexpr int kInvitationDays = 10;
inline constexpr int kMaxAnswerDays = 90; // ours: an invitation's own term, at most
inline constexpr int kTermDays = 30;
inline constexpr int kMaxTermDays = 60;

// The instant a term of `days` calendar days that starts on `from`'s local day runs out:
// the local midnight that ends its last day.
Time termOfDaysEnds(Time from, int days);

// When the invitation is deemed refused; none until it is sent.
std::optional<Time> invitationDeadline(const Case &c);
// When the mediation's term runs out (30 days and the extensions granted); none until the
// mediation started.
std::optional<Time> termEnds(const Case &c);
// The last calendar day of a term that runs out at `ends` (a local midnight), as
// "YYYY-MM-DD": the date the pages and mails show.
std::string lastDayOf(Time ends);
// Whole calendar days after `now`'s local date until the last day of a term that runs out at
// `ends`: 0 on the last day itself and after.
int daysUntil(Time ends, Time now);
// Whole calendar days left after today's local date until the term's last day: the term
// days on the start day, 0 on its last day and after; none until the mediation started.
std::optional<int> daysLeft(const Case &c, Time now);

} // namespace kelisim::core::mediation
