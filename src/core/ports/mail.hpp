// Mail and one-time account links (issue 8). A mail is written to the outbox in the same
// unit of work as the action that causes it (UnitOfWork's NewMail) and sent later by a
// worker (transport/mail) that claims what is due, so nothing acknowledged is lost on a
// restart and two instances never send the same mail at once. Its text is made when it is
// sent, in the recipient's language, from its kind and parameters. An account token is a
// one-time secret link (invitation, password reset) stored only as its SHA-256.
#pragma once

#include "core/model.hpp"
#include "core/ports/task.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::core {

enum class MailKind {
  invitation,            // staff: set your password (params: link, name, organisation, inviter)
  password_reset,        // anyone: set a new password (params: link, name)
  return_link,           // a citizen who asked: the way back to the ticket (params: link, number)
  requeued,              // a deferred question is back in the queue (params: link, number)
  reminder,              // before a booked slot, with an ICS invitation (params: link, number,
                         // slot_at, minutes, reception, uid)
  reception_closed,      // the reception was cancelled or closed early while the question waited
                         // (params: link, reception, moved: "line" or "deferred")
  conference_invitation, // a conference's guest or invited specialist, with an ICS invitation
                         // (params: link, title, starts_at, ends_at, organiser, uid, guest:
                         // "yes" or "no")
  conference_cancelled,  // the conference an invitee was invited to is cancelled, with an ICS
                         // cancellation (params: title, starts_at, ends_at, organiser, uid)
  mediation_invitation,  // the other party of a mediation case: accept or refuse by the link
                         // (params: link, inviter, category, deadline: YYYY-MM-DD)
  mediation_reminder,    // a mediation case's deadline (params: link, what, date, days)
};
std::string_view toString(MailKind kind);
std::optional<MailKind> parseMailKind(std::string_view text);

struct Mail {
  std::string id;
  MailKind kind = MailKind::return_link;
  std::string recipient; // an e-mail address
  Language language = Language::ru;
  std::map<std::string, std::string> params;
  Time created_at{};
  Time send_at{}; // not before (a reminder waits for its time)
  int attempts = 0;
  bool operator==(const Mail &) const = default;
};

enum class TokenPurpose { invitation, password_reset };
std::string_view toString(TokenPurpose purpose);
std::optional<TokenPurpose> parseTokenPurpose(std::string_view text);

struct AccountToken {
  std::string token_hash; // hex SHA-256 of the secret
  TokenPurpose purpose = TokenPurpose::invitation;
  std::string user_id;
  Time created_at{};
  Time expires_at{};
  std::optional<Time> used_at;
  bool operator==(const AccountToken &) const = default;
};

class Outbox {
public:
  virtual ~Outbox() = default;
  // Takes up to `limit` mails due at `now` (not sent, not given up), oldest due first, and
  // puts each off until `lease_until` with one more attempt counted, so that another worker
  // does not take them meanwhile. A mail whose sender dies is taken again after the lease.
  virtual Task<std::vector<Mail>> claimMail(Time now, Time lease_until, int limit) = 0;
  virtual Task<Unit> markMailSent(const std::string &id, Time at) = 0;
  // A failed attempt: tried again at `retry_at`, or given up when it is nullopt.
  virtual Task<Unit> markMailFailed(const std::string &id, std::optional<Time> retry_at, Time at,
                                    const std::string &error) = 0;
  // Mails neither sent nor given up (for /metrics and /readyz).
  virtual Task<std::int64_t> pendingMail() = 0;
};

class AccountTokens {
public:
  virtual ~AccountTokens() = default;
  // not_found when no such token; an expired or used one is returned as it is.
  virtual Task<AccountToken> findAccountToken(const std::string &token_hash) = 0;
};

} // namespace kelisim::core
