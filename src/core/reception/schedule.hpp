// Opening hours of receptions (issue 3). An event reception is open between starts_at and
// ends_at; a permanent line is answered during its weekly hours, in Kazakhstan's time (UTC+5,
// no daylight saving), except on its holidays. Pure: no I/O, no clock — times come in as
// arguments. A coordinator's early close (closed_at) ends both kinds for good.
#pragma once

#include "core/reception/model.hpp"
#include "core/time.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kelisim::core::reception {

inline constexpr auto kKazakhstanOffset = std::chrono::hours(5);
// How far ahead nextOpening looks for a permanent line's next hours.
inline constexpr int kOpeningScanDays = 400;
// Most slots `slots` returns: a long event with short slots must not make a huge answer.
inline constexpr std::size_t kMaxSlots = 10'000;
// The error code checkHours returns.
inline constexpr std::string_view kHoursInvalid = "hours_invalid";

// Local (UTC+5) calendar date "YYYY-MM-DD", ISO weekday (1 Monday … 7 Sunday) and minute of
// the day [0, 1440) of an instant.
std::string localDate(Time t);
int localWeekday(Time t);
int localMinute(Time t);

// "YYYY-MM-DD" naming a real calendar date (leap years honoured); nothing else.
bool isLocalDate(std::string_view text);

// kHoursInvalid if an entry's weekday is outside 1..7, its minutes outside
// 0 <= from_minute < to_minute <= 1440, or two entries of one weekday overlap (touching
// intervals, [9:00, 12:00) then [12:00, 18:00), are fine); nullopt when valid. No hours at
// all is valid: the line takes questions but nobody answers live.
std::optional<std::string> checkHours(const std::vector<WeeklyHours> &hours);

// Whether someone answers at `t`. Event: starts_at <= t < ends_at. Permanent line: t's local
// weekday and minute fall in one of `hours` and t's local date is not a holiday. Either way
// not once closed_at <= t.
bool isOpenAt(const Reception &r, Time t);

// The first instant at or after `t` when isOpenAt holds (`t` itself when open now); nullopt if
// it never will: an event ended or closed, a permanent line closed, without hours, or with no
// hours in the next kOpeningScanDays days (all holidays).
std::optional<Time> nextOpening(const Reception &r, Time t);

// Text forms are the transport's (transport/http/reception_views: toString).
enum class ReceptionStatus { upcoming, open, closed };

// Whether a reception accepts questions at `t`. Event: upcoming before starts_at, open until
// ends_at, closed after (or once closed_at <= t). A permanent line accepts questions at any
// time, in or out of hours, so it is open unless closed_at <= t (isOpenAt says whether
// someone answers now).
ReceptionStatus statusAt(const Reception &r, Time t);

// Start times of the pre-registration slots still to come of an event reception with
// slot_minutes > 0: every starts_at + k × slot_minutes that is at or after `now` and whose
// slot ends by ends_at (and by closed_at, if set), at most `limit` of them. Empty for a
// permanent line or slot_minutes <= 0.
std::vector<Time> slots(const Reception &r, Time now, std::size_t limit = kMaxSlots);

} // namespace kelisim::core::reception
