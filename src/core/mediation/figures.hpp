// A mediation service's figures (issue 10, Art. 8 of the Law "On Mediation"): the cases
// opened in a period counted by category, region and outcome, how many started and settled,
// the days to a settlement, how settlements were performed, extensions and child-threat
// escalations. Aggregates only: nothing in CaseFigures or its text forms names a party, a
// representative, a mediator, a subject or a case (figures_test.cpp checks it). Pure: no I/O,
// no clock (`now` is an argument); plain values, safe from any thread.
#pragma once

#include "core/mediation/model.hpp"
#include "core/time.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::core::mediation {

// A share given with what it is made of, so a reader sees "3 of 4" and never a division by
// zero: value() is none when the denominator is 0.
struct Share {
  int numerator = 0;
  int denominator = 0;
  std::optional<double> value() const;
  bool operator==(const Share &) const = default;
};

// How the settled cases' obligations (Art. 27) were performed, as last marked by the parties.
// Each settlement with obligations falls in exactly one of the four, checked in this order:
//   any_not_performed  an obligation is marked not performed;
//   all_performed      every obligation is marked performed;
//   due_unmarked       an obligation's due time has passed (≤ now) and it is not marked;
//   not_due_yet        the rest: what is not marked yet is not due yet.
// performed_share = all_performed over the settlements that can be judged (all but
// not_due_yet).
struct PerformanceFigures {
  int settlements_with_obligations = 0;
  int settlements_without_obligations = 0;
  int all_performed = 0;
  int any_not_performed = 0;
  int due_unmarked = 0;
  int not_due_yet = 0;
  Share performed_share;
  bool operator==(const PerformanceFigures &) const = default;
};

struct CaseFigures {
  int opened = 0; // cases opened in [from, to)
  // Each opened case once. Keys: the case's category and region as kept ("unknown" when
  // empty); by_outcome: EndGround's words (model.hpp's toString), "open" for a case not ended.
  std::map<std::string, int> by_category, by_region, by_outcome;
  int started = 0; // the contract concluded (Art. 20 p.5)
  int settled = 0; // ended "settled" (Art. 26 p.1 sp.1)
  // settled over the cases that started and ended (on any ground).
  Share settled_share;
  // Calendar days in Kazakhstan's time (UTC+5) from the day the mediation started to the day
  // the settlement was signed (same day: 0), over the settled cases; nearest-rank percentiles
  // as the reception's figures (reception::nearestRank).
  int settlement_days_count = 0;
  std::optional<int> settlement_days_median, settlement_days_p90;
  PerformanceFigures performance;
  // Over the cases counted: every extension granted (Art. 23 p.2), and every threat to a
  // child recorded (Art. 25) — a count only, never by region or category.
  int extensions_granted = 0;
  int child_threat_escalations = 0;
  bool operator==(const CaseFigures &) const = default;
};

// The figures of the cases opened in [from, to); `now` judges whether an obligation is due.
CaseFigures figuresOf(const std::vector<Case> &cases, Time from, Time to, Time now);

// The figures as one JSON object (keys as CaseFigures' fields; a share as
// {"numerator","denominator","value"} with value null when undefined; absent figures null).
std::string figuresJson(const CaseFigures &figures);

// The figures as CSV: a header "metric,key,value", then one row per figure; key is empty for
// a figure that is one number, the category/region/outcome for the counts, "count",
// "median", "p90" for the days to settlement (an absent one an empty value), and
// "numerator", "denominator", "value" for a share (value with 4 decimals, empty when
// undefined). RFC 4180: CRLF line ends, a field with a comma,
// quote, CR or LF quoted and its quotes doubled.
std::string figuresCsv(const CaseFigures &figures);

} // namespace kelisim::core::mediation
