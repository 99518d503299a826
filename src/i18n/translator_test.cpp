#include "i18n/translator.hpp"

#include "core/consent.hpp"
#include "core/mediation/identity.hpp"
#include "core/mediation/screening.hpp"

#include <gtest/gtest.h>

namespace kelisim::i18n {

using core::Language;

TEST(Translator, EveryLanguageHasTheSameKeys) {
  Translator t;
  for (auto l : {Language::kk, Language::ru}) {
    EXPECT_EQ(t.all(l).size(), t.all(Language::en).size()) << core::toString(l);
    for (const auto &[key, _] : t.all(Language::en))
      EXPECT_TRUE(t.has(l, key)) << key << " missing in " << core::toString(l);
  }
}

TEST(Translator, RussianPluralsFollowCldr) {
  Translator t;
  auto detail = [&](int n) {
    return t.text(Language::ru, "field.too_long", {{"max", std::to_string(n)}});
  };
  EXPECT_EQ(detail(1), "Не больше 1 символа.");
  EXPECT_EQ(detail(3), "Не больше 3 символов.");
  EXPECT_EQ(detail(21), "Не больше 21 символа.");
  EXPECT_EQ(detail(100), "Не больше 100 символов.");
  EXPECT_EQ(t.text(Language::ru, "problem.too_many_requests.detail", {{"seconds", "2"}}),
            "Повторите через 2 секунды.");
  EXPECT_EQ(t.text(Language::ru, "problem.too_many_requests.detail", {{"seconds", "5"}}),
            "Повторите через 5 секунд.");
  EXPECT_EQ(t.text(Language::ru, "problem.too_many_requests.detail", {{"seconds", "1"}}),
            "Повторите через 1 секунду.");
}

TEST(Translator, EnglishAndKazakhPlurals) {
  Translator t;
  EXPECT_EQ(t.text(Language::en, "field.too_short", {{"min", "1"}}), "At least 1 character.");
  EXPECT_EQ(t.text(Language::en, "field.too_short", {{"min", "10"}}), "At least 10 characters.");
  EXPECT_EQ(t.text(Language::kk, "field.too_short", {{"min", "10"}}), "Кемінде 10 таңба.");
}

TEST(Translator, EveryPatternFormats) {
  Translator t;
  for (auto l : {Language::kk, Language::ru, Language::en})
    for (const auto &[key, pattern] : t.all(l)) {
      const std::string out = t.text(
          l, key,
          {{"count", "2"},    {"seconds", "2"},      {"minutes", "2"},         {"min", "2"},
           {"max", "2"},      {"limit", "2"},        {"name", "a.pdf"},        {"reception", "r"},
           {"link", "l"},     {"inviter", "i"},      {"organisation", "none"}, {"when", "w"},
           {"scope", "room"}, {"files", "2"},        {"megabytes", "2"},       {"operator", "o"},
           {"days", "2"},     {"moved", "line"},     {"title", "t"},           {"organiser", "o"},
           {"guest", "yes"},  {"length", "12"},      {"what", "term_ending"},  {"date", "d"},
           {"deadline", "d"}, {"category", "family"}});
      EXPECT_EQ(out.find('{'), std::string::npos) << key << ": " << out;
    }
}

// A consent text changed without a new version would leave tickets and accounts recording a
// text their citizens never saw.
TEST(Translator, TheConsentTextsCarryTheVersionTheServerRecords) {
  Translator t;
  for (auto l : {Language::kk, Language::ru, Language::en}) {
    EXPECT_EQ(t.text(l, "consent.version"), core::kConsentVersion) << core::toString(l);
    for (const char *key : {"consent.ticket", "consent.account"}) {
      const auto text = t.text(l, key, {{"operator", "ORG"}, {"days", "365"}});
      EXPECT_NE(text.find("94-V"), std::string::npos) << key;
      EXPECT_NE(text.find("ORG"), std::string::npos) << key;
      EXPECT_NE(text.find("365"), std::string::npos) << key;
    }
  }
}

// A refused IIN or BIN tells the person which part is wrong, in their language.
TEST(Translator, EveryIdentityRefusalHasItsText) {
  Translator t;
  for (auto l : {Language::kk, Language::ru, Language::en})
    for (std::string_view code : core::mediation::kIdentityCodes)
      EXPECT_TRUE(t.has(l, "field." + std::string(code))) << code << " " << core::toString(l);
  EXPECT_EQ(t.text(Language::ru, "field.wrong_length", {{"length", "12"}}), "Нужно ровно 12 цифр.");
  EXPECT_EQ(t.text(Language::kk, "field.wrong_length", {{"length", "12"}}),
            "Нөмір дәл 12 цифрдан тұруы керек.");
}

// A case refused at the screening tells the applicant why, in their language.
TEST(Translator, EveryMediationScreeningGroundHasItsText) {
  Translator t;
  for (auto l : {Language::kk, Language::ru, Language::en})
    for (auto ground : core::mediation::kAllGrounds) {
      const std::string key = "mediation.screening." + std::string(toString(ground));
      EXPECT_TRUE(t.has(l, key)) << key << " " << core::toString(l);
    }
}

TEST(Translator, UnknownKeyFallsBackToTheKey) {
  Translator t;
  EXPECT_EQ(t.text(Language::kk, "no.such.key"), "no.such.key");
}

} // namespace kelisim::i18n
