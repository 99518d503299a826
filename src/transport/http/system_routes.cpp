// /healthz, /readyz, /metrics and the OpenAPI document.
#include "transport/http/api.hpp"
#include "transport/http/openapi.hpp"

#include <boost/json/serialize.hpp>

namespace kelisim::transport {

using boost::asio::awaitable;

void addSystemRoutes(Router &router, ApiContext &ctx) {
  router.add("GET", "/healthz", "The process is alive",
             [&ctx](Exchange &) -> awaitable<HttpResponse> {
               co_return ctx.json(200, {{"status", "ok"}});
             });

  router.add("GET", "/readyz", "The database answers",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto ping = co_await ctx.services.store.ping();
               if (!ping) co_return ctx.problem(ping.error(), ex.language);
               co_return ctx.json(200, {{"status", "ready"}});
             });

  router.add("GET", "/metrics", "Prometheus metrics",
             [&ctx](Exchange &) -> awaitable<HttpResponse> {
               HttpResponse res;
               res.content_type = "text/plain; version=0.0.4; charset=utf-8";
               res.body = ctx.metrics.render();
               co_return res;
             });

  router.add("GET", "/api/v1/openapi.json", "This document",
             [&ctx, &router](Exchange &) -> awaitable<HttpResponse> {
               co_return ctx.json(200, openApiDocument(router));
             });
}

} // namespace kelisim::transport
