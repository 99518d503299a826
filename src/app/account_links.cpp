#include "app/account_links.hpp"

#include "app/sodium_random.hpp"
#include "core/ids.hpp"

namespace kelisim::app {

std::string pageUrl(const MailSettings &settings, std::string_view path) {
  std::string url = settings.public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  url += path;
  return url;
}

AccountLink newAccountLink(const MailSettings &settings, core::TokenPurpose purpose,
                           const std::string &user_id, core::Time now, core::Random &random) {
  const std::string secret = core::newToken(now, random, 24);
  AccountLink link;
  link.token.token_hash = tokenKey(secret);
  link.token.purpose = purpose;
  link.token.user_id = user_id;
  link.token.created_at = now;
  using std::chrono::milliseconds;
  link.token.expires_at =
      now + (purpose == core::TokenPurpose::invitation
                 ? std::chrono::duration_cast<milliseconds>(settings.invitation_lifetime)
                 : std::chrono::duration_cast<milliseconds>(settings.reset_lifetime));
  link.url = pageUrl(settings, "/set-password#") + secret;
  return link;
}

core::Mail newMail(core::MailKind kind, const std::string &recipient, core::Language language,
                   std::map<std::string, std::string> params, core::Time now,
                   core::Random &random) {
  core::Mail m;
  m.id = core::newId(now, random);
  m.kind = kind;
  m.recipient = recipient;
  m.language = language;
  m.params = std::move(params);
  m.created_at = now;
  m.send_at = now;
  return m;
}

} // namespace kelisim::app
