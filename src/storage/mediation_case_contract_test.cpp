// The mediation cases' port (core/ports/mediation_cases.hpp) on both backends: a case kept
// whole with its version, written only at the version it was read at (a stale write is a
// conflict and changes nothing), who may see it, and the summaries and their filters.
#include "core/mediation/testing.hpp"
#include "storage/contract_fixture.hpp"

namespace kelisim::storage {
namespace {

using namespace contract;
namespace md = core::mediation;
namespace mt = core::mediation::testing;
using core::ErrorCode;
using namespace std::chrono_literals;
using People = std::vector<std::pair<std::string, std::string>>;

const People kPeople = {{mt::kAlice, "party"}, {mt::kAcmeLawyer, "representative"}};

template <typename Backend> class MediationCaseContract : public StoreContract<Backend> {
protected:
  // A case at `stage` (testing.hpp's transitions) under `id`, opened at t0 + `hours`.
  md::Case inStage(md::CaseStage stage, const std::string &id, int hours = 0) {
    md::Case c = mt::inStage(stage);
    c.id = id;
    c.opened_at += std::chrono::hours(hours);
    return c;
  }
  Result<Unit> save(const md::Case &c, std::int64_t expected, const People &people = kPeople) {
    core::UnitOfWork work;
    work.add(core::CaseSaved{c, people, expected});
    return this->run(this->store_->commit(work));
  }
  std::vector<std::string> ids(const std::vector<core::CaseSummary> &list) {
    std::vector<std::string> out;
    for (const auto &s : list) out.push_back(s.id);
    return out;
  }
  std::vector<std::string> casesOf(const std::string &user) {
    return ids(this->must(this->store_->listCasesOf(user)));
  }
  std::vector<std::string> summaries(core::CaseQuery q) {
    return ids(this->must(this->store_->listCaseSummaries(q)));
  }
};
TYPED_TEST_SUITE(MediationCaseContract, Backends, BackendNames);

TYPED_TEST(MediationCaseContract, ACaseIsKeptWholeWithItsVersion) {
  auto c = this->inStage(md::CaseStage::screening, "k1");
  ASSERT_TRUE(this->save(c, 0).ok());
  auto stored = this->must(this->store_->getCase("k1"));
  EXPECT_EQ(stored.c, c);
  EXPECT_EQ(stored.version, 1);
  EXPECT_EQ(this->run(this->store_->getCase("nope")).error().code, ErrorCode::not_found);

  // Each later stage written over the one read, up to a settled case with all its detail.
  std::int64_t version = 1;
  for (auto stage : mt::kAllStages) {
    auto next = this->inStage(stage, "k1");
    auto saved = this->save(next, version);
    ASSERT_TRUE(saved.ok()) << describe(saved);
    stored = this->must(this->store_->getCase("k1"));
    EXPECT_EQ(stored.c, next) << md::toString(stage);
    EXPECT_EQ(stored.version, ++version);
  }

  // A second insert of the same id is a conflict, and keeps what was stored.
  auto again = this->save(this->inStage(md::CaseStage::screening, "k1"), 0);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(this->must(this->store_->getCase("k1")).version, version);
}

TYPED_TEST(MediationCaseContract, AStaleVersionIsAConflictAndChangesNothing) {
  auto c = this->inStage(md::CaseStage::inviting, "k1");
  ASSERT_TRUE(this->save(c, 0).ok());
  // Two people read version 1 and act at once: the first write wins ...
  auto accepted = mt::step(c, md::InvitationAccepted{}, mt::kAcmeLawyer, mt::t0 + 1h);
  auto withdrawn = mt::step(c, md::Withdrawn{}, mt::kAlice, mt::t0 + 1h);
  ASSERT_TRUE(this->save(accepted, 1).ok());
  // ... the second, still at version 1, fails whole: neither the case nor its people change.
  auto stale = this->save(withdrawn, 1, {{"someone-else", "mediator"}});
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  auto stored = this->must(this->store_->getCase("k1"));
  EXPECT_EQ(stored.c, accepted);
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(this->casesOf(mt::kAlice), std::vector<std::string>{"k1"});
  EXPECT_TRUE(this->casesOf("someone-else").empty());
  EXPECT_EQ(this->must(this->store_->listCaseSummaries({})).front().stage,
            md::CaseStage::choosing_mediator);

  // A version ahead of the stored one, and a case never stored, are conflicts too.
  EXPECT_EQ(this->save(withdrawn, 3).error().code, ErrorCode::conflict);
  auto absent = this->inStage(md::CaseStage::inviting, "k-absent");
  EXPECT_EQ(this->save(absent, 1).error().code, ErrorCode::conflict);
  EXPECT_EQ(this->run(this->store_->getCase("k-absent")).error().code, ErrorCode::not_found);
  // Read again, the withdrawal goes through.
  auto retried = mt::step(stored.c, md::Withdrawn{}, mt::kAlice, mt::t0 + 2h);
  EXPECT_TRUE(this->save(retried, stored.version).ok());
  EXPECT_EQ(this->must(this->store_->getCase("k1")).version, 3);
}

TYPED_TEST(MediationCaseContract, TwoInstancesWritingAtOnceNeverLoseAWrite) {
  auto c = this->inStage(md::CaseStage::inviting, "k1");
  ASSERT_TRUE(this->save(c, 0).ok());
  auto other = this->backend_.openAgain(this->io_); // as a second server would
  ASSERT_TRUE(other.ok()) << describe(other);
  for (int round = 1; round <= 5; ++round) {
    auto read = this->must(this->store_->getCase("k1"));
    auto mine = read.c, theirs = read.c;
    mine.subject = "mine " + std::to_string(round);
    theirs.subject = "theirs " + std::to_string(round);
    core::UnitOfWork a, b;
    a.add(core::CaseSaved{mine, kPeople, read.version});
    b.add(core::CaseSaved{theirs, kPeople, read.version});
    std::vector<Result<Unit>> results;
    for (auto pair : {std::pair{this->store_.get(), &a}, std::pair{other->get(), &b}})
      asio::co_spawn(
          this->io_,
          [&results, pair]() -> asio::awaitable<void> {
            auto r = co_await pair.first->commit(*pair.second);
            results.push_back(std::move(r));
          },
          asio::detached);
    this->io_.restart();
    this->io_.run();
    ASSERT_EQ(results.size(), 2u);
    ASSERT_NE(results[0].ok(), results[1].ok()) << describe(results[0]) << describe(results[1]);
    const auto &lost = results[0].ok() ? results[1] : results[0];
    EXPECT_EQ(lost.error().code, ErrorCode::conflict);
    auto stored = this->must(this->store_->getCase("k1"));
    EXPECT_EQ(stored.version, read.version + 1);
    EXPECT_TRUE(stored.c == mine || stored.c == theirs);
  }
}

TYPED_TEST(MediationCaseContract, AFailingUnitLeavesNothing) {
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::screening, "k1"), 0).ok());
  core::UnitOfWork work; // a new case, then a stale write: the new case is not kept either
  work.add(core::CaseSaved{this->inStage(md::CaseStage::screening, "k2"), kPeople, 0});
  work.add(core::CaseSaved{this->inStage(md::CaseStage::inviting, "k1"), kPeople, 7});
  auto r = this->run(this->store_->commit(work));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::conflict);
  EXPECT_EQ(this->run(this->store_->getCase("k2")).error().code, ErrorCode::not_found);
  EXPECT_EQ(this->must(this->store_->getCase("k1")).c.stage, md::CaseStage::screening);
  EXPECT_EQ(this->casesOf(mt::kAlice), std::vector<std::string>{"k1"});
}

TYPED_TEST(MediationCaseContract, EachPersonSeesTheirCasesNewestFirst) {
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::screening, "k1", 0), 0).ok());
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::running, "k2", 5), 0,
                         {{mt::kAlice, "party"}, {mt::kMed, "mediator"}})
                  .ok());
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::inviting, "k3", 2), 0,
                         {{mt::kAcmeLawyer, "representative"}, {mt::kAcmeLawyer, "party"}})
                  .ok());
  using Ids = std::vector<std::string>;
  EXPECT_EQ(this->casesOf(mt::kAlice), (Ids{"k2", "k1"}));
  EXPECT_EQ(this->casesOf(mt::kAcmeLawyer), (Ids{"k3", "k1"})); // two roles, listed once
  EXPECT_EQ(this->casesOf(mt::kMed), (Ids{"k2"}));
  EXPECT_TRUE(this->casesOf(mt::kStranger).empty());

  // The people are replaced at each write: the lawyer is no longer on k1.
  auto k1 = this->must(this->store_->getCase("k1"));
  ASSERT_TRUE(this->save(k1.c, k1.version, {{mt::kAlice, "party"}}).ok());
  EXPECT_EQ(this->casesOf(mt::kAcmeLawyer), (Ids{"k3"}));

  auto summary = this->must(this->store_->listCasesOf(mt::kMed)).at(0);
  auto k2 = this->inStage(md::CaseStage::running, "k2", 5);
  EXPECT_EQ(summary,
            (core::CaseSummary{"k2", md::CaseStage::running, md::Source::party, k2.category,
                               k2.opened_at, k2.started_at, std::nullopt, std::nullopt}));
  // A role the port does not know is refused whole.
  auto k4 = this->inStage(md::CaseStage::screening, "k4");
  EXPECT_FALSE(this->save(k4, 0, {{mt::kAlice, "coordinator"}}).ok());
  EXPECT_EQ(this->run(this->store_->getCase("k4")).error().code, ErrorCode::not_found);
}

TYPED_TEST(MediationCaseContract, SummariesByStageAndDates) {
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::screening, "k1", 0), 0).ok());
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::running, "k2", 24), 0).ok());
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::running, "k3", 48), 0).ok());
  auto ended = this->inStage(md::CaseStage::ended, "k4", 72);
  ASSERT_TRUE(this->save(ended, 0).ok());
  using Ids = std::vector<std::string>;
  EXPECT_EQ(this->summaries({}), (Ids{"k4", "k3", "k2", "k1"}));
  core::CaseQuery running;
  running.stage = md::CaseStage::running;
  EXPECT_EQ(this->summaries(running), (Ids{"k3", "k2"}));
  core::CaseQuery window; // from ≤ opened_at < to
  window.from = mt::t0 + 24h;
  window.to = mt::t0 + 72h;
  EXPECT_EQ(this->summaries(window), (Ids{"k3", "k2"}));
  window.stage = md::CaseStage::ended;
  EXPECT_TRUE(this->summaries(window).empty());
  core::CaseQuery first;
  first.limit = 1;
  EXPECT_EQ(this->summaries(first), (Ids{"k4"}));

  auto summary = this->must(this->store_->listCaseSummaries(first)).at(0);
  EXPECT_EQ(summary.ending_ground, md::EndGround::party_refused);
  EXPECT_EQ(summary.ended_at, ended.ending->at);
  EXPECT_EQ(summary.started_at, ended.started_at);
}

TYPED_TEST(MediationCaseContract, TheClockReadsItsCasesInPagesByIdWhole) {
  // Settled: a settlement with one obligation, signed by both parties and the mediator.
  auto settled =
      mt::step(mt::running(), md::SettlementDrafted{"s1", {}, {}, {}, {}}, mt::kMed, mt::t0 + 48h);
  settled = mt::step(settled, md::SettlementSigned{1, "s1", {}}, mt::kAlice, mt::t0 + 49h);
  settled = mt::step(settled, md::SettlementSigned{1, "s1", {}}, mt::kAcmeLawyer, mt::t0 + 49h);
  settled = mt::step(settled, md::SettlementSigned{1, "s1", {}}, mt::kMed, mt::t0 + 50h);
  ASSERT_EQ(settled.ending->ground, md::EndGround::settled);
  settled.id = "k6";
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::running, "k5"), 0).ok());
  ASSERT_TRUE(this->save(settled, 0).ok());
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::screening, "k1"), 0).ok());
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::inviting, "k2"), 0).ok());
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::choosing_mediator, "k3"), 0).ok());
  ASSERT_TRUE(this->save(this->inStage(md::CaseStage::ended, "k4"), 0).ok()); // withdrawn
  auto k2 = this->must(this->store_->getCase("k2"));
  ASSERT_TRUE(this->save(k2.c, k2.version).ok()); // version 2

  const auto page = [&](const std::string &after, int limit) {
    std::vector<std::string> out;
    for (const auto &r : this->must(this->store_->listCasesForClock(after, limit)))
      out.push_back(r.c.id);
    return out;
  };
  using Ids = std::vector<std::string>;
  EXPECT_EQ(page("", 10), (Ids{"k2", "k5", "k6"}));
  EXPECT_EQ(page("", 2), (Ids{"k2", "k5"}));
  EXPECT_EQ(page("k5", 2), (Ids{"k6"}));
  EXPECT_TRUE(page("k6", 2).empty());
  auto first = this->must(this->store_->listCasesForClock("", 1)).at(0);
  EXPECT_EQ(first.c, k2.c);
  EXPECT_EQ(first.version, 2);
  EXPECT_EQ(this->must(this->store_->listCasesForClock("k5", 1)).at(0).c, settled);
}

} // namespace
} // namespace kelisim::storage
