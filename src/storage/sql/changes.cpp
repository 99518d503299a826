#include "storage/sql/changes.hpp"

#include "storage/list_codec.hpp"
#include "storage/mediation_case_codec.hpp"
#include "storage/sql/mediators.hpp"

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace kelisim::storage::sql {

namespace rc = core::reception;

namespace {

constexpr const char *kInsertUser =
    "INSERT INTO users (id, email, display_name, role, kinds, organisation_id, language, "
    "languages, categories, password_hash, failed_sign_ins, locked_until, created_at, "
    "deactivated_at, capacity, consent_version, consent_at) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kInsertSession =
    "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES "
    "(?, ?, ?, ?, ?)";
constexpr const char *kInsertAudit =
    "INSERT INTO audit_events (at, actor_id, action, object_type, object_id, detail, ip) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kInsertTicket =
    "INSERT INTO tickets (id, reception_id, organisation_id, citizen_id, region, language, "
    "category, description, channel, contact, priority, status, slot_at, secret_hash, room_id, "
    "created_at, served_at, ended_at, consent_version, consent_at, erased_at) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kInsertMail =
    "INSERT INTO outbox (id, kind, recipient, language, params, created_at, next_attempt_at, "
    "attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0)";
constexpr const char *kInsertCallRecord =
    "INSERT INTO call_records (room_id, at, kind, user_id, detail) VALUES (?, ?, ?, ?, ?)";
constexpr const char *kCancelMail = "DELETE FROM outbox WHERE id = ? AND sent_at IS NULL";
constexpr const char *kInsertAccountToken =
    "INSERT INTO account_tokens (token_hash, purpose, user_id, created_at, expires_at) VALUES "
    "(?, ?, ?, ?, ?)";
constexpr const char *kUseAccountToken =
    "INSERT INTO account_token_uses (token_hash, used_at) VALUES (?, ?)";
constexpr const char *kSetPassword =
    "UPDATE users SET password_hash = ?, failed_sign_ins = 0, locked_until = NULL WHERE id = ?";
constexpr const char *kEndSessions = "DELETE FROM sessions WHERE user_id = ?";
constexpr const char *kEndSessionsBut =
    "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?";
constexpr const char *kSetDeactivated = "UPDATE users SET deactivated_at = ? WHERE id = ?";
constexpr const char *kEraseTicket =
    "UPDATE tickets SET description = '', contact = NULL, secret_hash = '', erased_at = ? "
    "WHERE id = ?";
constexpr const char *kEraseMessages =
    "DELETE FROM messages WHERE room_id IN (SELECT id FROM rooms WHERE ticket_id = ?)";
constexpr const char *kEraseAttachments =
    "DELETE FROM attachments WHERE room_id IN (SELECT id FROM rooms WHERE ticket_id = ?)";
constexpr const char *kEraseNotes =
    "DELETE FROM notes WHERE room_id IN (SELECT id FROM rooms WHERE ticket_id = ?)";
constexpr const char *kEraseSummary = "UPDATE rooms SET summary = '' WHERE ticket_id = ?";
constexpr const char *kEraseFeedback =
    "UPDATE feedback SET comment = '', proposal = '' WHERE ticket_id = ?";
constexpr const char *kEraseUser =
    "UPDATE users SET email = ?, display_name = '', password_hash = '', deactivated_at = ?, "
    "failed_sign_ins = 0, locked_until = NULL WHERE id = ?";
constexpr const char *kForgetAddresses =
    "UPDATE audit_events SET ip = '' WHERE at < ? AND ip <> ''";
constexpr const char *kForgetMails =
    "DELETE FROM outbox WHERE (sent_at IS NOT NULL AND sent_at < ?) "
    "OR (gave_up_at IS NOT NULL AND gave_up_at < ?)";
constexpr const char *kInsertSeat =
    "INSERT INTO ticket_seats (ticket_id, position, kind, specialist_id, joined_at) VALUES "
    "(?, ?, ?, ?, ?)";

constexpr const char *kInsertConference =
    "INSERT INTO conferences (id, organisation_id, title, description, language, starts_at, "
    "ends_at, status, ended_at, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kUpdateConference =
    "UPDATE conferences SET title = ?, description = ?, language = ?, starts_at = ?, ends_at = ?, "
    "status = ?, ended_at = ? WHERE id = ?";
constexpr const char *kDeleteAgenda = "DELETE FROM conference_agenda WHERE conference_id = ?";
constexpr const char *kInsertAgendaItem =
    "INSERT INTO conference_agenda (conference_id, position, id, title, minutes) VALUES "
    "(?, ?, ?, ?, ?)";
constexpr const char *kDeleteParticipants =
    "DELETE FROM conference_participants WHERE conference_id = ?";
constexpr const char *kInsertParticipant =
    "INSERT INTO conference_participants (conference_id, position, role, user_id, name, email, "
    "language, token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kSaveMinutes =
    "UPDATE conference_agenda SET minutes = ? WHERE conference_id = ? AND id = ?";
constexpr const char *kInsertProposal =
    "INSERT INTO conference_proposals (id, conference_id, agenda_item_id, text, owner_id, "
    "owner_name, due_date, status, created_by, created_at, closed_at) VALUES "
    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kUpdateProposal =
    "UPDATE conference_proposals SET agenda_item_id = ?, text = ?, owner_id = ?, owner_name = ?, "
    "due_date = ?, status = ?, closed_at = ? WHERE id = ?";
constexpr const char *kBindGuest =
    "UPDATE conference_participants SET user_id = ? WHERE conference_id = ? AND token_hash = ? "
    "AND user_id IS NULL";
// The next seq of the conference, computed by the insert itself; a message already stored for
// (sender, client_id) — or, on PostgreSQL, a seq another transaction took first — inserts
// nothing, and the service reads back what is stored (and tries again when nothing is).
constexpr const char *kInsertConferenceMessage =
    "INSERT INTO conference_messages (conference_id, seq, id, sender_id, sender_name, client_id, "
    "body, at) SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ?, CAST(? AS BIGINT) "
    "FROM conference_messages WHERE conference_id = ? ON CONFLICT DO NOTHING";

// Mediation cases (CaseSaved): the columns beside `body` are derived from the case. An update
// takes the row's lock first (its own write: version + 1), then checks that the row is now at
// the version read + 1; if not (another write came first, or no such case), it inserts the
// twin of mediation_case_stale's one row and the unit fails with conflict. The lock taken by
// the update makes the check hold until the commit on PostgreSQL too.
constexpr const char *kInsertCase =
    "INSERT INTO mediation_cases (id, stage, source, ticket_id, opened_by, opened_at, category, "
    "ending_ground, ended_at, started_at, body, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
    "1)";
constexpr const char *kUpdateCase =
    "UPDATE mediation_cases SET stage = ?, source = ?, ticket_id = ?, opened_by = ?, "
    "opened_at = ?, category = ?, ending_ground = ?, ended_at = ?, started_at = ?, body = ?, "
    "version = version + 1 WHERE id = ?";
constexpr const char *kCheckCaseVersion =
    "INSERT INTO mediation_case_stale (id) SELECT 1 WHERE NOT EXISTS "
    "(SELECT 1 FROM mediation_cases WHERE id = ? AND version = ?)";
constexpr const char *kDeleteCasePeople = "DELETE FROM mediation_case_people WHERE case_id = ?";
constexpr const char *kInsertCasePerson =
    "INSERT INTO mediation_case_people (case_id, user_id, role) VALUES (?, ?, ?)";

std::string text(std::string_view v) {
  return std::string(v);
}

struct Build {
  std::vector<Statement> &out;

  void operator()(const core::NewUser &c) const {
    const auto &u = c.user;
    out.push_back(
        {kInsertUser,
         {u.id, u.email, u.display_name, text(core::toString(u.role)), encodeKinds(u.kinds),
          value(u.organisation_id), text(core::toString(u.language)), encodeLanguages(u.languages),
          encodeWords(u.categories), u.password_hash, static_cast<std::int64_t>(u.failed_sign_ins),
          value(u.locked_until), value(u.created_at), value(u.deactivated_at),
          static_cast<std::int64_t>(u.capacity), u.consent_version, value(u.consent_at)}});
  }
  void operator()(const core::NewMail &c) const {
    const auto &m = c.mail;
    out.push_back(
        {kInsertMail,
         {m.id, text(core::toString(m.kind)), m.recipient, text(core::toString(m.language)),
          encodeParams(m.params), value(m.created_at), value(m.send_at)}});
  }
  void operator()(const core::MailCancelled &c) const { out.push_back({kCancelMail, {c.id}}); }
  void operator()(const core::NewAccountToken &c) const {
    const auto &t = c.token;
    out.push_back({kInsertAccountToken,
                   {t.token_hash, text(core::toString(t.purpose)), t.user_id, value(t.created_at),
                    value(t.expires_at)}});
  }
  void operator()(const core::AccountTokenUsed &c) const {
    out.push_back({kUseAccountToken, {c.token_hash, value(c.at)}});
  }
  void operator()(const core::PasswordSet &c) const {
    out.push_back({kSetPassword, {c.password_hash, c.user_id}});
  }
  void operator()(const core::SessionsEnded &c) const {
    if (c.keep)
      out.push_back({kEndSessionsBut, {c.user_id, *c.keep}});
    else
      out.push_back({kEndSessions, {c.user_id}});
  }
  void operator()(const core::TicketErased &c) const {
    out.push_back({kEraseTicket, {value(c.at), c.ticket_id}});
    out.push_back({kEraseMessages, {c.ticket_id}}); // before the attachments they point to
    out.push_back({kEraseAttachments, {c.ticket_id}});
    out.push_back({kEraseNotes, {c.ticket_id}});
    out.push_back({kEraseSummary, {c.ticket_id}});
    out.push_back({kEraseFeedback, {c.ticket_id}});
    out.push_back({kCancelMail, {"reminder-" + c.ticket_id}});
  }
  void operator()(const core::UserErased &c) const {
    out.push_back({kEraseUser, {core::guestEmail(c.user_id), value(c.at), c.user_id}});
    out.push_back({kEndSessions, {c.user_id}});
  }
  void operator()(const core::TracesForgotten &c) const {
    out.push_back({kForgetAddresses, {value(c.before)}});
    out.push_back({kForgetMails, {value(c.before), value(c.before)}});
  }
  void operator()(const core::CallRecorded &c) const {
    const auto &r = c.record;
    out.push_back({kInsertCallRecord, {r.room_id, value(r.at), r.kind, r.user_id, r.detail}});
  }
  void operator()(const core::ConferenceSaved &c) const {
    namespace cf = core::conference;
    const auto &f = c.conference;
    if (c.created)
      out.push_back(
          {kInsertConference,
           {f.id, f.organisation_id, f.title, f.description, text(core::toString(f.language)),
            value(f.starts_at), value(f.ends_at), text(cf::toString(f.status)), value(f.ended_at),
            f.created_by, value(f.created_at)}});
    else
      out.push_back({kUpdateConference,
                     {f.title, f.description, text(core::toString(f.language)), value(f.starts_at),
                      value(f.ends_at), text(cf::toString(f.status)), value(f.ended_at), f.id}});
    out.push_back({kDeleteAgenda, {f.id}});
    for (std::size_t i = 0; i < f.agenda.size(); ++i)
      out.push_back({kInsertAgendaItem,
                     {f.id, static_cast<std::int64_t>(i), f.agenda[i].id, f.agenda[i].title,
                      f.agenda[i].minutes}});
    out.push_back({kDeleteParticipants, {f.id}});
    for (std::size_t i = 0; i < f.participants.size(); ++i) {
      const auto &p = f.participants[i];
      out.push_back(
          {kInsertParticipant,
           {f.id, static_cast<std::int64_t>(i), text(cf::toString(p.role)), value(p.user_id),
            p.name, p.email, text(core::toString(p.language)), p.token_hash}});
    }
  }
  void operator()(const core::MinutesSaved &c) const {
    out.push_back({kSaveMinutes, {c.minutes, c.conference_id, c.agenda_item_id}});
  }
  void operator()(const core::ProposalSaved &c) const {
    namespace cf = core::conference;
    const auto &p = c.proposal;
    if (c.created)
      out.push_back({kInsertProposal,
                     {p.id, p.conference_id, value(p.agenda_item_id), p.text, value(p.owner_id),
                      p.owner_name, p.due_date, text(cf::toString(p.status)), p.created_by,
                      value(p.created_at), value(p.closed_at)}});
    else
      out.push_back({kUpdateProposal,
                     {value(p.agenda_item_id), p.text, value(p.owner_id), p.owner_name, p.due_date,
                      text(cf::toString(p.status)), value(p.closed_at), p.id}});
  }
  void operator()(const core::ConferenceMessageSaid &c) const {
    const auto &m = c.message;
    out.push_back({kInsertConferenceMessage,
                   {m.conference_id, m.id, m.sender_id, m.sender_name, m.client_id, m.body,
                    value(m.at), m.conference_id}});
  }
  void operator()(const core::MediatorSaved &c) const { mediatorStatements(c, out); }
  void operator()(const core::CaseSaved &saved) const {
    namespace md = core::mediation;
    const auto &c = saved.c;
    Value ground;
    std::optional<core::Time> ended_at;
    if (c.ending) {
      ground = text(md::toString(c.ending->ground));
      ended_at = c.ending->at;
    }
    Values columns{text(md::toString(c.stage)),
                   text(md::toString(c.source)),
                   value(c.ticket_id),
                   c.opened_by,
                   value(c.opened_at),
                   c.category,
                   ground,
                   value(ended_at),
                   value(c.started_at),
                   encodeCase(c)};
    if (saved.expected_version == 0) {
      columns.insert(columns.begin(), c.id);
      out.push_back({kInsertCase, std::move(columns)});
    } else {
      columns.push_back(c.id);
      out.push_back({kUpdateCase, std::move(columns)});
      out.push_back({kCheckCaseVersion, {c.id, saved.expected_version + 1}});
      out.push_back({kDeleteCasePeople, {c.id}});
    }
    const std::set<std::pair<std::string, std::string>> people(saved.people.begin(),
                                                               saved.people.end());
    for (const auto &[user_id, role] : people)
      out.push_back({kInsertCasePerson, {c.id, user_id, role}});
  }
  void operator()(const core::GuestBound &c) const {
    out.push_back({kBindGuest, {c.user_id, c.conference_id, c.token_hash}});
  }
  void operator()(const core::AccountActivity &c) const {
    out.push_back({kSetDeactivated, {value(c.deactivated_at), c.user_id}});
  }
  void operator()(const core::NewSession &c) const {
    const auto &s = c.session;
    out.push_back(
        {kInsertSession,
         {s.token_hash, s.user_id, s.csrf_token, value(s.created_at), value(s.expires_at)}});
  }
  void operator()(const core::AuditRecord &c) const {
    const auto &e = c.event;
    out.push_back(
        {kInsertAudit,
         {value(e.at), value(e.actor_id), e.action, e.object_type, e.object_id, e.detail, e.ip}});
  }
  void operator()(const core::NewTicket &c) const {
    const auto &t = c.ticket;
    out.push_back({kInsertTicket,
                   {t.id,
                    t.reception_id,
                    t.organisation_id,
                    value(t.citizen_id),
                    t.region,
                    text(core::toString(t.language)),
                    t.category,
                    t.description,
                    text(rc::toString(t.channel)),
                    value(t.contact),
                    static_cast<std::int64_t>(t.priority),
                    text(rc::toString(t.status)),
                    value(t.slot_at),
                    t.secret_hash,
                    value(t.room_id),
                    value(t.created_at),
                    value(t.served_at),
                    value(t.ended_at),
                    t.consent_version,
                    value(t.consent_at),
                    value(t.erased_at)}});
    for (std::size_t i = 0; i < t.seats.size(); ++i) {
      const auto &seat = t.seats[i];
      out.push_back({kInsertSeat,
                     {t.id, static_cast<std::int64_t>(i), text(core::toString(seat.kind)),
                      value(seat.specialist_id), value(seat.joined_at)}});
    }
  }
};

} // namespace

void statementsOf(const core::Change &change, std::vector<Statement> &out) {
  std::visit(Build{out}, change);
}

std::vector<Statement> statementsOf(const core::UnitOfWork &work) {
  std::vector<Statement> out;
  out.reserve(work.changes().size() + 2);
  for (const auto &c : work.changes()) statementsOf(c, out);
  return out;
}

namespace {
// The inserts of changes, in the order foreign keys need them.
constexpr std::array kInsertOrder{kInsertUser, kInsertSession, kInsertTicket,
                                  kInsertSeat, kInsertAudit,   kInsertMail};
constexpr std::size_t kMaxRows = 64;
} // namespace

const char *multiRowText(const char *insert, std::size_t rows) {
  if (rows <= 1) return insert;
  static std::mutex mutex;
  static std::map<std::pair<const char *, std::size_t>, std::unique_ptr<std::string>> texts;
  std::lock_guard lock(mutex);
  auto &text = texts[{insert, rows}];
  if (!text) {
    const std::string_view one(insert);
    const std::string_view tuple = one.substr(one.rfind('(')); // "(?, ?, …)", the last part
    text = std::make_unique<std::string>(one);
    for (std::size_t i = 1; i < rows; ++i) text->append(", ").append(tuple);
  }
  return text->c_str();
}

std::optional<std::vector<Statement>>
mergedInserts(const std::vector<const std::vector<Statement> *> &units) {
  std::array<std::vector<const Statement *>, kInsertOrder.size()> rows;
  for (const auto *unit : units)
    for (const auto &s : *unit) {
      std::size_t kind = 0;
      while (kind < kInsertOrder.size() && kInsertOrder[kind] != s.text) ++kind;
      if (kind == kInsertOrder.size()) return std::nullopt;
      rows[kind].push_back(&s);
    }
  std::vector<Statement> out;
  for (std::size_t kind = 0; kind < kInsertOrder.size(); ++kind) {
    std::size_t next = 0;
    while (next < rows[kind].size()) {
      std::size_t n = kMaxRows; // the largest power of two that fits what is left
      while (n > rows[kind].size() - next) n /= 2;
      Statement merged{multiRowText(kInsertOrder[kind], n), {}};
      merged.params.reserve(n * rows[kind][next]->params.size());
      for (std::size_t i = next; i < next + n; ++i)
        merged.params.insert(merged.params.end(), rows[kind][i]->params.begin(),
                             rows[kind][i]->params.end());
      out.push_back(std::move(merged));
      next += n;
    }
  }
  return out;
}

} // namespace kelisim::storage::sql
