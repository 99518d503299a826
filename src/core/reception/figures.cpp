#include "core/reception/figures.hpp"

#include <algorithm>

namespace kelisim::core::reception {

namespace {
bool wasServed(const ConsultationRecord &r) {
  return r.status == TicketStatus::closed || r.status == TicketStatus::in_room;
}

// Whole seconds from arrival to the first specialist; a clock step backwards counts as 0.
std::optional<int> waitSeconds(const ConsultationRecord &r) {
  if (!r.served_at) return std::nullopt;
  const auto wait = std::chrono::floor<std::chrono::seconds>(*r.served_at - r.created_at);
  return static_cast<int>(std::max<std::chrono::seconds::rep>(wait.count(), 0));
}

void count(std::map<std::string, int> &counts, std::string_view key) {
  ++counts[std::string(key)];
}

void appendField(std::string &out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// The 1-based nearest rank of `percent` among n values (n > 0).
std::size_t rankOf(std::size_t n, int percent) {
  const auto p = static_cast<std::size_t>(std::clamp(percent, 0, 100));
  return std::max<std::size_t>((p * n + 99) / 100, 1);
}

// How many consultations the citizen at `place` waits through: ⌈place / specialists⌉.
std::chrono::seconds::rep roundsAhead(std::size_t place, int specialists_on_duty) {
  const auto specialists = static_cast<std::size_t>(std::max(specialists_on_duty, 1));
  return static_cast<std::chrono::seconds::rep>((place + specialists - 1) / specialists);
}

// The value at the nearest rank of `percent` among `n` values given as value → count.
std::optional<int> rankedValue(const std::map<int, int> &counts, std::size_t n, int percent) {
  if (n == 0) return std::nullopt;
  const std::size_t rank = rankOf(n, percent);
  std::size_t seen = 0;
  for (const auto &[value, count] : counts) {
    seen += static_cast<std::size_t>(count);
    if (seen >= rank) return value;
  }
  return std::nullopt;
}

template <typename T> std::string orEmpty(const std::optional<T> &v) {
  return v ? std::to_string(*v) : std::string();
}
} // namespace

std::optional<int> nearestRank(std::vector<int> values, int percent) {
  if (values.empty()) return std::nullopt;
  const std::size_t rank = rankOf(values.size(), percent);
  std::nth_element(values.begin(), values.begin() + (rank - 1), values.end());
  return values[rank - 1];
}

void FigureTally::add(const ConsultationRecord &r) {
  if (auto wait = waitSeconds(r)) ++waits[*wait];
  if (r.rating) ++ratings[*r.rating];
  if (r.status == TicketStatus::no_show) ++no_show;
  if (r.status == TicketStatus::abandoned) ++abandoned;
  if (!wasServed(r)) return;
  ++served;
  count(by_category, r.category);
  count(by_region, r.region);
  count(by_channel, toString(r.channel));
  if (r.outcome) count(by_outcome, toString(*r.outcome));
  std::vector<SpecialistKind> kinds = r.kinds;
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  for (auto kind : kinds) count(by_kind, toString(kind));
  if (!r.call) return;
  count(by_call, "call");
  ++call_minutes[(r.call_seconds + 30) / 60];
  if (r.fell_back) count(by_call, "fell_back");
  if (r.callback) count(by_call, "callback");
  if (r.relayed) count(by_call, "relayed");
}

void FigureTally::merge(const FigureTally &other) {
  served += other.served;
  no_show += other.no_show;
  abandoned += other.abandoned;
  for (auto [mine, theirs] :
       {std::pair{&by_category, &other.by_category}, std::pair{&by_kind, &other.by_kind},
        std::pair{&by_region, &other.by_region}, std::pair{&by_channel, &other.by_channel},
        std::pair{&by_outcome, &other.by_outcome}, std::pair{&by_call, &other.by_call}})
    for (const auto &[key, n] : *theirs) (*mine)[key] += n;
  for (const auto &[minutes, n] : other.call_minutes) call_minutes[minutes] += n;
  for (const auto &[seconds, n] : other.waits) waits[seconds] += n;
  for (const auto &[rating, n] : other.ratings) ratings[rating] += n;
}

Figures FigureTally::figures() const {
  Figures f;
  f.served = served;
  f.no_show = no_show;
  f.abandoned = abandoned;
  f.by_category = by_category;
  f.by_kind = by_kind;
  f.by_region = by_region;
  f.by_channel = by_channel;
  f.by_outcome = by_outcome;
  std::size_t waited = 0;
  for (const auto &[seconds, n] : waits) waited += static_cast<std::size_t>(n);
  f.wait_median_seconds = rankedValue(waits, waited, 50);
  f.wait_p90_seconds = rankedValue(waits, waited, 90);
  long long rating_sum = 0;
  for (const auto &[rating, n] : ratings) {
    f.ratings += n;
    rating_sum += static_cast<long long>(rating) * n;
  }
  if (f.ratings > 0) f.rating_average = static_cast<double>(rating_sum) / f.ratings;
  f.by_call = by_call;
  std::size_t called = 0;
  for (const auto &[minutes, n] : call_minutes) called += static_cast<std::size_t>(n);
  f.call_median_minutes = rankedValue(call_minutes, called, 50);
  f.call_p90_minutes = rankedValue(call_minutes, called, 90);
  return f;
}

PublicFigures forThePublic(const Figures &f) {
  const auto count = [](int n) {
    return n == 0 || n >= kSmallestPublicCount ? std::optional(n) : std::nullopt;
  };
  const auto counts = [&](const std::map<std::string, int> &in) {
    std::map<std::string, std::optional<int>> out;
    for (const auto &[k, n] : in) out[k] = count(n);
    return out;
  };
  PublicFigures p;
  p.served = count(f.served);
  p.by_category = counts(f.by_category);
  p.by_kind = counts(f.by_kind);
  p.by_region = counts(f.by_region);
  p.by_channel = counts(f.by_channel);
  p.by_outcome = counts(f.by_outcome);
  p.no_show = count(f.no_show);
  p.abandoned = count(f.abandoned);
  if (f.served >= kSmallestPublicCount) {
    p.wait_median_seconds = f.wait_median_seconds;
    p.wait_p90_seconds = f.wait_p90_seconds;
  }
  p.ratings = count(f.ratings);
  if (f.ratings >= kSmallestPublicCount) p.rating_average = f.rating_average;
  p.by_call = counts(f.by_call);
  if (auto calls = f.by_call.find("call");
      calls != f.by_call.end() && calls->second >= kSmallestPublicCount) {
    p.call_median_minutes = f.call_median_minutes;
    p.call_p90_minutes = f.call_p90_minutes;
  }
  return p;
}

Figures computeFigures(const std::vector<ConsultationRecord> &records) {
  FigureTally tally;
  for (const auto &r : records) tally.add(r);
  return tally.figures();
}

std::int64_t dayOf(Time t) {
  return std::chrono::floor<std::chrono::days>(t).time_since_epoch().count();
}

Time startOfDay(std::int64_t day) {
  return Time(std::chrono::days(day));
}

std::string consultationsCsv(const std::vector<ConsultationRecord> &records) {
  std::string out = "ticket_id,reception_id,region,language,category,channel,kinds,status,"
                    "created_at,served_at,ended_at,wait_seconds,duration_seconds,outcome,"
                    "rating\r\n";
  for (const auto &r : records) {
    std::string kinds;
    for (auto kind : r.kinds) {
      if (!kinds.empty()) kinds += ';';
      kinds += toString(kind);
    }
    const std::string fields[] = {
        r.ticket_id,
        r.reception_id,
        r.region,
        std::string(toString(r.language)),
        r.category,
        std::string(toString(r.channel)),
        kinds,
        std::string(toString(r.status)),
        toRfc3339(r.created_at),
        r.served_at ? toRfc3339(*r.served_at) : std::string(),
        r.ended_at ? toRfc3339(*r.ended_at) : std::string(),
        orEmpty(waitSeconds(r)),
        std::to_string(r.duration_seconds),
        r.outcome ? std::string(toString(*r.outcome)) : std::string(),
        orEmpty(r.rating),
    };
    bool first = true;
    for (const auto &field : fields) {
      if (!first) out += ',';
      first = false;
      appendField(out, field);
    }
    out += "\r\n";
  }
  return out;
}

WaitEstimator::WaitEstimator(std::size_t window) : window_(std::max<std::size_t>(window, 1)) {}

void WaitEstimator::record(SpecialistKind kind, std::chrono::seconds served_for) {
  auto &h = history_[kind];
  h.recent.push_back(std::max(served_for, std::chrono::seconds::zero()));
  while (h.recent.size() > window_) h.recent.pop_front();
  // At most `window_` values: recomputing here keeps estimate() cheap when every waiting
  // citizen's estimate is refreshed.
  std::vector<std::chrono::seconds> sorted(h.recent.begin(), h.recent.end());
  const std::size_t rank = rankOf(sorted.size(), 50);
  std::nth_element(sorted.begin(), sorted.begin() + (rank - 1), sorted.end());
  h.median = sorted[rank - 1];
}

std::optional<std::chrono::seconds> WaitEstimator::typical(SpecialistKind kind) const {
  auto it = history_.find(kind);
  if (it == history_.end()) return std::nullopt;
  return it->second.median;
}

std::optional<std::chrono::seconds> WaitEstimator::estimate(std::size_t place, SpecialistKind kind,
                                                            int specialists_on_duty) const {
  auto per_citizen = typical(kind);
  if (!per_citizen) return std::nullopt;
  return *per_citizen * roundsAhead(place, specialists_on_duty);
}

std::chrono::seconds WaitEstimator::estimateOrDefault(std::size_t place, SpecialistKind kind,
                                                      int specialists_on_duty) const {
  const auto per_citizen = typical(kind).value_or(kDefaultPerCitizen);
  return per_citizen * roundsAhead(place, specialists_on_duty);
}

} // namespace kelisim::core::reception
