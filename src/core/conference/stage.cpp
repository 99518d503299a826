#include "core/conference/stage.hpp"

#include <algorithm>

namespace kelisim::core::conference {

std::string_view toString(Part part) {
  switch (part) {
  case Part::moderator:
    return "moderator";
  case Part::speaker:
    return "speaker";
  case Part::guest:
    return "guest";
  }
  return "guest";
}

namespace {

Person *findIn(std::vector<Person> &people, const std::string &user_id) {
  auto it = std::find_if(people.begin(), people.end(),
                         [&](const Person &p) { return p.user_id == user_id; });
  return it == people.end() ? nullptr : &*it;
}

void dropFrom(std::vector<Person> &people, const std::string &user_id) {
  std::erase_if(people, [&](const Person &p) { return p.user_id == user_id; });
}

void offStage(Stage &stage, const std::string &user_id) {
  std::erase(stage.speakers, user_id);
  stage.muted.erase(user_id);
}

} // namespace

const Person *Stage::find(const std::string &user_id) const {
  auto it = std::find_if(present.begin(), present.end(),
                         [&](const Person &p) { return p.user_id == user_id; });
  return it == present.end() ? nullptr : &*it;
}

bool Stage::onStage(const std::string &user_id) const {
  return std::find(speakers.begin(), speakers.end(), user_id) != speakers.end();
}

bool Stage::moderating(const std::string &user_id) const {
  const auto *p = find(user_id);
  return p && p->part == Part::moderator;
}

Result<Entered> enter(Stage &stage, Person person) {
  if (stage.removed.contains(person.user_id)) return ErrorCode::forbidden;
  person.hand_since.reset();
  const std::string id = person.user_id;
  // Coming again (another tab, a reconnect) keeps one's place.
  if (stage.find(id)) return stage.onStage(id) ? Entered::stage : Entered::audience;
  if (person.part == Part::guest && !stage.admitted.contains(id)) {
    if (!findIn(stage.lobby, id)) stage.lobby.push_back(std::move(person));
    return Entered::lobby;
  }
  const bool moderator = person.part == Part::moderator;
  stage.present.push_back(std::move(person));
  if (moderator && stage.speakers.size() < Stage::kMaxOnStage) {
    stage.speakers.push_back(id);
    return Entered::stage;
  }
  return Entered::audience;
}

void leave(Stage &stage, const std::string &user_id) {
  dropFrom(stage.present, user_id);
  dropFrom(stage.lobby, user_id);
  offStage(stage, user_id);
}

Status hand(Stage &stage, const std::string &user_id, bool up, Time now) {
  auto *p = findIn(stage.present, user_id);
  if (!p) return ErrorCode::not_found;
  if (up && stage.onStage(user_id)) return ErrorCode::conflict;
  if (!up)
    p->hand_since.reset();
  else if (!p->hand_since)
    p->hand_since = now;
  return okStatus();
}

Status admit(Stage &stage, const std::string &by, const std::string &guest) {
  if (!stage.moderating(by)) return ErrorCode::forbidden;
  auto *waiting = findIn(stage.lobby, guest);
  if (!waiting) return ErrorCode::not_found;
  Person person = *waiting;
  dropFrom(stage.lobby, guest);
  stage.admitted.insert(guest);
  stage.present.push_back(std::move(person));
  return okStatus();
}

Status deny(Stage &stage, const std::string &by, const std::string &guest) {
  if (!stage.moderating(by)) return ErrorCode::forbidden;
  if (!findIn(stage.lobby, guest)) return ErrorCode::not_found;
  dropFrom(stage.lobby, guest);
  stage.removed.insert(guest);
  return okStatus();
}

Status toStage(Stage &stage, const std::string &by, const std::string &user_id) {
  if (!stage.moderating(by)) return ErrorCode::forbidden;
  auto *p = findIn(stage.present, user_id);
  if (!p) return ErrorCode::not_found;
  if (stage.onStage(user_id)) return okStatus();
  if (stage.speakers.size() >= Stage::kMaxOnStage)
    return Error::field("user_id", "stage_full", {{"max", std::to_string(Stage::kMaxOnStage)}});
  p->hand_since.reset();
  stage.speakers.push_back(user_id);
  return okStatus();
}

Status toAudience(Stage &stage, const std::string &by, const std::string &user_id) {
  if (by != user_id && !stage.moderating(by)) return ErrorCode::forbidden;
  if (!stage.find(user_id)) return ErrorCode::not_found;
  offStage(stage, user_id);
  return okStatus();
}

Status mute(Stage &stage, const std::string &by, const std::string &user_id, bool muted) {
  if (!stage.moderating(by)) return ErrorCode::forbidden;
  if (!stage.onStage(user_id)) return ErrorCode::not_found;
  if (muted)
    stage.muted.insert(user_id);
  else
    stage.muted.erase(user_id);
  return okStatus();
}

Status remove(Stage &stage, const std::string &by, const std::string &user_id) {
  if (!stage.moderating(by) || by == user_id) return ErrorCode::forbidden;
  const auto *p = stage.find(user_id);
  if (!p) return ErrorCode::not_found;
  if (p->part == Part::moderator) return ErrorCode::forbidden;
  leave(stage, user_id);
  stage.removed.insert(user_id);
  stage.admitted.erase(user_id);
  return okStatus();
}

std::vector<const Person *> hands(const Stage &stage) {
  std::vector<const Person *> out;
  for (const auto &p : stage.present)
    if (p.hand_since) out.push_back(&p);
  std::stable_sort(out.begin(), out.end(), [](const Person *a, const Person *b) {
    return *a->hand_since < *b->hand_since;
  });
  return out;
}

} // namespace kelisim::core::conference
