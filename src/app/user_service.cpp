#include "app/user_service.hpp"

#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "core/reception/model.hpp"
#include "core/validation.hpp"

#include <algorithm>

namespace kelisim::app {

using core::Error;
using core::ErrorCode;
using core::Role;

namespace {
void checkStaffShape(Error &invalid, Role role, const std::vector<core::SpecialistKind> &kinds,
                     const std::vector<std::string> &categories) {
  if (role == Role::specialist && kinds.empty())
    invalid.fields.push_back({"kinds", "required", {}});
  if (role != Role::specialist && !kinds.empty())
    invalid.fields.push_back({"kinds", "not_allowed", {}});
  for (const auto &c : categories)
    if (!isKnownCategory(c)) {
      invalid.fields.push_back({"categories", "invalid_value", {}});
      break;
    }
}
} // namespace

bool isKnownCategory(const std::string &category) {
  return std::find(std::begin(core::reception::kBaseCategories),
                   std::end(core::reception::kBaseCategories),
                   category) != std::end(core::reception::kBaseCategories);
}

UserService::UserService(core::Store &store, const core::Clock &clock, core::Random &random,
                         PasswordHasher &hasher, reception::EventSink &events, MailSettings mail)
    : store_(store), clock_(clock), random_(random), hasher_(hasher), events_(events),
      mail_(std::move(mail)) {}

core::Status UserService::mayManage(const Caller &caller, const core::User &target) const {
  if (!caller.user) return ErrorCode::unauthenticated;
  if (caller.is(Role::admin)) return core::okStatus();
  if (caller.is(Role::coordinator) && caller.user->organisation_id &&
      target.organisation_id == caller.user->organisation_id &&
      (target.role == Role::specialist || target.role == Role::coordinator))
    return core::okStatus();
  return ErrorCode::forbidden;
}

core::Task<core::User> UserService::me(const Caller &caller) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  co_return co_await store_.getUser(caller.user->id);
}

core::Task<core::User> UserService::updateMe(const Caller &caller, UserChanges changes) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (changes.role || changes.kinds || changes.categories || changes.languages)
    co_return Error::field(changes.role ? "role" : "kinds", "not_allowed");
  auto user = co_await store_.getUser(caller.user->id);
  if (!user) co_return user.error();
  if (changes.display_name) {
    if (auto e = core::checkLine("display_name", *changes.display_name, core::kMaxDisplayName))
      co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
    user->display_name = *changes.display_name;
  }
  if (changes.language) user->language = *changes.language;
  // Only these two fields are written: a role an admin changed meanwhile stays changed.
  auto saved = co_await store_.updateProfile(user->id, user->display_name, user->language);
  if (!saved) co_return saved.error();
  co_return user;
}

core::Task<core::User> UserService::createStaff(const Caller &caller, NewStaff in) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(Role::admin) && !caller.is(Role::coordinator)) co_return ErrorCode::forbidden;
  if (caller.is(Role::coordinator)) {
    // A coordinator adds people to their own organisation only, and never admins.
    if (in.role == Role::admin || in.role == Role::citizen) co_return ErrorCode::forbidden;
    if (in.organisation_id && in.organisation_id != caller.user->organisation_id)
      co_return ErrorCode::forbidden;
    in.organisation_id = caller.user->organisation_id;
  }
  in.email = core::normaliseEmail(in.email);
  Error invalid = Error::make(ErrorCode::validation_failed);
  const bool invite = in.password.empty();
  // An invited person sets their own password; the check needs one, so a stand-in passes it.
  checkAccountFields(invalid, in.email, invite ? std::string(core::kMinPassword, 'x') : in.password,
                     in.display_name);
  if (in.capacity < 1 || in.capacity > kMaxCapacity)
    invalid.fields.push_back({"capacity", "out_of_range", {{"min", "1"}, {"max", "5"}}});
  if (in.role == Role::citizen) invalid.fields.push_back({"role", "not_allowed", {}});
  if ((in.role == Role::specialist || in.role == Role::coordinator) && !in.organisation_id)
    invalid.fields.push_back({"organisation_id", "required", {}});
  checkStaffShape(invalid, in.role, in.kinds, in.categories);
  if (!invalid.fields.empty()) co_return invalid;
  if (in.organisation_id) {
    auto org = co_await store_.getOrganisation(*in.organisation_id);
    if (!org) co_return Error::field("organisation_id", "not_found");
  }

  core::User user;
  user.id = random_.hex(16);
  user.email = in.email;
  user.display_name = in.display_name;
  user.role = in.role;
  user.kinds = in.kinds;
  user.organisation_id = in.organisation_id;
  user.language = in.language;
  user.languages = in.languages.empty() ? std::vector{in.language} : in.languages;
  user.categories = in.categories;
  user.capacity = in.capacity;
  user.created_at = clock_.now();
  if (invite) {
    // No password until the link is used: nothing signs in with an empty hash.
    auto invited = co_await inviteNew(user, caller);
    if (!invited) co_return invited.error();
    co_return user;
  }
  auto saved = co_await saveNewAccount(store_, hasher_, user, in.password);
  if (!saved) co_return saved.error();
  {
    const AuditEntry entry{caller.user->id, "user.created", "user", user.id,
                           R"({"role":")" + std::string(core::toString(user.role)) + R"("})"};
    co_await recordAudit(store_, clock_, caller, entry);
  }
  co_return user;
}

core::Mail UserService::invitationMail(const core::User &user, const Caller &caller,
                                       const std::string &url, core::Time now) {
  std::map<std::string, std::string> params{
      {"link", url}, {"name", user.display_name}, {"inviter", caller.user->display_name}};
  return newMail(core::MailKind::invitation, user.email, user.language, std::move(params), now,
                 random_);
}

core::Task<core::Unit> UserService::inviteNew(const core::User &user, const Caller &caller) {
  const auto now = clock_.now();
  const AccountLink link =
      newAccountLink(mail_, core::TokenPurpose::invitation, user.id, now, random_);
  core::UnitOfWork work;
  work.add(core::NewUser{user});
  work.add(core::NewAccountToken{link.token});
  work.add(core::NewMail{invitationMail(user, caller, link.url, now)});
  const AuditEntry entry{caller.user->id, "user.invited", "user", user.id,
                         R"({"role":")" + std::string(core::toString(user.role)) + R"("})"};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto committed = co_await store_.commit(work);
  if (!committed) {
    if (committed.error().code == ErrorCode::conflict) co_return Error::field("email", "taken");
    co_return committed.error();
  }
  co_return core::Unit{};
}

core::Task<core::Unit> UserService::resendInvitation(const Caller &caller, const std::string &id) {
  auto found = co_await get(caller, id);
  if (!found) co_return found.error();
  const core::User user = std::move(found).value();
  if (auto allowed = mayManage(caller, user); !allowed) co_return allowed.error();
  if (!user.password_hash.empty()) co_return Error::field("id", "already_joined");
  if (user.deactivated_at) co_return Error::field("id", "deactivated");
  const auto now = clock_.now();
  const AccountLink link =
      newAccountLink(mail_, core::TokenPurpose::invitation, user.id, now, random_);
  core::UnitOfWork work;
  work.add(core::NewAccountToken{link.token});
  work.add(core::NewMail{invitationMail(user, caller, link.url, now)});
  const AuditEntry entry{caller.user->id, "user.invitation_resent", "user", user.id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto committed = co_await store_.commit(work);
  if (!committed) co_return committed.error();
  co_return core::Unit{};
}

core::Task<core::User> UserService::setActive(const Caller &caller, const std::string &id,
                                              bool active) {
  auto found = co_await get(caller, id);
  if (!found) co_return found.error();
  core::User user = std::move(found).value();
  if (auto allowed = mayManage(caller, user); !allowed) co_return allowed.error();
  if (user.id == caller.user->id) co_return Error::field("id", "not_yourself");
  if (active == !user.deactivated_at) co_return user; // nothing to change
  const auto now = clock_.now();
  if (active)
    user.deactivated_at.reset();
  else
    user.deactivated_at = now;
  core::UnitOfWork work;
  work.add(core::AccountActivity{user.id, user.deactivated_at});
  if (!active) work.add(core::SessionsEnded{user.id, std::nullopt});
  const AuditEntry entry{caller.user->id, active ? "user.reactivated" : "user.deactivated", "user",
                         user.id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto committed = co_await store_.commit(work);
  if (!committed) co_return committed.error();
  if (!active) {
    // Their open pages end at once, here and on every instance.
    reception::Event ended{reception::Event::Type::access, user.id};
    events_.publish(ended);
  }
  co_return user;
}

core::Task<std::vector<core::User>> UserService::list(const Caller &caller) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (caller.is(Role::admin)) co_return co_await store_.listUsers(std::nullopt);
  if (caller.is(Role::coordinator) && caller.user->organisation_id)
    co_return co_await store_.listUsers(caller.user->organisation_id);
  co_return ErrorCode::forbidden;
}

core::Task<core::User> UserService::get(const Caller &caller, const std::string &id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto user = co_await store_.getUser(id);
  if (!user) co_return user.error();
  if (caller.user->id == id) co_return user;
  // Not found rather than forbidden, so that ids of strangers cannot be probed.
  if (!mayManage(caller, *user)) co_return ErrorCode::not_found;
  co_return user;
}

core::Task<core::User> UserService::update(const Caller &caller, const std::string &id,
                                           UserChanges changes) {
  auto found = co_await get(caller, id);
  if (!found) co_return found.error();
  core::User user = std::move(found).value();
  if (auto allowed = mayManage(caller, user); !allowed) co_return allowed.error();
  // Nobody changes their own access: a coordinator who made themself a specialist could
  // seat themself in rooms and read their notes. Another coordinator or an admin must.
  if (caller.user->id == user.id &&
      (changes.role || changes.kinds || changes.languages || changes.categories))
    co_return Error::field(changes.role ? "role" : "kinds", "not_allowed");
  const Role old_role = user.role;
  if (changes.role) {
    if (*changes.role == Role::admin && !caller.is(Role::admin)) co_return ErrorCode::forbidden;
    if (*changes.role == Role::citizen) co_return Error::field("role", "not_allowed");
    user.role = *changes.role;
  }
  if (changes.display_name) {
    if (auto e = core::checkLine("display_name", *changes.display_name, core::kMaxDisplayName))
      co_return Error{ErrorCode::validation_failed, {*e}, {}, {}};
    user.display_name = *changes.display_name;
  }
  if (changes.language) user.language = *changes.language;
  if (changes.kinds) user.kinds = *changes.kinds;
  if (changes.languages) user.languages = *changes.languages;
  if (changes.categories) user.categories = *changes.categories;
  if (user.role != Role::specialist) user.kinds.clear();
  Error invalid = Error::make(ErrorCode::validation_failed);
  if (changes.capacity) {
    if (*changes.capacity < 1 || *changes.capacity > kMaxCapacity)
      invalid.fields.push_back({"capacity", "out_of_range", {{"min", "1"}, {"max", "5"}}});
    user.capacity = *changes.capacity;
  }
  checkStaffShape(invalid, user.role, user.kinds, user.categories);
  if (!invalid.fields.empty()) co_return invalid;
  auto saved = co_await store_.updateUser(user);
  if (!saved) co_return saved.error();
  if (user.role != old_role) {
    // What the user's open pages may do changed: their live connections end, and reopen
    // with the new role.
    events_.publish({reception::Event::Type::access, user.id});
    const AuditEntry entry{caller.user->id, "user.role_changed", "user", user.id,
                           R"({"from":")" + std::string(core::toString(old_role)) + R"(","to":")" +
                               std::string(core::toString(user.role)) + R"("})"};
    co_await recordAudit(store_, clock_, caller, entry);
  }
  co_return user;
}

} // namespace kelisim::app
