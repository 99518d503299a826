// Support for the reception integration tests (issue 3): the demo receptions, intake bodies,
// people signed in with their /ws open, and waiting for one event among many. Every wait is
// bounded and fails with a message naming what did not arrive; nothing here asserts on time.
#pragma once

#include "test_helpers.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace kelisim::itest::reception {

using Json = boost::json::value;
using Pick = std::function<bool(const Json &)>;

// Long enough for a loaded 2-core machine; only a failing test ever waits this long.
inline constexpr auto kEventWait = 20s;

// Servers for these tests: relaxed sign-in and intake limits, plus `extra` flags.
inline ServerOptions receptionServer(const std::vector<std::string> &extra = {}) {
  std::vector<std::string> flags{"--intake-per-minute",      "100000",
                                 "--room-writes-per-minute", "100000",
                                 "--uploads-per-minute",     "100000"};
  // A flag in `extra` replaces the relaxed default of the same name.
  for (std::size_t i = 0; i + 1 < extra.size(); i += 2) {
    auto same = std::find(flags.begin(), flags.end(), extra[i]);
    if (same != flags.end() && same + 1 != flags.end())
      *(same + 1) = extra[i + 1];
    else
      flags.insert(flags.end(), {extra[i], extra[i + 1]});
  }
  if (extra.size() % 2) flags.push_back(extra.back());
  return relaxed(flags);
}

inline std::string sameOrigin(unsigned short port) {
  return "http://127.0.0.1:" + std::to_string(port);
}

// A number in a JSON document ("figures.rating_average"), or NaN when absent or not a number.
inline double number(const Json &v, std::string_view path) {
  const Json *at = &v;
  while (!path.empty()) {
    const auto dot = path.find('.');
    const auto key = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
    const auto *object = at->if_object();
    if (!object || !(at = object->if_contains(key))) return std::nan("");
  }
  boost::system::error_code ec;
  const double d = at->to_number<double>(ec);
  return ec ? std::nan("") : d;
}

// The list under `key` (a copy: callers pass temporaries such as `r.json()`), or empty.
inline boost::json::array items(const Json &v, std::string_view key = "items") {
  const auto *object = v.if_object();
  const auto *list = object ? object->if_contains(key) : nullptr;
  return list && list->is_array() ? list->as_array() : boost::json::array{};
}

// The demo data of `kelisim seed-demo`: each centre's event reception and permanent line.
struct Centre {
  std::string organisation_id;
  std::string event_id; // open now for eight hours, every specialist of the centre rostered
  std::string line_id;  // the permanent line
};
struct Demo {
  Centre astana, wko;
};

inline Demo demoCentres(unsigned short port) {
  Demo d;
  HttpClient anyone(port);
  const auto r = anyone.get("/api/v1/receptions");
  EXPECT_EQ(r.status, 200) << r.body;
  for (const auto &item : items(r.json())) {
    const std::string name = field(item, "organisation_name.en");
    Centre &c = name.find("Astana") != std::string::npos ? d.astana : d.wko;
    c.organisation_id = field(item, "organisation_id");
    (field(item, "kind") == "event" ? c.event_id : c.line_id) = field(item, "id");
  }
  EXPECT_FALSE(d.astana.event_id.empty() || d.wko.event_id.empty()) << r.body;
  EXPECT_FALSE(d.astana.line_id.empty() || d.wko.line_id.empty()) << r.body;
  return d;
}

// A valid intake for the Astana reception; change fields before sending.
inline boost::json::object ticketBody(const std::string &reception_id,
                                      boost::json::array kinds = {"lawyer"}) {
  return {{"reception_id", reception_id},
          {"region", "KZ-71"},
          {"language", "ru"},
          {"category", "family"},
          {"description", "Бывший супруг не платит алименты, что делать?"},
          {"channel", "chat"},
          {"kinds", std::move(kinds)},
          {"consent", true}};
}

inline std::string text(const boost::json::object &o) {
  return boost::json::serialize(o);
}

// Reads events until one of `type` for which `pick` holds; null when none came in `wait`
// (or the connection closed). Events read on the way are dropped; `skipped`, if given,
// collects their types for the failure message.
inline Json awaitEvent(WsClient &ws, const std::string &type, const Pick &pick = {},
                       std::chrono::milliseconds wait = kEventWait,
                       std::string *skipped = nullptr) {
  const auto until = std::chrono::steady_clock::now() + wait;
  while (ws.open()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left <= 0ms) break;
    auto e = ws.readJson(left);
    if (!e) break;
    if (field(*e, "type") == type && (!pick || pick(*e))) return *e;
    if (skipped) *skipped += field(*e, "type") + " ";
  }
  return nullptr;
}

// Sends a ping with this id and reads until its pong: proves the connection still answers
// (other events on the way are dropped).
inline bool answersPing(WsClient &ws, const std::string &id = "alive") {
  if (!ws.send(text({{"type", "ping"}, {"id", id}}))) return false;
  return !awaitEvent(ws, "pong", [&](const Json &e) { return field(e, "id") == id; }).is_null();
}

// Reads until a `message` event has come for each of these client_ids, in any order (events
// are delivered concurrently); the events by client_id (fewer when some did not come).
inline std::map<std::string, Json> awaitMessages(WsClient &ws, std::set<std::string> client_ids) {
  std::map<std::string, Json> found;
  while (!client_ids.empty()) {
    auto e = awaitEvent(ws, "message", [&](const Json &m) {
      return client_ids.contains(field(m, "message.client_id"));
    });
    if (e.is_null()) break;
    client_ids.erase(field(e, "message.client_id"));
    found[field(e, "message.client_id")] = e;
  }
  return found;
}

inline Pick ticketWithStatus(const std::string &ticket_id, const std::string &status) {
  return [=](const Json &e) {
    return field(e, "ticket.id") == ticket_id && field(e, "ticket.status") == status;
  };
}

inline std::string sendEvent(const std::string &room_id, const std::string &client_id,
                             const std::string &body) {
  return text({{"type", "send"}, {"room_id", room_id}, {"client_id", client_id}, {"body", body}});
}

// Someone with an HTTP session (cookies + CSRF) and, once connect() is called, an open /ws.
struct Person {
  explicit Person(unsigned short port) : http(port) {}
  HttpClient http;
  std::unique_ptr<WsClient> ws;
  std::string id;

  // Opens /ws with the session cookie and reads the hello; drops any previous socket.
  void connect() {
    ws.reset();
    ws = std::make_unique<WsClient>(
        http.port(), Headers{{"Cookie", http.cookieHeader()}, {"Origin", sameOrigin(http.port())}});
    ASSERT_TRUE(ws->open()) << "/ws refused: " << ws->refusedStatus() << " " << ws->refusedBody();
    auto hello = ws->readJson();
    ASSERT_TRUE(hello.has_value()) << "no hello on /ws";
    ASSERT_EQ(field(*hello, "type"), "hello") << jsonText(*hello);
    id = field(*hello, "user_id");
  }
  void drop() { ws.reset(); }

  Json await(const std::string &type, const Pick &pick = {}) {
    if (!ws) return nullptr;
    return awaitEvent(*ws, type, pick);
  }

  // Sends a message over /ws and returns its ack (null if none came).
  Json say(const std::string &room_id, const std::string &client_id, const std::string &body) {
    if (!ws || !ws->send(sendEvent(room_id, client_id, body))) return nullptr;
    return await("ack", [&](const Json &e) { return field(e, "client_id") == client_id; });
  }
};

// A demo specialist or coordinator, signed in with /ws open.
inline std::unique_ptr<Person> staff(unsigned short port, const std::string &email) {
  auto p = std::make_unique<Person>(port);
  auto r = p->http.signIn(email);
  EXPECT_EQ(r.status, 200) << email << ": " << r.error << r.body;
  p->connect();
  return p;
}

// Goes on (or off) duty; returns the desk.
inline Json setDuty(Person &p, bool on) {
  auto r = p.http.post("/api/v1/desk/duty", text({{"on_duty", on}}));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

// Waits for the offer of this ticket on the specialist's /ws and accepts it; the room.
inline Json acceptOffer(Person &p, const std::string &ticket_id) {
  auto offer =
      p.await("offer", [&](const Json &e) { return field(e, "offer.ticket_id") == ticket_id; });
  EXPECT_FALSE(offer.is_null()) << "no offer of ticket " << ticket_id << " reached the specialist";
  if (offer.is_null()) return nullptr;
  auto r = p.http.post("/api/v1/desk/offers/" + ticket_id + "/accept", "");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

// An anonymous citizen's ticket: the answer, and the citizen with /ws open.
struct Asked {
  std::unique_ptr<Person> citizen;
  Response response;
  std::string ticket_id;
};

inline Asked askAnonymously(unsigned short port, const boost::json::object &body,
                            bool connect = true) {
  Asked a;
  a.citizen = std::make_unique<Person>(port);
  a.response = a.citizen->http.post("/api/v1/tickets", text(body));
  EXPECT_EQ(a.response.status, 201) << a.response.body;
  a.ticket_id = field(a.response.json(), "ticket.id");
  if (connect && a.response.status == 201) a.citizen->connect();
  return a;
}

// A guest's question for a lawyer at the Astana reception, taken by the demo lawyer on duty.
struct Consultation {
  Asked asked;
  std::unique_ptr<Person> lawyer;
  std::string room_id; // empty if it could not be opened (the failure is reported)
};
inline Consultation lawyerConsultation(unsigned short port, const Demo &demo) {
  Consultation c;
  c.asked = askAnonymously(port, ticketBody(demo.astana.event_id, {"lawyer"}));
  EXPECT_EQ(c.asked.response.status, 201) << c.asked.response.body;
  c.lawyer = staff(port, "lawyer@demo.kelisim.kz");
  setDuty(*c.lawyer, true);
  c.room_id = field(acceptOffer(*c.lawyer, c.asked.ticket_id), "id");
  return c;
}

// Sequence numbers of the `message` events in `events`.
inline std::vector<std::int64_t> seqs(const std::vector<Json> &events) {
  std::vector<std::int64_t> out;
  for (const auto &e : events) out.push_back(static_cast<std::int64_t>(number(e, "message.seq")));
  return out;
}

// True when the text has Cyrillic letters (Russian and Kazakh texts both do).
inline bool hasCyrillic(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b == 0xD0 || b == 0xD1 || b == 0xD2 || b == 0xD3) return true; // U+0400–U+04FF
  }
  return false;
}

// The smallest valid PNG (1×1, transparent).
inline std::string tinyPng() {
  static const unsigned char bytes[] = {
      0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
      0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
      0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78,
      0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00,
      0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
  return std::string(reinterpret_cast<const char *>(bytes), sizeof bytes);
}

} // namespace kelisim::itest::reception
