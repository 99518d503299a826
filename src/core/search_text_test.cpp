#include "core/search_text.hpp"

#include <gtest/gtest.h>

namespace kelisim::core {
namespace {

TEST(SearchText, FoldsLatinRussianAndKazakhCapitals) {
  EXPECT_EQ(foldForSearch("Palata MEDIATOROV"), "palata mediatorov");
  EXPECT_EQ(foldForSearch("ПАЛАТА Медиаторов"), "палата медиаторов");
  EXPECT_EQ(foldForSearch("ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
  EXPECT_EQ(foldForSearch("әғқңөұүһі"), "әғқңөұүһі");
}

TEST(SearchText, ReadsYoAsYeAndCollapsesSpaces) {
  EXPECT_EQ(foldForSearch("  Артём\t Фёдорович "), "артем федорович");
  EXPECT_TRUE(matchesSearch("Артём Фёдоров", "АРТЕМ"));
  EXPECT_TRUE(matchesSearch("Әлия Серікқызы", "серікқ"));
  EXPECT_FALSE(matchesSearch("Әлия Серікқызы", "Серик")); // і is not и
  EXPECT_TRUE(matchesSearch("anything", ""));
}

TEST(SearchText, KeepsWhatItDoesNotFold) {
  EXPECT_EQ(foldForSearch("№ 42 — ✓"), "№ 42 — ✓");
  const std::string broken = "a\xC3"
                             "b\xFF";
  EXPECT_EQ(foldForSearch(broken), broken);
}

} // namespace
} // namespace kelisim::core
