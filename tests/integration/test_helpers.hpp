// Assertions shared by the integration tests.
#pragma once

#include "server_process.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

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
  return boost::json::serialize(boost::json::object{
      {"email", email}, {"password", password}, {"display_name", name}, {"language", language}});
}

} // namespace kelisim::itest
