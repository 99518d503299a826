#include "app/media/turn_credentials.hpp"

#include <gtest/gtest.h>

namespace kelisim::app::media {

TEST(TurnCredentials, PasswordIsBase64HmacSha1OfTheUserName) {
  // RFC 2202 test case 2: HMAC-SHA1("Jefe", "what do ya want for nothing?") =
  // effcdf6ae5eb2fa2d27416d5f184df9c259a7c79, whose base64 is below.
  EXPECT_EQ(turnPassword("Jefe", "what do ya want for nothing?"), "7/zfauXrL6LSdBbV8YTfnCWafHk=");
}

TEST(TurnCredentials, UserNameCarriesTheExpiryAndWho) {
  TurnSettings settings;
  settings.urls = {"turn:10.0.0.1:3478?transport=udp"};
  settings.secret = "s3cret";
  settings.lifetime = std::chrono::seconds(600);
  const core::Time now{std::chrono::milliseconds(1'700'000'000'500)};
  const auto server = turnCredentials(settings, "u1", now);
  EXPECT_EQ(server.username, "1700000600:u1");
  EXPECT_EQ(server.credential, turnPassword("s3cret", "1700000600:u1"));
  EXPECT_EQ(server.urls, settings.urls);
}

} // namespace kelisim::app::media
