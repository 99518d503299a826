#include "core/mediation/deadlines.hpp"

#include "core/mediation/case_lifecycle.hpp"
#include "core/mediation/testing.hpp"

#include <gtest/gtest.h>

namespace kelisim::core::mediation {

using namespace testing;

namespace {
Time local(const char *text) {
  return *parseRfc3339(text);
}
} // namespace

TEST(MediationDeadlines, ATermInDaysRunsFromTheNextDayToTheEndOfItsLast) {
  const Time ends = local("2026-03-13T00:00:00+05:00");
  // Any instant of 2 March in Kazakhstan gives the same end, whatever the UTC date.
  EXPECT_EQ(termOfDaysEnds(local("2026-03-02T00:00:00+05:00"), 10), ends);
  EXPECT_EQ(termOfDaysEnds(local("2026-03-02T23:59:59+05:00"), 10), ends);
  EXPECT_EQ(termOfDaysEnds(local("2026-03-01T23:59:59+05:00"), 10), ends - 24h);
  // Across the end of February in a common year.
  EXPECT_EQ(termOfDaysEnds(local("2026-02-20T12:00:00+05:00"), 30),
            local("2026-03-23T00:00:00+05:00"));
}

TEST(MediationDeadlines, NothingIsDueBeforeItsStart) {
  EXPECT_FALSE(invitationDeadline(screening()));
  EXPECT_FALSE(termEnds(contracting()));
  EXPECT_FALSE(daysLeft(contracting(), t0));
}

TEST(MediationDeadlines, TheMediationLasts30Days) {
  const Time start = local("2026-03-05T16:30:00+05:00");
  const Case c = running(start);
  const Time ends = local("2026-04-05T00:00:00+05:00"); // 4 April is the 30th day
  EXPECT_EQ(termEnds(c), ends);
  EXPECT_EQ(daysLeft(c, start), 30);
  EXPECT_EQ(daysLeft(c, local("2026-03-06T00:00:00+05:00")), 29);
  EXPECT_EQ(daysLeft(c, local("2026-04-03T23:59:59+05:00")), 1);
  EXPECT_EQ(daysLeft(c, local("2026-04-04T08:00:00+05:00")), 0); // the last day
  EXPECT_EQ(daysLeft(c, ends + 24h), 0);
  EXPECT_TRUE(mayHoldSessions(c, ends - 1ms));
  EXPECT_FALSE(mayHoldSessions(c, ends));
  EXPECT_EQ(codeOf(apply(c, TermExpired{}, ends - 1ms, "")), ErrorCode::conflict);
  const Case e = step(c, TermExpired{}, "", ends);
  EXPECT_EQ(e.ending, (Ending{EndGround::term_expired, std::nullopt, ends, ""}));
  EXPECT_TRUE(noticeAvailable(e));
  EXPECT_FALSE(mayHoldSessions(e, ends - 1h));
}

TEST(MediationDeadlines, OnceTheTermRanOutOnlyItsExpiryIsTaken) {
  const Case c = step(running(), SettlementDrafted{"s1", {}, {}, {}, {}}, kMed);
  const Time ends = *termEnds(c);
  for (const CaseEvent &e : std::vector<CaseEvent>{SettlementSigned{1, "s1", {}}, Withdrawn{},
                                                   ExtensionRequested{5}, SettlementDrafted{}})
    EXPECT_EQ(codeOf(apply(c, e, ends, kAlice)), ErrorCode::conflict) << e.index();
  EXPECT_TRUE(apply(c, SettlementSigned{1, "s1", {}}, ends - 1ms, kAlice).ok());
}

TEST(MediationDeadlines, WithACourtCaseThePartiesExtendTo60AndNoFurther) {
  Case d = draft();
  d.court_case_pending = true;
  Case c = running(t0 + 24h, d);
  const Time ends30 = *termEnds(c);
  c = step(c, ExtensionRequested{20}, kAlice, t0 + 48h);
  EXPECT_EQ(c.term_days, 30); // acme has not agreed yet
  EXPECT_EQ(codeOf(apply(c, ExtensionRequested{5}, t0 + 48h, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, ExtensionAgreed{}, t0 + 48h, kAlice)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(c, ExtensionAgreed{}, t0 + 48h, kStranger)), ErrorCode::forbidden);
  c = step(c, ExtensionAgreed{}, kAcmeLawyer, t0 + 50h); // no mediator's consent needed
  EXPECT_EQ(c.term_days, 50);
  EXPECT_EQ(termEnds(c), ends30 + 24h * 20);
  ASSERT_EQ(c.extensions.size(), 1u);
  EXPECT_TRUE(c.extensions[0].court_notice); // the joint notice to the court is due
  EXPECT_EQ(c.extensions[0].granted_at, t0 + 50h);
  EXPECT_FALSE(c.pending_extension);
  // Ten more days make 60; one more is refused.
  const auto beyond = apply(c, ExtensionRequested{11}, t0 + 60h, kAcme);
  EXPECT_EQ(fieldCode(beyond, "days"), "term_limit");
  EXPECT_EQ(beyond.error().fields[0].params.at("max"), "60");
  c = step(c, ExtensionRequested{10}, kAcme, t0 + 60h);
  c = step(c, ExtensionAgreed{}, kAlice, t0 + 61h);
  EXPECT_EQ(c.term_days, 60);
  EXPECT_EQ(termEnds(c), ends30 + 24h * 30);
  EXPECT_EQ(fieldCode(apply(c, ExtensionRequested{1}, t0 + 62h, kAcme), "days"), "term_limit");
  EXPECT_EQ(fieldCode(apply(c, ExtensionRequested{0}, t0 + 62h, kAcme), "days"), "out_of_range");
}

TEST(MediationDeadlines, ThirtyMoreDaysAtOnceAreTheMost) {
  Case d = draft();
  d.court_case_pending = true;
  const Case c = running(t0 + 24h, d);
  EXPECT_EQ(fieldCode(apply(c, ExtensionRequested{31}, t0 + 48h, kAlice), "days"), "term_limit");
  EXPECT_EQ(fieldCode(apply(c, ExtensionRequested{-1}, t0 + 48h, kAlice), "days"), "out_of_range");
  const Case e = step(step(c, ExtensionRequested{30}, kMed, t0 + 48h), ExtensionAgreed{}, kAlice);
  EXPECT_EQ(e.term_days, 30); // the mediator asked; both parties must agree
  EXPECT_EQ(step(e, ExtensionAgreed{}, kAcme).term_days, 60);
}

TEST(MediationDeadlines, OutOfCourtAnExtensionNeedsTheMediatorsConsent) {
  Case c = running();
  c = step(c, ExtensionRequested{10}, kAlice, t0 + 48h);
  c = step(c, ExtensionAgreed{}, kAcme, t0 + 49h);
  EXPECT_EQ(c.term_days, 30);
  ASSERT_TRUE(c.pending_extension);
  c = step(c, ExtensionAgreed{}, kMed, t0 + 50h);
  EXPECT_EQ(c.term_days, 40);
  EXPECT_FALSE(c.extensions[0].court_notice);
  EXPECT_EQ(c.extensions[0].agreed_by, (std::set<std::string>{kAlice, kAcme, kMed}));
}

TEST(MediationDeadlines, AnExtensionMayBeDeclined) {
  const Case asked = step(running(), ExtensionRequested{10}, kAlice, t0 + 48h);
  const Case byParty = step(asked, ExtensionDeclined{}, kAcme, t0 + 49h);
  EXPECT_FALSE(byParty.pending_extension);
  EXPECT_EQ(byParty.term_days, 30);
  EXPECT_FALSE(step(asked, ExtensionDeclined{}, kMed, t0 + 49h).pending_extension);
  EXPECT_EQ(codeOf(apply(byParty, ExtensionDeclined{}, t0 + 49h, kAcme)), ErrorCode::conflict);
  EXPECT_EQ(codeOf(apply(asked, ExtensionDeclined{}, t0 + 49h, kStranger)), ErrorCode::forbidden);
  // With a court case pending the mediator's consent is not asked, nor their refusal.
  Case d = draft();
  d.court_case_pending = true;
  const Case inCourt = step(running(t0 + 24h, d), ExtensionRequested{10}, kAlice, t0 + 48h);
  EXPECT_EQ(codeOf(apply(inCourt, ExtensionDeclined{}, t0 + 49h, kMed)), ErrorCode::forbidden);
}

} // namespace kelisim::core::mediation
