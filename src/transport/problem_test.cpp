#include "transport/problem.hpp"

#include <gtest/gtest.h>

namespace kelisim::transport {

using core::ErrorCode;
using core::Language;

TEST(Problem, MapsEveryCodeToAStatusAndStableType) {
  EXPECT_EQ(httpStatus(ErrorCode::invalid_json), 400);
  EXPECT_EQ(httpStatus(ErrorCode::validation_failed), 422);
  EXPECT_EQ(httpStatus(ErrorCode::unauthenticated), 401);
  EXPECT_EQ(httpStatus(ErrorCode::forbidden), 403);
  EXPECT_EQ(httpStatus(ErrorCode::not_found), 404);
  EXPECT_EQ(httpStatus(ErrorCode::method_not_allowed), 405);
  EXPECT_EQ(httpStatus(ErrorCode::payload_too_large), 413);
  EXPECT_EQ(httpStatus(ErrorCode::unsupported_media_type), 415);
  EXPECT_EQ(httpStatus(ErrorCode::too_many_requests), 429);
  EXPECT_EQ(httpStatus(ErrorCode::unavailable), 503);
  EXPECT_EQ(problemSlug(ErrorCode::invalid_credentials), "invalid-credentials");
}

TEST(Problem, SpeaksTheCallersLanguageAndKeepsLogTextPrivate) {
  i18n::Translator texts;
  auto e = core::Error::make(ErrorCode::invalid_credentials, "secret detail for the log");
  auto ru = problemResponse(e, Language::ru, texts);
  auto kk = problemResponse(e, Language::kk, texts);
  auto en = problemResponse(e, Language::en, texts);
  EXPECT_EQ(ru.status, 401);
  EXPECT_EQ(ru.content_type, "application/problem+json");
  EXPECT_NE(ru.body, kk.body);
  EXPECT_NE(ru.body, en.body);
  EXPECT_NE(en.body.find("urn:kelisim:problem:invalid-credentials"), std::string::npos);
  EXPECT_EQ(en.body.find("secret"), std::string::npos);
}

TEST(Problem, ListsFieldErrorsWithLocalisedPlurals) {
  i18n::Translator texts;
  core::Error e = core::Error::field("password", "too_short", {{"min", "10"}});
  auto json = problemJson(e, Language::ru, texts);
  const auto &err = json.at("errors").as_array().at(0).as_object();
  EXPECT_EQ(err.at("field").as_string(), "password");
  EXPECT_EQ(err.at("detail").as_string(), "Не меньше 10 символов.");
  EXPECT_EQ(json.at("detail").as_string(), "Исправьте 1 поле.");
}

TEST(Problem, RetryAfterBecomesAHeader) {
  i18n::Translator texts;
  auto e = core::Error::make(ErrorCode::too_many_requests);
  e.params["retry_after"] = "7";
  auto res = problemResponse(e, Language::en, texts);
  ASSERT_FALSE(res.headers.empty());
  EXPECT_EQ(res.headers[0].first, "Retry-After");
  EXPECT_NE(res.body.find("7 seconds"), std::string::npos);
}

TEST(Problem, BusyIsA503ToRetryShortlyInTheCallersLanguage) {
  i18n::Translator texts;
  auto res = problemResponse(core::Error::make(ErrorCode::busy), Language::kk, texts);
  EXPECT_EQ(res.status, 503);
  ASSERT_FALSE(res.headers.empty());
  EXPECT_EQ(res.headers[0].first, "Retry-After");
  EXPECT_EQ(res.headers[0].second, "1");
  EXPECT_NE(res.body.find("urn:kelisim:problem:busy"), std::string::npos);
  EXPECT_NE(res.body.find("Қызмет бос емес"), std::string::npos);
}

} // namespace kelisim::transport
