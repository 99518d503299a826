// Sign-up, sign-in, sessions, cookies, CSRF, sign-out and lock-out against a real server.
#include "test_helpers.hpp"

namespace kelisim::itest {
namespace {

class Auth : public ::testing::Test {
protected:
  static void SetUpTestSuite() { server = new ServerProcess(relaxed()); }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  HttpClient client() const { return HttpClient(server->port()); }
  static ServerProcess *server;
};
ServerProcess *Auth::server = nullptr;

struct DemoAccount {
  const char *email;
  const char *role;
  const char *kind; // "" unless a specialist
};
constexpr DemoAccount kDemoAccounts[] = {
    {"admin@demo.kelisim.kz", "admin", ""},
    {"coordinator.wko@demo.kelisim.kz", "coordinator", ""},
    {"coordinator.astana@demo.kelisim.kz", "coordinator", ""},
    {"mediator@demo.kelisim.kz", "specialist", "mediator"},
    {"psychologist@demo.kelisim.kz", "specialist", "psychologist"},
    {"lawyer@demo.kelisim.kz", "specialist", "lawyer"},
    {"judge@demo.kelisim.kz", "specialist", "judge"},
    {"doctor@demo.kelisim.kz", "specialist", "doctor"},
    {"anticorruption@demo.kelisim.kz", "specialist", "anticorruption"},
    {"other@demo.kelisim.kz", "specialist", "other"},
    {"citizen@demo.kelisim.kz", "citizen", ""},
};

TEST_F(Auth, EveryDemoAccountSignsInAndSeesItsRole) {
  for (const auto &a : kDemoAccounts) {
    SCOPED_TRACE(a.email);
    auto c = client();
    auto r = c.signIn(a.email);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(field(r.json(), "user.role"), a.role);
    auto me = c.get("/api/v1/me");
    ASSERT_EQ(me.status, 200) << me.body;
    const auto user = me.json();
    EXPECT_EQ(field(user, "email"), a.email);
    EXPECT_EQ(field(user, "role"), a.role);
    if (*a.kind) {
      EXPECT_EQ(jsonText(user.at("kinds")), std::string("[\"") + a.kind + "\"]");
    }
    if (std::string(a.role) == "specialist" || std::string(a.role) == "coordinator") {
      EXPECT_TRUE(user.at("organisation").is_object()) << me.body;
    }
  }
}

TEST_F(Auth, SignUpCreatesACitizenWhoCanSignInAgain) {
  auto c = client();
  auto r = c.post("/api/v1/auth/sign-up",
                  signUpBody("new.citizen@example.kz", "Sunny-Steppe-2026", "Айжан", "kk"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(field(r.json(), "user.role"), "citizen");
  EXPECT_EQ(field(r.json(), "user.language"), "kk");
  EXPECT_TRUE(c.cookie("kelisim_session").has_value()) << "sign-up signs in";
  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(field(me.json(), "role"), "citizen");
  EXPECT_EQ(field(me.json(), "display_name"), "Айжан");
  EXPECT_FALSE(me.json().as_object().contains("password_hash"));

  auto again = client();
  EXPECT_EQ(again.signIn("new.citizen@example.kz", "Sunny-Steppe-2026").status, 200);
  // The same e-mail cannot be taken twice.
  auto twice = client().post("/api/v1/auth/sign-up",
                             signUpBody("new.citizen@example.kz", "Other-Password-1"));
  EXPECT_GE(twice.status, 400);
  EXPECT_LT(twice.status, 500);
  EXPECT_TRUE(twice.header("Content-Type").starts_with("application/problem+json"));
  // A too-short password names the field.
  auto weak = client().post("/api/v1/auth/sign-up", signUpBody("weak@example.kz", "short"));
  expectProblem(weak, 422, "validation-failed");
  EXPECT_FALSE(fieldError(weak, "password").is_null()) << weak.body;
}

TEST_F(Auth, SessionCookiesHaveSafeAttributes) {
  auto c = client();
  auto r = c.signIn("citizen@demo.kelisim.kz");
  ASSERT_EQ(r.status, 200);
  std::string session, csrf;
  for (const auto &line : r.all("Set-Cookie")) {
    if (line.starts_with("kelisim_session=")) session = line;
    if (line.starts_with("kelisim_csrf=")) csrf = line;
  }
  ASSERT_FALSE(session.empty()) << "no session cookie";
  ASSERT_FALSE(csrf.empty()) << "no CSRF cookie";
  EXPECT_NE(session.find("; HttpOnly"), std::string::npos) << session;
  EXPECT_NE(session.find("; SameSite=Lax"), std::string::npos) << session;
  EXPECT_NE(session.find("; Path=/"), std::string::npos) << session;
  EXPECT_NE(csrf.find("; SameSite=Lax"), std::string::npos) << csrf;
  EXPECT_NE(csrf.find("; Path=/"), std::string::npos) << csrf;
  // The page's script must read the CSRF token, so that one is not HttpOnly.
  EXPECT_EQ(csrf.find("HttpOnly"), std::string::npos) << csrf;
  EXPECT_NE(*c.cookie("kelisim_session"), *c.cookie("kelisim_csrf"));
  EXPECT_GE(c.cookie("kelisim_session")->size(), 32u);
}

TEST_F(Auth, WriteWithoutTheCsrfHeaderIs403) {
  auto c = client();
  ASSERT_EQ(c.signIn("citizen@demo.kelisim.kz").status, 200);
  const std::string body = R"({"display_name": "Бауыржан С."})";
  c.csrf = false;
  expectLocalisedProblem(c, 403, "csrf-failed",
                         [&](HttpClient &x) { return x.patch("/api/v1/me", body); });
  expectProblem(c.patch("/api/v1/me", body, {{"X-CSRF-Token", std::string(32, '0')}}), 403,
                "csrf-failed");
  expectProblem(c.post("/api/v1/auth/sign-out", ""), 403, "csrf-failed");
  EXPECT_EQ(c.get("/api/v1/me").status, 200) << "the refused sign-out did not sign out";
  c.csrf = true;
  auto ok = c.patch("/api/v1/me", body);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(field(ok.json(), "display_name"), "Бауыржан С.");
}

TEST_F(Auth, WriteFromAnotherSiteIsRefusedEvenBeforeSignIn) {
  auto c = client();
  auto r = c.signIn("citizen@demo.kelisim.kz");
  ASSERT_EQ(r.status, 200);
  HttpClient fresh = client();
  auto cross = fresh.post("/api/v1/auth/sign-in",
                          R"({"email":"citizen@demo.kelisim.kz","password":"DemoPass-2026"})",
                          {{"Origin", "https://evil.example"}});
  expectProblem(cross, 403, "csrf-failed");
  EXPECT_FALSE(fresh.cookie("kelisim_session").has_value());
  auto patched =
      c.patch("/api/v1/me", R"({"display_name": "x"})", {{"Origin", "https://evil.example"}});
  expectProblem(patched, 403, "csrf-failed");
}

TEST_F(Auth, SignOutEndsTheSessionOnTheServer) {
  auto c = client();
  ASSERT_EQ(c.signIn("mediator@demo.kelisim.kz").status, 200);
  const auto token = *c.cookie("kelisim_session");
  ASSERT_EQ(c.get("/api/v1/me").status, 200);
  auto out = c.post("/api/v1/auth/sign-out", "");
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_FALSE(c.cookie("kelisim_session").has_value()) << "the cookie is cleared";
  expectProblem(c.get("/api/v1/me"), 401, "unauthenticated");
  // Replaying the old cookie does not bring the session back.
  HttpClient replay = client();
  replay.setCookie("kelisim_session", token);
  expectProblem(replay.get("/api/v1/me"), 401, "unauthenticated");
}

TEST_F(Auth, WrongPasswordAndUnknownEmailLookTheSame) {
  auto wrong = client().signIn("judge@demo.kelisim.kz", "Not-The-Password-1");
  auto unknown = client().signIn("nobody.here@demo.kelisim.kz", "Not-The-Password-1");
  expectProblem(wrong, 401, "invalid-credentials");
  expectProblem(unknown, 401, "invalid-credentials");
  EXPECT_EQ(wrong.body, unknown.body);
}

TEST_F(Auth, FiveWrongPasswordsLockTheAccount) {
  const std::string email = "lock.me@example.kz", password = "Correct-Horse-2026";
  ASSERT_EQ(client().post("/api/v1/auth/sign-up", signUpBody(email, password)).status, 201);
  for (int i = 0; i < 5; ++i) {
    auto r = client().signIn(email, "Wrong-Password-" + std::to_string(i));
    EXPECT_TRUE(r.status == 401 || r.status == 429) << "attempt " << i << ": " << r.body;
    if (i < 4) expectProblem(r, 401, "invalid-credentials");
  }
  auto c = client();
  auto answers = expectLocalisedProblem(c, 429, "account-locked",
                                        [&](HttpClient &x) { return x.signIn(email, password); });
  EXPECT_FALSE(answers[0].header("Retry-After").empty());
  EXPECT_FALSE(c.cookie("kelisim_session").has_value());
  // The lock is per account: others still sign in from the same address.
  EXPECT_EQ(client().signIn("citizen@demo.kelisim.kz").status, 200);
}

TEST_F(Auth, ProfileChangesAreValidated) {
  auto c = client();
  ASSERT_EQ(c.signIn("doctor@demo.kelisim.kz").status, 200);
  auto role = c.patch("/api/v1/me", R"({"role": "admin"})");
  expectProblem(role, 422, "validation-failed");
  auto lang = c.patch("/api/v1/me", R"({"language": "de"})");
  expectProblem(lang, 422, "validation-failed");
  EXPECT_EQ(field(fieldError(lang, "language"), "code"), "invalid_value") << lang.body;
  EXPECT_EQ(field(c.get("/api/v1/me").json(), "role"), "specialist");
}

} // namespace
} // namespace kelisim::itest
