// The screening a mediation case passes before anything else (issue 10): the disputes that
// Art. 1 of the Law of the RK of 28.01.2011 No. 401-IV "On Mediation" leaves out, judged from
// the applicant's own answers. A pure function of plain values; no I/O.
//
// The result is the first ground that rules mediation out, or none. Each ground is a stable
// word; the page shows `mediation.screening.<word>` from src/i18n in the applicant's language
// (what the ground means and what they can do instead), and the case records the word.
//
// The rules, checked in this order (a definite "yes" wins over an unanswered question: answering
// the rest would not change the refusal; only then is an unanswered one reported):
//   especially_grave_crime  the category is an especially grave crime: Art. 1 p. 1 covers
//                           criminal misdemeanours, crimes of small and medium gravity and
//                           grave crimes only (grave ones where the Criminal Procedure Code
//                           allows reconciliation: the body conducting the case decides, so the
//                           screening lets them through).
//   third_party_rights      the dispute touches or may touch the rights and legitimate interests
//                           of persons not taking part in the mediation (Art. 1 p. 3).
//   incapable_party         a party has been found incapable, or of limited capacity, by a court
//                           (Art. 1 p. 3).
//   corruption_crime        a corruption crime or a crime against the interests of the state
//                           service and state administration (Art. 1 p. 4). Asked, and required,
//                           in the criminal categories only; a "yes" refuses in any category.
//   state_body              a state body is a party: only where a law allows it (Art. 1 p. 2).
//                           Allowed in the administrative category, which Art. 1 p. 1 names
//                           with administrative bodies and officials as parties; refused in the
//                           others (so this "yes" is judged once the category is known).
//   not_answered            a required question is unanswered (the category, the questions of
//                           p. 2-3, and p. 4's in the criminal categories).
// Point numbers follow the Law's text of 2011; check them against the consolidated text of
// 10.01.2025 (adilet.zan.kz, Z1100000401) when docs/legal.md cites them.
#pragma once

#include <optional>
#include <string_view>

namespace kelisim::core::mediation {

// What the dispute arises from (Art. 1 p. 1). Kept to what the applicant can tell.
enum class DisputeCategory {
  civil,
  labour,
  family,
  administrative, // with an administrative body or official (the APPK's disputes)
  criminal_minor, // a criminal misdemeanour, or a crime of small or medium gravity
  criminal_grave, // a grave crime
  criminal_especially_grave,
  other, // other private-law relations between persons or organisations
};
std::string_view toString(DisputeCategory category);
std::optional<DisputeCategory> parseDisputeCategory(std::string_view s);
bool isCriminal(DisputeCategory category);

// An applicant's answer to one yes/no question; `unknown` is "not answered".
enum class Answer { unknown, yes, no };

struct ScreeningAnswers {
  std::optional<DisputeCategory> category;
  Answer third_party_rights = Answer::unknown; // touches people not taking part?
  Answer incapable_party = Answer::unknown;    // a party found incapable or limited by a court?
  Answer corruption_crime = Answer::unknown;   // criminal only: a corruption or service crime?
  Answer state_body = Answer::unknown;         // is a state body a party?
};

enum class Ground {
  especially_grave_crime,
  third_party_rights,
  incapable_party,
  corruption_crime,
  state_body,
  not_answered,
};
// The stable word: "third_party_rights", …; the text's key is "mediation.screening." + it.
std::string_view toString(Ground ground);
std::optional<Ground> parseGround(std::string_view s);
inline constexpr Ground kAllGrounds[] = {
    Ground::especially_grave_crime, Ground::third_party_rights, Ground::incapable_party,
    Ground::corruption_crime,       Ground::state_body,         Ground::not_answered};

// The first ground that rules mediation out, or nullopt when the case may go on.
std::optional<Ground> screen(const ScreeningAnswers &answers);

} // namespace kelisim::core::mediation
