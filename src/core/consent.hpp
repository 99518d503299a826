// Consent to the processing of personal data (Law of the RK No. 94-V, Art. 8): the version of
// the consent text now shown. The texts themselves (`consent.ticket`, `consent.account`) are
// in the server's catalogue (src/i18n/*.json) beside `consent.version`, which must equal this;
// change both whenever a text changes, so every ticket and account records what its citizen
// accepted.
#pragma once

#include "core/error.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kelisim::core {

inline constexpr std::string_view kConsentVersion = "2026-12-07";

// The field error for a consent given (or not) with `version` (absent: the current one, for
// clients that do not send it); nullopt when it is accepted.
inline std::optional<FieldError> checkConsent(bool given,
                                              const std::optional<std::string> &version) {
  if (!given) return FieldError{"consent", "required", {}};
  if (version && *version != kConsentVersion) return FieldError{"consent", "outdated", {}};
  return std::nullopt;
}

} // namespace kelisim::core
