// Random walks through a mediation case: whatever the events, actors and times, a case that
// a transition returns keeps the header's invariants, and a refusal is an expected one.
#include "core/mediation/case_lifecycle.hpp"

#include "core/mediation/deadlines.hpp"
#include "core/mediation/testing.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

namespace kelisim::core::mediation {

using namespace testing;
using S = CaseStage;
using G = EndGround;

namespace {

bool everyoneIn(const Case &c, const std::vector<Signature> &sigs, int version,
                const std::string &hash) {
  const auto has = [&](const std::string &id) {
    return std::any_of(sigs.begin(), sigs.end(), [&](const Signature &s) { return s.by == id; });
  };
  for (const auto &s : sigs)
    if (s.version != version || s.document_hash != hash) return false;
  for (const auto &p : c.parties)
    if (!has(p.id)) return false;
  for (const auto *m : chosenMediators(c))
    if (!has(m->mediator_id)) return false;
  return true;
}

// The first invariant `c` breaks, or "".
std::string broken(const Case &c) {
  if ((c.stage == S::ended) != c.ending.has_value()) return "ended <=> ending";
  const bool consented = std::all_of(c.parties.begin(), c.parties.end(),
                                     [](const Party &p) { return p.consented_at.has_value(); });
  const bool chosen = c.stage == S::contracting || c.stage == S::running || c.started_at;
  if ((c.stage == S::choosing_mediator || chosen) && !consented) return "every party consented";
  if (chosen) {
    if (chosenMediators(c).empty()) return "a mediator chosen";
    for (const auto &m : c.mediators)
      if (m.declaration == Declaration::pending) return "no mediator pending";
  }
  if (c.stage == S::running && !c.started_at) return "running => started";
  if (c.started_at) {
    if (!everyoneIn(c, c.contract.acceptances, c.contract.version, c.contract.document_hash))
      return "started => every acceptance of the contract";
    int days = kTermDays;
    for (const auto &e : c.extensions) days += e.days;
    if (c.term_days != days || days > kMaxTermDays) return "term = 30 + extensions <= 60";
  }
  for (const auto &a : c.contract.acceptances)
    if (a.version != c.contract.version) return "acceptances of the current contract";
  const auto &s = c.settlement;
  for (const auto &sig : s.signatures)
    if (sig.version != s.versions.back().number) return "signatures of the current version";
  if (c.pending_extension && c.stage != S::running) return "pending extension => running";
  if (c.ending) {
    const G g = c.ending->ground;
    const bool afterStart = g == G::settled || g == G::settlement_ruled_out ||
                            g == G::term_expired || g == G::conflict_of_interest;
    if (afterStart && !c.started_at) return "ground after the start";
    if (g == G::settled &&
        !everyoneIn(c, s.signatures, s.versions.back().number, s.versions.back().document_hash))
      return "settled => everyone signed";
    if (g == G::term_expired && c.ending->at < *termEnds(c)) return "expired => term over";
  }
  return "";
}

} // namespace

TEST(CaseLifecycle, RandomWalksKeepTheInvariants) {
  std::mt19937 rng(20261207);
  const std::vector<std::string> actors = {kAlice, kAcme,  kAcmeLawyer, kMed,
                                           kMed2,  kAlice, kAcme,       kMed};
  const std::vector<std::string> mediators = {kMed, kMed2};
  auto pick = [&](const auto &v) {
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
  };
  int applied = 0, notices = 0, marks = 0, extended = 0;
  std::set<G> grounds;
  std::set<S> reached;
  for (int walk = 0; walk < 1500; ++walk) {
    Case d = draft();
    d.court_case_pending = rng() % 2;
    Case c = screening(d);
    Time now = t0;
    reached.insert(c.stage);
    for (int step = 0, after = 0; step < 200 && after < 8; ++step) {
      if (c.stage == S::ended) ++after; // a few more: notices, obligations
      now += std::chrono::minutes(rng() % (12 * 60));
      const auto &k = c.contract;
      const int sv = c.settlement.versions.empty() ? 0 : c.settlement.versions.back().number;
      const std::string sh =
          c.settlement.versions.empty() ? "" : c.settlement.versions.back().document_hash;
      const std::string hash = "h" + std::to_string(rng() % 3);
      const auto make = [&](unsigned kind) -> CaseEvent {
        switch (kind) {
        case 0:
          return ScreeningPassed{};
        case 1:
          return InvitationSent{rng() % 3 ? std::nullopt : std::optional<int>(rng() % 20)};
        case 2:
          return InvitationAccepted{};
        case 3:
          return InvitationLapsed{};
        case 4:
          return MediatorProposed{pick(mediators), rng() % 4 == 0, {}, {}, {}};
        case 5:
          return MediatorAgreed{pick(mediators)};
        case 6:
          return MediatorRejected{pick(mediators)};
        case 7:
          return MediatorDeclared{rng() % 8 == 0, "note"};
        case 8:
          return ContractDrafted{Fee{}, hash, {}, {}};
        case 9:
          return ContractAccepted{
              k.version - static_cast<int>(rng() % 4 == 0), k.document_hash, {}};
        case 10:
          return ExtensionRequested{static_cast<int>(rng() % 35) - 2};
        case 11:
          return ExtensionAgreed{};
        case 12:
          return ExtensionDeclined{};
        case 13:
          return SettlementDrafted{
              hash, {{"o1", kAcme, "", "", now + 240h, {}, {}, {}}}, {}, {}, {}};
        case 14:
          return SettlementSigned{sv - static_cast<int>(rng() % 4 == 0), sh, {}};
        case 15:
          return TermExpired{};
        case 16:
          return ChildThreatRecorded{"note"};
        case 17:
          return NoticeRequested{};
        case 18:
          return ObligationMarked{"o1", rng() % 2 == 0};
        // Ending by someone's will: rare, below.
        case 19:
          return ScreeningRefused{"third_party"};
        case 20:
          return InvitationRefused{};
        case 21:
          return SettlementRuledOut{"x"};
        case 22:
          return Withdrawn{};
        default:
          return PartiesRefused{{kAlice, kAcme}};
        }
      };
      // Mostly an event the stage takes (any, now and then: refused), some rarely.
      CaseEvent e = make(rng() % 24);
      for (int tries = 0; tries < 50 && rng() % 20; ++tries) {
        const unsigned kind = rng() % 24;
        e = make(kind);
        const auto from = startsFrom(e);
        const bool fits = std::find(from.begin(), from.end(), c.stage) != from.end();
        // Rare: what ends the case or sets it back (a dropped mediator, a redraft).
        const bool rare =
            kind >= 19 || kind == 6 || (kind == 8 && k.version > 0) || (kind == 13 && sv > 0);
        if (fits && (!rare || rng() % 12 == 0)) break;
      }
      if (rng() % 80 == 0) now += 24h * 6; // now and then the clock jumps
      const std::string actor = rng() % 20 == 0 ? kStranger : pick(actors);
      auto next = apply(c, e, now, actor);
      if (!next) {
        const auto code = next.error().code;
        EXPECT_TRUE(code == ErrorCode::conflict || code == ErrorCode::forbidden ||
                    code == ErrorCode::validation_failed);
        EXPECT_EQ(broken(c), "");
        continue;
      }
      ++applied;
      const auto from = startsFrom(e);
      EXPECT_TRUE(std::find(from.begin(), from.end(), c.stage) != from.end());
      ASSERT_EQ(broken(*next), "") << "walk " << walk << " step " << step << " event " << e.index()
                                   << " from " << toString(c.stage);
      if (c.started_at) {
        EXPECT_EQ(next->started_at, c.started_at);
      }
      if (c.ending) {
        EXPECT_EQ(next->ending, c.ending);
      }
      c = std::move(next).value();
      if (c.ending) grounds.insert(c.ending->ground);
      reached.insert(c.stage);
      notices += !c.notices.empty();
      extended += !c.extensions.empty();
      marks += std::any_of(c.settlement.obligations.begin(), c.settlement.obligations.end(),
                           [](const Obligation &o) { return o.marked_at.has_value(); });
    }
  }
  EXPECT_GT(applied, 5000);
  EXPECT_EQ(reached.size(), std::size(kAllStages)) << "the walks reach every stage";
  EXPECT_EQ(grounds.size(), 9u) << "the walks reach every ground";
  EXPECT_GT(notices, 0);
  EXPECT_GT(marks, 0);
  EXPECT_GT(extended, 0);
}

} // namespace kelisim::core::mediation
