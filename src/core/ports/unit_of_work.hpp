// A unit of work: everything one action writes, gathered as values and committed by the store
// in one transaction (one commit, one fsync shared with whatever else the group commit
// carries). Nothing is written until Store::commit; if any change fails, none is kept. The
// services decide what changes; the store only persists it. Not thread-safe: one action's.
#pragma once

#include "core/model.hpp"
#include "core/reception/model.hpp"

#include <utility>
#include <variant>
#include <vector>

namespace kelisim::core {

struct NewUser {
  User user;
};
struct NewSession {
  Session session;
};
struct NewTicket {
  reception::Ticket ticket; // with its seats
};
struct AuditRecord {
  AuditEvent event;
};

using Change = std::variant<NewUser, NewSession, NewTicket, AuditRecord>;

class UnitOfWork {
public:
  UnitOfWork &add(Change change) {
    changes_.push_back(std::move(change));
    return *this;
  }
  const std::vector<Change> &changes() const { return changes_; }
  bool empty() const { return changes_.empty(); }

private:
  std::vector<Change> changes_;
};

} // namespace kelisim::core
