#include "app/demo_seed.hpp"

namespace kelisim::app {

using core::Language;
using core::Role;
using core::SpecialistKind;

namespace {
struct DemoPerson {
  const char *email;
  const char *name;
  Role role;
  std::vector<SpecialistKind> kinds;
  int organisation; // index into the demo organisations, -1 for none
  std::vector<Language> languages;
  std::vector<std::string> categories;
};
} // namespace

storage::Task<DemoSeed> seedDemo(storage::Store &store, const core::Clock &clock,
                                 core::Random &random, PasswordHasher &hasher,
                                 const std::string &password) {
  DemoSeed out;
  const std::vector<DemoPerson> people = {
      {"admin@demo.kelisim.kz",
       "Әлия Сейітова",
       Role::admin,
       {},
       -1,
       {Language::kk, Language::ru},
       {}},
      {"coordinator.wko@demo.kelisim.kz",
       "Ержан Мұхамбетов",
       Role::coordinator,
       {},
       0,
       {Language::kk, Language::ru},
       {}},
      {"coordinator.astana@demo.kelisim.kz",
       "Дина Ахметова",
       Role::coordinator,
       {},
       1,
       {Language::kk, Language::ru},
       {}},
      {"mediator@demo.kelisim.kz",
       "Гүлнар Бекова",
       Role::specialist,
       {SpecialistKind::mediator},
       0,
       {Language::kk, Language::ru},
       {"family", "civil", "labour", "housing", "consumer"}},
      {"psychologist@demo.kelisim.kz",
       "Айгүл Нұрланова",
       Role::specialist,
       {SpecialistKind::psychologist},
       0,
       {Language::kk, Language::ru},
       {"family", "health", "other"}},
      {"lawyer@demo.kelisim.kz",
       "Марат Жақсылықов",
       Role::specialist,
       {SpecialistKind::lawyer},
       1,
       {Language::kk, Language::ru, Language::en},
       {"family", "civil", "labour", "housing", "consumer", "other"}},
      {"judge@demo.kelisim.kz",
       "Серік Омаров",
       Role::specialist,
       {SpecialistKind::judge},
       0,
       {Language::kk, Language::ru},
       {"family", "civil", "labour"}},
      {"doctor@demo.kelisim.kz",
       "Ләззат Қасымова",
       Role::specialist,
       {SpecialistKind::doctor},
       1,
       {Language::kk, Language::ru},
       {"health"}},
      {"anticorruption@demo.kelisim.kz",
       "Нұрлан Төлеуов",
       Role::specialist,
       {SpecialistKind::anticorruption},
       1,
       {Language::kk, Language::ru},
       {"corruption"}},
      {"other@demo.kelisim.kz",
       "Асель Ибраева",
       Role::specialist,
       {SpecialistKind::other},
       1,
       {Language::kk, Language::ru, Language::en},
       {"other", "consumer"}},
      {"citizen@demo.kelisim.kz", "Бауыржан Сапаров", Role::citizen, {}, -1, {Language::ru}, {}},
  };
  for (const auto &p : people)
    out.accounts.push_back(
        {p.email,
         std::string(core::toString(p.role)) +
             (p.kinds.empty() ? "" : " (" + std::string(core::toString(p.kinds[0])) + ")")});

  auto existing = co_await store.findUserByEmail(people[0].email);
  if (existing) co_return out;
  if (existing.error().code != core::ErrorCode::not_found) co_return existing.error();

  const std::vector<core::Organisation> orgs = {
      {random.hex(16),
       {"Қазақстан халқы Ассамблеясының Батыс Қазақстан облысы бойынша Татуластыру орталығы",
        "Центр примирения Ассамблеи народа Казахстана Западно-Казахстанской области",
        "Reconciliation Centre of the Assembly of People of Kazakhstan, West Kazakhstan Region"},
       "KZ-27",
       clock.now()},
      {random.hex(16),
       {"Қазақстан халқы Ассамблеясының Астана қаласы бойынша Татуластыру орталығы",
        "Центр примирения Ассамблеи народа Казахстана города Астаны",
        "Reconciliation Centre of the Assembly of People of Kazakhstan, Astana"},
       "KZ-71",
       clock.now()},
  };
  for (const auto &o : orgs) {
    auto made = co_await store.createOrganisation(o);
    if (!made) co_return made.error();
  }
  const std::string hash = co_await hasher.hash(password);
  if (hash.empty()) co_return core::Error::make(core::ErrorCode::internal, "argon2id failed");
  for (const auto &p : people) {
    core::User u;
    u.id = random.hex(16);
    u.email = p.email;
    u.display_name = p.name;
    u.role = p.role;
    u.kinds = p.kinds;
    if (p.organisation >= 0) u.organisation_id = orgs[p.organisation].id;
    u.language = Language::ru;
    u.languages = p.languages;
    u.categories = p.categories;
    u.password_hash = hash;
    u.created_at = clock.now();
    auto made = co_await store.createUser(u);
    if (!made) co_return made.error();
  }
  out.created = true;
  co_return out;
}

} // namespace kelisim::app
