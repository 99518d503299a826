// Writing to the audit trail (pass a named AuditEntry: GCC 12 destroys braced temporaries
// in coroutine arguments twice, PR 101367): who did what to which object, when and from where. The
// detail is a small JSON object and never holds secrets or mediation content.
#pragma once

#include "app/caller.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/store.hpp"

#include <optional>
#include <string>

namespace kelisim::app {

struct AuditEntry {
  std::optional<std::string> actor;
  std::string action;
  std::string object_type = "user";
  std::string object_id;
  std::string detail = "{}";
};

// The event of `entry`, at the clock's now, from the caller's address: for a unit of work.
core::AuditEvent auditEvent(const core::Clock &clock, const Caller &caller,
                            const AuditEntry &entry);

core::Task<core::Unit> recordAudit(core::Store &store, const core::Clock &clock,
                                   const Caller &caller, const AuditEntry &entry);

} // namespace kelisim::app
