#include "core/time.hpp"

#include <gtest/gtest.h>

namespace kelisim::core {

TEST(Rfc3339, RoundTripsMilliseconds) {
  const Time t = fromMillis(1764079654123);
  EXPECT_EQ(toRfc3339(t), "2025-11-25T14:07:34.123Z");
  EXPECT_EQ(parseRfc3339(toRfc3339(t)), t);
}

TEST(Rfc3339, AppliesOffsets) {
  // Kazakhstan is UTC+5.
  EXPECT_EQ(parseRfc3339("2026-11-25T19:00:00+05:00"), parseRfc3339("2026-11-25T14:00:00Z"));
  EXPECT_EQ(parseRfc3339("2026-11-25T09:00:00-05:00"), parseRfc3339("2026-11-25T14:00:00Z"));
}

TEST(Rfc3339, RejectsMalformed) {
  for (const char *bad : {"", "2026-11-25", "2026-11-25T14:00:00", "2026-13-01T00:00:00Z",
                          "2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T14:00:00Zx",
                          "2026-11-25T14:00:00.Z", "2026-11-25T14:00:00+5:00"})
    EXPECT_FALSE(parseRfc3339(bad)) << bad;
}

using std::chrono::year;

TEST(IsoDate, IsWrittenAsYearMonthDayAndReadBackStrictly) {
  EXPECT_EQ(toIsoDate(year{2024} / 2 / 29), "2024-02-29");
  EXPECT_EQ(toIsoDate(year{987} / 1 / 5), "0987-01-05");
  EXPECT_EQ(parseIsoDate("2024-02-29"), year{2024} / 2 / 29);
  for (const char *bad :
       {"2023-02-29", "2024-13-01", "2024-1-01", "2024-01-1", "20240101", "2024/01/01",
        "2024-01-01T00:00", "+024-01-01", "-024-01-01", "", "2024-0a-01"})
    EXPECT_FALSE(parseIsoDate(bad)) << bad;
}

} // namespace kelisim::core

TEST(KazakhstanDate, TheDateThereAndTheInstantItEnds) {
  using namespace std::chrono;
  const auto t = *kelisim::core::parseRfc3339("2026-03-31T19:00:00Z"); // 00:00 on 1 April there
  EXPECT_EQ(kelisim::core::kazakhstanDate(t), year{2026} / April / 1);
  EXPECT_EQ(kelisim::core::kazakhstanDate(t - milliseconds(1)), year{2026} / March / 31);
  EXPECT_EQ(kelisim::core::kazakhstanDayEnds(year{2026} / March / 31), t);
}
