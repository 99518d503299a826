#include "app/mediation/case_clock.hpp"

#include "app/audit.hpp"
#include "app/mediation/case_service.hpp"
#include "core/mediation/case_lifecycle.hpp"
#include "core/mediation/deadlines.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kelisim::app::mediation {

namespace md = core::mediation;
using core::ErrorCode;

namespace {

constexpr int kInvitationReminderDays = 2;
constexpr int kTermFirstReminderDays = 5;
constexpr int kTermLastReminderDays = 1;
constexpr int kObligationReminderDays = 3;

std::chrono::sys_days localDay(core::Time t) {
  return std::chrono::sys_days(core::kazakhstanDate(t));
}

// Who a reminder goes to.
enum class Audience { not_consented, parties, parties_and_mediators, owing_party };

struct Reminder {
  std::string key;
  std::string what; // mail.mediation_reminder's `what`
  std::string date; // YYYY-MM-DD
  int days = 0;
  Audience audience = Audience::parties;
  std::string party_id; // for owing_party
};

struct Plan {
  std::optional<md::CaseEvent> event;
  std::string action; // the event's audit action
  std::vector<Reminder> reminders;
  std::vector<std::string> skipped; // keys made moot by a later reminder: recorded, not sent
  bool empty() const { return !event && reminders.empty() && skipped.empty(); }
};

bool sent(const md::Case &c, const std::string &key) {
  return c.reminders_sent.contains(key);
}

void planInvitation(const md::Case &c, core::Time now, Plan &plan) {
  const auto deadline = md::invitationDeadline(c);
  if (!deadline) return;
  const std::string date = md::lastDayOf(*deadline);
  if (now >= *deadline) {
    plan.event = md::InvitationLapsed{};
    plan.action = "mediation.invitation_lapsed";
    plan.reminders.push_back(
        {"invitation:lapsed", "invitation_lapsed", date, 0, Audience::parties, {}});
    return;
  }
  const int days = md::daysUntil(*deadline, now);
  // Not on the day it was sent: the invitation itself says when it lapses.
  if (days <= kInvitationReminderDays && localDay(now) > localDay(*c.invited_at) &&
      !sent(c, "invitation:2"))
    plan.reminders.push_back(
        {"invitation:2", "invitation_lapsing", date, days, Audience::not_consented, {}});
}

void planTerm(const md::Case &c, core::Time now, Plan &plan) {
  const auto ends = md::termEnds(c);
  if (!ends) return;
  const std::string date = md::lastDayOf(*ends);
  if (now >= *ends) {
    plan.event = md::TermExpired{};
    plan.action = "mediation.term_expired";
    plan.reminders.push_back(
        {"term:expired", "term_expired", date, 0, Audience::parties_and_mediators, {}});
    return;
  }
  const int days = md::daysUntil(*ends, now);
  const std::string term = ":" + std::to_string(c.term_days);
  const std::string first = "term:" + std::to_string(kTermFirstReminderDays) + term;
  const std::string last = "term:" + std::to_string(kTermLastReminderDays) + term;
  if (days <= kTermLastReminderDays && !sent(c, last)) {
    plan.reminders.push_back(
        {last, "term_ending", date, days, Audience::parties_and_mediators, {}});
    if (!sent(c, first)) plan.skipped.push_back(first); // one mail, not two at once
  } else if (days <= kTermFirstReminderDays && days > kTermLastReminderDays && !sent(c, first)) {
    plan.reminders.push_back(
        {first, "term_ending", date, days, Audience::parties_and_mediators, {}});
  }
}

void planObligations(const md::Case &c, core::Time now, Plan &plan) {
  for (const auto &o : c.settlement.obligations) {
    if (o.performed == true) continue;
    const std::string key = "obligation:" + o.id;
    const std::string date = md::lastDayOf(o.due);
    if (md::isOverdue(o, now)) {
      if (!sent(c, key + ":overdue"))
        plan.reminders.push_back(
            {key + ":overdue", "obligation_overdue", date, 0, Audience::parties, {}});
    } else if (const int days = md::daysUntil(o.due, now);
               days <= kObligationReminderDays && !sent(c, key + ":due")) {
      plan.reminders.push_back(
          {key + ":due", "obligation_due", date, days, Audience::owing_party, o.owed_by});
    }
  }
}

// What time has made due on `c` at `now`; nothing for a case the clock has no business with.
Plan planFor(const md::Case &c, core::Time now) {
  Plan plan;
  if (c.stage == md::CaseStage::inviting && c.invited_at) planInvitation(c, now, plan);
  if (c.stage == md::CaseStage::running) planTerm(c, now, plan);
  if (c.stage == md::CaseStage::ended && c.ending && c.ending->ground == md::EndGround::settled)
    planObligations(c, now, plan);
  return plan;
}

std::string detailOf(const md::Case &c) {
  std::string d = R"({"stage":")" + std::string(md::toString(c.stage)) + "\"";
  if (c.ending) d += R"(,"ending":")" + std::string(md::toString(c.ending->ground)) + "\"";
  return d + "}";
}

struct Recipient {
  std::string email;
  core::Language language = core::Language::ru;
};

} // namespace

CaseClock::CaseClock(core::Store &store, const core::Clock &clock, core::Random &random,
                     MailSettings settings, int page_size)
    : store_(store), clock_(clock), random_(random), settings_(std::move(settings)),
      page_size_(std::max(1, page_size)) {}

Task<ClockRun> CaseClock::run() {
  ClockRun total;
  std::string after;
  for (;;) {
    auto page = co_await store_.listCasesForClock(after, page_size_);
    if (!page) co_return page.error();
    const bool last = static_cast<int>(page->size()) < page_size_;
    if (!page->empty()) after = page->back().c.id;
    auto done = co_await tend(std::move(*page));
    if (!done) co_return done.error();
    total.lapsed += done->lapsed;
    total.expired += done->expired;
    total.reminded += done->reminded;
    total.conflicts += done->conflicts;
    if (last) break;
  }
  co_return total;
}

Task<ClockRun> CaseClock::tend(std::vector<core::CaseRecord> page) {
  ClockRun counts;
  const core::Time now = clock_.now();
  for (const auto &record : page) {
    auto done = co_await tendOne(record, now, counts);
    if (!done) co_return done.error();
  }
  co_return counts;
}

Task<core::Unit> CaseClock::tendOne(const core::CaseRecord &record, core::Time now,
                                    ClockRun &counts) {
  Plan plan = planFor(record.c, now);
  if (plan.empty()) co_return core::Unit{};
  md::Case c = record.c;
  if (plan.event) {
    auto moved = md::apply(c, *plan.event, now, "");
    if (!moved) co_return core::Unit{}; // the rules say not now: nothing to do this run
    c = std::move(moved).value();
  }

  // Who is mailed, resolved once per person: accounts first, else the party's own address.
  const auto case_language = core::parseLanguage(c.language).value_or(core::Language::ru);
  std::map<std::string, std::optional<Recipient>> accounts;
  std::vector<std::string> ids;
  for (const auto &p : c.parties) {
    ids.push_back(p.id);
    for (const auto &r : p.representatives) ids.push_back(r.id);
  }
  for (const auto *m : md::chosenMediators(c)) ids.push_back(m->mediator_id);
  for (const auto &id : ids) {
    if (accounts.contains(id)) continue;
    auto user = co_await store_.getUser(id);
    if (!user && user.error().code != ErrorCode::not_found) co_return user.error();
    std::optional<Recipient> to;
    if (user && !user->deactivated_at && !user->email.empty())
      to = Recipient{user->email, user->language};
    accounts[id] = to;
  }
  const auto partyRecipients = [&](const md::Party &p, std::vector<Recipient> &out) {
    if (const auto &own = accounts[p.id])
      out.push_back(*own);
    else if (p.email)
      out.push_back({*p.email, case_language});
    for (const auto &r : p.representatives)
      if (const auto &rep = accounts[r.id]) out.push_back(*rep);
  };

  core::UnitOfWork work;
  int mails = 0;
  const std::string link = pageUrl(settings_, "/cases/" + c.id);
  for (const auto &reminder : plan.reminders) {
    std::vector<Recipient> to;
    for (const auto &p : c.parties) {
      const bool wanted = reminder.audience == Audience::parties ||
                          reminder.audience == Audience::parties_and_mediators ||
                          (reminder.audience == Audience::not_consented && !p.consented_at) ||
                          (reminder.audience == Audience::owing_party && p.id == reminder.party_id);
      if (wanted) partyRecipients(p, to);
    }
    if (reminder.audience == Audience::parties_and_mediators)
      for (const auto *m : md::chosenMediators(c))
        if (const auto &med = accounts[m->mediator_id]) to.push_back(*med);
    std::set<std::string> mailed;
    for (const auto &r : to) {
      if (!mailed.insert(r.email).second) continue;
      std::map<std::string, std::string> params = {{"link", link},
                                                   {"what", reminder.what},
                                                   {"date", reminder.date},
                                                   {"days", std::to_string(reminder.days)}};
      work.add(core::NewMail{newMail(core::MailKind::mediation_reminder, r.email, r.language,
                                     std::move(params), now, random_)});
      ++mails;
    }
    c.reminders_sent.insert(reminder.key); // even with no one to mail: it is not due again
  }
  for (const auto &key : plan.skipped) c.reminders_sent.insert(key);

  work.add(core::CaseSaved{c, caseReaders(c), record.version});
  if (plan.event) {
    const AuditEntry entry{std::nullopt, plan.action, "mediation_case", c.id, detailOf(c)};
    work.add(core::AuditRecord{auditEvent(clock_, Caller{}, entry)});
  }
  auto committed = co_await store_.commit(work);
  if (!committed) {
    if (committed.error().code != ErrorCode::conflict) co_return committed.error();
    ++counts.conflicts; // changed since the page was read: the next run sees it anew
    co_return core::Unit{};
  }
  if (plan.event && std::holds_alternative<md::InvitationLapsed>(*plan.event)) ++counts.lapsed;
  if (plan.event && std::holds_alternative<md::TermExpired>(*plan.event)) ++counts.expired;
  counts.reminded += mails;
  co_return core::Unit{};
}

} // namespace kelisim::app::mediation
