// The register of mediators over HTTP (issue 10): anyone reads the directory with its search
// and filters, suspended mediators included with their reason; only the admin keeps it; bad
// input gets a localised problem and changes nothing.
#include "reception_helpers.hpp"

namespace kelisim::itest {
namespace {

using namespace reception;

std::vector<std::string> namesOf(const Response &r) {
  std::vector<std::string> out;
  for (const auto &m : items(r.json())) out.push_back(field(m, "name"));
  return out;
}

std::string newMediator() {
  return R"({"name":"Жанар Оспанова","kind":"professional",
    "keeper":"Палата профессиональных медиаторов «Келісім»",
    "certificate":{"number":"ПМ-2024-0001","date":"2024-01-09"},
    "specialisations":["labour","family"],"languages":["kk"],"regions":["KZ-71"]})";
}

TEST(Mediation, AnyoneReadsTheRegisterWithItsSearchAndFilters) {
  ServerProcess server(receptionServer());
  HttpClient anyone(server.port());
  auto all = anyone.get("/api/v1/mediators");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(namesOf(all).size(), 5u);
  // Suspended: shown, with the date and the reason, and not taking cases.
  for (const auto &m : items(all.json()))
    if (field(m, "status") == "suspended") {
      EXPECT_EQ(field(m, "name"), "Арман Досжанов");
      EXPECT_FALSE(field(m, "status_reason").empty());
      EXPECT_EQ(field(m, "status_since").size(), 10u);
      EXPECT_EQ(field(m, "takes_cases"), "false");
    }
  // "ольга" in the query string, percent-encoded.
  EXPECT_EQ(namesOf(anyone.get("/api/v1/mediators?q=%D0%BE%D0%BB%D1%8C%D0%B3%D0%B0")),
            std::vector<std::string>{"Ольга Ким"});
  EXPECT_EQ(namesOf(anyone.get("/api/v1/mediators?kind=public&language=ru")),
            std::vector<std::string>{"Виктор Ли"});
  EXPECT_EQ(namesOf(anyone.get("/api/v1/mediators?status=active&region=KZ-27")).size(), 2u);
  const auto one = items(all.json()).at(0);
  auto read = anyone.get("/api/v1/mediators/" + field(one, "id"));
  EXPECT_EQ(read.status, 200);
  EXPECT_EQ(field(read.json(), "name"), field(one, "name"));
  expectProblem(anyone.get("/api/v1/mediators/nope"), 404, "not-found");
  expectLocalisedProblem(anyone, 422, "validation-failed", [](HttpClient &c) {
    return c.get("/api/v1/mediators?specialisation=astrology");
  });
}

TEST(Mediation, OnlyTheAdminKeepsTheRegister) {
  ServerProcess server(receptionServer());
  HttpClient anyone(server.port());
  expectProblem(anyone.post("/api/v1/mediators", newMediator()), 401, "unauthenticated");
  HttpClient coordinator(server.port());
  ASSERT_EQ(coordinator.signIn("coordinator.astana@demo.kelisim.kz").status, 200);
  expectProblem(coordinator.post("/api/v1/mediators", newMediator()), 403, "forbidden");

  HttpClient admin(server.port());
  ASSERT_EQ(admin.signIn("admin@demo.kelisim.kz").status, 200);
  auto made = admin.post("/api/v1/mediators", newMediator());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = field(made.json(), "id");
  EXPECT_EQ(field(made.json(), "certificate.date"), "2024-01-09");
  auto suspended = admin.post("/api/v1/mediators/" + id + "/status",
                              R"({"status":"suspended","reason":"Проверка жалобы"})");
  ASSERT_EQ(suspended.status, 200) << suspended.body;
  EXPECT_EQ(field(suspended.json(), "status"), "suspended");
  expectProblem(coordinator.post("/api/v1/mediators/" + id + "/status", R"({"status":"active"})"),
                403, "forbidden");
  // A professional without a certificate, an unknown region: refused, nothing kept.
  auto bad = admin.post("/api/v1/mediators", R"({"name":"X","kind":"professional","keeper":"Y",
    "certificate":null,"specialisations":["civil"],"languages":["ru"],"regions":["KZ-71"]})");
  expectProblem(bad, 422, "validation-failed");
  EXPECT_FALSE(fieldError(bad, "certificate_number").is_null()) << bad.body;
  auto unknown = admin.request("PUT", "/api/v1/mediators/" + id,
                               R"({"name":"Жанар Оспанова","kind":"professional","keeper":"Y",
    "certificate":{"number":"1","date":"2024-02-30"},"specialisations":["civil"],
    "languages":["ru"],"regions":["KZ-71"]})");
  expectProblem(unknown, 422, "validation-failed");
  EXPECT_FALSE(fieldError(unknown, "certificate.date").is_null()) << unknown.body;
  EXPECT_EQ(namesOf(anyone.get("/api/v1/mediators")).size(), 6u);
}

} // namespace
} // namespace kelisim::itest
