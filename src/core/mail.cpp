#include "core/ports/mail.hpp"
#include "core/enum_text.hpp"

namespace kelisim::core {

namespace {
constexpr std::string_view kMailKinds[] = {"invitation",
                                           "password_reset",
                                           "return_link",
                                           "requeued",
                                           "reminder",
                                           "reception_closed",
                                           "conference_invitation",
                                           "conference_cancelled",
                                           "mediation_invitation",
                                           "mediation_reminder"};
constexpr std::string_view kPurposes[] = {"invitation", "password_reset"};
} // namespace

std::string_view toString(MailKind kind) {
  return kMailKinds[static_cast<int>(kind)];
}
std::optional<MailKind> parseMailKind(std::string_view text) {
  return parseIn<MailKind>(kMailKinds, text);
}
std::string_view toString(TokenPurpose purpose) {
  return kPurposes[static_cast<int>(purpose)];
}
std::optional<TokenPurpose> parseTokenPurpose(std::string_view text) {
  return parseIn<TokenPurpose>(kPurposes, text);
}

} // namespace kelisim::core
