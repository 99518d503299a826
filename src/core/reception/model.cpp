#include "core/reception/model.hpp"

#include "core/enum_text.hpp"

namespace kelisim::core::reception {

namespace {
constexpr std::string_view kReceptionKinds[] = {"event", "permanent"};
constexpr std::string_view kChannels[] = {"chat", "voice", "video", "phone"};
constexpr std::string_view kStatuses[] = {"scheduled", "waiting", "in_room",  "deferred",
                                          "closed",    "no_show", "abandoned"};
constexpr std::string_view kOutcomes[] = {"advice_given",      "referred_to_mediation",
                                          "referred_to_court", "referred_to_public_body",
                                          "follow_up_needed",  "not_resolved"};
constexpr std::string_view kMessageKinds[] = {"text", "attachment", "system"};

} // namespace

std::string_view toString(ReceptionKind v) {
  return kReceptionKinds[static_cast<int>(v)];
}
std::string_view toString(Channel v) {
  return kChannels[static_cast<int>(v)];
}
std::string_view toString(TicketStatus v) {
  return kStatuses[static_cast<int>(v)];
}
std::string_view toString(Outcome v) {
  return kOutcomes[static_cast<int>(v)];
}
std::string_view toString(MessageKind v) {
  return kMessageKinds[static_cast<int>(v)];
}
std::optional<ReceptionKind> parseReceptionKind(std::string_view s) {
  return parseIn<ReceptionKind>(kReceptionKinds, s);
}
std::optional<Channel> parseChannel(std::string_view s) {
  return parseIn<Channel>(kChannels, s);
}
std::optional<TicketStatus> parseTicketStatus(std::string_view s) {
  return parseIn<TicketStatus>(kStatuses, s);
}
std::optional<Outcome> parseOutcome(std::string_view s) {
  return parseIn<Outcome>(kOutcomes, s);
}
std::optional<MessageKind> parseMessageKind(std::string_view s) {
  return parseIn<MessageKind>(kMessageKinds, s);
}

} // namespace kelisim::core::reception
