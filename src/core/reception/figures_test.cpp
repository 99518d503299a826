#include "core/reception/figures.hpp"

#include <gtest/gtest.h>

namespace kelisim::core::reception {

using namespace std::chrono_literals;
using K = SpecialistKind;

namespace {
const Time t0 = fromMillis(1'764'000'000'000); // 2025-11-24T16:00:00Z

ConsultationRecord record(std::string id, TicketStatus status, std::vector<K> kinds = {K::lawyer},
                          std::optional<std::chrono::milliseconds> wait = std::nullopt) {
  ConsultationRecord r;
  r.ticket_id = std::move(id);
  r.reception_id = "rec-1";
  r.organisation_id = "org-1";
  r.region = "KZ-71";
  r.category = "family";
  r.kinds = std::move(kinds);
  r.status = status;
  r.created_at = t0;
  if (wait) r.served_at = t0 + *wait;
  return r;
}

ConsultationRecord served(std::string id, std::chrono::milliseconds wait) {
  return record(std::move(id), TicketStatus::closed, {K::lawyer}, wait);
}

// A small RFC 4180 reader, to check the export reads back as written.
std::vector<std::vector<std::string>> readCsv(std::string_view text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.emplace_back(1);
      ++i;
    } else {
      rows.back().back() += c;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quote";
  EXPECT_EQ(rows.back(), std::vector<std::string>(1)) << "the last line ends with CRLF";
  rows.pop_back();
  return rows;
}
} // namespace

TEST(Figures, ThePublicSeesNoCountThatCouldPointAtSomeone) {
  Figures f;
  f.served = 12;
  f.by_region = {{"KZ-71", 9}, {"KZ-75", 3}};
  f.by_kind = {{"lawyer", 12}};
  f.no_show = 1;
  f.abandoned = 0;
  f.wait_median_seconds = 240;
  f.wait_p90_seconds = 600;
  f.rating_average = 4.5;
  f.ratings = 4;
  const auto p = forThePublic(f);
  EXPECT_EQ(p.served, 12);
  EXPECT_EQ(p.by_region.at("KZ-71"), 9);
  EXPECT_EQ(p.by_region.at("KZ-75"), std::nullopt) << "three people from one region";
  EXPECT_EQ(p.by_kind.at("lawyer"), 12);
  EXPECT_EQ(p.no_show, std::nullopt);
  EXPECT_EQ(p.abandoned, 0);
  EXPECT_EQ(p.wait_median_seconds, 240);
  EXPECT_EQ(p.ratings, std::nullopt);
  EXPECT_EQ(p.rating_average, std::nullopt) << "an average of four ratings";
  Figures few;
  few.served = 2;
  few.wait_median_seconds = 60;
  const auto q = forThePublic(few);
  EXPECT_EQ(q.served, std::nullopt);
  EXPECT_EQ(q.wait_median_seconds, std::nullopt);
}

TEST(Figures, NothingToCount) {
  const auto f = computeFigures({});
  EXPECT_EQ(f, Figures{});
  EXPECT_EQ(f.served, 0);
  EXPECT_FALSE(f.wait_median_seconds);
  EXPECT_FALSE(f.wait_p90_seconds);
  EXPECT_FALSE(f.rating_average);
  EXPECT_EQ(f.ratings, 0);
}

TEST(Figures, ServedConsultationsAreCountedByEveryDimension) {
  auto a = record("a", TicketStatus::closed, {K::lawyer}, 60s);
  a.outcome = Outcome::advice_given;
  auto b = record("b", TicketStatus::in_room, {K::doctor}, 120s);
  b.channel = Channel::video;
  b.category = "health";
  b.region = "KZ-75";
  auto phone = record("phone", TicketStatus::closed, {K::anticorruption}, 0s);
  phone.channel = Channel::phone;
  phone.outcome = Outcome::referred_to_court;
  phone.category = "corruption";
  auto panel = record("panel", TicketStatus::closed, {K::lawyer, K::psychologist}, 30s);
  panel.outcome = Outcome::advice_given;
  auto twice = record("twice", TicketStatus::closed, {K::lawyer, K::lawyer}, 30s);

  const auto f = computeFigures({a, b, phone, panel, twice});
  EXPECT_EQ(f.served, 5);
  EXPECT_EQ(f.by_category,
            (std::map<std::string, int>{{"corruption", 1}, {"family", 3}, {"health", 1}}));
  EXPECT_EQ(f.by_kind,
            (std::map<std::string, int>{
                {"anticorruption", 1}, {"doctor", 1}, {"lawyer", 3}, {"psychologist", 1}}))
      << "a panel counts each kind once; a kind listed twice counts once";
  EXPECT_EQ(f.by_region, (std::map<std::string, int>{{"KZ-71", 4}, {"KZ-75", 1}}));
  EXPECT_EQ(f.by_channel, (std::map<std::string, int>{{"chat", 3}, {"phone", 1}, {"video", 1}}));
  EXPECT_EQ(f.by_outcome,
            (std::map<std::string, int>{{"advice_given", 2}, {"referred_to_court", 1}}))
      << "in_room and unrecorded outcomes are left out";
  EXPECT_EQ(f.no_show, 0);
  EXPECT_EQ(f.abandoned, 0);
}

TEST(Figures, NoShowsAndAbandonedAreCountedApart) {
  const auto f = computeFigures({
      record("served", TicketStatus::closed),
      record("gone", TicketStatus::abandoned, {K::judge}),
      record("gone-too", TicketStatus::abandoned, {K::judge}),
      record("absent", TicketStatus::no_show, {K::doctor}),
      record("waiting", TicketStatus::waiting, {K::mediator}),
      record("deferred", TicketStatus::deferred, {K::mediator}),
      record("scheduled", TicketStatus::scheduled, {K::mediator}),
  });
  EXPECT_EQ(f.served, 1);
  EXPECT_EQ(f.abandoned, 2);
  EXPECT_EQ(f.no_show, 1);
  EXPECT_EQ(f.by_kind, (std::map<std::string, int>{{"lawyer", 1}}));
  EXPECT_EQ(f.by_category, (std::map<std::string, int>{{"family", 1}}));
  EXPECT_EQ(f.by_channel, (std::map<std::string, int>{{"chat", 1}}));
  EXPECT_EQ(f.by_region, (std::map<std::string, int>{{"KZ-71", 1}}));
}

TEST(Figures, NearestRankPercentiles) {
  EXPECT_EQ(nearestRank({}, 50), std::nullopt);
  EXPECT_EQ(nearestRank({7}, 50), 7);
  EXPECT_EQ(nearestRank({7}, 90), 7);
  EXPECT_EQ(nearestRank({40, 10, 30, 20}, 50), 20) << "rank ⌈0.5 × 4⌉ = 2";
  EXPECT_EQ(nearestRank({40, 10, 30, 20}, 90), 40) << "rank ⌈0.9 × 4⌉ = 4";
  EXPECT_EQ(nearestRank({5, 1, 4, 2, 3}, 50), 3);
  std::vector<int> hundred;
  for (int i = 100; i >= 1; --i) hundred.push_back(i);
  EXPECT_EQ(nearestRank(hundred, 90), 90);
  EXPECT_EQ(nearestRank(hundred, 91), 91);
  EXPECT_EQ(nearestRank(hundred, 0), 1);
  EXPECT_EQ(nearestRank(hundred, 100), 100);
  EXPECT_EQ(nearestRank(hundred, -5), 1) << "clamped";
  EXPECT_EQ(nearestRank(hundred, 250), 100) << "clamped";
}

TEST(Figures, WaitsInWholeSecondsByNearestRank) {
  std::vector<ConsultationRecord> records;
  for (int i = 1; i <= 10; ++i)
    records.push_back(served("t" + std::to_string(i), std::chrono::seconds(i * 10) + 999ms));
  records.push_back(record("unserved", TicketStatus::closed)); // no served_at: no wait
  const auto f = computeFigures(records);
  EXPECT_EQ(f.wait_median_seconds, 50) << "10.999 s counts as 10 s; rank 5 of 10";
  EXPECT_EQ(f.wait_p90_seconds, 90) << "rank 9 of 10";
  EXPECT_EQ(f.served, 11);
}

TEST(Figures, WaitsOfOneAndOfAClockStepBack) {
  auto f = computeFigures({served("one", 42s)});
  EXPECT_EQ(f.wait_median_seconds, 42);
  EXPECT_EQ(f.wait_p90_seconds, 42);
  f = computeFigures({served("skewed", -3s)});
  EXPECT_EQ(f.wait_median_seconds, 0) << "never negative";
}

TEST(Figures, RatingsAverageOverRatedRecords) {
  auto a = served("a", 1s), b = served("b", 1s), c = served("c", 1s);
  a.rating = 4;
  b.rating = 5;
  auto gone = record("gone", TicketStatus::abandoned);
  gone.rating = 1;
  auto f = computeFigures({a, b, c});
  EXPECT_EQ(f.ratings, 2);
  ASSERT_TRUE(f.rating_average);
  EXPECT_DOUBLE_EQ(*f.rating_average, 4.5);
  f = computeFigures({a, b, c, gone});
  EXPECT_EQ(f.ratings, 3) << "a citizen who gave up may still rate the reception";
  EXPECT_DOUBLE_EQ(*f.rating_average, 10.0 / 3);
  EXPECT_FALSE(computeFigures({c}).rating_average);
}

TEST(Figures, CallsAreCountedOncePerServedConsultationWithTheirLength) {
  auto a = record("a", TicketStatus::closed, {K::lawyer}, std::nullopt);
  a.call = true;
  a.call_seconds = 89; // 1.48 min: counted as 1
  a.fell_back = true;
  a.relayed = true;
  auto b = record("b", TicketStatus::closed, {K::lawyer}, std::nullopt);
  b.call = true;
  b.call_seconds = 600;
  b.callback = true;
  auto c = record("c", TicketStatus::closed, {K::lawyer}, std::nullopt); // chat only
  auto d = record("d", TicketStatus::no_show, {K::lawyer}, std::nullopt);
  d.call = true; // not served: not counted
  const Figures f = computeFigures({a, b, c, d});
  EXPECT_EQ(f.by_call, (std::map<std::string, int>{
                           {"call", 2}, {"fell_back", 1}, {"callback", 1}, {"relayed", 1}}));
  EXPECT_EQ(f.call_median_minutes, 1);
  EXPECT_EQ(f.call_p90_minutes, 10);
  // Fewer than five calls: the public sees neither the counts nor the length.
  const PublicFigures p = forThePublic(f);
  EXPECT_EQ(p.by_call.at("call"), std::nullopt);
  EXPECT_EQ(p.call_median_minutes, std::nullopt);
}

TEST(FigureTally, MergedPartsGiveTheFiguresOfTheWhole) {
  // A varied set: every status, several kinds, waits that repeat, ratings, outcomes.
  std::vector<ConsultationRecord> all;
  const TicketStatus statuses[] = {TicketStatus::closed, TicketStatus::in_room,
                                   TicketStatus::no_show, TicketStatus::abandoned};
  for (int i = 0; i < 97; ++i) {
    auto r = record("t" + std::to_string(i), statuses[i % 4],
                    i % 3 ? std::vector<K>{K::lawyer} : std::vector<K>{K::mediator, K::lawyer},
                    i % 4 < 2 ? std::optional(std::chrono::milliseconds((i * 37 % 11) * 1000 + 5))
                              : std::nullopt);
    r.region = i % 2 ? "KZ-71" : "KZ-75";
    r.category = i % 5 ? "family" : "labour";
    if (i % 4 == 0) r.outcome = i % 8 ? Outcome::advice_given : Outcome::referred_to_court;
    if (i % 3 == 0) r.rating = 1 + i % 5;
    if (i % 2 == 0) {
      r.call = true;
      r.call_seconds = (i * 53) % 1800;
      r.fell_back = i % 6 == 0;
      r.relayed = i % 10 == 0;
    }
    all.push_back(std::move(r));
  }
  FigureTally merged;
  for (std::size_t first = 0; first < all.size(); first += 10) {
    FigureTally part;
    for (std::size_t i = first; i < std::min(all.size(), first + 10); ++i) part.add(all[i]);
    merged.merge(part);
  }
  const Figures whole = computeFigures(all);
  EXPECT_EQ(merged.figures(), whole);
  EXPECT_GT(whole.served, 0);
  EXPECT_TRUE(whole.wait_p90_seconds);
  EXPECT_TRUE(whole.rating_average);
  EXPECT_GT(whole.by_call.at("call"), 0);
  EXPECT_TRUE(whole.call_p90_minutes);
  EXPECT_EQ(FigureTally().figures(), Figures());
}

TEST(FigureTally, DaysAreUtc) {
  EXPECT_EQ(dayOf(fromMillis(0)), 0);
  EXPECT_EQ(dayOf(fromMillis(86'399'999)), 0);
  EXPECT_EQ(dayOf(fromMillis(86'400'000)), 1);
  EXPECT_EQ(dayOf(fromMillis(-1)), -1);
  EXPECT_EQ(startOfDay(dayOf(t0)), fromMillis(1'763'942'400'000)); // 2025-11-24T00:00:00Z
}

TEST(Figures, CsvHeaderAndARowOfEveryColumn) {
  auto r = record("tk-1", TicketStatus::closed, {K::lawyer, K::psychologist}, 95'500ms);
  r.language = Language::kk;
  r.channel = Channel::phone;
  r.ended_at = t0 + 20min;
  r.outcome = Outcome::referred_to_mediation;
  r.duration_seconds = 1100;
  r.rating = 5;
  EXPECT_EQ(consultationsCsv({r}),
            "ticket_id,reception_id,region,language,category,channel,kinds,status,created_at,"
            "served_at,ended_at,wait_seconds,duration_seconds,outcome,rating\r\n"
            "tk-1,rec-1,KZ-71,kk,family,phone,lawyer;psychologist,closed,"
            "2025-11-24T16:00:00.000Z,2025-11-24T16:01:35.500Z,2025-11-24T16:20:00.000Z,95,1100,"
            "referred_to_mediation,5\r\n");
}

TEST(Figures, CsvLeavesAbsentValuesEmpty) {
  const auto r = record("tk-2", TicketStatus::abandoned, {});
  EXPECT_EQ(consultationsCsv({r}).substr(consultationsCsv({}).size()),
            "tk-2,rec-1,KZ-71,ru,family,chat,,abandoned,2025-11-24T16:00:00.000Z,,,,0,,\r\n");
  EXPECT_EQ(readCsv(consultationsCsv({})).size(), 1u) << "only the header";
}

TEST(Figures, CsvQuotesHostileValues) {
  auto r = served("tk-3", 1s);
  r.category = "a,b \"quoted\"\r\nnext line";
  r.region = "\"";
  r.reception_id = "line\nfeed";
  r.ticket_id = "carriage\rreturn";
  auto plain = served("tk-4", 2s);
  plain.category = "=1+1 no comma"; // kept as is: RFC 4180 only
  const auto csv = consultationsCsv({r, plain});
  EXPECT_NE(csv.find("\"a,b \"\"quoted\"\"\r\nnext line\""), std::string::npos);
  EXPECT_NE(csv.find(",\"\"\"\","), std::string::npos) << "a lone quote";
  const auto rows = readCsv(csv);
  ASSERT_EQ(rows.size(), 3u);
  for (const auto &row : rows) EXPECT_EQ(row.size(), 15u);
  EXPECT_EQ(rows[1][0], r.ticket_id);
  EXPECT_EQ(rows[1][1], r.reception_id);
  EXPECT_EQ(rows[1][2], r.region);
  EXPECT_EQ(rows[1][4], r.category);
  EXPECT_EQ(rows[2][4], plain.category);
  EXPECT_EQ(rows[2][11], "2");
}

TEST(WaitEstimator, NothingKnownWithoutHistory) {
  WaitEstimator w;
  EXPECT_EQ(w.typical(K::lawyer), std::nullopt);
  EXPECT_EQ(w.estimate(3, K::lawyer, 1), std::nullopt);
  EXPECT_EQ(w.estimateOrDefault(3, K::lawyer, 1), 30min);
  EXPECT_EQ(w.estimateOrDefault(3, K::lawyer, 2), 20min) << "⌈3 / 2⌉ rounds of 10 minutes";
}

TEST(WaitEstimator, PlaceDividedAmongSpecialistsTimesTheMedian) {
  WaitEstimator w;
  for (auto d : {10min, 20min, 12min}) w.record(K::lawyer, d);
  EXPECT_EQ(w.typical(K::lawyer), 12min);
  EXPECT_EQ(w.estimate(1, K::lawyer, 1), 12min);
  EXPECT_EQ(w.estimate(5, K::lawyer, 1), 60min);
  EXPECT_EQ(w.estimate(5, K::lawyer, 2), 36min) << "⌈5 / 2⌉ = 3";
  EXPECT_EQ(w.estimate(4, K::lawyer, 2), 24min);
  EXPECT_EQ(w.estimate(5, K::lawyer, 0), 60min) << "nobody on duty counts as one";
  EXPECT_EQ(w.estimate(5, K::lawyer, -3), 60min);
  EXPECT_EQ(w.estimate(0, K::lawyer, 1), 0s) << "not waiting";
  EXPECT_EQ(w.estimateOrDefault(5, K::lawyer, 1), 60min) << "history beats the default";
  EXPECT_EQ(w.estimate(1, K::doctor, 1), std::nullopt) << "kinds are apart";
}

TEST(WaitEstimator, MedianIsNearestRankOfTheRecentWindow) {
  WaitEstimator w(/*window=*/4);
  for (auto d : {1min, 2min, 3min, 4min}) w.record(K::doctor, d);
  EXPECT_EQ(w.typical(K::doctor), 2min) << "rank 2 of 4";
  w.record(K::doctor, 30min); // 1 min leaves: {2, 3, 4, 30}
  EXPECT_EQ(w.typical(K::doctor), 3min);
  for (int i = 0; i < 4; ++i) w.record(K::doctor, 7min);
  EXPECT_EQ(w.typical(K::doctor), 7min) << "old durations are forgotten";
}

TEST(WaitEstimator, DefaultWindowIsFifty) {
  WaitEstimator w;
  for (int i = 0; i < 50; ++i) w.record(K::judge, 1h);
  for (int i = 0; i < 26; ++i) w.record(K::judge, 5min);
  EXPECT_EQ(w.typical(K::judge), 5min) << "26 of the last 50 are short";
  WaitEstimator one(0);
  one.record(K::judge, 1min);
  one.record(K::judge, 9min);
  EXPECT_EQ(one.typical(K::judge), 9min) << "a window of 0 keeps one";
}

TEST(WaitEstimator, NegativeDurationsCountAsZero) {
  WaitEstimator w;
  w.record(K::mediator, -5s);
  EXPECT_EQ(w.typical(K::mediator), 0s);
  EXPECT_EQ(w.estimate(10, K::mediator, 1), 0s);
}

} // namespace kelisim::core::reception
