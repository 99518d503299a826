#include "app/audit_chain.hpp"

#include "app/sodium_random.hpp"

#include <algorithm>

namespace kelisim::app {

namespace {
void field(std::string &out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}
} // namespace

std::string auditHash(const core::AuditEvent &e, std::optional<std::int64_t> prev_id,
                      const std::string &prev_hash) {
  std::string text = "kelisim-audit-v1;";
  field(text, prev_hash);
  field(text, prev_id ? std::to_string(*prev_id) : std::string());
  field(text, std::to_string(e.id));
  field(text, std::to_string(core::toMillis(e.at)));
  field(text, e.actor_id ? "1" + *e.actor_id : std::string("0"));
  field(text, e.action);
  field(text, e.object_type);
  field(text, e.object_id);
  field(text, e.detail);
  return sha256Hex(text);
}

core::Task<int> AuditService::seal(core::Time now, int batch) {
  const auto settled = now - std::chrono::seconds(10);
  auto last = co_await store_.lastSealedAudit();
  if (!last) co_return last.error();
  std::optional<std::int64_t> prev_id;
  std::string prev_hash;
  if (*last) {
    prev_id = (*last)->id;
    prev_hash = (*last)->hash;
  }
  auto next = co_await store_.auditAfter(prev_id.value_or(0), batch);
  if (!next) co_return next.error();
  std::vector<core::AuditSeal> seals;
  for (const auto &e : *next) {
    if (!e.hash.empty()) break; // sealed meanwhile by another instance: next round
    if (e.at > settled) break;
    core::AuditSeal s{e.id, prev_id, auditHash(e, prev_id, prev_hash)};
    prev_id = e.id;
    prev_hash = s.hash;
    seals.push_back(std::move(s));
  }
  if (seals.empty()) co_return 0;
  auto sealed = co_await store_.sealAudit(seals);
  if (!sealed) co_return sealed.error();
  co_return static_cast<int>(seals.size());
}

core::Task<AuditReport> AuditService::verify() {
  AuditReport report;
  std::optional<std::int64_t> prev_id;
  std::string prev_hash;
  std::int64_t after = 0;
  bool unsealed_seen = false;
  for (;;) {
    auto page = co_await store_.auditAfter(after, 1000);
    if (!page) co_return page.error();
    if (page->empty()) break;
    for (const auto &e : *page) {
      after = e.id;
      if (e.hash.empty()) {
        unsealed_seen = true;
        ++report.unsealed;
        continue;
      }
      const auto fail = [&](std::string why) {
        report.broken_at = e.id;
        report.reason = std::move(why);
      };
      if (unsealed_seen)
        fail("sealed after an entry with no seal (a seal was removed)");
      else if (e.prev_id != prev_id)
        fail(prev_id ? "the entry before it is missing (deleted?)" : "does not start the chain");
      else if (e.hash != auditHash(e, prev_id, prev_hash))
        fail("its contents or seal were changed");
      if (report.broken_at) co_return report;
      ++report.checked;
      prev_id = e.id;
      prev_hash = e.hash;
    }
  }
  co_return report;
}

core::Task<std::vector<core::AuditEvent>> AuditService::search(const Caller &caller,
                                                               core::AuditQuery query) {
  if (!caller.user) co_return core::ErrorCode::unauthenticated;
  if (!caller.is(core::Role::admin)) co_return core::ErrorCode::forbidden;
  query.limit = std::clamp(query.limit, 1, 200);
  co_return co_await store_.searchAudit(query);
}

} // namespace kelisim::app
