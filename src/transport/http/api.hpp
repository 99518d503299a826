// The HTTP API: middleware (request language, session cookie, CSRF, content type, security
// headers, metrics and the access log) around the router and the static front end. Handlers
// live in one file per resource (*_routes.cpp) and are thin: parse, call a service, map the
// result. Built once at start-up; handle() may run on any io thread.
#pragma once

#include "app/auth_service.hpp"
#include "app/conference/conference_service.hpp"
#include "app/directory_service.hpp"
#include "app/media/media_service.hpp"
#include "app/mediation/case_service.hpp"
#include "app/mediation/mediator_service.hpp"
#include "app/reception/personal_data.hpp"
#include "app/reception/queue_service.hpp"
#include "app/reception/reception_service.hpp"
#include "app/reception/room_service.hpp"
#include "app/user_service.hpp"
#include "core/rate_limiter.hpp"
#include "i18n/translator.hpp"
#include "transport/http/origin.hpp"
#include "transport/http/router.hpp"
#include "transport/http/static_files.hpp"
#include "transport/mail/mail_text.hpp"
#include "transport/metrics.hpp"

#include <boost/json/value.hpp>

#include <atomic>
#include <mutex>

namespace kelisim::transport {

namespace media {
class EngineHost;
}

struct ApiSettings {
  std::size_t json_body_limit = 1 << 20;
  int sign_in_per_minute = 10;
  int sign_up_per_minute = 5;
  int intake_per_minute = 10;
  // Per person (per address when not signed in): messages, notes and attachments over HTTP,
  // as /ws limits them per connection.
  int room_writes_per_minute = 60;
  // Admission: API requests served at once. Past it a new one is answered busy (503,
  // Retry-After) at once rather than queued behind work the server cannot finish in time;
  // overload then costs a quick refusal, not a long wait for everybody.
  int max_in_flight = 2048;
  // The origin of `public_url`: the only one whose pages may write or open /ws.
  PublicOrigin origin;
  // Attachments per person a minute (on top of room_writes_per_minute).
  int uploads_per_minute = 10;
  // The personal data operator named in the account consent text.
  std::string operator_name = "Kelisim";
  // The media engine's state for /readyz and /metrics (none: calls are not set up).
  const media::EngineHost *media_host = nullptr;
  // The organiser named in ICS invitations downloaded from the API (mails use the mailer's).
  MailIdentity mail_from;
};

struct Services {
  app::AuthService &auth;
  app::UserService &users;
  app::DirectoryService &directory;
  app::reception::ReceptionService &receptions;
  app::reception::QueueService &queue;
  app::reception::RoomService &rooms;
  app::reception::PersonalDataService &personal;
  core::Store &store;
  const core::Clock &clock;
  app::media::MediaService *media = nullptr; // none: no calls (tests of other features)
  app::conference::ConferenceService *conferences = nullptr; // none: conferences answer 503
  app::mediation::MediatorService *mediators = nullptr;      // none: the register answers 503
  app::mediation::CaseService *cases = nullptr;              // none: cases answer 503
};

// Shared by the route files: services, texts and the helpers that shape responses.
class ApiContext {
public:
  ApiContext(Services services, const i18n::Translator &texts, Metrics &metrics,
             ApiSettings settings);

  Services services;
  const i18n::Translator &texts;
  Metrics &metrics;
  ApiSettings settings;

  HttpResponse json(int status, const boost::json::value &body) const;
  HttpResponse problem(const core::Error &error, core::Language language) const;
  HttpResponse problem(core::ErrorCode code, core::Language language) const {
    return problem(core::Error::make(code), language);
  }
  // Parses the request body as a JSON object, or the problem to answer with.
  core::Result<boost::json::object> body(const Exchange &ex) const;
  // The 429 answer when the sender of `ex` has used up its budget of `what` ("sign_in",
  // "sign_up", "intake" per address; "room_write" per person) requests; nullopt when it may
  // go ahead.
  std::optional<HttpResponse> overLimit(const std::string &what, const Exchange &ex);
  // An upload's checks that need only its header: the write budgets ("room_write",
  // "upload"), then membership, the file limit and the quotas for the announced size
  // (RoomService::mayUpload). The refusal to answer with, or nullopt.
  boost::asio::awaitable<std::optional<HttpResponse>> admitUpload(Exchange &ex);

private:
  std::mutex limits_mutex_;
  core::RateLimiter sign_in_limit_;
  core::RateLimiter sign_up_limit_;
  core::RateLimiter intake_limit_;
  core::RateLimiter room_write_limit_;
  core::RateLimiter upload_limit_;
};

class Api {
public:
  Api(Services services, const i18n::Translator &texts, Metrics &metrics,
      const StaticFiles &static_files, ApiSettings settings);

  boost::asio::awaitable<HttpResponse> handle(HttpRequest &request);
  // For an upload whose header is read and whose body is not: the answer refusing it (see
  // ApiContext::admitUpload; also sign-in, CSRF), or nullopt to read the body. An admitted
  // request is marked (HttpRequest::admitted) so that its budgets are not charged twice.
  boost::asio::awaitable<std::optional<HttpResponse>> admitUpload(HttpRequest &request);
  // Who opens a WebSocket: the user, and the key and end of the session it is opened with
  // (the connection ends with its session: sign-out, expiry, a change of access).
  struct WsIdentity {
    core::User user;
    std::string session_key; // app::tokenKey of the session's token
    core::Time expires_at{};
  };
  // For the WebSocket upgrade: who is signed in with the request's cookie, if anyone.
  boost::asio::awaitable<std::optional<WsIdentity>> authenticate(const HttpRequest &request);
  // For errors the server meets before a request is whole (413, 400).
  HttpResponse problem(core::ErrorCode code, const HttpRequest &request,
                       std::map<std::string, std::string> params = {}) const;
  void addSecurityHeaders(HttpResponse &response, bool tls) const;
  // False when the request carries an Origin other than public_url's (another site's page).
  bool originAllowed(const HttpRequest &request) const;
  // Once the server is bound: a public_url with port 0 takes the bound port (tests). Call
  // before requests are served.
  void bound(unsigned short port) { context_.settings.origin.bound(port); }
  const Router &router() const { return router_; }

private:
  boost::asio::awaitable<HttpResponse> dispatch(Exchange &ex, const Route &route);
  // Who calls (the session cookie) and the checks of a write (CSRF, origin, content type):
  // the refusal, or nullopt.
  boost::asio::awaitable<std::optional<HttpResponse>> identify(Exchange &ex, const Route &route);
  Exchange exchangeFor(HttpRequest &request) const;

  ApiContext context_;
  const StaticFiles &static_files_;
  Router router_;
  std::atomic<int> in_flight_{0}; // API requests being served (ApiSettings::max_in_flight)
};

// Route registration, one function per resource file.
void addSystemRoutes(Router &router, ApiContext &ctx);
void addAuthRoutes(Router &router, ApiContext &ctx);
void addUserRoutes(Router &router, ApiContext &ctx);
void addDirectoryRoutes(Router &router, ApiContext &ctx);
void addReceptionRoutes(Router &router, ApiContext &ctx);
void addTicketRoutes(Router &router, ApiContext &ctx);
void addPrivacyRoutes(Router &router, ApiContext &ctx);
void addRoomRoutes(Router &router, ApiContext &ctx);
void addMediaRoutes(Router &router, ApiContext &ctx);
void addConferenceRoutes(Router &router, ApiContext &ctx);
void addMediationRoutes(Router &router, ApiContext &ctx);
void addCaseRoutes(Router &router, ApiContext &ctx);

// Sets (or clears) the session and CSRF cookies.
void setSessionCookies(HttpResponse &res, const app::SignedIn &s, bool tls, core::Time now);

// Names of the cookies the API sets. Over HTTPS (direct, or a trusted proxy's
// X-Forwarded-Proto) the session cookie carries the __Host- prefix: the browser then keeps
// it only if it is Secure, for Path=/ and without a Domain, so neither a sibling subdomain nor
// a plain-HTTP answer can plant or overwrite it. The front end never reads it (HttpOnly).
inline constexpr const char *kSessionCookie = "kelisim_session";
inline constexpr const char *kHostSessionCookie = "__Host-kelisim_session";
inline constexpr const char *kCsrfCookie = "kelisim_csrf";
inline const char *sessionCookieName(bool tls) {
  return tls ? kHostSessionCookie : kSessionCookie;
}

} // namespace kelisim::transport
