#include "core/mediation/screening.hpp"

#include "core/enum_text.hpp"

namespace kelisim::core::mediation {

namespace {

constexpr std::string_view kCategories[] = {"civil",
                                            "labour",
                                            "family",
                                            "administrative",
                                            "criminal_minor",
                                            "criminal_grave",
                                            "criminal_especially_grave",
                                            "other"};
constexpr std::string_view kGrounds[] = {
    "especially_grave_crime", "third_party_rights", "incapable_party",
    "corruption_crime",       "state_body",         "not_answered"};

} // namespace

std::string_view toString(DisputeCategory category) {
  return kCategories[static_cast<int>(category)];
}

std::optional<DisputeCategory> parseDisputeCategory(std::string_view s) {
  return parseIn<DisputeCategory>(kCategories, s);
}

bool isCriminal(DisputeCategory category) {
  return category == DisputeCategory::criminal_minor ||
         category == DisputeCategory::criminal_grave ||
         category == DisputeCategory::criminal_especially_grave;
}

std::string_view toString(Ground ground) {
  return kGrounds[static_cast<int>(ground)];
}

std::optional<Ground> parseGround(std::string_view s) {
  return parseIn<Ground>(kGrounds, s);
}

std::optional<Ground> screen(const ScreeningAnswers &answers) {
  const auto category = answers.category;
  if (category == DisputeCategory::criminal_especially_grave) return Ground::especially_grave_crime;
  if (answers.third_party_rights == Answer::yes) return Ground::third_party_rights;
  if (answers.incapable_party == Answer::yes) return Ground::incapable_party;
  if (answers.corruption_crime == Answer::yes) return Ground::corruption_crime;
  if (answers.state_body == Answer::yes && category && category != DisputeCategory::administrative)
    return Ground::state_body;

  const bool unanswered = !category || answers.third_party_rights == Answer::unknown ||
                          answers.incapable_party == Answer::unknown ||
                          answers.state_body == Answer::unknown ||
                          (isCriminal(*category) && answers.corruption_crime == Answer::unknown);
  if (unanswered) return Ground::not_answered;
  return std::nullopt;
}

} // namespace kelisim::core::mediation
