#include "core/mediation/deadlines.hpp"

#include <algorithm>
#include <chrono>

namespace kelisim::core::mediation {

namespace {

std::chrono::sys_days localDay(Time t) {
  return std::chrono::sys_days(kazakhstanDate(t));
}

} // namespace

Time termOfDaysEnds(Time from, int days) {
  return kazakhstanDayEnds(std::chrono::year_month_day(localDay(from) + std::chrono::days(days)));
}

std::optional<Time> invitationDeadline(const Case &c) {
  if (!c.invited_at) return std::nullopt;
  return termOfDaysEnds(*c.invited_at, c.answer_days.value_or(kInvitationDays));
}

std::optional<Time> termEnds(const Case &c) {
  if (!c.started_at) return std::nullopt;
  return termOfDaysEnds(*c.started_at, c.term_days);
}

std::string lastDayOf(Time ends) {
  return toIsoDate(kazakhstanDate(ends - std::chrono::milliseconds(1)));
}

int daysUntil(Time ends, Time now) {
  const auto last = localDay(ends - std::chrono::milliseconds(1));
  return std::max(0, static_cast<int>((last - localDay(now)).count()));
}

std::optional<int> daysLeft(const Case &c, Time now) {
  const auto ends = termEnds(c);
  if (!ends) return std::nullopt;
  return daysUntil(*ends, now);
}

} // namespace kelisim::core::mediation
