// POST /api/v1/auth/sign-up, /sign-in, /sign-out: the session and CSRF cookies; and the
// account's own safety: a forgotten password reset by e-mail, one-time links (invitation,
// reset), a changed password, sign-out everywhere.
#include "app/sodium_random.hpp"
#include "transport/http/api.hpp"
#include "transport/http/user_view.hpp"
#include "transport/json_input.hpp"

#include <boost/asio/use_awaitable.hpp>

namespace kelisim::transport {

using core::ErrorCode;

void setSessionCookies(HttpResponse &res, const app::SignedIn &s, bool tls, core::Time now) {
  const auto max_age = std::chrono::duration_cast<std::chrono::seconds>(s.expires_at - now).count();
  const std::string common =
      "; Path=/; SameSite=Lax; Max-Age=" + std::to_string(max_age) + (tls ? "; Secure" : "");
  res.set("Set-Cookie",
          std::string(sessionCookieName(tls)) + "=" + s.token + common + "; HttpOnly");
  res.set("Set-Cookie", std::string(kCsrfCookie) + "=" + s.csrf_token + common);
}

namespace {

void clearSessionCookies(HttpResponse &res, bool tls) {
  const std::string common =
      std::string("=; Path=/; SameSite=Lax; Max-Age=0") + (tls ? "; Secure" : "");
  res.set("Set-Cookie", std::string(sessionCookieName(tls)) + common + "; HttpOnly");
  res.set("Set-Cookie", std::string(kCsrfCookie) + common);
}
// The user as JSON with the session cookies set: the answer to a sign-up or sign-in.
boost::asio::awaitable<HttpResponse> signedInResponse(ApiContext &ctx, const Exchange &ex,
                                                      const app::SignedIn &signed_in, int status) {
  auto view = co_await userView(ctx, signed_in.user);
  auto res = ctx.json(status, boost::json::object{{"user", std::move(view)}});
  setSessionCookies(res, signed_in, ex.request.tls, ctx.services.clock.now());
  co_return res;
}
} // namespace

void addAuthRoutes(Router &router, ApiContext &ctx) {
  router.add("POST", "/api/v1/auth/sign-up", "Create a citizen account and sign in",
             [&ctx](Exchange &ex) -> boost::asio::awaitable<HttpResponse> {
               if (auto limited = ctx.overLimit("sign_up", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               app::SignUpInput input;
               input.email = in.string("email", true, 254).value_or("");
               input.password = in.string("password", true, 1024).value_or("");
               input.display_name = in.string("display_name", true, 100).value_or("");
               input.language = in.language("language", false).value_or(ex.language);
               input.consent = in.boolean("consent", true).value_or(false);
               input.consent_version = in.string("consent_version", false, 32);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto signed_in = co_await ctx.services.auth.signUp(std::move(input), ex.caller);
               if (!signed_in) co_return ctx.problem(signed_in.error(), ex.language);
               co_return co_await signedInResponse(ctx, ex, *signed_in, 201);
             });

  router.add("POST", "/api/v1/auth/sign-in", "Sign in with e-mail and password",
             [&ctx](Exchange &ex) -> boost::asio::awaitable<HttpResponse> {
               if (auto limited = ctx.overLimit("sign_in", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto email = in.string("email", true, 254);
               auto password = in.string("password", true, 1024);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto signed_in = co_await ctx.services.auth.signIn(*email, *password, ex.caller);
               if (!signed_in) co_return ctx.problem(signed_in.error(), ex.language);
               co_return co_await signedInResponse(ctx, ex, *signed_in, 200);
             });

  router.add("POST", "/api/v1/auth/sign-out", "Sign out: end this session",
             [&ctx](Exchange &ex) -> boost::asio::awaitable<HttpResponse> {
               if (!ex.session_token.empty()) {
                 auto done = co_await ctx.services.auth.signOut(ex.session_token, ex.caller);
                 if (!done) co_return ctx.problem(done.error(), ex.language);
               }
               HttpResponse res;
               res.status = 204;
               clearSessionCookies(res, ex.request.tls);
               co_return res;
             });

  router.add("POST", "/api/v1/auth/sign-out-everywhere",
             "Sign out on every device: end every session of this account",
             [&ctx](Exchange &ex) -> boost::asio::awaitable<HttpResponse> {
               auto done = co_await ctx.services.auth.signOutEverywhere(ex.caller);
               if (!done) co_return ctx.problem(done.error(), ex.language);
               HttpResponse res;
               res.status = 204;
               clearSessionCookies(res, ex.request.tls);
               co_return res;
             });

  router.add("DELETE", "/api/v1/me",
             "Delete a citizen's account and erase their questions' personal data (Law No. 94-V)",
             [&ctx](Exchange &ex) -> boost::asio::awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto password = in.string("password", false, 1024).value_or("");
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto done = co_await ctx.services.personal.deleteAccount(ex.caller, password);
               if (!done) co_return ctx.problem(done.error(), ex.language);
               HttpResponse res;
               res.status = 204;
               clearSessionCookies(res, ex.request.tls);
               co_return res;
             });

  router.add("POST", "/api/v1/auth/password-reset",
             "Mail a one-time link to set a new password (the same answer for any e-mail)",
             [&ctx](Exchange &ex) -> boost::asio::awaitable<HttpResponse> {
               if (auto limited = ctx.overLimit("sign_up", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto email = in.string("email", true, 254);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto done = co_await ctx.services.auth.requestPasswordReset(*email, ex.caller);
               if (!done) co_return ctx.problem(done.error(), ex.language);
               co_return ctx.json(202, boost::json::object{{"requested", true}});
             });

  // The link's secret travels in the body, never in a URL that logs would keep.
  router.add("POST", "/api/v1/auth/account-link", "Who a one-time link is for, if still good",
             [&ctx](Exchange &ex) -> boost::asio::awaitable<HttpResponse> {
               if (auto limited = ctx.overLimit("sign_in", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto token = in.string("token", true, 128);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto info = co_await ctx.services.auth.accountLink(*token);
               if (!info) co_return ctx.problem(info.error(), ex.language);
               co_return ctx.json(
                   200, boost::json::object{{"purpose", std::string(core::toString(info->purpose))},
                                            {"email", info->email},
                                            {"display_name", info->display_name}});
             });

  router.add(
      "POST", "/api/v1/auth/set-password", "Set the password through a one-time link and sign in",
      [&ctx](Exchange &ex) -> boost::asio::awaitable<HttpResponse> {
        if (auto limited = ctx.overLimit("sign_in", ex)) co_return std::move(*limited);
        auto body = ctx.body(ex);
        if (!body) co_return ctx.problem(body.error(), ex.language);
        JsonInput in(*body);
        auto token = in.string("token", true, 128);
        auto password = in.string("password", true, 1024);
        if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
        auto signed_in = co_await ctx.services.auth.setPassword(*token, *password, ex.caller);
        if (!signed_in) co_return ctx.problem(signed_in.error(), ex.language);
        co_return co_await signedInResponse(ctx, ex, *signed_in, 200);
      });

  router.add("POST", "/api/v1/me/password", "Change your password; your other sessions end",
             [&ctx](Exchange &ex) -> boost::asio::awaitable<HttpResponse> {
               if (auto limited = ctx.overLimit("sign_in", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto current = in.string("current_password", true, 1024);
               auto next = in.string("new_password", true, 1024);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               const std::string key =
                   ex.session_token.empty() ? std::string() : app::tokenKey(ex.session_token);
               auto done =
                   co_await ctx.services.auth.changePassword(ex.caller, key, *current, *next);
               if (!done) co_return ctx.problem(done.error(), ex.language);
               HttpResponse res;
               res.status = 204;
               co_return res;
             });
}

} // namespace kelisim::transport
