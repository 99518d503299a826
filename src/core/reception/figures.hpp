// A reception's figures (issue 3): consultations counted by category, kind, region, channel
// and outcome, waits, ratings; the same records as a CSV export; and the estimate of a waiting
// citizen's wait from recent service times. Pure: no I/O, no clock. Not thread-safe; the
// service that owns a reception's queue owns its WaitEstimator.
#pragma once

#include "core/reception/model.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::core::reception {

struct Figures {
  // Consultations that happened (status closed or in_room; phone ones included).
  int served = 0;
  // Served consultations only; keys are the enums' text forms. A panel counts once for each
  // kind it had; a consultation without an outcome yet is not in by_outcome.
  std::map<std::string, int> by_category, by_kind, by_region, by_channel, by_outcome;
  int no_show = 0;
  int abandoned = 0;
  // served_at − created_at in whole seconds, over the records with served_at; percentiles by
  // the nearest-rank method (see nearestRank).
  std::optional<int> wait_median_seconds, wait_p90_seconds;
  // Over every record with a rating.
  std::optional<double> rating_average;
  int ratings = 0;
  // Served consultations and their calls (issue 9): "call" (a call was held), "fell_back"
  // (someone's link fell back to voice or chat), "callback" (a call-back was asked for),
  // "relayed" (TURN carried someone's media); each counts a consultation once. The calls'
  // length in all per consultation, median and p90, in whole minutes (nearest rank).
  std::map<std::string, int> by_call;
  std::optional<int> call_median_minutes, call_p90_minutes;
  bool operator==(const Figures &) const = default;
};

Figures computeFigures(const std::vector<ConsultationRecord> &records);

// Figures anyone may read (a reception's public summary): a count from 1 to
// kSmallestPublicCount - 1 could point at a person (the one citizen from a district, the two
// who did not come), so it is not given (nullopt: "fewer than 5"); nor are waits over fewer
// served, nor an average of fewer ratings. Zeros and larger counts are given as they are.
constexpr int kSmallestPublicCount = 5;
struct PublicFigures {
  std::optional<int> served;
  std::map<std::string, std::optional<int>> by_category, by_kind, by_region, by_channel, by_outcome;
  std::optional<int> no_show, abandoned;
  std::optional<int> wait_median_seconds, wait_p90_seconds;
  std::optional<double> rating_average;
  std::optional<int> ratings;
  std::map<std::string, std::optional<int>> by_call;
  std::optional<int> call_median_minutes, call_p90_minutes;
  bool operator==(const PublicFigures &) const = default;
};
PublicFigures forThePublic(const Figures &figures);

// What figures are made of, in a form that adds up: the tally of a set of consultations is the
// merge of its parts' tallies, and figures() gives exactly what computeFigures gives for the
// whole set (waits and ratings are kept as counts per value, so the median is still one of the
// values). Storage keeps one tally per reception and settled day, so a report over a year
// merges a few hundred tallies instead of reading every consultation.
struct FigureTally {
  int served = 0;
  int no_show = 0;
  int abandoned = 0;
  std::map<std::string, int> by_category, by_kind, by_region, by_channel, by_outcome;
  std::map<int, int> waits;   // whole seconds → consultations that waited that long
  std::map<int, int> ratings; // rating → how many
  std::map<std::string, int> by_call;
  std::map<int, int> call_minutes; // whole minutes of calls → consultations with that much
  void add(const ConsultationRecord &record);
  void merge(const FigureTally &other);
  Figures figures() const;
  bool operator==(const FigureTally &) const = default;
};

// Days since 1970-01-01 UTC, the unit figure tallies are kept in.
std::int64_t dayOf(Time t);
Time startOfDay(std::int64_t day);

// The nearest-rank percentile: sort the n values ascending and take the one at 1-based rank
// ⌈p/100 × n⌉ (rank 1 for p = 0). So the median of 4 values is the 2nd, and every result is
// one of the values. nullopt for no values; p is clamped to [0, 100].
std::optional<int> nearestRank(std::vector<int> values, int percent);

// One header row, then one row per record:
//   ticket_id,reception_id,region,language,category,channel,kinds,status,created_at,
//   served_at,ended_at,wait_seconds,duration_seconds,outcome,rating
// RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted and its quotes
// doubled. kinds are joined by ';', times are RFC 3339 UTC, absent values are empty.
std::string consultationsCsv(const std::vector<ConsultationRecord> &records);

// Estimates a citizen's wait from how long recent consultations of a kind took: the last
// `window` service durations are kept per kind, and a citizen at place p with s specialists
// on duty waits about ⌈p / max(1, s)⌉ × the median of them (nearest rank).
class WaitEstimator {
public:
  static constexpr std::size_t kDefaultWindow = 50;
  // What estimateOrDefault assumes per citizen ahead before any consultation of the kind.
  static constexpr std::chrono::seconds kDefaultPerCitizen = std::chrono::minutes(10);

  explicit WaitEstimator(std::size_t window = kDefaultWindow);

  // A consultation of `kind` took `served_for` (negative counts as zero).
  void record(SpecialistKind kind, std::chrono::seconds served_for);
  // The median of the recent durations of `kind`; nullopt without history.
  std::optional<std::chrono::seconds> typical(SpecialistKind kind) const;
  // The wait of the citizen at 1-based `place` (0: not waiting, so no wait); nullopt without
  // history of `kind`.
  std::optional<std::chrono::seconds> estimate(std::size_t place, SpecialistKind kind,
                                               int specialists_on_duty) const;
  // As estimate, with kDefaultPerCitizen standing in for the median without history.
  std::chrono::seconds estimateOrDefault(std::size_t place, SpecialistKind kind,
                                         int specialists_on_duty) const;

private:
  struct History {
    std::deque<std::chrono::seconds> recent; // oldest first, at most window_
    std::chrono::seconds median{};           // kept current by record()
  };
  std::size_t window_;
  std::map<SpecialistKind, History> history_;
};

} // namespace kelisim::core::reception
