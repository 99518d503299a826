// The audit trail from outside: admins read it over HTTP (others cannot), reads of a
// consultation by staff are in it, and `kelisim audit verify` tells an intact trail from one
// edited in the database file.
#include "reception_helpers.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <thread>

namespace kelisim::itest {
namespace {

using namespace reception;

TEST(AuditTrail, AdminsReadItOthersCannotAndVerifyFindsAnEdit) {
  ServerProcess server(receptionServer());
  HttpClient admin(server.port());
  ASSERT_EQ(admin.signIn("admin@demo.kelisim.kz").status, 200);
  HttpClient coordinator(server.port());
  ASSERT_EQ(coordinator.signIn("coordinator.astana@demo.kelisim.kz").status, 200);
  expectProblem(coordinator.get("/api/v1/audit"), 403, "forbidden");
  expectProblem(HttpClient(server.port()).get("/api/v1/audit"), 401, "unauthenticated");
  expectProblem(admin.get("/api/v1/audit?from=yesterday"), 422, "validation-failed");

  auto signins = admin.get("/api/v1/audit?action=auth.sign_in&limit=5");
  ASSERT_EQ(signins.status, 200) << signins.body;
  const auto list = items(signins.json());
  ASSERT_FALSE(list.empty());
  for (const auto &e : list) EXPECT_TRUE(field(e, "action").starts_with("auth.sign_in"));

  // A lawyer reading a consultation leaves a trace.
  const auto demo = demoCentres(server.port());
  auto consultation = lawyerConsultation(server.port(), demo);
  ASSERT_FALSE(consultation.room_id.empty());
  ASSERT_EQ(
      consultation.lawyer->http.get("/api/v1/rooms/" + consultation.room_id + "/messages").status,
      200);
  auto reads = admin.get("/api/v1/audit?action=room.messages_read&object=" + consultation.room_id);
  ASSERT_EQ(reads.status, 200);
  EXPECT_FALSE(items(reads.json()).empty()) << reads.body;

  // Entries are sealed once they have settled for 10 s.
  std::this_thread::sleep_for(std::chrono::seconds(12));
  bool sealed = false;
  for (const auto &e : items(admin.get("/api/v1/audit?limit=200").json()))
    sealed = sealed || field(e, "sealed") == "true";
  EXPECT_TRUE(sealed) << "nothing sealed after 12 s";
  ASSERT_EQ(server.stop().code, 0);
  std::string out;
  EXPECT_EQ(server.runCommand({"audit", "verify"}, &out), 0) << out;
  EXPECT_NE(out.find("intact"), std::string::npos) << out;
  {
    SQLite::Database file((server.dir() / "kelisim.db").string(), SQLite::OPEN_READWRITE);
    file.exec("UPDATE audit_events SET action = 'nothing.happened' WHERE id = (SELECT min(id) "
              "FROM audit_events WHERE hash IS NOT NULL)");
  }
  EXPECT_EQ(server.runCommand({"audit", "verify"}, &out), 1) << out;
  EXPECT_NE(out.find("BROKEN"), std::string::npos) << out;
}

} // namespace
} // namespace kelisim::itest
