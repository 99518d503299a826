#include "transport/json_input.hpp"

#include <gtest/gtest.h>

namespace kelisim::transport {

TEST(ParseJsonObject, RejectsWhatIsNotAnObject) {
  EXPECT_FALSE(parseJsonObject("{bad"));
  EXPECT_FALSE(parseJsonObject("[1,2]"));
  EXPECT_FALSE(parseJsonObject("\"text\""));
  EXPECT_FALSE(parseJsonObject(""));
  EXPECT_FALSE(parseJsonObject("{} trailing"));
  EXPECT_FALSE(parseJsonObject(std::string(100, '[') + std::string(100, ']')));
  EXPECT_EQ(parseJsonObject("{").error().code, core::ErrorCode::invalid_json);
  EXPECT_TRUE(parseJsonObject(R"({"a": 1})"));
}

TEST(ParseJsonObject, RefusesNumbersTooLargeForADouble) {
  // Read as infinity, they could not be written back as JSON (found by json_input_fuzz).
  EXPECT_EQ(parseJsonObject(R"({"n":1e999})").error().code, core::ErrorCode::invalid_json);
  EXPECT_EQ(parseJsonObject(R"({"a":[{"n":-4e400}]})").error().code, core::ErrorCode::invalid_json);
  EXPECT_TRUE(parseJsonObject(R"({"n":1e300,"m":12345678901234567890})"));
}

TEST(JsonInput, CollectsEveryFieldProblemAtOnce) {
  auto obj = parseJsonObject(
      R"({"email": 5, "language": "de", "kinds": ["lawyer", "pilot"], "typo": true, "long": "abcdef"})");
  ASSERT_TRUE(obj);
  JsonInput in(*obj);
  EXPECT_FALSE(in.string("email", true));
  EXPECT_FALSE(in.string("password", true));
  EXPECT_FALSE(in.language("language", false));
  EXPECT_FALSE(in.kinds("kinds", false));
  EXPECT_FALSE(in.string("long", false, 5));
  auto st = in.finish();
  ASSERT_FALSE(st);
  const auto &f = st.error().fields;
  ASSERT_EQ(f.size(), 6u);
  EXPECT_EQ(f[0].field, "email");
  EXPECT_EQ(f[0].code, "invalid_type");
  EXPECT_EQ(f[1].code, "required");
  EXPECT_EQ(f[2].code, "invalid_value");
  EXPECT_EQ(f[3].field, "kinds");
  EXPECT_EQ(f[4].code, "too_long");
  EXPECT_EQ(f[4].params.at("max"), "5");
  EXPECT_EQ(f[5].field, "typo");
  EXPECT_EQ(f[5].code, "unknown");
}

TEST(JsonInput, AMillionMadeUpFieldsGetAShortAnswer) {
  std::string body = "{";
  for (int i = 0; i < 40000; ++i)
    body += (i ? ",\"" : "\"") + std::string(i == 0 ? 5000 : 8, 'k') + std::to_string(i) + "\":0";
  body += "}";
  ASSERT_GT(body.size(), 400'000u);
  auto obj = parseJsonObject(body);
  ASSERT_TRUE(obj);
  JsonInput in(*obj);
  EXPECT_FALSE(in.string("email", true));
  auto st = in.finish();
  ASSERT_FALSE(st);
  const auto &f = st.error().fields;
  ASSERT_EQ(f.size(), JsonInput::kMaxFieldErrors);
  EXPECT_EQ(f[0].field, "email") << "the fields asked for come first";
  EXPECT_EQ(f[1].field.size(), JsonInput::kMaxFieldName);
}

TEST(JsonInput, ReadsGoodValues) {
  auto obj = parseJsonObject(
      R"({"name": "Әлия", "on": true, "role": "coordinator", "languages": ["kk", "ru", "kk"], "none": null})");
  ASSERT_TRUE(obj);
  JsonInput in(*obj);
  EXPECT_EQ(in.string("name", true), "Әлия");
  EXPECT_EQ(in.boolean("on", true), true);
  EXPECT_EQ(in.role("role", true), core::Role::coordinator);
  EXPECT_EQ(in.languages("languages", false)->size(), 2u) << "duplicates are dropped";
  EXPECT_FALSE(in.string("none", false)) << "null is absent";
  EXPECT_TRUE(in.finish());
}

} // namespace kelisim::transport
