// core::MediationDocuments made with libharu (pdf_writer): the contract (Art. 21 p.2), each
// settlement version (Art. 27), the notice of termination (Art. 26 p.2), the parties' joint
// notice to the court of an extension (Art. 23) and the package for a court's approval, in
// the case's language (kk, ru, en; another falls back to ru) with every word from the server
// translations (mediation.doc.*). Dates are Kazakhstan's (UTC+5). Holds references to the
// translator (thread-safe) and the font paths only: safe to call from any thread; the same
// case gives the same bytes. Never logs a document's content.
#pragma once

#include "core/ports/mediation_documents.hpp"
#include "i18n/translator.hpp"
#include "transport/documents/pdf_writer.hpp"

namespace kelisim::transport {

class CaseDocuments : public core::MediationDocuments {
public:
  // `texts` must outlive this object.
  CaseDocuments(const i18n::Translator &texts, PdfFonts fonts = {});

  core::Result<std::string> contract(const core::mediation::Case &c) const override;
  core::Result<std::string> settlement(const core::mediation::Case &c, int number) const override;
  core::Result<std::string> terminationNotice(const core::mediation::Case &c) const override;
  core::Result<std::string> courtExtensionNotice(const core::mediation::Case &c,
                                                 std::size_t index) const override;
  core::Result<std::string> courtPackage(const core::mediation::Case &c) const override;

private:
  const i18n::Translator &texts_;
  PdfFonts fonts_;
};

// "dd.mm.yyyy" of `t` in Kazakhstan (UTC+5).
std::string dateText(core::Time t);
// An amount in tiyn as tenge: groups of three digits parted by a narrow no-break space
// (U+202F), the tiyn after a decimal comma (a point in English) only when there are any:
// "150 000", "1 234,50".
std::string tengeText(std::int64_t tiyn, core::Language language);

} // namespace kelisim::transport
