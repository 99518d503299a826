#include "core/mediation/fees.hpp"

namespace kelisim::core::mediation {

Status checkFee(const Case &c, const Fee &fee) {
  if (fee.kind == FeeKind::free) {
    if (fee.amount_tiyn != 0 || !fee.shares_percent.empty())
      return Error::field("fee_amount", "not_allowed");
    return okStatus();
  }
  if (fee.amount_tiyn <= 0) return Error::field("fee_amount", "invalid_value");
  for (const auto *m : chosenMediators(c))
    if (m->is_public) return Error::field("fee", "public_mediator_free");
  if (fee.shares_percent.empty()) return okStatus();
  int sum = 0;
  for (const auto &[party, percent] : fee.shares_percent) {
    const auto *p = partyOf(c, party);
    if (!p || p->id != party || percent < 0 || percent > 100)
      return Error::field("fee_shares", "invalid_value");
    sum += percent;
  }
  if (sum != 100) return Error::field("fee_shares", "invalid_value");
  return okStatus();
}

std::vector<std::int64_t> feeShares(const Case &c) {
  const Fee &fee = c.contract.fee;
  std::vector<std::int64_t> out(c.parties.size(), 0);
  if (fee.kind == FeeKind::free || c.parties.empty()) return out;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < c.parties.size(); ++i) {
    if (fee.shares_percent.empty()) {
      out[i] = fee.amount_tiyn / static_cast<std::int64_t>(c.parties.size());
    } else {
      auto it = fee.shares_percent.find(c.parties[i].id);
      out[i] = it == fee.shares_percent.end() ? 0 : fee.amount_tiyn * it->second / 100;
    }
    given += out[i];
  }
  out[0] += fee.amount_tiyn - given;
  return out;
}

} // namespace kelisim::core::mediation
