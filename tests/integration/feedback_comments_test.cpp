// Feedback comments (issue 8): what citizens wrote with their ratings reaches the reception's
// coordinators on its figures page, newest first and a page at a time, and nobody else. And
// a coordinator may not make themself a specialist (who could then read private notes).
#include "reception_helpers.hpp"

namespace kelisim::itest {
namespace {

using namespace reception;

TEST(FeedbackComments, CoordinatorsReadThemNewestFirstAndNobodyElse) {
  ServerProcess server(receptionServer());
  const auto demo = demoCentres(server.port());
  auto consultation = lawyerConsultation(server.port(), demo);
  ASSERT_FALSE(consultation.room_id.empty());
  HttpClient &citizen = consultation.asked.citizen->http;
  HttpClient &lawyer = consultation.lawyer->http;
  auto closed = lawyer.post("/api/v1/rooms/" + consultation.room_id + "/close",
                            text({{"outcome", "advice_given"}}));
  ASSERT_EQ(closed.status, 200) << closed.body;
  const auto ticket = consultation.asked.ticket_id;
  auto rated = citizen.post("/api/v1/tickets/" + ticket + "/feedback",
                            text({{"rating", 4}, {"comment", "Рақмет, бәрі түсінікті"}}));
  ASSERT_EQ(rated.status, 201) << rated.body;
  const std::string target = "/api/v1/receptions/" + demo.astana.event_id + "/comments";
  HttpClient coordinator(server.port());
  signedIn(coordinator, "coordinator.astana@demo.kelisim.kz");
  auto page = coordinator.get(target + "?limit=1");
  ASSERT_EQ(page.status, 200) << page.body;
  const auto list = items(page.json());
  ASSERT_EQ(list.size(), 1u) << page.body;
  EXPECT_EQ(field(list[0], "comment"), "Рақмет, бәрі түсінікті");
  EXPECT_EQ(field(list[0], "rating"), "4");
  const auto next = field(page.json(), "next");
  ASSERT_NE(next, "null");
  auto rest = coordinator.get(target + "?limit=1&before=" + next);
  ASSERT_EQ(rest.status, 200) << rest.body;
  EXPECT_TRUE(items(rest.json()).empty()) << rest.body;
  expectProblem(coordinator.get(target + "?before=nonsense"), 422, "validation-failed");
  expectProblem(citizen.get(target), 403, "forbidden");
  expectProblem(lawyer.get(target), 403, "forbidden");
  HttpClient other(server.port());
  signedIn(other, "coordinator.wko@demo.kelisim.kz");
  expectProblem(other.get(target), 403, "forbidden");
}

TEST(OwnAccess, ACoordinatorCannotMakeThemselfASpecialist) {
  ServerProcess server(receptionServer());
  HttpClient coordinator(server.port());
  const auto me = signedIn(coordinator, "coordinator.astana@demo.kelisim.kz");
  const auto id = field(me, "id");
  auto r =
      coordinator.patch("/api/v1/users/" + id,
                        text({{"role", "specialist"}, {"kinds", boost::json::array{"lawyer"}}}));
  expectProblem(r, 422, "validation-failed");
  EXPECT_EQ(field(coordinator.get("/api/v1/me").json(), "role"), "coordinator");
}

} // namespace
} // namespace kelisim::itest
