// Routes: (method, pattern) → handler, where a pattern is a path whose segments may be
// {name} parameters ("/api/v1/users/{id}"). Matching tells apart "no such path" (404) from
// "path exists, not with this method" (405, with the allowed methods). Built once at start,
// then read-only: safe to share between threads.
#pragma once

#include "app/caller.hpp"
#include "core/model.hpp"
#include "transport/http/http_types.hpp"

#include <boost/asio/awaitable.hpp>

#include <functional>
#include <string>
#include <vector>

namespace kelisim::transport {

// One request on its way through the API: the request, who sent it (authenticated by the
// middleware in api.cpp) and the language to answer in.
struct Exchange {
  HttpRequest &request;
  app::Caller caller;
  core::Language language = core::Language::ru;
  std::string session_token; // empty when not signed in
};

using Handler = std::function<boost::asio::awaitable<HttpResponse>(Exchange &)>;

struct Route {
  std::string method;
  std::string pattern;
  std::string summary; // one line, for the OpenAPI document
  Handler handler;
  bool raw_body = false;          // takes a file's bytes as its body, not JSON
  std::vector<std::string> parts; // the pattern's segments, split once by Router::add
};

class Router {
public:
  void add(std::string method, std::string pattern, std::string summary, Handler handler,
           bool raw_body = false);

  struct Match {
    const Route *route = nullptr; // set when found
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed; // non-empty when the path exists for other methods
  };
  Match match(std::string_view method, std::string_view path) const;
  const std::vector<Route> &routes() const { return routes_; }

private:
  std::vector<Route> routes_;
};

} // namespace kelisim::transport
