#include "storage/sql/changes.hpp"

#include <gtest/gtest.h>

namespace kelisim::storage::sql {
namespace {

namespace rc = core::reception;

core::UnitOfWork intake(const std::string &n, std::size_t seats) {
  core::User guest;
  guest.id = "g" + n;
  guest.email = "g" + n + "@guest";
  rc::Ticket t;
  t.id = "t" + n;
  t.citizen_id = guest.id;
  for (std::size_t i = 0; i < seats; ++i)
    t.seats.push_back({core::SpecialistKind::lawyer, std::nullopt, std::nullopt});
  core::AuditEvent audit{};
  audit.action = "ticket.created";
  audit.object_id = t.id;
  core::UnitOfWork w;
  w.add(core::NewTicket{t})
      .add(core::NewUser{guest}) // out of order on purpose: the merge orders the kinds
      .add(core::NewSession{{"token-" + n, guest.id, "csrf", {}, {}}})
      .add(core::AuditRecord{audit});
  return w;
}

std::size_t tuples(const char *text) {
  std::size_t n = 0;
  for (std::string_view t(text); auto pos = t.find("(?"); t.remove_prefix(pos + 2)) {
    if (pos == std::string_view::npos) break;
    ++n;
  }
  return n;
}

TEST(MergedInserts, PutsEachKindsRowsIntoMultiRowInsertsInForeignKeyOrder) {
  std::vector<std::vector<Statement>> units;
  for (int i = 0; i < 7; ++i) units.push_back(statementsOf(intake(std::to_string(i), 1 + i % 2)));
  std::vector<const std::vector<Statement> *> parts;
  for (const auto &u : units) parts.push_back(&u);
  auto merged = mergedInserts(parts);
  ASSERT_TRUE(merged.has_value());

  // 7 rows = 4 + 2 + 1 for users, sessions, tickets and audit; 10 seats = 8 + 2.
  std::vector<std::pair<std::string, std::size_t>> shape;
  for (const auto &s : *merged)
    shape.emplace_back(std::string(s.text).substr(0, std::string(s.text).find(" (")),
                       tuples(s.text));
  const std::vector<std::pair<std::string, std::size_t>> expected{
      {"INSERT INTO users", 4},        {"INSERT INTO users", 2},
      {"INSERT INTO users", 1},        {"INSERT INTO sessions", 4},
      {"INSERT INTO sessions", 2},     {"INSERT INTO sessions", 1},
      {"INSERT INTO tickets", 4},      {"INSERT INTO tickets", 2},
      {"INSERT INTO tickets", 1},      {"INSERT INTO ticket_seats", 8},
      {"INSERT INTO ticket_seats", 2}, {"INSERT INTO audit_events", 4},
      {"INSERT INTO audit_events", 2}, {"INSERT INTO audit_events", 1}};
  EXPECT_EQ(shape, expected);

  // Every row's values, in the units' order, and as many values as placeholders.
  std::size_t seat_rows = 0;
  std::vector<std::string> ticket_ids;
  for (const auto &s : *merged) {
    std::size_t placeholders = 0;
    for (const char *c = s.text; *c; ++c) placeholders += *c == '?';
    EXPECT_EQ(s.params.size(), placeholders) << s.text;
    if (std::string(s.text).starts_with("INSERT INTO tickets ")) {
      const std::size_t columns = s.params.size() / tuples(s.text);
      for (std::size_t i = 0; i < s.params.size(); i += columns)
        ticket_ids.push_back(std::get<std::string>(s.params[i]));
    }
    if (std::string(s.text).starts_with("INSERT INTO ticket_seats ")) seat_rows += tuples(s.text);
  }
  EXPECT_EQ(ticket_ids, (std::vector<std::string>{"t0", "t1", "t2", "t3", "t4", "t5", "t6"}));
  EXPECT_EQ(seat_rows, 10u);
}

TEST(MergedInserts, TextsAreKeptAndFoundAgain) {
  const auto one = statementsOf(intake("1", 1));
  const char *insert_user = one[2].text; // ticket, seat, user, session, audit
  ASSERT_TRUE(std::string(insert_user).starts_with("INSERT INTO users "));
  EXPECT_EQ(multiRowText(insert_user, 1), insert_user);
  const char *two = multiRowText(insert_user, 2);
  EXPECT_EQ(multiRowText(insert_user, 2), two); // the same address: prepared once
  EXPECT_EQ(std::string(two),
            std::string(insert_user) + ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
}

TEST(MergedInserts, AnyOtherStatementMeansNoMerge) {
  auto unit = statementsOf(intake("1", 1));
  unit.push_back(
      {"UPDATE tickets SET status = ? WHERE id = ?", {std::string("ended"), std::string("t1")}});
  EXPECT_FALSE(mergedInserts({&unit}).has_value());
}

} // namespace
} // namespace kelisim::storage::sql
