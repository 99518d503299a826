#include "app/conference/chat_service.hpp"
#include "app/conference/stage_fixture.hpp"

namespace kelisim::app::conference {
namespace {

using namespace conference::testing;
using core::ErrorCode;
namespace cf = core::conference;

struct ChatServiceTest : StageServiceTest {
  app::testing::TempStore db;
  SodiumRandom random;
  ChatService chat{*db.store, clock, random, stage};
  // (reader, seq, the page it came from) for every message told
  std::vector<std::tuple<std::vector<std::string>, std::int64_t, const void *>> told;

  ChatServiceTest() {
    auto user = core::User{};
    user.id = "mod";
    user.email = "mod@example.kz";
    user.display_name = "Moderator";
    user.password_hash = "x";
    user.created_at = clock.now();
    if (!run(db.store->createUser(user))) throw std::runtime_error("user");
    cf::Conference c;
    c.id = "c1";
    c.organisation_id = "org";
    c.title = "Round table";
    c.starts_at = clock.now();
    c.ends_at = clock.now() + std::chrono::hours(2);
    c.created_by = "mod";
    c.created_at = clock.now();
    core::UnitOfWork work;
    work.add(core::ConferenceSaved{c, true});
    if (!run(db.store->commit(work))) throw std::runtime_error("conference");
    chat.onMessage([this](const std::vector<std::string> &readers, const cf::ChatMessage &m,
                          const void *origin) { told.emplace_back(readers, m.seq, origin); });
  }
};

TEST_F(ChatServiceTest, OnlyThePeopleInTheConferenceWriteAndReadIt) {
  ASSERT_TRUE(run(stage.enter(who("mod"), "c1")));
  ASSERT_TRUE(run(stage.enter(who("judge", 1), "c1"))); // a guest, in the lobby
  // A participant who has not entered, a guest still waiting, a stranger: not_found.
  for (const char *id : {"lawyer", "judge", "stranger"})
    EXPECT_EQ(run(chat.say(who(id, 1), "c1", "k1", "hello")).error().code, ErrorCode::not_found)
        << id;
  EXPECT_EQ(run(chat.history(who("judge", 1), "c1", 0, 100)).error().code, ErrorCode::not_found);
  ASSERT_TRUE(run(stage.admit(who("mod"), "c1", "judge")));

  auto said = run(chat.say(who("judge", 1), "c1", "k1", "Қайырлы күн!"));
  ASSERT_TRUE(said);
  EXPECT_EQ(said->seq, 1);
  EXPECT_EQ(said->sender_name, "Name of judge");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(std::get<0>(told[0]), (std::vector<std::string>{"mod", "judge"}));
  EXPECT_EQ(std::get<2>(told[0]), &pages[1]);
  ASSERT_TRUE(run(chat.say(who("mod"), "c1", "k1", "Welcome")));
  auto all = run(chat.history(who("judge", 1), "c1", 0, 100));
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].body, "Welcome");
  EXPECT_EQ(run(chat.history(who("judge", 1), "c1", 1, 100))->size(), 1u);

  // Removed: out of the chat at once.
  ASSERT_TRUE(run(stage.remove(who("mod"), "c1", "judge")));
  EXPECT_EQ(run(chat.say(who("judge", 1), "c1", "k2", "still here?")).error().code,
            ErrorCode::not_found);
}

TEST_F(ChatServiceTest, ASendAgainGetsTheStoredMessageAndTellsNobodyTwice) {
  ASSERT_TRUE(run(stage.enter(who("mod"), "c1")));
  auto first = run(chat.say(who("mod"), "c1", "k1", "Agenda item 2"));
  ASSERT_TRUE(first);
  auto again = run(chat.say(who("mod"), "c1", "k1", "Agenda item 2"));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *first);
  EXPECT_EQ(told.size(), 1u);
  EXPECT_EQ(run(chat.history(who("mod"), "c1", 0, 100))->size(), 1u);
}

TEST_F(ChatServiceTest, BadInputIsRefusedWithItsField) {
  ASSERT_TRUE(run(stage.enter(who("mod"), "c1")));
  auto empty = run(chat.say(who("mod"), "c1", "k1", "   "));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().fields.at(0).field, "body");
  auto long_body = run(chat.say(who("mod"), "c1", "k1", std::string(cf::kMaxChatMessage + 1, 'a')));
  ASSERT_FALSE(long_body);
  EXPECT_EQ(long_body.error().fields.at(0).code, "too_long");
  auto no_client = run(chat.say(who("mod"), "c1", "", "hi"));
  ASSERT_FALSE(no_client);
  EXPECT_EQ(no_client.error().fields.at(0).field, "client_id");
  EXPECT_EQ(run(chat.history(who("mod"), "c1", -1, 100)).error().code,
            ErrorCode::validation_failed);
  EXPECT_TRUE(told.empty());
}

} // namespace
} // namespace kelisim::app::conference
