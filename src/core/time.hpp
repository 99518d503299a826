// Time inside Kelisim: UTC, millisecond precision, as std::chrono::sys_time. Conversion to
// RFC 3339 text for the API lives here; nothing in core reads the clock (see ports/clock.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kelisim::core {

using Time = std::chrono::sys_time<std::chrono::milliseconds>;

inline std::int64_t toMillis(Time t) {
  return t.time_since_epoch().count();
}
inline Time fromMillis(std::int64_t ms) {
  return Time{std::chrono::milliseconds{ms}};
}

// "2026-11-25T14:07:34.123Z"
std::string toRfc3339(Time t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)"; nullopt if malformed.
std::optional<Time> parseRfc3339(std::string_view text);

// A calendar date as "YYYY-MM-DD" (the API's and the database's dates), and back: exactly
// that shape and a real date, nothing else.
std::string toIsoDate(std::chrono::year_month_day date);
// Kazakhstan keeps one time zone, UTC+5, with no daylight saving: the date an instant falls
// on there, and the instant a date there ends (its local midnight after).
inline constexpr auto kKazakhstanOffset = std::chrono::hours(5);
std::chrono::year_month_day kazakhstanDate(Time t);
Time kazakhstanDayEnds(std::chrono::year_month_day date);
std::optional<std::chrono::year_month_day> parseIsoDate(std::string_view text);

} // namespace kelisim::core
