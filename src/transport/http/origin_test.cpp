#include "transport/http/origin.hpp"

#include <gtest/gtest.h>

namespace kelisim::transport {

TEST(Origin, NormalisesSchemeHostAndDefaultPorts) {
  EXPECT_EQ(normaliseOrigin("HTTPS://Kelisim.KZ:443/app/"), "https://kelisim.kz");
  EXPECT_EQ(normaliseOrigin("http://localhost:8080"), "http://localhost:8080");
  EXPECT_EQ(normaliseOrigin("http://[::1]:8080"), "http://[::1]:8080");
  EXPECT_EQ(normaliseOrigin("http://x.kz:80"), "http://x.kz");
  EXPECT_FALSE(normaliseOrigin("ftp://x.kz"));
  EXPECT_FALSE(normaliseOrigin("https://user@x.kz"));
  EXPECT_FALSE(normaliseOrigin("https://x.kz:8a"));
  EXPECT_FALSE(normaliseOrigin("https://"));
  EXPECT_FALSE(normaliseOrigin("null"));
  EXPECT_FALSE(normaliseOrigin("https://a::0"));
}

TEST(Origin, AllowsOnlyThePublicUrlsOrigin) {
  auto o = PublicOrigin::parse("https://kelisim.kz/");
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->https());
  EXPECT_TRUE(o->allows(""));
  EXPECT_TRUE(o->allows("https://kelisim.kz"));
  EXPECT_TRUE(o->allows("https://KELISIM.kz:443"));
  EXPECT_FALSE(o->allows("http://kelisim.kz")) << "the scheme counts";
  EXPECT_FALSE(o->allows("https://kelisim.kz.evil.example"));
  EXPECT_FALSE(o->allows("https://evil.example"));
  EXPECT_FALSE(o->allows("null"));
  EXPECT_FALSE(o->allows("https://kelisim.kz/path"));
  EXPECT_FALSE(PublicOrigin::parse("kelisim.kz"));
}

TEST(Origin, PortZeroBecomesTheBoundPort) {
  auto o = PublicOrigin::parse("http://127.0.0.1:0");
  ASSERT_TRUE(o);
  o->bound(41234);
  EXPECT_EQ(o->text(), "http://127.0.0.1:41234");
  EXPECT_TRUE(o->allows("http://127.0.0.1:41234"));
  auto fixed = PublicOrigin::parse("http://localhost:8080");
  fixed->bound(41234);
  EXPECT_EQ(fixed->text(), "http://localhost:8080");
}

} // namespace kelisim::transport
