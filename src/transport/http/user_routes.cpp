// /api/v1/me and /api/v1/users: one's own profile; staff management by admins and
// coordinators (authorisation is in app::UserService).
#include "app/audit_chain.hpp"
#include "transport/http/api.hpp"
#include "transport/http/user_view.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"

#include <charconv>

namespace kelisim::transport {

using boost::asio::awaitable;

boost::asio::awaitable<boost::json::object> userView(ApiContext &ctx, const core::User &user) {
  std::optional<core::Organisation> org;
  if (user.organisation_id) {
    auto found = co_await ctx.services.store.getOrganisation(*user.organisation_id);
    if (found) org = std::move(found).value();
  }
  co_return userJson(user, org);
}

namespace {
app::UserChanges readChanges(JsonInput &in) {
  app::UserChanges c;
  c.display_name = in.string("display_name", false, 100);
  c.language = in.language("language", false);
  c.role = in.role("role", false);
  c.kinds = in.kinds("kinds", false);
  c.languages = in.languages("languages", false);
  c.categories = in.words("categories", false, 32, 32);
  if (auto capacity = in.integer("capacity", false, 1, app::kMaxCapacity))
    c.capacity = static_cast<int>(*capacity);
  return c;
}
} // namespace

namespace {
// ?actor=&action=&object=&from=&to=&before=&limit=, each checked; nullopt when one is bad.
std::optional<core::AuditQuery> auditQuery(const Exchange &ex) {
  core::AuditQuery q;
  const auto text = [&](const char *name, std::optional<std::string> &into) {
    auto it = ex.request.query.find(name);
    if (it == ex.request.query.end() || it->second.empty()) return true;
    if (it->second.size() > 64) return false;
    into = it->second;
    return true;
  };
  const auto time = [&](const char *name, std::optional<core::Time> &into) {
    auto it = ex.request.query.find(name);
    if (it == ex.request.query.end() || it->second.empty()) return true;
    into = core::parseRfc3339(it->second);
    return into.has_value();
  };
  const auto number = [&](const char *name, auto &into) {
    auto it = ex.request.query.find(name);
    if (it == ex.request.query.end() || it->second.empty()) return true;
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), n);
    if (ec != std::errc() || end != it->second.data() + it->second.size() || n < 1) return false;
    into = static_cast<std::remove_reference_t<decltype(into)>>(n);
    return true;
  };
  std::int64_t before = 0;
  if (!text("actor", q.actor_id) || !text("action", q.action) || !text("object", q.object_id) ||
      !time("from", q.from) || !time("to", q.to) || !number("before", before) ||
      !number("limit", q.limit))
    return std::nullopt;
  if (before > 0) q.before_id = before;
  return q;
}
} // namespace

void addUserRoutes(Router &router, ApiContext &ctx) {
  router.add("GET", "/api/v1/audit",
             "The audit trail, newest first, filtered by who, what and when (admins)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto query = auditQuery(ex);
               if (!query)
                 co_return ctx.problem(core::Error::field("query", "invalid_format"), ex.language);
               app::AuditService audit(ctx.services.store);
               auto found = co_await audit.search(ex.caller, std::move(*query));
               if (!found) co_return ctx.problem(found.error(), ex.language);
               boost::json::array items;
               for (const auto &e : *found) {
                 boost::json::object o{{"id", e.id},
                                       {"at", core::toRfc3339(e.at)},
                                       {"actor_id", e.actor_id ? boost::json::value(*e.actor_id)
                                                               : boost::json::value(nullptr)},
                                       {"action", e.action},
                                       {"object_type", e.object_type},
                                       {"object_id", e.object_id},
                                       {"detail", e.detail},
                                       {"ip", e.ip},
                                       {"sealed", !e.hash.empty()}};
                 items.push_back(std::move(o));
               }
               boost::json::object out{{"items", std::move(items)}};
               out["next"] = found->empty() ? boost::json::value(nullptr)
                                            : boost::json::value(std::to_string(found->back().id));
               co_return ctx.json(200, std::move(out));
             });

  router.add("GET", "/api/v1/me", "The signed-in user",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto me = co_await ctx.services.users.me(ex.caller);
               if (!me) co_return ctx.problem(me.error(), ex.language);
               co_return ctx.json(200, co_await userView(ctx, *me));
             });

  router.add("PATCH", "/api/v1/me", "Change one's display name or interface language",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               app::UserChanges changes;
               changes.display_name = in.string("display_name", false, 100);
               changes.language = in.language("language", false);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto me = co_await ctx.services.users.updateMe(ex.caller, std::move(changes));
               if (!me) co_return ctx.problem(me.error(), ex.language);
               co_return ctx.json(200, co_await userView(ctx, *me));
             });

  router.add("GET", "/api/v1/users",
             "Users the caller manages (admin: all; coordinator: own organisation)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto users = co_await ctx.services.users.list(ex.caller);
               if (!users) co_return ctx.problem(users.error(), ex.language);
               boost::json::array items;
               for (const auto &u : *users) items.push_back(co_await userView(ctx, u));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("POST", "/api/v1/users",
             "Invite a specialist, coordinator or admin: a mail with a link to set a password",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               app::NewStaff staff;
               staff.email = in.string("email", true, 254).value_or("");
               staff.display_name = in.string("display_name", true, 100).value_or("");
               staff.role = in.role("role", true).value_or(core::Role::specialist);
               staff.kinds = in.kinds("kinds", false).value_or(std::vector<core::SpecialistKind>{});
               staff.organisation_id = in.string("organisation_id", false, 64);
               staff.language = in.language("language", false).value_or(ex.language);
               staff.languages =
                   in.languages("languages", false).value_or(std::vector<core::Language>{});
               staff.categories =
                   in.words("categories", false, 32, 32).value_or(std::vector<std::string>{});
               staff.capacity = static_cast<int>(
                   in.integer("capacity", false, 1, app::kMaxCapacity).value_or(1));
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto user = co_await ctx.services.users.createStaff(ex.caller, std::move(staff));
               if (!user) co_return ctx.problem(user.error(), ex.language);
               co_return ctx.json(201, co_await userView(ctx, *user));
             });

  router.add("GET", "/api/v1/users/{id}", "One user the caller may see",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto user = co_await ctx.services.users.get(ex.caller, ex.request.params.at("id"));
               if (!user) co_return ctx.problem(user.error(), ex.language);
               co_return ctx.json(200, co_await userView(ctx, *user));
             });

  router.add("PATCH", "/api/v1/users/{id}", "Change a user's role, kinds, languages or categories",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto changes = readChanges(in);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto user = co_await ctx.services.users.update(ex.caller, ex.request.params.at("id"),
                                                              std::move(changes));
               if (!user) co_return ctx.problem(user.error(), ex.language);
               co_return ctx.json(200, co_await userView(ctx, *user));
             });

  router.add("POST", "/api/v1/users/{id}/invitation", "Send the invitation again, with a new link",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto done = co_await ctx.services.users.resendInvitation(ex.caller,
                                                                        ex.request.params.at("id"));
               if (!done) co_return ctx.problem(done.error(), ex.language);
               co_return ctx.json(202, boost::json::object{{"sent", true}});
             });

  router.add("POST", "/api/v1/users/{id}/deactivate",
             "Deactivate an account: its sessions and open pages end at once",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto user = co_await ctx.services.users.setActive(ex.caller,
                                                                 ex.request.params.at("id"), false);
               if (!user) co_return ctx.problem(user.error(), ex.language);
               if (user->role == core::Role::specialist) {
                 // Off duty at once: no new question is offered to them.
                 const app::Caller them{*user, ex.caller.ip, ex.caller.request_id};
                 co_await ctx.services.queue.setDuty(them, false);
               }
               co_return ctx.json(200, co_await userView(ctx, *user));
             });

  router.add("POST", "/api/v1/users/{id}/reactivate", "Let a deactivated account sign in again",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto user = co_await ctx.services.users.setActive(ex.caller,
                                                                 ex.request.params.at("id"), true);
               if (!user) co_return ctx.problem(user.error(), ex.language);
               co_return ctx.json(200, co_await userView(ctx, *user));
             });
}

} // namespace kelisim::transport
