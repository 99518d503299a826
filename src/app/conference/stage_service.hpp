// The live part of a conference (issue 9): one core::conference::Stage per conference on
// this instance, the call that follows it, and who is told what. A person enters with the
// pass the conference's record gives them (moderator, invited speaker, guest; outsiders get
// not_found), on any number of pages; they leave when their last page does. The stage's six
// publish in the conference's call (CallService room "conf-<id>"), the audience only watches;
// bringing someone back to the audience ends their publication, a moderator's mute cuts their
// voice in the engine, a removal kicks them out of the call at once. The state goes to
// everyone in the conference after each change (moderators also see who is present and who
// waits in the lobby).
#pragma once

#include "app/caller.hpp"
#include "app/media/call_service.hpp"
#include "core/conference/stage.hpp"
#include "core/ports/clock.hpp"

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace kelisim::app::conference {

// A person's part in a conference as its record says (not_found for anyone else).
struct Pass {
  core::conference::Part part = core::conference::Part::guest;
  std::string name;
};
using PassOf = std::function<core::Task<Pass>(const Caller &, const std::string &)>;

// The live conference as people see it.
struct StageView {
  std::string conference_id;
  std::vector<core::conference::Person> present; // moderators only see this list
  std::vector<core::conference::Person> lobby;   // moderators only
  std::vector<core::conference::Person> speakers;
  std::vector<core::conference::Person> hands;
  std::set<std::string> muted;
  std::size_t audience = 0; // present and not on the stage
};
// (the moderators present, everyone else in it or waiting, the view)
using StageSink = std::function<void(const std::vector<std::string> &moderators,
                                     const std::vector<std::string> &others, const StageView &)>;
// What happened to one person: "admitted", "denied", "removed".
using PersonalSink = std::function<void(const std::string &user_id,
                                        const std::string &conference_id, const std::string &)>;

class StageService {
public:
  StageService(media::CallService &calls, PassOf pass, const core::Clock &clock);

  // The call room of a conference, and back (nullopt for a consultation's room).
  static std::string callRoom(const std::string &conference_id);
  static std::optional<std::string> conferenceOf(const std::string &room_id);

  core::Task<core::conference::Entered> enter(const Caller &caller, const std::string &id);
  core::Task<core::Unit> leave(const Caller &caller, const std::string &id);
  core::Task<core::Unit> hand(const Caller &caller, const std::string &id, bool up);
  core::Task<core::Unit> admit(const Caller &caller, const std::string &id,
                               const std::string &guest);
  core::Task<core::Unit> deny(const Caller &caller, const std::string &id,
                              const std::string &guest);
  core::Task<core::Unit> toStage(const Caller &caller, const std::string &id,
                                 const std::string &user_id);
  core::Task<core::Unit> toAudience(const Caller &caller, const std::string &id,
                                    const std::string &user_id);
  core::Task<core::Unit> mute(const Caller &caller, const std::string &id,
                              const std::string &user_id, bool muted);
  core::Task<core::Unit> remove(const Caller &caller, const std::string &id,
                                const std::string &user_id);
  // A page closed: whoever had no other page in a conference leaves it.
  core::Task<core::Unit> connectionEnded(const void *origin);
  bool holds(const void *origin) const;

  // For the conference's call: who is in it (the caller must be present), who is in it now,
  // and who may publish (the stage).
  core::Task<std::vector<std::string>> callMembers(const Caller &caller,
                                                   const std::string &room_id) const;
  core::Task<std::vector<std::string>> membersNow(const std::string &room_id) const;
  bool mayPublish(const std::string &room_id, const std::string &user_id) const;
  // Whether a moderator muted them (their new publications start muted).
  bool mutedInCall(const std::string &room_id, const std::string &user_id) const;

  // The person as they are in the conference now, when they are in it (let in: not waiting
  // in the lobby) on this instance; and everyone in it (the chat's readers).
  std::optional<core::conference::Person> inside(const std::string &id,
                                                 const std::string &user_id) const;
  std::vector<std::string> insideIds(const std::string &id) const;

  StageView view(const std::string &id) const;
  // The view now, and who gets it: the moderators present (the view with people and lobby),
  // everyone else in it or waiting (the view without).
  struct Told {
    std::vector<std::string> moderators;
    std::vector<std::string> others;
    StageView view;
  };
  Told told(const std::string &id) const;
  void onChange(StageSink sink) { change_sink_ = std::move(sink); }
  void onPersonal(PersonalSink sink) { personal_sink_ = std::move(sink); }

private:
  // Applies `rule` to the conference's stage under the lock; on success tells everyone.
  template <typename Rule> core::Status change(const std::string &id, Rule rule);
  void tell(const std::string &id);
  void personal(const std::string &user, const std::string &id, const std::string &what);
  core::Task<core::Unit> leaveAll(std::string id, std::string user_id);

  media::CallService &calls_;
  PassOf pass_;
  const core::Clock &clock_;
  StageSink change_sink_;
  PersonalSink personal_sink_;
  mutable std::mutex mutex_;
  std::map<std::string, core::conference::Stage> stages_;
  // conference → user → the pages they are in it with
  std::map<std::string, std::map<std::string, std::set<const void *>>> pages_;
};

} // namespace kelisim::app::conference
