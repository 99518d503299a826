#include "core/conference/model.hpp"

#include <gtest/gtest.h>

namespace kelisim::core::conference {
namespace {

using namespace std::chrono_literals;

Conference at(Time start) {
  Conference c;
  c.starts_at = start;
  c.ends_at = start + 2h;
  return c;
}

TEST(ConferencePhase, FollowsTimesStatusAndTheModeratorsEnd) {
  const Time t = fromMillis(1'800'000'000'000);
  Conference c = at(t);
  EXPECT_EQ(phaseAt(c, t - 1min), Phase::upcoming);
  EXPECT_EQ(phaseAt(c, t), Phase::live);
  EXPECT_EQ(phaseAt(c, t + 2h), Phase::ended);
  c.status = ConferenceStatus::ended;
  EXPECT_EQ(phaseAt(c, t + 1min), Phase::ended);
  c.status = ConferenceStatus::cancelled;
  EXPECT_EQ(phaseAt(c, t + 1min), Phase::cancelled);
}

TEST(ConferenceProposal, ClosedAtFollowsTheStatus) {
  const Time t = fromMillis(1'800'000'000'000);
  Proposal p;
  p = withStatus(p, ProposalStatus::in_progress, t);
  EXPECT_FALSE(p.closed_at);
  p = withStatus(p, ProposalStatus::done, t + 1h);
  EXPECT_EQ(p.closed_at, t + 1h);
  p = withStatus(p, ProposalStatus::done, t + 2h); // already done: the first close stays
  EXPECT_EQ(p.closed_at, t + 1h);
  p = withStatus(p, ProposalStatus::dropped, t + 3h);
  EXPECT_EQ(p.closed_at, t + 3h);
  p = withStatus(p, ProposalStatus::open, t + 4h);
  EXPECT_EQ(p.status, ProposalStatus::open);
  EXPECT_FALSE(p.closed_at);
}

TEST(ConferenceSchedule, TimesAndDates) {
  const Time t = fromMillis(1'800'000'000'000);
  EXPECT_TRUE(checkTimes(t, t + 1h));
  EXPECT_EQ(checkTimes(t, t).error().fields.at(0).code, "not_after_start");
  EXPECT_EQ(checkTimes(t, t + 25h).error().fields.at(0).code, "too_long_span");
  EXPECT_TRUE(isDate("2026-12-31"));
  EXPECT_TRUE(isDate("2028-02-29"));
  EXPECT_FALSE(isDate("2027-02-29"));
  EXPECT_FALSE(isDate("2026-13-01"));
  EXPECT_FALSE(isDate("2026-1-01"));
  EXPECT_FALSE(isDate("abcd-ef-gh"));
}

TEST(ConferenceText, RoundTrips) {
  for (auto s : {ProposalStatus::open, ProposalStatus::in_progress, ProposalStatus::done,
                 ProposalStatus::dropped})
    EXPECT_EQ(parseProposalStatus(toString(s)), s);
  for (auto r : {ParticipantRole::moderator, ParticipantRole::speaker, ParticipantRole::guest})
    EXPECT_EQ(parseParticipantRole(toString(r)), r);
  EXPECT_EQ(parseConferenceStatus("cancelled"), ConferenceStatus::cancelled);
  EXPECT_FALSE(parseProposalStatus("closed"));
}

} // namespace
} // namespace kelisim::core::conference
