#include "transport/http/api.hpp"

#include "app/sodium_random.hpp"
#include "transport/http/client_address.hpp"
#include "transport/json_input.hpp"
#include "transport/log.hpp"
#include "transport/problem.hpp"

#include <boost/json/serialize.hpp>

#include <charconv>
#include <chrono>

namespace kelisim::transport {

using core::Error;
using core::ErrorCode;

namespace {
constexpr const char *kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

bool isWrite(const std::string &method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// Constant-time comparison for secrets of equal length.
bool sameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size() || a.empty()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}
} // namespace

ApiContext::ApiContext(Services s, const i18n::Translator &t, Metrics &m, ApiSettings settings_in)
    : services(s), texts(t), metrics(m), settings(std::move(settings_in)),
      sign_in_limit_(settings.sign_in_per_minute, settings.sign_in_per_minute),
      sign_up_limit_(settings.sign_up_per_minute, settings.sign_up_per_minute),
      intake_limit_(settings.intake_per_minute, settings.intake_per_minute),
      room_write_limit_(settings.room_writes_per_minute, settings.room_writes_per_minute),
      upload_limit_(settings.uploads_per_minute, settings.uploads_per_minute) {}

HttpResponse ApiContext::json(int status, const boost::json::value &body) const {
  HttpResponse res;
  res.status = status;
  res.content_type = "application/json";
  res.body = boost::json::serialize(body);
  return res;
}

HttpResponse ApiContext::problem(const Error &error, core::Language language) const {
  return problemResponse(error, language, texts);
}

core::Result<boost::json::object> ApiContext::body(const Exchange &ex) const {
  return parseJsonObject(ex.request.body);
}

std::optional<HttpResponse> ApiContext::overLimit(const std::string &what, const Exchange &ex) {
  std::lock_guard lock(limits_mutex_);
  auto &limiter = what == "sign_up"      ? sign_up_limit_
                  : what == "intake"     ? intake_limit_
                  : what == "room_write" ? room_write_limit_
                  : what == "upload"     ? upload_limit_
                                         : sign_in_limit_;
  // Writes into rooms count per person; the rest per address (IPv6: per /64, as the caps).
  const bool per_person = what == "room_write" || what == "upload";
  const std::string key =
      per_person && ex.caller.user ? ex.caller.user->id : addressKey(ex.request.remote_ip);
  const auto now = services.clock.now();
  if (limiter.allow(key, now)) return std::nullopt;
  auto e = Error::make(ErrorCode::too_many_requests);
  e.params["retry_after"] = std::to_string(std::max(1, limiter.retryAfterSeconds(key, now)));
  return problem(e, ex.language);
}

boost::asio::awaitable<std::optional<HttpResponse>> ApiContext::admitUpload(Exchange &ex) {
  if (!ex.caller.user) co_return problem(ErrorCode::unauthenticated, ex.language);
  if (auto limited = overLimit("room_write", ex)) co_return std::move(*limited);
  if (auto limited = overLimit("upload", ex)) co_return std::move(*limited);
  // The announced size; a chunked body is held to the server's upload limit while it is read
  // and checked again, whole, by the upload itself.
  std::int64_t size = 0;
  const auto length = ex.request.header("content-length");
  std::from_chars(length.data(), length.data() + length.size(), size);
  auto allowed = co_await services.rooms.mayUpload(ex.caller, ex.request.params["id"], size);
  if (!allowed) co_return problem(allowed.error(), ex.language);
  co_return std::nullopt;
}

Api::Api(Services services, const i18n::Translator &texts, Metrics &metrics,
         const StaticFiles &static_files, ApiSettings settings)
    : context_(services, texts, metrics, std::move(settings)), static_files_(static_files) {
  addSystemRoutes(router_, context_);
  addAuthRoutes(router_, context_);
  addUserRoutes(router_, context_);
  addDirectoryRoutes(router_, context_);
  addReceptionRoutes(router_, context_);
  addTicketRoutes(router_, context_);
  addPrivacyRoutes(router_, context_);
  addRoomRoutes(router_, context_);
  addMediaRoutes(router_, context_);
  addConferenceRoutes(router_, context_);
  addMediationRoutes(router_, context_);
  addCaseRoutes(router_, context_);
}

void Api::addSecurityHeaders(HttpResponse &res, bool tls) const {
  res.set("Content-Security-Policy", kContentSecurityPolicy);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Permissions-Policy", "camera=(self), microphone=(self), geolocation=()");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  if (tls) res.set("Strict-Transport-Security", "max-age=31536000");
}

bool Api::originAllowed(const HttpRequest &request) const {
  return context_.settings.origin.allows(request.header("origin"));
}

HttpResponse Api::problem(ErrorCode code, const HttpRequest &request,
                          std::map<std::string, std::string> params) const {
  Error e = Error::make(code);
  e.params = std::move(params);
  auto res = context_.problem(
      e, core::negotiateLanguage(request.header("accept-language"), core::Language::ru));
  res.route = "none";
  addSecurityHeaders(res, request.tls);
  return res;
}

boost::asio::awaitable<std::optional<Api::WsIdentity>>
Api::authenticate(const HttpRequest &request) {
  auto token = request.cookie(sessionCookieName(request.tls));
  if (!token) co_return std::nullopt;
  auto auth = co_await context_.services.auth.authenticate(*token);
  if (!auth) co_return std::nullopt;
  // Named, not braced in the co_return: GCC 12 mishandles temporaries there.
  WsIdentity who{std::move(auth->user), app::tokenKey(*token), auth->session.expires_at};
  co_return who;
}

Exchange Api::exchangeFor(HttpRequest &request) const {
  Exchange ex{request, {}, core::Language::ru, {}};
  ex.caller.ip = request.remote_ip;
  ex.caller.request_id = request.request_id;
  ex.language = core::negotiateLanguage(request.header("accept-language"), core::Language::ru);
  return ex;
}

boost::asio::awaitable<std::optional<HttpResponse>> Api::admitUpload(HttpRequest &request) {
  auto match = router_.match(request.method, request.path);
  if (!match.route || !match.route->raw_body) co_return std::nullopt; // answered as usual
  request.params = std::move(match.params);
  Exchange ex = exchangeFor(request);
  auto refused = co_await identify(ex, *match.route);
  if (!refused) refused = co_await context_.admitUpload(ex);
  if (!refused) {
    request.admitted = true;
    co_return std::nullopt;
  }
  refused->route = match.route->pattern;
  addSecurityHeaders(*refused, request.tls);
  refused->set("X-Request-Id", request.request_id);
  refused->set("Cache-Control", "no-store");
  context_.metrics.request(request.method, refused->route, refused->status, 0);
  logEvent(spdlog::level::info, "upload_refused",
           {{"request_id", request.request_id},
            {"route", refused->route},
            {"status", refused->status},
            {"user_id", ex.caller.user ? boost::json::value(ex.caller.user->id) : nullptr}});
  co_return refused;
}

boost::asio::awaitable<HttpResponse> Api::handle(HttpRequest &request) {
  const auto started = std::chrono::steady_clock::now();
  Exchange ex = exchangeFor(request);

  HttpResponse res;
  auto match = router_.match(request.method, request.path);
  if (!match.route) {
    if (auto file = static_files_.serve(request)) {
      res = std::move(*file);
    } else if (!match.allowed.empty()) {
      res = context_.problem(ErrorCode::method_not_allowed, ex.language);
      std::string allow;
      for (const auto &m : match.allowed) allow += (allow.empty() ? "" : ", ") + m;
      res.set("Allow", allow);
      res.route = "none";
    } else {
      res = context_.problem(ErrorCode::not_found, ex.language);
      res.route = "none";
    }
  } else {
    request.params = std::move(match.params);
    res = co_await dispatch(ex, *match.route);
    res.route = match.route->pattern;
  }
  if (res.route != "static") res.set("Cache-Control", "no-store");
  addSecurityHeaders(res, request.tls);
  res.set("X-Request-Id", request.request_id);

  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  context_.metrics.request(request.method, res.route, res.status, seconds);
  logEvent(res.status >= 500 ? spdlog::level::warn : spdlog::level::info, "http_request",
           {{"request_id", request.request_id},
            {"method", request.method},
            {"route", res.route},
            {"status", res.status},
            {"ms", seconds * 1000.0},
            {"user_id", ex.caller.user ? boost::json::value(ex.caller.user->id) : nullptr}});
  co_return res;
}

boost::asio::awaitable<HttpResponse> Api::dispatch(Exchange &ex, const Route &route) {
  HttpRequest &request = ex.request;
  struct Admitted {
    std::atomic<int> &count;
    int now = count.fetch_add(1) + 1;
    ~Admitted() { count.fetch_sub(1); }
  } admitted{in_flight_};
  if (admitted.now > context_.settings.max_in_flight)
    co_return context_.problem(ErrorCode::busy, ex.language);
  if (auto refused = co_await identify(ex, route)) co_return std::move(*refused);
  try {
    co_return co_await route.handler(ex);
  } catch (const std::exception &e) {
    logEvent(spdlog::level::err, "handler_failed",
             {{"request_id", request.request_id}, {"route", route.pattern}, {"error", e.what()}});
    co_return context_.problem(ErrorCode::internal, ex.language);
  }
}

boost::asio::awaitable<std::optional<HttpResponse>> Api::identify(Exchange &ex,
                                                                  const Route &route) {
  HttpRequest &request = ex.request;
  if (auto token = request.cookie(sessionCookieName(request.tls))) {
    auto auth = co_await context_.services.auth.authenticate(*token);
    if (auth) {
      ex.caller.user = auth->user;
      ex.session_token = *token;
      // A signed-in person's own choice of language wins over the browser's.
      if (request.header("accept-language").empty()) ex.language = auth->user.language;
      if (isWrite(request.method) &&
          !sameSecret(request.header("x-csrf-token"), auth->session.csrf_token))
        co_return context_.problem(ErrorCode::csrf_failed, ex.language);
    } else if (auth.error().code != ErrorCode::unauthenticated) {
      co_return context_.problem(auth.error(), ex.language);
    }
  }
  if (isWrite(request.method)) {
    // A write from another site's page is refused even before sign-in (login CSRF).
    if (!originAllowed(request)) co_return context_.problem(ErrorCode::csrf_failed, ex.language);
    if (!route.raw_body && !request.body.empty() &&
        !request.header("content-type").starts_with("application/json"))
      co_return context_.problem(ErrorCode::unsupported_media_type, ex.language);
  }
  co_return std::nullopt;
}

} // namespace kelisim::transport
