#include "transport/http/openapi.hpp"

#include "app/sodium_random.hpp"
#include "storage/sqlite/sqlite_store.hpp"
#include "transport/http/api.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>

#include <filesystem>

namespace kelisim::transport {

// Builds the real API (routes and all) over a throwaway SQLite file.
struct ApiFixture : ::testing::Test {
  std::string dir =
      std::filesystem::temp_directory_path() / ("kelisim-openapi-" + app::SodiumRandom().hex(4));
  std::unique_ptr<core::Store> store;
  core::SystemClock clock;
  app::SodiumRandom random;
  app::PasswordHasher hasher{app::HashCost::minimal(), 1};
  std::unique_ptr<app::AuthService> auth;
  std::unique_ptr<app::UserService> users;
  std::unique_ptr<app::DirectoryService> directory;
  app::reception::QueueEngine engine;
  app::reception::EventLog events;
  std::unique_ptr<app::reception::ReceptionCache> reception_cache;
  std::unique_ptr<app::reception::ReceptionService> receptions;
  std::unique_ptr<app::reception::QueueService> queue;
  std::unique_ptr<app::reception::RoomService> rooms;
  std::unique_ptr<app::reception::PersonalDataService> personal;
  i18n::Translator texts;
  Metrics metrics;
  StaticFiles files{"/nonexistent"};
  std::unique_ptr<Api> api;

  void SetUp() override {
    std::filesystem::create_directories(dir);
    store = std::move(storage::sqlite::openSqliteStore(dir + "/k.db")).value();
    auth = std::make_unique<app::AuthService>(*store, clock, random, hasher, app::AuthSettings{},
                                              events);
    users = std::make_unique<app::UserService>(*store, clock, random, hasher, events);
    directory = std::make_unique<app::DirectoryService>(*store, clock, random);
    reception_cache = std::make_unique<app::reception::ReceptionCache>(*store, clock);
    receptions = std::make_unique<app::reception::ReceptionService>(*store, clock, random, engine,
                                                                    *reception_cache);
    queue = std::make_unique<app::reception::QueueService>(*store, clock, random, *auth, engine,
                                                           *reception_cache, events,
                                                           app::reception::QueueSettings{});
    rooms = std::make_unique<app::reception::RoomService>(*store, clock, random, *queue, events,
                                                          app::reception::RoomSettings{dir});
    personal = std::make_unique<app::reception::PersonalDataService>(
        *store, clock, hasher, *queue, *rooms, events, app::reception::PersonalDataSettings{});
    api = std::make_unique<Api>(
        Services{*auth, *users, *directory, *receptions, *queue, *rooms, *personal, *store, clock},
        texts, metrics, files, ApiSettings{});
  }
  void TearDown() override {
    api.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

// Admission: past max_in_flight requests being served, the API answers busy at once.
TEST_F(ApiFixture, PastItsAdmissionLimitTheApiAnswersBusyInTheCallersLanguage) {
  ApiSettings full;
  full.max_in_flight = 0; // every request finds the server full
  Api saturated(
      Services{*auth, *users, *directory, *receptions, *queue, *rooms, *personal, *store, clock},
      texts, metrics, files, full);
  HttpRequest request;
  request.method = "GET";
  request.target = request.path = "/api/v1/openapi.json";
  request.headers["accept-language"] = "ru";
  boost::asio::io_context io;
  auto answer = boost::asio::co_spawn(io, saturated.handle(request), boost::asio::use_future);
  io.run();
  const auto res = answer.get();
  EXPECT_EQ(res.status, 503);
  EXPECT_EQ(res.content_type, "application/problem+json");
  EXPECT_NE(res.body.find("urn:kelisim:problem:busy"), std::string::npos);
  EXPECT_NE(res.body.find("Сервис перегружен"), std::string::npos);
  bool retry_after = false;
  for (const auto &[name, value] : res.headers) retry_after |= name == "Retry-After";
  EXPECT_TRUE(retry_after);

  // The same request under the default limit is served.
  boost::asio::io_context again;
  auto served = boost::asio::co_spawn(again, api->handle(request), boost::asio::use_future);
  again.run();
  EXPECT_EQ(served.get().status, 200);
}

TEST_F(ApiFixture, OpenApiDescribesExactlyTheRouterRoutes) {
  std::set<std::string> routed;
  for (const auto &r : api->router().routes()) {
    EXPECT_TRUE(routed.insert(r.method + " " + r.pattern).second) << "duplicate " << r.pattern;
    EXPECT_FALSE(r.summary.empty()) << r.pattern;
  }
  EXPECT_EQ(routed, describedOperations());
}

TEST_F(ApiFixture, OpenApiDocumentIsVersion31WithEveryPath) {
  auto doc = openApiDocument(api->router());
  EXPECT_EQ(doc.at("openapi").as_string(), "3.1.0");
  const auto &paths = doc.at("paths").as_object();
  for (const auto &r : api->router().routes()) {
    std::string method = r.method;
    for (auto &c : method) c = static_cast<char>(std::tolower(c));
    ASSERT_TRUE(paths.contains(r.pattern)) << r.pattern;
    EXPECT_TRUE(paths.at(r.pattern).as_object().contains(method)) << r.method << " " << r.pattern;
  }
  // Every $ref points at a schema that exists.
  const auto &schemas = doc.at("components").at("schemas").as_object();
  std::function<void(const boost::json::value &)> walk = [&](const boost::json::value &v) {
    if (v.is_object()) {
      for (const auto &kv : v.as_object()) {
        if (kv.key() == "$ref") {
          std::string ref(kv.value().as_string());
          EXPECT_TRUE(schemas.contains(ref.substr(ref.rfind('/') + 1))) << ref;
        } else {
          walk(kv.value());
        }
      }
    } else if (v.is_array()) {
      for (const auto &item : v.as_array()) walk(item);
    }
  };
  walk(doc);
}

} // namespace kelisim::transport
