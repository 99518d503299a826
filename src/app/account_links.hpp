// One-time account links and the mails that carry them (issue 8). A link is
// `<public_url>/set-password#<secret>`: the secret sits in the fragment, so it never reaches
// a server log or a Referer header; the page posts it. Stored only as app::tokenKey. An
// invitation is good for 7 days, a password reset for 1 hour; either is used once.
#pragma once

#include "core/ports/mail.hpp"
#include "core/ports/random.hpp"

#include <chrono>
#include <map>
#include <string>

namespace kelisim::app {

struct MailSettings {
  std::string public_url = "http://localhost:8080"; // links in mails start with it
  std::chrono::hours invitation_lifetime{24 * 7};
  std::chrono::minutes reset_lifetime{60};
};

struct AccountLink {
  core::AccountToken token; // to store
  std::string url;          // to mail; never store or log
};

AccountLink newAccountLink(const MailSettings &settings, core::TokenPurpose purpose,
                           const std::string &user_id, core::Time now, core::Random &random);

// A mail of `kind` to `recipient` in `language`, due at `send_at` (now, unless a reminder).
core::Mail newMail(core::MailKind kind, const std::string &recipient, core::Language language,
                   std::map<std::string, std::string> params, core::Time now, core::Random &random);

// An absolute link to a page of the product: public_url + path.
std::string pageUrl(const MailSettings &settings, std::string_view path);

} // namespace kelisim::app
