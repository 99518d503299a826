// People and their roles. Who may do what:
//   - anyone signed in: read and edit their own profile (display name, interface language);
//   - coordinator: create, list and edit specialists and coordinators of their own
//     organisation only;
//   - admin: all of that for every organisation, and create admins.
// Every role change is written to the audit trail.
#pragma once

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
  std::string password;
  std::string display_name;
  core::Role role = core::Role::specialist;
  std::vector<core::SpecialistKind> kinds;
  std::optional<std::string> organisation_id;
  core::Language language = core::Language::ru;
  std::vector<core::Language> languages;
  std::vector<std::string> categories;
};

struct UserChanges {
  std::optional<std::string> display_name;
  std::optional<core::Language> language;
  std::optional<core::Role> role;
  std::optional<std::vector<core::SpecialistKind>> kinds;
  std::optional<std::vector<core::Language>> languages;
  std::optional<std::vector<std::string>> categories;
};

// Question categories a specialist can take (issue 3 extends the list through the admin).
bool isKnownCategory(const std::string &category);

class UserService {
public:
  // `events` hears of users whose access changed (a role), so their live connections close.
  UserService(core::Store &store, const core::Clock &clock, core::Random &random,
              PasswordHasher &hasher, reception::EventSink &events);

  core::Task<core::User> me(const Caller &caller);
  core::Task<core::User> updateMe(const Caller &caller, UserChanges changes);
  core::Task<core::User> createStaff(const Caller &caller, NewStaff staff);
  core::Task<std::vector<core::User>> list(const Caller &caller);
  core::Task<core::User> get(const Caller &caller, const std::string &id);
  core::Task<core::User> update(const Caller &caller, const std::string &id, UserChanges changes);

private:
  // forbidden unless the caller may manage `target` (see the contract above).
  core::Status mayManage(const Caller &caller, const core::User &target) const;

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  PasswordHasher &hasher_;
  reception::EventSink &events_;
};

} // namespace kelisim::app
