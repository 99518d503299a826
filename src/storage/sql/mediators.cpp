#include "storage/sql/mediators.hpp"

#include <charconv>
#include <cstdio>

namespace kelisim::storage::sql {

namespace md = core::mediation;
using core::ErrorCode;
using core::Task;

namespace {

// The mediators picked (a CTE named `picked`) come back with their lists in one statement:
// each mediator's row (tag 0), then its specialisations (1), languages (2) and regions (3) in
// their order, mediators by name then id. Columns: name, id, tag, position, list value, then
// the row's own: user_id, kind, keeper, certificate_number, certificate_date, status,
// status_since, status_reason (NULL on list rows).
#define KELISIM_MEDIATOR_PICKED                                                                    \
  "WITH picked AS (SELECT m.id, m.user_id, m.name, m.kind, m.keeper, m.certificate_number, "       \
  "m.certificate_date, m.status, m.status_since, m.status_reason FROM mediators m "
#define KELISIM_MEDIATOR_LIST(tag, table, column)                                                  \
  "UNION ALL SELECT p.name, p.id, " tag ", x.position, x." column                                  \
  ", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM picked p JOIN " table                     \
  " x ON x.mediator_id = p.id "
#define KELISIM_MEDIATOR_ROWS                                                                      \
  "SELECT p.name, p.id, 0, 0, NULL, p.user_id, p.kind, p.keeper, p.certificate_number, "           \
  "p.certificate_date, p.status, p.status_since, p.status_reason FROM picked p "
#define KELISIM_MEDIATOR_SPECIALISATIONS                                                           \
  KELISIM_MEDIATOR_LIST("1", "mediator_specialisations", "specialisation")
#define KELISIM_MEDIATOR_LANGUAGES KELISIM_MEDIATOR_LIST("2", "mediator_languages", "language")
#define KELISIM_MEDIATOR_REGIONS KELISIM_MEDIATOR_LIST("3", "mediator_regions", "region")
#define KELISIM_MEDIATOR_READ                                                                      \
  KELISIM_MEDIATOR_ROWS KELISIM_MEDIATOR_SPECIALISATIONS KELISIM_MEDIATOR_LANGUAGES                \
      KELISIM_MEDIATOR_REGIONS "ORDER BY 1, 2, 3, 4"
constexpr const char *kGetMediator =
    KELISIM_MEDIATOR_PICKED "WHERE m.id = ?) " KELISIM_MEDIATOR_READ;
constexpr const char *kMediatorByUser =
    KELISIM_MEDIATOR_PICKED "WHERE m.user_id = ?) " KELISIM_MEDIATOR_READ;
// Parameters: region, language, specialisation, kind, status (each twice), limit. A NULL
// filter holds for every row; a list filter is a probe of its (mediator_id, value) key.
constexpr const char *kListMediators = KELISIM_MEDIATOR_PICKED
    "WHERE (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM mediator_regions x "
    "WHERE x.mediator_id = m.id AND x.region = ?)) "
    "AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM mediator_languages x "
    "WHERE x.mediator_id = m.id AND x.language = ?)) "
    "AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM mediator_specialisations x "
    "WHERE x.mediator_id = m.id AND x.specialisation = ?)) "
    "AND (CAST(? AS TEXT) IS NULL OR m.kind = ?) "
    "AND (CAST(? AS TEXT) IS NULL OR m.status = ?) "
    "ORDER BY m.name, m.id LIMIT ?) " KELISIM_MEDIATOR_READ;
#undef KELISIM_MEDIATOR_READ
#undef KELISIM_MEDIATOR_REGIONS
#undef KELISIM_MEDIATOR_LANGUAGES
#undef KELISIM_MEDIATOR_SPECIALISATIONS
#undef KELISIM_MEDIATOR_ROWS
#undef KELISIM_MEDIATOR_LIST
#undef KELISIM_MEDIATOR_PICKED

constexpr const char *kInsertMediator =
    "INSERT INTO mediators (id, user_id, name, kind, keeper, certificate_number, "
    "certificate_date, status, status_since, status_reason, created_at, updated_at) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kUpdateMediator =
    "UPDATE mediators SET user_id = ?, name = ?, kind = ?, keeper = ?, certificate_number = ?, "
    "certificate_date = ?, status = ?, status_since = ?, status_reason = ?, updated_at = ? "
    "WHERE id = ?";
constexpr const char *kDeleteSpecialisations =
    "DELETE FROM mediator_specialisations WHERE mediator_id = ?";
constexpr const char *kInsertSpecialisation =
    "INSERT INTO mediator_specialisations (mediator_id, position, specialisation) VALUES "
    "(?, ?, ?)";
constexpr const char *kDeleteLanguages = "DELETE FROM mediator_languages WHERE mediator_id = ?";
constexpr const char *kInsertLanguage =
    "INSERT INTO mediator_languages (mediator_id, position, language) VALUES (?, ?, ?)";
constexpr const char *kDeleteRegions = "DELETE FROM mediator_regions WHERE mediator_id = ?";
constexpr const char *kInsertRegion =
    "INSERT INTO mediator_regions (mediator_id, position, region) VALUES (?, ?, ?)";

enum Column {
  kName,
  kId,
  kTag,
  kPosition,
  kValue,
  kUserId,
  kKind,
  kKeeper,
  kNumber,
  kDate,
  kStatus,
  kSince,
  kReason
};
enum Tag { kRow = 0, kSpecialisation = 1, kLanguage = 2, kRegion = 3 };

const std::string &text(const Row &row, std::size_t i) {
  static const std::string kEmpty;
  return row.at(i) ? *row[i] : kEmpty;
}

std::optional<md::Date> optionalDate(const Row &row, std::size_t i) {
  if (!row.at(i)) return std::nullopt;
  return core::parseIsoDate(*row[i]);
}

md::Mediator mediatorOf(const Row &r) {
  md::Mediator m;
  m.id = text(r, kId);
  m.user_id = r.at(kUserId);
  m.name = text(r, kName);
  m.kind = md::parseMediatorKind(text(r, kKind)).value_or(md::MediatorKind::professional);
  m.keeper = text(r, kKeeper);
  if (r.at(kNumber))
    m.certificate = md::Certificate{*r[kNumber], optionalDate(r, kDate).value_or(md::Date{})};
  m.status = md::parseMediatorStatus(text(r, kStatus)).value_or(md::MediatorStatus::active);
  m.status_since = optionalDate(r, kSince);
  m.status_reason = text(r, kReason);
  return m;
}

// The rows of a KELISIM_MEDIATOR_READ statement, as mediators in their order.
std::vector<md::Mediator> mediatorsOf(const Rows &rows) {
  std::vector<md::Mediator> out;
  for (const auto &r : rows) {
    const int tag = std::stoi(text(r, kTag));
    if (tag == kRow) {
      out.push_back(mediatorOf(r));
      continue;
    }
    if (out.empty() || out.back().id != text(r, kId)) continue; // ordered: cannot happen
    auto &m = out.back();
    const std::string &v = text(r, kValue);
    if (tag == kSpecialisation) {
      if (auto s = md::parseSpecialisation(v)) m.specialisations.push_back(*s);
    } else if (tag == kLanguage) {
      if (auto l = core::parseLanguage(v)) m.languages.push_back(*l);
    } else if (tag == kRegion) {
      m.regions.push_back(v);
    }
  }
  return out;
}

Task<md::Mediator> oneMediator(RowSource &db, Statement statement) {
  auto rows = co_await db.selectRows(std::move(statement));
  if (!rows) co_return rows.error();
  auto found = mediatorsOf(*rows);
  if (found.empty()) co_return ErrorCode::not_found;
  co_return std::move(found.front());
}

// An enum filter's text form (toString found by argument-dependent lookup), or NULL.
template <typename E> Value word(const std::optional<E> &v) {
  if (!v) return std::monostate{};
  return std::string(toString(*v));
}

std::string str(std::string_view v) {
  return std::string(v);
}

} // namespace

Task<md::Mediator> getMediator(RowSource &db, std::string id) {
  Statement s{kGetMediator, {std::move(id)}};
  co_return co_await oneMediator(db, std::move(s));
}

Task<md::Mediator> findMediatorByUser(RowSource &db, std::string user_id) {
  Statement s{kMediatorByUser, {std::move(user_id)}};
  co_return co_await oneMediator(db, std::move(s));
}

Task<std::vector<md::Mediator>> listMediators(RowSource &db, core::MediatorQuery query) {
  const Value region = value(query.region);
  const Value language = word(query.language);
  const Value specialisation = word(query.specialisation);
  const Value kind = word(query.kind);
  const Value status = word(query.status);
  Statement s{kListMediators,
              {region, region, language, language, specialisation, specialisation, kind, kind,
               status, status, static_cast<std::int64_t>(query.limit)}};
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  co_return mediatorsOf(*rows);
}

void mediatorStatements(const core::MediatorSaved &change, std::vector<Statement> &out) {
  const auto &m = change.mediator;
  std::optional<std::string> number, date, since;
  if (m.certificate) {
    number = m.certificate->number;
    date = core::toIsoDate(m.certificate->date);
  }
  if (m.status_since) since = core::toIsoDate(*m.status_since);
  if (change.created)
    out.push_back({kInsertMediator,
                   {m.id, value(m.user_id), m.name, str(md::toString(m.kind)), m.keeper,
                    value(number), value(date), str(md::toString(m.status)), value(since),
                    m.status_reason, value(change.at), value(change.at)}});
  else
    out.push_back(
        {kUpdateMediator,
         {value(m.user_id), m.name, str(md::toString(m.kind)), m.keeper, value(number), value(date),
          str(md::toString(m.status)), value(since), m.status_reason, value(change.at), m.id}});
  out.push_back({kDeleteSpecialisations, {m.id}});
  for (std::size_t i = 0; i < m.specialisations.size(); ++i)
    out.push_back({kInsertSpecialisation,
                   {m.id, static_cast<std::int64_t>(i), str(md::toString(m.specialisations[i]))}});
  out.push_back({kDeleteLanguages, {m.id}});
  for (std::size_t i = 0; i < m.languages.size(); ++i)
    out.push_back({kInsertLanguage,
                   {m.id, static_cast<std::int64_t>(i), str(core::toString(m.languages[i]))}});
  out.push_back({kDeleteRegions, {m.id}});
  for (std::size_t i = 0; i < m.regions.size(); ++i)
    out.push_back({kInsertRegion, {m.id, static_cast<std::int64_t>(i), m.regions[i]}});
}

} // namespace kelisim::storage::sql
