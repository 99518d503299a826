#include "transport/documents/case_documents.hpp"

#include "core/mediation/case_lifecycle.hpp"
#include "core/mediation/deadlines.hpp"
#include "core/mediation/fees.hpp"
#include "transport/mail/mail_text.hpp"

#include <fmt/format.h>

#include <chrono>

namespace kelisim::transport {

namespace mediation = core::mediation;
using core::Result;
using mediation::Case;
using mediation::EndGround;

namespace {

constexpr std::string_view kPrefix = "mediation.doc.";
constexpr auto kKazakhstan = std::chrono::hours(5); // one time zone, UTC+5, no DST

core::Error notFound(std::string_view what) {
  return core::Error::make(core::ErrorCode::not_found, std::string(what));
}

// The blocks of one document in the case's language; every word from mediation.doc.*.
class Writer {
public:
  Writer(const i18n::Translator &texts, const Case &c)
      : texts_(texts), c_(c),
        language_(core::parseLanguage(c.language).value_or(core::Language::ru)) {}

  std::vector<PdfBlock> blocks;

  std::string text(std::string_view key, const i18n::Params &params = {}) const {
    return texts_.text(language_, std::string(kPrefix) + std::string(key), params);
  }
  std::string footer() const { return text("footer", {{"name", c_.id}}); }

  void title(std::string_view key) { blocks.push_back(PdfTitle{text(key)}); }
  void heading(std::string_view key, const i18n::Params &p = {}) {
    blocks.push_back(PdfHeading{text(key, p)});
  }
  void paragraph(std::string value) { blocks.push_back(PdfParagraph{std::move(value)}); }
  void field(std::string_view key, std::string value) {
    blocks.push_back(PdfField{text(key), std::move(value)});
  }
  void pageBreak() { blocks.push_back(PdfPageBreak{}); }

  // The name of whoever `id` is on the case: a party (or its representative's party) or a
  // mediator; the id itself if neither.
  std::string nameOf(const std::string &id) const {
    for (const auto &p : c_.parties)
      if (p.id == id) return p.name;
    if (const auto *m = mediation::choiceOf(c_, id)) return m->name;
    if (const auto *p = mediation::partyOf(c_, id)) return p->name;
    return id;
  }
  bool isMediator(const std::string &id) const { return mediation::choiceOf(c_, id) != nullptr; }

  // The case, the date and (for what is concluded: the contract, a settlement) the place.
  void caseAndDate(core::Time date, const std::string *place = nullptr) {
    field("case", c_.id);
    field("date", dateText(date));
    if (place) field("place", *place);
  }

  void parties(bool with_email) {
    heading("parties");
    int n = 0;
    for (const auto &p : c_.parties) {
      blocks.push_back(PdfField{text("party", {{"count", std::to_string(++n)}}), p.name});
      field(p.kind == mediation::PartyKind::person ? "iin" : "bin", p.identifier);
      if (with_email && p.email && !p.email->empty()) field("email", *p.email);
      for (const auto &r : p.representatives) {
        field("representative", r.name);
        if (!r.powers.empty()) field("powers", r.powers);
      }
    }
  }

  void subject() {
    heading("subject");
    paragraph(c_.subject);
  }

  void mediators() {
    const auto chosen = mediation::chosenMediators(c_);
    heading("mediators", {{"count", std::to_string(chosen.size())}});
    for (const auto *m : chosen) {
      field("mediator", m->name);
      field("mediator_status",
            text(m->is_public ? "mediator_kind.public" : "mediator_kind.professional"));
      if (!m->keeper.empty()) field(m->is_public ? "keeper_public" : "organisation", m->keeper);
    }
  }

  void signatures(bool with_mediators) {
    heading("signatures");
    const std::string caption = text("signature_caption");
    for (const auto &p : c_.parties) {
      std::string who = p.name;
      if (!p.representatives.empty()) {
        std::string names;
        for (const auto &r : p.representatives) names += (names.empty() ? "" : ", ") + r.name;
        who = text("sign_by_representative", {{"name", p.name}, {"title", names}});
      }
      blocks.push_back(PdfSignatureLine{text("sign_party"), who, caption});
    }
    if (with_mediators)
      for (const auto *m : mediation::chosenMediators(c_))
        blocks.push_back(PdfSignatureLine{text("sign_mediator"), m->name, caption});
  }

  // Art. 21 p.2: made only from what was fixed when the contract was drafted.
  void contract() {
    const auto &k = c_.contract;
    title("contract.title");
    caseAndDate(k.drafted_at, &k.place);
    paragraph(text("contract.preamble"));
    parties(false);
    subject();
    mediators();
    heading("language");
    paragraph(text("language_name." + languageWord()));
    costs();
    heading("confidentiality");
    paragraph(text("confidentiality_text"));
    heading("rights");
    paragraph(text("rights_parties"));
    paragraph(text("rights_mediator"));
    heading("term");
    paragraph(text("term_text", {{"days", std::to_string(mediation::kTermDays)},
                                 {"max", std::to_string(mediation::kMaxTermDays)}}));
    heading("procedure");
    paragraph(text("procedure_text"));
    if (!k.procedure.empty()) field("procedure_agreed", k.procedure);
    heading("ending");
    paragraph(text("ending_intro"));
    PdfNumberedList grounds;
    for (auto g : {EndGround::settled, EndGround::settlement_ruled_out, EndGround::parties_refused,
                   EndGround::party_refused, EndGround::term_expired})
      grounds.items.push_back({PdfField{{}, groundText(g)}});
    blocks.push_back(std::move(grounds));
    paragraph(text("contract.copies"));
    signatures(true);
  }

  // Art. 27: made only from the version and the parts of the case fixed before it.
  void settlement(const mediation::SettlementVersion &v) {
    title("settlement.title");
    blocks.push_back(
        PdfParagraph{text("settlement.version", {{"count", std::to_string(v.number)}})});
    caseAndDate(v.at, &v.place);
    paragraph(text("settlement.preamble"));
    parties(false);
    subject();
    mediators();
    heading("settlement.terms");
    paragraph(v.terms);
    heading("settlement.obligations");
    if (v.obligations.empty()) {
      paragraph(text("obligation.none"));
    } else {
      PdfNumberedList list;
      for (const auto &o : v.obligations)
        list.items.push_back({{text("obligation.by"), nameOf(o.owed_by)},
                              {text("obligation.what"), o.what},
                              {text("obligation.how"), o.how},
                              {text("obligation.due"), dueText(o.due)}});
      blocks.push_back(std::move(list));
    }
    heading("settlement.consequences");
    paragraph(v.consequences);
    paragraph(text("settlement.enforcement"));
    signatures(true);
  }

  std::string groundText(EndGround g) const {
    return text("ground." + std::string(mediation::toString(g)));
  }
  std::string groundArticle(EndGround g) const {
    return text("ground_article." + std::string(mediation::toString(g)));
  }

private:
  const i18n::Translator &texts_;
  const Case &c_;
  core::Language language_;

  std::string languageWord() const {
    return core::parseLanguage(c_.language) ? c_.language : std::string("ru");
  }

  void costs() {
    const auto &fee = c_.contract.fee;
    heading("costs");
    bool any_public = false;
    for (const auto *m : mediation::chosenMediators(c_)) any_public = any_public || m->is_public;
    if (fee.kind == mediation::FeeKind::free) {
      paragraph(text("fee_free"));
      if (any_public) paragraph(text("fee_public"));
      return;
    }
    field("fee_paid", tengeText(fee.amount_tiyn, language_));
    paragraph(text(fee.shares_percent.empty() ? "fee_equal" : "fee_by_shares"));
    const auto shares = mediation::feeShares(c_);
    for (std::size_t i = 0; i < c_.parties.size() && i < shares.size(); ++i) {
      const auto &p = c_.parties[i];
      i18n::Params params{{"name", tengeText(shares[i], language_)}};
      std::string value;
      if (fee.shares_percent.empty()) {
        value = text("fee_share_equal", params);
      } else {
        const auto it = fee.shares_percent.find(p.id);
        params["count"] = std::to_string(it == fee.shares_percent.end() ? 0 : it->second);
        value = text("fee_share", params);
      }
      blocks.push_back(PdfField{p.name, value});
    }
  }

  // The route reads a due date as the instant its day ends (the next local midnight): that
  // is the date shown; a due time at another hour is shown with it.
  std::string dueText(core::Time t) const {
    const auto local = t + kKazakhstan;
    if (local - std::chrono::floor<std::chrono::days>(local) == core::Time::duration::zero())
      return dateText(t - std::chrono::milliseconds(1));
    return astanaTimeText(t);
  }
};

} // namespace

std::string dateText(core::Time t) {
  const auto local = std::chrono::floor<std::chrono::days>(t + kKazakhstan);
  const std::chrono::year_month_day d(local);
  return fmt::format("{:02}.{:02}.{:04}", static_cast<unsigned>(d.day()),
                     static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
}

std::string tengeText(std::int64_t tiyn, core::Language language) {
  const bool negative = tiyn < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(tiyn) : tiyn;
  const std::string digits = std::to_string(magnitude / 100);
  std::string out = negative ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += "\u202F";
    out += digits[i];
  }
  if (const auto rest = magnitude % 100; rest != 0)
    out += fmt::format("{}{:02}", language == core::Language::en ? '.' : ',', rest);
  return out;
}

CaseDocuments::CaseDocuments(const i18n::Translator &texts, PdfFonts fonts)
    : texts_(texts), fonts_(std::move(fonts)) {}

Result<std::string> CaseDocuments::contract(const Case &c) const {
  if (c.contract.version == 0) return notFound("no contract drafted");
  Writer w(texts_, c);
  w.contract();
  return renderPdf({w.footer(), std::move(w.blocks)}, fonts_);
}

Result<std::string> CaseDocuments::settlement(const Case &c, int number) const {
  const auto &versions = c.settlement.versions;
  const auto it = std::find_if(versions.begin(), versions.end(),
                               [&](const auto &v) { return v.number == number; });
  if (it == versions.end()) return notFound("no such settlement version");
  Writer w(texts_, c);
  w.settlement(*it);
  return renderPdf({w.footer(), std::move(w.blocks)}, fonts_);
}

Result<std::string> CaseDocuments::terminationNotice(const Case &c) const {
  if (!mediation::noticeAvailable(c) || !c.ending) return notFound("no notice for this case");
  const auto &e = *c.ending;
  Writer w(texts_, c);
  w.title("notice.title");
  const core::Time issued = c.notices.empty() ? e.at : c.notices.back().at;
  w.caseAndDate(issued);
  w.paragraph(w.text("notice.text"));
  w.field("notice.ground", w.groundText(e.ground));
  w.field("notice.article", w.groundArticle(e.ground));
  if (c.started_at) w.field("started_on", dateText(*c.started_at));
  w.field("notice.ended_on", dateText(e.at));
  if (e.ground == EndGround::party_refused && e.by && !w.isMediator(*e.by))
    w.field("notice.by", w.nameOf(*e.by));
  if (!c.notices.empty()) w.field("notice.requested_by", w.nameOf(c.notices.back().requested_by));
  w.parties(false);
  w.mediators();
  w.heading("signatures");
  for (const auto *m : mediation::chosenMediators(c))
    w.blocks.push_back(
        PdfSignatureLine{w.text("sign_mediator"), m->name, w.text("signature_caption")});
  return renderPdf({w.footer(), std::move(w.blocks)}, fonts_);
}

Result<std::string> CaseDocuments::courtExtensionNotice(const Case &c, std::size_t index) const {
  if (index >= c.extensions.size() || !c.started_at) return notFound("no such extension");
  const auto &x = c.extensions[index];
  if (!x.court_notice || !x.granted_at) return notFound("no court notice for this extension");
  int total = mediation::kTermDays;
  for (std::size_t i = 0; i <= index; ++i) total += c.extensions[i].days;
  const core::Time last_day =
      mediation::termOfDaysEnds(*c.started_at, total) - std::chrono::milliseconds(1);
  Writer w(texts_, c);
  w.paragraph(w.text("extension.addressee"));
  w.title("extension.title");
  w.caseAndDate(*x.granted_at);
  w.paragraph(w.text("extension.text", {{"days", std::to_string(x.days)},
                                        {"max", std::to_string(total)},
                                        {"when", dateText(last_day)}}));
  w.field("started_on", dateText(*c.started_at));
  w.field("extension.granted_on", dateText(*x.granted_at));
  w.field("extension.ends_on", dateText(last_day));
  w.parties(false);
  w.subject();
  w.mediators();
  w.signatures(false);
  return renderPdf({w.footer(), std::move(w.blocks)}, fonts_);
}

Result<std::string> CaseDocuments::courtPackage(const Case &c) const {
  if (!c.ending || c.ending->ground != EndGround::settled || c.settlement.versions.empty() ||
      c.contract.version == 0)
    return notFound("the case did not end settled");
  const auto &version = c.settlement.versions.back();
  Writer w(texts_, c);
  w.title("package.title");
  w.field("case", c.id);
  w.heading("package.contents");
  PdfNumberedList contents;
  for (const char *key :
       {"settlement.title", "contract.title", "package.details", "package.signing"})
    contents.items.push_back({PdfField{{}, w.text(key)}});
  w.blocks.push_back(std::move(contents));
  w.pageBreak();
  w.settlement(version);
  w.pageBreak();
  w.contract();
  w.pageBreak();
  w.title("package.details");
  w.parties(true);
  w.mediators();
  w.pageBreak();
  w.title("package.signing");
  w.paragraph(w.text("package.times_note"));
  auto record = [&](const std::vector<mediation::Signature> &signatures) {
    PdfNumberedList list;
    for (const auto &s : signatures) {
      std::vector<PdfField> item{
          {w.text(w.isMediator(s.by) ? "sign_mediator" : "sign_party"), w.nameOf(s.by)},
          {w.text("package.signed_at"), astanaTimeText(s.at)},
          {w.text("package.hash"), s.document_hash},
          {w.text("package.method"),
           w.text(s.certificate ? "package.method_cms" : "package.method_acceptance")}};
      if (s.certificate && !s.certificate->subject.empty())
        item.push_back({w.text("package.certificate"), s.certificate->subject});
      list.items.push_back(std::move(item));
    }
    w.blocks.push_back(std::move(list));
  };
  w.heading("package.settlement_signatures", {{"count", std::to_string(version.number)}});
  record(c.settlement.signatures);
  w.heading("package.contract_acceptances");
  record(c.contract.acceptances);
  return renderPdf({w.footer(), std::move(w.blocks)}, fonts_);
}

} // namespace kelisim::transport
