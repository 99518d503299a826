// A live consultation: one room per ticket with the citizen and one specialist per kind
// asked for. Chat messages get a per-room sequence number and are acknowledged only after
// they are committed; a client that reconnects reads what it missed by sequence. Private
// notes for the specialists, attachments for the members, transfers and invitations, the
// outcome on closing, the transcript, and consultations held by phone.
#pragma once

#include "app/caller.hpp"
#include "app/reception/attachment_files.hpp"
#include "app/reception/events.hpp"
#include "app/reception/queue_service.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"
#include "core/reception/model.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace kelisim::app::reception {

inline constexpr std::size_t kMaxMessage = 4000;
inline constexpr std::size_t kMaxClientId = 64;
inline constexpr std::size_t kMaxNote = 4000;
inline constexpr std::size_t kMaxSummary = 1000;
inline constexpr std::size_t kMaxFileName = 200;
inline constexpr std::int64_t kMaxAttachmentBytes = 10 * 1024 * 1024;
inline constexpr int kMaxPhoneMinutes = 600;

// What may be attached: per room in all, and per person over the last 24 hours (whatever
// the room). A file that would pass either is refused with quota_exceeded.
struct AttachmentQuota {
  std::int64_t room_files = 100;
  std::int64_t room_bytes = 200LL << 20;
  std::int64_t person_files_per_day = 50;
  std::int64_t person_bytes_per_day = 100LL << 20;
};

struct RoomSettings {
  std::filesystem::path attachments_dir;
  AttachmentQuota quota{};
  std::size_t file_threads = 2; // AttachmentFiles' pool
};

struct RoomView {
  rc::Room room;
  rc::Ticket ticket;
  std::vector<rc::RoomMember> members;
  std::map<std::string, std::string> names; // user id → display name
  std::vector<core::SpecialistKind> awaited;
};

struct MessageView {
  rc::ChatMessage message;
  std::string sender_name;
  std::optional<rc::Attachment> attachment;
};

struct PhoneConsultation {
  std::optional<std::string> reception_id;
  std::string region;
  core::Language language = core::Language::ru;
  std::string category;
  std::vector<core::SpecialistKind> kinds;
  std::optional<rc::Outcome> outcome;
  int duration_minutes = 0;
  std::string summary;
};

class RoomService {
public:
  RoomService(core::Store &store, const core::Clock &clock, core::Random &random,
              QueueService &queue, EventSink &events, RoomSettings settings);

  // The attachments' files (personal data erasure removes them).
  AttachmentFiles &files() { return files_; }

  // Members, and the coordinators of the organisation (without the messages).
  Task<RoomView> get(const Caller &caller, const std::string &room_id);
  // The room the caller has just been seated in (QueueService::takeNext, accept): its view,
  // announced to its members with a `room` event and given back for the answer.
  Task<RoomView> joined(const Caller &caller, const rc::Room &room);
  // Members only.
  Task<std::vector<MessageView>> messages(const Caller &caller, const std::string &room_id,
                                          std::int64_t after_seq, int limit);
  Task<MessageView> send(const Caller &caller, const std::string &room_id, std::string client_id,
                         std::string body);
  Task<core::Unit> typing(const Caller &caller, const std::string &room_id);
  Task<core::Unit> read(const Caller &caller, const std::string &room_id, std::int64_t seq);

  // Specialists of the room only; the citizen never sees notes, even one who is staff.
  Task<std::vector<rc::Note>> notes(const Caller &caller, const std::string &room_id);
  Task<rc::Note> addNote(const Caller &caller, const std::string &room_id, std::string body);

  // A specialist of the room closes it with an outcome (or marks the citizen a no-show).
  Task<RoomView> close(const Caller &caller, const std::string &room_id,
                       std::optional<rc::Outcome> outcome, std::string summary, bool no_show);
  Task<RoomView> invite(const Caller &caller, const std::string &room_id,
                        const std::string &specialist_id);
  // The calling specialist hands their place to another kind (the ticket waits for one) and
  // leaves the room.
  Task<RoomView> transfer(const Caller &caller, const std::string &room_id,
                          core::SpecialistKind kind);
  // The calling specialist hands their place to a chosen colleague of the organisation (who
  // takes it at once, in their own kind) and leaves the room.
  Task<RoomView> transferTo(const Caller &caller, const std::string &room_id,
                            const std::string &specialist_id);

  // The room and all its messages, for the transcript (members; the citizen their own).
  Task<std::pair<RoomView, std::vector<MessageView>>> transcript(const Caller &caller,
                                                                 const std::string &room_id);

  // Before a file's bytes are read: the caller is a member of the open room, and a file of
  // `size` bytes (as announced) fits the file limit and the quotas. The transport asks this
  // as soon as it has a request's header, so a stranger's or an oversized upload is refused
  // without reading its body; upload() checks all of it again.
  Task<core::Unit> mayUpload(const Caller &caller, const std::string &room_id, std::int64_t size);
  // Stores a file checked by its content (core/file_type.hpp): its type must be the one
  // claimed (or none claimed); the name gets an extension that fits. Written off the io
  // threads and flushed before the record is committed and the members are told.
  Task<MessageView> upload(const Caller &caller, const std::string &room_id, std::string file_name,
                           std::string content_type, const std::string &bytes);
  // The attachment and its bytes, read off the io threads (members only).
  Task<std::pair<rc::Attachment, std::string>> download(const Caller &caller,
                                                        const std::string &id);

  Task<rc::Ticket> recordPhone(const Caller &caller, PhoneConsultation input);

  // Without authorisation: for delivering events to people already known to be members. The
  // ticket and members are read unless given (as just committed).
  Task<RoomView> view(const rc::Room &room, const rc::Ticket *ticket = nullptr,
                      const std::vector<rc::RoomMember> *members = nullptr);
  // The room's view, read once: sent to its members with a `room` event that carries it, and
  // given back. An open room is then held with its members for the chat that follows.
  Task<RoomView> announce(const rc::Room &room, const rc::Ticket *ticket = nullptr,
                          const std::vector<rc::RoomMember> *members = nullptr);
  Task<MessageView> describe(const rc::ChatMessage &m);
  // Drops what this instance holds of the room (its members changed, or it closed); called
  // for every `room` event, this instance's and the others'.
  void forget(const std::string &room_id);
  // The current members' user ids of an open room, when the caller is one of them (calls:
  // only the consultation's members may be in its call); else not_found.
  Task<std::vector<std::string>> callMembers(const Caller &caller, const std::string &room_id);
  // Without authorisation, read afresh: the current members of a room, none once it closed
  // (a call ends the media of whoever is no longer in the room).
  Task<std::vector<std::string>> membersNow(const std::string &room_id);

private:
  // An audit entry for staff reading a room's messages, notes or transcript.
  core::Task<core::Unit> auditRead(const Caller &caller, const char *action,
                                   const std::string &room_id);

  struct OpenRoom {
    rc::Room room;
    std::vector<rc::RoomMember> members;
    // As last announced (an open room's ticket changes only with its members, which announce
    // it again): a close starts from it. Unset when the room was read for chat.
    std::optional<rc::Ticket> ticket;
  };
  enum class Who { member, specialist };
  // The room and its members, when the caller is a member (of that sort); else not_found.
  // Shared, not copied: chat opens the room for every message.
  Task<std::shared_ptr<const OpenRoom>> open(const Caller &caller, const std::string &room_id,
                                             Who who);
  void remember(std::shared_ptr<const OpenRoom> room);
  enum class Reserve { no, yes };
  // mayUpload's checks; with Reserve::yes the file then counts against the quotas (with the
  // committed ones) until release(): uploads at the same moment cannot pass a quota together.
  Task<core::Unit> checkUpload(const Caller &caller, const std::string &room_id, std::int64_t size,
                               Reserve reserve);
  void release(const std::string &room_id, const std::string &person_id, std::int64_t size);
  // A specialist of the room who is not its citizen (a member of staff may ask a question).
  Task<core::Unit> mayReadNotes(const Caller &caller, const std::string &room_id);
  // Stores the message and announces it to the room's current members.
  Task<MessageView> append(const Caller &caller, rc::ChatMessage m,
                           const std::vector<rc::RoomMember> &members,
                           std::optional<rc::Attachment> attachment = std::nullopt);
  MessageView announceMessage(const Caller &caller, rc::ChatMessage stored,
                              const std::vector<rc::RoomMember> &members,
                              std::optional<rc::Attachment> attachment = std::nullopt);

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  QueueService &queue_;
  EventSink &events_;
  RoomSettings settings_;
  AttachmentFiles files_{settings_.attachments_dir, settings_.file_threads};
  DisplayNames names_{store_, clock_};
  // Open rooms with their members, as last read: chat (send, typing, read) checks membership
  // without reading the store. A caller missing from the cached members reads again (they
  // may have just joined, here or elsewhere); forget() drops a room whose members changed.
  std::mutex rooms_mutex_;
  std::unordered_map<std::string, std::shared_ptr<const OpenRoom>> open_rooms_;
  // Files being stored on this instance, not yet committed: "room:<id>" and "person:<id>".
  std::mutex uploading_mutex_;
  std::unordered_map<std::string, core::Store::AttachmentUsage> uploading_;
};

} // namespace kelisim::app::reception
