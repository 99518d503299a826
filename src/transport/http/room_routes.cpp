// /api/v1/rooms: a live consultation's members, messages (also over /ws), transcript,
// private notes, closing with an outcome, invitations, transfers and attachments.
#include "core/file_type.hpp"
#include "transport/http/api.hpp"
#include "transport/http/content_disposition.hpp"
#include "transport/http/reception_views.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"

#include <charconv>
#include <sstream>

namespace kelisim::transport {

using boost::asio::awaitable;

namespace {

// "2026-11-25 19:07" in Kazakhstan's time (UTC+5).
std::string localTime(core::Time t) {
  auto text = core::toRfc3339(t + std::chrono::hours(5));
  return text.substr(0, 10) + " " + text.substr(11, 5);
}

std::int64_t queryNumber(const Exchange &ex, const std::string &name, std::int64_t fallback) {
  auto it = ex.request.query.find(name);
  if (it == ex.request.query.end()) return fallback;
  std::int64_t n = fallback;
  auto [p, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), n);
  if (ec != std::errc() || p != it->second.data() + it->second.size()) return -1;
  return n;
}

std::string transcriptText(const i18n::Translator &texts, core::Language l, const ar::RoomView &v,
                           const std::vector<ar::MessageView> &messages) {
  std::ostringstream out;
  const auto &t = v.ticket;
  out << texts.text(l, "transcript.title") << "\n\n";
  out << texts.text(l, "transcript.category") << ": " << texts.text(l, "category." + t.category)
      << "\n";
  out << texts.text(l, "transcript.question") << ":\n" << t.description << "\n\n";
  out << texts.text(l, "transcript.participants") << ":\n";
  for (const auto &m : v.members) {
    auto name = v.names.find(m.user_id);
    const bool named = name != v.names.end() && !name->second.empty();
    out << "  " << (named ? name->second : texts.text(l, "transcript.citizen")) << " — "
        << (m.kind ? texts.text(l, "kind." + std::string(core::toString(*m.kind)))
                   : texts.text(l, "transcript.citizen"))
        << "\n";
  }
  out << "\n"
      << texts.text(l, "transcript.opened") << ": " << localTime(v.room.created_at) << "\n\n";
  for (const auto &mv : messages) {
    const auto &m = mv.message;
    out << "[" << localTime(m.at) << "] ";
    if (m.kind == rc::MessageKind::system) {
      out << texts.text(l, m.body) << "\n";
      continue;
    }
    out << (mv.sender_name.empty() ? texts.text(l, "transcript.citizen") : mv.sender_name) << ": ";
    if (m.kind == rc::MessageKind::attachment)
      out << texts.text(l, "transcript.attachment", {{"name", m.body}}) << "\n";
    else
      out << m.body << "\n";
  }
  if (v.room.closed_at) {
    out << "\n"
        << texts.text(l, "transcript.closed") << ": " << localTime(*v.room.closed_at) << "\n";
    if (v.room.outcome)
      out << texts.text(l, "transcript.outcome") << ": "
          << texts.text(l, "outcome." + std::string(rc::toString(*v.room.outcome))) << "\n";
    if (!v.room.summary.empty())
      out << texts.text(l, "transcript.summary") << ":\n" << v.room.summary << "\n";
  }
  out << "\n" << texts.text(l, "transcript.times") << "\n";
  return out.str();
}

} // namespace

void addRoomRoutes(Router &router, ApiContext &ctx) {
  router.add("GET", "/api/v1/rooms/{id}", "A consultation room",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto v = co_await ctx.services.rooms.get(ex.caller, ex.request.params["id"]);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, roomJson(*v));
             });

  router.add(
      "GET", "/api/v1/rooms/{id}/messages", "Messages after a sequence number",
      [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
        const auto after = queryNumber(ex, "after", 0);
        const auto limit = queryNumber(ex, "limit", 200);
        if (after < 0)
          co_return ctx.problem(core::Error::field("after", "invalid_format"), ex.language);
        if (limit < 1 || limit > 500)
          co_return ctx.problem(
              core::Error::field("limit", "out_of_range", {{"min", "1"}, {"max", "500"}}),
              ex.language);
        auto list = co_await ctx.services.rooms.messages(ex.caller, ex.request.params["id"], after,
                                                         static_cast<int>(limit));
        if (!list) co_return ctx.problem(list.error(), ex.language);
        boost::json::array items;
        for (const auto &m : *list) items.push_back(messageJson(m));
        boost::json::value next = nullptr;
        if (static_cast<std::int64_t>(list->size()) == limit)
          next = std::to_string(list->back().message.seq);
        co_return ctx.json(200, boost::json::object{{"items", std::move(items)}, {"next", next}});
      });

  router.add("GET", "/api/v1/rooms/{id}/transcript", "The consultation's transcript (text)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto t = co_await ctx.services.rooms.transcript(ex.caller, ex.request.params["id"]);
               if (!t) co_return ctx.problem(t.error(), ex.language);
               HttpResponse res;
               res.status = 200;
               res.content_type = "text/plain; charset=utf-8";
               res.set("Content-Disposition", "attachment; filename=\"transcript.txt\"");
               res.body = transcriptText(ctx.texts, ex.language, t->first, t->second);
               co_return res;
             });

  router.add("GET", "/api/v1/rooms/{id}/notes", "Private notes (the room's specialists)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto list = co_await ctx.services.rooms.notes(ex.caller, ex.request.params["id"]);
               if (!list) co_return ctx.problem(list.error(), ex.language);
               boost::json::array items;
               for (const auto &n : *list) items.push_back(noteJson(n));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("POST", "/api/v1/rooms/{id}/notes", "Add a private note",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto limited = ctx.overLimit("room_write", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto text = in.string("body", true, ar::kMaxNote);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto note =
                   co_await ctx.services.rooms.addNote(ex.caller, ex.request.params["id"], *text);
               if (!note) co_return ctx.problem(note.error(), ex.language);
               co_return ctx.json(201, noteJson(*note));
             });

  router.add("POST", "/api/v1/rooms/{id}/messages", "Send a message (as over /ws)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto limited = ctx.overLimit("room_write", ex)) co_return std::move(*limited);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto client_id = in.string("client_id", true, ar::kMaxClientId);
               auto text = in.string("body", true, ar::kMaxMessage);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto m = co_await ctx.services.rooms.send(ex.caller, ex.request.params["id"],
                                                         *client_id, *text);
               if (!m) co_return ctx.problem(m.error(), ex.language);
               co_return ctx.json(201, messageJson(*m));
             });

  router.add("POST", "/api/v1/rooms/{id}/close", "Close the consultation with an outcome",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               std::optional<rc::Outcome> outcome;
               if (auto o = in.string("outcome", false, 32)) {
                 outcome = rc::parseOutcome(*o);
                 if (!outcome) in.fail("outcome", "invalid_value");
               }
               auto summary = in.string("summary", false, ar::kMaxSummary).value_or("");
               auto no_show = in.boolean("no_show", false).value_or(false);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto v = co_await ctx.services.rooms.close(ex.caller, ex.request.params["id"],
                                                          outcome, std::move(summary), no_show);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, roomJson(*v));
             });

  router.add("POST", "/api/v1/rooms/{id}/invite", "Invite a colleague into the room",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               auto who = in.string("specialist_id", true, 64);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               auto v =
                   co_await ctx.services.rooms.invite(ex.caller, ex.request.params["id"], *who);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, roomJson(*v));
             });

  router.add("POST", "/api/v1/rooms/{id}/transfer",
             "Hand the citizen to another kind or to a chosen colleague",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(*body);
               std::optional<core::SpecialistKind> kind;
               if (auto k = in.string("kind", false, 32)) {
                 kind = core::parseSpecialistKind(*k);
                 if (!kind) in.fail("kind", "invalid_value");
               }
               auto who = in.string("specialist_id", false, 64);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               if (bool(kind) == bool(who))
                 co_return ctx.problem(core::Error::field(kind ? "specialist_id" : "kind",
                                                          kind ? "not_allowed" : "required"),
                                       ex.language);
               const std::string id = ex.request.params["id"];
               // Two statements, not a conditional over co_awaits (GCC 12 PR 101367).
               core::Result<ar::RoomView> v = core::ErrorCode::internal;
               if (who)
                 v = co_await ctx.services.rooms.transferTo(ex.caller, id, *who);
               else
                 v = co_await ctx.services.rooms.transfer(ex.caller, id, *kind);
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return ctx.json(200, roomJson(*v));
             });

  router.add(
      "POST", "/api/v1/rooms/{id}/attachments",
      "Attach a PDF, a photo or a text file (raw body; checked before it is read)",
      [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
        // The server asked admitUpload before reading the body; asked here otherwise.
        if (!ex.request.admitted)
          if (auto refused = co_await ctx.admitUpload(ex)) co_return std::move(*refused);
        auto name = ex.request.query.find("name");
        std::string file_name = name == ex.request.query.end() ? "" : name->second;
        std::string type(ex.request.header("content-type"));
        if (auto semi = type.find(';'); semi != std::string::npos) type.resize(semi);
        auto m = co_await ctx.services.rooms.upload(ex.caller, ex.request.params["id"],
                                                    std::move(file_name), std::move(type),
                                                    ex.request.body);
        if (!m) co_return ctx.problem(m.error(), ex.language);
        if (!m->attachment) co_return ctx.problem(core::ErrorCode::internal, ex.language);
        co_return ctx.json(201, attachmentJson(*m->attachment));
      },
      /*raw_body=*/true);

  router.add("GET", "/api/v1/attachments/{id}", "Download an attachment (room members)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               auto a = co_await ctx.services.rooms.download(ex.caller, ex.request.params["id"]);
               if (!a) co_return ctx.problem(a.error(), ex.language);
               HttpResponse res;
               res.status = 200;
               // Stored before types were checked by content: served as bytes, never rendered.
               res.content_type = core::claimedType(a->first.content_type)
                                      ? a->first.content_type
                                      : std::string("application/octet-stream");
               res.body = std::move(a->second);
               res.set("Content-Disposition", contentDisposition(a->first.file_name));
               // X-Content-Type-Options: nosniff comes with every answer (Api's security
               // headers); opened directly in a tab, the file still runs nothing.
               res.set("Content-Security-Policy", "sandbox; default-src 'none'");
               co_return res;
             });
}

} // namespace kelisim::transport
