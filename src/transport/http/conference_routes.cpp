// /api/v1/conferences (the scheduled record of professional conferences: schedule, edit,
// cancel, end, a guest's link, the ICS invitation, minutes, proposals) and /api/v1/proposals
// (open proposals across conferences). See docs/conference-api.md. Thin: parse, call
// app::conference::ConferenceService, shape the answer.
#include "transport/http/api.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"
#include "transport/mail/mail_text.hpp"

namespace kelisim::transport {

using boost::asio::awaitable;
using core::ErrorCode;
namespace ac = app::conference;
namespace cf = core::conference;

namespace {

boost::json::value optionalJson(const std::optional<std::string> &v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object proposalJson(const ac::ProposalView &v) {
  const auto &p = v.proposal;
  return {{"id", p.id},
          {"conference_id", p.conference_id},
          {"conference_title", v.conference_title},
          {"agenda_item_id", optionalJson(p.agenda_item_id)},
          {"agenda_title", v.agenda_title},
          {"text", p.text},
          {"owner_id", optionalJson(p.owner_id)},
          {"owner_name", p.owner_name},
          {"owner", v.owner},
          {"due_date", p.due_date},
          {"status", cf::toString(p.status)},
          {"created_at", core::toRfc3339(p.created_at)},
          {"closed_at", p.closed_at ? boost::json::value(core::toRfc3339(*p.closed_at))
                                    : boost::json::value(nullptr)},
          {"may_change", v.may_change}};
}

boost::json::object conferenceJson(const ac::ConferenceView &v) {
  const auto &c = v.conference;
  boost::json::array agenda;
  for (const auto &a : c.agenda)
    agenda.push_back(boost::json::object{{"id", a.id}, {"title", a.title}, {"minutes", a.minutes}});
  boost::json::array people;
  for (const auto &p : v.participants)
    people.push_back(boost::json::object{{"role", ac::toString(p.role)},
                                         {"user_id", optionalJson(p.user_id)},
                                         {"name", p.name},
                                         {"email", p.email},
                                         {"organisation_id", p.organisation},
                                         {"joined", p.joined}});
  boost::json::array proposals;
  for (const auto &p : v.proposals) proposals.push_back(proposalJson(p));
  return {{"id", c.id},
          {"organisation_id", c.organisation_id},
          {"title", c.title},
          {"description", c.description},
          {"language", core::toString(c.language)},
          {"starts_at", core::toRfc3339(c.starts_at)},
          {"ends_at", core::toRfc3339(c.ends_at)},
          {"status", cf::toString(c.status)},
          {"phase", cf::toString(v.phase)},
          {"ended_at", c.ended_at ? boost::json::value(core::toRfc3339(*c.ended_at))
                                  : boost::json::value(nullptr)},
          {"created_by", c.created_by},
          {"my_role", ac::toString(v.my_role)},
          {"agenda", std::move(agenda)},
          {"participants", std::move(people)},
          {"proposals", std::move(proposals)}};
}

// Reads the fields of a schedule that are present; problems are recorded in `in`.
ac::ScheduleInput readSchedule(JsonInput &in) {
  ac::ScheduleInput s;
  s.title = in.string("title", false, cf::kMaxTitle);
  s.description = in.string("description", false, cf::kMaxDescription);
  s.language = in.language("language", false);
  s.starts_at = in.time("starts_at", false);
  s.ends_at = in.time("ends_at", false);
  if (const auto *items = in.array("agenda", false, cf::kMaxAgendaItems)) {
    std::vector<ac::AgendaInput> agenda;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string name = "agenda." + std::to_string(i);
      if (!(*items)[i].is_object()) {
        in.fail(name, "invalid_type");
        continue;
      }
      JsonInput item((*items)[i].as_object());
      auto id = item.string("id", false, 64);
      auto title = item.string("title", true, cf::kMaxTitle);
      item.string("minutes", false, cf::kMaxMinutes); // echoed back by GET: ignored here
      if (auto st = item.finish(); !st) {
        for (const auto &f : st.error().fields) in.fail(name + "." + f.field, f.code, f.params);
        continue;
      }
      agenda.push_back({id && !id->empty() ? id : std::nullopt, *title});
    }
    s.agenda = std::move(agenda);
  }
  s.specialists = in.words("specialists", false, cf::kMaxParticipants, 64);
  s.moderators = in.words("moderators", false, cf::kMaxParticipants, 64);
  if (const auto *items = in.array("guests", false, cf::kMaxParticipants)) {
    std::vector<ac::GuestInput> guests;
    for (std::size_t i = 0; i < items->size(); ++i) {
      const std::string name = "guests." + std::to_string(i);
      if (!(*items)[i].is_object()) {
        in.fail(name, "invalid_type");
        continue;
      }
      JsonInput item((*items)[i].as_object());
      auto guest_name = item.string("name", true, cf::kMaxName);
      auto email = item.string("email", true, 254);
      auto language = item.language("language", false);
      if (auto st = item.finish(); !st) {
        for (const auto &f : st.error().fields) in.fail(name + "." + f.field, f.code, f.params);
        continue;
      }
      guests.push_back({*guest_name, *email, language});
    }
    s.guests = std::move(guests);
  }
  return s;
}

ac::ProposalInput readProposal(JsonInput &in, bool creating) {
  ac::ProposalInput p;
  p.text = in.string("text", creating, cf::kMaxProposalText);
  p.owner_id = in.string("owner_id", false, 64);
  p.owner_name = in.string("owner_name", false, cf::kMaxName);
  p.due_date = in.string("due_date", creating, 10);
  p.agenda_item_id = in.string("agenda_item_id", false, 64);
  if (auto s = in.string("status", false, 16)) {
    p.status = cf::parseProposalStatus(*s);
    if (!p.status) in.fail("status", "invalid_value");
  }
  return p;
}

std::optional<HttpResponse> unavailable(ApiContext &ctx, const Exchange &ex) {
  if (ctx.services.conferences) return std::nullopt;
  return ctx.problem(ErrorCode::unavailable, ex.language);
}

} // namespace

void addConferenceRoutes(Router &router, ApiContext &ctx) {
  router.add("GET", "/api/v1/conferences", "The caller's conferences, by start",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto list = co_await ctx.services.conferences->mine(ex.caller);
               if (!list) co_return ctx.problem(list.error(), ex.language);
               boost::json::array items;
               for (const auto &v : *list) items.push_back(conferenceJson(v));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("POST", "/api/v1/conferences", "Schedule a conference and mail its invitations",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto s = readSchedule(in);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto v = co_await ctx.services.conferences->schedule(ex.caller, std::move(s));
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(201, conferenceJson(*v));
             });

  router.add("GET", "/api/v1/conferences/invitees",
             "Staff of any organisation to invite, by name or e-mail (?q=)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               std::string q;
               if (auto it = ex.request.query.find("q"); it != ex.request.query.end())
                 q = it->second.substr(0, 100);
               auto list = co_await ctx.services.conferences->invitable(ex.caller, std::move(q));
               if (!list) co_return ctx.problem(list.error(), ex.language);
               boost::json::array items;
               for (const auto &p : *list)
                 items.push_back(boost::json::object{{"id", p.id},
                                                     {"display_name", p.display_name},
                                                     {"organisation_id", p.organisation_id},
                                                     {"role", core::toString(p.role)}});
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("POST", "/api/v1/conferences/join",
             "A guest's link: sign in as the guest and get the conference",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               if (auto limited = ctx.overLimit("sign_in", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto token = in.string("token", true, 64);
               auto replace = in.boolean("replace", false);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               const bool replacing = replace.value_or(false);
               auto j = co_await ctx.services.conferences->join(ex.caller, *token, replacing);
               if (!j) co_return ctx.problem(j.error(), ex.language);
               auto res = ctx.json(200, conferenceJson(j->view));
               if (j->session)
                 setSessionCookies(res, *j->session, ex.request.tls, ctx.services.clock.now());
               co_return res;
             });

  router.add("GET", "/api/v1/conferences/{id}", "One conference, with the caller's role in it",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto v = co_await ctx.services.conferences->get(ex.caller, ex.request.params["id"]);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, conferenceJson(*v));
             });

  router.add("PATCH", "/api/v1/conferences/{id}", "Edit a conference (moderators)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto s = readSchedule(in);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto v = co_await ctx.services.conferences->update(
                   ex.caller, ex.request.params["id"], std::move(s));
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, conferenceJson(*v));
             });

  router.add("POST", "/api/v1/conferences/{id}/cancel", "Cancel a conference (moderators)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto v =
                   co_await ctx.services.conferences->cancel(ex.caller, ex.request.params["id"]);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, conferenceJson(*v));
             });

  router.add("POST", "/api/v1/conferences/{id}/end", "End a conference now (moderators)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto v = co_await ctx.services.conferences->end(ex.caller, ex.request.params["id"]);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, conferenceJson(*v));
             });

  router.add("GET", "/api/v1/conferences/{id}/invitation.ics",
             "The conference as an ICS invitation, for participants",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto v = co_await ctx.services.conferences->get(ex.caller, ex.request.params["id"]);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               CalendarEvent event;
               event.uid = "conference-" + v->conference.id;
               event.start = v->conference.starts_at;
               event.end = v->conference.ends_at;
               event.summary = v->conference.title;
               event.description = v->conference.description.empty()
                                       ? v->page_url
                                       : v->conference.description + "\n" + v->page_url;
               event.url = v->page_url;
               if (ex.caller.user && !core::isGuest(*ex.caller.user))
                 event.attendee = ex.caller.user->email;
               HttpResponse res;
               res.status = 200;
               res.content_type = "text/calendar; charset=utf-8";
               res.set("Content-Disposition", "attachment; filename=\"conference.ics\"");
               res.body =
                   calendarInvitation(event, ctx.settings.mail_from, ctx.services.clock.now());
               co_return res;
             });

  router.add(
      "PUT", "/api/v1/conferences/{id}/agenda/{item_id}/minutes",
      "An agenda item's minutes (moderators)", [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
        if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
        auto body = ctx.body(ex);
        if (!body) co_return ctx.problem(body.error(), ex.language);
        JsonInput in(*body);
        auto minutes = in.string("minutes", false, cf::kMaxMinutes);
        if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
        auto v = co_await ctx.services.conferences->saveMinutes(
            ex.caller, ex.request.params["id"], ex.request.params["item_id"], minutes.value_or(""));
        if (!v) co_return ctx.problem(v.error(), ex.language);
        co_return ctx.json(200, conferenceJson(*v));
      });

  router.add("POST", "/api/v1/conferences/{id}/proposals",
             "Make a proposal (moderators and invited specialists)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto p = readProposal(in, true);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto v = co_await ctx.services.conferences->propose(
                   ex.caller, ex.request.params["id"], std::move(p));
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(201, proposalJson(*v));
             });

  router.add("PATCH", "/api/v1/proposals/{id}",
             "Change a proposal (moderators; its owner the status)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto p = readProposal(in, false);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto v = co_await ctx.services.conferences->changeProposal(
                   ex.caller, ex.request.params["id"], std::move(p));
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, proposalJson(*v));
             });

  router.add("GET", "/api/v1/proposals",
             "Proposals across conferences (?status=open&conference_id=), for staff",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               ac::ProposalFilter filter;
               if (auto it = ex.request.query.find("status"); it != ex.request.query.end()) {
                 filter.status = cf::parseProposalStatus(it->second);
                 if (!filter.status)
                   co_return ctx.problem(core::Error::field("status", "invalid_value"),
                                         ex.language);
               }
               if (auto it = ex.request.query.find("conference_id"); it != ex.request.query.end())
                 filter.conference_id = it->second;
               auto list = co_await ctx.services.conferences->proposals(ex.caller, filter);
               if (!list) co_return ctx.problem(list.error(), ex.language);
               boost::json::array items;
               for (const auto &p : *list) items.push_back(proposalJson(p));
               co_return ctx.json(200, listJson(std::move(items)));
             });
}

} // namespace kelisim::transport
