// System endpoints and the error answers of the API: every error is application/problem+json
// with a stable type, a detail in the client's language, and the server keeps answering.
#include "test_helpers.hpp"

namespace kelisim::itest {
namespace {

constexpr std::size_t kBodyLimit = 8192;

class ApiErrors : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new ServerProcess(relaxed({"--json-body-limit", std::to_string(kBodyLimit)}));
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  HttpClient client() const { return HttpClient(server->port()); }
  static ServerProcess *server;
};
ServerProcess *ApiErrors::server = nullptr;

Response signInWith(HttpClient &c, const std::string &body, const Headers &extra = {}) {
  return c.post("/api/v1/auth/sign-in", body, extra);
}

TEST_F(ApiErrors, HealthReadinessAndMetricsAnswer) {
  auto c = client();
  auto health = c.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(field(health.json(), "status"), "ok");
  auto ready = c.get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  auto metrics = c.get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_TRUE(metrics.header("Content-Type").starts_with("text/plain"));
  EXPECT_NE(metrics.body.find("kelisim_http_requests_total"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("kelisim_websockets_open"), std::string::npos) << metrics.body;
}

TEST_F(ApiErrors, OpenApiDocumentAndSecurityHeaders) {
  auto c = client();
  auto doc = c.get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  EXPECT_TRUE(field(doc.json(), "openapi").starts_with("3.1")) << doc.body.substr(0, 200);
  EXPECT_TRUE(doc.json().as_object().contains("paths"));
  EXPECT_EQ(doc.header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(doc.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_FALSE(doc.header("X-Request-Id").empty());
}

TEST_F(ApiErrors, PublicDirectoryAnswers) {
  auto c = client();
  auto regions = c.get("/api/v1/regions");
  ASSERT_EQ(regions.status, 200);
  EXPECT_NE(regions.body.find("KZ-71"), std::string::npos);
  auto orgs = c.get("/api/v1/organisations");
  ASSERT_EQ(orgs.status, 200);
  EXPECT_EQ(orgs.json().at("items").as_array().size(), 2u) << orgs.body;
}

TEST_F(ApiErrors, MalformedJsonIs400) {
  expectLocalisedProblem(client(), 400, "invalid-json", [](HttpClient &c) {
    return signInWith(c, R"({"email": "a@b.kz", "password": )");
  });
  expectLocalisedProblem(client(), 400, "invalid-json",
                         [](HttpClient &c) { return signInWith(c, R"(["not", "an", "object"])"); });
  // Nesting beyond the parser's depth bound is refused, not a crash.
  expectLocalisedProblem(client(), 400, "invalid-json", [](HttpClient &c) {
    return signInWith(c, std::string(200, '[') + std::string(200, ']'));
  });
}

TEST_F(ApiErrors, WrongFieldTypesAre422NamingTheField) {
  auto answers = expectLocalisedProblem(client(), 422, "validation-failed", [](HttpClient &c) {
    return signInWith(c, R"({"email": 42, "password": ["x"]})");
  });
  for (const auto &r : answers) {
    EXPECT_EQ(field(fieldError(r, "email"), "code"), "invalid_type") << r.body;
    EXPECT_EQ(field(fieldError(r, "password"), "code"), "invalid_type") << r.body;
    EXPECT_FALSE(field(fieldError(r, "email"), "detail").empty()) << r.body;
  }
}

TEST_F(ApiErrors, MissingFieldsAre422) {
  auto answers = expectLocalisedProblem(client(), 422, "validation-failed",
                                        [](HttpClient &c) { return signInWith(c, "{}"); });
  EXPECT_EQ(field(fieldError(answers[2], "email"), "code"), "required") << answers[2].body;
  EXPECT_EQ(field(fieldError(answers[2], "password"), "code"), "required") << answers[2].body;
}

TEST_F(ApiErrors, UnknownFieldIs422) {
  auto answers = expectLocalisedProblem(client(), 422, "validation-failed", [](HttpClient &c) {
    return signInWith(c, R"({"email": "a@b.kz", "password": "long-enough-1", "pasword": "x"})");
  });
  EXPECT_EQ(field(fieldError(answers[2], "pasword"), "code"), "unknown") << answers[2].body;
}

TEST_F(ApiErrors, UnknownRouteIs404) {
  expectLocalisedProblem(client(), 404, "not-found",
                         [](HttpClient &c) { return c.get("/api/v1/no-such-thing"); });
  // A trailing slash is another resource; a path that is not valid percent-encoding too.
  expectLocalisedProblem(client(), 404, "not-found",
                         [](HttpClient &c) { return c.get("/api/v1/regions/"); });
  expectLocalisedProblem(client(), 404, "not-found",
                         [](HttpClient &c) { return c.get("/api/v1/%zz"); });
}

TEST_F(ApiErrors, WrongMethodIs405WithAllow) {
  auto answers = expectLocalisedProblem(client(), 405, "method-not-allowed", [](HttpClient &c) {
    return c.request("PUT", "/api/v1/me", "{}");
  });
  const auto allow = answers[0].header("Allow");
  EXPECT_NE(allow.find("GET"), std::string::npos) << allow;
  EXPECT_NE(allow.find("PATCH"), std::string::npos) << allow;
  EXPECT_NE(allow.find("DELETE"), std::string::npos) << allow;
  answers = expectLocalisedProblem(client(), 405, "method-not-allowed", [](HttpClient &c) {
    return c.request("PUT", "/healthz", "{}");
  });
  EXPECT_EQ(answers[0].header("Allow"), "GET");
}

TEST_F(ApiErrors, BodyOverTheLimitIs413) {
  const std::string big =
      R"({"email": "a@b.kz", "password": ")" + std::string(kBodyLimit + 100, 'x') + R"("})";
  expectLocalisedProblem(client(), 413, "payload-too-large",
                         [&](HttpClient &c) { return signInWith(c, big); });
}

TEST_F(ApiErrors, WrongContentTypeIs415) {
  expectLocalisedProblem(client(), 415, "unsupported-media-type", [](HttpClient &c) {
    return signInWith(c, R"({"email": "a@b.kz", "password": "x"})",
                      {{"Content-Type", "text/plain"}});
  });
  expectLocalisedProblem(client(), 415, "unsupported-media-type", [](HttpClient &c) {
    return signInWith(c, R"({"email": "a@b.kz", "password": "x"})", {{"Content-Type", ""}});
  });
}

TEST_F(ApiErrors, UnauthenticatedIs401) {
  expectLocalisedProblem(client(), 401, "unauthenticated",
                         [](HttpClient &c) { return c.get("/api/v1/me"); });
  // A made-up session cookie is no session.
  HttpClient forged = client();
  forged.setCookie("kelisim_session", std::string(64, 'a'));
  expectLocalisedProblem(forged, 401, "unauthenticated",
                         [](HttpClient &c) { return c.get("/api/v1/me"); });
}

TEST_F(ApiErrors, MalformedHttpIsAnsweredAndTheServerCarriesOn) {
  const auto answer = rawExchange(server->port(), "THIS IS NOT HTTP\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
  EXPECT_NE(answer.find("application/problem+json"), std::string::npos) << answer;
  EXPECT_NE(answer.find("urn:kelisim:problem:bad-request"), std::string::npos) << answer;
  const auto huge_header = rawExchange(
      server->port(),
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_TRUE(huge_header.starts_with("HTTP/1.1 431")) << huge_header.substr(0, 200);
  // Cut off in the middle of a request.
  rawExchange(server->port(), "POST /api/v1/auth/sign-in HTTP/1.1\r\nContent-Length: 100\r\n\r\n{",
              200ms);
  EXPECT_EQ(client().get("/healthz").status, 200);
}

TEST(ApiRateLimit, SignInFloodIs429) {
  ServerOptions options;
  options.serve_args = {"--sign-in-per-minute", "3"};
  ServerProcess server(options);
  HttpClient c(server.port());
  for (int i = 0; i < 3; ++i) {
    auto r = c.signIn("nobody@example.kz", "wrong-password-1");
    EXPECT_EQ(r.status, 401) << "attempt " << i << ": " << r.body;
  }
  auto answers = expectLocalisedProblem(c, 429, "too-many-requests", [](HttpClient &x) {
    return x.signIn("citizen@demo.kelisim.kz");
  });
  EXPECT_FALSE(answers[0].header("Retry-After").empty());
  EXPECT_GT(std::stoi(answers[0].header("Retry-After")), 0);
  // Other endpoints are not limited.
  EXPECT_EQ(c.get("/api/v1/regions").status, 200);
}

} // namespace
} // namespace kelisim::itest
