// The records of a virtual reception (issue 3): receptions and permanent lines, the duty
// roster, tickets (a citizen's question waiting for help), rooms (one live consultation,
// possibly a panel of several specialists), chat messages, private notes, attachments,
// feedback. Plain values; the enums' text forms are the API's and the database's.
//
// A ticket's life (scheduled ─▶ waiting ─▶ in_room ─▶ closed, and its seats) is decided by
// ticket_lifecycle.hpp, where every transition and its rules are listed.
#pragma once

#include "core/model.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kelisim::core::reception {

enum class ReceptionKind { event, permanent };
enum class Channel { chat, voice, video, phone };
enum class TicketStatus { scheduled, waiting, in_room, deferred, closed, no_show, abandoned };
enum class Outcome {
  advice_given,
  referred_to_mediation,
  referred_to_court,
  referred_to_public_body,
  follow_up_needed,
  not_resolved
};
enum class MessageKind { text, attachment, system };

std::string_view toString(ReceptionKind v);
std::string_view toString(Channel v);
std::string_view toString(TicketStatus v);
std::string_view toString(Outcome v);
std::string_view toString(MessageKind v);
std::optional<ReceptionKind> parseReceptionKind(std::string_view s);
std::optional<Channel> parseChannel(std::string_view s);
std::optional<TicketStatus> parseTicketStatus(std::string_view s);
std::optional<Outcome> parseOutcome(std::string_view s);
std::optional<MessageKind> parseMessageKind(std::string_view s);

// The question categories every reception may offer; an admin may add more (stored in the
// `categories` table, see Store::listCategories).
inline constexpr std::string_view kBaseCategories[] = {
    "family", "civil", "labour", "housing", "health", "consumer", "corruption", "other"};

// Opening hours of a permanent line, in Kazakhstan's time (UTC+5).
struct WeeklyHours {
  int weekday = 1;     // ISO: 1 Monday … 7 Sunday
  int from_minute = 0; // minutes after local midnight, [0, 1440)
  int to_minute = 0;   // exclusive, (from_minute, 1440]
  bool operator==(const WeeklyHours &) const = default;
};

struct Reception {
  std::string id;
  std::string organisation_id;
  ReceptionKind kind = ReceptionKind::event;
  LocalText title;
  LocalText description;
  Time starts_at{}; // permanent line: when it was set up
  Time ends_at{};   // permanent line: far future
  std::vector<std::string> categories;
  std::vector<Channel> channels;
  std::vector<WeeklyHours> hours;    // permanent line only
  std::vector<std::string> holidays; // permanent line only: local dates "YYYY-MM-DD"
  int slot_minutes = 0;              // length of a pre-registration slot; 0: walk-in only
  std::optional<Time> closed_at;     // closed early (or at its end) by a coordinator
  std::string created_by;
  Time created_at{};
  bool operator==(const Reception &) const = default;
};

// One specialist on duty for a reception between two instants, serving some of their kinds.
struct DutyShift {
  std::string reception_id;
  std::string specialist_id;
  std::vector<SpecialistKind> kinds;
  Time from{};
  Time to{};
  bool operator==(const DutyShift &) const = default;
};

// One kind a ticket asked for, and who took it (a panel ticket has several seats).
struct Seat {
  SpecialistKind kind = SpecialistKind::other;
  std::optional<std::string> specialist_id;
  std::optional<Time> joined_at;
  bool operator==(const Seat &) const = default;
};

struct Ticket {
  std::string id;
  std::string reception_id;
  std::string organisation_id;
  std::optional<std::string> citizen_id; // the signed-in (or guest) citizen
  std::string region;                    // ISO 3166-2:KZ
  Language language = Language::ru;
  std::string category;
  std::string description; // up to 4,000 characters
  Channel channel = Channel::chat;
  std::vector<Seat> seats; // one per kind asked for, in the order asked
  std::optional<std::string> contact;
  int priority = 0;
  TicketStatus status = TicketStatus::waiting;
  std::optional<Time> slot_at; // pre-registered for this time
  std::string secret_hash;     // hex SHA-256 of the return link's token
  std::optional<std::string> room_id;
  Time created_at{};
  std::optional<Time> served_at; // first specialist joined
  std::optional<Time> ended_at;  // closed, no-show, abandoned
  std::string consent_version;   // of the consent text the citizen accepted (Law No. 94-V)
  std::optional<Time> consent_at;
  std::optional<Time> erased_at; // personal data erased: on request or after retention
  bool operator==(const Ticket &) const = default;
};

struct Room {
  std::string id;
  std::string ticket_id;
  std::string reception_id;
  std::string organisation_id;
  Time created_at{};
  std::optional<Time> closed_at;
  std::optional<Outcome> outcome;
  std::string summary;      // short summary for the citizen, written on closing
  int duration_seconds = 0; // phone consultations: as recorded; others: computed on closing
  std::int64_t last_seq = 0;
  bool operator==(const Room &) const = default;
};

// What happened to a consultation's call, for its record and the figures (issue 9): the call
// started or ended (detail: its length in seconds), a person joined or left, was removed, a
// separate session started or ended (detail: the party), a person's mode changed (detail:
// "video|audio|chat:<reason>"), a call-back was asked for, TURN was used. No media, no
// address.
struct CallRecord {
  std::string room_id;
  Time at{};
  std::string kind;    // started, ended, joined, left, removed, caucus_started, caucus_ended,
                       // mode, callback, relayed
  std::string user_id; // who (empty: the call itself)
  std::string detail;
  bool operator==(const CallRecord &) const = default;
};

struct RoomMember {
  std::string room_id;
  std::string user_id;
  std::optional<SpecialistKind> kind; // nullopt: the citizen
  Time joined_at{};
  std::optional<Time> left_at;
  std::int64_t last_read_seq = 0;
  bool operator==(const RoomMember &) const = default;
};

struct ChatMessage {
  std::string room_id;
  std::int64_t seq = 0; // 1, 2, 3 … per room, assigned by the store
  std::string sender_id;
  std::string client_id; // the sender's id for the message: a resend is not stored twice
  MessageKind kind = MessageKind::text;
  std::string body;
  std::optional<std::string> attachment_id;
  Time at{};
  bool operator==(const ChatMessage &) const = default;
};

struct Note {
  std::string id;
  std::string room_id;
  std::string author_id;
  std::string body;
  Time at{};
  bool operator==(const Note &) const = default;
};

struct Attachment {
  std::string id;
  std::string room_id;
  std::string uploader_id;
  std::string file_name;
  std::string content_type; // application/pdf, image/png, image/jpeg, image/webp
  std::int64_t size = 0;
  Time at{};
  bool operator==(const Attachment &) const = default;
};

struct Feedback {
  std::string ticket_id;
  std::string reception_id;
  std::string organisation_id;
  int rating = 0; // 1..5
  std::string comment;
  std::string proposal;
  Time at{};
  bool operator==(const Feedback &) const = default;
};

// One consultation as the figures see it: a ticket that reached a room, joined with its room
// and feedback (phone consultations included).
struct ConsultationRecord {
  std::string ticket_id;
  std::string reception_id;
  std::string organisation_id;
  std::string region;
  Language language = Language::ru;
  std::string category;
  Channel channel = Channel::chat;
  std::vector<SpecialistKind> kinds;
  TicketStatus status = TicketStatus::closed;
  Time created_at{};
  std::optional<Time> served_at;
  std::optional<Time> ended_at;
  std::optional<Outcome> outcome;
  int duration_seconds = 0;
  std::optional<int> rating;
  bool operator==(const ConsultationRecord &) const = default;
};

} // namespace kelisim::core::reception
