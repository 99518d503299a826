#include "storage/sql/conferences.hpp"

namespace kelisim::storage::sql {

namespace cf = core::conference;
using core::ErrorCode;
using core::Task;

namespace {

#define KELISIM_CONFERENCE_COLUMNS                                                                 \
  "c.id, c.organisation_id, c.title, c.description, c.language, c.starts_at, c.ends_at, "          \
  "c.status, c.ended_at, c.created_by, c.created_at"
constexpr const char *kGetConference =
    "SELECT " KELISIM_CONFERENCE_COLUMNS " FROM conferences c WHERE c.id = ?";
constexpr const char *kConferencesOf =
    "SELECT " KELISIM_CONFERENCE_COLUMNS " FROM conferences c WHERE c.id IN "
    "(SELECT conference_id FROM conference_participants WHERE user_id = ?) "
    "ORDER BY c.starts_at, c.id";
#undef KELISIM_CONFERENCE_COLUMNS
constexpr const char *kAgenda = "SELECT id, title, minutes FROM conference_agenda "
                                "WHERE conference_id = ? ORDER BY position";
constexpr const char *kParticipants =
    "SELECT role, user_id, name, email, language, token_hash FROM conference_participants "
    "WHERE conference_id = ? ORDER BY position";
constexpr const char *kConferenceByToken =
    "SELECT conference_id FROM conference_participants WHERE token_hash = ? AND token_hash <> ''";
#define KELISIM_PROPOSAL_COLUMNS                                                                   \
  "p.id, p.conference_id, p.agenda_item_id, p.text, p.owner_id, p.owner_name, p.due_date, "        \
  "p.status, p.created_by, p.created_at, p.closed_at"
constexpr const char *kGetProposal =
    "SELECT " KELISIM_PROPOSAL_COLUMNS " FROM conference_proposals p WHERE p.id = ?";
// Parameters: conference (twice), participant (twice), organisation (twice), status (twice),
// limit. A NULL filter holds for every row.
constexpr const char *kListProposals =
    "SELECT " KELISIM_PROPOSAL_COLUMNS " FROM conference_proposals p "
    "JOIN conferences c ON c.id = p.conference_id WHERE c.status <> 'cancelled' "
    "AND (CAST(? AS TEXT) IS NULL OR p.conference_id = ?) "
    "AND (CAST(? AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM conference_participants x "
    "WHERE x.conference_id = p.conference_id AND x.user_id = ?)) "
    "AND (CAST(? AS TEXT) IS NULL OR c.organisation_id = ?) "
    "AND (CAST(? AS TEXT) IS NULL OR p.status = ?) "
    "ORDER BY p.due_date, p.created_at, p.id LIMIT ?";
#undef KELISIM_PROPOSAL_COLUMNS
#define KELISIM_MESSAGE_COLUMNS                                                                    \
  "SELECT conference_id, seq, id, sender_id, sender_name, client_id, body, at "                    \
  "FROM conference_messages "
constexpr const char *kMessagesAfter =
    KELISIM_MESSAGE_COLUMNS "WHERE conference_id = ? AND seq > ? ORDER BY seq LIMIT ?";
constexpr const char *kMessageByClient =
    KELISIM_MESSAGE_COLUMNS "WHERE conference_id = ? AND sender_id = ? AND client_id = ?";
#undef KELISIM_MESSAGE_COLUMNS

const std::string &text(const Row &row, std::size_t i) {
  static const std::string kEmpty;
  return row.at(i) ? *row[i] : kEmpty;
}
core::Time timeOf(const Row &row, std::size_t i) {
  return core::fromMillis(std::stoll(text(row, i)));
}
std::optional<core::Time> optionalTime(const Row &row, std::size_t i) {
  if (!row.at(i)) return std::nullopt;
  return timeOf(row, i);
}
core::Language languageOf(const Row &row, std::size_t i) {
  return core::parseLanguage(text(row, i)).value_or(core::Language::ru);
}

cf::Conference conferenceOf(const Row &r) {
  cf::Conference c;
  c.id = text(r, 0);
  c.organisation_id = text(r, 1);
  c.title = text(r, 2);
  c.description = text(r, 3);
  c.language = languageOf(r, 4);
  c.starts_at = timeOf(r, 5);
  c.ends_at = timeOf(r, 6);
  c.status = cf::parseConferenceStatus(text(r, 7)).value_or(cf::ConferenceStatus::scheduled);
  c.ended_at = optionalTime(r, 8);
  c.created_by = text(r, 9);
  c.created_at = timeOf(r, 10);
  return c;
}

cf::Proposal proposalOf(const Row &r) {
  cf::Proposal p;
  p.id = text(r, 0);
  p.conference_id = text(r, 1);
  p.agenda_item_id = r.at(2);
  p.text = text(r, 3);
  p.owner_id = r.at(4);
  p.owner_name = text(r, 5);
  p.due_date = text(r, 6);
  p.status = cf::parseProposalStatus(text(r, 7)).value_or(cf::ProposalStatus::open);
  p.created_by = text(r, 8);
  p.created_at = timeOf(r, 9);
  p.closed_at = optionalTime(r, 10);
  return p;
}

cf::ChatMessage messageOf(const Row &r) {
  cf::ChatMessage m;
  m.conference_id = text(r, 0);
  m.seq = std::stoll(text(r, 1));
  m.id = text(r, 2);
  m.sender_id = text(r, 3);
  m.sender_name = text(r, 4);
  m.client_id = text(r, 5);
  m.body = text(r, 6);
  m.at = timeOf(r, 7);
  return m;
}

Value optionalValue(const std::optional<std::string> &v) {
  return value(v);
}

} // namespace

Task<cf::Conference> getConference(RowSource &db, std::string id) {
  Statement head{kGetConference, {id}};
  auto rows = co_await db.selectRows(std::move(head));
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return ErrorCode::not_found;
  cf::Conference c = conferenceOf(rows->front());
  Statement agenda_statement{kAgenda, {id}};
  auto agenda = co_await db.selectRows(std::move(agenda_statement));
  if (!agenda) co_return agenda.error();
  for (const auto &r : *agenda) c.agenda.push_back({text(r, 0), text(r, 1), text(r, 2)});
  Statement people_statement{kParticipants, {id}};
  auto people = co_await db.selectRows(std::move(people_statement));
  if (!people) co_return people.error();
  for (const auto &r : *people) {
    cf::Participant p;
    p.role = cf::parseParticipantRole(text(r, 0)).value_or(cf::ParticipantRole::guest);
    p.user_id = r.at(1);
    p.name = text(r, 2);
    p.email = text(r, 3);
    p.language = languageOf(r, 4);
    p.token_hash = text(r, 5);
    c.participants.push_back(std::move(p));
  }
  co_return c;
}

Task<std::vector<cf::Conference>> listConferencesOf(RowSource &db, std::string user_id) {
  Statement s{kConferencesOf, {std::move(user_id)}};
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  std::vector<cf::Conference> out;
  for (const auto &r : *rows) out.push_back(conferenceOf(r));
  co_return out;
}

Task<cf::Conference> findConferenceByGuestToken(RowSource &db, std::string hash) {
  if (hash.empty()) co_return ErrorCode::not_found;
  Statement s{kConferenceByToken, {std::move(hash)}};
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return ErrorCode::not_found;
  std::string id = text(rows->front(), 0);
  co_return co_await getConference(db, std::move(id));
}

Task<cf::Proposal> getProposal(RowSource &db, std::string id) {
  Statement s{kGetProposal, {std::move(id)}};
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return ErrorCode::not_found;
  co_return proposalOf(rows->front());
}

Task<std::vector<cf::Proposal>> listProposals(RowSource &db,
                                              core::ConferenceRepository::ProposalQuery query) {
  std::optional<std::string> status;
  if (query.status) status = std::string(cf::toString(*query.status));
  Statement s{kListProposals,
              {optionalValue(query.conference_id), optionalValue(query.conference_id),
               optionalValue(query.participant_id), optionalValue(query.participant_id),
               optionalValue(query.organisation_id), optionalValue(query.organisation_id),
               optionalValue(status), optionalValue(status),
               static_cast<std::int64_t>(query.limit)}};
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  std::vector<cf::Proposal> out;
  for (const auto &r : *rows) out.push_back(proposalOf(r));
  co_return out;
}

Task<std::vector<cf::ChatMessage>> listMessages(RowSource &db, std::string conference_id,
                                                std::int64_t after_seq, int limit) {
  Statement s{kMessagesAfter,
              {std::move(conference_id), after_seq, static_cast<std::int64_t>(limit)}};
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  std::vector<cf::ChatMessage> out;
  for (const auto &r : *rows) out.push_back(messageOf(r));
  co_return out;
}

Task<cf::ChatMessage> findMessage(RowSource &db, std::string conference_id, std::string sender_id,
                                  std::string client_id) {
  Statement s{kMessageByClient,
              {std::move(conference_id), std::move(sender_id), std::move(client_id)}};
  auto rows = co_await db.selectRows(std::move(s));
  if (!rows) co_return rows.error();
  if (rows->empty()) co_return ErrorCode::not_found;
  co_return messageOf(rows->front());
}

} // namespace kelisim::storage::sql
