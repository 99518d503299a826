#include "core/reception/schedule.hpp"

#include <algorithm>
#include <cstdio>

namespace kelisim::core::reception {

namespace {
using std::chrono::days;
using std::chrono::milliseconds;
using std::chrono::minutes;

constexpr int kMinutesPerDay = 24 * 60;

// The local day of `t`, as a count of days since 1970-01-01 local.
std::chrono::sys_days localDay(Time t) {
  return std::chrono::floor<days>(t + kKazakhstanOffset);
}

// The UTC instant of a local day's minute.
Time atLocal(std::chrono::sys_days day, int minute) {
  return Time{day} + minutes(minute) - kKazakhstanOffset;
}

std::string formatDate(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

bool isHoliday(const Reception &r, std::chrono::sys_days day) {
  if (r.holidays.empty()) return false;
  const auto date = formatDate(day);
  return std::find(r.holidays.begin(), r.holidays.end(), date) != r.holidays.end();
}

bool closedBy(const Reception &r, Time t) {
  return r.closed_at && *r.closed_at <= t;
}

// Permanent line: `t` falls in some hours and is not on a holiday (closed_at not considered).
bool inHours(const Reception &r, Time t) {
  const int weekday = localWeekday(t);
  const int minute = localMinute(t);
  const bool in = std::any_of(r.hours.begin(), r.hours.end(), [&](const WeeklyHours &h) {
    return h.weekday == weekday && h.from_minute <= minute && minute < h.to_minute;
  });
  return in && !isHoliday(r, localDay(t));
}

std::optional<Time> nextPermanentOpening(const Reception &r, Time t) {
  if (inHours(r, t)) return t;
  const auto first = localDay(t);
  for (int i = 0; i <= kOpeningScanDays; ++i) {
    const auto day = first + days(i);
    const int weekday = int(std::chrono::weekday{day}.iso_encoding());
    std::optional<Time> best;
    for (const auto &h : r.hours) {
      // Invalid entries (see checkHours) are clipped to the day or never open.
      const int from = std::max(h.from_minute, 0);
      const int to = std::min(h.to_minute, kMinutesPerDay);
      if (h.weekday != weekday || from >= to) continue;
      const Time opens = atLocal(day, from);
      // An interval that began before `t` and is still running would have made `t` open,
      // unless today is a holiday, which is checked below.
      if (opens < t || (best && *best <= opens)) continue;
      best = opens;
    }
    if (best && !isHoliday(r, day)) return best;
  }
  return std::nullopt;
}
} // namespace

std::string localDate(Time t) {
  return formatDate(localDay(t));
}

int localWeekday(Time t) {
  return int(std::chrono::weekday{localDay(t)}.iso_encoding());
}

int localMinute(Time t) {
  const auto local = t + kKazakhstanOffset;
  return int(std::chrono::floor<minutes>(local - localDay(t)).count());
}

bool isLocalDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int value[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int part = 0; part < 3; ++part)
    for (std::size_t i = starts[part]; i < starts[part] + lengths[part]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      value[part] = value[part] * 10 + (s[i] - '0');
    }
  const std::chrono::year_month_day ymd{std::chrono::year{value[0]},
                                        std::chrono::month{unsigned(value[1])},
                                        std::chrono::day{unsigned(value[2])}};
  return ymd.ok();
}

std::optional<std::string> checkHours(const std::vector<WeeklyHours> &hours) {
  const std::optional<std::string> invalid{std::string(kHoursInvalid)};
  for (const auto &h : hours)
    if (h.weekday < 1 || h.weekday > 7 || h.from_minute < 0 || h.from_minute >= h.to_minute ||
        h.to_minute > kMinutesPerDay)
      return invalid;
  auto sorted = hours;
  std::sort(sorted.begin(), sorted.end(), [](const WeeklyHours &a, const WeeklyHours &b) {
    return std::pair(a.weekday, a.from_minute) < std::pair(b.weekday, b.from_minute);
  });
  for (std::size_t i = 1; i < sorted.size(); ++i)
    if (sorted[i].weekday == sorted[i - 1].weekday &&
        sorted[i].from_minute < sorted[i - 1].to_minute)
      return invalid;
  return std::nullopt;
}

bool isOpenAt(const Reception &r, Time t) {
  if (closedBy(r, t)) return false;
  if (r.kind == ReceptionKind::event) return r.starts_at <= t && t < r.ends_at;
  return inHours(r, t);
}

std::optional<Time> nextOpening(const Reception &r, Time t) {
  if (closedBy(r, t)) return std::nullopt;
  std::optional<Time> opens;
  if (r.kind == ReceptionKind::event) {
    if (t < r.ends_at && r.starts_at < r.ends_at) opens = std::max(t, r.starts_at);
  } else {
    opens = nextPermanentOpening(r, t);
  }
  // Closed (by a coordinator) before it would have opened.
  if (opens && closedBy(r, *opens)) return std::nullopt;
  return opens;
}

ReceptionStatus statusAt(const Reception &r, Time t) {
  if (closedBy(r, t)) return ReceptionStatus::closed;
  if (r.kind == ReceptionKind::permanent) return ReceptionStatus::open;
  if (t < r.starts_at) return ReceptionStatus::upcoming;
  if (t < r.ends_at) return ReceptionStatus::open;
  return ReceptionStatus::closed;
}

std::vector<Time> slots(const Reception &r, Time now, std::size_t limit) {
  std::vector<Time> out;
  if (r.kind != ReceptionKind::event || r.slot_minutes <= 0) return out;
  const milliseconds length = minutes(r.slot_minutes);
  const Time end = r.closed_at ? std::min(r.ends_at, *r.closed_at) : r.ends_at;
  Time start = r.starts_at;
  if (now > start) {
    // Round up to the next slot boundary counted from starts_at.
    const auto elapsed = now - start;
    start += (elapsed + length - milliseconds(1)) / length * length;
  }
  for (; start + length <= end && out.size() < limit; start += length) out.push_back(start);
  return out;
}

} // namespace kelisim::core::reception
