// Port of the mediation cases' record (issue 10): a case is one aggregate, read whole with the
// version it was stored at, and written whole through the unit of work (CaseSaved, with the
// version it was read at: optimistic concurrency). Lists give summaries only — stages and
// dates, never content (Art. 8: what a coordinator may see).
#pragma once

#include "core/mediation/model.hpp"
#include "core/ports/task.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kelisim::core {

// A case as stored: `version` is 1 after the first write and grows by one with each; a
// CaseSaved carries it back as its expected_version.
struct CaseRecord {
  mediation::Case c;
  std::int64_t version = 0;
  bool operator==(const CaseRecord &) const = default;
};

// What a list shows of a case: no parties, subject or documents.
struct CaseSummary {
  std::string id;
  mediation::CaseStage stage = mediation::CaseStage::screening;
  mediation::Source source = mediation::Source::party;
  std::string category;
  Time opened_at{};
  std::optional<Time> started_at;
  std::optional<Time> ended_at;
  std::optional<mediation::EndGround> ending_ground;
  bool operator==(const CaseSummary &) const = default;
};

// Filters that are set must all hold; `from` ≤ opened_at < `to`.
struct CaseQuery {
  std::optional<mediation::CaseStage> stage;
  std::optional<Time> from;
  std::optional<Time> to;
  int limit = 500;
};

class MediationCaseRepository {
public:
  virtual ~MediationCaseRepository() = default;
  // The whole case and its version; not_found when none.
  virtual Task<CaseRecord> getCase(const std::string &id) = 0;
  // The cases `user_id` is one of the people of (CaseSaved::people, any role), newest
  // (opened_at) first.
  virtual Task<std::vector<CaseSummary>> listCasesOf(const std::string &user_id) = 0;
  // Every case's summary the query selects, newest first, at most `limit`.
  virtual Task<std::vector<CaseSummary>> listCaseSummaries(const CaseQuery &query) = 0;
  // The cases the clock looks after (app/mediation/case_clock), whole with their versions:
  // the inviting and running ones, and the settled ones (their obligations are followed up).
  // One page in id order: the ids after `after_id` ("" from the first), at most `limit`.
  virtual Task<std::vector<CaseRecord>> listCasesForClock(const std::string &after_id,
                                                          int limit) = 0;
};

} // namespace kelisim::core
