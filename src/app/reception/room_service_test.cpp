#include "app/reception/room_service.hpp"

#include "app/reception/testing.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <gtest/gtest.h>

namespace kelisim::app::reception {
namespace {

using core::ErrorCode;
using core::SpecialistKind;
using testing::run;

// The demo data, a lawyer on duty and a second lawyer of the same centre.
struct RoomServiceTest : testing::DemoReception {
  // Small quotas: three files a room, two files or 1 MiB a person a day.
  RoomSettings settings{db.dir / "files", AttachmentQuota{3, 100LL << 20, 2, 1LL << 20}, 1};
  RoomService rooms{*db.store, clock, random, queue, events, settings};

  NewTicket question() {
    NewTicket t;
    t.organisation_id = astana_org; // the permanent line: every specialist serves it
    t.region = "KZ-71";
    t.language = core::Language::ru;
    t.category = "family";
    t.description = "Муж не платит алименты";
    t.kinds = {SpecialistKind::lawyer};
    t.consent = true;
    return t;
  }
  Caller colleague() {
    core::User u;
    u.id = random.hex(12);
    u.email = "colleague@example.kz";
    u.display_name = "Colleague";
    u.role = core::Role::specialist;
    u.kinds = {SpecialistKind::lawyer};
    u.organisation_id = astana_org;
    u.languages = {core::Language::ru};
    u.created_at = clock.now();
    EXPECT_TRUE(run(db.store->createUser(u)));
    return Caller{u, "127.0.0.1", "r"};
  }
  // A guest's question taken by the demo lawyer: (citizen, lawyer, room id).
  std::tuple<Caller, Caller, std::string> consultation() {
    auto s = run(queue.submit(Caller{}, question()));
    EXPECT_TRUE(s);
    Caller citizen{s->session->user, "127.0.0.1", "r"};
    auto lawyer = as("lawyer@demo.kelisim.kz");
    auto room = run(queue.takeNext(lawyer));
    EXPECT_TRUE(room);
    return {citizen, lawyer, room ? room->id : std::string()};
  }
};

TEST_F(RoomServiceTest, AMemberOfStaffWhoAskedAsACitizenNeverReadsTheNotes) {
  // The demo lawyer asks their own question, signed in as themself.
  const auto lawyer = as("lawyer@demo.kelisim.kz");
  auto asked = run(queue.submit(lawyer, question()));
  ASSERT_TRUE(asked) << asked.error().log;
  // Taking the next never gives them their own question.
  auto own = run(queue.takeNext(lawyer));
  EXPECT_FALSE(own);
  const auto other = colleague();
  auto room = run(queue.takeNext(other));
  ASSERT_TRUE(room);
  EXPECT_EQ(room->ticket_id, asked->view.ticket.id);
  ASSERT_TRUE(run(rooms.addNote(other, room->id, "Клиент — наш сотрудник")));

  auto notes = run(rooms.notes(lawyer, room->id));
  ASSERT_FALSE(notes);
  EXPECT_EQ(notes.error().code, ErrorCode::not_found);
  EXPECT_FALSE(run(rooms.addNote(lawyer, room->id, "x")));
  // Nor can a colleague make the citizen a specialist of the room.
  auto invited = run(rooms.invite(other, room->id, lawyer.user->id));
  ASSERT_FALSE(invited);
  EXPECT_EQ(invited.error().code, ErrorCode::validation_failed);
  auto handed = run(rooms.transferTo(other, room->id, lawyer.user->id));
  ASSERT_FALSE(handed);
  EXPECT_FALSE(run(rooms.notes(lawyer, room->id)));
  // The colleague still reads them.
  auto theirs = run(rooms.notes(other, room->id));
  ASSERT_TRUE(theirs);
  EXPECT_EQ(theirs->size(), 1u);
}

std::string pdf(std::size_t size = 64) {
  std::string bytes = "%PDF-1.7\n";
  bytes.resize(size, ' ');
  return bytes;
}

TEST_F(RoomServiceTest, AnAttachmentIsStoredAsWhatItsContentIs) {
  auto [citizen, lawyer, room] = consultation();
  ASSERT_FALSE(room.empty());
  auto sent = run(rooms.upload(citizen, room, "шарт", "", pdf()));
  ASSERT_TRUE(sent) << sent.error().log;
  ASSERT_TRUE(sent->attachment);
  EXPECT_EQ(sent->attachment->content_type, "application/pdf");
  EXPECT_EQ(sent->attachment->file_name, "шарт.pdf");
  auto got = run(rooms.download(lawyer, sent->attachment->id));
  ASSERT_TRUE(got);
  EXPECT_EQ(got->second, pdf());

  auto lie = run(rooms.upload(citizen, room, "photo.jpg", "image/jpeg", pdf()));
  ASSERT_FALSE(lie);
  EXPECT_EQ(lie.error().fields.at(0).code, "type_mismatch");
  auto program = run(rooms.upload(citizen, room, "a.pdf", "application/pdf", "MZ\x90"));
  ASSERT_FALSE(program);
  EXPECT_EQ(program.error().fields.at(0).code, "unsupported_type");
}

TEST_F(RoomServiceTest, QuotasCountTheRoomAndThePersonsLastDay) {
  auto [citizen, lawyer, room] = consultation();
  ASSERT_FALSE(room.empty());
  // The citizen's day: two files, 1 MiB.
  EXPECT_FALSE(run(rooms.mayUpload(citizen, room, 2 << 20)));
  ASSERT_TRUE(run(rooms.upload(citizen, room, "a.pdf", "application/pdf", pdf())));
  ASSERT_TRUE(run(rooms.upload(citizen, room, "b.pdf", "application/pdf", pdf())));
  auto third = run(rooms.upload(citizen, room, "c.pdf", "application/pdf", pdf()));
  ASSERT_FALSE(third);
  EXPECT_EQ(third.error().code, ErrorCode::quota_exceeded);
  EXPECT_EQ(third.error().params.at("scope"), "person");
  // The room: three files, whoever sends them.
  ASSERT_TRUE(run(rooms.upload(lawyer, room, "d.pdf", "application/pdf", pdf())));
  auto fourth = run(rooms.upload(lawyer, room, "e.pdf", "application/pdf", pdf()));
  ASSERT_FALSE(fourth);
  EXPECT_EQ(fourth.error().params.at("scope"), "room");
  // A day later the citizen's allowance is back, the room's is not.
  clock.advance(std::chrono::hours(25));
  auto later = run(rooms.mayUpload(citizen, room, 100));
  ASSERT_FALSE(later);
  EXPECT_EQ(later.error().params.at("scope"), "room");
  // A stranger is told nothing of the room.
  auto other = run(queue.submit(Caller{}, question()));
  ASSERT_TRUE(other);
  EXPECT_EQ(
      run(rooms.mayUpload(Caller{other->session->user, "127.0.0.1", "r"}, room, 1)).error().code,
      ErrorCode::not_found);
}

TEST_F(RoomServiceTest, UploadsAtTheSameMomentCannotPassAQuotaTogether) {
  auto [citizen, lawyer, room] = consultation();
  ASSERT_FALSE(room.empty());
  ASSERT_TRUE(run(rooms.upload(citizen, room, "a.pdf", "application/pdf", pdf())));
  // One file left of the citizen's two a day; two uploads start before either is stored.
  const std::string bytes = pdf();
  const Caller who = citizen; // (clang 14 cannot capture a structured binding)
  const std::string where = room;
  boost::asio::io_context io;
  int stored = 0;
  int refused = 0;
  for (const char *name : {"b.pdf", "c.pdf"})
    boost::asio::co_spawn(
        io,
        [&, name]() -> boost::asio::awaitable<void> {
          auto r = co_await rooms.upload(who, where, name, "application/pdf", bytes);
          if (r)
            ++stored;
          else if (r.error().code == ErrorCode::quota_exceeded)
            ++refused;
        },
        boost::asio::detached);
  io.run();
  EXPECT_EQ(stored, 1);
  EXPECT_EQ(refused, 1);
  // Nothing stays reserved: a day later the citizen may attach again.
  clock.advance(std::chrono::hours(25));
  EXPECT_TRUE(run(rooms.mayUpload(citizen, room, 100)));
}

} // namespace
} // namespace kelisim::app::reception
