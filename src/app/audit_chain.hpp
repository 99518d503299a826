// The audit trail made tamper-evident (Law of the RK No. 94-V) and readable by admins.
//
// Each entry is sealed a moment after it is written: its seal names the entry before it in the
// chain (prev_id) and holds SHA-256 over that entry's hash and this entry's fields, length-
// prefixed so that no two entries encode alike. The address is left out: it is personal data
// that may have to be erased, and erasing it must not break the chain. Sealing runs on every
// instance (once a second, from main); two sealers compute the same seals from the same
// chain, and an entry once sealed is never sealed again.
//
// verify() walks the whole trail in id order and finds the first entry that was edited (its
// hash no longer matches), deleted (the next entry's prev_id names an entry that is not
// there) or unsealed by hand (a sealed entry after an unsealed one). Removing the newest
// entries together with their seals is not detectable from the chain alone: the figure of
// entries checked is printed so an operator can compare it with an earlier run.
#pragma once

#include "app/caller.hpp"
#include "core/ports/store.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace kelisim::app {

// The seal's hash of `entry` after the entry (prev_id, prev_hash); both empty for the first.
std::string auditHash(const core::AuditEvent &entry, std::optional<std::int64_t> prev_id,
                      const std::string &prev_hash);

struct AuditReport {
  std::int64_t checked = 0;              // sealed entries whose seal holds
  std::int64_t unsealed = 0;             // the newest entries, not sealed yet
  std::optional<std::int64_t> broken_at; // the first entry that breaks the chain
  std::string reason;                    // why, in a few words (for the command line)
};

class AuditService {
public:
  explicit AuditService(core::Store &store) : store_(store) {}

  // Seals what is not sealed yet and older than 10 s at `now`, up to `batch` entries, in id
  // order; returns how many. (On PostgreSQL an id is taken when an entry is written and the
  // entry seen when its transaction commits, a moment later, so a fresh entry may still have
  // an older neighbour on its way; the chain must not pass over it.)
  core::Task<int> seal(core::Time now, int batch = 1000);
  core::Task<AuditReport> verify();
  // The trail, newest first, filtered: for admins only.
  core::Task<std::vector<core::AuditEvent>> search(const Caller &caller, core::AuditQuery query);

private:
  core::Store &store_;
};

} // namespace kelisim::app
