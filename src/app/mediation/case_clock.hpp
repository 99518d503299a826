// A mediation case's clock (issue 10; Law of the RK No. 401-IV "On Mediation"): what time
// alone does to a case, run by main.cpp every minute. One run reads the cases it looks after
// in pages (MediationCaseRepository::listCasesForClock) and, for each, in one unit of work
// with the case saved at the version it was read at:
//   Art. 20 p.6     an invitation unanswered by its deadline (10 days, or its own term) is
//                   deemed refused: InvitationLapsed, audited "mediation.invitation_lapsed";
//   Art. 23, 26     a running mediation whose term ran out ends: TermExpired, audited
//   p.1 sp.5        "mediation.term_expired" (no actor: the clock did it);
//   reminders       by e-mail, each once, its key kept in Case::reminders_sent with the mails
//                   in the same unit (a crash neither loses nor repeats one):
//                     invitation:2          the invitation lapses in 2 days or less → the
//                                           invited parties who have not answered
//                     term:5:<term>,        the term (of <term> days, so an extension has
//                     term:1:<term>         its own) ends in 5 days or less, in 1 day or
//                                           less → every party and chosen mediator
//                     invitation:lapsed,    with the transitions above → every party (and
//                     term:expired          the chosen mediators)
//                     obligation:<id>:due   a settled case's obligation is due in 3 days or
//                                           less → the party that owes it
//                     obligation:<id>:overdue  past due and not marked performed → every party
// Days are Kazakhstan's calendar days (deadlines.hpp). A party with an account is mailed at
// its user's address in its language, one without at Party::email in the case's language;
// representatives and mediators at their accounts'. A mail carries no content (Art. 8): no
// subject, names or obligation texts — only the kind of reminder, a date, a number of days and
// the case's link. A write that finds the case changed (conflict) is skipped and done again
// at the next run. Not thread-safe: one run at a time.
#pragma once

#include "app/account_links.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <vector>

namespace kelisim::app::mediation {

using core::Task;

// What one run did, for a log line (counts only, never content).
struct ClockRun {
  int lapsed = 0;    // invitations deemed refused
  int expired = 0;   // mediations ended on their term
  int reminded = 0;  // mails queued
  int conflicts = 0; // cases changed meanwhile, left for the next run
  bool any() const { return lapsed + expired + reminded + conflicts > 0; }
};

class CaseClock {
public:
  CaseClock(core::Store &store, const core::Clock &clock, core::Random &random,
            MailSettings settings, int page_size = 100);

  Task<ClockRun> run();
  // One page as it was read: what run() does with each page (a test races a write with it).
  Task<ClockRun> tend(std::vector<core::CaseRecord> page);

private:
  Task<core::Unit> tendOne(const core::CaseRecord &record, core::Time now, ClockRun &counts);

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  MailSettings settings_;
  int page_size_;
};

} // namespace kelisim::app::mediation
