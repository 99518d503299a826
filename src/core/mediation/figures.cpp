#include "core/mediation/figures.hpp"

#include "core/reception/figures.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace kelisim::core::mediation {

namespace {

constexpr auto kKazakhstanOffset = std::chrono::hours(5); // as deadlines.cpp: no DST

std::chrono::sys_days localDay(Time t) {
  return std::chrono::floor<std::chrono::days>(t + kKazakhstanOffset);
}

std::string orUnknown(const std::string &key) {
  return key.empty() ? std::string("unknown") : key;
}

void addPerformance(PerformanceFigures &p, const std::vector<Obligation> &obligations, Time now) {
  if (obligations.empty()) {
    ++p.settlements_without_obligations;
    return;
  }
  ++p.settlements_with_obligations;
  const auto any = [&](auto pred) {
    return std::any_of(obligations.begin(), obligations.end(), pred);
  };
  if (any([](const Obligation &o) { return o.performed == false; })) {
    ++p.any_not_performed;
  } else if (!any([](const Obligation &o) { return o.performed != true; })) {
    ++p.all_performed;
  } else if (any([&](const Obligation &o) { return !o.performed && o.due <= now; })) {
    ++p.due_unmarked;
  } else {
    ++p.not_due_yet;
  }
}

std::string formatShare(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

std::string jsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
        out += buf;
      } else {
        out += c;
      }
    }
  }
  return out + "\"";
}

std::string jsonNumber(const std::optional<int> &v) {
  return v ? std::to_string(*v) : std::string("null");
}

std::string jsonShare(const Share &s) {
  const auto v = s.value();
  return "{\"numerator\":" + std::to_string(s.numerator) +
         ",\"denominator\":" + std::to_string(s.denominator) +
         ",\"value\":" + (v ? formatShare(*v) : std::string("null")) + "}";
}

std::string jsonCounts(const std::map<std::string, int> &counts) {
  std::string out = "{";
  for (const auto &[key, n] : counts) {
    if (out.size() > 1) out += ',';
    out += jsonString(key) + ":" + std::to_string(n);
  }
  return out + "}";
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

void row(std::string &out, std::string_view metric, std::string_view key, std::string_view value) {
  appendField(out, metric);
  out += ',';
  appendField(out, key);
  out += ',';
  appendField(out, value);
  out += "\r\n";
}

void shareRows(std::string &out, std::string_view metric, const Share &s) {
  const auto v = s.value();
  row(out, metric, "numerator", std::to_string(s.numerator));
  row(out, metric, "denominator", std::to_string(s.denominator));
  row(out, metric, "value", v ? formatShare(*v) : std::string());
}

std::string orEmpty(const std::optional<int> &v) {
  return v ? std::to_string(*v) : std::string();
}

} // namespace

std::optional<double> Share::value() const {
  if (denominator == 0) return std::nullopt;
  return static_cast<double>(numerator) / denominator;
}

CaseFigures figuresOf(const std::vector<Case> &cases, Time from, Time to, Time now) {
  CaseFigures f;
  std::vector<int> days;
  for (const auto &c : cases) {
    if (c.opened_at < from || c.opened_at >= to) continue;
    ++f.opened;
    ++f.by_category[orUnknown(c.category)];
    ++f.by_region[orUnknown(c.region)];
    ++f.by_outcome[c.ending ? std::string(toString(c.ending->ground)) : std::string("open")];
    f.extensions_granted += static_cast<int>(
        std::count_if(c.extensions.begin(), c.extensions.end(),
                      [](const Extension &e) { return e.granted_at.has_value(); }));
    f.child_threat_escalations += static_cast<int>(c.child_threats.size());
    if (!c.started_at) continue;
    ++f.started;
    if (!c.ending) continue;
    ++f.settled_share.denominator;
    if (c.ending->ground != EndGround::settled) continue;
    ++f.settled;
    ++f.settled_share.numerator;
    days.push_back(
        std::max(0, static_cast<int>((localDay(c.ending->at) - localDay(*c.started_at)).count())));
    addPerformance(f.performance, c.settlement.obligations, now);
  }
  f.settlement_days_count = static_cast<int>(days.size());
  f.settlement_days_median = reception::nearestRank(days, 50);
  f.settlement_days_p90 = reception::nearestRank(days, 90);
  auto &p = f.performance;
  p.performed_share = {p.all_performed, p.settlements_with_obligations - p.not_due_yet};
  return f;
}

std::string figuresJson(const CaseFigures &f) {
  const auto &p = f.performance;
  std::string out = "{";
  out += "\"opened\":" + std::to_string(f.opened);
  out += ",\"by_category\":" + jsonCounts(f.by_category);
  out += ",\"by_region\":" + jsonCounts(f.by_region);
  out += ",\"by_outcome\":" + jsonCounts(f.by_outcome);
  out += ",\"started\":" + std::to_string(f.started);
  out += ",\"settled\":" + std::to_string(f.settled);
  out += ",\"settled_share\":" + jsonShare(f.settled_share);
  out += ",\"settlement_days_count\":" + std::to_string(f.settlement_days_count);
  out += ",\"settlement_days_median\":" + jsonNumber(f.settlement_days_median);
  out += ",\"settlement_days_p90\":" + jsonNumber(f.settlement_days_p90);
  out += ",\"performance\":{";
  out += "\"settlements_with_obligations\":" + std::to_string(p.settlements_with_obligations);
  out +=
      ",\"settlements_without_obligations\":" + std::to_string(p.settlements_without_obligations);
  out += ",\"all_performed\":" + std::to_string(p.all_performed);
  out += ",\"any_not_performed\":" + std::to_string(p.any_not_performed);
  out += ",\"due_unmarked\":" + std::to_string(p.due_unmarked);
  out += ",\"not_due_yet\":" + std::to_string(p.not_due_yet);
  out += ",\"performed_share\":" + jsonShare(p.performed_share);
  out += "}";
  out += ",\"extensions_granted\":" + std::to_string(f.extensions_granted);
  out += ",\"child_threat_escalations\":" + std::to_string(f.child_threat_escalations);
  return out + "}";
}

std::string figuresCsv(const CaseFigures &f) {
  const auto &p = f.performance;
  std::string out = "metric,key,value\r\n";
  row(out, "opened", "", std::to_string(f.opened));
  for (const auto &[key, n] : f.by_category) row(out, "by_category", key, std::to_string(n));
  for (const auto &[key, n] : f.by_region) row(out, "by_region", key, std::to_string(n));
  for (const auto &[key, n] : f.by_outcome) row(out, "by_outcome", key, std::to_string(n));
  row(out, "started", "", std::to_string(f.started));
  row(out, "settled", "", std::to_string(f.settled));
  shareRows(out, "settled_share", f.settled_share);
  row(out, "settlement_days", "count", std::to_string(f.settlement_days_count));
  row(out, "settlement_days", "median", orEmpty(f.settlement_days_median));
  row(out, "settlement_days", "p90", orEmpty(f.settlement_days_p90));
  row(out, "settlements_with_obligations", "", std::to_string(p.settlements_with_obligations));
  row(out, "settlements_without_obligations", "",
      std::to_string(p.settlements_without_obligations));
  row(out, "obligations_all_performed", "", std::to_string(p.all_performed));
  row(out, "obligations_any_not_performed", "", std::to_string(p.any_not_performed));
  row(out, "obligations_due_unmarked", "", std::to_string(p.due_unmarked));
  row(out, "obligations_not_due_yet", "", std::to_string(p.not_due_yet));
  shareRows(out, "performed_share", p.performed_share);
  row(out, "extensions_granted", "", std::to_string(f.extensions_granted));
  row(out, "child_threat_escalations", "", std::to_string(f.child_threat_escalations));
  return out;
}

} // namespace kelisim::core::mediation
