// POST /api/v1/auth/sign-up, /sign-in, /sign-out: the session and CSRF cookies.
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
}

} // namespace kelisim::transport
