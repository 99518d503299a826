#include "core/mediation/mediator.hpp"

#include <gtest/gtest.h>

namespace kelisim::core::mediation {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr Date kToday{year{2026}, month{12}, day{7}};

Mediator professional() {
  Mediator m;
  m.id = "m1";
  m.name = "Әлия Серікқызы";
  m.kind = MediatorKind::professional;
  m.keeper = "Палата медиаторов";
  m.certificate = Certificate{"МД-0042", Date{year{2024}, month{3}, day{15}}};
  m.specialisations = {Specialisation::family, Specialisation::civil};
  m.languages = {Language::kk, Language::ru};
  m.regions = {"KZ-71", "KZ-75"};
  return m;
}

Mediator publicOne() {
  Mediator m = professional();
  m.kind = MediatorKind::public_;
  m.keeper = "Акимат города Астаны";
  m.certificate.reset();
  return m;
}

std::string fieldOf(const Status &s) {
  return s ? std::string() : s.error().fields.at(0).field + ":" + s.error().fields.at(0).code;
}

TEST(Mediator, KindsStatusesAndSpecialisationsHaveStableWords) {
  EXPECT_EQ(toString(MediatorKind::public_), "public");
  EXPECT_EQ(parseMediatorKind("professional"), MediatorKind::professional);
  EXPECT_EQ(parseMediatorStatus("excluded"), MediatorStatus::excluded);
  EXPECT_EQ(parseSpecialisation("labour"), Specialisation::labour);
  EXPECT_FALSE(parseSpecialisation("Labour"));
}

TEST(Mediator, AProfessionalNeedsAnOrganisationAndACertificateNotDatedAfterToday) {
  EXPECT_TRUE(validate(professional(), kToday));
  auto m = professional();
  m.certificate.reset();
  EXPECT_EQ(fieldOf(validate(m, kToday)), "certificate_number:required");
  m = professional();
  m.certificate->date = Date{year{2026}, month{12}, day{8}};
  EXPECT_EQ(fieldOf(validate(m, kToday)), "certificate_date:in_future");
  m.certificate->date = Date{year{2025}, month{2}, day{30}};
  EXPECT_EQ(fieldOf(validate(m, kToday)), "certificate_date:invalid_value");
  m = professional();
  m.keeper.clear();
  EXPECT_EQ(fieldOf(validate(m, kToday)), "keeper:required");
  m = professional();
  m.certificate->number = std::string(kMaxCertificate + 1, '7');
  EXPECT_EQ(fieldOf(validate(m, kToday)), "certificate_number:too_long");
}

TEST(Mediator, APublicMediatorIsKeptByAnAkimatWithoutACertificateAndWorksFree) {
  EXPECT_TRUE(validate(publicOne(), kToday));
  EXPECT_FALSE(mayCharge(publicOne()));
  EXPECT_TRUE(mayCharge(professional()));
  auto m = publicOne();
  m.certificate = Certificate{"X-1", kToday};
  EXPECT_EQ(fieldOf(validate(m, kToday)), "certificate_number:not_allowed");
}

TEST(Mediator, ListsNeedOneItemAtLeastAndEachOnce) {
  auto m = professional();
  m.specialisations.clear();
  EXPECT_EQ(fieldOf(validate(m, kToday)), "specialisations:required");
  m = professional();
  m.languages = {Language::ru, Language::ru};
  EXPECT_EQ(fieldOf(validate(m, kToday)), "languages:duplicate");
  m = professional();
  m.regions = {"KZ-71", "Astana"};
  EXPECT_EQ(fieldOf(validate(m, kToday)), "regions:invalid_value");
  m.regions = {};
  EXPECT_EQ(fieldOf(validate(m, kToday)), "regions:required");
}

TEST(Mediator, OnlyAnActiveMediatorTakesCasesAndTheRegisterShowsWhyNot) {
  auto m = professional();
  EXPECT_TRUE(mayTakeCases(m));
  auto suspended = changeStatus(m, MediatorStatus::suspended, kToday, "Проверка жалобы");
  ASSERT_TRUE(suspended);
  EXPECT_FALSE(mayTakeCases(*suspended));
  EXPECT_EQ(suspended->status_since, kToday);
  EXPECT_TRUE(validate(*suspended, kToday));
  // The same status again, or a suspension without a reason, is refused.
  EXPECT_EQ(changeStatus(*suspended, MediatorStatus::suspended, kToday, "x").error().code,
            ErrorCode::conflict);
  EXPECT_EQ(changeStatus(m, MediatorStatus::suspended, kToday, "").error().fields.at(0).code,
            "required");
  auto lifted = changeStatus(*suspended, MediatorStatus::active, kToday, {});
  ASSERT_TRUE(lifted);
  EXPECT_TRUE(mayTakeCases(*lifted));
  EXPECT_FALSE(lifted->status_since);
  EXPECT_TRUE(lifted->status_reason.empty());
}

TEST(Mediator, ExclusionIsFinal) {
  auto excluded = changeStatus(professional(), MediatorStatus::excluded, kToday, "Решение палаты");
  ASSERT_TRUE(excluded);
  EXPECT_FALSE(mayTakeCases(*excluded));
  EXPECT_EQ(changeStatus(*excluded, MediatorStatus::active, kToday, {}).error().code,
            ErrorCode::conflict);
  auto m = *excluded;
  m.status_reason.clear();
  EXPECT_EQ(fieldOf(validate(m, kToday)), "status_reason:required");
}

} // namespace
} // namespace kelisim::core::mediation
