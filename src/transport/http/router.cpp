#include "transport/http/router.hpp"

namespace kelisim::transport {

namespace {
std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash);
  }
  return out;
}

// `want`: a pattern's segments; `got`: the path's (split once a request, not once a route).
bool matches(const std::vector<std::string> &want, const std::vector<std::string_view> &got,
             std::string_view path, std::map<std::string, std::string> &params) {
  if (want.size() != got.size()) return false;
  // A trailing slash is a different resource: "/api/v1/me/" is not "/api/v1/me".
  if (path.size() > 1 && path.back() == '/') return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      if (got[i].empty()) return false;
      found.emplace(want[i].substr(1, want[i].size() - 2), std::string(got[i]));
    } else if (want[i] != got[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}
} // namespace

void Router::add(std::string method, std::string pattern, std::string summary, Handler handler,
                 bool raw_body) {
  std::vector<std::string> parts;
  for (auto part : segments(pattern)) parts.emplace_back(part);
  routes_.push_back({std::move(method), std::move(pattern), std::move(summary), std::move(handler),
                     raw_body, std::move(parts)});
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  Match m;
  const auto got = segments(path);
  for (const auto &route : routes_) {
    std::map<std::string, std::string> params;
    if (!matches(route.parts, got, path, params)) continue;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      m.route = &route;
      m.params = std::move(params);
      m.allowed.clear();
      return m;
    }
    m.allowed.push_back(route.method);
  }
  return m;
}

} // namespace kelisim::transport
