#include "core/mediation/model.hpp"

#include "core/mediation/testing.hpp"

#include <gtest/gtest.h>

namespace kelisim::core::mediation {

using namespace testing;

namespace {
// Every value of an enum survives its text form, and the words are the stored ones.
template <typename E, typename Parse>
void roundTrips(std::initializer_list<std::string_view> words, Parse parse) {
  int i = 0;
  for (auto w : words) {
    const auto v = parse(w);
    ASSERT_TRUE(v) << w;
    EXPECT_EQ(static_cast<int>(*v), i++);
    EXPECT_EQ(toString(*v), w);
  }
  EXPECT_FALSE(parse("nonsense"));
}
} // namespace

TEST(MediationModel, TextFormsAreStable) {
  roundTrips<CaseStage>(
      {"screening", "inviting", "choosing_mediator", "contracting", "running", "ended"},
      parseCaseStage);
  roundTrips<EndGround>({"screening_refused", "invitation_refused", "invitation_lapsed", "settled",
                         "settlement_ruled_out", "parties_refused", "party_refused", "term_expired",
                         "conflict_of_interest"},
                        parseEndGround);
  roundTrips<PartyKind>({"person", "organisation"}, parsePartyKind);
  roundTrips<Source>({"party", "centre", "consultation"}, parseSource);
  roundTrips<Declaration>({"pending", "no_conflict", "conflict"}, parseDeclaration);
  roundTrips<FeeKind>({"free", "paid"}, parseFeeKind);
}

TEST(MediationModel, ARepresentativeActsForTheirParty) {
  const Case c = screening();
  EXPECT_EQ(partyOf(c, kAcmeLawyer)->id, kAcme);
  EXPECT_EQ(partyOf(c, kAlice)->id, kAlice);
  EXPECT_EQ(partyOf(c, kStranger), nullptr);
  EXPECT_EQ(partyOf(c, ""), nullptr);
}

} // namespace kelisim::core::mediation
