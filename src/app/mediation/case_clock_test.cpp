#include "app/mediation/case_clock.hpp"

#include "app/mediation/case_service.hpp"
#include "app/testing.hpp"
#include "core/mediation/deadlines.hpp"
#include "core/mediation/testing.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace kelisim::app::mediation {
namespace {

namespace mt = core::mediation::testing;
using core::Language;
using testing::run;
using namespace std::chrono_literals;

const core::Time kFar = mt::t0 + std::chrono::days(3650);
const std::string kObligationText = "pay 150000 tenge of wages";

// The mails queued since the last look: (recipient, language, what, date, days).
struct Sent {
  std::string to;
  Language language = Language::ru;
  std::string what;
  std::string date;
  std::string days;
  bool operator==(const Sent &) const = default;
};
std::ostream &operator<<(std::ostream &os, const Sent &s) {
  return os << s.to << "/" << core::toString(s.language) << "/" << s.what << "/" << s.date << "/"
            << s.days;
}

// Alice (kk) opens; Acme has no account and an address of its own (the case is in ru); its
// lawyer (en) and the mediator (kk) have accounts. Days are counted from t0, 2 March 2026,
// 10:00 in Kazakhstan.
struct CaseClockTest : ::testing::Test {
  testing::TempStore db;
  core::FakeClock clock{mt::t0};
  SodiumRandom random;
  // Pages of two, so that three cases take two pages.
  CaseClock case_clock{*db.store, clock, random, MailSettings{"https://kelisim.kz/"}, 2};
  std::vector<core::Mail> all_mails;

  void SetUp() override {
    addUser(mt::kAlice, "alice@example.kz", Language::kk);
    addUser(mt::kAcmeLawyer, "lawyer@example.kz", Language::en);
    addUser(mt::kMed, "med@example.kz", Language::kk);
  }
  void TearDown() override {
    // Art. 8: no mail carries the case's content, only the reminder's kind, dates and link.
    for (const auto &m : all_mails) {
      EXPECT_EQ(m.kind, core::MailKind::mediation_reminder);
      for (const auto &[key, value] : m.params) {
        EXPECT_TRUE(key == "link" || key == "what" || key == "date" || key == "days") << key;
        for (const char *content : {"unpaid wages", "Alice", "Acme", "Lawyer", "900101300123",
                                    "080140000123", "tenge", "power of attorney"})
          EXPECT_EQ(value.find(content), std::string::npos) << key << "=" << value;
      }
    }
  }
  void addUser(const std::string &id, const std::string &email, Language language) {
    core::User u;
    u.id = id;
    u.email = email;
    u.display_name = "Someone";
    u.language = language;
    u.created_at = mt::t0;
    core::UnitOfWork work;
    work.add(core::NewUser{u});
    ASSERT_TRUE(run(db.store->commit(work)));
  }
  static md::Case draft(const std::string &id = "case1") {
    md::Case d = mt::draft();
    d.id = id;
    d.parties[1].email = "acme@example.kz";
    return d;
  }
  void save(const md::Case &c, std::int64_t expected) {
    core::UnitOfWork work;
    work.add(core::CaseSaved{c, caseReaders(c), expected});
    auto done = run(db.store->commit(work));
    ASSERT_TRUE(done) << done.error().log;
  }
  core::CaseRecord stored(const std::string &id = "case1") {
    return run(db.store->getCase(id)).value();
  }
  ClockRun tick() {
    auto r = run(case_clock.run());
    EXPECT_TRUE(r) << (r ? "" : r.error().log);
    return r ? *r : ClockRun{};
  }
  // Moves the clock to 10:00 of `day` (t0's day is 0) and runs.
  ClockRun tickOn(int day) {
    const core::Time at = mt::t0 + std::chrono::days(day);
    clock.advance(at - clock.now());
    return tick();
  }
  std::vector<Sent> mails() {
    auto claimed = run(db.store->claimMail(kFar, kFar + std::chrono::days(3650), 1000)).value();
    std::vector<Sent> out;
    for (const auto &m : claimed) {
      all_mails.push_back(m);
      out.push_back(
          {m.recipient, m.language, m.params.at("what"), m.params.at("date"), m.params.at("days")});
      EXPECT_EQ(m.params.at("link").rfind("https://kelisim.kz/cases/", 0), 0u)
          << m.params.at("link");
    }
    std::sort(out.begin(), out.end(), [](const Sent &a, const Sent &b) { return a.to < b.to; });
    return out;
  }
  std::vector<std::string> auditActions() {
    std::vector<std::string> out;
    const auto events = run(db.store->listAudit(std::nullopt, 100)).value();
    for (const auto &e : events)
      if (e.object_type == "mediation_case") {
        EXPECT_FALSE(e.actor_id); // the clock did it
        out.push_back(e.action + ":" + e.object_id);
      }
    return out;
  }
};

std::vector<Sent> to(std::vector<std::pair<std::string, Language>> people, const std::string &what,
                     const std::string &date, int days) {
  std::vector<Sent> out;
  for (auto &[who, language] : people)
    out.push_back({who, language, what, date, std::to_string(days)});
  std::sort(out.begin(), out.end(), [](const Sent &a, const Sent &b) { return a.to < b.to; });
  return out;
}
const std::pair<std::string, Language> kAliceTo{"alice@example.kz", Language::kk};
const std::pair<std::string, Language> kAcmeTo{"acme@example.kz", Language::ru};
const std::pair<std::string, Language> kLawyerTo{"lawyer@example.kz", Language::en};
const std::pair<std::string, Language> kMedTo{"med@example.kz", Language::kk};

TEST_F(CaseClockTest, AnInvitationUnansweredForTenDaysIsDeemedRefused) {
  save(mt::inviting(draft()), 0); // sent on 2 March: its last day is 12 March
  for (int day = 0; day <= 7; ++day) {
    EXPECT_FALSE(tickOn(day).any()) << day;
    EXPECT_TRUE(mails().empty()) << day;
  }
  // 10 March: two days left; Acme has not answered (Alice opened it and consented).
  auto r = tickOn(8);
  EXPECT_EQ(r.reminded, 2);
  EXPECT_EQ(mails(), to({kAcmeTo, kLawyerTo}, "invitation_lapsing", "2026-03-12", 2));
  EXPECT_FALSE(tickOn(9).any());
  EXPECT_FALSE(tickOn(10).any()); // the last day itself
  // Its last minute: still open; at midnight it lapses.
  clock.advance(*md::invitationDeadline(stored().c) - 1ms - clock.now());
  EXPECT_FALSE(tick().any());
  clock.advance(1ms);
  r = tick();
  EXPECT_EQ(r.lapsed, 1);
  EXPECT_EQ(r.reminded, 3);
  auto c = stored();
  EXPECT_EQ(c.version, 3);
  EXPECT_EQ(c.c.stage, md::CaseStage::ended);
  EXPECT_EQ(c.c.ending->ground, md::EndGround::invitation_lapsed);
  EXPECT_FALSE(c.c.ending->by);
  EXPECT_EQ(mails(), to({kAliceTo, kAcmeTo, kLawyerTo}, "invitation_lapsed", "2026-03-12", 0));
  EXPECT_EQ(auditActions(), std::vector<std::string>{"mediation.invitation_lapsed:case1"});
  EXPECT_FALSE(tickOn(20).any()); // an ended case is left alone
}

TEST_F(CaseClockTest, AnInvitationWithItsOwnTermOfThreeDays) {
  auto c = mt::step(mt::screening(draft()), md::ScreeningPassed{}, "");
  c = mt::step(c, md::InvitationSent{3}, mt::kAlice); // 2 March: its last day is 5 March
  save(c, 0);
  EXPECT_FALSE(tickOn(0).any()); // not on the day it was sent
  EXPECT_EQ(tickOn(1).reminded, 2);
  EXPECT_EQ(mails(), to({kAcmeTo, kLawyerTo}, "invitation_lapsing", "2026-03-05", 2));
  EXPECT_FALSE(tickOn(2).any());
  EXPECT_FALSE(tickOn(3).any());
  EXPECT_EQ(tickOn(4).lapsed, 1);
  EXPECT_EQ(mails().size(), 3u);
}

TEST_F(CaseClockTest, AnAnsweredInvitationNeverLapses) {
  save(mt::choosing(draft()), 0);
  for (int day = 0; day <= 12; ++day) EXPECT_FALSE(tickOn(day).any()) << day;
  EXPECT_EQ(stored().c.stage, md::CaseStage::choosing_mediator);
}

TEST_F(CaseClockTest, TheTermRunsOutAfterThirtyDaysWithRemindersAtFiveAndOne) {
  save(mt::running(mt::t0 + 24h, draft()), 0); // from 3 March: its last day is 2 April
  const auto everyone = std::vector{kAliceTo, kAcmeTo, kLawyerTo, kMedTo};
  std::map<int, ClockRun> runs;
  std::map<int, std::vector<Sent>> sent;
  for (int day = 1; day <= 40; ++day) {
    runs[day] = tickOn(day);
    if (auto m = mails(); !m.empty()) sent[day] = m;
  }
  // 28 March (day 26): 5 days left; 1 April (day 30): 1 day; 3 April (day 32): run out.
  EXPECT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[26], to(everyone, "term_ending", "2026-04-02", 5));
  EXPECT_EQ(sent[30], to(everyone, "term_ending", "2026-04-02", 1));
  EXPECT_EQ(sent[32], to(everyone, "term_expired", "2026-04-02", 0));
  EXPECT_EQ(runs[32].expired, 1);
  EXPECT_EQ(runs[31].expired, 0);
  const auto c = stored().c;
  EXPECT_EQ(c.ending->ground, md::EndGround::term_expired);
  EXPECT_EQ(c.ending->at, mt::t0 + std::chrono::days(32));
  EXPECT_EQ(c.reminders_sent, (std::set<std::string>{"term:5:30", "term:1:30", "term:expired"}));
  EXPECT_EQ(auditActions(), std::vector<std::string>{"mediation.term_expired:case1"});
}

TEST_F(CaseClockTest, AfterAnExtensionToSixtyTheTermRunsOutNotBefore) {
  save(mt::running(mt::t0 + 24h, draft()), 0);
  EXPECT_EQ(tickOn(26).reminded, 4); // five days left of thirty
  mails();
  // 29 March: the parties and, out of court, the mediator agree on 30 more days.
  auto read = stored();
  auto c = mt::step(read.c, md::ExtensionRequested{30}, mt::kAlice, mt::t0 + 27 * 24h);
  c = mt::step(c, md::ExtensionAgreed{}, mt::kAcmeLawyer, mt::t0 + 27 * 24h);
  c = mt::step(c, md::ExtensionAgreed{}, mt::kMed, mt::t0 + 27 * 24h);
  ASSERT_EQ(c.term_days, 60);
  save(c, read.version);
  std::map<int, std::vector<Sent>> sent;
  ClockRun last;
  for (int day = 27; day <= 70; ++day) {
    last = tickOn(day);
    if (auto m = mails(); !m.empty()) sent[day] = m;
    if (day < 62) {
      EXPECT_EQ(last.expired, 0) << day;
    }
  }
  // The new last day is 2 May (day 61): reminders on 27 April and 1 May, the end on 3 May.
  const auto everyone = std::vector{kAliceTo, kAcmeTo, kLawyerTo, kMedTo};
  EXPECT_EQ(sent.size(), 3u);
  EXPECT_EQ(sent[56], to(everyone, "term_ending", "2026-05-02", 5));
  EXPECT_EQ(sent[60], to(everyone, "term_ending", "2026-05-02", 1));
  EXPECT_EQ(sent[62], to(everyone, "term_expired", "2026-05-02", 0));
  EXPECT_EQ(stored().c.ending->ground, md::EndGround::term_expired);
}

TEST_F(CaseClockTest, AClockThatWasDownSendsOneReminderNotTwo) {
  save(mt::running(mt::t0 + 24h, draft()), 0);
  EXPECT_EQ(tickOn(31).reminded, 4); // the last day, nothing sent before
  const auto m = mails();
  EXPECT_EQ(m, to({kAliceTo, kAcmeTo, kLawyerTo, kMedTo}, "term_ending", "2026-04-02", 0));
  EXPECT_EQ(stored().c.reminders_sent, (std::set<std::string>{"term:5:30", "term:1:30"}));
}

TEST_F(CaseClockTest, ARunTwiceInARowSendsNothingNew) {
  save(mt::running(mt::t0 + 24h, draft()), 0);
  clock.advance(26 * 24h);
  EXPECT_EQ(tick().reminded, 4);
  EXPECT_FALSE(tick().any());
  EXPECT_EQ(mails().size(), 4u);
  EXPECT_EQ(stored().version, 2);
}

TEST_F(CaseClockTest, ACaseChangedMeanwhileIsSkippedAndDoneAtTheNextRun) {
  save(mt::running(mt::t0 + 24h, draft()), 0);
  auto invited = mt::step(mt::screening(draft("case2")), md::ScreeningPassed{}, "");
  save(mt::step(invited, md::InvitationSent{90}, mt::kAlice), 0); // nothing due for long
  save(mt::running(mt::t0 + 24h, draft("case3")), 0);
  clock.advance(26 * 24h);
  auto page = run(db.store->listCasesForClock("", 10)).value();
  ASSERT_EQ(page.size(), 3u);
  auto read = stored();
  save(read.c, read.version); // someone writes case1 after the clock read it
  const auto r = run(case_clock.tend(page)).value();
  EXPECT_EQ(r.conflicts, 1);
  EXPECT_EQ(r.reminded, 4); // case3's; case2 has nothing due
  EXPECT_EQ(stored().c.reminders_sent.size(), 0u);
  EXPECT_EQ(mails().size(), 4u);
  const auto again = tick();
  EXPECT_EQ(again.conflicts, 0);
  EXPECT_EQ(again.reminded, 4);
  EXPECT_EQ(stored().c.reminders_sent, (std::set<std::string>{"term:5:30"}));
  EXPECT_EQ(mails().size(), 4u);
}

TEST_F(CaseClockTest, ASettlementsObligationsAreFollowedUp) {
  // Acme owes wages by the end of 9 April (day 38); the second obligation is performed.
  const core::Time due = *core::parseRfc3339("2026-04-10T00:00:00+05:00");
  const md::Obligation pay{"o1", mt::kAcme, kObligationText, "bank transfer", due, {}, {}, {}};
  const md::Obligation letter{"o2", mt::kAlice, "Alice withdraws the claim", "", due, {}, {}, {}};
  auto c = mt::step(mt::running(mt::t0 + 24h, draft()),
                    md::SettlementDrafted{"s1", {pay, letter}, {}, {}, {}}, mt::kMed, mt::t0 + 48h);
  for (const auto &who : {mt::kAlice, mt::kAcmeLawyer, mt::kMed})
    c = mt::step(c, md::SettlementSigned{1, "s1", {}}, who, mt::t0 + 49h);
  c = mt::step(c, md::ObligationMarked{"o2", true}, mt::kAlice, mt::t0 + 50h);
  ASSERT_EQ(c.ending->ground, md::EndGround::settled);
  save(c, 0);
  std::map<int, std::vector<Sent>> sent;
  for (int day = 2; day <= 45; ++day) {
    tickOn(day);
    if (auto m = mails(); !m.empty()) sent[day] = m;
  }
  // 6 April: three days left, to the party that owes it; 10 April: overdue, to every party.
  EXPECT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[35], to({kAcmeTo, kLawyerTo}, "obligation_due", "2026-04-09", 3));
  EXPECT_EQ(sent[39], to({kAliceTo, kAcmeTo, kLawyerTo}, "obligation_overdue", "2026-04-09", 0));
  EXPECT_EQ(stored().c.reminders_sent,
            (std::set<std::string>{"obligation:o1:due", "obligation:o1:overdue"}));
}

TEST_F(CaseClockTest, AnObligationMarkedPerformedIsNotChased) {
  const core::Time due = *core::parseRfc3339("2026-04-10T00:00:00+05:00");
  const md::Obligation pay{"o1", mt::kAcme, kObligationText, "", due, {}, {}, {}};
  auto c = mt::step(mt::running(mt::t0 + 24h, draft()),
                    md::SettlementDrafted{"s1", {pay}, {}, {}, {}}, mt::kMed, mt::t0 + 48h);
  for (const auto &who : {mt::kAlice, mt::kAcmeLawyer, mt::kMed})
    c = mt::step(c, md::SettlementSigned{1, "s1", {}}, who, mt::t0 + 49h);
  c = mt::step(c, md::ObligationMarked{"o1", true}, mt::kAcmeLawyer, mt::t0 + 50h);
  save(c, 0);
  for (int day = 30; day <= 45; ++day) EXPECT_FALSE(tickOn(day).any()) << day;
}

} // namespace
} // namespace kelisim::app::mediation
