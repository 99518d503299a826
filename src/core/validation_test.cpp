#include "core/validation.hpp"

#include <gtest/gtest.h>

namespace kelisim::core {

TEST(Utf8Length, CountsCodePointsAndRejectsBadBytes) {
  EXPECT_EQ(utf8Length("Келісім"), 7u);
  EXPECT_EQ(utf8Length("a\xF0\x9F\x98\x80"), 2u);
  EXPECT_FALSE(utf8Length("\xC0\xAF"));     // overlong '/'
  EXPECT_FALSE(utf8Length("\xED\xA0\x80")); // surrogate
  EXPECT_FALSE(utf8Length("\xE2\x82"));     // truncated
  EXPECT_FALSE(utf8Length("line\nbreak"));
  EXPECT_EQ(utf8Length("line\nbreak", true), 10u);
  EXPECT_FALSE(utf8Length(std::string("nul\0", 4)));
}

TEST(CheckEmail, AcceptsOrdinaryAddresses) {
  EXPECT_FALSE(checkEmail("email", "aigul@example.kz"));
  EXPECT_FALSE(checkEmail("email", "a.b+c@mail.ru"));
}

TEST(CheckEmail, ExplainsWhatIsWrong) {
  EXPECT_EQ(checkEmail("email", "")->code, "required");
  EXPECT_EQ(checkEmail("email", "no-at-sign")->code, "invalid_format");
  EXPECT_EQ(checkEmail("email", "a@b")->code, "invalid_format");
  EXPECT_EQ(checkEmail("email", "a@@b.kz")->code, "invalid_format");
  EXPECT_EQ(checkEmail("email", "a b@c.kz")->code, "invalid_format");
  EXPECT_EQ(checkEmail("email", std::string(250, 'a') + "@b.kz")->code, "too_long");
}

TEST(CheckPassword, NeedsTenToOneHundredTwentyEightCharacters) {
  EXPECT_EQ(checkPassword("password", "short")->code, "too_short");
  EXPECT_EQ(checkPassword("password", "short")->params.at("min"), "10");
  EXPECT_FALSE(checkPassword("password", "құпия-сөз-123"));
  EXPECT_EQ(checkPassword("password", std::string(129, 'x'))->code, "too_long");
  EXPECT_EQ(checkPassword("password", "")->code, "required");
}

TEST(CheckLine, TrimsAndLimits) {
  EXPECT_EQ(checkLine("name", "   ", 10)->code, "required");
  EXPECT_FALSE(checkLine("name", " Әлия ", 4));
  EXPECT_EQ(checkLine("name", "Әлия С", 4)->code, "too_long");
}

TEST(NormaliseEmail, LowersAsciiAndTrims) {
  EXPECT_EQ(normaliseEmail("  Aigul@Example.KZ "), "aigul@example.kz");
}

} // namespace kelisim::core
