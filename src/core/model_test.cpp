#include "core/model.hpp"

#include <gtest/gtest.h>

namespace kelisim::core {

TEST(Model, EnumsRoundTripThroughText) {
  for (auto k : kAllKinds) EXPECT_EQ(parseSpecialistKind(toString(k)), k);
  for (auto r : {Role::citizen, Role::specialist, Role::coordinator, Role::admin})
    EXPECT_EQ(parseRole(toString(r)), r);
  EXPECT_EQ(toString(SpecialistKind::anticorruption), "anticorruption");
  EXPECT_FALSE(parseRole("root"));
  EXPECT_FALSE(parseLanguage("de"));
}

TEST(NegotiateLanguage, PicksHighestQualityKnownLanguage) {
  EXPECT_EQ(negotiateLanguage("kk-KZ,kk;q=0.9,ru;q=0.8", Language::en), Language::kk);
  EXPECT_EQ(negotiateLanguage("de-DE,ru;q=0.5,en;q=0.7", Language::kk), Language::en);
  EXPECT_EQ(negotiateLanguage("RU", Language::en), Language::ru);
  EXPECT_EQ(negotiateLanguage("", Language::ru), Language::ru);
  EXPECT_EQ(negotiateLanguage("fr, de;q=0.3", Language::kk), Language::kk);
  EXPECT_EQ(negotiateLanguage("en;q=0, ru;q=0.1", Language::kk), Language::ru);
  EXPECT_EQ(negotiateLanguage(";;;,,,q=", Language::kk), Language::kk);
}

} // namespace kelisim::core
