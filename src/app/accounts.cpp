#include "app/accounts.hpp"

#include "core/validation.hpp"

namespace kelisim::app {

using core::Error;
using core::ErrorCode;

void checkAccountFields(Error &invalid, const std::string &email, const std::string &password,
                        const std::string &display_name) {
  if (auto e = core::checkEmail("email", email)) invalid.fields.push_back(*e);
  if (auto e = core::checkPassword("password", password)) invalid.fields.push_back(*e);
  if (auto e = core::checkLine("display_name", display_name, core::kMaxDisplayName))
    invalid.fields.push_back(*e);
}

core::Task<core::Unit> saveNewAccount(core::Store &store, PasswordHasher &hasher, core::User &user,
                                      const std::string &password) {
  user.password_hash = co_await hasher.hash(password);
  if (user.password_hash.empty()) co_return Error::make(ErrorCode::internal, "argon2id failed");
  auto created = co_await store.createUser(user);
  if (!created) {
    if (created.error().code == ErrorCode::conflict) co_return Error::field("email", "taken");
    co_return created.error();
  }
  co_return core::Unit{};
}

} // namespace kelisim::app
