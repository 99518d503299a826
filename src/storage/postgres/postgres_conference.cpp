// The conferences' port on PostgreSQL: the statements and their reading are storage/sql's;
// this file only runs a read statement on a pooled connection.
#include "storage/postgres/postgres_store_impl.hpp"

namespace kelisim::storage::postgres {

namespace cf = core::conference;
namespace sql = storage::sql;

Task<sql::Rows> PostgresStore::selectRows(sql::Statement statement) {
  return run<sql::Rows>(sql::postgresText(statement.text), textParams(statement.params),
                        [](const PgResult &r) -> core::Result<sql::Rows> {
                          sql::Rows rows;
                          rows.reserve(r.rows());
                          for (int i = 0; i < r.rows(); ++i) {
                            sql::Row row;
                            for (int c = 0; c < r.columns(); ++c)
                              row.push_back(r.optionalText(i, c));
                            rows.push_back(std::move(row));
                          }
                          return rows;
                        });
}

Task<cf::Conference> PostgresStore::getConference(const std::string &id) {
  return sql::getConference(*this, id);
}
Task<std::vector<cf::Conference>> PostgresStore::listConferencesOf(const std::string &user_id) {
  return sql::listConferencesOf(*this, user_id);
}
Task<cf::Conference> PostgresStore::findConferenceByGuestToken(const std::string &hash) {
  return sql::findConferenceByGuestToken(*this, hash);
}
Task<cf::Proposal> PostgresStore::getConferenceProposal(const std::string &id) {
  return sql::getProposal(*this, id);
}
Task<std::vector<cf::Proposal>> PostgresStore::listConferenceProposals(const ProposalQuery &query) {
  return sql::listProposals(*this, query);
}

Task<std::vector<cf::ChatMessage>>
PostgresStore::listConferenceMessages(const std::string &conference_id, std::int64_t after_seq,
                                      int limit) {
  return sql::listMessages(*this, conference_id, after_seq, limit);
}
Task<cf::ChatMessage> PostgresStore::findConferenceMessage(const std::string &conference_id,
                                                           const std::string &sender_id,
                                                           const std::string &client_id) {
  return sql::findMessage(*this, conference_id, sender_id, client_id);
}

} // namespace kelisim::storage::postgres
