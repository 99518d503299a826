// Every port the services write and read through, in one object: a storage backend
// (storage/sqlite, storage/postgres) implements them all over one database. The narrow
// ports (accounts.hpp, directory.hpp, receptions.hpp, conferences.hpp, mediation.hpp,
// mediation_cases.hpp) say what each aggregate offers; commit() writes a whole unit of work
// (unit_of_work.hpp) in one transaction.
#pragma once

#include "core/ports/accounts.hpp"
#include "core/ports/conferences.hpp"
#include "core/ports/directory.hpp"
#include "core/ports/mail.hpp"
#include "core/ports/mediation.hpp"
#include "core/ports/mediation_cases.hpp"
#include "core/ports/receptions.hpp"
#include "core/ports/task.hpp"
#include "core/ports/unit_of_work.hpp"

namespace kelisim::core {

class Store : public UserRepository,
              public SessionRepository,
              public AuditLog,
              public Directory,
              public ReceptionRepository,
              public TicketRepository,
              public MessageRepository,
              public FeedbackRepository,
              public Outbox,
              public AccountTokens,
              public ConferenceRepository,
              public MediatorRepository,
              public MediationCaseRepository {
public:
  ~Store() override = default;

  // Applies the numbered migrations not yet applied, each in its own transaction; returns
  // how many it applied.
  virtual Task<int> migrate() = 0;
  // A cheap round trip to the database, for /readyz.
  virtual Task<Unit> ping() = 0;
  // Writes every change of `work` in one transaction, in order: all or none. The errors are
  // those of the single-change methods (conflict when an e-mail or id is taken). `work` is
  // read at the call: it need not outlive it.
  virtual Task<Unit> commit(const UnitOfWork &work) = 0;
};

} // namespace kelisim::core
