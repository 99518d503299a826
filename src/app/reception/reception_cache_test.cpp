#include "app/reception/reception_cache.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <gtest/gtest.h>

namespace kelisim::app::reception {
namespace {

namespace rc = core::reception;
using core::Task;
using core::Unit;

// Counts the reads that reach the repository.
class CountingReceptions final : public core::ReceptionRepository {
public:
  rc::Reception event{};
  rc::Reception line{};
  std::vector<rc::DutyShift> shifts;
  int reads = 0;

  Task<Unit> createReception(const rc::Reception &) override { co_return Unit{}; }
  Task<rc::Reception> getReception(const std::string &id) override {
    ++reads;
    if (id == event.id) co_return event;
    if (id == line.id) co_return line;
    co_return core::ErrorCode::not_found;
  }
  Task<Unit> updateReception(const rc::Reception &) override { co_return Unit{}; }
  Task<std::vector<rc::Reception>> listReceptions(const std::optional<std::string> &,
                                                  core::Time) override {
    co_return std::vector<rc::Reception>{};
  }
  Task<rc::Reception> getPermanentLine(const std::string &organisation_id) override {
    ++reads;
    if (organisation_id == line.organisation_id) co_return line;
    co_return core::ErrorCode::not_found;
  }
  Task<Unit> setRoster(const std::string &, const std::vector<rc::DutyShift> &) override {
    co_return Unit{};
  }
  Task<std::vector<rc::DutyShift>> listRoster(const std::string &) override {
    ++reads;
    co_return shifts;
  }
  Task<std::vector<rc::DutyShift>> listShiftsOf(const std::string &, core::Time) override {
    co_return std::vector<rc::DutyShift>{};
  }
};

template <typename T> core::Result<T> run(Task<T> task) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
  io.run();
  return future.get();
}

class ReceptionCacheTest : public ::testing::Test {
protected:
  void SetUp() override {
    repo.event.id = "event-1";
    repo.event.organisation_id = "org";
    repo.line.id = "line-1";
    repo.line.organisation_id = "org";
    repo.line.kind = rc::ReceptionKind::permanent;
  }
  CountingReceptions repo;
  core::FakeClock clock{core::fromMillis(1'764'000'000'000)};
  ReceptionCache cache{repo, clock, std::chrono::seconds(1)};
};

TEST_F(ReceptionCacheTest, AHitReadsNothingUntilTheEntryExpires) {
  ASSERT_EQ(run(cache.get("event-1")).value().id, "event-1");
  ASSERT_TRUE(run(cache.get("event-1")));
  EXPECT_EQ(repo.reads, 1);
  clock.advance(std::chrono::milliseconds(1001)); // another instance's change shows by now
  repo.event.slot_minutes = 30;
  EXPECT_EQ(run(cache.get("event-1")).value().slot_minutes, 30);
  EXPECT_EQ(repo.reads, 2);
}

TEST_F(ReceptionCacheTest, ForgetReadsAgainAtOnce) {
  ASSERT_TRUE(run(cache.get("event-1")));
  ASSERT_TRUE(run(cache.roster("event-1")));
  repo.event.slot_minutes = 15;
  cache.forget("event-1"); // a change made on this instance
  EXPECT_EQ(run(cache.get("event-1")).value().slot_minutes, 15);
  ASSERT_TRUE(run(cache.roster("event-1")));
  EXPECT_EQ(repo.reads, 4);
}

TEST_F(ReceptionCacheTest, APermanentLineIsKeptByOrganisationAndForgottenByItsId) {
  ASSERT_EQ(run(cache.permanentLine("org")).value().id, "line-1");
  ASSERT_EQ(run(cache.permanentLine("org")).value().id, "line-1");
  ASSERT_EQ(run(cache.get("line-1")).value().id, "line-1");
  EXPECT_EQ(repo.reads, 1);
  cache.forget("line-1");
  ASSERT_TRUE(run(cache.permanentLine("org")));
  EXPECT_EQ(repo.reads, 2);
}

TEST_F(ReceptionCacheTest, MissesAreNotKept) {
  EXPECT_FALSE(run(cache.get("nope")));
  EXPECT_FALSE(run(cache.get("nope")));
  EXPECT_EQ(repo.reads, 2);
}

// Counts the user reads that reach the repository.
class CountingUsers final : public core::UserRepository {
public:
  core::User user{};
  int reads = 0;
  Task<Unit> createUser(const core::User &) override { co_return Unit{}; }
  Task<core::User> getUser(const std::string &id) override {
    ++reads;
    if (id == user.id) co_return user;
    co_return core::ErrorCode::not_found;
  }
  Task<core::User> findUserByEmail(const std::string &) override {
    co_return core::ErrorCode::not_found;
  }
  Task<std::vector<core::User>> listUsers(const std::optional<std::string> &) override {
    co_return std::vector<core::User>{};
  }
  Task<Unit> updateUser(const core::User &) override { co_return Unit{}; }
  Task<Unit> updateProfile(const std::string &, const std::string &, core::Language) override {
    co_return Unit{};
  }
  Task<bool> recordFailedSignIn(const std::string &, int, core::Time) override { co_return false; }
  Task<Unit> clearFailedSignIns(const std::string &) override { co_return Unit{}; }
  Task<Unit> setOnDuty(const std::string &, bool) override { co_return Unit{}; }
  Task<std::vector<core::User>> listOnDuty() override { co_return std::vector<core::User>{}; }
};

TEST(DisplayNames, ANameIsReadOncePerIntervalAndAStrangerIsNotFound) {
  CountingUsers users;
  users.user.id = "u1";
  users.user.display_name = "Айгерим Нурланова";
  core::FakeClock clock{core::fromMillis(1'764'000'000'000)};
  DisplayNames names{users, clock, std::chrono::seconds(10)};
  EXPECT_EQ(run(names.of("u1")).value(), "Айгерим Нурланова");
  EXPECT_EQ(run(names.of("u1")).value(), "Айгерим Нурланова");
  EXPECT_EQ(users.reads, 1);
  users.user.display_name = "Айгерим Нурланқызы";
  clock.advance(std::chrono::seconds(11));
  EXPECT_EQ(run(names.of("u1")).value(), "Айгерим Нурланқызы") << "a new name shows within ttl";
  EXPECT_EQ(run(names.of("nobody")).error().code, core::ErrorCode::not_found);
  EXPECT_EQ(run(names.of("nobody")).error().code, core::ErrorCode::not_found);
  EXPECT_EQ(users.reads, 4) << "misses are not kept";
}

} // namespace
} // namespace kelisim::app::reception
