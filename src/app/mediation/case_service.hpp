// A mediation case's first use cases (issue 10; Law of the RK No. 401-IV "On Mediation"):
// opening with the Art. 1 screening, reading, the caller's own cases, a party's withdrawal and
// the coordinators' summaries. The rules of the case itself are core/mediation's; this file
// decides who may do what, and writes each action with its audit entry in one unit of work.
//
// The rules:
//   open       a signed-in citizen opens their own case: parties[0] is them (their user id,
//              consenting at once, Art. 5), parties[1] the other party, who has no account
//              yet (an id of its own and an e-mail for the invitation, field
//              "parties[1].email"). A specialist or coordinator opens for a centre
//              (source centre): neither party is them, both need an e-mail, neither has
//              consented; the opener does not become a reader (Art. 8). The admin: forbidden.
//              Exactly two parties; each name, kind and IIN (person) or BIN (organisation)
//              checked by core/mediation/identity, errors named "parties[i].identifier". A
//              ticket_id (from a consultation, source consultation) must be a ticket of the
//              citizen, or of the staff member's organisation: else "ticket_id" not_found.
//              The Art. 1 screening runs at once: passed ──▶ inviting; a ground ──▶ the case is
//              saved ended "screening_refused" with the ground's key (not an error: the
//              applicant sees why, `mediation.screening.<ground>`). An unanswered question is
//              a field error ("screening.<question>" required) and nothing is saved.
//   get        only the case's people read it — its parties and their representatives (by
//              user id) and the mediators listed and not out for a conflict; anyone else
//              (a coordinator, the admin, another citizen) gets not_found (Art. 8). Every
//              read of content is audited ("mediation.case_read") before it is returned.
//   mine       the cases the caller is one of the people of, as summaries, newest first.
//   withdraw   a party (or its representative) withdraws at any stage (Art. 5, Art. 26 p.1
//              sp.4); a mediator of the case: forbidden; anyone else: not_found. Saved with
//              the version read (and, when the page sends the version it showed, only if the
//              case is still at it): a change in between is a conflict.
//   summaries  coordinators and the admin: stages, dates and categories only (CaseSummary),
//              never content; others forbidden.
// Audit details carry stages and sources only: never the subject, names or identifiers
// (Art. 8). Not thread-safe to share a call's inputs; the service itself holds no state.
#pragma once

#include "app/account_links.hpp"
#include "app/caller.hpp"
#include "app/mediation/cms_signature.hpp"
#include "core/mediation/case_lifecycle.hpp"
#include "core/mediation/model.hpp"
#include "core/mediation/screening.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/mediation_cases.hpp"
#include "core/ports/mediation_documents.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::app::mediation {

using core::Task;
namespace md = core::mediation;

inline constexpr std::size_t kMaxPartyName = 300;
inline constexpr std::size_t kMaxSubject = 4000;
inline constexpr std::size_t kMaxPlace = 300;
inline constexpr std::size_t kMaxProcedure = 4000;
inline constexpr std::size_t kMaxTerms = 20000;
inline constexpr std::size_t kMaxConsequences = 4000;
inline constexpr std::size_t kMaxObligationText = 2000;
inline constexpr std::size_t kMaxObligationWay = 1000;
inline constexpr std::size_t kMaxObligations = 50;
inline constexpr std::size_t kMaxNote = 4000;
inline constexpr std::size_t kMaxReason = 2000;

struct PartyInput {
  std::string name;
  md::PartyKind kind = md::PartyKind::person;
  std::string identifier; // IIN or BIN, 12 digits
  std::optional<std::string> email;
};

struct OpenCaseInput {
  std::vector<PartyInput> parties; // [0] the applicant's own, [1] the other party
  std::string subject;
  md::DisputeCategory category = md::DisputeCategory::civil; // also the screening's
  core::Language language = core::Language::ru;
  bool court_case_pending = false;
  std::optional<std::string> ticket_id;
  std::optional<std::string> region; // ISO 3166-2:KZ, for the figures; a ticket's wins
  md::ScreeningAnswers screening;    // its category is taken from `category`
};

// A write's precondition: the version the page showed, if it sent one (a change since: conflict).
using SeenVersion = std::optional<std::int64_t>;

struct InvitationLink {
  std::string party_id;
  std::string url; // <public_url>/invitations#<case id>.<secret>: shown once, never stored
};

// What the holder of an invitation link sees before answering.
struct InvitationPreview {
  std::string case_id;
  std::string party_name; // the party invited
  std::string inviter;    // the applicant's name, or the centre's case
  std::string category;
  std::string subject;
  std::string language;
  core::Time deadline{};
};

struct ContractInput {
  std::string place;
  std::string procedure;
  md::Fee fee;
};

struct ObligationInput {
  std::string owed_by; // a party's id
  std::string what;
  std::string how;
  core::Time due{}; // the end of the due day, as the route reads the date
};

struct SettlementInput {
  std::string place;
  std::string terms;
  std::string consequences;
  std::vector<ObligationInput> obligations;
};

// An acceptance of the contract or a signature of the settlement: the version and hash the
// page showed, and optionally a detached CMS signature of the PDF's bytes.
struct SignInput {
  int document_version = 0;
  std::string document_hash;
  std::optional<std::string> cms;
};

enum class CaseDocumentKind { contract, settlement, notice, court_notice, court_package };

struct CaseDocument {
  std::string pdf;
  std::string filename; // "contract-<id>.pdf", …
};

enum class CaseRole { party, representative, mediator };
std::string_view toString(CaseRole role);

// A case as its people see it, with the version to send back on a change.
struct CaseView {
  md::Case c;
  std::int64_t version = 0;
  std::optional<CaseRole> my_role; // none for a centre's opener, who is not one of its people
};

// Who may read `c` and as what: (user id, role) for CaseSaved::people.
std::vector<std::pair<std::string, std::string>> caseReaders(const md::Case &c);

// The actions the caller may take on `c` now (the page's buttons), by the core's rules.
std::vector<std::string> possibleActions(const md::Case &c, const std::string &user_id,
                                         core::Time now);

class CaseService {
public:
  // `documents` may be null: the documents then answer unavailable. `trust`: the CAs a CMS
  // signature's certificate must chain to; null: the signature is checked with the signer's
  // own certificate only.
  CaseService(core::Store &store, const core::Clock &clock, core::Random &random,
              MailSettings mail = {}, const core::MediationDocuments *documents = nullptr,
              const CmsTrust *trust = nullptr);

  Task<CaseView> open(const Caller &caller, OpenCaseInput input);
  Task<CaseView> get(const Caller &caller, const std::string &id);
  Task<std::vector<core::CaseSummary>> mine(const Caller &caller);
  Task<CaseView> withdraw(const Caller &caller, const std::string &id,
                          std::optional<std::int64_t> expected_version = std::nullopt);
  Task<std::vector<core::CaseSummary>> summaries(const Caller &caller, core::CaseQuery query);

  // The invitation (Art. 20 p.6): new links for every party that has not consented, mailed
  // to those with an address. Sending again makes new links; the term counts from the first.
  struct Invited {
    CaseView view;
    std::vector<InvitationLink> links;
  };
  Task<Invited> invite(const Caller &caller, const std::string &id, std::optional<int> answer_days,
                       SeenVersion seen = {});
  // Anyone holding a link reads what it invites to; not_found for a spent or closed one.
  Task<InvitationPreview> invitation(const std::string &token);
  // The signed-in caller takes the invited party's place and consents.
  Task<CaseView> acceptInvitation(const Caller &caller, const std::string &token);
  Task<core::Unit> refuseInvitation(const Caller &caller, const std::string &token);

  // The mediators (Art. 10, 16): proposed from the register by its record's id.
  Task<CaseView> proposeMediator(const Caller &caller, const std::string &id,
                                 const std::string &register_id, SeenVersion seen = {});
  Task<CaseView> agreeMediator(const Caller &caller, const std::string &id,
                               const std::string &register_id, SeenVersion seen = {});
  Task<CaseView> rejectMediator(const Caller &caller, const std::string &id,
                                const std::string &register_id, SeenVersion seen = {});
  Task<CaseView> declare(const Caller &caller, const std::string &id, bool conflict,
                         std::string note, SeenVersion seen = {});

  // The contract (Art. 21, 22) and the settlement (Art. 27): each version made as a PDF whose
  // SHA-256 the acceptances and signatures bind.
  Task<CaseView> draftContract(const Caller &caller, const std::string &id, ContractInput in,
                               SeenVersion seen = {});
  Task<CaseView> acceptContract(const Caller &caller, const std::string &id, SignInput in,
                                SeenVersion seen = {});
  Task<CaseView> draftSettlement(const Caller &caller, const std::string &id, SettlementInput in,
                                 SeenVersion seen = {});
  Task<CaseView> signSettlement(const Caller &caller, const std::string &id, SignInput in,
                                SeenVersion seen = {});

  // The term (Art. 23, Art. 20 p.9).
  Task<CaseView> requestExtension(const Caller &caller, const std::string &id, int days,
                                  SeenVersion seen = {});
  Task<CaseView> agreeExtension(const Caller &caller, const std::string &id, SeenVersion seen = {});
  Task<CaseView> declineExtension(const Caller &caller, const std::string &id,
                                  SeenVersion seen = {});

  Task<CaseView> ruleOut(const Caller &caller, const std::string &id, std::string reason,
                         SeenVersion seen = {});
  Task<CaseView> recordChildThreat(const Caller &caller, const std::string &id, std::string note,
                                   SeenVersion seen = {});
  Task<CaseView> requestNotice(const Caller &caller, const std::string &id, SeenVersion seen = {});
  Task<CaseView> markObligation(const Caller &caller, const std::string &id,
                                const std::string &obligation_id, bool performed,
                                SeenVersion seen = {});

  // A document of the case as PDF, for its people only; each read audited like the case's.
  Task<CaseDocument> document(const Caller &caller, const std::string &id, CaseDocumentKind kind,
                              int number = 0);

private:
  struct Loaded {
    core::CaseRecord record;
    CaseRole role = CaseRole::party;
  };
  // The case if the caller is one of its people; not_found otherwise.
  Task<Loaded> load(const Caller &caller, const std::string &id);
  // The ticket's region when `ticket_id` is the caller's (or their organisation's) ticket.
  Task<std::string> checkTicket(const Caller &caller, const std::string &ticket_id);
  // Loads, checks the seen version, applies `event` as the caller, lets `then` finish the
  // case (documents' hashes), saves it with its audit entry and mails; the view of the result.
  struct Extra {
    // Finishes the case after the event (a document's hash, a verified signature) or refuses.
    std::function<core::Result<md::Case>(md::Case)> then;
    std::vector<core::Mail> mails;
  };
  Task<CaseView> act(const Caller &caller, const std::string &id, SeenVersion seen,
                     md::CaseEvent event, std::string action, Extra *extra = nullptr);
  // The invited party a link names, with the case; not_found for anything else.
  struct Invitee {
    core::CaseRecord record;
    std::size_t party = 0;
  };
  Task<Invitee> invitee(const std::string &token);
  core::Result<md::CertificateSignature> verified(const md::Case &c, const std::string &signer,
                                                  const std::string &pdf,
                                                  const std::optional<std::string> &cms) const;

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  MailSettings mail_;
  const core::MediationDocuments *documents_;
  const CmsTrust *trust_;
};

} // namespace kelisim::app::mediation
