// The register of mediators (core/ports/mediation.hpp) on both backends: a mediator kept
// whole (lists in their order, certificate and status dates) and replaced whole, found by id
// and by account, listed by every filter alone and together in name-then-id order, taken ids
// and accounts refused, and a unit of work that fails keeping nothing.
#include "storage/contract_fixture.hpp"

namespace kelisim::storage {
namespace {

using namespace contract;
using namespace std::chrono_literals;
namespace md = core::mediation;
using core::ErrorCode;
using core::Language;
using md::Specialisation;

template <typename Backend> class MediationContract : public StoreContract<Backend> {
protected:
  void SetUp() override {
    StoreContract<Backend>::SetUp();
    if (this->IsSkipped() || this->HasFatalFailure()) return;
    for (const char *id : {"aigul", "bolat", "citizen"})
      this->must(this->store_->createUser(this->user(id)));
  }

  // A professional mediator in Astana and Almaty, for family and civil disputes, in kk and ru.
  md::Mediator professional(const std::string &id, const std::string &name) {
    md::Mediator m;
    m.id = id;
    m.name = name;
    m.keeper = "Палата профессиональных медиаторов «Келісім»";
    m.certificate = md::Certificate{"MC-" + id, std::chrono::year{2024} / 3 / 15};
    m.specialisations = {Specialisation::family, Specialisation::civil};
    m.languages = {Language::kk, Language::ru};
    m.regions = {"KZ-71", "KZ-75"};
    return m;
  }
  // A public mediator on the list of Shymkent's akimat: no certificate, labour disputes, kk.
  md::Mediator publicOne(const std::string &id, const std::string &name) {
    md::Mediator m;
    m.id = id;
    m.name = name;
    m.kind = md::MediatorKind::public_;
    m.keeper = "Шымкент қаласының әкімдігі";
    m.specialisations = {Specialisation::labour};
    m.languages = {Language::kk};
    m.regions = {"KZ-79"};
    return m;
  }

  Result<Unit> save(const md::Mediator &m, bool created, std::int64_t offset = 0) {
    core::UnitOfWork work;
    work.add(core::MediatorSaved{m, created, at(offset)});
    return this->run(this->store_->commit(work));
  }

  std::vector<std::string> ids(const core::MediatorQuery &query) {
    std::vector<std::string> out;
    for (const auto &m : this->must(this->store_->listMediators(query))) out.push_back(m.id);
    return out;
  }
};
TYPED_TEST_SUITE(MediationContract, Backends, BackendNames);

TYPED_TEST(MediationContract, AMediatorIsKeptWholeAndReplacedWhole) {
  auto m = this->professional("m1", "Айгүл Сейітова");
  m.user_id = "aigul";
  ASSERT_TRUE(this->save(m, true).ok());
  EXPECT_EQ(this->must(this->store_->getMediator("m1")), m);
  EXPECT_EQ(this->must(this->store_->findMediatorByUser("aigul")), m);

  // Every list replaced (shorter, longer, reordered), the certificate renewed, the account
  // unbound: what is read back is what was saved.
  m.name = "Айгүл Сейітова-Ахметова";
  m.keeper = "Ассоциация медиаторов Казахстана";
  m.certificate = md::Certificate{"MC-2025-0042", std::chrono::year{2025} / 12 / 31};
  m.specialisations = {Specialisation::commercial, Specialisation::labour,
                       Specialisation::administrative};
  m.languages = {Language::en};
  m.regions = {"KZ-79", "KZ-10", "KZ-71"};
  m.user_id.reset();
  ASSERT_TRUE(this->save(m, false, 1000).ok());
  EXPECT_EQ(this->must(this->store_->getMediator("m1")), m);
  EXPECT_EQ(this->run(this->store_->findMediatorByUser("aigul")).error().code,
            ErrorCode::not_found);

  auto p = this->publicOne("m2", "Болат Жұмабаев");
  p.user_id = "bolat";
  ASSERT_TRUE(this->save(p, true).ok());
  const auto read = this->must(this->store_->findMediatorByUser("bolat"));
  EXPECT_EQ(read, p);
  EXPECT_FALSE(read.certificate);
}

TYPED_TEST(MediationContract, StatusSinceAndReasonRoundTrip) {
  auto m = this->professional("m1", "Айгүл Сейітова");
  ASSERT_TRUE(this->save(m, true).ok());
  auto suspended =
      md::changeStatus(m, md::MediatorStatus::suspended, std::chrono::year{2024} / 2 / 29,
                       "Приостановлено: заявление медиатора");
  ASSERT_TRUE(suspended.ok());
  ASSERT_TRUE(this->save(*suspended, false, 10).ok());
  auto read = this->must(this->store_->getMediator("m1"));
  EXPECT_EQ(read, *suspended);
  EXPECT_EQ(read.status, md::MediatorStatus::suspended);
  ASSERT_TRUE(read.status_since);
  EXPECT_EQ(*read.status_since, std::chrono::year{2024} / 2 / 29); // a leap day kept

  auto lifted =
      md::changeStatus(read, md::MediatorStatus::active, std::chrono::year{2024} / 6 / 1, "");
  ASSERT_TRUE(lifted.ok());
  ASSERT_TRUE(this->save(*lifted, false, 20).ok());
  read = this->must(this->store_->getMediator("m1"));
  EXPECT_EQ(read, *lifted);
  EXPECT_FALSE(read.status_since);
  EXPECT_EQ(read.status_reason, "");

  auto excluded = md::changeStatus(read, md::MediatorStatus::excluded,
                                   std::chrono::year{2024} / 12 / 1, "Исключён решением палаты");
  ASSERT_TRUE(excluded.ok());
  ASSERT_TRUE(this->save(*excluded, false, 30).ok());
  EXPECT_EQ(this->must(this->store_->getMediator("m1")), *excluded);
}

TYPED_TEST(MediationContract, NotFoundAndTakenIdsAndAccounts) {
  EXPECT_EQ(this->run(this->store_->getMediator("nope")).error().code, ErrorCode::not_found);
  EXPECT_EQ(this->run(this->store_->findMediatorByUser("citizen")).error().code,
            ErrorCode::not_found);
  EXPECT_EQ(this->run(this->store_->findMediatorByUser("")).error().code, ErrorCode::not_found);

  auto m1 = this->professional("m1", "Айгүл Сейітова");
  m1.user_id = "aigul";
  ASSERT_TRUE(this->save(m1, true).ok());

  // The same id again: conflict, and the first record stays as it was.
  auto again = this->publicOne("m1", "Another");
  auto taken_id = this->save(again, true);
  ASSERT_FALSE(taken_id.ok());
  EXPECT_EQ(taken_id.error().code, ErrorCode::conflict);
  EXPECT_EQ(this->must(this->store_->getMediator("m1")), m1);

  // Another mediator with the same account: conflict on insert and on update.
  auto m2 = this->publicOne("m2", "Болат Жұмабаев");
  m2.user_id = "aigul";
  auto taken_user = this->save(m2, true);
  ASSERT_FALSE(taken_user.ok());
  EXPECT_EQ(taken_user.error().code, ErrorCode::conflict);
  EXPECT_EQ(this->run(this->store_->getMediator("m2")).error().code, ErrorCode::not_found);
  m2.user_id = "bolat";
  ASSERT_TRUE(this->save(m2, true).ok());
  m2.user_id = "aigul";
  auto moved_user = this->save(m2, false);
  ASSERT_FALSE(moved_user.ok());
  EXPECT_EQ(moved_user.error().code, ErrorCode::conflict);
  EXPECT_EQ(this->must(this->store_->findMediatorByUser("bolat")).id, "m2");

  // Replacing a record that does not exist fails and writes nothing (the service reads the
  // record first and answers not_found).
  auto ghost = this->professional("ghost", "Нет такого");
  auto missing = this->save(ghost, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::validation_failed); // its lists' foreign key
  EXPECT_EQ(this->run(this->store_->getMediator("ghost")).error().code, ErrorCode::not_found);
}

TYPED_TEST(MediationContract, AUnitThatFailsKeepsNothing) {
  auto m1 = this->professional("m1", "Айгүл Сейітова");
  m1.user_id = "aigul";
  ASSERT_TRUE(this->save(m1, true).ok());

  core::UnitOfWork work;
  auto changed = m1;
  changed.name = "Changed";
  changed.regions = {"KZ-11"};
  work.add(core::MediatorSaved{changed, false, at(5)});
  work.add(core::MediatorSaved{this->publicOne("m2", "Болат Жұмабаев"), true, at(5)});
  auto clash = this->publicOne("m3", "Третий");
  clash.user_id = "aigul"; // taken by m1: the whole unit fails
  work.add(core::MediatorSaved{clash, true, at(5)});
  EXPECT_FALSE(this->run(this->store_->commit(work)).ok());
  EXPECT_EQ(this->must(this->store_->getMediator("m1")), m1);
  EXPECT_EQ(this->run(this->store_->getMediator("m2")).error().code, ErrorCode::not_found);
  EXPECT_EQ(this->run(this->store_->getMediator("m3")).error().code, ErrorCode::not_found);

  core::UnitOfWork unknown_region; // not a region of the directory
  auto nowhere = this->publicOne("m4", "Нигде");
  nowhere.regions = {"KZ-99"};
  unknown_region.add(core::MediatorSaved{nowhere, true, at(6)});
  EXPECT_FALSE(this->run(this->store_->commit(unknown_region)).ok());
  EXPECT_EQ(this->run(this->store_->getMediator("m4")).error().code, ErrorCode::not_found);
}

TYPED_TEST(MediationContract, EveryFilterAloneAndTogetherInNameThenIdOrder) {
  // Names sort by code point on both backends: Latin before Cyrillic, then by id.
  auto a = this->professional("m-a", "Ахметова Дана"); // family, civil; kk, ru; KZ-71, KZ-75
  auto b = this->professional("m-b", "Бекова Сауле");
  b.specialisations = {Specialisation::commercial};
  b.languages = {Language::ru, Language::en};
  b.regions = {"KZ-75"};
  auto c = this->publicOne("m-c", "Ахметова Дана"); // labour; kk; KZ-79 (same name as m-a)
  auto d = this->publicOne("m-d", "Zhanna Omarova");
  d.specialisations = {Specialisation::family, Specialisation::labour};
  d.languages = {Language::ru};
  d.regions = {"KZ-71", "KZ-79"};
  auto e = this->professional("m-e", "Ерлан Нұрланұлы");
  e = md::changeStatus(e, md::MediatorStatus::suspended, std::chrono::year{2025} / 1 / 10,
                       "Проверка")
          .value();
  core::UnitOfWork work;
  for (const auto &m : {e, d, c, b, a}) work.add(core::MediatorSaved{m, true, at(0)});
  this->must(this->store_->commit(work));

  using V = std::vector<std::string>;
  EXPECT_EQ(this->ids({}), (V{"m-d", "m-a", "m-c", "m-b", "m-e"}));
  const auto all = this->must(this->store_->listMediators({}));
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0], d); // read whole, lists in their order
  EXPECT_EQ(all[4], e);

  core::MediatorQuery q;
  q.region = "KZ-71";
  EXPECT_EQ(this->ids(q), (V{"m-d", "m-a", "m-e"}));
  q = {};
  q.language = Language::en;
  EXPECT_EQ(this->ids(q), (V{"m-b"}));
  q = {};
  q.specialisation = Specialisation::labour;
  EXPECT_EQ(this->ids(q), (V{"m-d", "m-c"}));
  q = {};
  q.kind = md::MediatorKind::public_;
  EXPECT_EQ(this->ids(q), (V{"m-d", "m-c"}));
  q = {};
  q.status = md::MediatorStatus::suspended;
  EXPECT_EQ(this->ids(q), (V{"m-e"}));
  q = {};
  q.region = "KZ-62"; // nobody there
  EXPECT_TRUE(this->ids(q).empty());

  core::MediatorQuery together;
  together.region = "KZ-71";
  together.language = Language::kk;
  together.specialisation = Specialisation::family;
  together.kind = md::MediatorKind::professional;
  EXPECT_EQ(this->ids(together), (V{"m-a", "m-e"}));
  together.status = md::MediatorStatus::active;
  EXPECT_EQ(this->ids(together), (V{"m-a"}));
  together.kind = md::MediatorKind::public_;
  EXPECT_TRUE(this->ids(together).empty());

  core::MediatorQuery first_two;
  first_two.limit = 2;
  const auto two = this->must(this->store_->listMediators(first_two));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1], a); // the limit cuts mediators, not their list rows
}

} // namespace
} // namespace kelisim::storage
