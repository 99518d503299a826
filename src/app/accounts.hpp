// What every way of creating an account shares (citizen sign-up, staff created by an admin
// or coordinator, the command line): the checks of e-mail, password and name, and storing
// the new user with an argon2id hash, a taken e-mail becoming a field error.
#pragma once

#include "app/password_hasher.hpp"
#include "core/ports/store.hpp"

#include <string>

namespace kelisim::app {

// Adds a FieldError to `invalid` for each of the three that is wrong.
void checkAccountFields(core::Error &invalid, const std::string &email, const std::string &password,
                        const std::string &display_name);

// Hashes `password` into `user` and stores the user. Pass a named User: it is read after
// suspension.
core::Task<core::Unit> saveNewAccount(core::Store &store, PasswordHasher &hasher, core::User &user,
                                      const std::string &password);

} // namespace kelisim::app
