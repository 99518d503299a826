// The scheduled record of a professional conference (issue 9): the conference with its
// ordered agenda (each item carries its minutes), its participants (moderators, invited
// specialists of any organisation, guests invited by e-mail who have no account until they
// open their link) and the proposals made in it. Plain values and the pure rules on them:
// what a conference looks like now (upcoming, live, ended, cancelled) and what changing a
// proposal's status does. The live part (stage, hands, lobby) is not kept here.
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/time.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kelisim::core::conference {

enum class ConferenceStatus { scheduled, cancelled, ended };
enum class ParticipantRole { moderator, speaker, guest };
enum class ProposalStatus { open, in_progress, done, dropped };
// What a conference is at a moment: before its start, on (from starts_at until ends_at or
// until a moderator ends it), over, or cancelled.
enum class Phase { upcoming, live, ended, cancelled };

std::string_view toString(ConferenceStatus v);
std::string_view toString(ParticipantRole v);
std::string_view toString(ProposalStatus v);
std::string_view toString(Phase v);
std::optional<ConferenceStatus> parseConferenceStatus(std::string_view s);
std::optional<ParticipantRole> parseParticipantRole(std::string_view s);
std::optional<ProposalStatus> parseProposalStatus(std::string_view s);

// Limits shared by the API, the service and the pages.
inline constexpr std::size_t kMaxTitle = 200;
inline constexpr std::size_t kMaxDescription = 4000;
inline constexpr std::size_t kMaxAgendaItems = 30;
inline constexpr std::size_t kMaxParticipants = 300; // specialists and guests together
inline constexpr std::size_t kMaxMinutes = 20000;
inline constexpr std::size_t kMaxProposalText = 2000;
inline constexpr std::size_t kMaxName = 200;
inline constexpr std::size_t kMaxProposalsPerConference = 500;
inline constexpr auto kMaxLength = std::chrono::hours(24); // ends_at - starts_at
inline constexpr std::size_t kMaxChatMessage = 4000;       // as a consultation room's
inline constexpr std::size_t kMaxChatClientId = 64;

struct AgendaItem {
  std::string id;
  std::string title;
  std::string minutes; // edited by moderators
  bool operator==(const AgendaItem &) const = default;
};

struct Participant {
  ParticipantRole role = ParticipantRole::speaker;
  // A specialist's account; a guest's only once they have opened their link (a guest
  // account is made then).
  std::optional<std::string> user_id;
  std::string name;  // a guest's name as invited (specialists: read from the account)
  std::string email; // a guest's address (empty for specialists)
  Language language = Language::ru;
  std::string token_hash; // a guest's link, stored as app::tokenKey (empty for specialists)
  bool operator==(const Participant &) const = default;
};

struct Conference {
  std::string id;
  std::string organisation_id; // the organiser's centre (coordinators see its proposals)
  std::string title;
  std::string description;
  Language language = Language::ru;
  Time starts_at{};
  Time ends_at{};
  ConferenceStatus status = ConferenceStatus::scheduled;
  std::optional<Time> ended_at; // a moderator ended it before ends_at
  std::string created_by;
  Time created_at{};
  std::vector<AgendaItem> agenda;        // in order
  std::vector<Participant> participants; // moderators first, then as invited
  bool operator==(const Conference &) const = default;
};

struct Proposal {
  std::string id;
  std::string conference_id;
  std::optional<std::string> agenda_item_id;
  std::string text;
  std::optional<std::string> owner_id; // an invited specialist
  std::string owner_name;              // or a name in free text (when owner_id is empty)
  std::string due_date;                // YYYY-MM-DD
  ProposalStatus status = ProposalStatus::open;
  std::string created_by;
  Time created_at{};
  std::optional<Time> closed_at; // set when done or dropped
  bool operator==(const Proposal &) const = default;
};

// A line of a conference's chat, as stored: numbered from 1 per conference in the order it
// was committed; once per (sender, client_id).
struct ChatMessage {
  std::string conference_id;
  std::int64_t seq = 0;
  std::string id;
  std::string sender_id;
  std::string sender_name; // as shown when it was written
  std::string client_id;   // the sending page's own id for it
  std::string body;
  Time at{};
  bool operator==(const ChatMessage &) const = default;
};

// The phase of `c` at `now`.
Phase phaseAt(const Conference &c, Time now);

// A proposal moved to `to` at `now`: closed_at is set when it becomes done or dropped and
// cleared when it is opened again; an open proposal stays open until someone closes it.
Proposal withStatus(Proposal p, ProposalStatus to, Time now);

// A schedule's times: ends after it starts, at most kMaxLength long. Field errors on
// "starts_at"/"ends_at" (validation_failed) or ok.
Status checkTimes(Time starts_at, Time ends_at);

// "YYYY-MM-DD" with a real month and day.
bool isDate(std::string_view s);

} // namespace kelisim::core::conference
