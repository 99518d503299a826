// Media: whether calls are on and the ICE servers (TURN credentials) for the signed-in
// person. The rest of signalling is on /ws (ws/media_ws.hpp).
#include "transport/http/api.hpp"

namespace kelisim::transport {

using boost::asio::awaitable;

void addMediaRoutes(Router &router, ApiContext &ctx) {
  router.add(
      "GET", "/api/v1/media",
      "Whether calls are on now, and the ICE servers (short-lived TURN credentials) for "
      "the signed-in person",
      [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
        if (!ctx.services.media)
          co_return ctx.json(
              200, {{"calls", false}, {"ice_servers", boost::json::array{}}, {"max_sdp_bytes", 0}});
        auto info = ctx.services.media->info(ex.caller);
        if (!info) co_return ctx.problem(info.error(), ex.language);
        boost::json::array servers;
        for (const auto &s : info->ice_servers) {
          boost::json::array urls;
          for (const auto &u : s.urls) urls.emplace_back(u);
          servers.emplace_back(boost::json::object{
              {"urls", std::move(urls)}, {"username", s.username}, {"credential", s.credential}});
        }
        co_return ctx.json(200, {{"calls", info->calls},
                                 {"ice_servers", std::move(servers)},
                                 {"max_sdp_bytes", info->max_sdp_bytes}});
      });
}

} // namespace kelisim::transport
