// Internal to the PostgreSQL backend: the class behind openPostgresStore, shared by its two
// source files (postgres_store.cpp: migrations and the foundation; postgres_reception.cpp: the
// virtual receptions of issue 3), with the helpers that run statements on pooled connections.
// Multi-statement writes run in one transaction on one leased connection and lock the rows
// they decide on (SELECT … FOR UPDATE), so several instances may share the database.
#pragma once

#include "storage/ports.hpp"
#include "storage/postgres/pg_group_commit.hpp"
#include "storage/postgres/pg_pool.hpp"
#include "storage/sql/conferences.hpp"
#include "storage/sql/mediation_cases.hpp"
#include "storage/sql/mediators.hpp"
#include "storage/sql/statement.hpp"

#include <boost/asio/any_io_executor.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kelisim::storage::postgres {

// Times travel as decimal milliseconds.
inline std::string millis(core::Time t) {
  return std::to_string(core::toMillis(t));
}
inline Param millis(const std::optional<core::Time> &t) {
  if (!t) return std::nullopt;
  return millis(*t);
}

// Runs backend-neutral statements (storage/sql) one after the other on `c`; stops at the
// first error. The caller decides whether they form a transaction.
Task<Unit> runStatements(PgConnection &c, const std::vector<storage::sql::Statement> &statements);
// A statement's typed values in the text form PostgreSQL receives.
Params textParams(const storage::sql::Values &values);

template <typename T, typename ReadRow>
core::Result<std::vector<T>> readAll(const PgResult &r, ReadRow read) {
  std::vector<T> out;
  out.reserve(r.rows());
  for (int i = 0; i < r.rows(); ++i) out.push_back(read(r, i));
  return out;
}

template <typename T, typename ReadRow> core::Result<T> readOne(const PgResult &r, ReadRow read) {
  if (r.rows() == 0) return core::ErrorCode::not_found;
  return read(r, 0);
}

class PostgresStore final : public Store, private storage::sql::RowSource {
public:
  PostgresStore(boost::asio::any_io_executor executor, std::string conninfo, int pool_size)
      : pool_(executor, std::move(conninfo), pool_size), group_(std::move(executor), pool_) {}

  Task<int> migrate() override;
  Task<Unit> ping() override;
  Task<Unit> commit(const core::UnitOfWork &work) override;
  Task<std::vector<core::Region>> listRegions() override;
  Task<Unit> createOrganisation(const core::Organisation &org) override;
  Task<core::Organisation> getOrganisation(const std::string &id) override;
  Task<Unit> updateOrganisation(const core::Organisation &org) override;
  Task<std::vector<core::Organisation>> listOrganisations() override;
  Task<Unit> createUser(const core::User &user) override;
  Task<core::User> getUser(const std::string &id) override;
  Task<core::User> findUserByEmail(const std::string &email) override;
  Task<std::vector<core::User>>
  listUsers(const std::optional<std::string> &organisation_id) override;
  Task<Unit> updateUser(const core::User &user) override;
  Task<Unit> updateProfile(const std::string &user_id, const std::string &display_name,
                           core::Language language) override;
  Task<bool> recordFailedSignIn(const std::string &user_id, int max_failures,
                                core::Time lock_until) override;
  Task<Unit> clearFailedSignIns(const std::string &user_id) override;
  Task<Unit> setOnDuty(const std::string &user_id, bool on_duty) override;
  Task<std::vector<core::User>> listOnDuty() override;
  Task<std::vector<core::Mail>> claimMail(core::Time now, core::Time lease_until,
                                          int limit) override;
  Task<Unit> markMailSent(const std::string &id, core::Time at) override;
  Task<Unit> markMailFailed(const std::string &id, std::optional<core::Time> retry_at,
                            core::Time at, const std::string &error) override;
  Task<std::int64_t> pendingMail() override;
  Task<core::AccountToken> findAccountToken(const std::string &token_hash) override;
  Task<std::vector<core::AuditEvent>> searchAudit(const core::AuditQuery &query) override;
  Task<std::vector<core::AuditEvent>> auditAfter(std::int64_t after_id, int limit) override;
  Task<std::optional<core::AuditEvent>> lastSealedAudit() override;
  Task<Unit> sealAudit(const std::vector<core::AuditSeal> &seals) override;
  Task<Unit> createSession(const core::Session &session) override;
  Task<core::Session> findSession(const std::string &token_hash, core::Time now) override;
  Task<Unit> deleteSession(const std::string &token_hash) override;
  Task<std::int64_t> appendAudit(const core::AuditEvent &event) override;
  Task<std::vector<core::AuditEvent>> listAudit(std::optional<std::int64_t> before_id,
                                                int limit) override;

  // --- Virtual receptions (postgres_reception.cpp) ---
  Task<std::vector<std::string>> listCategories() override;
  Task<Unit> addCategory(const std::string &code) override;
  Task<Unit> createReception(const core::reception::Reception &reception) override;
  Task<core::reception::Reception> getReception(const std::string &id) override;
  Task<Unit> updateReception(const core::reception::Reception &reception) override;
  Task<std::vector<core::reception::Reception>>
  listReceptions(const std::optional<std::string> &organisation_id, core::Time ends_after) override;
  Task<core::reception::Reception> getPermanentLine(const std::string &organisation_id) override;
  Task<Unit> setRoster(const std::string &reception_id,
                       const std::vector<core::reception::DutyShift> &shifts) override;
  Task<std::vector<core::reception::DutyShift>>
  listRoster(const std::string &reception_id) override;
  Task<std::vector<core::reception::DutyShift>> listShiftsOf(const std::string &specialist_id,
                                                             core::Time now) override;
  Task<Unit> createTicket(const core::reception::Ticket &ticket) override;
  Task<core::reception::Ticket> getTicket(const std::string &id) override;
  Task<core::reception::Ticket> findTicketBySecret(const std::string &secret_hash) override;
  Task<std::vector<core::reception::Ticket>> listTickets(const TicketQuery &query) override;
  Task<Unit> transitionTicket(const core::reception::Ticket &changed,
                              const std::vector<core::reception::TicketStatus> &from) override;
  Task<core::reception::Room> claimSeat(const std::string &ticket_id, core::SpecialistKind kind,
                                        const std::string &specialist_id,
                                        const core::reception::Room &new_room, core::Time now,
                                        const core::UnitOfWork &also) override;
  using core::TicketRepository::claimSeat;
  Task<Unit> releaseSeat(const std::string &ticket_id, core::SpecialistKind kind) override;
  Task<Unit> addSeat(const std::string &ticket_id, core::SpecialistKind kind) override;
  Task<core::reception::Room> getRoom(const std::string &id) override;
  Task<std::vector<core::reception::Room>> listRoomsOf(const std::string &user_id,
                                                       bool open_only) override;
  Task<std::vector<core::reception::Room>> listOpenRooms(const std::string &reception_id) override;
  Task<Unit> addRoomMember(const core::reception::RoomMember &member) override;
  Task<Unit> leaveRoom(const std::string &room_id, const std::string &user_id,
                       core::Time now) override;
  Task<std::vector<core::reception::RoomMember>>
  listRoomMembers(const std::string &room_id) override;
  Task<std::vector<core::reception::CallRecord>>
  listCallRecords(const std::string &room_id) override;
  Task<Unit> markRead(const std::string &room_id, const std::string &user_id,
                      std::int64_t seq) override;
  Task<std::optional<core::reception::ChatMessage>>
  closeRoom(const core::reception::Room &closed,
            const std::optional<core::reception::ChatMessage> &message,
            const core::UnitOfWork &also) override;
  using core::TicketRepository::closeRoom;
  Task<Unit> recordPhoneConsultation(const core::reception::Ticket &ticket,
                                     const core::reception::Room &room) override;
  Task<std::vector<std::string>> ticketsToErase(core::Time before, int limit) override;
  Task<std::vector<std::string>> ticketAttachments(const std::string &ticket_id) override;
  Task<core::reception::ChatMessage>
  appendMessage(const core::reception::ChatMessage &message) override;
  Task<std::vector<core::reception::ChatMessage>>
  listMessages(const std::string &room_id, std::int64_t after_seq, int limit) override;
  Task<Unit> addNote(const core::reception::Note &note) override;
  Task<std::vector<core::reception::Note>> listNotes(const std::string &room_id) override;
  Task<Unit> createAttachment(const core::reception::Attachment &attachment) override;
  Task<core::reception::Attachment> getAttachment(const std::string &id) override;
  Task<AttachmentUsage> roomAttachments(const std::string &room_id) override;
  Task<AttachmentUsage> attachmentsBy(const std::string &uploader_id, core::Time since) override;
  Task<Unit> createFeedback(const core::reception::Feedback &feedback) override;
  Task<core::reception::Feedback> getFeedback(const std::string &ticket_id) override;
  Task<std::vector<core::reception::Feedback>>
  listProposals(const std::string &organisation_id) override;
  Task<std::vector<core::reception::Feedback>> listComments(const std::string &reception_id,
                                                            std::optional<FeedbackCursor> before,
                                                            int limit) override;
  Task<std::vector<core::reception::ConsultationRecord>>
  listConsultations(const ConsultationQuery &query) override;
  Task<FigureDays> listFigureDays(const ConsultationQuery &scope, std::int64_t first,
                                  std::int64_t last) override;
  Task<Unit> storeFigureDays(const std::vector<FigureDay> &days) override;

  // Conferences (postgres_conference.cpp): written once in storage/sql/conferences.
  Task<core::conference::Conference> getConference(const std::string &id) override;
  Task<std::vector<core::conference::Conference>>
  listConferencesOf(const std::string &user_id) override;
  Task<core::conference::Conference> findConferenceByGuestToken(const std::string &hash) override;
  Task<core::conference::Proposal> getConferenceProposal(const std::string &id) override;
  Task<std::vector<core::conference::Proposal>>
  listConferenceProposals(const ProposalQuery &query) override;
  Task<std::vector<core::conference::ChatMessage>>
  listConferenceMessages(const std::string &conference_id, std::int64_t after_seq,
                         int limit) override;
  Task<core::conference::ChatMessage> findConferenceMessage(const std::string &conference_id,
                                                            const std::string &sender_id,
                                                            const std::string &client_id) override;

  // The register of mediators (postgres_mediation.cpp): written once in storage/sql/mediators.
  Task<core::mediation::Mediator> getMediator(const std::string &id) override;
  Task<core::mediation::Mediator> findMediatorByUser(const std::string &user_id) override;
  Task<std::vector<core::mediation::Mediator>>
  listMediators(const core::MediatorQuery &query) override;

  // Mediation cases (postgres_mediation_case.cpp): written once in storage/sql/mediation_cases.
  Task<core::CaseRecord> getCase(const std::string &id) override;
  Task<std::vector<core::CaseSummary>> listCasesOf(const std::string &user_id) override;
  Task<std::vector<core::CaseSummary>> listCaseSummaries(const core::CaseQuery &query) override;
  Task<std::vector<core::CaseRecord>> listCasesForClock(const std::string &after_id,
                                                        int limit) override;

private:
  Task<storage::sql::Rows> selectRows(storage::sql::Statement statement) override;
  // Runs one statement on a pooled connection and maps its result. Arguments (the text too:
  // it may be built on the fly) are taken by value: the caller's references may be gone by
  // the time the coroutine runs.
  template <typename T, typename Map> Task<T> run(std::string text, Params params, Map map) {
    auto lease = co_await pool_.acquire();
    if (!lease) co_return lease.error();
    auto result = co_await (*lease)->query(text.c_str(), params);
    if (!result) co_return result.error();
    co_return map(*result);
  }

  Task<Unit> command(std::string text, Params params) {
    return run<Unit>(std::move(text), std::move(params),
                     [](const PgResult &) { return core::Result<Unit>(Unit{}); });
  }

  Task<core::User> findUser(const char *text, std::string value);
  Task<int> migrateAll();
  // One migration in its own transaction, under the cross-instance migration lock; false
  // when it was applied already.
  Task<bool> applyMigration(PgConnection &conn, std::string name, std::string text);

  PgPool pool_;
  PgGroupCommit group_; // every unit of work (commit) goes through it
};

} // namespace kelisim::storage::postgres
