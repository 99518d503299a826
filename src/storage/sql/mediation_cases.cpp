#include "storage/sql/mediation_cases.hpp"

#include "storage/mediation_case_codec.hpp"

#include <charconv>

namespace kelisim::storage::sql {

namespace md = core::mediation;
using core::Error;
using core::ErrorCode;
using core::Task;

namespace {

constexpr const char *kGetCase = "SELECT version, body FROM mediation_cases WHERE id = ?";
#define KELISIM_SUMMARY_COLUMNS                                                                    \
  "SELECT id, stage, source, category, opened_at, started_at, ended_at, ending_ground "            \
  "FROM mediation_cases "
constexpr const char *kCasesOf =
    KELISIM_SUMMARY_COLUMNS "WHERE id IN (SELECT case_id FROM mediation_case_people "
                            "WHERE user_id = ?) ORDER BY opened_at DESC, id DESC";
// Parameters: stage (twice), from (twice), to (twice), limit. A NULL filter holds for every row.
constexpr const char *kSummaries =
    KELISIM_SUMMARY_COLUMNS "WHERE (CAST(? AS TEXT) IS NULL OR stage = ?) "
                            "AND (CAST(? AS BIGINT) IS NULL OR opened_at >= ?) "
                            "AND (CAST(? AS BIGINT) IS NULL OR opened_at < ?) "
                            "ORDER BY opened_at DESC, id DESC LIMIT ?";
#undef KELISIM_SUMMARY_COLUMNS
// Parameters: after id, limit. By the primary key, so a page costs its own rows.
constexpr const char *kCasesForClock =
    "SELECT id, version, body FROM mediation_cases "
    "WHERE (stage IN ('inviting', 'running') OR (stage = 'ended' AND ending_ground = 'settled')) "
    "AND id > ? ORDER BY id LIMIT ?";

const std::string &text(const Row &row, std::size_t i) {
  static const std::string kEmpty;
  return row.at(i) ? *row[i] : kEmpty;
}
std::int64_t integer(const Row &row, std::size_t i) {
  const auto &t = text(row, i);
  std::int64_t n = 0;
  std::from_chars(t.data(), t.data() + t.size(), n);
  return n;
}
std::optional<core::Time> optionalTime(const Row &row, std::size_t i) {
  if (!row.at(i)) return std::nullopt;
  return core::fromMillis(integer(row, i));
}

core::CaseSummary summaryOf(const Row &r) {
  core::CaseSummary s;
  s.id = text(r, 0);
  s.stage = md::parseCaseStage(text(r, 1)).value_or(md::CaseStage::screening);
  s.source = md::parseSource(text(r, 2)).value_or(md::Source::party);
  s.category = text(r, 3);
  s.opened_at = core::fromMillis(integer(r, 4));
  s.started_at = optionalTime(r, 5);
  s.ended_at = optionalTime(r, 6);
  if (r.at(7)) s.ending_ground = md::parseEndGround(*r[7]);
  return s;
}

Task<std::vector<core::CaseSummary>> summaries(RowSource &db, Statement s) {
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  std::vector<core::CaseSummary> out;
  out.reserve(rows->size());
  for (const auto &r : *rows) out.push_back(summaryOf(r));
  co_return out;
}

Value optionalMillis(const std::optional<core::Time> &t) {
  return value(t);
}

} // namespace

Task<core::CaseRecord> getCase(RowSource &db, std::string id) {
  Statement s{kGetCase, {std::move(id)}};
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return ErrorCode::not_found;
  const Row &row = rows->front();
  auto c = decodeCase(text(row, 1));
  if (!c) co_return c.error();
  co_return core::CaseRecord{std::move(c).value(), integer(row, 0)};
}

Task<std::vector<core::CaseSummary>> listCasesOf(RowSource &db, std::string user_id) {
  Statement s{kCasesOf, {std::move(user_id)}};
  auto out = co_await summaries(db, std::move(s));
  co_return out;
}

Task<std::vector<core::CaseSummary>> listCaseSummaries(RowSource &db, core::CaseQuery query) {
  std::optional<std::string> stage;
  if (query.stage) stage = std::string(md::toString(*query.stage));
  Statement s{kSummaries,
              {value(stage), value(stage), optionalMillis(query.from), optionalMillis(query.from),
               optionalMillis(query.to), optionalMillis(query.to),
               static_cast<std::int64_t>(query.limit)}};
  auto out = co_await summaries(db, std::move(s));
  co_return out;
}

Task<std::vector<core::CaseRecord>> listCasesForClock(RowSource &db, std::string after_id,
                                                      int limit) {
  Statement s{kCasesForClock, {std::move(after_id), static_cast<std::int64_t>(limit)}};
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  std::vector<core::CaseRecord> out;
  out.reserve(rows->size());
  for (const auto &row : *rows) {
    auto c = decodeCase(text(row, 2));
    if (!c) co_return c.error();
    out.push_back({std::move(c).value(), integer(row, 1)});
  }
  co_return out;
}

} // namespace kelisim::storage::sql
