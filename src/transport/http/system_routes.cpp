// /healthz, /readyz, /metrics and the OpenAPI document.
#include "transport/http/api.hpp"
#include "transport/http/openapi.hpp"
#include "transport/media/engine_host.hpp"

#include <boost/json/serialize.hpp>

namespace kelisim::transport {

using boost::asio::awaitable;

void addSystemRoutes(Router &router, ApiContext &ctx) {
  router.add("GET", "/healthz", "The process is alive",
             [&ctx](Exchange &) -> awaitable<HttpResponse> {
               co_return ctx.json(200, {{"status", "ok"}});
             });

  router.add("GET", "/readyz",
             "The database answers; the media engine's state is shown (calls may be off while "
             "chat works)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto ping = co_await ctx.services.store.ping();
               if (!ping) co_return ctx.problem(ping.error(), ex.language);
               boost::json::object body{{"status", "ready"}};
               if (const auto *host = ctx.settings.media_host)
                 body["media"] = boost::json::object{{"mode", host->mode()},
                                                     {"janus", host->janusUp() ? "up" : "down"},
                                                     {"janus_process", host->janusProcess()},
                                                     {"turn_process", host->turnProcess()}};
               co_return ctx.json(200, std::move(body));
             });

  router.add("GET", "/metrics", "Prometheus metrics",
             [&ctx](Exchange &) -> awaitable<HttpResponse> {
               HttpResponse res;
               res.content_type = "text/plain; version=0.0.4; charset=utf-8";
               res.body = ctx.metrics.render();
               if (const auto *host = ctx.settings.media_host) res.body += host->metrics();
               co_return res;
             });

  router.add("GET", "/api/v1/openapi.json", "This document",
             [&ctx, &router](Exchange &) -> awaitable<HttpResponse> {
               co_return ctx.json(200, openApiDocument(router));
             });
}

} // namespace kelisim::transport
