#include "core/mediation/model.hpp"

#include "core/enum_text.hpp"

#include <algorithm>

namespace kelisim::core::mediation {

namespace {
constexpr std::string_view kStages[] = {"screening",   "inviting", "choosing_mediator",
                                        "contracting", "running",  "ended"};
constexpr std::string_view kGrounds[] = {
    "screening_refused", "invitation_refused",   "invitation_lapsed",
    "settled",           "settlement_ruled_out", "parties_refused",
    "party_refused",     "term_expired",         "conflict_of_interest"};
constexpr std::string_view kPartyKinds[] = {"person", "organisation"};
constexpr std::string_view kSources[] = {"party", "centre", "consultation"};
constexpr std::string_view kDeclarations[] = {"pending", "no_conflict", "conflict"};
constexpr std::string_view kFeeKinds[] = {"free", "paid"};
} // namespace

std::string_view toString(CaseStage v) {
  return kStages[static_cast<int>(v)];
}
std::string_view toString(EndGround v) {
  return kGrounds[static_cast<int>(v)];
}
std::string_view toString(PartyKind v) {
  return kPartyKinds[static_cast<int>(v)];
}
std::string_view toString(Source v) {
  return kSources[static_cast<int>(v)];
}
std::string_view toString(Declaration v) {
  return kDeclarations[static_cast<int>(v)];
}
std::string_view toString(FeeKind v) {
  return kFeeKinds[static_cast<int>(v)];
}
std::optional<CaseStage> parseCaseStage(std::string_view s) {
  return parseIn<CaseStage>(kStages, s);
}
std::optional<EndGround> parseEndGround(std::string_view s) {
  return parseIn<EndGround>(kGrounds, s);
}
std::optional<PartyKind> parsePartyKind(std::string_view s) {
  return parseIn<PartyKind>(kPartyKinds, s);
}
std::optional<Source> parseSource(std::string_view s) {
  return parseIn<Source>(kSources, s);
}
std::optional<Declaration> parseDeclaration(std::string_view s) {
  return parseIn<Declaration>(kDeclarations, s);
}
std::optional<FeeKind> parseFeeKind(std::string_view s) {
  return parseIn<FeeKind>(kFeeKinds, s);
}

const Party *partyOf(const Case &c, const std::string &actor) {
  if (actor.empty()) return nullptr;
  for (const auto &p : c.parties) {
    if (p.id == actor) return &p;
    for (const auto &r : p.representatives)
      if (r.id == actor) return &p;
  }
  return nullptr;
}

const MediatorChoice *choiceOf(const Case &c, const std::string &mediator_id) {
  auto it = std::find_if(c.mediators.begin(), c.mediators.end(),
                         [&](const MediatorChoice &m) { return m.mediator_id == mediator_id; });
  return it == c.mediators.end() ? nullptr : &*it;
}

bool isChosen(const Case &c, const MediatorChoice &m) {
  if (m.declaration != Declaration::no_conflict) return false;
  return std::all_of(c.parties.begin(), c.parties.end(),
                     [&](const Party &p) { return m.agreed_by.contains(p.id); });
}

bool isChosenMediator(const Case &c, const std::string &actor) {
  const auto *m = choiceOf(c, actor);
  return m && isChosen(c, *m);
}

std::vector<const MediatorChoice *> chosenMediators(const Case &c) {
  std::vector<const MediatorChoice *> out;
  for (const auto &m : c.mediators)
    if (isChosen(c, m)) out.push_back(&m);
  return out;
}

} // namespace kelisim::core::mediation
