// Personal data (Law of the RK No. 94-V): the consent text a page shows before a question or a
// sign-up, and a citizen withdrawing consent for one question. Deleting an account is
// DELETE /api/v1/me (auth_routes.cpp: it ends the session).
#include "core/consent.hpp"
#include "transport/http/api.hpp"

namespace kelisim::transport {

using boost::asio::awaitable;

void addPrivacyRoutes(Router &router, ApiContext &ctx) {
  router.add(
      "GET", "/api/v1/consent",
      "The consent text to show (Art. 8: operator, purpose, data, term, withdrawal) and its "
      "version; with reception_id, for a question to that reception, else for an account",
      [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
        std::string operator_name = ctx.settings.operator_name;
        const char *key = "consent.account";
        if (auto it = ex.request.query.find("reception_id"); it != ex.request.query.end()) {
          auto info = co_await ctx.services.receptions.get(it->second);
          if (!info) co_return ctx.problem(info.error(), ex.language);
          operator_name = info->organisation.name.in(ex.language);
          key = "consent.ticket";
        }
        const auto days = ctx.services.personal.settings().retention.count();
        i18n::Params params{{"operator", operator_name}, {"days", std::to_string(days)}};
        boost::json::object body{{"version", core::kConsentVersion},
                                 {"text", ctx.texts.text(ex.language, key, params)},
                                 {"retention_days", days}};
        co_return ctx.json(200, std::move(body));
      });

  router.add("POST", "/api/v1/tickets/{id}/erase",
             "Withdraw consent for one's own question: it leaves the queue and its personal data "
             "are erased",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto done = co_await ctx.services.personal.eraseTicket(
                   ex.caller, ex.request.params.at("id"));
               if (!done) co_return ctx.problem(done.error(), ex.language);
               HttpResponse res;
               res.status = 204;
               co_return res;
             });
}

} // namespace kelisim::transport
