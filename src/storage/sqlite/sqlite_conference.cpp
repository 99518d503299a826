// The conferences' port on SQLite: the statements and their reading are storage/sql's; this
// file only runs a read statement on a pooled connection.
#include "storage/sqlite/sqlite_store_impl.hpp"

namespace kelisim::storage::sqlite {

namespace cf = core::conference;
namespace sql = storage::sql;

Task<sql::Rows> SqliteStore::selectRows(sql::Statement statement) {
  return read<sql::Rows>(
      [statement = std::move(statement)](Connection &db) -> core::Result<sql::Rows> {
        auto &q = db.prepare(statement.text);
        int index = 1;
        for (const auto &v : statement.params) {
          if (const auto *i = std::get_if<std::int64_t>(&v))
            q.bind(index, *i);
          else if (const auto *t = std::get_if<std::string>(&v))
            q.bind(index, *t);
          else
            q.bind(index);
          ++index;
        }
        sql::Rows rows;
        while (q.executeStep()) {
          sql::Row row;
          for (int c = 0; c < q.getColumnCount(); ++c) {
            auto column = q.getColumn(c);
            if (column.isNull())
              row.emplace_back(std::nullopt);
            else
              row.emplace_back(column.getString());
          }
          rows.push_back(std::move(row));
        }
        return rows;
      });
}

Task<cf::Conference> SqliteStore::getConference(const std::string &id) {
  return sql::getConference(*this, id);
}
Task<std::vector<cf::Conference>> SqliteStore::listConferencesOf(const std::string &user_id) {
  return sql::listConferencesOf(*this, user_id);
}
Task<cf::Conference> SqliteStore::findConferenceByGuestToken(const std::string &hash) {
  return sql::findConferenceByGuestToken(*this, hash);
}
Task<cf::Proposal> SqliteStore::getConferenceProposal(const std::string &id) {
  return sql::getProposal(*this, id);
}
Task<std::vector<cf::Proposal>> SqliteStore::listConferenceProposals(const ProposalQuery &query) {
  return sql::listProposals(*this, query);
}

Task<std::vector<cf::ChatMessage>>
SqliteStore::listConferenceMessages(const std::string &conference_id, std::int64_t after_seq,
                                    int limit) {
  return sql::listMessages(*this, conference_id, after_seq, limit);
}
Task<cf::ChatMessage> SqliteStore::findConferenceMessage(const std::string &conference_id,
                                                         const std::string &sender_id,
                                                         const std::string &client_id) {
  return sql::findMessage(*this, conference_id, sender_id, client_id);
}

} // namespace kelisim::storage::sqlite
