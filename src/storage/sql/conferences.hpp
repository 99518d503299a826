// The conferences' port (core/ports/conferences.hpp) written once for both backends: the
// statements, and the reading of their rows into records. A backend only says how it runs a
// statement and hands back its rows as text (RowSource, row_source.hpp); its methods forward
// here.
#pragma once

#include "core/ports/conferences.hpp"
#include "storage/sql/row_source.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kelisim::storage::sql {

core::Task<core::conference::Conference> getConference(RowSource &db, std::string id);
core::Task<std::vector<core::conference::Conference>> listConferencesOf(RowSource &db,
                                                                        std::string user_id);
core::Task<core::conference::Conference> findConferenceByGuestToken(RowSource &db,
                                                                    std::string hash);
core::Task<core::conference::Proposal> getProposal(RowSource &db, std::string id);
core::Task<std::vector<core::conference::Proposal>>
listProposals(RowSource &db, core::ConferenceRepository::ProposalQuery query);
core::Task<std::vector<core::conference::ChatMessage>>
listMessages(RowSource &db, std::string conference_id, std::int64_t after_seq, int limit);
core::Task<core::conference::ChatMessage> findMessage(RowSource &db, std::string conference_id,
                                                      std::string sender_id, std::string client_id);

} // namespace kelisim::storage::sql
