// /api/v1/regions and /api/v1/organisations: public reference data.
#include "transport/http/api.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"

namespace kelisim::transport {

using boost::asio::awaitable;

void addDirectoryRoutes(Router &router, ApiContext &ctx) {
  router.add("GET", "/api/v1/regions", "Kazakhstan's regions and cities (ISO 3166-2:KZ)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto regions = co_await ctx.services.directory.regions();
               if (!regions) co_return ctx.problem(regions.error(), ex.language);
               boost::json::array items;
               for (const auto &r : *regions) items.push_back(regionJson(r));
               auto res = ctx.json(200, listJson(std::move(items)));
               co_return res;
             });

  router.add("GET", "/api/v1/organisations", "Organisations (centres, courts, bars)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto orgs = co_await ctx.services.directory.organisations();
               if (!orgs) co_return ctx.problem(orgs.error(), ex.language);
               boost::json::array items;
               for (const auto &o : *orgs) items.push_back(organisationJson(o));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("POST", "/api/v1/organisations", "Create an organisation (admin)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               core::LocalText name;
               if (const auto *n = in.object("name", true)) {
                 JsonInput names(*n);
                 name.kk = names.string("kk", true, 200).value_or("");
                 name.ru = names.string("ru", true, 200).value_or("");
                 name.en = names.string("en", true, 200).value_or("");
                 if (auto st = names.finish(); !st) {
                   auto e = st.error();
                   for (auto &f : e.fields) f.field = "name." + f.field;
                   co_return ctx.problem(e, ex.language);
                 }
               }
               auto region = in.string("region", true, 8);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto org =
                   co_await ctx.services.directory.createOrganisation(ex.caller, name, *region);
               if (!org) co_return ctx.problem(org.error(), ex.language);
               co_return ctx.json(201, organisationJson(*org));
             });
}

} // namespace kelisim::transport
