// Assertions shared by the integration tests.
#pragma once

#include "server_process.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <random>
#include <set>

namespace kelisim::itest {

// Flags that keep the rate limits out of the way of tests that sign in often.
inline std::vector<std::string> relaxedLimits() {
  return {"--sign-in-per-minute", "100000", "--sign-up-per-minute", "100000"};
}

inline ServerOptions relaxed(const std::vector<std::string> &extra = {}) {
  ServerOptions o;
  o.serve_args = relaxedLimits();
  o.serve_args.insert(o.serve_args.end(), extra.begin(), extra.end());
  return o;
}

// Checks that `r` is an application/problem+json answer of this status and slug.
inline void expectProblem(const Response &r, int status, const std::string &slug) {
  EXPECT_EQ(r.status, status) << r.error << r.body;
  EXPECT_TRUE(r.header("Content-Type").starts_with("application/problem+json"))
      << r.header("Content-Type");
  const auto body = r.json();
  ASSERT_TRUE(body.is_object()) << r.body;
  EXPECT_EQ(field(body, "type"), "urn:kelisim:problem:" + slug) << r.body;
  EXPECT_EQ(field(body, "status"), std::to_string(status)) << r.body;
  EXPECT_FALSE(field(body, "title").empty()) << r.body;
  EXPECT_FALSE(field(body, "detail").empty()) << r.body;
}

// Sends the same request in kk, ru and en (with a fresh copy of `client` each time, so
// that cookies do not change between them); checks each answer is the problem and that the
// three details differ. Then checks the server still answers /healthz. Returns the answers.
template <typename Send>
std::vector<Response> expectLocalisedProblem(HttpClient client, int status, const std::string &slug,
                                             Send send) {
  std::vector<Response> answers;
  std::set<std::string> details;
  for (const char *lang : {"kk", "ru", "en"}) {
    HttpClient c = client;
    c.language = lang;
    Response r = send(c);
    SCOPED_TRACE(std::string("Accept-Language: ") + lang);
    expectProblem(r, status, slug);
    details.insert(field(r.json(), "detail"));
    answers.push_back(std::move(r));
  }
  EXPECT_EQ(details.size(), 3u) << "detail should differ between kk, ru and en: " << answers[0].body
                                << " | " << answers[1].body << " | " << answers[2].body;
  HttpClient probe(client.port());
  EXPECT_EQ(probe.get("/healthz").status, 200) << "server stopped answering after " << slug;
  return answers;
}

// The errors[] entry for `name`, or null.
inline boost::json::value fieldError(const Response &r, const std::string &name) {
  const auto body = r.json();
  const auto *errors = body.is_object() ? body.as_object().if_contains("errors") : nullptr;
  if (!errors || !errors->is_array()) return nullptr;
  for (const auto &e : errors->as_array())
    if (field(e, "field") == name) return e;
  return nullptr;
}

// Signs in (asserting success) and returns the user object from /api/v1/me.
inline boost::json::value signedIn(HttpClient &c, const std::string &email,
                                   const std::string &password = kDemoPassword) {
  auto r = c.signIn(email, password);
  EXPECT_EQ(r.status, 200) << email << ": " << r.error << r.body;
  auto me = c.get("/api/v1/me");
  EXPECT_EQ(me.status, 200) << me.body;
  return me.json();
}

inline std::string signUpBody(const std::string &email, const std::string &password,
                              const std::string &name = "Test Citizen",
                              const std::string &language = "ru") {
  return boost::json::serialize(boost::json::object{{"email", email},
                                                    {"password", password},
                                                    {"display_name", name},
                                                    {"language", language},
                                                    {"consent", true}});
}

// Runs one SQL command on the PostgreSQL server `url`; the error text or "".
inline std::string pgExec(const std::string &url, const std::string &sql) {
  PGconn *conn = PQconnectdb(url.c_str());
  std::string error;
  if (PQstatus(conn) != CONNECTION_OK) {
    error = PQerrorMessage(conn);
  } else {
    PGresult *res = PQexec(conn, sql.c_str());
    if (PQresultStatus(res) != PGRES_COMMAND_OK) error = PQerrorMessage(conn);
    PQclear(res);
  }
  PQfinish(conn);
  return error;
}

// postgresql://user@host:port/db?x → the same URL with another database name.
inline std::string withDatabase(const std::string &url, const std::string &name) {
  const auto scheme = url.find("://");
  const auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  const auto query = url.find('?');
  const std::string base = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  return base + "/" + name + (query == std::string::npos ? "" : url.substr(query));
}

// A database of its own on the PostgreSQL of KELISIM_TEST_PG_URL, dropped at the end.
class FreshPgDatabase {
public:
  FreshPgDatabase() {
    const char *url = std::getenv("KELISIM_TEST_PG_URL");
    if (!url || !*url) return;
    server_ = url;
    name_ = "kelisim_it_" + std::to_string(::getpid()) + "_" +
            std::to_string(std::random_device{}() % 1000000);
    if (!pgExec(server_, "CREATE DATABASE " + name_).empty()) name_.clear();
  }
  ~FreshPgDatabase() {
    if (!name_.empty()) pgExec(server_, "DROP DATABASE " + name_ + " WITH (FORCE)");
  }
  FreshPgDatabase(const FreshPgDatabase &) = delete;
  FreshPgDatabase &operator=(const FreshPgDatabase &) = delete;
  bool ready() const { return !name_.empty(); }
  std::string url() const { return withDatabase(server_, name_); }

private:
  std::string server_;
  std::string name_;
};

} // namespace kelisim::itest
