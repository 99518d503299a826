#include "core/conference/model.hpp"

#include "core/enum_text.hpp"

namespace kelisim::core::conference {

namespace {
constexpr std::string_view kStatuses[] = {"scheduled", "cancelled", "ended"};
constexpr std::string_view kRoles[] = {"moderator", "speaker", "guest"};
constexpr std::string_view kProposalStatuses[] = {"open", "in_progress", "done", "dropped"};
constexpr std::string_view kPhases[] = {"upcoming", "live", "ended", "cancelled"};
} // namespace

std::string_view toString(ConferenceStatus v) {
  return kStatuses[static_cast<int>(v)];
}
std::string_view toString(ParticipantRole v) {
  return kRoles[static_cast<int>(v)];
}
std::string_view toString(ProposalStatus v) {
  return kProposalStatuses[static_cast<int>(v)];
}
std::string_view toString(Phase v) {
  return kPhases[static_cast<int>(v)];
}
std::optional<ConferenceStatus> parseConferenceStatus(std::string_view s) {
  return parseIn<ConferenceStatus>(kStatuses, s);
}
std::optional<ParticipantRole> parseParticipantRole(std::string_view s) {
  return parseIn<ParticipantRole>(kRoles, s);
}
std::optional<ProposalStatus> parseProposalStatus(std::string_view s) {
  return parseIn<ProposalStatus>(kProposalStatuses, s);
}

Phase phaseAt(const Conference &c, Time now) {
  if (c.status == ConferenceStatus::cancelled) return Phase::cancelled;
  if (c.status == ConferenceStatus::ended || now >= c.ends_at) return Phase::ended;
  if (now < c.starts_at) return Phase::upcoming;
  return Phase::live;
}

Proposal withStatus(Proposal p, ProposalStatus to, Time now) {
  const bool closing = to == ProposalStatus::done || to == ProposalStatus::dropped;
  if (!closing)
    p.closed_at.reset();
  else if (p.status != to || !p.closed_at)
    p.closed_at = now;
  p.status = to;
  return p;
}

Status checkTimes(Time starts_at, Time ends_at) {
  if (ends_at <= starts_at) return Error::field("ends_at", "not_after_start");
  if (ends_at - starts_at > kMaxLength) return Error::field("ends_at", "too_long_span");
  return okStatus();
}

bool isDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = (s[5] - '0') * 10 + (s[6] - '0');
  const int d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < 2000 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

} // namespace kelisim::core::conference
