// /api/v1/cases and /api/v1/invitations: mediation cases (issue 10; docs/mediation-api.md).
// Thin: parse and check the body's shape, call app::mediation::CaseService, shape the Case.
// Never logs a case's content (Art. 8): problems carry field names and codes only.
#include "core/mediation/deadlines.hpp"
#include "transport/http/api.hpp"
#include "transport/http/content_disposition.hpp"
#include "transport/http/views.hpp"
#include "transport/json_input.hpp"

namespace kelisim::transport {

using boost::asio::awaitable;
using core::ErrorCode;
namespace am = app::mediation;
namespace md = core::mediation;
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxCms = 96 * 1024; // base64 of a CMS of at most 64 KiB

std::optional<HttpResponse> unavailable(ApiContext &ctx, const Exchange &ex) {
  if (ctx.services.cases) return std::nullopt;
  return ctx.problem(ErrorCode::unavailable, ex.language);
}

json::value timeOrNull(const std::optional<core::Time> &t) {
  return t ? json::value(core::toRfc3339(*t)) : json::value(nullptr);
}

json::array words(const std::set<std::string> &set) {
  json::array out;
  for (const auto &w : set) out.emplace_back(w);
  return out;
}

json::object signatureJson(const md::Signature &s) {
  json::value certificate = nullptr;
  if (s.certificate)
    certificate = json::object{{"subject", s.certificate->subject},
                               {"serial", s.certificate->serial},
                               {"algorithm", s.certificate->algorithm}};
  return {{"by", s.by},
          {"version", s.version},
          {"document_hash", s.document_hash},
          {"at", core::toRfc3339(s.at)},
          {"certificate", std::move(certificate)}};
}

json::array signaturesJson(const std::vector<md::Signature> &list) {
  json::array out;
  for (const auto &s : list) out.push_back(signatureJson(s));
  return out;
}

json::object obligationJson(const md::Obligation &o, core::Time now, bool followed) {
  json::object out{{"id", o.id},
                   {"owed_by", o.owed_by},
                   {"what", o.what},
                   {"how", o.how},
                   {"due", md::lastDayOf(o.due)}};
  if (followed) {
    out["performed"] = o.performed ? json::value(*o.performed) : json::value(nullptr);
    out["marked_by"] = o.marked_by;
    out["marked_at"] = timeOrNull(o.marked_at);
    out["overdue"] = md::isOverdue(o, now);
  }
  return out;
}

json::object feeJson(const md::Fee &f) {
  json::object shares;
  for (const auto &[party, percent] : f.shares_percent) shares[party] = percent;
  return {{"kind", md::toString(f.kind)},
          {"amount_tiyn", f.amount_tiyn},
          {"shares_percent", std::move(shares)}};
}

json::object caseJson(const am::CaseView &v, const std::string &me, core::Time now) {
  const auto &c = v.c;
  json::array parties;
  std::string my_party;
  for (const auto &p : c.parties) {
    json::array reps;
    for (const auto &r : p.representatives)
      reps.push_back(json::object{{"id", r.id}, {"name", r.name}, {"powers", r.powers}});
    if (p.id == me) my_party = p.id;
    for (const auto &r : p.representatives)
      if (r.id == me) my_party = p.id;
    parties.push_back(json::object{{"id", p.id},
                                   {"kind", md::toString(p.kind)},
                                   {"name", p.name},
                                   {"identifier", p.identifier},
                                   {"email", p.email ? json::value(*p.email) : nullptr},
                                   {"representatives", std::move(reps)},
                                   {"consented_at", timeOrNull(p.consented_at)}});
  }
  json::value invitation = nullptr;
  if (const auto deadline = md::invitationDeadline(c))
    invitation = json::object{{"sent_at", timeOrNull(c.invited_at)},
                              {"answer_days", c.answer_days.value_or(md::kInvitationDays)},
                              {"deadline", md::lastDayOf(*deadline)},
                              {"days_left", md::daysUntil(*deadline, now)}};
  json::array mediators;
  for (const auto &m : c.mediators)
    mediators.push_back(json::object{{"register_id", m.register_id},
                                     {"user_id", m.mediator_id},
                                     {"name", m.name},
                                     {"keeper", m.keeper},
                                     {"is_public", m.is_public},
                                     {"proposed_by", m.proposed_by},
                                     {"agreed_by", words(m.agreed_by)},
                                     {"declaration", md::toString(m.declaration)},
                                     {"declared_at", timeOrNull(m.declared_at)},
                                     {"conflict_note", m.conflict_note},
                                     {"chosen", md::isChosen(c, m)}});
  json::value contract = nullptr;
  if (c.contract.version > 0)
    contract = json::object{{"version", c.contract.version},
                            {"document_hash", c.contract.document_hash},
                            {"place", c.contract.place},
                            {"procedure", c.contract.procedure},
                            {"drafted_by", c.contract.drafted_by},
                            {"drafted_at", core::toRfc3339(c.contract.drafted_at)},
                            {"fee", feeJson(c.contract.fee)},
                            {"acceptances", signaturesJson(c.contract.acceptances)}};
  json::value clock = nullptr;
  if (const auto ends = md::termEnds(c))
    clock = json::object{{"started_at", timeOrNull(c.started_at)},
                         {"term_days", c.term_days},
                         {"ends_on", md::lastDayOf(*ends)},
                         {"days_left", md::daysLeft(c, now).value_or(0)}};
  json::value pending = nullptr;
  if (c.pending_extension)
    pending = json::object{{"days", c.pending_extension->days},
                           {"requested_by", c.pending_extension->requested_by},
                           {"agreed_by", words(c.pending_extension->agreed_by)}};
  json::array extensions;
  for (const auto &e : c.extensions)
    extensions.push_back(json::object{{"days", e.days},
                                      {"requested_by", e.requested_by},
                                      {"granted_at", timeOrNull(e.granted_at)},
                                      {"court_notice", e.court_notice}});
  json::array versions;
  for (const auto &s : c.settlement.versions) {
    json::array obligations;
    for (const auto &o : s.obligations) obligations.push_back(obligationJson(o, now, false));
    versions.push_back(json::object{{"number", s.number},
                                    {"document_hash", s.document_hash},
                                    {"by", s.by},
                                    {"at", core::toRfc3339(s.at)},
                                    {"place", s.place},
                                    {"terms", s.terms},
                                    {"consequences", s.consequences},
                                    {"obligations", std::move(obligations)}});
  }
  json::array followed;
  for (const auto &o : c.settlement.obligations) followed.push_back(obligationJson(o, now, true));
  // Art. 25's notes are the mediators' record; the parties see that one was made.
  const bool mediator = v.my_role == am::CaseRole::mediator;
  json::array threats;
  for (const auto &t : c.child_threats)
    threats.push_back(json::object{{"by", mediator ? t.by : std::string()},
                                   {"at", core::toRfc3339(t.at)},
                                   {"note", mediator ? t.note : std::string()}});
  json::value ending = nullptr;
  if (c.ending)
    ending = json::object{{"ground", md::toString(c.ending->ground)},
                          {"by", c.ending->by ? json::value(*c.ending->by) : nullptr},
                          {"at", core::toRfc3339(c.ending->at)},
                          {"detail", c.ending->detail}};
  json::array notices;
  for (const auto &n : c.notices)
    notices.push_back(
        json::object{{"requested_by", n.requested_by}, {"at", core::toRfc3339(n.at)}});
  json::array can;
  for (auto &a : am::possibleActions(c, me, now)) can.emplace_back(a);

  return {{"id", c.id},
          {"version", v.version},
          {"my_role", v.my_role ? json::value(am::toString(*v.my_role)) : nullptr},
          {"my_party_id", my_party.empty() ? json::value(nullptr) : json::value(my_party)},
          {"stage", md::toString(c.stage)},
          {"source", md::toString(c.source)},
          {"ticket_id", c.ticket_id ? json::value(*c.ticket_id) : nullptr},
          {"subject", c.subject},
          {"category", c.category},
          {"language", c.language},
          {"region", c.region},
          {"court_case_pending", c.court_case_pending},
          {"opened_at", core::toRfc3339(c.opened_at)},
          {"parties", std::move(parties)},
          {"invitation", std::move(invitation)},
          {"mediators", std::move(mediators)},
          {"contract", std::move(contract)},
          {"clock", std::move(clock)},
          {"pending_extension", std::move(pending)},
          {"extensions", std::move(extensions)},
          {"settlement", json::object{{"versions", std::move(versions)},
                                      {"signatures", signaturesJson(c.settlement.signatures)},
                                      {"obligations", std::move(followed)}}},
          {"child_threats", std::move(threats)},
          {"ending", std::move(ending)},
          {"notices", std::move(notices)},
          {"notice_available", md::noticeAvailable(c)},
          {"can", std::move(can)}};
}

json::object summaryJson(const core::CaseSummary &s) {
  return {
      {"id", s.id},
      {"stage", md::toString(s.stage)},
      {"source", md::toString(s.source)},
      {"category", s.category},
      {"opened_at", core::toRfc3339(s.opened_at)},
      {"started_at", timeOrNull(s.started_at)},
      {"ended_at", timeOrNull(s.ended_at)},
      {"ending_ground", s.ending_ground ? json::value(md::toString(*s.ending_ground)) : nullptr}};
}

HttpResponse caseResponse(ApiContext &ctx, const Exchange &ex, const am::CaseView &v,
                          int status = 200) {
  const std::string me = ex.caller.user ? ex.caller.user->id : std::string();
  return ctx.json(status, caseJson(v, me, ctx.services.clock.now()));
}

// The body of a write: parsed, and its optional "version" taken out.
struct Body {
  json::object object;
  am::SeenVersion seen;
};

core::Result<Body> writeBody(ApiContext &ctx, Exchange &ex, bool empty_allowed = true) {
  Body out;
  if (ex.request.body.empty() && empty_allowed) return out;
  auto body = ctx.body(ex);
  if (!body) return body.error();
  out.object = std::move(*body);
  if (const auto *v = out.object.if_contains("version")) {
    if (!v->is_int64() || v->as_int64() < 1) return core::Error::field("version", "invalid_value");
    out.seen = v->as_int64();
    out.object.erase("version");
  }
  return out;
}

md::Answer answerOf(JsonInput &in, const boost::json::object &o, const char *name, bool required) {
  auto text = in.string(name, required, 3);
  if (!text) return md::Answer::unknown;
  if (*text == "yes") return md::Answer::yes;
  if (*text == "no") return md::Answer::no;
  in.fail(std::string("screening.") + name, "invalid_value");
  (void)o;
  return md::Answer::unknown;
}

core::Result<am::OpenCaseInput> openInput(const json::object &body) {
  JsonInput in(body);
  am::OpenCaseInput out;
  if (const auto *parties = in.array("parties", true, 4)) {
    for (std::size_t i = 0; i < parties->size(); ++i) {
      const std::string at = "parties[" + std::to_string(i) + "]";
      if (!(*parties)[i].is_object()) {
        in.fail(at, "invalid_value");
        continue;
      }
      JsonInput p((*parties)[i].as_object());
      am::PartyInput party;
      party.name = p.string("name", true, am::kMaxPartyName).value_or("");
      if (auto kind = p.string("kind", true, 20)) {
        if (auto k = md::parsePartyKind(*kind))
          party.kind = *k;
        else
          p.fail("kind", "invalid_value");
      }
      party.identifier = p.string("identifier", true, 12).value_or("");
      party.email = p.string("email", false, 254);
      if (party.email && party.email->empty()) party.email.reset();
      if (auto st = p.finish(); !st)
        for (const auto &f : st.error().fields) in.fail(at + "." + f.field, f.code, f.params);
      out.parties.push_back(std::move(party));
    }
  }
  out.subject = in.string("subject", true, am::kMaxSubject).value_or("");
  if (auto category = in.string("category", true, 40)) {
    if (auto c = md::parseDisputeCategory(*category))
      out.category = *c;
    else
      in.fail("category", "invalid_value");
  }
  out.language = in.language("language", true).value_or(core::Language::ru);
  out.court_case_pending = in.boolean("court_case_pending", false).value_or(false);
  out.ticket_id = in.string("ticket_id", false, 64);
  out.region = in.string("region", false, 8);
  if (out.region && out.region->empty()) out.region.reset();
  if (const auto *s = in.object("screening", true)) {
    JsonInput q(*s);
    out.screening.third_party_rights = answerOf(q, *s, "third_party_rights", false);
    out.screening.incapable_party = answerOf(q, *s, "incapable_party", false);
    out.screening.state_body = answerOf(q, *s, "state_body", false);
    out.screening.corruption_crime = answerOf(q, *s, "corruption_crime", false);
    if (auto st = q.finish(); !st)
      for (const auto &f : st.error().fields)
        in.fail(f.field.starts_with("screening.") ? f.field : "screening." + f.field, f.code,
                f.params);
  }
  if (auto st = in.finish(); !st) return st.error();
  return out;
}

core::Result<am::SignInput> signInput(const json::object &body, const char *version_field) {
  JsonInput in(body);
  am::SignInput out;
  out.document_version = static_cast<int>(in.integer(version_field, true, 1, 10000).value_or(0));
  out.document_hash = in.string("document_hash", true, 128).value_or("");
  out.cms = in.string("cms", false, kMaxCms);
  if (out.cms && out.cms->empty()) out.cms.reset();
  if (auto st = in.finish(); !st) return st.error();
  return out;
}

core::Result<am::ContractInput> contractInput(const json::object &body) {
  JsonInput in(body);
  am::ContractInput out;
  out.place = in.string("place", true, am::kMaxPlace).value_or("");
  out.procedure = in.string("procedure", false, am::kMaxProcedure).value_or("");
  if (const auto *fee = in.object("fee", true)) {
    JsonInput f(*fee);
    if (auto kind = f.string("kind", true, 10)) {
      if (auto k = md::parseFeeKind(*kind))
        out.fee.kind = *k;
      else
        f.fail("kind", "invalid_value");
    }
    out.fee.amount_tiyn = f.integer("amount_tiyn", false, 0, 1'000'000'000'000'000LL).value_or(0);
    if (const auto *shares = f.object("shares_percent", false)) {
      if (shares->size() > 10) f.fail("shares_percent", "too_many", {{"max", "10"}});
      for (const auto &[party, percent] : *shares) {
        if (party.size() > 64 || !percent.is_int64() || percent.as_int64() < 0 ||
            percent.as_int64() > 100) {
          f.fail("shares_percent", "invalid_value");
          break;
        }
        out.fee.shares_percent[std::string(party)] = static_cast<int>(percent.as_int64());
      }
    }
    if (auto st = f.finish(); !st)
      for (const auto &fe : st.error().fields) in.fail("fee." + fe.field, fe.code, fe.params);
  }
  if (auto st = in.finish(); !st) return st.error();
  return out;
}

core::Result<am::SettlementInput> settlementInput(const json::object &body) {
  JsonInput in(body);
  am::SettlementInput out;
  out.place = in.string("place", true, am::kMaxPlace).value_or("");
  out.terms = in.string("terms", false, am::kMaxTerms).value_or("");
  out.consequences = in.string("consequences", true, am::kMaxConsequences).value_or("");
  if (const auto *list = in.array("obligations", true, am::kMaxObligations)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = "obligations[" + std::to_string(i) + "]";
      if (!(*list)[i].is_object()) {
        in.fail(at, "invalid_value");
        continue;
      }
      JsonInput o((*list)[i].as_object());
      am::ObligationInput ob;
      ob.owed_by = o.string("owed_by", true, 64).value_or("");
      ob.what = o.string("what", true, am::kMaxObligationText).value_or("");
      ob.how = o.string("how", true, am::kMaxObligationWay).value_or("");
      if (auto due = o.string("due", true, 10)) {
        if (auto d = core::parseIsoDate(*due))
          ob.due = core::kazakhstanDayEnds(*d);
        else
          o.fail("due", "invalid_format");
      }
      if (auto st = o.finish(); !st)
        for (const auto &f : st.error().fields) in.fail(at + "." + f.field, f.code, f.params);
      out.obligations.push_back(std::move(ob));
    }
  }
  if (auto st = in.finish(); !st) return st.error();
  return out;
}

HttpResponse pdfResponse(am::CaseDocument doc) {
  HttpResponse res;
  res.status = 200;
  res.content_type = "application/pdf";
  res.set("Content-Disposition", contentDisposition(doc.filename));
  res.set("Cache-Control", "private, no-store");
  res.body = std::move(doc.pdf);
  return res;
}

// A step on a case: its body parsed by `parse` (the optional "version" taken out first), then
// `call(service, exchange, case id, input (an lvalue, alive until the step ends), seen
// version)`; the Case as it became.
template <class Parse, class Call>
auto caseStep(ApiContext &ctx, bool empty_allowed, Parse parse, Call call) {
  return [&ctx, empty_allowed, parse, call](Exchange &ex) -> awaitable<HttpResponse> {
    if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
    auto body = writeBody(ctx, ex, empty_allowed);
    if (!body) co_return ctx.problem(body.error(), ex.language);
    auto input = parse(body->object);
    if (!input) co_return ctx.problem(input.error(), ex.language);
    const std::string id = ex.request.params.at("id");
    // The input stays in this frame until the step is done: `call` may pass it on by reference.
    auto v = co_await call(*ctx.services.cases, ex, id, *input, body->seen);
    if (!v) co_return ctx.problem(v.error(), ex.language);
    co_return caseResponse(ctx, ex, *v);
  };
}

// A body with nothing but the optional version.
core::Result<core::Unit> noInput(const json::object &body) {
  JsonInput in(body);
  if (auto st = in.finish(); !st) return st.error();
  return core::Unit{};
}

// A body of one required text field.
auto textInput(const char *field, std::size_t max) {
  return [field, max](const json::object &body) -> core::Result<std::string> {
    JsonInput in(body);
    auto text = in.string(field, true, max).value_or("");
    if (auto st = in.finish(); !st) return st.error();
    return text;
  };
}

using Ex = Exchange;
using Seen = am::SeenVersion;
using Service = am::CaseService;
using Id = std::string;

} // namespace

void addCaseRoutes(Router &router, ApiContext &ctx) {
  router.add("POST", "/api/v1/cases",
             "Open a mediation case, screened for the Art. 1 exclusions at once",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto body = ctx.body(ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               auto input = openInput(*body);
               if (!input) co_return ctx.problem(input.error(), ex.language);
               auto v = co_await ctx.services.cases->open(ex.caller, std::move(*input));
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return caseResponse(ctx, ex, *v, 201);
             });

  router.add("GET", "/api/v1/cases", "The caller's mediation cases, newest first",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto list = co_await ctx.services.cases->mine(ex.caller);
               if (!list) co_return ctx.problem(list.error(), ex.language);
               json::array items;
               for (const auto &s : *list) items.push_back(summaryJson(s));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("GET", "/api/v1/cases/summaries",
             "Every case's stage and dates, no content (coordinators, admin; ?stage=&from=&to=)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               core::CaseQuery query;
               const auto &q = ex.request.query;
               if (auto it = q.find("stage"); it != q.end() && !it->second.empty()) {
                 query.stage = md::parseCaseStage(it->second);
                 if (!query.stage)
                   co_return ctx.problem(core::Error::field("stage", "invalid_value"), ex.language);
               }
               for (const char *name : {"from", "to"}) {
                 auto it = q.find(name);
                 if (it == q.end() || it->second.empty()) continue;
                 auto d = core::parseIsoDate(it->second);
                 if (!d)
                   co_return ctx.problem(core::Error::field(name, "invalid_format"), ex.language);
                 const core::Time t = core::kazakhstanDayEnds(*d) - std::chrono::days(1);
                 (std::string_view(name) == "from" ? query.from : query.to) = t;
               }
               auto list = co_await ctx.services.cases->summaries(ex.caller, query);
               if (!list) co_return ctx.problem(list.error(), ex.language);
               json::array items;
               for (const auto &s : *list) items.push_back(summaryJson(s));
               co_return ctx.json(200, listJson(std::move(items)));
             });

  router.add("GET", "/api/v1/cases/figures",
             "The mediation figures of a period, naming no one (coordinators, admin; "
             "?from=&to=&format=csv)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               const auto &q = ex.request.query;
               const auto dateOf = [&](const char *name) -> std::optional<core::Time> {
                 auto it = q.find(name);
                 if (it == q.end()) return std::nullopt;
                 auto d = core::parseIsoDate(it->second);
                 if (!d) return std::nullopt;
                 return core::kazakhstanDayEnds(*d) - std::chrono::days(1); // its start
               };
               const auto from = dateOf("from");
               const auto to = dateOf("to");
               if (!from || !to)
                 co_return ctx.problem(core::Error::field(from ? "to" : "from", "invalid_format"),
                                       ex.language);
               // `to` is the last day counted.
               auto f = co_await ctx.services.cases->figures(ex.caller, *from,
                                                             *to + std::chrono::days(1));
               if (!f) co_return ctx.problem(f.error(), ex.language);
               HttpResponse res;
               res.status = 200;
               if (auto it = q.find("format"); it != q.end() && it->second == "csv") {
                 res.content_type = "text/csv; charset=utf-8";
                 res.set("Content-Disposition", contentDisposition("mediation-figures.csv"));
                 res.body = md::figuresCsv(*f);
               } else {
                 res.content_type = "application/json";
                 res.body = md::figuresJson(*f);
               }
               co_return res;
             });

  router.add("GET", "/api/v1/cases/{id}", "A mediation case, for its people only",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto v = co_await ctx.services.cases->get(ex.caller, ex.request.params.at("id"));
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return caseResponse(ctx, ex, *v);
             });

  // --- the invitation ---
  router.add("POST", "/api/v1/cases/{id}/invitation",
             "Invite the other party: links to copy, mails to those with an address",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto body = writeBody(ctx, ex);
               if (!body) co_return ctx.problem(body.error(), ex.language);
               JsonInput in(body->object);
               std::optional<int> days;
               if (auto d = in.integer("answer_days", false, 1, md::kMaxAnswerDays))
                 days = static_cast<int>(*d);
               if (auto st = in.finish(); !st) co_return ctx.problem(st.error(), ex.language);
               const std::string id = ex.request.params.at("id");
               auto sent = co_await ctx.services.cases->invite(ex.caller, id, days, body->seen);
               if (!sent) co_return ctx.problem(sent.error(), ex.language);
               json::array links;
               for (const auto &l : sent->links)
                 links.push_back(json::object{{"party_id", l.party_id}, {"link", l.url}});
               const std::string me = ex.caller.user->id;
               json::object out{{"case", caseJson(sent->view, me, ctx.services.clock.now())},
                                {"links", std::move(links)}};
               co_return ctx.json(200, out);
             });

  router.add("GET", "/api/v1/invitations/{token}",
             "What an invitation link invites to (for the holder of the link)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto p = co_await ctx.services.cases->invitation(ex.request.params.at("token"));
               if (!p) co_return ctx.problem(p.error(), ex.language);
               json::object out{{"case_id", p->case_id},
                                {"party_name", p->party_name},
                                {"inviter", p->inviter},
                                {"category", p->category},
                                {"subject", p->subject},
                                {"language", p->language},
                                {"deadline", md::lastDayOf(p->deadline)}};
               co_return ctx.json(200, out);
             });

  router.add("POST", "/api/v1/invitations/{token}/accept",
             "Accept an invitation to mediation: the caller becomes that party",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto v = co_await ctx.services.cases->acceptInvitation(
                   ex.caller, ex.request.params.at("token"));
               if (!v) co_return ctx.problem(v.error(), ex.language);
               co_return caseResponse(ctx, ex, *v);
             });

  router.add("POST", "/api/v1/invitations/{token}/refuse",
             "Refuse an invitation to mediation (Art. 20 p.6)",
             [&ctx](Exchange &ex) -> awaitable<HttpResponse> {
               if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
               auto done = co_await ctx.services.cases->refuseInvitation(
                   ex.caller, ex.request.params.at("token"));
               if (!done) co_return ctx.problem(done.error(), ex.language);
               json::object out{{"ended", true}};
               co_return ctx.json(200, out);
             });

  // --- the mediators ---
  router.add("POST", "/api/v1/cases/{id}/mediators",
             "Put a mediator of the register forward (a party)",
             caseStep(ctx, false, textInput("register_id", 64),
                      [](Service &s, Ex &ex, const Id &id, std::string &reg, Seen seen) {
                        return s.proposeMediator(ex.caller, id, reg, seen);
                      }));
  router.add(
      "POST", "/api/v1/cases/{id}/mediators/{register_id}/agree",
      "Agree to a mediator put forward (a party)",
      caseStep(ctx, true, noInput, [](Service &s, Ex &ex, const Id &id, core::Unit, Seen seen) {
        return s.agreeMediator(ex.caller, id, ex.request.params.at("register_id"), seen);
      }));
  router.add(
      "POST", "/api/v1/cases/{id}/mediators/{register_id}/reject",
      "Reject a mediator put forward (a party)",
      caseStep(ctx, true, noInput, [](Service &s, Ex &ex, const Id &id, core::Unit, Seen seen) {
        return s.rejectMediator(ex.caller, id, ex.request.params.at("register_id"), seen);
      }));
  router.add("POST", "/api/v1/cases/{id}/declaration",
             "The mediator's declaration of a conflict of interest, or none (Art. 10)",
             caseStep(
                 ctx, false,
                 [](const json::object &body) -> core::Result<std::pair<bool, std::string>> {
                   JsonInput in(body);
                   const bool conflict = in.boolean("conflict", true).value_or(false);
                   auto note = in.string("note", false, am::kMaxReason).value_or("");
                   if (auto st = in.finish(); !st) return st.error();
                   return std::pair{conflict, std::move(note)};
                 },
                 [](Service &s, Ex &ex, const Id &id, std::pair<bool, std::string> &d, Seen seen) {
                   return s.declare(ex.caller, id, d.first, std::move(d.second), seen);
                 }));

  // --- the contract and the settlement ---
  router.add("POST", "/api/v1/cases/{id}/contract",
             "A new version of the mediation contract (Art. 21 p.2)",
             caseStep(ctx, false, contractInput,
                      [](Service &s, Ex &ex, const Id &id, am::ContractInput &in, Seen seen) {
                        return s.draftContract(ex.caller, id, std::move(in), seen);
                      }));
  router.add("POST", "/api/v1/cases/{id}/contract/accept",
             "Accept the contract's current version, optionally with a CMS signature",
             caseStep(
                 ctx, false,
                 [](const json::object &body) { return signInput(body, "contract_version"); },
                 [](Service &s, Ex &ex, const Id &id, am::SignInput &in, Seen seen) {
                   return s.acceptContract(ex.caller, id, std::move(in), seen);
                 }));
  router.add("POST", "/api/v1/cases/{id}/settlement", "A new version of the settlement (Art. 27)",
             caseStep(ctx, false, settlementInput,
                      [](Service &s, Ex &ex, const Id &id, am::SettlementInput &in, Seen seen) {
                        return s.draftSettlement(ex.caller, id, std::move(in), seen);
                      }));
  router.add("POST", "/api/v1/cases/{id}/settlement/sign",
             "Sign the settlement's current version, optionally with a CMS signature",
             caseStep(
                 ctx, false,
                 [](const json::object &body) { return signInput(body, "settlement_version"); },
                 [](Service &s, Ex &ex, const Id &id, am::SignInput &in, Seen seen) {
                   return s.signSettlement(ex.caller, id, std::move(in), seen);
                 }));
  router.add("POST", "/api/v1/cases/{id}/obligations/{obligation_id}",
             "Mark an obligation of the settlement performed or not (a party)",
             caseStep(
                 ctx, false,
                 [](const json::object &body) -> core::Result<bool> {
                   JsonInput in(body);
                   const bool performed = in.boolean("performed", true).value_or(false);
                   if (auto st = in.finish(); !st) return st.error();
                   return performed;
                 },
                 [](Service &s, Ex &ex, const Id &id, bool performed, Seen seen) {
                   return s.markObligation(ex.caller, id, ex.request.params.at("obligation_id"),
                                           performed, seen);
                 }));

  // --- the term ---
  router.add("POST", "/api/v1/cases/{id}/extension",
             "Ask to extend the mediation's term (Art. 23: 60 days in total at most)",
             caseStep(
                 ctx, false,
                 [](const json::object &body) -> core::Result<int> {
                   JsonInput in(body);
                   const int days =
                       static_cast<int>(in.integer("days", true, -1000, 1000).value_or(0));
                   if (auto st = in.finish(); !st) return st.error();
                   return days;
                 },
                 [](Service &s, Ex &ex, const Id &id, int days, Seen seen) {
                   return s.requestExtension(ex.caller, id, days, seen);
                 }));
  router.add(
      "POST", "/api/v1/cases/{id}/extension/agree", "Agree to the extension asked",
      caseStep(ctx, true, noInput, [](Service &s, Ex &ex, const Id &id, core::Unit, Seen seen) {
        return s.agreeExtension(ex.caller, id, seen);
      }));
  router.add(
      "POST", "/api/v1/cases/{id}/extension/decline", "Decline the extension asked",
      caseStep(ctx, true, noInput, [](Service &s, Ex &ex, const Id &id, core::Unit, Seen seen) {
        return s.declineExtension(ex.caller, id, seen);
      }));

  // --- the ending ---
  router.add(
      "POST", "/api/v1/cases/{id}/withdraw",
      "A party withdraws from the mediation (Art. 5, Art. 26 p.1 sp.4)",
      caseStep(ctx, true, noInput, [](Service &s, Ex &ex, const Id &id, core::Unit, Seen seen) {
        return s.withdraw(ex.caller, id, seen);
      }));
  router.add(
      "POST", "/api/v1/cases/{id}/notice", "Ask for the notice of termination (Art. 26 p.2)",
      caseStep(ctx, true, noInput, [](Service &s, Ex &ex, const Id &id, core::Unit, Seen seen) {
        return s.requestNotice(ex.caller, id, seen);
      }));
  router.add("POST", "/api/v1/cases/{id}/rule-out",
             "The mediator finds settlement by mediation ruled out (Art. 26 p.1 sp.2)",
             caseStep(ctx, false, textInput("reason", am::kMaxReason),
                      [](Service &s, Ex &ex, const Id &id, std::string &reason, Seen seen) {
                        return s.ruleOut(ex.caller, id, std::move(reason), seen);
                      }));
  router.add("POST", "/api/v1/cases/{id}/child-threat",
             "The mediator records a threat to a child (Art. 25)",
             caseStep(ctx, false, textInput("note", am::kMaxNote),
                      [](Service &s, Ex &ex, const Id &id, std::string &note, Seen seen) {
                        return s.recordChildThreat(ex.caller, id, std::move(note), seen);
                      }));

  // --- the documents ---
  struct DocumentRoute {
    const char *path;
    const char *summary;
    am::CaseDocumentKind kind;
    const char *number_param; // none: number 0
  };
  static constexpr DocumentRoute kDocuments[] = {
      {"/api/v1/cases/{id}/contract.pdf", "The contract's current version as PDF",
       am::CaseDocumentKind::contract, nullptr},
      {"/api/v1/cases/{id}/settlement/{number}/document.pdf", "A version of the settlement as PDF",
       am::CaseDocumentKind::settlement, "number"},
      {"/api/v1/cases/{id}/notice.pdf", "The notice of termination as PDF (Art. 26 p.2)",
       am::CaseDocumentKind::notice, nullptr},
      {"/api/v1/cases/{id}/extensions/{number}/court-notice.pdf",
       "The parties' joint notice to the court of an extension as PDF",
       am::CaseDocumentKind::court_notice, "number"},
      {"/api/v1/cases/{id}/court-package.pdf",
       "The settlement, the contract and the parties' details for a court, as PDF",
       am::CaseDocumentKind::court_package, nullptr},
  };
  for (const auto &d : kDocuments) {
    router.add("GET", d.path, d.summary, [&ctx, d](Exchange &ex) -> awaitable<HttpResponse> {
      if (auto off = unavailable(ctx, ex)) co_return std::move(*off);
      int number = 0;
      if (d.number_param) {
        const auto &text = ex.request.params.at(d.number_param);
        if (text.empty() || text.size() > 4 ||
            text.find_first_not_of("0123456789") != std::string::npos)
          co_return ctx.problem(ErrorCode::not_found, ex.language);
        number = std::stoi(text);
      }
      const std::string id = ex.request.params.at("id");
      auto doc = co_await ctx.services.cases->document(ex.caller, id, d.kind, number);
      if (!doc) co_return ctx.problem(doc.error(), ex.language);
      co_return pdfResponse(std::move(*doc));
    });
  }
}

} // namespace kelisim::transport
