// /api/v1/regions and /api/v1/organisations: public reference data.
#include "transport/http/api.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"

namespace kelisim::transport {

using boost::asio::awaitable;

namespace {

struct OrganisationInput {
  core::LocalText name;
  std::string region;
};

// {"name": {"kk", "ru", "en"}, "region"}: the body that creates or edits an organisation.
core::Result<OrganisationInput> organisationInput(ApiContext &ctx, Exchange &ex) {
  auto body = ctx.body(ex);
  if (!body) return body.error();
  JsonInput in(*body);
  OrganisationInput out;
  if (const auto *n = in.object("name", true)) {
    JsonInput names(*n);
    out.name.kk = names.string("kk", true, 200).value_or("");
    out.name.ru = names.string("ru", true, 200).value_or("");
    out.name.en = names.string("en", true, 200).value_or("");
    if (auto st = names.finish(); !st) {
      auto e = st.error();
      for (auto &f : e.fields) f.field = "name." + f.field;
      return e;
    }
  }
  out.region = in.string("region", true, 8).value_or("");
  if (auto st = in.finish(); !st) return st.error();
  return out;
}

} // namespace

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
               auto input = organisationInput(ctx, ex);
               if (!input) co_return ctx.problem(input.error(), ex.language);
               auto org = co_await ctx.services.directory.createOrganisation(
                   ex.caller, std::move(input->name), std::move(input->region));
               if (!org) co_return ctx.problem(org.error(), ex.language);
               co_return ctx.json(201, organisationJson(*org));
             });

  router.add("PATCH", "/api/v1/organisations/{id}",
             "Edit an organisation's names and region (admin; a coordinator their own)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto input = organisationInput(ctx, ex);
               if (!input) co_return ctx.problem(input.error(), ex.language);
               auto org = co_await ctx.services.directory.updateOrganisation(
                   ex.caller, ex.request.params.at("id"), std::move(input->name),
                   std::move(input->region));
               if (!org) co_return ctx.problem(org.error(), ex.language);
               co_return ctx.json(200, organisationJson(*org));
             });
}

} // namespace kelisim::transport
