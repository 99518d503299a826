// /api/v1/mediators: the register of mediators (issue 10). Anyone reads the directory (search
// and filters); the admin adds, edits, suspends, reinstates and excludes. Thin: parse, call
// app::mediation::MediatorService, shape the answer.
#include "transport/http/api.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"

namespace kelisim::transport {

using boost::asio::awaitable;
using core::ErrorCode;
namespace am = app::mediation;
namespace md = core::mediation;

namespace {

std::optional<HttpResponse> unavailable(ApiContext &ctx, const Exchange &ex) {
  if (ctx.services.mediators) return std::nullopt;
  return ctx.problem(ErrorCode::unavailable, ex.language);
}

boost::json::object mediatorJson(const md::Mediator &m) {
  boost::json::array specialisations, languages, regions;
  for (auto s : m.specialisations) specialisations.emplace_back(md::toString(s));
  for (auto l : m.languages) languages.emplace_back(core::toString(l));
  for (const auto &r : m.regions) regions.emplace_back(r);
  boost::json::value certificate = nullptr;
  if (m.certificate)
    certificate = boost::json::object{{"number", m.certificate->number},
                                      {"date", core::toIsoDate(m.certificate->date)}};
  return {{"id", m.id},
          {"name", m.name},
          {"kind", md::toString(m.kind)},
          {"keeper", m.keeper},
          {"certificate", std::move(certificate)},
          {"specialisations", std::move(specialisations)},
          {"languages", std::move(languages)},
          {"regions", std::move(regions)},
          {"status", md::toString(m.status)},
          {"status_since", m.status_since ? boost::json::value(core::toIsoDate(*m.status_since))
                                          : boost::json::value(nullptr)},
          {"status_reason", m.status_reason},
          {"takes_cases", md::mayTakeCases(m)}};
}

// The directory's query: ?q=&region=&language=&specialisation=&kind=&status=
core::Result<am::DirectoryQuery> directoryQuery(const Exchange &ex) {
  am::DirectoryQuery out;
  const auto &q = ex.request.query;
  auto param = [&](const char *name) -> const std::string * {
    auto it = q.find(name);
    return it == q.end() || it->second.empty() ? nullptr : &it->second;
  };
  if (const auto *v = param("q")) out.text = *v;
  if (const auto *v = param("region")) {
    if (v->size() > 8) return core::Error::field("region", "invalid_value");
    out.filters.region = *v;
  }
  if (const auto *v = param("language")) {
    out.filters.language = core::parseLanguage(*v);
    if (!out.filters.language) return core::Error::field("language", "invalid_value");
  }
  if (const auto *v = param("specialisation")) {
    out.filters.specialisation = md::parseSpecialisation(*v);
    if (!out.filters.specialisation) return core::Error::field("specialisation", "invalid_value");
  }
  if (const auto *v = param("kind")) {
    out.filters.kind = md::parseMediatorKind(*v);
    if (!out.filters.kind) return core::Error::field("kind", "invalid_value");
  }
  if (const auto *v = param("status")) {
    out.filters.status = md::parseMediatorStatus(*v);
    if (!out.filters.status) return core::Error::field("status", "invalid_value");
  }
  return out;
}

// {"name", "kind", "keeper", "certificate": {"number", "date"} | null, "specialisations",
//  "languages", "regions", "user_id"?}: the body that adds or edits a record.
core::Result<am::MediatorInput> mediatorInput(ApiContext &ctx, Exchange &ex) {
  auto body = ctx.body(ex);
  if (!body) return body.error();
  JsonInput in(*body);
  am::MediatorInput out;
  out.name = in.string("name", true, md::kMaxName).value_or("");
  if (auto kind = in.string("kind", true, 20)) {
    if (auto k = md::parseMediatorKind(*kind))
      out.kind = *k;
    else
      in.fail("kind", "invalid_value");
  }
  out.keeper = in.string("keeper", true, md::kMaxKeeper).value_or("");
  if (body->contains("certificate") && !body->at("certificate").is_null()) {
    if (const auto *c = in.object("certificate", false)) {
      JsonInput cert(*c);
      md::Certificate certificate;
      certificate.number = cert.string("number", true, md::kMaxCertificate).value_or("");
      if (auto date = cert.string("date", true, 10)) {
        if (auto d = core::parseIsoDate(*date))
          certificate.date = *d;
        else
          cert.fail("date", "invalid_format");
      }
      if (auto st = cert.finish(); !st) {
        for (const auto &f : st.error().fields) in.fail("certificate." + f.field, f.code, f.params);
      }
      out.certificate = std::move(certificate);
    }
  } else if (body->contains("certificate")) {
    in.object("certificate", false); // null: none (marks the field seen)
  }
  if (auto words = in.words("specialisations", true, 6, 20)) {
    for (const auto &w : *words) {
      if (auto s = md::parseSpecialisation(w))
        out.specialisations.push_back(*s);
      else
        in.fail("specialisations", "invalid_value");
    }
  }
  out.languages = in.languages("languages", true).value_or(std::vector<core::Language>{});
  out.regions = in.words("regions", true, 20, 8).value_or(std::vector<std::string>{});
  out.user_id = in.string("user_id", false, 64);
  if (auto st = in.finish(); !st) return st.error();
  return out;
}

} // namespace

void addMediationRoutes(Router &router, ApiContext &ctx) {
  router.add("GET", "/api/v1/mediators",
             "The register of mediators, public (?q=&region=&language=&specialisation=&kind="
             "&status=)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto query = directoryQuery(ex);
               if (!query) co_return ctx.problem(query.error(), ex.language);
               auto list = co_await ctx.services.mediators->directory(*query);
               if (!list) co_return ctx.problem(list.error(), ex.language);
               boost::json::array items;
               for (const auto &m : *list) items.push_back(mediatorJson(m));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("GET", "/api/v1/mediators/{id}", "One mediator of the register, public",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto m = co_await ctx.services.mediators->get(ex.request.params.at("id"));
               if (!m) co_return ctx.problem(m.error(), ex.language);
               co_return ctx.json(200, mediatorJson(*m));
             });

  router.add("POST", "/api/v1/mediators", "Add a mediator to the register (admin)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto input = mediatorInput(ctx, ex);
               if (!input) co_return ctx.problem(input.error(), ex.language);
               auto m = co_await ctx.services.mediators->create(ex.caller, std::move(*input));
               if (!m) co_return ctx.problem(m.error(), ex.language);
               co_return ctx.json(201, mediatorJson(*m));
             });

  router.add("PUT", "/api/v1/mediators/{id}", "Edit a mediator's record (admin)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto input = mediatorInput(ctx, ex);
               if (!input) co_return ctx.problem(input.error(), ex.language);
               auto m = co_await ctx.services.mediators->update(
                   ex.caller, ex.request.params.at("id"), std::move(*input));
               if (!m) co_return ctx.problem(m.error(), ex.language);
               co_return ctx.json(200, mediatorJson(*m));
             });

  router.add("POST", "/api/v1/mediators/{id}/status",
             "Suspend, reinstate or exclude a mediator, with the reason (admin)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               std::optional<md::MediatorStatus> to;
               if (auto s = in.string("status", true, 20)) {
                 to = md::parseMediatorStatus(*s);
                 if (!to) in.fail("status", "invalid_value");
               }
               auto reason = in.string("reason", false, md::kMaxStatusReason).value_or("");
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto m = co_await ctx.services.mediators->changeStatus(
                   ex.caller, ex.request.params.at("id"), *to, std::move(reason));
               if (!m) co_return ctx.problem(m.error(), ex.language);
               co_return ctx.json(200, mediatorJson(*m));
             });
}

} // namespace kelisim::transport
