// A unit of work: everything one action writes, gathered as values and committed by the store
// in one transaction (one commit, one fsync shared with whatever else the group commit
// carries). Nothing is written until Store::commit; if any change fails, none is kept. The
// services decide what changes; the store only persists it. Not thread-safe: one action's.
#pragma once

#include "core/conference/model.hpp"
#include "core/mediation/mediator.hpp"
#include "core/mediation/model.hpp"
#include "core/model.hpp"
#include "core/ports/mail.hpp"
#include "core/reception/model.hpp"

#include <utility>
#include <variant>
#include <vector>

namespace kelisim::core {

struct NewUser {
  User user;
};
struct NewSession {
  Session session;
};
struct NewTicket {
  reception::Ticket ticket; // with its seats
};
struct AuditRecord {
  AuditEvent event;
};

// A mail to send once the unit is committed (the outbox).
struct NewMail {
  Mail mail;
};
// A mail not yet sent that is no longer wanted (a reminder of a cancelled slot).
struct MailCancelled {
  std::string id;
};
struct NewAccountToken {
  AccountToken token;
};
// A one-time link used: the unit fails with conflict if it was used already.
struct AccountTokenUsed {
  std::string token_hash;
  Time at{};
};
struct PasswordSet {
  std::string user_id;
  std::string password_hash;
};
// Every session of a user ends (a new password, sign-out everywhere, deactivation), but
// `keep`, when given (the session that changed the password).
struct SessionsEnded {
  std::string user_id;
  std::optional<std::string> keep;
};
// Deactivated at `at`, or active again when it is nullopt.
struct AccountActivity {
  std::string user_id;
  std::optional<Time> deactivated_at;
};

// Personal data (Law No. 94-V). A ticket's personal data erased: its description, contact
// and return link, its room's messages, attachments' records, notes and summary, its
// feedback's comment and proposal, its reminder not yet sent. What the figures count stays.
struct TicketErased {
  std::string ticket_id;
  Time at{};
};
// A citizen's account made anonymous: no e-mail (a guest address takes its place), name,
// password or sessions; deactivated.
struct UserErased {
  std::string user_id;
  Time at{};
};
// Traces older than `before`: client addresses in the audit trail and mails already sent
// or given up on.
struct TracesForgotten {
  Time before{};
};

// A line of a consultation's call record.
struct CallRecorded {
  reception::CallRecord record;
};

// Conferences (issue 9). The whole conference as scheduled or edited: its row, its agenda and
// its participants replace what was stored (the service carries minutes and guests' accounts
// over). A new conference is inserted.
struct ConferenceSaved {
  conference::Conference conference;
  bool created = false;
};
// One agenda item's minutes.
struct MinutesSaved {
  std::string conference_id;
  std::string agenda_item_id;
  std::string minutes;
};
// A proposal made (created) or changed.
struct ProposalSaved {
  conference::Proposal proposal;
  bool created = false;
};
// A guest's account made when they first opened their link (only if none was bound yet).
struct GuestBound {
  std::string conference_id;
  std::string token_hash;
  std::string user_id;
};

// A conference chat message: its seq is the conference's next (given here as 0 and set by
// the statement itself, so that two at once never share one); stored only once per sender
// and client_id (a resend stores nothing and reads back the first).
struct ConferenceMessageSaid {
  conference::ChatMessage message;
};

// The register of mediators (issue 10). A mediator's record as the register keeps it: a new
// one inserted (conflict when its id or user_id is taken), an existing one replaced with its
// lists (conflict when another mediator has the user_id). Replacing an id that does not exist
// fails the unit (its lists have no row to belong to): the service reads the record first and
// answers not_found itself, as for conferences. `at` is when: created_at on insert, updated_at
// on both.
struct MediatorSaved {
  mediation::Mediator mediator;
  bool created = false;
  Time at{};
};

// A mediation case (issue 10) written whole. expected_version 0 inserts it at version 1 (the
// id taken: conflict); otherwise it replaces the case only if it is still at
// expected_version (then version + 1), else the unit fails with conflict: two people acting
// at once never lose a write. `people` — (user id, role: "party", "representative",
// "mediator") — replaces who may see the case (MediationCaseRepository::listCasesOf).
struct CaseSaved {
  mediation::Case c;
  std::vector<std::pair<std::string, std::string>> people;
  std::int64_t expected_version = 0;
};

using Change = std::variant<NewUser, NewSession, NewTicket, AuditRecord, NewMail, MailCancelled,
                            NewAccountToken, AccountTokenUsed, PasswordSet, SessionsEnded,
                            AccountActivity, TicketErased, UserErased, TracesForgotten,
                            CallRecorded, ConferenceSaved, MinutesSaved, ProposalSaved, GuestBound,
                            ConferenceMessageSaid, MediatorSaved, CaseSaved>;

class UnitOfWork {
public:
  UnitOfWork &add(Change change) {
    changes_.push_back(std::move(change));
    return *this;
  }
  const std::vector<Change> &changes() const { return changes_; }
  bool empty() const { return changes_.empty(); }

private:
  std::vector<Change> changes_;
};

} // namespace kelisim::core
