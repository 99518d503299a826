#include "core/mediation/identity.hpp"

#include <gtest/gtest.h>

#include <random>

namespace kelisim::core::mediation {
namespace {

// Every number below was made up for this test and its control digit worked out by hand,
// as shown beside it (never by controlDigit), so the test does not check the code against
// itself. Weights: first 1..11, second 3,4,5,6,7,8,9,10,11,1,2.

std::string codeOf(const Error &e) {
  return e.fields.empty() ? "" : e.fields.front().code;
}
template <typename T> std::string refusal(const Result<T> &r) {
  return r ? "accepted" : codeOf(r.error());
}

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

TEST(MediationIdentity, AnIinWhoseFirstWeightingGivesTheControlDigit) {
  // 9 0 0 5 1 5 3 0 1 2 3: 9·1 + 0·2 + 0·3 + 5·4 + 1·5 + 5·6 + 3·7 + 0·8 + 1·9 + 2·10 + 3·11
  //   = 9 + 20 + 5 + 30 + 21 + 9 + 20 + 33 = 147; 147 mod 11 = 4 (143 = 13·11).
  auto iin = parseIin("iin", "900515301234");
  ASSERT_TRUE(iin) << refusal(iin);
  EXPECT_EQ(iin->birth, year_month_day(year{1990}, month{5}, day{15}));
  EXPECT_EQ(iin->sex, Sex::male);
  EXPECT_EQ(iin->century, 1900);
  EXPECT_EQ(iin->digits, "900515301234");
}

TEST(MediationIdentity, AnIinThatNeedsTheSecondWeighting) {
  // 0 4 0 2 2 9 6 0 0 2 0, first: 0 + 8 + 0 + 8 + 10 + 54 + 42 + 0 + 0 + 20 + 0 = 142;
  //   142 mod 11 = 10 (132 = 12·11), so the second weighting:
  //   0·3 + 4·4 + 0·5 + 2·6 + 2·7 + 9·8 + 6·9 + 0·10 + 0·11 + 2·1 + 0·2
  //   = 16 + 12 + 14 + 72 + 54 + 2 = 170; 170 mod 11 = 5 (165 = 15·11).
  // Also a leap day: 29.02.2004, a woman born in the 2000s (digit 7 is 6).
  auto iin = parseIin("iin", "040229600205");
  ASSERT_TRUE(iin) << refusal(iin);
  EXPECT_EQ(iin->birth, year_month_day(year{2004}, month{2}, day{29}));
  EXPECT_EQ(iin->sex, Sex::female);
  EXPECT_EQ(iin->century, 2000);
}

TEST(MediationIdentity, ThePrefixWhereBothWeightingsGiveTenIsNeverIssued) {
  // 0 4 0 2 2 9 6 0 1 0 9, first: 0 + 8 + 0 + 8 + 10 + 54 + 42 + 0 + 9 + 0 + 99 = 230;
  //   230 mod 11 = 10 (220 = 20·11). Second: 0 + 16 + 0 + 12 + 14 + 72 + 54 + 0 + 11 + 0 + 18
  //   = 197; 197 mod 11 = 10 (187 = 17·11). No twelfth digit makes it valid.
  for (char last = '0'; last <= '9'; ++last)
    EXPECT_EQ(refusal(parseIin("iin", std::string("04022960109") + last)), "check_digit") << last;
}

TEST(MediationIdentity, AWrongControlDigitIsRefused) {
  EXPECT_EQ(refusal(parseIin("iin", "900515301235")), "check_digit"); // 4 is right (above)
  EXPECT_EQ(refusal(parseIin("iin", "900515301243")), "check_digit"); // two digits swapped
}

TEST(MediationIdentity, LeapDaysFollowTheCenturyOfDigitSeven) {
  // 0 0 0 2 2 9 5 0 1 2 3: 0 + 0 + 0 + 8 + 10 + 54 + 35 + 0 + 9 + 20 + 33 = 169;
  //   169 mod 11 = 4 (165). 29.02.2000 existed.
  auto born2000 = parseIin("iin", "000229501234");
  ASSERT_TRUE(born2000) << refusal(born2000);
  EXPECT_EQ(born2000->birth, year_month_day(year{2000}, month{2}, day{29}));
  // 0 0 0 2 2 9 3 0 1 2 3: 0 + 0 + 0 + 8 + 10 + 54 + 21 + 0 + 9 + 20 + 33 = 155;
  //   155 mod 11 = 1 (154). The control digit is right, but 29.02.1900 never was.
  EXPECT_EQ(refusal(parseIin("iin", "000229301231")), "birth_date");
}

TEST(MediationIdentity, AnImpossibleBirthDateIsRefused) {
  // 9 0 0 2 3 1 3 0 1 2 3: 9 + 0 + 0 + 8 + 15 + 6 + 21 + 0 + 9 + 20 + 33 = 121;
  //   121 mod 11 = 0. The control digit is right, but there is no 31 February.
  EXPECT_EQ(refusal(parseIin("iin", "900231301230")), "birth_date");
}

TEST(MediationIdentity, ACenturyDigitOutsideOneToSixIsRefused) {
  // 9 0 0 5 1 5 0 0 1 2 3: 9 + 20 + 5 + 30 + 0 + 9 + 20 + 33 = 126; 126 mod 11 = 5 (121).
  EXPECT_EQ(refusal(parseIin("iin", "900515001235")), "century");
  // 9 0 0 5 1 5 7 0 1 3 3: 9 + 20 + 5 + 30 + 49 + 0 + 9 + 30 + 33 = 185; 185 mod 11 = 9 (176).
  EXPECT_EQ(refusal(parseIin("iin", "900515701339")), "century");
}

TEST(MediationIdentity, LengthAndDigitsComeFirstAndNameTheCallersField) {
  auto short_one = parseIin("parties[1].iin", "90051530123");
  ASSERT_FALSE(short_one);
  EXPECT_EQ(short_one.error().code, ErrorCode::validation_failed);
  ASSERT_EQ(short_one.error().fields.size(), 1u);
  EXPECT_EQ(short_one.error().fields[0].field, "parties[1].iin");
  EXPECT_EQ(short_one.error().fields[0].code, "wrong_length");
  EXPECT_EQ(short_one.error().fields[0].params.at("length"), "12");
  EXPECT_EQ(refusal(parseIin("iin", "")), "wrong_length");
  EXPECT_EQ(refusal(parseIin("iin", "9005153012345")), "wrong_length");
  // Strict: no trimming, no separators, no non-ASCII digits.
  EXPECT_EQ(refusal(parseIin("iin", " 90051530123")), "not_digits");
  EXPECT_EQ(refusal(parseIin("iin", "900515-30123")), "not_digits");
  EXPECT_EQ(refusal(parseIin("iin", "90051530123a")), "not_digits");
  EXPECT_EQ(refusal(parseBin("bin", "15034000123O")), "not_digits"); // a letter O
  EXPECT_EQ(refusal(parseBin("bin", "1503400012")), "wrong_length");
}

TEST(MediationIdentity, ABinIsReadAndChecked) {
  // 1 5 0 3 4 0 0 0 1 2 3: 1 + 10 + 0 + 12 + 20 + 0 + 0 + 0 + 9 + 20 + 33 = 105;
  //   105 mod 11 = 6 (99). March 2015, a resident legal entity's head office.
  auto bin = parseBin("bin", "150340001236");
  ASSERT_TRUE(bin) << refusal(bin);
  EXPECT_EQ(bin->registered_yy, 15);
  EXPECT_EQ(bin->registered_month, 3);
  EXPECT_EQ(bin->type, EntityType::resident_legal_entity);
  EXPECT_EQ(bin->division, EntityDivision::head_office);
  EXPECT_EQ(refusal(parseBin("bin", "150340001237")), "check_digit");
}

TEST(MediationIdentity, ABinThatNeedsTheSecondWeighting) {
  // 2 1 1 1 4 1 0 0 0 5 0, first: 2 + 2 + 3 + 4 + 20 + 6 + 0 + 0 + 0 + 50 + 0 = 87;
  //   87 mod 11 = 10 (77). Second: 6 + 4 + 5 + 6 + 28 + 8 + 0 + 0 + 0 + 5 + 0 = 62;
  //   62 mod 11 = 7 (55). November 2021, a resident legal entity's branch.
  auto bin = parseBin("bin", "211141000507");
  ASSERT_TRUE(bin) << refusal(bin);
  EXPECT_EQ(bin->registered_yy, 21);
  EXPECT_EQ(bin->registered_month, 11);
  EXPECT_EQ(bin->type, EntityType::resident_legal_entity);
  EXPECT_EQ(bin->division, EntityDivision::branch);
}

TEST(MediationIdentity, ABinWithAnImpossiblePartIsRefusedForThatPart) {
  // 1 5 0 3 7 0 0 0 1 3 3: 1 + 10 + 0 + 12 + 35 + 0 + 0 + 0 + 9 + 30 + 33 = 130;
  //   130 mod 11 = 9 (121). Digit 5 is 7: no such type.
  EXPECT_EQ(refusal(parseBin("bin", "150370001339")), "entity_type");
  // 1 5 0 3 4 5 0 0 1 2 3: 1 + 10 + 0 + 12 + 20 + 30 + 0 + 0 + 9 + 20 + 33 = 135;
  //   135 mod 11 = 3 (132). Digit 6 is 5: no such division.
  EXPECT_EQ(refusal(parseBin("bin", "150345001233")), "entity_division");
  // 1 5 1 3 4 0 0 0 1 2 3: 1 + 10 + 3 + 12 + 20 + 0 + 0 + 0 + 9 + 20 + 33 = 108;
  //   108 mod 11 = 9 (99). Month 13.
  EXPECT_EQ(refusal(parseBin("bin", "151340001239")), "registration_date");
  // An IIN is not a BIN: its digit 5 is the tens of a day (0-3).
  EXPECT_EQ(refusal(parseBin("bin", "900515301234")), "entity_type");
}

TEST(MediationIdentity, TheControlDigitMatchesTheHandWorkedSums) {
  EXPECT_EQ(controlDigit("90051530123"), 4);
  EXPECT_EQ(controlDigit("04022960020"), 5);
  EXPECT_EQ(controlDigit("21114100050"), 7);
  EXPECT_EQ(controlDigit("04022960109"), std::nullopt);
}

// A property the hand-worked numbers cannot show: whatever the first eleven digits, at most
// one twelfth digit makes a valid number (so a wrong control digit is always caught), and a
// few prefixes (both weightings giving 10) have none.
TEST(MediationIdentity, AtMostOneControlDigitCompletesAnyPrefix) {
  std::mt19937 random(20110128); // fixed: the test is deterministic
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(random); };
  int none = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string prefix = std::to_string(pick(10, 99)) + "0" + std::to_string(pick(1, 9)) +
                         std::to_string(pick(4, 6)) + std::to_string(pick(0, 3));
    while (prefix.size() < 11) prefix += static_cast<char>('0' + pick(0, 9));
    int accepted = 0;
    for (char last = '0'; last <= '9'; ++last) accepted += parseBin("bin", prefix + last).ok();
    ASSERT_LE(accepted, 1) << prefix;
    none += accepted == 0;
  }
  EXPECT_GT(none, 0);
  EXPECT_LT(none, 300); // about 1 in 11 · 11, not a broken check refusing everything
}

} // namespace
} // namespace kelisim::core::mediation
