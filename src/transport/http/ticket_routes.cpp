// /api/v1/tickets (intake, the citizen's ticket, leaving, feedback), /api/v1/desk (the
// specialist's duty, offers, take next) and consultations recorded after a phone call.
#include "transport/http/api.hpp"
#include "transport/http/reception_views.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"

namespace kelisim::transport {

using boost::asio::awaitable;

namespace {

HttpResponse submittedResponse(ApiContext &ctx, const Exchange &ex, const ar::Submitted &s,
                               int status) {
  boost::json::object body{{"ticket", ticketJson(s.view)}};
  body["link"] = s.link_token ? boost::json::value("/t/" + *s.link_token) : nullptr;
  auto res = ctx.json(status, body);
  if (s.session) setSessionCookies(res, *s.session, ex.request.tls, ctx.services.clock.now());
  return res;
}

} // namespace

void addTicketRoutes(Router &router, ApiContext &ctx) {
  router.add("POST", "/api/v1/tickets", "Ask a question: a ticket in a reception's queue",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto limited = ctx.overLimit("intake", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               ar::NewTicket t;
               t.reception_id = in.string("reception_id", false, 64);
               t.organisation_id = in.string("organisation_id", false, 64);
               t.region = in.string("region", true, 8).value_or("");
               t.language = in.language("language", true);
               t.category = in.string("category", true, 32).value_or("");
               t.description =
                   in.string("description", true, ar::kMaxTicketDescription).value_or("");
               if (auto c = in.string("channel", false, 8)) {
                 t.channel = rc::parseChannel(*c);
                 if (!t.channel) in.fail("channel", "invalid_value");
               }
               t.kinds = in.kinds("kinds", true).value_or(std::vector<core::SpecialistKind>{});
               t.consent = in.boolean("consent", true).value_or(false);
               t.consent_version = in.string("consent_version", false, 32);
               t.contact = in.string("contact", false, ar::kMaxContact);
               t.slot_at = in.time("slot_at", false);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto s = co_await ctx.services.queue.submit(ex.caller, std::move(t));
               if (!s) co_return ctx.problem(s.error(), ex.language);
               co_return submittedResponse(ctx, ex, *s, 201);
             });

  router.add("POST", "/api/v1/tickets/resume", "Come back to a ticket with its secret link",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto limited = ctx.overLimit("sign_in", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto token = in.string("token", true, 64);
               auto replace = in.boolean("replace", false);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               const bool replacing = replace.value_or(false);
               auto s = co_await ctx.services.queue.resume(ex.caller, *token, replacing);
               if (!s) co_return ctx.problem(s.error(), ex.language);
               co_return submittedResponse(ctx, ex, *s, 200);
             });

  router.add("GET", "/api/v1/tickets", "The caller's own tickets",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto list = co_await ctx.services.queue.mine(ex.caller);
               if (!list) co_return ctx.problem(list.error(), ex.language);
               boost::json::array items;
               for (const auto &v : *list) items.push_back(ticketJson(v));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("GET", "/api/v1/tickets/{id}", "One ticket with its live place",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto v = co_await ctx.services.queue.get(ex.caller, ex.request.params["id"]);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, ticketJson(*v));
             });

  router.add("POST", "/api/v1/tickets/{id}/leave", "Leave the queue",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto v = co_await ctx.services.queue.leave(ex.caller, ex.request.params["id"]);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, ticketJson(*v));
             });

  router.add("POST", "/api/v1/tickets/{id}/defer", "Leave the question for later",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto v = co_await ctx.services.queue.defer(ex.caller, ex.request.params["id"]);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, ticketJson(*v));
             });

  router.add("POST", "/api/v1/tickets/{id}/feedback", "Rate the help received",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto rating = in.integer("rating", true, 1, 5);
               auto comment = in.string("comment", false, ar::kMaxComment).value_or("");
               auto proposal = in.string("proposal", false, ar::kMaxComment).value_or("");
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               const std::string id = ex.request.params["id"];
               auto done = co_await ctx.services.queue.giveFeedback(
                   ex.caller, id, static_cast<int>(*rating), std::move(comment),
                   std::move(proposal));
               if (!done) co_return ctx.problem(done.error(), ex.language);
               co_return ctx.json(201, boost::json::object{{"ticket_id", id}});
             });

  router.add("POST", "/api/v1/tickets/{id}/reassign", "Offer a ticket to a chosen specialist",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto specialist = in.string("specialist_id", true, 64);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               const std::string id = ex.request.params["id"];
               auto done = co_await ctx.services.queue.reassign(ex.caller, id, *specialist);
               if (!done) co_return ctx.problem(done.error(), ex.language);
               co_return ctx.json(200, boost::json::object{{"ticket_id", id}});
             });

  router.add("GET", "/api/v1/desk", "The specialist's desk",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto d = co_await ctx.services.queue.desk(ex.caller);
               if (!d) co_return ctx.problem(d.error(), ex.language);
               co_return ctx.json(200, deskJson(*d));
             });

  router.add("POST", "/api/v1/desk/duty", "Go on or off duty",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto on = in.boolean("on_duty", true);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto d = co_await ctx.services.queue.setDuty(ex.caller, *on);
               if (!d) co_return ctx.problem(d.error(), ex.language);
               co_return ctx.json(200, deskJson(*d));
             });

  router.add("POST", "/api/v1/desk/next", "Take the next waiting citizen",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto room = co_await ctx.services.queue.takeNext(ex.caller);
               if (!room) co_return ctx.problem(room.error(), ex.language);
               auto v = co_await ctx.services.rooms.joined(ex.caller, *room);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, roomJson(*v));
             });

  router.add("POST", "/api/v1/desk/offers/{ticket_id}/accept", "Accept an offered ticket",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto room =
                   co_await ctx.services.queue.accept(ex.caller, ex.request.params["ticket_id"]);
               if (!room) co_return ctx.problem(room.error(), ex.language);
               auto v = co_await ctx.services.rooms.joined(ex.caller, *room);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, roomJson(*v));
             });

  router.add("POST", "/api/v1/desk/offers/{ticket_id}/decline", "Decline an offered ticket",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto done =
                   co_await ctx.services.queue.decline(ex.caller, ex.request.params["ticket_id"]);
               if (!done) co_return ctx.problem(done.error(), ex.language);
               HttpResponse res;
               res.status = 204;
               co_return res;
             });

  router.add("POST", "/api/v1/consultations/phone", "Record a consultation held by phone",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               ar::PhoneConsultation p;
               p.reception_id = in.string("reception_id", false, 64);
               p.region = in.string("region", true, 8).value_or("");
               p.language = in.language("language", false).value_or(ex.language);
               p.category = in.string("category", true, 32).value_or("");
               p.kinds = in.kinds("kinds", true).value_or(std::vector<core::SpecialistKind>{});
               if (auto o = in.string("outcome", true, 32)) {
                 p.outcome = rc::parseOutcome(*o);
                 if (!p.outcome) in.fail("outcome", "invalid_value");
               }
               p.duration_minutes = static_cast<int>(
                   in.integer("duration_minutes", true, 1, ar::kMaxPhoneMinutes).value_or(0));
               p.summary = in.string("summary", false, ar::kMaxSummary).value_or("");
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto t = co_await ctx.services.rooms.recordPhone(ex.caller, std::move(p));
               if (!t) co_return ctx.problem(t.error(), ex.language);
               ar::TicketView v;
               v.ticket = *t;
               co_return ctx.json(201, ticketJson(v));
             });
}

} // namespace kelisim::transport
