#include "core/mediation/figures.hpp"

#include "core/mediation/deadlines.hpp"
#include "core/mediation/testing.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

namespace kelisim::core::mediation {

using namespace testing;

namespace {

const Time kFrom = t0 - 24h;
const Time kTo = t0 + 24h * 30;

// A draft whose people and words are all distinctive, to look for them in the figures.
Case namedDraft(std::string category = "family") {
  Case d = draft();
  d.id = "case-zhuldyz-7731";
  d.parties[0].name = "Zhuldyz Amanova";
  d.parties[0].identifier = "880101300002";
  d.parties[1].name = "Kokshetau Grain LLP";
  d.parties[1].identifier = "080140000123";
  d.parties[1].representatives[0].name = "Nurlan Beisenov";
  d.subject = "the orchard on Abai street";
  d.category = std::move(category);
  return d;
}

// `c` as kept with `region` (open() takes no region from the draft: the service sets it).
Case in(std::string region, Case c) {
  c.region = std::move(region);
  return c;
}

// Settled: drafted with `obligations`, signed by the last of the three at `signed_at`.
Case settled(std::vector<Obligation> obligations, Time signed_at, Case d = namedDraft()) {
  Case c = step(running(t0 + 24h, std::move(d)),
                SettlementDrafted{"s1", std::move(obligations), {}, "pay in full", "a fine"}, kMed,
                t0 + 30h);
  c = step(c, SettlementSigned{1, "s1", {}}, kAlice, t0 + 31h);
  c = step(c, SettlementSigned{1, "s1", {}}, kAcmeLawyer, t0 + 32h);
  return step(c, SettlementSigned{1, "s1", {}}, kMed, signed_at);
}

Obligation owed(std::string id, Time due) {
  return {std::move(id), kAcme, "pay 100 000 tenge", "bank transfer", due, {}, {}, {}};
}

// Every case the figures tests use: each stage, each ground, each way of performance.
std::vector<Case> everyKindOfCase() {
  std::vector<Case> cases;
  const Time due = t0 + 24h * 20;
  // Before the start: three endings and one still screening (kept without category, region).
  cases.push_back(in("KZ-71", step(screening(namedDraft("criminal")),
                                   ScreeningRefused{"corruption_crime"}, "", t0 + 1h)));
  cases.push_back(
      in("KZ-71", step(inviting(namedDraft()), InvitationRefused{}, kAcmeLawyer, t0 + 2h)));
  cases.push_back(in("KZ-75", step(inviting(namedDraft()), InvitationLapsed{}, "",
                                   *invitationDeadline(inviting()))));
  Case unfiled = screening(namedDraft());
  unfiled.category.clear();
  cases.push_back(unfiled);
  // Settled (started on 3 March local): signed on 3 March (0 days), 7 March (4), 13 March (10),
  // 23 March (20), 4 March (1).
  Case performed = settled({owed("o1", due), owed("o2", due)}, t0 + 25h);
  performed = step(performed, ObligationMarked{"o1", true}, kAcmeLawyer, due - 1h);
  performed = step(performed, ObligationMarked{"o2", true}, kAlice, due - 1h);
  cases.push_back(in("KZ-71", performed));
  Case failed = settled({owed("o1", due), owed("o2", due)}, t0 + 24h * 5);
  failed = step(failed, ObligationMarked{"o1", true}, kAcmeLawyer, due - 1h);
  failed = step(failed, ObligationMarked{"o2", false}, kAlice, due + 1h);
  cases.push_back(in("KZ-71", failed));
  cases.push_back(in("KZ-71", settled({owed("o1", t0 + 24h * 12)}, t0 + 24h * 11))); // due
  cases.push_back(in("KZ-71", settled({owed("o1", t0 + 24h * 90)}, t0 + 24h * 21))); // not yet
  cases.push_back(in("KZ-75", settled({}, t0 + 24h * 2, namedDraft("labour"))));
  // Started and ended otherwise (the testing draft: labour, no region).
  cases.push_back(step(running(), SettlementRuledOut{"no common ground"}, kMed, t0 + 48h));
  cases.push_back(step(running(), PartiesRefused{{kAlice, kAcme}}, kAlice, t0 + 48h));
  Case extended = step(running(), ExtensionRequested{10}, kAlice, t0 + 48h);
  extended = step(extended, ExtensionAgreed{}, kAcme, t0 + 49h);
  extended = step(extended, ExtensionAgreed{}, kMed, t0 + 50h);
  cases.push_back(step(extended, TermExpired{}, "", *termEnds(extended)));
  cases.push_back(step(running(), MediatorDeclared{true, "acme hired me"}, kMed, t0 + 48h));
  Case threat = step(running(t0 + 24h, namedDraft()),
                     ChildThreatRecorded{"bruises on the younger child"}, kMed, t0 + 48h);
  cases.push_back(in("KZ-71", step(threat, Withdrawn{}, kAlice, t0 + 50h)));
  // Open: running with a threat recorded twice.
  Case running_open =
      step(running(t0 + 24h, namedDraft()), ChildThreatRecorded{"a threat"}, kMed, t0 + 30h);
  cases.push_back(in("KZ-71", step(running_open, ChildThreatRecorded{"again"}, kMed, t0 + 31h)));
  return cases;
}

// The words and numbers of a text, split on anything but letters, digits, '-' and '_'.
std::set<std::string> tokensOf(const std::string &text) {
  std::set<std::string> tokens;
  std::string current;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') {
      current += c;
    } else if (!current.empty()) {
      tokens.insert(current);
      current.clear();
    }
  }
  if (!current.empty()) tokens.insert(current);
  return tokens;
}

} // namespace

TEST(MediationFigures, CountsEveryCaseOpenedInThePeriodByItsKeys) {
  const auto f = figuresOf(everyKindOfCase(), kFrom, kTo, t0 + 24h * 15);
  EXPECT_EQ(f.opened, 15);
  EXPECT_EQ(f.by_category, (std::map<std::string, int>{
                               {"criminal", 1}, {"family", 8}, {"labour", 5}, {"unknown", 1}}));
  EXPECT_EQ(f.by_region, (std::map<std::string, int>{{"KZ-71", 8}, {"KZ-75", 2}, {"unknown", 5}}))
      << "the testing draft has no region: running() without namedDraft counts as unknown";
  EXPECT_EQ(f.by_outcome, (std::map<std::string, int>{{"screening_refused", 1},
                                                      {"invitation_refused", 1},
                                                      {"invitation_lapsed", 1},
                                                      {"open", 2},
                                                      {"settled", 5},
                                                      {"settlement_ruled_out", 1},
                                                      {"parties_refused", 1},
                                                      {"term_expired", 1},
                                                      {"conflict_of_interest", 1},
                                                      {"party_refused", 1}}));
  EXPECT_EQ(f.started, 11);
  EXPECT_EQ(f.settled, 5);
  EXPECT_EQ(f.settled_share, (Share{5, 10})) << "the running case has not ended";
  EXPECT_DOUBLE_EQ(*f.settled_share.value(), 0.5);
  EXPECT_EQ(f.extensions_granted, 1);
  EXPECT_EQ(f.child_threat_escalations, 3);
}

TEST(MediationFigures, DaysToSettlementAreCalendarDaysInKazakhstan) {
  const auto f = figuresOf(everyKindOfCase(), kFrom, kTo, t0 + 24h * 15);
  // Days 0, 4, 10, 20, 1 → sorted 0 1 4 10 20: median the 3rd, p90 the 5th (nearest rank).
  EXPECT_EQ(f.settlement_days_count, 5);
  EXPECT_EQ(f.settlement_days_median, 4);
  EXPECT_EQ(f.settlement_days_p90, 20);
  // Started 3 March 10:00 local; signed 3 March 23:59 local (18:59 UTC): the same day.
  const Case late = settled({}, *parseRfc3339("2026-03-03T23:59:00+05:00"));
  EXPECT_EQ(figuresOf({late}, kFrom, kTo, t0).settlement_days_median, 0);
  // …and at 00:30 local the next day (19:30 UTC of the same UTC day): one day.
  const Case next = settled({}, *parseRfc3339("2026-03-04T00:30:00+05:00"));
  EXPECT_EQ(figuresOf({next}, kFrom, kTo, t0).settlement_days_median, 1);
}

TEST(MediationFigures, SettlementsArePerformedAsTheirObligationsWereMarked) {
  const auto f = figuresOf(everyKindOfCase(), kFrom, kTo, t0 + 24h * 15);
  const auto &p = f.performance;
  EXPECT_EQ(p.settlements_with_obligations, 4);
  EXPECT_EQ(p.settlements_without_obligations, 1);
  EXPECT_EQ(p.all_performed, 1);
  EXPECT_EQ(p.any_not_performed, 1);
  EXPECT_EQ(p.due_unmarked, 1);
  EXPECT_EQ(p.not_due_yet, 1);
  EXPECT_EQ(p.performed_share, (Share{1, 3}));
  // Earlier, the obligation due on day 12 was not due yet.
  const auto before = figuresOf(everyKindOfCase(), kFrom, kTo, t0 + 24h * 11 + 1h).performance;
  EXPECT_EQ(before.due_unmarked, 0);
  EXPECT_EQ(before.not_due_yet, 2);
  EXPECT_EQ(before.performed_share, (Share{1, 2}));
  // Due at exactly `now` counts as due.
  const auto at = figuresOf(everyKindOfCase(), kFrom, kTo, t0 + 24h * 12).performance;
  EXPECT_EQ(at.due_unmarked, 1);
}

TEST(MediationFigures, OnlyCasesOpenedInThePeriodCount) {
  auto cases = everyKindOfCase();
  cases[0].opened_at = kFrom - 1ms; // before: out
  cases[1].opened_at = kTo;         // the end is exclusive: out
  cases[2].opened_at = kFrom;       // the start is inclusive: in
  const auto f = figuresOf(cases, kFrom, kTo, t0);
  EXPECT_EQ(f.opened, 13);
  EXPECT_EQ(f.by_outcome.count("screening_refused"), 0u);
  EXPECT_EQ(f.by_outcome.count("invitation_refused"), 0u);
  EXPECT_EQ(f.by_outcome.at("invitation_lapsed"), 1);
}

TEST(MediationFigures, NoCasesGiveZerosAndNoShares) {
  const auto f = figuresOf({}, kFrom, kTo, t0);
  EXPECT_EQ(f, CaseFigures{});
  EXPECT_EQ(f.settled_share.value(), std::nullopt);
  EXPECT_EQ(f.performance.performed_share.value(), std::nullopt);
  EXPECT_EQ(f.settlement_days_median, std::nullopt);
  EXPECT_NE(figuresJson(f).find("\"settled_share\":{\"numerator\":0,\"denominator\":0,"
                                "\"value\":null}"),
            std::string::npos);
  EXPECT_NE(figuresCsv(f).find("settled_share,value,\r\n"), std::string::npos);
  EXPECT_NE(figuresCsv(f).find("settlement_days,median,\r\n"), std::string::npos);
}

TEST(MediationFigures, NothingInTheFiguresNamesAnyone) {
  const auto cases = everyKindOfCase();
  const auto f = figuresOf(cases, kFrom, kTo, t0 + 24h * 15);
  std::set<std::string> names; // ids, names, identifiers, subjects, notes, as words
  std::set<std::string> ids;
  for (const auto &c : cases) {
    ids.insert(c.id);
    ids.insert(c.opened_by);
    for (const auto &p : c.parties) {
      ids.insert(p.id);
      ids.insert(p.identifier);
      names.insert(p.name);
      for (const auto &r : p.representatives) {
        ids.insert(r.id);
        names.insert(r.name);
      }
    }
    for (const auto &m : c.mediators) ids.insert(m.mediator_id);
    for (const auto &t : c.child_threats) names.insert(t.note);
    for (const auto &o : c.settlement.obligations) names.insert(o.what);
    names.insert(c.subject);
    if (c.ending) names.insert(c.ending->detail);
  }
  names.erase("");
  ids.erase("");
  ASSERT_TRUE(ids.count(kMed) && ids.count(kAcmeLawyer) && ids.count("880101300002"));
  for (const std::string &text : {figuresJson(f), figuresCsv(f)}) {
    const auto tokens = tokensOf(text);
    for (const auto &id : ids) EXPECT_EQ(tokens.count(id), 0u) << id << " in " << text;
    for (const auto &name : names) {
      EXPECT_EQ(text.find(name), std::string::npos) << name << " in " << text;
      for (const auto &word : tokensOf(name))
        if (word.size() > 4) {
          EXPECT_EQ(tokens.count(word), 0u) << word << " in " << text;
        }
    }
  }
}

TEST(MediationFigures, TheCsvHasOneRowPerFigureAndQuotesWhatNeedsIt) {
  auto cases = everyKindOfCase();
  cases[3].category = "civil, \"property\""; // the screening case: a key that must be quoted
  const auto csv = figuresCsv(figuresOf(cases, kFrom, kTo, t0 + 24h * 15));
  EXPECT_EQ(csv.rfind("metric,key,value\r\nopened,,15\r\n", 0), 0u) << csv;
  EXPECT_NE(csv.find("by_category,\"civil, \"\"property\"\"\",1\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("by_outcome,settled,5\r\n"), std::string::npos);
  EXPECT_NE(csv.find("settled_share,numerator,5\r\nsettled_share,denominator,10\r\n"
                     "settled_share,value,0.5000\r\n"),
            std::string::npos);
  EXPECT_NE(csv.find("settlement_days,median,4\r\n"), std::string::npos);
  EXPECT_NE(csv.find("performed_share,value,0.3333\r\n"), std::string::npos);
  EXPECT_NE(csv.find("child_threat_escalations,,3\r\n"), std::string::npos);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
  std::size_t lines = 0;
  for (std::size_t i = csv.find("\r\n"); i != std::string::npos; i = csv.find("\r\n", i + 2))
    ++lines;
  // header, opened, 4 categories, 3 regions, 10 outcomes, started, settled, 3 + 3 days,
  // 6 performance, 3 performed share, extensions, threats.
  EXPECT_EQ(lines, 1u + 1 + 4 + 3 + 10 + 1 + 1 + 3 + 3 + 6 + 3 + 1 + 1);
}

TEST(MediationFigures, TheJsonEscapesKeys) {
  CaseFigures f;
  f.by_category["a\"b\\c\n"] = 2;
  const auto json = figuresJson(f);
  EXPECT_NE(json.find("\"by_category\":{\"a\\\"b\\\\c\\u000a\":2}"), std::string::npos) << json;
}

} // namespace kelisim::core::mediation
