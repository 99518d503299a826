#include "app/audit.hpp"

namespace kelisim::app {

core::AuditEvent auditEvent(const core::Clock &clock, const Caller &caller,
                            const AuditEntry &entry) {
  core::AuditEvent e;
  e.at = clock.now();
  e.actor_id = entry.actor;
  e.action = entry.action;
  e.object_type = entry.object_type;
  e.object_id = entry.object_id;
  e.detail = entry.detail;
  e.ip = caller.ip;
  return e;
}

core::Task<core::Unit> recordAudit(core::Store &store, const core::Clock &clock,
                                   const Caller &caller, const AuditEntry &entry) {
  const core::AuditEvent e = auditEvent(clock, caller, entry);
  auto id = co_await store.appendAudit(e);
  if (!id) co_return id.error();
  co_return core::Unit{};
}

} // namespace kelisim::app
