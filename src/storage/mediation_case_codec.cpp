#include "storage/mediation_case_codec.hpp"

#include <boost/json.hpp>

#include <concepts>
#include <limits>
#include <optional>
#include <type_traits>

namespace kelisim::storage {

namespace json = boost::json;
namespace md = core::mediation;

namespace {

constexpr std::int64_t kVersion = 1;

// Every record's fields, once for both directions: `v(key, member)(key, member)…`.
#define KELISIM_RECORD(Type)                                                                       \
  template <class V, class T>                                                                      \
  requires std::same_as<std::remove_const_t<T>, md::Type>                                          \
  void fields(V &v, T &x)

// One table of names, kept as written:
// clang-format off
KELISIM_RECORD(Representative) {
  v("id", x.id)("name", x.name)("powers", x.powers);
}
KELISIM_RECORD(Party) {
  v("id", x.id)("kind", x.kind)("identifier", x.identifier)("name", x.name)
   ("representatives", x.representatives)("consented_at", x.consented_at)("email", x.email)
   ("invite_hash", x.invite_hash);
}
KELISIM_RECORD(MediatorChoice) {
  v("mediator_id", x.mediator_id)("is_public", x.is_public)("register_id", x.register_id)
   ("name", x.name)("keeper", x.keeper)("proposed_by", x.proposed_by)
   ("agreed_by", x.agreed_by)("declaration", x.declaration)("declared_at", x.declared_at)
   ("conflict_note", x.conflict_note);
}
KELISIM_RECORD(Fee) {
  v("kind", x.kind)("amount_tiyn", x.amount_tiyn)("shares_percent", x.shares_percent);
}
KELISIM_RECORD(CertificateSignature) {
  v("subject", x.subject)("serial", x.serial)("algorithm", x.algorithm)
   ("cms_base64", x.cms_base64);
}
KELISIM_RECORD(Signature) {
  v("by", x.by)("version", x.version)("document_hash", x.document_hash)("at", x.at)
   ("certificate", x.certificate);
}
KELISIM_RECORD(Contract) {
  v("version", x.version)("document_hash", x.document_hash)("fee", x.fee)
   ("acceptances", x.acceptances)("place", x.place)("procedure", x.procedure)
   ("drafted_by", x.drafted_by)("drafted_at", x.drafted_at);
}
KELISIM_RECORD(Extension) {
  v("days", x.days)("requested_by", x.requested_by)("agreed_by", x.agreed_by)
   ("granted_at", x.granted_at)("court_notice", x.court_notice);
}
KELISIM_RECORD(Obligation) {
  v("id", x.id)("owed_by", x.owed_by)("what", x.what)("how", x.how)("due", x.due)
   ("performed", x.performed)
   ("marked_by", x.marked_by)("marked_at", x.marked_at);
}
KELISIM_RECORD(SettlementVersion) {
  v("number", x.number)("document_hash", x.document_hash)("by", x.by)("at", x.at)
   ("place", x.place)("terms", x.terms)("consequences", x.consequences)
   ("obligations", x.obligations);
}
KELISIM_RECORD(Settlement) {
  v("versions", x.versions)("obligations", x.obligations)("signatures", x.signatures);
}
KELISIM_RECORD(ChildThreat) {
  v("by", x.by)("at", x.at)("note", x.note);
}
KELISIM_RECORD(Ending) {
  v("ground", x.ground)("by", x.by)("at", x.at)("detail", x.detail);
}
KELISIM_RECORD(Notice) {
  v("requested_by", x.requested_by)("at", x.at);
}
KELISIM_RECORD(Case) {
  v("id", x.id)("source", x.source)("ticket_id", x.ticket_id)("opened_by", x.opened_by)
   ("opened_at", x.opened_at)("parties", x.parties)("subject", x.subject)
   ("category", x.category)("language", x.language)("region", x.region)
   ("court_case_pending", x.court_case_pending)("stage", x.stage)("invited_at", x.invited_at)
   ("answer_days", x.answer_days)("mediators", x.mediators)("contract", x.contract)
   ("started_at", x.started_at)("term_days", x.term_days)
   ("pending_extension", x.pending_extension)("extensions", x.extensions)
   ("settlement", x.settlement)("child_threats", x.child_threats)("ending", x.ending)
   ("notices", x.notices)("reminders_sent", x.reminders_sent);
}
// clang-format on
#undef KELISIM_RECORD

template <class T> constexpr bool kEnum = std::is_enum_v<T>;

// --- encoding ---------------------------------------------------------------------------

json::value put(const std::string &s) {
  return json::string(s);
}
json::value put(bool b) {
  return b;
}
json::value put(std::int64_t i) {
  return i;
}
json::value put(int i) {
  return static_cast<std::int64_t>(i);
}
json::value put(core::Time t) {
  return core::toMillis(t);
}
json::value put(const std::set<std::string> &words) {
  json::array a;
  for (const auto &w : words) a.emplace_back(json::string(w));
  return a;
}
json::value put(const std::map<std::string, int> &m) {
  json::object o;
  for (const auto &[k, n] : m) o[k] = static_cast<std::int64_t>(n);
  return o;
}
template <class E>
requires kEnum<E> json::value put(E e) {
  return json::string(md::toString(e));
}
template <class T>
requires std::is_class_v<T> json::value put(const T &record);
template <class T> json::value put(const std::vector<T> &items) {
  json::array a;
  for (const auto &x : items) a.push_back(put(x));
  return a;
}

struct FieldWriter {
  json::object &o;
  template <class M> FieldWriter &operator()(std::string_view key, const M &m) {
    o[key] = put(m);
    return *this;
  }
  template <class M> FieldWriter &operator()(std::string_view key, const std::optional<M> &m) {
    if (m) o[key] = put(*m);
    return *this;
  }
};

template <class T>
requires std::is_class_v<T> json::value put(const T &record) {
  json::object o;
  FieldWriter w{o};
  fields(w, record);
  return o;
}

// --- decoding ---------------------------------------------------------------------------

// Each get() reads one value or returns false; the field's name is added by FieldReader.
bool get(const json::value &v, std::string &out) {
  const auto *s = v.if_string();
  if (!s) return false;
  out.assign(s->data(), s->size());
  return true;
}
bool get(const json::value &v, bool &out) {
  const auto *b = v.if_bool();
  if (!b) return false;
  out = *b;
  return true;
}
bool get(const json::value &v, std::int64_t &out) {
  const auto *i = v.if_int64();
  if (!i) return false;
  out = *i;
  return true;
}
bool get(const json::value &v, int &out) {
  std::int64_t i = 0;
  if (!get(v, i) || i < std::numeric_limits<int>::min() || i > std::numeric_limits<int>::max())
    return false;
  out = static_cast<int>(i);
  return true;
}
bool get(const json::value &v, core::Time &out) {
  std::int64_t ms = 0;
  if (!get(v, ms)) return false;
  out = core::fromMillis(ms);
  return true;
}
bool get(const json::value &v, std::set<std::string> &out) {
  const auto *a = v.if_array();
  if (!a) return false;
  out.clear();
  for (const auto &x : *a) {
    std::string w;
    if (!get(x, w)) return false;
    out.insert(std::move(w));
  }
  return true;
}
bool get(const json::value &v, std::map<std::string, int> &out) {
  const auto *o = v.if_object();
  if (!o) return false;
  out.clear();
  for (const auto &kv : *o) {
    int n = 0;
    if (!get(kv.value(), n)) return false;
    out[std::string(kv.key())] = n;
  }
  return true;
}
std::optional<md::CaseStage> parseWord(std::string_view s, md::CaseStage *) {
  return md::parseCaseStage(s);
}
std::optional<md::EndGround> parseWord(std::string_view s, md::EndGround *) {
  return md::parseEndGround(s);
}
std::optional<md::PartyKind> parseWord(std::string_view s, md::PartyKind *) {
  return md::parsePartyKind(s);
}
std::optional<md::Source> parseWord(std::string_view s, md::Source *) {
  return md::parseSource(s);
}
std::optional<md::Declaration> parseWord(std::string_view s, md::Declaration *) {
  return md::parseDeclaration(s);
}
std::optional<md::FeeKind> parseWord(std::string_view s, md::FeeKind *) {
  return md::parseFeeKind(s);
}
template <class E>
requires kEnum<E>
bool get(const json::value &v, E &out) {
  const auto *s = v.if_string();
  if (!s) return false;
  auto parsed = parseWord(std::string_view(s->data(), s->size()), static_cast<E *>(nullptr));
  if (!parsed) return false;
  out = *parsed;
  return true;
}
template <class T>
requires std::is_class_v<T>
bool get(const json::value &v, T &record);
template <class T> bool get(const json::value &v, std::vector<T> &out) {
  const auto *a = v.if_array();
  if (!a) return false;
  out.clear();
  out.reserve(a->size());
  for (const auto &x : *a)
    if (!get(x, out.emplace_back())) return false;
  return true;
}

// Reads the fields of one object; the first that fails is named in `failed`.
struct FieldReader {
  const json::object &o;
  std::string &failed;
  template <class M> FieldReader &operator()(std::string_view key, M &m) {
    const auto *v = o.if_contains(key);
    if (!v || !get(*v, m)) fail(key);
    return *this;
  }
  template <class M> FieldReader &operator()(std::string_view key, std::optional<M> &m) {
    const auto *v = o.if_contains(key);
    m.reset();
    if (v && !v->is_null() && !get(*v, m.emplace())) fail(key);
    return *this;
  }
  void fail(std::string_view key) {
    if (failed.empty()) failed = std::string(key);
  }
};

template <class T>
requires std::is_class_v<T>
bool get(const json::value &v, T &record) {
  const auto *o = v.if_object();
  if (!o) return false;
  std::string failed;
  FieldReader r{*o, failed};
  fields(r, record);
  return failed.empty();
}

} // namespace

std::string encodeCase(const md::Case &c) {
  json::value v = put(c);
  v.as_object()["v"] = kVersion;
  return json::serialize(v);
}

core::Result<md::Case> decodeCase(std::string_view text) {
  using core::Error;
  using core::ErrorCode;
  if (text.size() > kMaxCaseText) return Error::make(ErrorCode::internal, "case body too large");
  try {
    json::parse_options options;
    options.max_depth = 16;
    std::error_code ec;
    json::value v = json::parse(text, ec, {}, options);
    if (ec) return Error::make(ErrorCode::internal, "case body: " + ec.message());
    const auto *o = v.if_object();
    const auto *version = o ? o->if_contains("v") : nullptr;
    if (!version || !version->is_int64() || version->as_int64() != kVersion)
      return Error::make(ErrorCode::internal, "case body: not version 1");
    md::Case c;
    std::string failed;
    FieldReader r{*o, failed};
    fields(r, c);
    if (!failed.empty()) return Error::make(ErrorCode::internal, "case body: field " + failed);
    return c;
  } catch (const std::exception &e) { // allocation only: Boost.JSON is used without throwing
    return Error::make(ErrorCode::internal, std::string("case body: ") + e.what());
  }
}

} // namespace kelisim::storage
