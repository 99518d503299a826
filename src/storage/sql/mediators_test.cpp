#include "storage/sql/mediators.hpp"

#include "storage/sql/changes.hpp"

#include <gtest/gtest.h>

namespace kelisim::storage::sql {
namespace {

namespace md = core::mediation;
using std::chrono::year;

TEST(MediatorSavedStatements, WriteTheRowThenEachListInItsOrder) {
  md::Mediator m;
  m.id = "m1";
  m.name = "Айгүл";
  m.keeper = "Палата";
  m.certificate = md::Certificate{"MC-1", year{2024} / 3 / 15};
  m.specialisations = {md::Specialisation::family, md::Specialisation::civil};
  m.languages = {core::Language::kk};
  m.regions = {"KZ-71", "KZ-75"};
  core::UnitOfWork work;
  work.add(core::MediatorSaved{m, true, core::fromMillis(7)});
  const auto statements = statementsOf(work);
  // The row; then per list its delete and one insert per item.
  ASSERT_EQ(statements.size(), 1u + (1 + 2) + (1 + 1) + (1 + 2));
  EXPECT_TRUE(std::string_view(statements[0].text).starts_with("INSERT INTO mediators "));
  EXPECT_EQ(std::get<std::string>(statements[0].params[6]), "2024-03-15");
  EXPECT_EQ(std::get<std::int64_t>(statements[0].params[11]), 7); // updated_at
  EXPECT_EQ(std::get<std::string>(statements[2].params[2]), "family");
  EXPECT_EQ(std::get<std::int64_t>(statements[3].params[1]), 1);
  EXPECT_EQ(std::get<std::string>(statements[3].params[2]), "civil");
  EXPECT_FALSE(mergedInserts({&statements})); // run one by one, never merged

  core::UnitOfWork update;
  m.certificate.reset();
  update.add(core::MediatorSaved{m, false, core::fromMillis(8)});
  const auto replaced = statementsOf(update);
  EXPECT_TRUE(std::string_view(replaced[0].text).starts_with("UPDATE mediators "));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(replaced[0].params[4])); // no certificate
  EXPECT_EQ(std::get<std::string>(replaced[0].params.back()), "m1");
}

} // namespace
} // namespace kelisim::storage::sql
