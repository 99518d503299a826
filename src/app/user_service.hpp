// People and their roles. Who may do what:
//   - anyone signed in: read and edit their own profile (display name, interface language);
//   - coordinator: create, list and edit specialists and coordinators of their own
//     organisation only;
//   - admin: all of that for every organisation, and create admins.
// Staff added in the pages are invited by e-mail (a one-time link to set their password);
// nobody types a password for someone else. Every role change, invitation, deactivation and
// reactivation is written to the audit trail.
#pragma once

#include "app/account_links.hpp"
#include "app/caller.hpp"
#include "app/password_hasher.hpp"
#include "app/reception/events.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kelisim::app {

struct NewStaff {
  std::string email;
  std::string password; // empty: invited by e-mail to set it (the API); the CLI and demo set it
  std::string display_name;
  core::Role role = core::Role::specialist;
  std::vector<core::SpecialistKind> kinds;
  std::optional<std::string> organisation_id;
  core::Language language = core::Language::ru;
  std::vector<core::Language> languages;
  std::vector<std::string> categories;
  int capacity = 1;
};

struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<core::Language> language;
  std::optional<core::Role> role;
  std::optional<std::vector<core::SpecialistKind>> kinds;
  std::optional<std::vector<core::Language>> languages;
  std::optional<std::vector<std::string>> categories;
  std::optional<int> capacity;
};

inline constexpr int kMaxCapacity = 5; // consultations a specialist may hold at once

// Question categories a specialist can take (issue 3 extends the list through the admin).
bool isKnownCategory(const std::string &category);

class UserService {
public:
  // `events` hears of users whose access changed (a role), so their live connections close.
  UserService(core::Store &store, const core::Clock &clock, core::Random &random,
              PasswordHasher &hasher, reception::EventSink &events, MailSettings mail = {});

  core::Task<core::User> me(const Caller &caller);
  core::Task<core::User> updateMe(const Caller &caller, UserChanges changes);
  core::Task<core::User> createStaff(const Caller &caller, NewStaff staff);
  core::Task<std::vector<core::User>> list(const Caller &caller);
  core::Task<core::User> get(const Caller &caller, const std::string &id);
  core::Task<core::User> update(const Caller &caller, const std::string &id, UserChanges changes);
  // A new invitation mail with a new link (the old links stay good until they expire); for
  // staff who have never set a password.
  core::Task<core::Unit> resendInvitation(const Caller &caller, const std::string &id);
  // Deactivated: cannot sign in, every session and live connection ends at once, off duty.
  // Reactivated: may sign in again. Not oneself.
  core::Task<core::User> setActive(const Caller &caller, const std::string &id, bool active);

private:
  // forbidden unless the caller may manage `target` (see the contract above).
  core::Status mayManage(const Caller &caller, const core::User &target) const;
  // Stores `user` (no password yet) with an invitation link and its mail, in one unit.
  core::Task<core::Unit> inviteNew(const core::User &user, const Caller &caller);
  core::Mail invitationMail(const core::User &user, const Caller &caller, const std::string &url,
                            core::Time now);

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  PasswordHasher &hasher_;
  reception::EventSink &events_;
  MailSettings mail_;
};

} // namespace kelisim::app
