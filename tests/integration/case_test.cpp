// A mediation case over HTTP (issue 10), on a real `kelisim` with the demo data: the citizen
// opens it, the screening refuses an excluded dispute with its ground, the other party accepts
// by link, both choose the demo mediator who declares no conflict, the contract and the
// settlement are PDFs whose hashes everyone signs; nobody else reads any of it.
#include "reception_helpers.hpp"

namespace kelisim::itest {
namespace {

using namespace reception;

constexpr const char *kCitizen = "citizen@demo.kelisim.kz";
constexpr const char *kMediator = "mediator@demo.kelisim.kz";

std::string openBody(const std::string &third_party = "no") {
  return R"({"parties":[{"name":"Айгерим Сапарова","kind":"person","identifier":"900515301234"},
    {"name":"ТОО «Акме»","kind":"organisation","identifier":"150340001236",
     "email":"legal@acme.kz"}],
    "subject":"Долг по договору поставки","category":"civil","language":"ru",
    "court_case_pending":false,
    "screening":{"third_party_rights":")" +
         third_party + R"(","incapable_party":"no","state_body":"no"}})";
}

std::string str(const boost::json::value &v) {
  return boost::json::serialize(v);
}

TEST(Cases, TheScreeningRefusesAnExcludedDisputeWithItsGround) {
  ServerProcess server(receptionServer());
  HttpClient citizen(server.port());
  ASSERT_EQ(citizen.signIn(kCitizen).status, 200);
  auto refused = citizen.post("/api/v1/cases", openBody("yes"));
  ASSERT_EQ(refused.status, 201) << refused.body;
  EXPECT_EQ(field(refused.json(), "stage"), "ended");
  EXPECT_EQ(field(refused.json(), "ending.ground"), "screening_refused");
  EXPECT_EQ(field(refused.json(), "ending.detail"), "third_party_rights");
  // A wrong control digit, an unanswered question: field errors, nothing saved.
  std::string bad = openBody();
  bad.replace(bad.find("150340001236"), 12, "150340001237");
  auto wrong = citizen.post("/api/v1/cases", bad);
  expectProblem(wrong, 422, "validation-failed");
  EXPECT_FALSE(fieldError(wrong, "parties[1].identifier").is_null()) << wrong.body;
  std::string unanswered = openBody();
  unanswered.replace(unanswered.find(R"(,"state_body":"no")"), 18, "");
  auto missing = citizen.post("/api/v1/cases", unanswered);
  expectProblem(missing, 422, "validation-failed");
  EXPECT_FALSE(fieldError(missing, "screening.state_body").is_null()) << missing.body;
  EXPECT_EQ(items(citizen.get("/api/v1/cases").json()).size(), 1u);
}

TEST(Cases, FromTheInvitationToTheSettlementSignedByAll) {
  ServerProcess server(receptionServer());
  HttpClient citizen(server.port()), other(server.port()), mediator(server.port());
  ASSERT_EQ(citizen.signIn(kCitizen).status, 200);
  ASSERT_EQ(mediator.signIn(kMediator).status, 200);
  ASSERT_EQ(other
                .post("/api/v1/auth/sign-up",
                      signUpBody("acme.director@example.kz", "Sunny-Steppe-2026", "Ержан"))
                .status,
            201);

  auto opened = citizen.post("/api/v1/cases", openBody());
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string id = field(opened.json(), "id");
  EXPECT_EQ(field(opened.json(), "stage"), "inviting");
  EXPECT_EQ(field(opened.json(), "my_role"), "party");

  auto sent = citizen.post("/api/v1/cases/" + id + "/invitation", R"({"version":1})");
  ASSERT_EQ(sent.status, 200) << sent.body;
  const std::string link = field(sent.json().at("links").at(0), "link");
  const std::string token = link.substr(link.find('#') + 1);
  EXPECT_EQ(field(sent.json(), "case.invitation.days_left"), "10");
  HttpClient anyone(server.port());
  auto preview = anyone.get("/api/v1/invitations/" + token);
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(field(preview.json(), "inviter"), "Айгерим Сапарова");
  auto accepted = other.post("/api/v1/invitations/" + token + "/accept", "");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(field(accepted.json(), "stage"), "choosing_mediator");

  const auto mediators =
      items(anyone.get("/api/v1/mediators?q=%D0%93%D2%AF%D0%BB%D0%BD%D0%B0%D1%80").json());
  ASSERT_EQ(mediators.size(), 1u);
  const std::string reg = field(mediators[0], "id");
  ASSERT_EQ(citizen.post("/api/v1/cases/" + id + "/mediators", R"({"register_id":")" + reg + "\"}")
                .status,
            200);
  ASSERT_EQ(other.post("/api/v1/cases/" + id + "/mediators/" + reg + "/agree", "").status, 200);
  auto declared = mediator.post("/api/v1/cases/" + id + "/declaration", R"({"conflict":false})");
  ASSERT_EQ(declared.status, 200) << declared.body;
  EXPECT_EQ(field(declared.json(), "stage"), "contracting");

  auto contract = mediator.post("/api/v1/cases/" + id + "/contract",
                                R"({"place":"онлайн, Алматы","fee":{"kind":"free"}})");
  ASSERT_EQ(contract.status, 200) << contract.body;
  const std::string hash = field(contract.json(), "contract.document_hash");
  auto pdf = citizen.get("/api/v1/cases/" + id + "/contract.pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  const std::string accept = R"({"contract_version":1,"document_hash":")" + hash + "\"}";
  for (auto *who : {&citizen, &other, &mediator})
    ASSERT_EQ(who->post("/api/v1/cases/" + id + "/contract/accept", accept).status, 200);
  auto running = citizen.get("/api/v1/cases/" + id);
  EXPECT_EQ(field(running.json(), "stage"), "running");
  EXPECT_EQ(field(running.json(), "clock.days_left"), "30");

  const std::string other_party = field(running.json().at("parties").at(1), "id");
  const std::string draft = R"({"place":"онлайн","terms":"Возврат частями",
    "consequences":"Неустойка 0,1 % в день","obligations":[{"owed_by":")" +
                            other_party +
                            R"(","what":"Вернуть 100 000 тенге","how":"Переводом",
    "due":"2031-01-31"}]})";
  auto drafted = mediator.post("/api/v1/cases/" + id + "/settlement", draft);
  ASSERT_EQ(drafted.status, 200) << drafted.body;
  const std::string s_hash =
      field(drafted.json().at("settlement").at("versions").at(0), "document_hash");
  auto s_pdf = other.get("/api/v1/cases/" + id + "/settlement/1/document.pdf");
  ASSERT_EQ(s_pdf.status, 200);
  const std::string sign = R"({"settlement_version":1,"document_hash":")" + s_hash + "\"}";
  for (auto *who : {&citizen, &other, &mediator})
    ASSERT_EQ(who->post("/api/v1/cases/" + id + "/settlement/sign", sign).status, 200);
  auto settled = citizen.get("/api/v1/cases/" + id);
  EXPECT_EQ(field(settled.json(), "ending.ground"), "settled");
  EXPECT_EQ(citizen.get("/api/v1/cases/" + id + "/court-package.pdf").status, 200);

  // Nobody else reads it: a coordinator, the admin, another mediator, anyone at all.
  for (const char *email : {"coordinator.astana@demo.kelisim.kz", "admin@demo.kelisim.kz",
                            "mediator.astana@demo.kelisim.kz"}) {
    HttpClient stranger(server.port());
    ASSERT_EQ(stranger.signIn(email).status, 200);
    expectProblem(stranger.get("/api/v1/cases/" + id), 404, "not-found");
    expectProblem(stranger.get("/api/v1/cases/" + id + "/contract.pdf"), 404, "not-found");
  }
  expectProblem(anyone.get("/api/v1/cases/" + id), 401, "unauthenticated");
  // The figures count it and name no one; a citizen may not read them.
  HttpClient coordinator(server.port());
  ASSERT_EQ(coordinator.signIn("coordinator.astana@demo.kelisim.kz").status, 200);
  auto figures = coordinator.get("/api/v1/cases/figures?from=2020-01-01&to=2100-12-31");
  ASSERT_EQ(figures.status, 200) << figures.body;
  EXPECT_EQ(field(figures.json(), "opened"), "1");
  EXPECT_EQ(field(figures.json(), "settled"), "1");
  EXPECT_EQ(figures.body.find("Айгерим"), std::string::npos);
  EXPECT_EQ(figures.body.find("Долг"), std::string::npos);
  auto csv = coordinator.get("/api/v1/cases/figures?from=2020-01-01&to=2100-12-31&format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("opened"), std::string::npos);
  expectProblem(citizen.get("/api/v1/cases/figures?from=2020-01-01&to=2100-12-31"), 403,
                "forbidden");
  expectProblem(coordinator.get("/api/v1/cases/figures?from=2020-01-01"), 422, "validation-failed");
  (void)str;
}

TEST(Cases, BadInputIsAFieldErrorInTheCallersLanguage) {
  ServerProcess server(receptionServer());
  HttpClient citizen(server.port());
  ASSERT_EQ(citizen.signIn(kCitizen).status, 200);
  auto opened = citizen.post("/api/v1/cases", openBody());
  const std::string id = field(opened.json(), "id");
  expectLocalisedProblem(citizen, 422, "validation-failed", [&](HttpClient &c) {
    return c.post("/api/v1/cases/" + id + "/invitation", R"({"answer_days":900})");
  });
  expectProblem(citizen.post("/api/v1/cases/" + id + "/invitation", R"({"version":7})"), 409,
                "conflict");
  expectProblem(citizen.post("/api/v1/cases/" + id + "/mediators", R"({"register_id":1})"), 422,
                "validation-failed");
  expectProblem(citizen.post("/api/v1/cases/" + id + "/contract", "[]"), 400, "invalid-json");
  expectProblem(citizen.get("/api/v1/cases/" + id + "/settlement/x/document.pdf"), 404,
                "not-found");
  expectProblem(citizen.post("/api/v1/invitations/nope/accept", ""), 404, "not-found");
}

} // namespace
} // namespace kelisim::itest
