#include "transport/ws/protocol.hpp"

#include "transport/ws/hub.hpp"

#include <gtest/gtest.h>

namespace kelisim::transport {

namespace {
core::User someone() {
  core::User u;
  u.id = "u1";
  return u;
}
} // namespace

TEST(WsProtocol, AnswersPingAndExplainsBadMessages) {
  i18n::Translator texts;
  WsProtocol p(core::Language::ru, texts);
  const auto now = core::fromMillis(0);
  EXPECT_EQ(p.onMessage(R"({"type":"ping","id":7})", now).at(0), R"({"type":"pong","id":7})");
  auto bad = p.onMessage("{oops", now).at(0);
  EXPECT_NE(bad.find("\"code\":\"invalid_message\""), std::string::npos);
  EXPECT_NE(bad.find("Некорректное сообщение."), std::string::npos);
  EXPECT_NE(p.onMessage(R"({"type":"dance"})", now).at(0).find("unknown_type"), std::string::npos);
  EXPECT_NE(p.onMessage(R"({"type":5})", now).at(0).find("invalid_message"), std::string::npos);
}

TEST(WsProtocol, RateLimitsAFlood) {
  i18n::Translator texts;
  WsProtocol p(someone(), core::Language::en, texts);
  const auto now = core::fromMillis(0);
  int limited = 0;
  for (int i = 0; i < 200; ++i)
    if (p.onMessage(R"({"type":"ping"})", now).at(0).find("too_many_messages") != std::string::npos)
      ++limited;
  EXPECT_EQ(limited, 140) << "a burst of 60 passes, the rest waits";
  // 1,200 a minute: one second later 20 more pass.
  int passed = 0;
  for (int i = 0; i < 30; ++i)
    if (p.onMessage(R"({"type":"ping"})", core::fromMillis(1000)).at(0).find("too_many") ==
        std::string::npos)
      ++passed;
  EXPECT_EQ(passed, 20);
}

struct FakeConnection : WsConnection {
  explicit FakeConnection(std::string id, std::string session = {})
      : id_(std::move(id)), session_(std::move(session)) {}
  const std::string &userId() const override { return id_; }
  const std::string &sessionKey() const override { return session_; }
  void send(std::string text) override { sent.push_back(std::move(text)); }
  void close() override { closed = true; }
  std::string id_;
  std::string session_;
  std::vector<std::string> sent;
  bool closed = false;
};

TEST(Hub, RevokedAccessEndsTheSessionsConnectionsOrAllOfTheUsers) {
  Hub hub;
  auto phone = std::make_shared<FakeConnection>("a", "s1");
  auto laptop = std::make_shared<FakeConnection>("a", "s2");
  auto other = std::make_shared<FakeConnection>("b", "s1");
  hub.join(phone);
  hub.join(laptop);
  hub.join(other);
  EXPECT_EQ(hub.closeUser("a", "s1"), 1u) << "a sign-out ends that session's connections";
  EXPECT_TRUE(phone->closed);
  EXPECT_FALSE(laptop->closed);
  EXPECT_FALSE(other->closed) << "someone else's session with an equal key is not touched";
  EXPECT_EQ(hub.closeUser("a"), 2u) << "a change of access ends every connection of the user";
  EXPECT_TRUE(laptop->closed);
  EXPECT_FALSE(other->closed);
  EXPECT_EQ(hub.closeUser("nobody"), 0u);
}

TEST(Hub, FansOutToEveryConnectionOfAUser) {
  Hub hub;
  auto a1 = std::make_shared<FakeConnection>("a");
  auto a2 = std::make_shared<FakeConnection>("a");
  auto b = std::make_shared<FakeConnection>("b");
  hub.join(a1);
  hub.join(a2);
  hub.join(b);
  EXPECT_EQ(hub.sendToUser("a", "hi"), 2u);
  EXPECT_EQ(b->sent.size(), 0u);
  EXPECT_TRUE(hub.connected("a"));
  EXPECT_FALSE(hub.connected("c"));
  hub.leave(a1.get());
  EXPECT_EQ(hub.sendToUser("a", "again"), 1u);
  EXPECT_EQ(a2->sent, (std::vector<std::string>{"hi", "again"}));
  // Everyone but the connection a message came from (it has the message in its ack).
  auto text = std::make_shared<const std::string>("m");
  hub.join(a1);
  EXPECT_EQ(hub.sendToUser("a", text, a1.get()), 1u);
  EXPECT_EQ(a1->sent, (std::vector<std::string>{"hi"}));
  EXPECT_EQ(a2->sent, (std::vector<std::string>{"hi", "again", "m"}));
  hub.leave(a1.get());
  hub.closeAll();
  EXPECT_TRUE(b->closed);
  EXPECT_EQ(hub.size(), 2u);
}

struct SharingConnection : FakeConnection {
  using FakeConnection::FakeConnection;
  void sendShared(std::shared_ptr<const std::string> text) override {
    shared.push_back(std::move(text));
  }
  std::vector<std::shared_ptr<const std::string>> shared;
};

TEST(Hub, SeveralConnectionsShareOneBufferAndOneConnectionGetsTheTextItself) {
  Hub hub;
  auto a1 = std::make_shared<SharingConnection>("a");
  auto a2 = std::make_shared<SharingConnection>("a");
  auto b = std::make_shared<SharingConnection>("b");
  hub.join(a1);
  hub.join(a2);
  hub.join(b);
  EXPECT_EQ(hub.sendToUser("a", std::string("both")), 2u);
  ASSERT_EQ(a1->shared.size(), 1u);
  ASSERT_EQ(a2->shared.size(), 1u);
  EXPECT_EQ(a1->shared[0].get(), a2->shared[0].get());
  EXPECT_EQ(*a1->shared[0], "both");
  const std::string text = "only b";
  EXPECT_EQ(hub.sendToUser("b", text), 1u);
  EXPECT_EQ(b->sent, (std::vector<std::string>{"only b"}));
  EXPECT_TRUE(b->shared.empty());
  EXPECT_EQ(hub.sendToUser("nobody", std::string("x")), 0u);
}

} // namespace kelisim::transport
