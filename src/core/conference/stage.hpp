// The live part of a professional conference (issue 9) as pure rules: who is in it now,
// who waits in the lobby, who is on the stage (at most six speakers; the audience only
// receives), raised hands, the moderator's mute and removal. No I/O and no clock (`now` is an
// argument); the service (app/conference/stage_service) keeps one Stage per conference, makes
// the media follow it, and tells everyone.
//
// The rules (anything not listed is refused):
//   enter        a moderator comes in and takes a place on the stage while there is one; a
//                speaker (an invited specialist) joins the audience; a guest joins the
//                audience once a moderator has let them in, else waits in the lobby. Someone
//                removed is refused (forbidden) until the conference's live part ends.
//   leave        gone from the conference, the lobby, the stage and the raised hands.
//   hand         a person in the audience raises or lowers their hand (on the stage: conflict).
//   admit, deny  a moderator lets a guest in the lobby in (remembered: they do not wait again)
//                or sends them away (as removal).
//   toStage      a moderator brings a person in the conference to the stage (full: field
//                "user_id" code "stage_full"); their hand goes down.
//   toAudience   a moderator, or the speaker themself, leaves the stage; their mute is lifted.
//   mute         a moderator mutes or unmutes a speaker on the stage for everyone.
//   remove       a moderator sends a person (not a moderator) away: out of the stage and the
//                conference, refused if they come back.
// Only a moderator in the conference (present) acts as one: `by` must be there.
#pragma once

#include "core/error.hpp"
#include "core/time.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kelisim::core::conference {

enum class Part { moderator, speaker, guest };
std::string_view toString(Part part);

struct Person {
  std::string user_id;
  std::string name;
  Part part = Part::speaker;
  std::optional<Time> hand_since; // a raised hand, since when (the order to call on people)
  bool operator==(const Person &) const = default;
};

struct Stage {
  static constexpr std::size_t kMaxOnStage = 6;
  std::vector<Person> present;       // in the conference now, in the order they came
  std::vector<Person> lobby;         // guests waiting to be let in
  std::vector<std::string> speakers; // on the stage, in the order they were brought there
  std::set<std::string> muted;       // speakers muted by a moderator
  std::set<std::string> admitted;    // guests let in once
  std::set<std::string> removed;     // sent away; refused until the live part ends

  const Person *find(const std::string &user_id) const;
  bool onStage(const std::string &user_id) const;
  bool moderating(const std::string &user_id) const;
  bool empty() const { return present.empty() && lobby.empty(); }
};

// Where a person is after entering.
enum class Entered { audience, stage, lobby };

Result<Entered> enter(Stage &stage, Person person);
void leave(Stage &stage, const std::string &user_id);
Status hand(Stage &stage, const std::string &user_id, bool up, Time now);
Status admit(Stage &stage, const std::string &by, const std::string &guest);
Status deny(Stage &stage, const std::string &by, const std::string &guest);
Status toStage(Stage &stage, const std::string &by, const std::string &user_id);
Status toAudience(Stage &stage, const std::string &by, const std::string &user_id);
Status mute(Stage &stage, const std::string &by, const std::string &user_id, bool muted);
Status remove(Stage &stage, const std::string &by, const std::string &user_id);

// The raised hands, first raised first.
std::vector<const Person *> hands(const Stage &stage);

} // namespace kelisim::core::conference
