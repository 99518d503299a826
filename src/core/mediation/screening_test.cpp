#include "core/mediation/screening.hpp"

#include <gtest/gtest.h>

namespace kelisim::core::mediation {
namespace {

// Every question answered "no": a case mediation may take.
ScreeningAnswers clear(DisputeCategory category) {
  ScreeningAnswers a;
  a.category = category;
  a.third_party_rights = Answer::no;
  a.incapable_party = Answer::no;
  a.corruption_crime = Answer::no;
  a.state_body = Answer::no;
  return a;
}

TEST(MediationScreening, EveryCategoryButEspeciallyGraveCrimesGoesOnWhenAllIsNo) {
  for (auto c : {DisputeCategory::civil, DisputeCategory::labour, DisputeCategory::family,
                 DisputeCategory::administrative, DisputeCategory::criminal_minor,
                 DisputeCategory::criminal_grave, DisputeCategory::other})
    EXPECT_EQ(screen(clear(c)), std::nullopt) << toString(c);
  EXPECT_EQ(screen(clear(DisputeCategory::criminal_especially_grave)),
            Ground::especially_grave_crime);
}

TEST(MediationScreening, EachArticleOneExclusionRefusesWithItsGround) {
  auto a = clear(DisputeCategory::civil);
  a.third_party_rights = Answer::yes;
  EXPECT_EQ(screen(a), Ground::third_party_rights); // Art. 1 p. 3

  a = clear(DisputeCategory::family);
  a.incapable_party = Answer::yes;
  EXPECT_EQ(screen(a), Ground::incapable_party); // Art. 1 p. 3

  a = clear(DisputeCategory::criminal_minor);
  a.corruption_crime = Answer::yes;
  EXPECT_EQ(screen(a), Ground::corruption_crime); // Art. 1 p. 4

  a = clear(DisputeCategory::labour);
  a.state_body = Answer::yes;
  EXPECT_EQ(screen(a), Ground::state_body); // Art. 1 p. 2
}

TEST(MediationScreening, AStateBodyIsAPartyOnlyInAnAdministrativeDispute) {
  auto a = clear(DisputeCategory::administrative);
  a.state_body = Answer::yes;
  EXPECT_EQ(screen(a), std::nullopt);
  for (auto c : {DisputeCategory::civil, DisputeCategory::family, DisputeCategory::other,
                 DisputeCategory::criminal_minor}) {
    a = clear(c);
    a.state_body = Answer::yes;
    EXPECT_EQ(screen(a), Ground::state_body) << toString(c);
  }
}

TEST(MediationScreening, AnUnansweredRequiredQuestionStopsTheCase) {
  ScreeningAnswers none;
  EXPECT_EQ(screen(none), Ground::not_answered);

  auto a = clear(DisputeCategory::civil);
  a.category.reset();
  EXPECT_EQ(screen(a), Ground::not_answered);
  for (Answer ScreeningAnswers::*q :
       {&ScreeningAnswers::third_party_rights, &ScreeningAnswers::incapable_party,
        &ScreeningAnswers::state_body}) {
    a = clear(DisputeCategory::civil);
    a.*q = Answer::unknown;
    EXPECT_EQ(screen(a), Ground::not_answered);
  }
}

TEST(MediationScreening, TheCorruptionQuestionIsRequiredInCriminalCasesOnly) {
  auto a = clear(DisputeCategory::civil);
  a.corruption_crime = Answer::unknown;
  EXPECT_EQ(screen(a), std::nullopt);
  for (auto c : {DisputeCategory::criminal_minor, DisputeCategory::criminal_grave}) {
    a = clear(c);
    a.corruption_crime = Answer::unknown;
    EXPECT_EQ(screen(a), Ground::not_answered) << toString(c);
  }
}

TEST(MediationScreening, ADefiniteExclusionWinsOverAnUnansweredQuestion) {
  ScreeningAnswers a;
  a.incapable_party = Answer::yes; // nothing else answered, not even the category
  EXPECT_EQ(screen(a), Ground::incapable_party);
  // Two exclusions: the first in the header's order.
  a = clear(DisputeCategory::civil);
  a.state_body = Answer::yes;
  a.third_party_rights = Answer::yes;
  EXPECT_EQ(screen(a), Ground::third_party_rights);
  // A state body without a category cannot be judged yet: the category is asked for.
  a = clear(DisputeCategory::civil);
  a.category.reset();
  a.state_body = Answer::yes;
  EXPECT_EQ(screen(a), Ground::not_answered);
}

TEST(MediationScreening, GroundsAndCategoriesHaveStableWords) {
  EXPECT_EQ(toString(Ground::third_party_rights), "third_party_rights");
  EXPECT_EQ(toString(Ground::incapable_party), "incapable_party");
  EXPECT_EQ(toString(Ground::corruption_crime), "corruption_crime");
  EXPECT_EQ(toString(Ground::state_body), "state_body");
  EXPECT_EQ(toString(Ground::not_answered), "not_answered");
  for (Ground g : kAllGrounds) EXPECT_EQ(parseGround(toString(g)), g);
  EXPECT_EQ(parseDisputeCategory("criminal_minor"), DisputeCategory::criminal_minor);
  EXPECT_EQ(parseDisputeCategory("other"), DisputeCategory::other);
  EXPECT_EQ(parseDisputeCategory("Civil"), std::nullopt);
  EXPECT_EQ(parseGround(""), std::nullopt);
}

} // namespace
} // namespace kelisim::core::mediation
