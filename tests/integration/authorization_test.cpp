// Authorisation with other users' ids: each role tries what it must not do.
#include "test_helpers.hpp"

namespace kelisim::itest {
namespace {

class Authorization : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    server = new ServerProcess(relaxed());
    auto idOf = [](const char *email) {
      HttpClient c(server->port());
      return field(signedIn(c, email), "id");
    };
    ids = new std::map<std::string, std::string>{
        {"admin", idOf("admin@demo.kelisim.kz")},
        {"citizen", idOf("citizen@demo.kelisim.kz")},
        {"coordinator.astana", idOf("coordinator.astana@demo.kelisim.kz")},
        {"mediator.wko", idOf("mediator@demo.kelisim.kz")},
        {"lawyer.astana", idOf("lawyer@demo.kelisim.kz")},
        {"doctor.astana", idOf("doctor@demo.kelisim.kz")},
    };
    HttpClient c(server->port());
    const auto orgs = c.get("/api/v1/organisations").json();
    for (const auto &o : orgs.at("items").as_array())
      (*ids)["org." + field(o, "region")] = field(o, "id");
  }
  static void TearDownTestSuite() {
    delete server;
    delete ids;
    server = nullptr;
    ids = nullptr;
  }
  static HttpClient as(const char *email) {
    HttpClient c(server->port());
    EXPECT_EQ(c.signIn(email).status, 200) << email;
    return c;
  }
  static const std::string &id(const std::string &who) { return ids->at(who); }
  static std::string staffBody(const std::string &email, const std::string &role,
                               const std::string &org, bool kinds = true) {
    boost::json::object o{{"email", email}, {"display_name", "Staff " + role}, {"role", role}};
    if (!org.empty()) o["organisation_id"] = org;
    if (kinds && role == "specialist") o["kinds"] = boost::json::array{"mediator"};
    return boost::json::serialize(o);
  }
  static ServerProcess *server;
  static std::map<std::string, std::string> *ids;
};
ServerProcess *Authorization::server = nullptr;
std::map<std::string, std::string> *Authorization::ids = nullptr;

TEST_F(Authorization, IdsWereFound) {
  for (const auto &[who, value] : *ids) EXPECT_EQ(value.size(), 32u) << who;
  EXPECT_TRUE(ids->contains("org.KZ-27"));
  EXPECT_TRUE(ids->contains("org.KZ-71"));
}

TEST_F(Authorization, CitizenCannotListOrSeeOtherUsers) {
  auto c = as("citizen@demo.kelisim.kz");
  expectProblem(c.get("/api/v1/users"), 403, "forbidden");
  expectProblem(c.get("/api/v1/users/" + id("admin")), 404, "not-found");
  expectProblem(c.get("/api/v1/users/" + id("lawyer.astana")), 404, "not-found");
  expectProblem(c.patch("/api/v1/users/" + id("admin"), R"({"display_name": "pwned"})"), 404,
                "not-found");
  expectProblem(c.patch("/api/v1/users/" + id("citizen"), R"({"role": "admin"})"), 403,
                "forbidden");
  // Probing ids tells nothing: a stranger and a nobody answer alike.
  auto stranger = c.get("/api/v1/users/" + id("mediator.wko"));
  auto nobody = c.get("/api/v1/users/" + std::string(32, 'f'));
  EXPECT_EQ(stranger.status, nobody.status);
  EXPECT_EQ(field(stranger.json(), "type"), field(nobody.json(), "type"));
  // One's own record is visible.
  auto own = c.get("/api/v1/users/" + id("citizen"));
  EXPECT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(field(as("admin@demo.kelisim.kz").get("/api/v1/me").json(), "display_name"),
            "Әлия Сейітова")
      << "the admin was not changed";
}

TEST_F(Authorization, CoordinatorSeesOnlyTheirOwnOrganisation) {
  auto c = as("coordinator.wko@demo.kelisim.kz");
  expectProblem(c.get("/api/v1/users/" + id("lawyer.astana")), 404, "not-found");
  expectProblem(c.patch("/api/v1/users/" + id("lawyer.astana"), R"({"display_name": "moved"})"),
                404, "not-found");
  expectProblem(c.patch("/api/v1/users/" + id("coordinator.astana"), R"({"role": "specialist"})"),
                404, "not-found");
  expectProblem(c.get("/api/v1/users/" + id("admin")), 404, "not-found");
  expectProblem(c.get("/api/v1/users/" + id("citizen")), 404, "not-found");
  EXPECT_EQ(c.get("/api/v1/users/" + id("mediator.wko")).status, 200);

  auto list = c.get("/api/v1/users");
  ASSERT_EQ(list.status, 200) << list.body;
  const auto body = list.json();
  const auto &items = body.at("items").as_array();
  EXPECT_FALSE(items.empty());
  for (const auto &u : items) {
    EXPECT_EQ(field(u, "organisation.id"), id("org.KZ-27")) << jsonText(u);
    EXPECT_NE(field(u, "role"), "admin");
    EXPECT_NE(field(u, "role"), "citizen");
  }
  EXPECT_EQ(field(as("lawyer@demo.kelisim.kz").get("/api/v1/me").json(), "display_name"),
            "Марат Жақсылықов")
      << "the Astana lawyer was not changed";
}

TEST_F(Authorization, CoordinatorCannotCreateAdminsOrStaffElsewhere) {
  auto c = as("coordinator.wko@demo.kelisim.kz");
  expectProblem(c.post("/api/v1/users", staffBody("new.admin@example.kz", "admin", "")), 403,
                "forbidden");
  expectProblem(
      c.post("/api/v1/users", staffBody("x.astana@example.kz", "specialist", id("org.KZ-71"))), 403,
      "forbidden");
  expectProblem(c.patch("/api/v1/users/" + id("mediator.wko"), R"({"role": "admin"})"), 403,
                "forbidden");
  // In their own organisation they may.
  auto ok = c.post("/api/v1/users", staffBody("new.mediator@example.kz", "specialist", ""));
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(field(ok.json(), "organisation.id"), id("org.KZ-27"));
  EXPECT_EQ(field(ok.json(), "role"), "specialist");
}

TEST_F(Authorization, SpecialistsAndCitizensCannotManageUsersOrOrganisations) {
  for (const char *email :
       {"mediator@demo.kelisim.kz", "lawyer@demo.kelisim.kz", "citizen@demo.kelisim.kz"}) {
    SCOPED_TRACE(email);
    auto c = as(email);
    expectProblem(
        c.post("/api/v1/users", staffBody("s.new@example.kz", "specialist", id("org.KZ-27"))), 403,
        "forbidden");
    expectProblem(c.get("/api/v1/users"), 403, "forbidden");
    expectProblem(c.get("/api/v1/users/" + id("coordinator.astana")), 404, "not-found");
    auto org = c.post("/api/v1/organisations",
                      R"({"name": {"kk": "a", "ru": "b", "en": "c"}, "region": "KZ-71"})");
    expectProblem(org, 403, "forbidden");
  }
  auto coordinator = as("coordinator.astana@demo.kelisim.kz");
  expectProblem(
      coordinator.post("/api/v1/organisations",
                       R"({"name": {"kk": "a", "ru": "b", "en": "c"}, "region": "KZ-71"})"),
      403, "forbidden");
}

TEST_F(Authorization, OrganisationsAreEditedByAdminsAndTheirOwnCoordinatorOnly) {
  const std::string astana = "/api/v1/organisations/" + id("org.KZ-71");
  const std::string wko = "/api/v1/organisations/" + id("org.KZ-27");
  const std::string renamed =
      R"({"name": {"kk": "Астана медиация орталығы", "ru": "Центр медиации Астаны",
                   "en": "Astana Mediation Centre"}, "region": "KZ-71"})";
  auto coordinator = as("coordinator.astana@demo.kelisim.kz");
  // Another organisation's id is not there for them; specialists and citizens edit nothing.
  expectProblem(coordinator.patch(wko, renamed), 404, "not-found");
  for (const char *email : {"lawyer@demo.kelisim.kz", "citizen@demo.kelisim.kz"}) {
    SCOPED_TRACE(email);
    auto c = as(email);
    expectProblem(c.patch(astana, renamed), 404, "not-found");
  }
  HttpClient anon(server->port());
  expectProblem(anon.patch(astana, renamed), 401, "unauthenticated");
  auto own = coordinator.patch(astana, renamed);
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(field(own.json().at("name"), "kk"), "Астана медиация орталығы");
  expectProblem(coordinator.patch(astana, R"({"name": {"kk": "", "ru": "b", "en": "c"},
                                                "region": "KZ-00"})"),
                422, "validation-failed");
  auto admin = as("admin@demo.kelisim.kz");
  auto other = admin.patch(wko, R"({"name": {"kk": "БҚО", "ru": "ЗКО", "en": "WKO"},
                                    "region": "KZ-27"})");
  ASSERT_EQ(other.status, 200) << other.body;
  EXPECT_EQ(field(other.json().at("name"), "en"), "WKO");
  expectProblem(admin.patch("/api/v1/organisations/nope", renamed), 404, "not-found");
  auto audit = admin.get("/api/v1/audit?action=organisation.updated");
  ASSERT_EQ(audit.status, 200);
  EXPECT_EQ(audit.json().at("items").as_array().size(), 2u);
}

TEST_F(Authorization, WithoutSignInEverythingPrivateIs401) {
  HttpClient anon(server->port());
  expectProblem(anon.get("/api/v1/users"), 401, "unauthenticated");
  expectProblem(anon.get("/api/v1/users/" + id("admin")), 401, "unauthenticated");
  expectProblem(anon.post("/api/v1/users", staffBody("a@example.kz", "admin", "")), 401,
                "unauthenticated");
}

TEST_F(Authorization, AdminSeesEveryoneAndOnlyAdminsReadTheAuditTrail) {
  auto admin = as("admin@demo.kelisim.kz");
  auto list = admin.get("/api/v1/users");
  ASSERT_EQ(list.status, 200);
  EXPECT_GE(list.json().at("items").as_array().size(), 11u);
  EXPECT_EQ(admin.get("/api/v1/users/" + id("lawyer.astana")).status, 200);
  for (const char *path : {"/api/v1/audit-log", "/api/v1/audit_log", "/api/v1/audit/entries",
                           "/api/v1/users/x/audit"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(admin.get(path).status, 404);
  }
  EXPECT_EQ(admin.get("/api/v1/audit").status, 200);
  expectProblem(as("coordinator.wko@demo.kelisim.kz").get("/api/v1/audit"), 403, "forbidden");
  for (const char *secret : {"password", "failed_sign_ins", "locked_until", "token"})
    EXPECT_EQ(list.body.find(secret), std::string::npos) << secret << " leaks in user lists";
}

} // namespace
} // namespace kelisim::itest
