// The mediation's fee (Art. 22 of the Law on Mediation), pure: agreed in the contract before
// the mediation starts — free, or an amount in tiyn shared equally by the parties unless
// they agreed other shares; a public mediator works free.
#pragma once

#include "core/error.hpp"
#include "core/mediation/model.hpp"

#include <cstdint>
#include <vector>

namespace kelisim::core::mediation {

// Whether `fee` may be put in the case's contract: free with no amount or shares
// (field "fee_amount" "not_allowed"); paid with a positive amount ("fee_amount"
// "invalid_value"), none of the chosen mediators public ("fee" "public_mediator_free"), and
// shares, if any, naming only parties and summing to 100 ("fee_shares" "invalid_value").
Status checkFee(const Case &c, const Fee &fee);

// Each party's part of the contract's fee in tiyn, in the parties' order: equal parts unless
// shares_percent says otherwise; the tiyn left over from rounding fall to the first party.
std::vector<std::int64_t> feeShares(const Case &c);

} // namespace kelisim::core::mediation
