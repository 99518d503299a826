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

#include "app/caller.hpp"
#include "core/mediation/model.hpp"
#include "core/mediation/screening.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/mediation_cases.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::app::mediation {

using core::Task;
namespace md = core::mediation;

inline constexpr std::size_t kMaxPartyName = 300;
inline constexpr std::size_t kMaxSubject = 4000;

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
  md::ScreeningAnswers screening; // its category is taken from `category`
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

class CaseService {
public:
  CaseService(core::Store &store, const core::Clock &clock, core::Random &random);

  Task<CaseView> open(const Caller &caller, OpenCaseInput input);
  Task<CaseView> get(const Caller &caller, const std::string &id);
  Task<std::vector<core::CaseSummary>> mine(const Caller &caller);
  Task<CaseView> withdraw(const Caller &caller, const std::string &id,
                          std::optional<std::int64_t> expected_version = std::nullopt);
  Task<std::vector<core::CaseSummary>> summaries(const Caller &caller, core::CaseQuery query);

private:
  struct Loaded;
  // The case if the caller is one of its people; not_found otherwise.
  Task<Loaded> load(const Caller &caller, const std::string &id);
  Task<core::Unit> checkTicket(const Caller &caller, const std::string &ticket_id);

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
};

} // namespace kelisim::app::mediation
