// The mediation cases' port (core/ports/mediation_cases.hpp) written once for both backends:
// the statements, and the reading of their rows. A case is read whole from its JSON body
// (storage/mediation_case_codec); summaries come from the columns beside it, never the body.
// The writes are CaseSaved's statements in sql/changes.cpp.
#pragma once

#include "core/ports/mediation_cases.hpp"
#include "storage/sql/row_source.hpp"

#include <string>
#include <vector>

namespace kelisim::storage::sql {

core::Task<core::CaseRecord> getCase(RowSource &db, std::string id);
core::Task<std::vector<core::CaseSummary>> listCasesOf(RowSource &db, std::string user_id);
core::Task<std::vector<core::CaseSummary>> listCaseSummaries(RowSource &db, core::CaseQuery query);
core::Task<std::vector<core::CaseRecord>> listCasesForClock(RowSource &db, std::string after_id,
                                                            int limit);

} // namespace kelisim::storage::sql
