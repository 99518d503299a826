// /api/v1/me and /api/v1/users: one's own profile; staff management by admins and
// coordinators (authorisation is in app::UserService).
#include "transport/http/api.hpp"
#include "transport/http/user_view.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"

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

void addUserRoutes(Router &router, ApiContext &ctx) {
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
