#include "app/reception/personal_data.hpp"

#include "app/reception/reception_service.hpp"
#include "app/reception/testing.hpp"
#include "core/consent.hpp"

#include <gtest/gtest.h>

namespace kelisim::app::reception {
namespace {

using core::ErrorCode;
using testing::run;
using namespace std::chrono_literals;

// The demo data; a guest's question to the Astana centre's permanent line, answered by the
// demo lawyer, with a message, an attachment, a note, a summary and feedback.
struct PersonalDataTest : testing::DemoReception {
  RoomService rooms{*db.store, clock, random, queue, events, RoomSettings{db.dir / "files"}};
  ReceptionService reception_service{*db.store, clock, random, engine, receptions};
  PersonalDataService personal{*db.store,
                               clock,
                               hasher,
                               queue,
                               rooms,
                               events,
                               PersonalDataSettings{std::chrono::days(30), 100}};
  const std::string &org = astana_org;

  NewTicket question() {
    NewTicket t;
    t.organisation_id = org;
    t.region = "KZ-71";
    t.language = core::Language::ru;
    t.category = "family";
    t.description = "Муж не платит алименты, двое детей";
    t.kinds = {core::SpecialistKind::lawyer};
    t.consent = true;
    t.contact = "aigerim@example.kz";
    return t;
  }
  // A finished consultation: (citizen, ticket id, attachment id).
  std::tuple<Caller, std::string, std::string> consulted() {
    auto s = run(queue.submit(Caller{}, question()));
    EXPECT_TRUE(s);
    Caller citizen{s->session->user, "10.0.0.7", "r"};
    auto lawyer = as("lawyer@demo.kelisim.kz");
    auto room = run(queue.takeNext(lawyer));
    EXPECT_TRUE(room);
    EXPECT_TRUE(run(rooms.send(citizen, room->id, "c1", "Мой ИИН 900101300123")));
    auto file = run(rooms.upload(citizen, room->id, "решение.txt", "", "Решение суда"));
    EXPECT_TRUE(file && file->attachment);
    EXPECT_TRUE(run(rooms.addNote(lawyer, room->id, "Нужен иск о взыскании")));
    EXPECT_TRUE(run(rooms.close(lawyer, room->id, rc::Outcome::advice_given, "Подать иск", false)));
    EXPECT_TRUE(run(queue.giveFeedback(citizen, s->view.ticket.id, 5, "Спасибо, Айгерим", "")));
    return {citizen, s->view.ticket.id, file->attachment->id};
  }
  void expectErased(const std::string &ticket_id, const std::string &attachment_id) {
    auto t = run(db.store->getTicket(ticket_id)).value();
    EXPECT_TRUE(t.erased_at);
    EXPECT_EQ(t.description, "");
    EXPECT_FALSE(t.contact);
    EXPECT_EQ(t.secret_hash, "") << "the return link no longer works";
    EXPECT_EQ(t.category, "family") << "what the figures count stays";
    EXPECT_EQ(t.status, rc::TicketStatus::closed);
    EXPECT_TRUE(run(db.store->listMessages(*t.room_id, 0, 100)).value().empty());
    EXPECT_TRUE(run(db.store->listNotes(*t.room_id)).value().empty());
    EXPECT_EQ(run(db.store->getRoom(*t.room_id)).value().summary, "");
    EXPECT_EQ(run(db.store->getAttachment(attachment_id)).error().code, ErrorCode::not_found);
    EXPECT_FALSE(std::filesystem::exists(db.dir / "files" / attachment_id));
    auto feedback = run(db.store->getFeedback(ticket_id)).value();
    EXPECT_EQ(feedback.comment, "");
    EXPECT_EQ(feedback.rating, 5);
  }
};

TEST_F(PersonalDataTest, ATicketRecordsTheConsentItsCitizenAccepted) {
  auto s = run(queue.submit(Caller{}, question()));
  ASSERT_TRUE(s);
  auto t = run(db.store->getTicket(s->view.ticket.id)).value();
  EXPECT_EQ(t.consent_version, core::kConsentVersion);
  EXPECT_EQ(t.consent_at, clock.now());
  auto outdated = question();
  outdated.consent_version = "2020-01-01";
  auto refused = run(queue.submit(Caller{}, outdated));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().fields.at(0).field, "consent");
  EXPECT_EQ(refused.error().fields.at(0).code, "outdated");
}

TEST_F(PersonalDataTest, ACitizenErasesTheirQuestionAndTheFiguresStillCountIt) {
  auto [citizen, ticket, file] = consulted();
  auto coordinator = as("coordinator.astana@demo.kelisim.kz");
  const auto line = run(db.store->getTicket(ticket)).value().reception_id;
  const auto before = run(reception_service.figures(coordinator, line)).value();
  // Somebody else's question is not there for them.
  EXPECT_EQ(run(personal.eraseTicket(as("citizen@demo.kelisim.kz"), ticket)).error().code,
            ErrorCode::not_found);
  ASSERT_TRUE(run(personal.eraseTicket(citizen, ticket)));
  expectErased(ticket, file);
  EXPECT_TRUE(run(personal.eraseTicket(citizen, ticket))) << "asking twice is fine";
  EXPECT_EQ(run(reception_service.figures(coordinator, line)).value(), before);
}

TEST_F(PersonalDataTest, AWaitingQuestionLeavesTheQueueALiveOneIsRefused) {
  auto waiting = run(queue.submit(Caller{}, question()));
  ASSERT_TRUE(waiting);
  Caller guest{waiting->session->user, "10.0.0.7", "r"};
  ASSERT_TRUE(run(personal.eraseTicket(guest, waiting->view.ticket.id)));
  auto t = run(db.store->getTicket(waiting->view.ticket.id)).value();
  EXPECT_EQ(t.status, rc::TicketStatus::abandoned);
  EXPECT_TRUE(t.erased_at);

  auto live = run(queue.submit(Caller{}, question()));
  Caller other{live->session->user, "10.0.0.7", "r"};
  ASSERT_TRUE(run(queue.takeNext(as("lawyer@demo.kelisim.kz"))));
  EXPECT_EQ(run(personal.eraseTicket(other, live->view.ticket.id)).error().code,
            ErrorCode::conflict);
}

TEST_F(PersonalDataTest, DeletingAnAccountErasesItsQuestionsAndTheAccount) {
  SignUpInput in{"aigerim@example.kz", "correct-horse-1", "Айгерим", core::Language::kk, true};
  auto signed_up = run(auth.signUp(std::move(in), Caller{}));
  ASSERT_TRUE(signed_up);
  Caller citizen{signed_up->user, "10.0.0.7", "r"};
  auto asked = run(queue.submit(citizen, question()));
  ASSERT_TRUE(asked);
  EXPECT_EQ(run(personal.deleteAccount(citizen, "wrong-password")).error().fields.at(0).code,
            "wrong_password");
  EXPECT_EQ(run(personal.deleteAccount(as("lawyer@demo.kelisim.kz"), "")).error().code,
            ErrorCode::forbidden)
      << "staff are deactivated by an admin";
  ASSERT_TRUE(run(personal.deleteAccount(citizen, "correct-horse-1")));
  auto user = run(db.store->getUser(citizen.user->id)).value();
  EXPECT_EQ(user.email, core::guestEmail(user.id));
  EXPECT_EQ(user.display_name, "");
  EXPECT_EQ(user.password_hash, "");
  EXPECT_TRUE(user.deactivated_at);
  EXPECT_EQ(run(auth.authenticate(signed_up->token)).error().code, ErrorCode::unauthenticated);
  EXPECT_FALSE(run(auth.signIn("aigerim@example.kz", "correct-horse-1", Caller{})));
  auto t = run(db.store->getTicket(asked->view.ticket.id)).value();
  EXPECT_TRUE(t.erased_at);
  EXPECT_EQ(t.status, rc::TicketStatus::abandoned);
  // The address can sign up again: nothing of the old account holds it.
  SignUpInput again{"aigerim@example.kz", "correct-horse-2", "Айгерим", core::Language::kk, true};
  EXPECT_TRUE(run(auth.signUp(std::move(again), Caller{})));
}

TEST_F(PersonalDataTest, RetentionErasesWhatEndedLongerAgoThanItsTermAndForgetsAddresses) {
  auto [citizen, ticket, file] = consulted();
  clock.advance(29 * 24h);
  EXPECT_EQ(run(personal.retain(clock.now())).value(), 0) << "not yet";
  EXPECT_FALSE(run(db.store->getTicket(ticket)).value().erased_at);
  clock.advance(2 * 24h);
  EXPECT_EQ(run(personal.retain(clock.now())).value(), 1);
  expectErased(ticket, file);
  EXPECT_EQ(run(personal.retain(clock.now())).value(), 0) << "erased once";
  core::AuditQuery all;
  all.limit = 500;
  const auto entries = run(db.store->searchAudit(all)).value();
  for (const auto &e : entries)
    if (e.at < clock.now() - 30 * 24h) EXPECT_EQ(e.ip, "") << e.action;
}

} // namespace
} // namespace kelisim::app::reception
