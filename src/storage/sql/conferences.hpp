// The conferences' port (core/ports/conferences.hpp) written once for both backends: the
// statements, and the reading of their rows into records. A backend only says how it runs a
// statement and hands back its rows as text (RowSource); its methods forward here.
#pragma once

#include "core/ports/conferences.hpp"
#include "storage/sql/statement.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kelisim::storage::sql {

using Cell = std::optional<std::string>; // nullopt: NULL; numbers in decimal text
using Row = std::vector<Cell>;
using Rows = std::vector<Row>;

// How a backend runs one read statement.
class RowSource {
public:
  virtual ~RowSource() = default;
  virtual core::Task<Rows> selectRows(Statement statement) = 0;
};

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
