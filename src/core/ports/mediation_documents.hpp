// Port of a mediation case's documents as PDF (issue 10): the contract (Art. 21 p.2), each
// version of the settlement (Art. 27), the notice of termination (Art. 26 p.2), the parties'
// joint notice to the court of an extension (Art. 23) and the package for a court's approval
// of the settlement (the settlement, the contract, the parties' details). Each is written in
// the language of the mediation (Case::language).
//
// The same case gives the same bytes every time: a signature binds the SHA-256 of these bytes
// (app's sha256Hex, kept as Signature::document_hash) and a CMS signature is verified over
// them. So a document is made only from what was fixed when it was drafted: the contract from
// the parties, the subject, the language, the chosen mediators and Contract's own fields
// (fee, place, procedure, drafted_at), never from its acceptances or the stage; a settlement
// version from its SettlementVersion and the same parts of the case. Making one is CPU work
// of a few milliseconds, safe from any thread; the implementation holds no mutable state.
#pragma once

#include "core/error.hpp"
#include "core/mediation/model.hpp"

#include <cstddef>
#include <string>

namespace kelisim::core {

class MediationDocuments {
public:
  virtual ~MediationDocuments() = default;
  // not_found when the case has no contract drafted yet.
  virtual Result<std::string> contract(const mediation::Case &c) const = 0;
  // Version `number` (1, 2, …) of the settlement; not_found when there is none such.
  virtual Result<std::string> settlement(const mediation::Case &c, int number) const = 0;
  // The notice stating the ground the case ended on; not_found unless noticeAvailable(c).
  virtual Result<std::string> terminationNotice(const mediation::Case &c) const = 0;
  // The joint notice to the court of the extension Case::extensions[index] (granted with a
  // court case pending: Extension::court_notice); not_found otherwise.
  virtual Result<std::string> courtExtensionNotice(const mediation::Case &c,
                                                   std::size_t index) const = 0;
  // The settlement signed, the contract and the parties' details, one PDF; not_found unless
  // the case ended settled.
  virtual Result<std::string> courtPackage(const mediation::Case &c) const = 0;
};

} // namespace kelisim::core
