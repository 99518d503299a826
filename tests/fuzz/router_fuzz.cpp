// libFuzzer target: request-target splitting (transport::splitTarget) and route matching
// (transport::Router::match) on arbitrary methods and paths, plus a router whose one
// pattern comes from the input. Input: "<method>\n<target>[\n<pattern>]".
#include "transport/http/http_types.hpp"
#include "transport/http/router.hpp"

#include <cstdint>
#include <cstdlib>
#include <set>
#include <string_view>

using namespace kelisim;

namespace {
void check(bool condition) {
  if (!condition) std::abort();
}

const transport::Router &apiRouter() {
  static const transport::Router router = [] {
    transport::Router r;
    for (auto [method, pattern] : {std::pair{"GET", "/healthz"},
                                   {"GET", "/api/v1/me"},
                                   {"PATCH", "/api/v1/me"},
                                   {"GET", "/api/v1/users"},
                                   {"POST", "/api/v1/users"},
                                   {"GET", "/api/v1/users/{id}"},
                                   {"PATCH", "/api/v1/users/{id}"},
                                   {"GET", "/api/v1/organisations/{org}/users/{id}"},
                                   {"POST", "/api/v1/auth/sign-in"},
                                   {"GET", "/"}})
      r.add(method, pattern, "fuzz", nullptr);
    return r;
  }();
  return router;
}

// Checks what match() promises about one path.
void matchAndCheck(const transport::Router &router, std::string_view method,
                   std::string_view path) {
  const auto m = router.match(method, path);
  if (m.route) {
    check(m.allowed.empty());
    check(m.route->method == method || (method == "HEAD" && m.route->method == "GET"));
    for (const auto &[name, value] : m.params) {
      check(!name.empty());
      check(!value.empty());
      check(value.find('/') == std::string::npos);
      check(m.route->pattern.find("{" + name + "}") != std::string::npos);
    }
  } else {
    check(m.params.empty());
    for (const auto &allowed : m.allowed) check(allowed != method);
  }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  const auto nl = input.find('\n');
  const std::string_view method = input.substr(0, nl);
  std::string_view target = nl == std::string_view::npos ? input : input.substr(nl + 1);
  std::string_view pattern;
  if (auto nl2 = target.find('\n'); nl2 != std::string_view::npos) {
    pattern = target.substr(nl2 + 1);
    target = target.substr(0, nl2);
  }

  const auto split = transport::splitTarget(target);
  if (split) {
    check(!split->first.empty() && split->first.front() == '/');
    check(split->first.size() <= target.size());
    matchAndCheck(apiRouter(), method, split->first);
  }
  // The raw target as a path too (the router must not care whether it was decoded).
  matchAndCheck(apiRouter(), method, target);

  if (!pattern.empty()) {
    transport::Router one;
    one.add(std::string(method), std::string(pattern), "fuzz", nullptr);
    matchAndCheck(one, method, target);
    matchAndCheck(one, "GET", target);
    // A pattern without parameters or doubled slashes matches its own text.
    if (pattern.front() == '/' && pattern.find('{') == std::string_view::npos &&
        pattern.find("//") == std::string_view::npos &&
        (pattern.size() == 1 || pattern.back() != '/'))
      check(one.match(method, pattern).route != nullptr);
  }

  // Cookie parsing of the same bytes.
  transport::HttpRequest request;
  request.headers["cookie"] = std::string(target);
  (void)request.cookie("kelisim_session");
  (void)request.cookie("");
  return 0;
}
