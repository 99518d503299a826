#include "core/mediation/fees.hpp"

#include "core/mediation/testing.hpp"

#include <gtest/gtest.h>

namespace kelisim::core::mediation {

using namespace testing;

TEST(MediationFees, TheFeeIsSharedEquallyUnlessAgreedOtherwise) {
  Case c = screening();
  EXPECT_EQ(feeShares(c), (std::vector<std::int64_t>{0, 0}));
  c.contract.fee = Fee{FeeKind::paid, 1001, {}};
  EXPECT_EQ(feeShares(c), (std::vector<std::int64_t>{501, 500}));
  c.contract.fee.shares_percent = {{kAlice, 25}, {kAcme, 75}};
  EXPECT_EQ(feeShares(c), (std::vector<std::int64_t>{251, 750}));
  c.contract.fee.shares_percent = {{kAcme, 100}};
  EXPECT_EQ(feeShares(c), (std::vector<std::int64_t>{0, 1001}));
}

TEST(MediationFees, TheFeeIsAgreedBeforeTheStart) {
  const Case c = contracting();
  const auto draft = [&](Fee fee) -> Result<Case> {
    if (auto ok = checkFee(c, fee); !ok) return ok.error();
    return c;
  };
  EXPECT_TRUE(draft(Fee{FeeKind::paid, 100'000'00, {}}).ok());
  EXPECT_TRUE(draft(Fee{FeeKind::paid, 100'000'00, {{kAlice, 30}, {kAcme, 70}}}).ok());
  EXPECT_EQ(fieldCode(draft(Fee{FeeKind::paid, 0, {}}), "fee_amount"), "invalid_value");
  EXPECT_EQ(fieldCode(draft(Fee{FeeKind::free, 500, {}}), "fee_amount"), "not_allowed");
  EXPECT_EQ(fieldCode(draft(Fee{FeeKind::paid, 500, {{kAlice, 50}}}), "fee_shares"),
            "invalid_value");
  EXPECT_EQ(
      fieldCode(draft(Fee{FeeKind::paid, 500, {{kAlice, 50}, {kStranger, 50}}}), "fee_shares"),
      "invalid_value");
  EXPECT_EQ(
      fieldCode(draft(Fee{FeeKind::paid, 500, {{kAlice, 50}, {kAcmeLawyer, 50}}}), "fee_shares"),
      "invalid_value"); // a share is a party's, not its representative's
}

} // namespace kelisim::core::mediation
