#include "app/demo_seed.hpp"

#include "core/mediation/mediator.hpp"

#include "core/ids.hpp"

#include "core/consent.hpp"
#include "core/reception/model.hpp"

#include <chrono>
#include <map>

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
namespace rc = core::reception;

// Kazakhstan's public holidays in the coming year (local dates).
const std::vector<std::string> kHolidays = {"2026-12-16", "2026-12-17", "2027-01-01", "2027-01-02",
                                            "2027-01-07", "2027-03-08", "2027-03-21", "2027-03-22",
                                            "2027-03-23", "2027-05-01", "2027-05-07", "2027-05-09",
                                            "2027-07-06", "2027-08-30", "2027-10-25", "2027-12-16"};

// A centre's permanent line (weekdays 09:00–18:00, Saturday 10:00–14:00) and a reception
// open from now for eight hours with every specialist of the centre on duty.
core::Task<core::Unit> seedReceptions(core::Store &store, const core::Clock &clock,
                                      core::Random &random, const core::Organisation &org,
                                      const std::vector<core::User> &staff,
                                      const std::string &created_by) {
  const auto now = clock.now();
  std::vector<std::string> categories;
  for (auto c : rc::kBaseCategories) categories.emplace_back(c);
  rc::Reception line;
  line.id = random.hex(12);
  line.organisation_id = org.id;
  line.kind = rc::ReceptionKind::permanent;
  line.title = {"Тұрақты кеңес беру желісі", "Постоянная линия консультаций",
                "Permanent consultation line"};
  line.description = {"Сұрағыңызды кез келген уақытта қалдырыңыз: жұмыс уақытында жауап береміз.",
                      "Оставьте вопрос в любое время: ответим в рабочие часы.",
                      "Leave your question at any time: we answer during opening hours."};
  line.starts_at = now;
  line.ends_at = core::fromMillis(253402300799000);
  line.categories = categories;
  line.channels = {rc::Channel::chat, rc::Channel::video, rc::Channel::voice, rc::Channel::phone};
  for (int day = 1; day <= 5; ++day) line.hours.push_back({day, 9 * 60, 18 * 60});
  line.hours.push_back({6, 10 * 60, 14 * 60});
  line.holidays = kHolidays;
  line.created_by = created_by;
  line.created_at = now;
  auto made_line = co_await store.createReception(line);
  if (!made_line) co_return made_line.error();

  rc::Reception r;
  r.id = random.hex(12);
  r.organisation_id = org.id;
  r.kind = rc::ReceptionKind::event;
  r.title = {"Виртуалды қабылдау: отбасы, еңбек, тұрғын үй, денсаулық",
             "Виртуальный приём: семья, труд, жильё, здоровье",
             "Virtual reception: family, work, housing, health"};
  r.description = {"Медиаторлар, психологтар, заңгерлер, судьялар, дәрігерлер және сыбайлас "
                   "жемқорлыққа қарсы мониторинг мамандары тегін кеңес береді.",
                   "Бесплатные консультации медиаторов, психологов, юристов, судей, врачей и "
                   "специалистов антикоррупционного мониторинга.",
                   "Free consultations with mediators, psychologists, lawyers, judges, doctors "
                   "and anti-corruption monitors."};
  r.starts_at = now;
  r.ends_at = now + std::chrono::hours(8);
  r.categories = categories;
  r.channels = {rc::Channel::chat, rc::Channel::video, rc::Channel::voice, rc::Channel::phone};
  r.created_by = created_by;
  r.created_at = now;
  auto made = co_await store.createReception(r);
  if (!made) co_return made.error();
  std::vector<rc::DutyShift> roster;
  for (const auto &u : staff)
    if (u.organisation_id == org.id)
      roster.push_back({r.id, u.id, u.kinds, r.starts_at, r.ends_at});
  co_return co_await store.setRoster(r.id, roster);
}

// Tomorrow's round table of the Astana centre, with specialists of both centres, its agenda
// and one open proposal (no guests: a demo sends no mail).
core::Task<core::Unit> seedConference(core::Store &store, const core::Clock &clock,
                                      core::Random &random, const std::string &organisation_id,
                                      const std::map<std::string, std::string> &ids) {
  namespace cf = core::conference;
  const core::Time now = clock.now();
  cf::Conference c;
  c.id = core::newId(now, random);
  c.organisation_id = organisation_id;
  c.title = "Отбасылық даулардағы медиация: орталықтардың дөңгелек үстелі";
  c.description = "Практика двух центров примирения: что помогает сторонам договориться.";
  c.language = Language::ru;
  c.starts_at = std::chrono::floor<std::chrono::hours>(now) + std::chrono::hours(24);
  c.ends_at = c.starts_at + std::chrono::hours(2);
  c.created_by = ids.at("coordinator.astana@demo.kelisim.kz");
  c.created_at = now;
  c.agenda = {{core::newId(now, random), "Открытие", ""},
              {core::newId(now, random), "Разбор случаев за квартал", ""},
              {core::newId(now, random), "Предложения центров", ""}};
  const std::pair<const char *, cf::ParticipantRole> people[] = {
      {"coordinator.astana@demo.kelisim.kz", cf::ParticipantRole::moderator},
      {"mediator.astana@demo.kelisim.kz", cf::ParticipantRole::moderator},
      {"lawyer@demo.kelisim.kz", cf::ParticipantRole::speaker},
      {"lawyer.wko@demo.kelisim.kz", cf::ParticipantRole::speaker},
      {"psychologist.astana@demo.kelisim.kz", cf::ParticipantRole::speaker}};
  for (const auto &[email, role] : people) {
    cf::Participant p;
    p.role = role;
    p.user_id = ids.at(email);
    c.participants.push_back(std::move(p));
  }
  cf::Proposal proposal;
  proposal.id = core::newId(now, random);
  proposal.conference_id = c.id;
  proposal.agenda_item_id = c.agenda[2].id;
  proposal.text = "Подготовить памятку для судов о направлении семейных споров на медиацию.";
  proposal.owner_id = ids.at("lawyer.wko@demo.kelisim.kz");
  proposal.due_date = core::toRfc3339(now + std::chrono::days(30)).substr(0, 10);
  proposal.created_by = c.created_by;
  proposal.created_at = now;
  core::UnitOfWork work;
  work.add(core::ConferenceSaved{std::move(c), true});
  work.add(core::ProposalSaved{std::move(proposal), true});
  co_return co_await store.commit(work);
}

// The register: the two demo mediators (professional, signing in with their accounts), one
// professional suspended, and two public mediators kept by akimats.
core::Task<core::Unit> seedMediators(core::Store &store, const core::Clock &clock,
                                     core::Random &random,
                                     const std::map<std::string, std::string> &ids) {
  namespace md = core::mediation;
  using std::chrono::day;
  using std::chrono::month;
  using std::chrono::year;
  using S = md::Specialisation;
  const core::Time now = clock.now();
  const md::Date today = core::kazakhstanDate(now);
  auto make = [&](std::string name, md::MediatorKind kind, std::string keeper,
                  std::optional<md::Certificate> certificate, std::vector<S> specialisations,
                  std::vector<Language> languages, std::vector<std::string> regions) {
    md::Mediator m;
    m.id = core::newId(now, random);
    m.name = std::move(name);
    m.kind = kind;
    m.keeper = std::move(keeper);
    m.certificate = std::move(certificate);
    m.specialisations = std::move(specialisations);
    m.languages = std::move(languages);
    m.regions = std::move(regions);
    return m;
  };
  const std::string chamber = "Палата профессиональных медиаторов «Келісім»";
  std::vector<md::Mediator> register_ = {
      make("Гүлнар Бекова", md::MediatorKind::professional, chamber,
           md::Certificate{"ПМ-2021-0147", md::Date{year{2021}, month{4}, day{12}}},
           {S::family, S::civil, S::labour}, {Language::kk, Language::ru}, {"KZ-27"}),
      make("Ольга Ким", md::MediatorKind::professional, chamber,
           md::Certificate{"ПМ-2019-0032", md::Date{year{2019}, month{10}, day{3}}},
           {S::family, S::commercial}, {Language::ru, Language::kk}, {"KZ-71"}),
      make("Арман Досжанов", md::MediatorKind::professional,
           "Объединение медиаторов Западно-Казахстанской области",
           md::Certificate{"ОМ-2022-0415", md::Date{year{2022}, month{2}, day{28}}},
           {S::civil, S::commercial}, {Language::ru}, {"KZ-27", "KZ-71"}),
      make("Бақыт Нұрғалиева", md::MediatorKind::public_, "Орал қаласының әкімдігі", std::nullopt,
           {S::family, S::labour}, {Language::kk}, {"KZ-27"}),
      make("Виктор Ли", md::MediatorKind::public_, "Акимат города Астаны", std::nullopt,
           {S::civil, S::family}, {Language::ru, Language::kk}, {"KZ-71"}),
  };
  register_[0].user_id = ids.at("mediator@demo.kelisim.kz");
  register_[1].user_id = ids.at("mediator.astana@demo.kelisim.kz");
  auto suspended = md::changeStatus(register_[2], md::MediatorStatus::suspended, today,
                                    "Жалоба стороны на рассмотрении палаты");
  if (!suspended) co_return suspended.error();
  register_[2] = std::move(*suspended);
  core::UnitOfWork work;
  for (auto &m : register_) work.add(core::MediatorSaved{std::move(m), true, now});
  co_return co_await store.commit(work);
}

} // namespace

core::Task<DemoSeed> seedDemo(core::Store &store, const core::Clock &clock, core::Random &random,
                              PasswordHasher &hasher, const std::string &password) {
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
      // So that each centre has a specialist of every kind on its reception's roster.
      {"lawyer.wko@demo.kelisim.kz",
       "Данияр Ғабдуллин",
       Role::specialist,
       {SpecialistKind::lawyer},
       0,
       {Language::kk, Language::ru},
       {}},
      {"doctor.wko@demo.kelisim.kz",
       "Сәуле Жұмабаева",
       Role::specialist,
       {SpecialistKind::doctor},
       0,
       {Language::kk, Language::ru},
       {"health"}},
      {"anticorruption.wko@demo.kelisim.kz",
       "Тимур Исмаилов",
       Role::specialist,
       {SpecialistKind::anticorruption},
       0,
       {Language::kk, Language::ru},
       {"corruption"}},
      {"other.wko@demo.kelisim.kz",
       "Жанна Серікбаева",
       Role::specialist,
       {SpecialistKind::other},
       0,
       {Language::kk, Language::ru},
       {}},
      {"mediator.astana@demo.kelisim.kz",
       "Ольга Ким",
       Role::specialist,
       {SpecialistKind::mediator},
       1,
       {Language::kk, Language::ru},
       {}},
      {"psychologist.astana@demo.kelisim.kz",
       "Мадина Әбенова",
       Role::specialist,
       {SpecialistKind::psychologist},
       1,
       {Language::kk, Language::ru},
       {}},
      {"judge.astana@demo.kelisim.kz",
       "Қайрат Бейсенов",
       Role::specialist,
       {SpecialistKind::judge},
       1,
       {Language::kk, Language::ru},
       {}},
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
  std::vector<core::User> staff;
  std::map<std::string, std::string> coordinators; // organisation → its coordinator
  std::map<std::string, std::string> ids;          // e-mail → user id
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
    if (u.role == Role::citizen) { // signed up as anyone does: with consent to the current text
      u.consent_version = core::kConsentVersion;
      u.consent_at = u.created_at;
    }
    auto made = co_await store.createUser(u);
    if (!made) co_return made.error();
    if (u.role == Role::specialist) staff.push_back(u);
    if (u.role == Role::coordinator) coordinators[*u.organisation_id] = u.id;
    ids[u.email] = u.id;
  }
  for (const auto &o : orgs) {
    const std::string creator = coordinators[o.id];
    auto receptions = co_await seedReceptions(store, clock, random, o, staff, creator);
    if (!receptions) co_return receptions.error();
  }
  auto conference = co_await seedConference(store, clock, random, orgs[1].id, ids);
  if (!conference) co_return conference.error();
  auto mediators = co_await seedMediators(store, clock, random, ids);
  if (!mediators) co_return mediators.error();
  out.created = true;
  co_return out;
}

} // namespace kelisim::app
