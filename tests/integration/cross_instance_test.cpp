// Two `kelisim serve` instances on one PostgreSQL: a citizen connected to one and a
// specialist to the other see each other's queue changes and messages (the events cross
// through LISTEN/NOTIFY). Skipped without KELISIM_TEST_PG_URL.
#include "reception_helpers.hpp"

namespace kelisim::itest {
namespace {
using reception::awaitEvent;

std::string cookiesOf(const HttpClient &c) {
  return c.cookieHeader();
}

TEST(CrossInstance, CitizenOnOneAndSpecialistOnTheOtherSeeEachOther) {
  FreshPgDatabase db;
  if (!db.ready()) GTEST_SKIP() << "KELISIM_TEST_PG_URL is not set";
  ServerOptions a_options = relaxed();
  a_options.database = db.url();
  ServerProcess a(a_options);
  ServerOptions b_options = relaxed();
  b_options.database = db.url();
  b_options.seed = false;
  ServerProcess b(b_options);

  // The Astana centre's reception, open now (seed-demo).
  HttpClient anyone(a.port());
  std::string reception_id;
  const auto receptions = anyone.get("/api/v1/receptions").json();
  for (const auto &r : receptions.at("items").as_array())
    if (field(r, "kind") == "event" &&
        std::string(r.at("organisation_name").at("en").as_string()).find("Astana") !=
            std::string::npos)
      reception_id = field(r, "id");
  ASSERT_FALSE(reception_id.empty());

  // The lawyer works on instance B.
  HttpClient lawyer(b.port());
  signedIn(lawyer, "lawyer@demo.kelisim.kz");
  auto lawyer_socket = std::make_unique<WsClient>(b.port(), Headers{{"Cookie", cookiesOf(lawyer)}});
  WsClient &lawyer_ws = *lawyer_socket;
  ASSERT_TRUE(lawyer_ws.open());
  ASSERT_EQ(lawyer.post("/api/v1/desk/duty", R"({"on_duty":true})").status, 200);

  // The citizen asks on instance A, anonymously.
  HttpClient citizen(a.port());
  const auto asked = citizen.post("/api/v1/tickets", boost::json::serialize(boost::json::object{
                                                         {"reception_id", reception_id},
                                                         {"region", "KZ-71"},
                                                         {"language", "ru"},
                                                         {"category", "civil"},
                                                         {"description", "Сосед затопил квартиру"},
                                                         {"channel", "chat"},
                                                         {"kinds", boost::json::array{"lawyer"}},
                                                         {"consent", true}}));
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string ticket_id = field(asked.json().at("ticket"), "id");
  auto citizen_socket =
      std::make_unique<WsClient>(a.port(), Headers{{"Cookie", cookiesOf(citizen)}});
  WsClient &citizen_ws = *citizen_socket;
  ASSERT_TRUE(citizen_ws.open());

  // B offers A's ticket to its lawyer.
  auto offer = awaitEvent(lawyer_ws, "offer", [&](const boost::json::value &e) {
    return field(e.at("offer"), "ticket_id") == ticket_id;
  });
  ASSERT_FALSE(offer.is_null()) << "no offer reached instance B";
  const auto accepted = lawyer.post("/api/v1/desk/offers/" + ticket_id + "/accept", "");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  const std::string room_id = field(accepted.json(), "id");

  // A tells its citizen that the lawyer joined.
  auto joined = awaitEvent(citizen_ws, "ticket", [](const boost::json::value &e) {
    return field(e.at("ticket"), "status") == "in_room";
  });
  ASSERT_FALSE(joined.is_null()) << "instance A did not hear of the accepted offer";

  // Messages cross both ways.
  ASSERT_TRUE(citizen_ws.send(boost::json::serialize(boost::json::object{
      {"type", "send"}, {"room_id", room_id}, {"client_id", "c-1"}, {"body", "Здравствуйте"}})));
  auto ack = awaitEvent(citizen_ws, "ack");
  ASSERT_FALSE(ack.is_null());
  EXPECT_EQ(field(ack, "seq"), "1");
  auto heard = awaitEvent(lawyer_ws, "message", [](const boost::json::value &e) {
    return field(e.at("message"), "body") == "Здравствуйте";
  });
  EXPECT_FALSE(heard.is_null()) << "the citizen's message did not reach instance B";

  ASSERT_TRUE(lawyer_ws.send(boost::json::serialize(boost::json::object{
      {"type", "send"}, {"room_id", room_id}, {"client_id", "l-1"}, {"body", "Слушаю вас"}})));
  auto answer = awaitEvent(citizen_ws, "message", [](const boost::json::value &e) {
    return field(e.at("message"), "body") == "Слушаю вас";
  });
  EXPECT_FALSE(answer.is_null()) << "the lawyer's message did not reach instance A";
  EXPECT_EQ(field(answer.at("message"), "seq"), "2");

  // Hang up first: a client that is not reading cannot answer the server's close frame.
  lawyer_socket.reset();
  citizen_socket.reset();
  for (auto *server : {&b, &a}) {
    const auto exit = server->stop();
    EXPECT_TRUE(exit.exited && exit.code == 0) << server->log();
  }
}

} // namespace
} // namespace kelisim::itest
