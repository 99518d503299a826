#include "storage/list_codec.hpp"

#include <gtest/gtest.h>

namespace kelisim::storage {

TEST(ListCodec, RoundTripsWordsKindsAndLanguages) {
  EXPECT_EQ(encodeWords({"family", "civil"}), "family,civil");
  EXPECT_EQ(decodeWords("family,civil"), (std::vector<std::string>{"family", "civil"}));
  EXPECT_TRUE(decodeWords("").empty());
  EXPECT_EQ(decodeWords(",a,,b,"), (std::vector<std::string>{"a", "b"}));
  using core::SpecialistKind;
  std::vector kinds{SpecialistKind::lawyer, SpecialistKind::anticorruption};
  EXPECT_EQ(decodeKinds(encodeKinds(kinds)), kinds);
  EXPECT_EQ(decodeKinds("lawyer,astronaut"), std::vector{SpecialistKind::lawyer});
  std::vector langs{core::Language::kk, core::Language::en};
  EXPECT_EQ(decodeLanguages(encodeLanguages(langs)), langs);
}

} // namespace kelisim::storage
