// /api/v1/receptions, /api/v1/categories, the permanent line, rosters, slots, the live board,
// figures, the public summary, the CSV export and proposals (see docs/reception-api.md).
// Thin: parse, call app::reception::ReceptionService or QueueService, shape the answer.
#include "transport/http/api.hpp"
#include "transport/http/reception_views.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"

#include <algorithm>
#include <charconv>

namespace kelisim::transport {

using boost::asio::awaitable;
using core::ErrorCode;

namespace {

constexpr std::size_t kMaxTitleChars = 200;
constexpr std::size_t kMaxDescriptionChars = 2000;

// "09:30" → 570; nullopt if malformed. "24:00" is allowed as the end of a day.
std::optional<int> minuteOfDay(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!digit(s[0]) || !digit(s[1]) || !digit(s[3]) || !digit(s[4])) return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::optional<std::vector<rc::DutyShift>> readShifts(JsonInput &in, const char *field) {
  const auto *items = in.array(field, false, ar::kMaxRosterShifts);
  if (!items) return std::nullopt;
  std::vector<rc::DutyShift> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string name = std::string(field) + "." + std::to_string(i);
    if (!(*items)[i].is_object()) {
      in.fail(name, "invalid_type");
      return std::nullopt;
    }
    JsonInput item((*items)[i].as_object());
    rc::DutyShift s;
    auto id = item.string("specialist_id", true, 64);
    auto kinds = item.kinds("kinds", true);
    auto from = item.time("from", true);
    auto to = item.time("to", true);
    item.string("display_name", false, 200); // echoed back by GET: accepted and ignored
    if (auto st = item.finish(); !st) {
      for (const auto &f : st.error().fields) in.fail(name + "." + f.field, f.code, f.params);
      return std::nullopt;
    }
    s.specialist_id = *id;
    s.kinds = *kinds;
    s.from = *from;
    s.to = *to;
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<std::vector<rc::WeeklyHours>> readHours(JsonInput &in) {
  const auto *items = in.array("hours", false, 50);
  if (!items) return std::nullopt;
  std::vector<rc::WeeklyHours> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string name = "hours." + std::to_string(i);
    if (!(*items)[i].is_object()) {
      in.fail(name, "invalid_type");
      return std::nullopt;
    }
    JsonInput item((*items)[i].as_object());
    auto weekday = item.integer("weekday", true, 1, 7);
    auto from = item.string("from", true, 5);
    auto to = item.string("to", true, 5);
    if (auto st = item.finish(); !st) {
      for (const auto &f : st.error().fields) in.fail(name + "." + f.field, f.code, f.params);
      return std::nullopt;
    }
    auto f = minuteOfDay(*from), t = minuteOfDay(*to);
    if (!f || !t) {
      in.fail(name, "invalid_format");
      return std::nullopt;
    }
    out.push_back({static_cast<int>(*weekday), *f, *t});
  }
  return out;
}

std::optional<std::vector<rc::Channel>> readChannels(JsonInput &in) {
  auto words = in.words("channels", false, 4, 8);
  if (!words) return std::nullopt;
  std::vector<rc::Channel> out;
  for (const auto &w : *words) {
    auto c = rc::parseChannel(w);
    if (!c) {
      in.fail("channels", "invalid_value");
      return std::nullopt;
    }
    out.push_back(*c);
  }
  return out;
}

ar::ReceptionInput readReception(JsonInput &in) {
  ar::ReceptionInput r;
  r.organisation_id = in.string("organisation_id", false, 64);
  r.title = in.localText("title", false, kMaxTitleChars);
  r.description = in.localText("description", false, kMaxDescriptionChars);
  r.starts_at = in.time("starts_at", false);
  r.ends_at = in.time("ends_at", false);
  r.categories = in.words("categories", false, 64, 32);
  r.channels = readChannels(in);
  if (auto n = in.integer("slot_minutes", false, 0, ar::kMaxSlotMinutes))
    r.slot_minutes = static_cast<int>(*n);
  r.roster = readShifts(in, "roster");
  r.hours = readHours(in);
  r.holidays = in.words("holidays", false, 366, 10);
  return r;
}

// ?from=&to= as RFC 3339; absent: everything.
HttpResponse csvResponse(std::string csv) {
  HttpResponse res;
  res.status = 200;
  res.content_type = "text/csv; charset=utf-8";
  res.set("Content-Disposition", "attachment; filename=\"consultations.csv\"");
  res.body = "\xEF\xBB\xBF" + std::move(csv); // BOM: spreadsheets read UTF-8
  return res;
}

std::optional<std::pair<core::Time, core::Time>> period(const Exchange &ex) {
  core::Time from{}, to = core::Time::max();
  if (auto it = ex.request.query.find("from"); it != ex.request.query.end()) {
    auto t = core::parseRfc3339(it->second);
    if (!t) return std::nullopt;
    from = *t;
  }
  if (auto it = ex.request.query.find("to"); it != ex.request.query.end()) {
    auto t = core::parseRfc3339(it->second);
    if (!t) return std::nullopt;
    to = *t;
  }
  return std::pair{from, to};
}

} // namespace

void addReceptionRoutes(Router &router, ApiContext &ctx) {
  router.add("GET", "/api/v1/categories", "Question categories",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto list = co_await ctx.services.receptions.categories();
               if (!list) co_return ctx.problem(list.error(), ex.language);
               boost::json::array items;
               for (const auto &c : *list) items.emplace_back(c);
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("POST", "/api/v1/categories", "Add a question category (admin)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto code = in.string("code", true, 32);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto added = co_await ctx.services.receptions.addCategory(ex.caller, *code);
               if (!added) co_return ctx.problem(added.error(), ex.language);
               co_return ctx.json(201, boost::json::object{{"code", *code}});
             });

  router.add("GET", "/api/v1/receptions", "Upcoming and open receptions and permanent lines",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               std::optional<std::string> org;
               if (auto it = ex.request.query.find("organisation_id"); it != ex.request.query.end())
                 org = it->second;
               auto list = co_await ctx.services.receptions.list(org);
               if (!list) co_return ctx.problem(list.error(), ex.language);
               boost::json::array items;
               for (const auto &r : *list) items.push_back(receptionJson(r));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("POST", "/api/v1/receptions", "Announce a reception (coordinator)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto input = readReception(in);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto r = co_await ctx.services.receptions.create(ex.caller, std::move(input));
               if (!r) co_return ctx.problem(r.error(), ex.language);
               auto info = co_await ctx.services.receptions.get(r->id);
               if (!info) co_return ctx.problem(info.error(), ex.language);
               co_return ctx.json(201, receptionJson(*info));
             });

  router.add("GET", "/api/v1/receptions/{id}", "One reception (public)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto info = co_await ctx.services.receptions.get(ex.request.params["id"]);
               if (!info) co_return ctx.problem(info.error(), ex.language);
               co_return ctx.json(200, receptionJson(*info));
             });

  router.add("PATCH", "/api/v1/receptions/{id}", "Change a reception (coordinator)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto input = readReception(in);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               const std::string id = ex.request.params["id"];
               auto r = co_await ctx.services.receptions.update(ex.caller, id, std::move(input));
               if (!r) co_return ctx.problem(r.error(), ex.language);
               auto info = co_await ctx.services.receptions.get(id);
               if (!info) co_return ctx.problem(info.error(), ex.language);
               co_return ctx.json(200, receptionJson(*info));
             });

  router.add("GET", "/api/v1/receptions/{id}/roster", "A reception's duty roster (staff)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto shifts =
                   co_await ctx.services.receptions.roster(ex.caller, ex.request.params["id"]);
               if (!shifts) co_return ctx.problem(shifts.error(), ex.language);
               boost::json::array items;
               for (const auto &s : *shifts) items.push_back(shiftJson(s.shift, s.display_name));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("PUT", "/api/v1/receptions/{id}/roster", "Replace a reception's duty roster",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto shifts = readShifts(in, "items");
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               const std::string id = ex.request.params["id"];
               auto list = shifts.value_or(std::vector<rc::DutyShift>{});
               auto done =
                   co_await ctx.services.receptions.setRoster(ex.caller, id, std::move(list));
               if (!done) co_return ctx.problem(done.error(), ex.language);
               auto again = co_await ctx.services.receptions.roster(ex.caller, id);
               if (!again) co_return ctx.problem(again.error(), ex.language);
               boost::json::array items;
               for (const auto &s : *again) items.push_back(shiftJson(s.shift, s.display_name));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("GET", "/api/v1/receptions/{id}/slots", "Free pre-registration slots (public)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto slots = co_await ctx.services.receptions.slots(ex.request.params["id"]);
               if (!slots) co_return ctx.problem(slots.error(), ex.language);
               boost::json::array items;
               for (const auto &[at, free] : *slots)
                 items.push_back(boost::json::object{{"at", core::toRfc3339(at)}, {"free", free}});
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("POST", "/api/v1/receptions/{id}/close",
             "Close a reception; waiting tickets move to the permanent line",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               const std::string id = ex.request.params["id"];
               auto done = co_await ctx.services.queue.closeReception(ex.caller, id);
               if (!done) co_return ctx.problem(done.error(), ex.language);
               auto info = co_await ctx.services.receptions.get(id);
               if (!info) co_return ctx.problem(info.error(), ex.language);
               co_return ctx.json(200, receptionJson(*info));
             });

  router.add("GET", "/api/v1/receptions/{id}/board", "A reception's live board (coordinator)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto board = co_await ctx.services.queue.board(ex.caller, ex.request.params["id"]);
               if (!board) co_return ctx.problem(board.error(), ex.language);
               co_return ctx.json(200, boardJson(*board));
             });

  router.add("GET", "/api/v1/receptions/{id}/figures", "A reception's figures (coordinator)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto f =
                   co_await ctx.services.receptions.figures(ex.caller, ex.request.params["id"]);
               if (!f) co_return ctx.problem(f.error(), ex.language);
               co_return ctx.json(200, figuresJson(*f));
             });

  router.add(
      "GET", "/api/v1/receptions/{id}/summary", "The public summary of a reception that has ended",
      [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
        auto s = co_await ctx.services.receptions.summary(ex.request.params["id"]);
        if (!s) co_return ctx.problem(s.error(), ex.language);
        co_return ctx.json(200, boost::json::object{{"reception", receptionJson(s->reception)},
                                                    {"figures", figuresJson(s->figures)}});
      });

  router.add("PUT", "/api/v1/organisations/{id}/line", "Set up the permanent line (coordinator)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto input = readReception(in);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               const std::string org = ex.request.params["id"];
               auto r = co_await ctx.services.receptions.setLine(ex.caller, org, std::move(input));
               if (!r) co_return ctx.problem(r.error(), ex.language);
               auto info = co_await ctx.services.receptions.get(r->id);
               if (!info) co_return ctx.problem(info.error(), ex.language);
               co_return ctx.json(200, receptionJson(*info));
             });

  router.add("GET", "/api/v1/organisations/{id}/figures",
             "An organisation's figures for a period (coordinator)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto p = period(ex);
               if (!p)
                 co_return ctx.problem(core::Error::field("from", "invalid_format"), ex.language);
               const std::string org = ex.request.params["id"];
               auto f = co_await ctx.services.receptions.organisationFigures(ex.caller, org,
                                                                             p->first, p->second);
               if (!f) co_return ctx.problem(f.error(), ex.language);
               co_return ctx.json(200, figuresJson(*f));
             });

  router.add("GET", "/api/v1/organisations/{id}/consultations.csv",
             "One CSV row per consultation (coordinator)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto p = period(ex);
               if (!p)
                 co_return ctx.problem(core::Error::field("from", "invalid_format"), ex.language);
               const std::string org = ex.request.params["id"];
               auto csv = co_await ctx.services.receptions.consultationsCsv(ex.caller, org,
                                                                            p->first, p->second);
               if (!csv) co_return ctx.problem(csv.error(), ex.language);
               co_return csvResponse(std::move(*csv));
             });

  router.add("GET", "/api/v1/receptions/{id}/consultations.csv",
             "One CSV row per consultation of a reception (coordinator)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto csv = co_await ctx.services.receptions.receptionCsv(ex.caller,
                                                                        ex.request.params["id"]);
               if (!csv) co_return ctx.problem(csv.error(), ex.language);
               co_return csvResponse(std::move(*csv));
             });

  router.add(
      "GET", "/api/v1/receptions/{id}/comments",
      "Citizens' comments with their ratings, newest first, paged (coordinator)",
      [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
        std::int64_t limit = 20;
        if (auto l = ex.request.query.find("limit"); l != ex.request.query.end()) {
          const auto &text = l->second;
          auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
          if (ec != std::errc() || p != text.data() + text.size()) limit = -1;
        }
        std::optional<core::Store::FeedbackCursor> before;
        if (auto b = ex.request.query.find("before"); b != ex.request.query.end()) {
          before = commentCursor(b->second);
          if (!before)
            co_return ctx.problem(core::Error::field("before", "invalid_format"), ex.language);
        }
        const int page_size = static_cast<int>(std::clamp<std::int64_t>(limit, -1, 1000));
        auto list = co_await ctx.services.receptions.comments(ex.caller, ex.request.params["id"],
                                                              before, page_size);
        if (!list) co_return ctx.problem(list.error(), ex.language);
        boost::json::array items;
        for (const auto &f : *list) items.push_back(feedbackJson(f));
        boost::json::value next = nullptr;
        if (static_cast<int>(list->size()) == page_size) next = commentCursorText(list->back());
        co_return ctx.json(200, boost::json::object{{"items", std::move(items)}, {"next", next}});
      });

  router.add("GET", "/api/v1/organisations/{id}/proposals", "Citizens' proposals (coordinator)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto list =
                   co_await ctx.services.receptions.proposals(ex.caller, ex.request.params["id"]);
               if (!list) co_return ctx.problem(list.error(), ex.language);
               boost::json::array items;
               for (const auto &f : *list) items.push_back(feedbackJson(f));
               co_return ctx.json(200, listJson(std::move(items)));
             });
}

} // namespace kelisim::transport
