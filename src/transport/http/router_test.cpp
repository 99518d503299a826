#include "transport/http/router.hpp"

#include <gtest/gtest.h>

namespace kelisim::transport {

namespace {
Handler nothing() {
  return [](Exchange &) -> boost::asio::awaitable<HttpResponse> { co_return HttpResponse{}; };
}
} // namespace

TEST(Router, MatchesParametersAndTellsMethodFromPath) {
  Router r;
  r.add("GET", "/api/v1/users", "list", nothing());
  r.add("GET", "/api/v1/users/{id}", "one", nothing());
  r.add("PATCH", "/api/v1/users/{id}", "edit", nothing());

  auto m = r.match("GET", "/api/v1/users/abc");
  ASSERT_TRUE(m.route);
  EXPECT_EQ(m.route->summary, "one");
  EXPECT_EQ(m.params.at("id"), "abc");

  auto head = r.match("HEAD", "/api/v1/users");
  ASSERT_TRUE(head.route) << "HEAD is answered like GET";

  auto wrong_method = r.match("DELETE", "/api/v1/users/abc");
  EXPECT_FALSE(wrong_method.route);
  EXPECT_EQ(wrong_method.allowed, (std::vector<std::string>{"GET", "PATCH"}));

  auto missing = r.match("GET", "/api/v1/nothing");
  EXPECT_FALSE(missing.route);
  EXPECT_TRUE(missing.allowed.empty());
  EXPECT_FALSE(r.match("GET", "/api/v1/users/").route) << "trailing slash is another resource";
  EXPECT_FALSE(r.match("GET", "/api/v1/users/a/b").route);
}

TEST(SplitTarget, DecodesPathAndQuery) {
  auto t = splitTarget("/api/v1/x%20y?a=1&b=%D0%B0+b&flag");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->first, "/api/v1/x y");
  EXPECT_EQ(t->second.at("a"), "1");
  EXPECT_EQ(t->second.at("b"), "а b");
  EXPECT_EQ(t->second.at("flag"), "");
  EXPECT_FALSE(splitTarget("no-slash"));
  EXPECT_FALSE(splitTarget("/bad%zz"));
  EXPECT_FALSE(splitTarget("/truncated%4"));
  EXPECT_FALSE(splitTarget("/nul%00byte"));
  EXPECT_FALSE(splitTarget("/bad-utf8%C0%AF"));
}

TEST(HttpRequest, ReadsCookies) {
  HttpRequest r;
  r.headers["cookie"] = "a=1; kelisim_session=tok; b=2";
  EXPECT_EQ(r.cookie("kelisim_session"), "tok");
  EXPECT_FALSE(r.cookie("kelisim"));
}

} // namespace kelisim::transport
