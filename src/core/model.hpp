// The records of Kelisim's foundation: people, their roles and organisations, regions,
// sign-in sessions and the audit trail. Plain values; the enums' text forms are the API's
// and the database's (see toString/parse* below), so they never change once released.
#pragma once

#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kelisim::core {

enum class Role { citizen, specialist, coordinator, admin };
enum class SpecialistKind { mediator, psychologist, lawyer, judge, doctor, anticorruption, other };
enum class Language { kk, ru, en };

std::string_view toString(Role r);
std::string_view toString(SpecialistKind k);
std::string_view toString(Language l);
std::optional<Role> parseRole(std::string_view s);
std::optional<SpecialistKind> parseSpecialistKind(std::string_view s);
std::optional<Language> parseLanguage(std::string_view s);
// Picks kk, ru or en from an Accept-Language header by q-value; `fallback` if none fits.
Language negotiateLanguage(std::string_view accept_language, Language fallback);

inline constexpr SpecialistKind kAllKinds[] = {
    SpecialistKind::mediator, SpecialistKind::psychologist, SpecialistKind::lawyer,
    SpecialistKind::judge,    SpecialistKind::doctor,       SpecialistKind::anticorruption,
    SpecialistKind::other};

// A text in the three interface languages.
struct LocalText {
  std::string kk, ru, en;
  const std::string &in(Language l) const {
    return l == Language::kk ? kk : l == Language::ru ? ru : en;
  }
  bool operator==(const LocalText &) const = default;
};

struct Region {
  std::string code; // ISO 3166-2:KZ, e.g. "KZ-71"
  std::string kind; // "region" or "city"
  LocalText name;
  bool operator==(const Region &) const = default;
};

struct Organisation {
  std::string id;
  LocalText name;
  std::string region; // ISO 3166-2:KZ
  Time created_at{};
  bool operator==(const Organisation &) const = default;
};

struct User {
  std::string id;
  std::string email; // lower-cased
  std::string display_name;
  Role role = Role::citizen;
  std::vector<SpecialistKind> kinds; // specialists only
  std::optional<std::string> organisation_id;
  Language language = Language::ru;    // interface language
  std::vector<Language> languages;     // languages a specialist consults in
  std::vector<std::string> categories; // question categories a specialist takes
  std::string password_hash;           // argon2id encoded string
  int failed_sign_ins = 0;
  std::optional<Time> locked_until;
  Time created_at{};
  std::optional<Time> deactivated_at; // set: cannot sign in, has no sessions
  int capacity = 1;                   // consultations a specialist holds at once (1..5)
  std::string consent_version;        // of the consent text accepted at sign-up (Law No. 94-V)
  std::optional<Time> consent_at;
  bool operator==(const User &) const = default;
};

// A citizen who asked without signing up: an account with no password, reached only through
// its session or a ticket's return link, under an address no mail can reach (RFC 2606).
std::string guestEmail(const std::string &user_id);
bool isGuest(const User &user);

struct Session {
  std::string token_hash; // hex SHA-256 of the secret token; the token itself is never stored
  std::string user_id;
  std::string csrf_token;
  Time created_at{};
  Time expires_at{};
  bool operator==(const Session &) const = default;
};

struct AuditEvent {
  std::int64_t id = 0; // assigned by the store
  Time at{};
  std::optional<std::string> actor_id;
  std::string action;      // e.g. "auth.sign_in", "auth.sign_in_failed", "user.role_changed"
  std::string object_type; // e.g. "user"
  std::string object_id;
  std::string detail; // small JSON object; never secrets or mediation content
  std::string ip;
  // The seal (app/audit_chain): the entry before this one and the chain's hash up to here.
  // Empty until sealed, a moment after the entry is written.
  std::optional<std::int64_t> prev_id;
  std::string hash;
  bool operator==(const AuditEvent &) const = default;
};

} // namespace kelisim::core
