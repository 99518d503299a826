// Internal to the SQLite backend: the class behind openSqliteStore, shared by its two
// source files (sqlite_store.cpp: migrations and the foundation; sqlite_reception.cpp: the
// virtual receptions of issue 3), with the read/write helpers every method goes through.
// Reads run on a pooled read-only connection on the calling thread; writes are jobs on the
// WriteQueue, each atomic (its own savepoint inside the group commit).
#pragma once

#include "storage/ports.hpp"
#include "storage/sql/conferences.hpp"
#include "storage/sql/mediation_cases.hpp"
#include "storage/sql/mediators.hpp"
#include "storage/sql/statement.hpp"
#include "storage/sqlite/checkpointer.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/write_queue.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::storage::sqlite {

// Binds a value or NULL.
void bindOptional(SQLite::Statement &q, int index, const std::optional<std::string> &v);
void bindOptional(SQLite::Statement &q, int index, const std::optional<core::Time> &v);
void bindTime(SQLite::Statement &q, int index, core::Time t);
std::optional<std::string> optionalText(SQLite::Statement &q, int column);
std::optional<core::Time> optionalTime(SQLite::Statement &q, int column);
core::Time timeAt(SQLite::Statement &q, int column);

// Runs one backend-neutral statement (storage/sql) on `db`, stepping through any rows.
void run(Connection &db, const storage::sql::Statement &statement);

// Maps a failure inside a job to an Error the services understand.
core::Error toError(const std::exception &e);

class SqliteStore final : public Store, private storage::sql::RowSource {
public:
  SqliteStore(std::string path, Connection writer, boost::asio::any_io_executor completions)
      : path_(std::move(path)), checkpointer_(path_),
        writes_(checkpointed(std::move(writer), checkpointer_), completer(std::move(completions))) {
  }

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

  // --- Virtual receptions (sqlite_reception.cpp) ---
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

  // Conferences (sqlite_conference.cpp): written once in storage/sql/conferences.
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

  // The register of mediators (sqlite_mediation.cpp): written once in storage/sql/mediators.
  Task<core::mediation::Mediator> getMediator(const std::string &id) override;
  Task<core::mediation::Mediator> findMediatorByUser(const std::string &user_id) override;
  Task<std::vector<core::mediation::Mediator>>
  listMediators(const core::MediatorQuery &query) override;

  // Mediation cases (sqlite_mediation_case.cpp): written once in storage/sql/mediation_cases.
  Task<core::CaseRecord> getCase(const std::string &id) override;
  Task<std::vector<core::CaseSummary>> listCasesOf(const std::string &user_id) override;
  Task<std::vector<core::CaseSummary>> listCaseSummaries(const core::CaseQuery &query) override;
  Task<std::vector<core::CaseRecord>> listCasesForClock(const std::string &after_id,
                                                        int limit) override;

private:
  Task<storage::sql::Rows> selectRows(storage::sql::Statement statement) override;
  Task<core::User> findUser(const char *column, std::string value);

  // Runs `fn` on a pooled read connection on this thread.
  template <typename T, typename Fn> Task<T> read(Fn fn) {
    std::unique_ptr<Connection> db;
    {
      std::lock_guard lock(readers_mutex_);
      if (!readers_.empty()) {
        db = std::move(readers_.back());
        readers_.pop_back();
      }
    }
    try {
      if (!db) {
        db = std::make_unique<Connection>(path_, SQLite::OPEN_READONLY, 5000);
        db->exec("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;");
      }
      core::Result<T> result = fn(*db);
      db->release();
      std::lock_guard lock(readers_mutex_);
      readers_.push_back(std::move(db));
      co_return result;
    } catch (const std::exception &e) {
      co_return toError(e);
    }
  }

  static Connection &&checkpointed(Connection &&writer, Checkpointer &checkpointer) {
    checkpointer.install(writer.getHandle());
    return std::move(writer);
  }
  static WriteQueue::Complete completer(boost::asio::any_io_executor ex) {
    if (!ex) return {};
    return [ex](std::function<void()> f) { boost::asio::post(ex, std::move(f)); };
  }

  // Queues `fn` for the writer; resumes on the caller's executor after the commit.
  // Everything the initiation touches is held by shared_ptr and the initiation is a named
  // lvalue: GCC 12 mishandles temporaries with moved captures inside co_await expressions.
  template <typename T, typename Fn> Task<T> write(Fn fn) {
    auto result = std::make_shared<std::optional<core::Result<T>>>();
    auto work = std::make_shared<Fn>(std::move(fn));
    WriteQueue *queue = &writes_;
    auto initiate = [queue, work, result](auto handler) {
      auto ex = boost::asio::get_associated_executor(handler);
      auto shared_handler = std::make_shared<decltype(handler)>(std::move(handler));
      WriteQueue::Job job;
      job.run = [work, result](Connection &db) {
        try {
          result->emplace((*work)(db));
        } catch (const std::exception &e) {
          result->emplace(toError(e));
        }
        return (*result)->ok();
      };
      job.done = [result, ex, shared_handler](const core::Error *failure) {
        if (failure) result->emplace(*failure);
        boost::asio::post(ex, [shared_handler] { std::move (*shared_handler)(); });
      };
      if (!queue->trySubmit(job)) { // overloaded: refused at once, nothing written
        result->emplace(core::Error::make(core::ErrorCode::busy, "sqlite writer queue full"));
        boost::asio::post(ex, [shared_handler] { std::move (*shared_handler)(); });
      }
    };
    co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<> &, void()>(
        initiate, boost::asio::use_awaitable);
    co_return std::move(**result);
  }

  std::string path_;
  Checkpointer checkpointer_; // declared before writes_: outlives the writer connection
  WriteQueue writes_;
  std::mutex readers_mutex_;
  std::vector<std::unique_ptr<Connection>> readers_;
};

} // namespace kelisim::storage::sqlite
