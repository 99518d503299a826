#include "core/reception/schedule.hpp"

#include <gtest/gtest.h>

#include <random>

namespace kelisim::core::reception {

using namespace std::chrono_literals;

namespace {
// "2026-01-05T09:00:00+05:00" → Time; local times read best with their +05:00 offset.
Time at(std::string_view text) {
  auto t = parseRfc3339(text);
  EXPECT_TRUE(t) << text;
  return t.value_or(Time{});
}

Reception event(Time from, Time to, int slot_minutes = 0) {
  Reception r;
  r.kind = ReceptionKind::event;
  r.starts_at = from;
  r.ends_at = to;
  r.slot_minutes = slot_minutes;
  return r;
}

// Monday to Friday 9:00–13:00 and 14:00–18:00 local.
Reception officeLine() {
  Reception r;
  r.kind = ReceptionKind::permanent;
  r.starts_at = at("2025-01-01T00:00:00+05:00");
  r.ends_at = at("9999-01-01T00:00:00Z");
  for (int day = 1; day <= 5; ++day) {
    r.hours.push_back({day, 9 * 60, 13 * 60});
    r.hours.push_back({day, 14 * 60, 18 * 60});
  }
  return r;
}
} // namespace

// 2026-01-05 is a Monday; local midnight is 19:00 UTC the day before.
TEST(Schedule, LocalTimeIsUtcPlusFive) {
  const Time midnight = at("2026-01-04T19:00:00Z");
  EXPECT_EQ(localDate(midnight), "2026-01-05");
  EXPECT_EQ(localWeekday(midnight), 1);
  EXPECT_EQ(localMinute(midnight), 0);
  const Time before = midnight - 1ms;
  EXPECT_EQ(localDate(before), "2026-01-04");
  EXPECT_EQ(localWeekday(before), 7) << "Sunday is 7";
  EXPECT_EQ(localMinute(before), 1439);
  EXPECT_EQ(localMinute(at("2026-01-05T13:37:59.999+05:00")), 13 * 60 + 37);
  EXPECT_EQ(localWeekday(at("2026-01-10T12:00:00+05:00")), 6);
}

TEST(Schedule, LocalTimeBeforeTheEpochAndOnLeapDays) {
  const Time t = at("1969-12-31T23:30:00Z");
  EXPECT_EQ(localDate(t), "1970-01-01");
  EXPECT_EQ(localWeekday(t), 4) << "1 January 1970 was a Thursday";
  EXPECT_EQ(localMinute(t), 4 * 60 + 30);
  EXPECT_EQ(localDate(at("2028-02-28T19:00:00Z")), "2028-02-29");
  EXPECT_EQ(localDate(at("2027-12-31T19:00:00Z")), "2028-01-01");
}

TEST(Schedule, LocalDatesMustBeRealCalendarDates) {
  for (auto ok : {"2026-01-05", "2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01"})
    EXPECT_TRUE(isLocalDate(ok)) << ok;
  for (auto bad :
       {"", "2026-1-05", "2026-01-5", "2026/01/05", "2026-01-05 ", " 2026-01-05", "2026-01-05T00",
        "2023-02-29", "1900-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
        "2026-01-32", "abcd-ef-gh", "+026-01-05", "2026-0a-05", "20260105"})
    EXPECT_FALSE(isLocalDate(bad)) << bad;
}

TEST(Schedule, ValidHoursPass) {
  EXPECT_EQ(checkHours(officeLine().hours), std::nullopt);
  EXPECT_EQ(checkHours({}), std::nullopt) << "no live hours is allowed";
  EXPECT_EQ(checkHours({{7, 0, 1440}}), std::nullopt) << "a whole day";
  EXPECT_EQ(checkHours({{3, 720, 1080}, {3, 540, 720}}), std::nullopt) << "touching, unsorted";
  EXPECT_EQ(checkHours({{1, 540, 1080}, {2, 540, 1080}}), std::nullopt) << "different days";
}

TEST(Schedule, InvalidHoursAreRefused) {
  const std::vector<std::vector<WeeklyHours>> bad = {
      {{0, 540, 1080}},                 // weekday below 1
      {{8, 540, 1080}},                 // weekday above 7
      {{1, 540, 540}},                  // empty interval
      {{1, 600, 540}},                  // reversed
      {{1, -1, 540}},                   // before midnight
      {{1, 540, 1441}},                 // past midnight
      {{1, 1440, 1441}},                // starts at the end of the day
      {{1, 540, 780}, {1, 720, 1080}},  // overlap
      {{1, 720, 1080}, {1, 540, 780}},  // overlap, unsorted
      {{1, 540, 1080}, {1, 600, 700}},  // one inside another
      {{2, 540, 1080}, {2, 540, 1080}}, // the same twice
      {{1, 540, 1080}, {9, 540, 1080}}, // one good, one bad
  };
  for (std::size_t i = 0; i < bad.size(); ++i)
    EXPECT_EQ(checkHours(bad[i]), std::optional<std::string>("hours_invalid")) << "case " << i;
}

TEST(Schedule, EventIsOpenFromStartUntilEnd) {
  const Time from = at("2026-03-02T10:00:00+05:00"), to = at("2026-03-02T16:00:00+05:00");
  auto r = event(from, to);
  EXPECT_FALSE(isOpenAt(r, from - 1ms));
  EXPECT_TRUE(isOpenAt(r, from));
  EXPECT_TRUE(isOpenAt(r, to - 1ms));
  EXPECT_FALSE(isOpenAt(r, to));
  r.closed_at = from + 1h;
  EXPECT_TRUE(isOpenAt(r, from + 1h - 1ms));
  EXPECT_FALSE(isOpenAt(r, from + 1h)) << "closed early by a coordinator";
  EXPECT_FALSE(isOpenAt(r, to - 1ms));
}

TEST(Schedule, EventHoursAndHolidaysDoNotMatter) {
  auto r = event(at("2026-01-10T10:00:00+05:00"), at("2026-01-10T16:00:00+05:00"));
  r.hours = {{1, 540, 600}};
  r.holidays = {"2026-01-10"};
  EXPECT_TRUE(isOpenAt(r, at("2026-01-10T12:00:00+05:00"))) << "a Saturday event";
}

TEST(Schedule, PermanentLineAnswersWithinItsHours) {
  const auto r = officeLine();
  EXPECT_FALSE(isOpenAt(r, at("2026-01-05T08:59:59.999+05:00")));
  EXPECT_TRUE(isOpenAt(r, at("2026-01-05T09:00:00+05:00")));
  EXPECT_TRUE(isOpenAt(r, at("2026-01-05T12:59:59.999+05:00")));
  EXPECT_FALSE(isOpenAt(r, at("2026-01-05T13:00:00+05:00"))) << "lunch";
  EXPECT_FALSE(isOpenAt(r, at("2026-01-05T13:59:00+05:00")));
  EXPECT_TRUE(isOpenAt(r, at("2026-01-05T14:00:00+05:00")));
  EXPECT_TRUE(isOpenAt(r, at("2026-01-09T17:59:59+05:00"))) << "Friday";
  EXPECT_FALSE(isOpenAt(r, at("2026-01-09T18:00:00+05:00")));
  EXPECT_FALSE(isOpenAt(r, at("2026-01-10T10:00:00+05:00"))) << "Saturday";
  EXPECT_FALSE(isOpenAt(r, at("2026-01-11T10:00:00+05:00"))) << "Sunday";
  EXPECT_TRUE(isOpenAt(r, at("2026-01-05T04:00:00Z"))) << "9:00 local is 4:00 UTC";
  EXPECT_FALSE(isOpenAt(r, at("2026-01-05T13:30:00Z"))) << "18:30 local";
}

TEST(Schedule, PermanentLineHolidaysAreLocalDates) {
  Reception r;
  r.kind = ReceptionKind::permanent;
  for (int day = 1; day <= 7; ++day) r.hours.push_back({day, 0, 1440});
  r.holidays = {"2026-01-07"};
  EXPECT_TRUE(isOpenAt(r, at("2026-01-06T18:59:59.999Z"))) << "23:59 on the 6th, local";
  EXPECT_FALSE(isOpenAt(r, at("2026-01-06T19:00:00Z"))) << "already the 7th in Astana";
  EXPECT_FALSE(isOpenAt(r, at("2026-01-07T18:59:59.999Z")));
  EXPECT_TRUE(isOpenAt(r, at("2026-01-07T19:00:00Z")));
}

TEST(Schedule, PermanentLineClosedByACoordinator) {
  auto r = officeLine();
  r.closed_at = at("2026-01-05T10:00:00+05:00");
  EXPECT_TRUE(isOpenAt(r, at("2026-01-05T09:30:00+05:00")));
  EXPECT_FALSE(isOpenAt(r, at("2026-01-05T10:00:00+05:00")));
  EXPECT_FALSE(isOpenAt(r, at("2026-01-06T10:00:00+05:00")));
}

TEST(Schedule, PermanentLineWithoutHoursNeverAnswers) {
  Reception r;
  r.kind = ReceptionKind::permanent;
  EXPECT_FALSE(isOpenAt(r, at("2026-01-05T10:00:00+05:00")));
  EXPECT_EQ(nextOpening(r, at("2026-01-05T10:00:00+05:00")), std::nullopt);
}

TEST(Schedule, NextOpeningOfAnEvent) {
  const Time from = at("2026-03-02T10:00:00+05:00"), to = at("2026-03-02T16:00:00+05:00");
  auto r = event(from, to);
  EXPECT_EQ(nextOpening(r, from - 24h), from);
  EXPECT_EQ(nextOpening(r, from), from);
  EXPECT_EQ(nextOpening(r, from + 1h), from + 1h) << "open now: now";
  EXPECT_EQ(nextOpening(r, to), std::nullopt) << "ended";
  EXPECT_EQ(nextOpening(r, to + 24h), std::nullopt);
  r.closed_at = from + 1h;
  EXPECT_EQ(nextOpening(r, from + 30min), from + 30min);
  EXPECT_EQ(nextOpening(r, from + 1h), std::nullopt) << "closed early";
  r.closed_at = from - 1h;
  EXPECT_EQ(nextOpening(r, from - 2h), std::nullopt) << "closed before it began";
  EXPECT_EQ(nextOpening(event(from, from), from - 1h), std::nullopt) << "empty event";
  EXPECT_EQ(nextOpening(event(to, from), from - 1h), std::nullopt) << "reversed event";
}

TEST(Schedule, NextOpeningOfAPermanentLine) {
  auto r = officeLine();
  const Time monday9 = at("2026-01-05T09:00:00+05:00");
  EXPECT_EQ(nextOpening(r, at("2026-01-05T07:00:00+05:00")), monday9);
  EXPECT_EQ(nextOpening(r, at("2026-01-04T23:59:59.999+05:00")), monday9) << "from Sunday";
  EXPECT_EQ(nextOpening(r, at("2026-01-02T18:30:00+05:00")), monday9) << "from Friday evening";
  EXPECT_EQ(nextOpening(r, at("2026-01-05T10:15:00.123+05:00")),
            at("2026-01-05T10:15:00.123+05:00"))
      << "open now";
  EXPECT_EQ(nextOpening(r, at("2026-01-05T13:00:00+05:00")), at("2026-01-05T14:00:00+05:00"))
      << "after lunch";
  EXPECT_EQ(nextOpening(r, at("2026-01-05T18:00:00+05:00")), at("2026-01-06T09:00:00+05:00"));
  r.holidays = {"2026-01-05", "2026-01-06"};
  EXPECT_EQ(nextOpening(r, at("2026-01-05T10:00:00+05:00")), at("2026-01-07T09:00:00+05:00"))
      << "holidays skipped, including the one it is now";
}

TEST(Schedule, NextOpeningWrapsTheWeekAndJoinsMidnight) {
  Reception r;
  r.kind = ReceptionKind::permanent;
  r.hours = {{7, 20 * 60, 1440}, {1, 0, 2 * 60}};
  const Time sunday = at("2026-01-11T21:00:00+05:00");
  EXPECT_TRUE(isOpenAt(r, sunday));
  EXPECT_TRUE(isOpenAt(r, at("2026-01-12T00:00:00+05:00"))) << "across midnight";
  EXPECT_TRUE(isOpenAt(r, at("2026-01-12T01:59:59+05:00")));
  EXPECT_EQ(nextOpening(r, at("2026-01-12T02:00:00+05:00")), at("2026-01-18T20:00:00+05:00"))
      << "next Sunday";
}

TEST(Schedule, NextOpeningLooksAboutAYearAhead) {
  Reception r;
  r.kind = ReceptionKind::permanent;
  r.hours = {{1, 9 * 60, 10 * 60}}; // Mondays only
  const Time start = at("2026-01-05T12:00:00+05:00");
  for (int week = 0; week < 52; ++week)
    r.holidays.push_back(localDate(start + std::chrono::days(7 * week)));
  EXPECT_EQ(nextOpening(r, start), at("2027-01-04T09:00:00+05:00")) << "53rd Monday";
  for (int week = 52; week < 60; ++week)
    r.holidays.push_back(localDate(start + std::chrono::days(7 * week)));
  EXPECT_EQ(nextOpening(r, start), std::nullopt) << "nothing within 400 days";
}

TEST(Schedule, NextOpeningHonoursAPlannedClose) {
  auto r = officeLine();
  r.closed_at = at("2026-01-05T08:00:00+05:00");
  EXPECT_EQ(nextOpening(r, at("2026-01-05T07:00:00+05:00")), std::nullopt)
      << "closed before the hours began";
  r.closed_at = at("2026-01-05T12:00:00+05:00");
  EXPECT_EQ(nextOpening(r, at("2026-01-05T07:00:00+05:00")), at("2026-01-05T09:00:00+05:00"));
  EXPECT_EQ(nextOpening(r, at("2026-01-05T12:00:00+05:00")), std::nullopt);
}

// Property: nextOpening agrees with a minute-by-minute search using isOpenAt.
TEST(Schedule, NextOpeningMatchesABruteForceSearch) {
  std::mt19937 rng(20260105);
  const Time base = at("2026-01-01T00:00:00+05:00");
  for (int round = 0; round < 200; ++round) {
    Reception r;
    r.kind = ReceptionKind::permanent;
    for (int i = 0; i < int(rng() % 6); ++i) {
      const int from = int(rng() % 1440), to = from + 1 + int(rng() % (1440 - from));
      r.hours.push_back({1 + int(rng() % 7), from, to});
      if (checkHours(r.hours)) r.hours.pop_back(); // keep the hours valid
    }
    for (int i = 0; i < int(rng() % 4); ++i)
      r.holidays.push_back(localDate(base + std::chrono::days(rng() % 14)));
    const Time t = base + std::chrono::milliseconds(rng() % (7ull * 24 * 3600 * 1000));
    std::optional<Time> expected;
    if (isOpenAt(r, t)) expected = t;
    const Time first = std::chrono::ceil<std::chrono::minutes>(t);
    for (Time m = first; !expected && m < first + std::chrono::days(30); m += 1min)
      if (isOpenAt(r, m)) expected = m;
    EXPECT_EQ(nextOpening(r, t), expected) << "round " << round;
  }
}

TEST(Schedule, StatusOfAnEvent) {
  const Time from = at("2026-03-02T10:00:00+05:00"), to = at("2026-03-02T16:00:00+05:00");
  auto r = event(from, to);
  EXPECT_EQ(statusAt(r, from - 1ms), ReceptionStatus::upcoming);
  EXPECT_EQ(statusAt(r, from), ReceptionStatus::open);
  EXPECT_EQ(statusAt(r, to - 1ms), ReceptionStatus::open);
  EXPECT_EQ(statusAt(r, to), ReceptionStatus::closed);
  r.closed_at = from + 1h;
  EXPECT_EQ(statusAt(r, from + 1h), ReceptionStatus::closed);
  r.closed_at = from - 1h;
  EXPECT_EQ(statusAt(r, from - 30min), ReceptionStatus::closed) << "cancelled beforehand";
  EXPECT_EQ(statusAt(r, from - 2h), ReceptionStatus::upcoming);
}

TEST(Schedule, PermanentLineAcceptsQuestionsAtAnyTime) {
  auto r = officeLine();
  EXPECT_EQ(statusAt(r, at("2026-01-10T03:00:00+05:00")), ReceptionStatus::open)
      << "Saturday night: nobody answers, but questions are taken";
  EXPECT_EQ(statusAt(r, at("2024-01-01T00:00:00+05:00")), ReceptionStatus::open);
  r.closed_at = at("2026-02-01T00:00:00+05:00");
  EXPECT_EQ(statusAt(r, at("2026-01-31T23:59:59+05:00")), ReceptionStatus::open);
  EXPECT_EQ(statusAt(r, at("2026-02-01T00:00:00+05:00")), ReceptionStatus::closed);
}

TEST(Schedule, SlotsCoverTheEventAndEndByItsEnd) {
  const Time from = at("2026-03-02T09:00:00+05:00");
  const auto r = event(from, from + 3h, 30);
  const auto all = slots(r, from - 24h);
  ASSERT_EQ(all.size(), 6u);
  EXPECT_EQ(all.front(), from);
  EXPECT_EQ(all.back(), from + 150min) << "11:30–12:00 ends exactly at the end";
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_EQ(all[i] - all[i - 1], 30min);
  EXPECT_EQ(slots(event(from, from + 165min, 30), from).size(), 5u)
      << "11:30 would end after 11:45";
  EXPECT_TRUE(slots(event(from, from + 29min, 30), from).empty());
}

TEST(Schedule, SlotsStartAtTheNextBoundaryAfterNow) {
  const Time from = at("2026-03-02T09:00:00+05:00");
  const auto r = event(from, from + 3h, 30);
  EXPECT_EQ(slots(r, from).front(), from);
  EXPECT_EQ(slots(r, from + 10min).front(), from + 30min);
  EXPECT_EQ(slots(r, from + 30min).front(), from + 30min) << "a boundary is kept";
  EXPECT_EQ(slots(r, from + 30min + 1ms).front(), from + 60min);
  EXPECT_EQ(slots(r, from + 150min).size(), 1u);
  EXPECT_TRUE(slots(r, from + 150min + 1ms).empty());
  EXPECT_TRUE(slots(r, from + 5h).empty());
}

TEST(Schedule, SlotsOnlyForEventsWithSlots) {
  const Time from = at("2026-03-02T09:00:00+05:00");
  EXPECT_TRUE(slots(event(from, from + 3h, 0), from).empty()) << "walk-in only";
  EXPECT_TRUE(slots(event(from, from + 3h, -15), from).empty());
  auto line = officeLine();
  line.slot_minutes = 15;
  EXPECT_TRUE(slots(line, from).empty()) << "permanent lines have no slots";
}

TEST(Schedule, SlotsStopAtAnEarlyCloseAndAtTheLimit) {
  const Time from = at("2026-03-02T09:00:00+05:00");
  auto r = event(from, from + 3h, 30);
  r.closed_at = from + 70min;
  EXPECT_EQ(slots(r, from), (std::vector<Time>{from, from + 30min}));
  r.closed_at.reset();
  EXPECT_EQ(slots(r, from, 2), (std::vector<Time>{from, from + 30min}));
  const auto year = event(from, from + std::chrono::days(365), 1);
  EXPECT_EQ(slots(year, from).size(), kMaxSlots) << "bounded by default";
}

} // namespace kelisim::core::reception
