#include "transport/documents/case_documents.hpp"

#include "core/mediation/deadlines.hpp"
#include "core/mediation/testing.hpp"
#include "transport/documents/pdf_text.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <thread>

namespace kelisim::transport {
namespace {

using namespace core::mediation;
using namespace core::mediation::testing;
using core::ErrorCode;
using core::Language;
using transport::testing::pdfToText;
using transport::testing::squeezed;

const i18n::Translator &texts() {
  static const i18n::Translator t;
  return t;
}

// alice and acme in `language`, with Kazakh names, the mediator's record filled in; running
// since t0 + 24h on a paid contract shared 70/30.
Case runningCase(const std::string &language) {
  Case d = draft();
  d.language = language;
  d.parties[0].name = "Әлия Қасымова";
  d.parties[0].email = "aliya@example.kz";
  d.parties[1].name = "«Күнбағыс» ЖШС";
  d.parties[1].representatives[0].name = "Ержан Өтегенов";
  d.parties[1].representatives[0].powers = "сенімхат № 7, 01.02.2026";
  d.subject = "Жалақы бойынша берешек — задолженность по заработной плате";
  Case c = contracting(d);
  c.mediators[0].name = "Гүлнұр Сүлейменова";
  c.mediators[0].keeper = "Қазақстан медиаторлары ұйымы";
  c = step(c,
           ContractDrafted{Fee{FeeKind::paid, 15000000, {{kAlice, 70}, {kAcme, 30}}}, "k1",
                           "онлайн, Kelisim, Алматы", "екі бірлескен кездесу, бір жеке кездесу"},
           kMed, t0 + 4h);
  for (const auto &who : {kAlice, kAcmeLawyer, kMed})
    c = step(c, ContractAccepted{1, "k1", {}}, who, t0 + 24h);
  return c;
}

// A SHA-256 as the service keeps it: 64 hex digits (here of nothing).
const std::string kHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

SettlementDrafted settlementDraft() {
  SettlementDrafted s;
  s.document_hash = kHash;
  s.place = "онлайн, Kelisim, Астана";
  s.terms = "Тараптар жалақы бойынша берешекті өтеу туралы келісті.";
  s.consequences = "Орындамаған жағдайда әрбір тарап сотқа жүгінуге құқылы.";
  s.obligations = {{"o1",
                    kAcme,
                    "Әлияға 450 000 теңге төлеу",
                    "банк аударымы арқылы",
                    *core::parseRfc3339("2026-04-02T00:00:00+05:00") /* the end of 01.04 */,
                    {},
                    {},
                    {}},
                   {"o2",
                    kAlice,
                    "арызды кері қайтарып алу",
                    "еңбек инспекциясына өтініш",
                    *core::parseRfc3339("2026-04-15T18:00:00+05:00"),
                    {},
                    {},
                    {}}};
  return s;
}

Case withSettlement(const std::string &language) {
  return step(runningCase(language), settlementDraft(), kAlice, t0 + 48h);
}

Case settledCase(const std::string &language) {
  Case c = withSettlement(language);
  c = step(c, SettlementSigned{1, kHash, {}}, kAlice, t0 + 49h);
  c = step(c,
           SettlementSigned{1, kHash,
                            CertificateSignature{"CN=ӨТЕГЕНОВ ЕРЖАН,SERIALNUMBER=IIN900", "0A",
                                                 "ecdsa-with-SHA256", "MIIB"}},
           kAcmeLawyer, t0 + 50h);
  return step(c, SettlementSigned{1, kHash, {}}, kMed, t0 + 51h);
}

std::string render(const core::Result<std::string> &r) {
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().log);
  return r.ok() ? squeezed(pdfToText(r.value())) : std::string();
}

void expectAll(const std::string &text, std::initializer_list<std::string> parts) {
  for (const auto &p : parts) EXPECT_NE(text.find(p), std::string::npos) << p << "\n---\n" << text;
}

TEST(CaseDocuments, TheSettlementInKazakhCarriesEveryArticle27Item) {
  CaseDocuments docs(texts());
  const std::string text = render(docs.settlement(withSettlement("kk"), 1));
  expectAll(text, {
                      "Дауды (жанжалды) реттеу туралы келісім", // the title
                      "1-нұсқа",                                // the version
                      "Күні: 04.03.2026",                       // t0 + 48h at UTC+5
                      "Жасалған орны: онлайн, Kelisim, Астана", // the place
                      "1-тарап: Әлия Қасымова",
                      "ЖСН: 900101300123",
                      "2-тарап: «Күнбағыс» ЖШС",
                      "БСН: 080140000123",
                      "Өкілі: Ержан Өтегенов",
                      "Өкілеттігі: сенімхат № 7, 01.02.2026",
                      "Дауның (жанжалдың) мәні",
                      "Жалақы бойынша берешек",
                      "Медиатор: Гүлнұр Сүлейменова",
                      "Мәртебесі: кәсіби медиатор",
                      "Медиаторлар ұйымы: Қазақстан медиаторлары ұйымы",
                      "Тараптар жалақы бойынша берешекті өтеу туралы келісті.",
                      "1. Міндетті тарап: «Күнбағыс» ЖШС",
                      "Міндеттеме: Әлияға 450 000 теңге төлеу",
                      "Орындау тәсілі: банк аударымы арқылы",
                      "Орындау мерзімі: 01.04.2026",
                      "2. Міндетті тарап: Әлия Қасымова",
                      "Міндеттеме: арызды кері қайтарып алу",
                      "Орындау тәсілі: еңбек инспекциясына өтініш",
                      "Орындау мерзімі: 15.04.2026 18:00",
                      "Келісімді орындамаудың салдары",
                      "Орындамаған жағдайда әрбір тарап сотқа жүгінуге құқылы.",
                      "Тарап: Әлия Қасымова",
                      "Тарап: «Күнбағыс» ЖШС атынан Ержан Өтегенов",
                      "Медиатор: Гүлнұр Сүлейменова",
                      "(қолы)",
                      "Медиация ісі case1",
                  });
}

TEST(CaseDocuments, TheSettlementInRussianCarriesEveryArticle27Item) {
  CaseDocuments docs(texts());
  const std::string text = render(docs.settlement(withSettlement("ru"), 1));
  expectAll(text, {
                      "Соглашение об урегулировании спора (конфликта)",
                      "Версия 1",
                      "Дата: 04.03.2026",
                      "Место заключения: онлайн, Kelisim, Астана",
                      "Сторона 1: Әлия Қасымова",
                      "ИИН: 900101300123",
                      "Сторона 2: «Күнбағыс» ЖШС",
                      "БИН: 080140000123",
                      "Представитель: Ержан Өтегенов",
                      "Полномочия: сенімхат № 7, 01.02.2026",
                      "Предмет спора (конфликта)",
                      "задолженность по заработной плате",
                      "Медиатор: Гүлнұр Сүлейменова",
                      "Статус: профессиональный медиатор",
                      "Организация медиаторов: Қазақстан медиаторлары ұйымы",
                      "Условия соглашения",
                      "Обязательства сторон, способы и сроки их исполнения",
                      "1. Обязанная сторона: «Күнбағыс» ЖШС",
                      "Обязательство: Әлияға 450 000 теңге төлеу",
                      "Способ исполнения: банк аударымы арқылы",
                      "Срок исполнения: 01.04.2026",
                      "Срок исполнения: 15.04.2026 18:00",
                      "Последствия неисполнения соглашения",
                      "Орындамаған жағдайда",
                      "Сторона: «Күнбағыс» ЖШС в лице Ержан Өтегенов",
                      "(подпись)",
                      "статья 27 Закона",
                  });
}

TEST(CaseDocuments, TheContractCarriesEveryArticle21Item) {
  CaseDocuments docs(texts());
  const Case c = runningCase("ru");
  const std::string text = render(docs.contract(c));
  expectAll(text, {
                      "Договор о медиации",
                      "Дата: 02.03.2026", // drafted at t0 + 4h
                      "Место заключения: онлайн, Kelisim, Алматы",
                      "Сторона 1: Әлия Қасымова",
                      "ИИН: 900101300123",
                      "БИН: 080140000123",
                      "Представитель: Ержан Өтегенов",
                      "Полномочия: сенімхат № 7",
                      "задолженность по заработной плате",
                      "Медиатор: Гүлнұр Сүлейменова",
                      "Қазақстан медиаторлары ұйымы",
                      "Язык медиации русский",
                      "Вознаграждение медиатора и возмещение расходов, тенге: 150 000",
                      "Стороны несут расходы в следующих долях:",
                      "Әлия Қасымова: 105 000 тенге (70 %)",
                      "«Күнбағыс» ЖШС: 45 000 тенге (30 %)",
                      "Конфиденциальность",
                      "статья 8 Закона",
                      "Права и обязанности",
                      "Медиатор обязан",
                      "не более 30 календарных дней",
                      "не более чем до 60 календарных дней",
                      "статья 23 Закона",
                      "Порядок проведения медиации",
                      "отдельных встречах",
                      "Порядок, дополнительно согласованный сторонами: екі бірлескен кездесу",
                      "пунктом 1 статьи 26 Закона",
                      "1. подписание сторонами соглашения",
                      "5. истечение срока медиации",
                      "Сторона: Әлия Қасымова",
                      "Медиатор: Гүлнұр Сүлейменова",
                      "(подпись)",
                  });
}

TEST(CaseDocuments, TheKazakhContractSaysItIsFreeWhenItIs) {
  Case c = runningCase("kk");
  c.contract.fee = Fee{};
  c.mediators[0].is_public = true;
  c.mediators[0].keeper = "Алматы қаласының әкімдігі";
  CaseDocuments docs(texts());
  const std::string text = render(docs.contract(c));
  expectAll(text, {"Медиация туралы шарт", "Медиация өтеусіз негізде жүргізіледі.",
                   "Қоғамдық медиаторлар қызметті өтеусіз негізде жүзеге асырады",
                   "Мәртебесі: қоғамдық медиатор", "Тізілімді жүргізеді: Алматы қаласының әкімдігі",
                   "Медиация тілі қазақ тілі", "30 күнтізбелік күннен", "60 күнтізбелік күннен",
                   "Құпиялылық"});
}

TEST(CaseDocuments, InEnglishToo) {
  CaseDocuments docs(texts());
  const Case c = withSettlement("en");
  expectAll(render(docs.contract(c)),
            {"Mediation contract", "Party 1: Әлия Қасымова", "IIN: 900101300123",
             "The mediator's fee and costs, tenge: 150 000", "Әлия Қасымова: 105 000 tenge (70 %)",
             "no longer than 30 calendar days", "no more than 60 calendar days in total",
             "Language of the mediation English", "Party: «Күнбағыс» ЖШС, by Ержан Өтегенов"});
  expectAll(render(docs.settlement(c, 1)),
            {"Agreement settling the dispute (conflict)", "Version 1", "Date: 04.03.2026",
             "Way of performance: банк аударымы арқылы", "Due: 01.04.2026"});
}

// A language the documents are not written in falls back to Russian.
TEST(CaseDocuments, AnotherLanguageFallsBackToRussian) {
  CaseDocuments docs(texts());
  Case c = runningCase("ru");
  c.language = "de";
  expectAll(render(docs.contract(c)), {"Договор о медиации", "Язык медиации русский"});
}

TEST(CaseDocuments, TheSameCaseGivesTheSameBytes) {
  CaseDocuments docs(texts());
  const Case c = settledCase("kk");
  EXPECT_EQ(docs.contract(c).value(), docs.contract(c).value());
  EXPECT_EQ(docs.settlement(c, 1).value(), docs.settlement(c, 1).value());
  EXPECT_EQ(docs.courtPackage(c).value(), docs.courtPackage(c).value());
}

// One object serves every request: documents made at once on several threads are the ones
// made one after another.
TEST(CaseDocuments, OneObjectFromManyThreadsAtOnce) {
  const CaseDocuments docs(texts());
  const Case kk = settledCase("kk"), ru = settledCase("ru");
  const std::string expected[] = {docs.settlement(kk, 1).value(), docs.contract(ru).value()};
  std::vector<std::string> got(6);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&, i] {
      auto r = i % 2 ? docs.contract(ru) : docs.settlement(kk, 1);
      if (r.ok()) got[i] = std::move(r).value();
    });
  for (auto &t : threads) t.join();
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_TRUE(got[i] == expected[i % 2]) << i;
}

// A signature binds the bytes: what the contract and the settlement say was fixed when they
// were drafted, so acceptances, signatures, marks and the stage leave them as they were.
TEST(CaseDocuments, WhatHappensAfterDraftingLeavesTheBytesAlone) {
  CaseDocuments docs(texts());
  Case before = withSettlement("ru");
  const Case after = settledCase("ru");
  EXPECT_EQ(docs.settlement(before, 1).value(), docs.settlement(after, 1).value());
  EXPECT_EQ(docs.contract(before).value(), docs.contract(after).value());
  Case marked = step(after, ObligationMarked{"o1", true}, kAlice, t0 + 30 * 24h);
  EXPECT_EQ(docs.settlement(after, 1).value(), docs.settlement(marked, 1).value());
}

TEST(CaseDocuments, AChangeInAnySettlementFieldChangesTheBytes) {
  CaseDocuments docs(texts());
  const Case base = withSettlement("ru");
  const std::string original = docs.settlement(base, 1).value();
  const std::vector<std::pair<std::string, std::function<void(Case &)>>> changes = {
      {"at", [](Case &c) { c.settlement.versions[0].at += 24h; }},
      {"place", [](Case &c) { c.settlement.versions[0].place += "."; }},
      {"terms", [](Case &c) { c.settlement.versions[0].terms += "."; }},
      {"consequences", [](Case &c) { c.settlement.versions[0].consequences += "."; }},
      {"owed_by", [](Case &c) { c.settlement.versions[0].obligations[0].owed_by = kAlice; }},
      {"what", [](Case &c) { c.settlement.versions[0].obligations[0].what += "."; }},
      {"how", [](Case &c) { c.settlement.versions[0].obligations[0].how += "."; }},
      {"due", [](Case &c) { c.settlement.versions[0].obligations[1].due += 24h; }},
      {"number", [](Case &c) { c.settlement.versions[0].number = 2; }},
      {"party name", [](Case &c) { c.parties[0].name += "а"; }},
      {"identifier", [](Case &c) { c.parties[1].identifier[11] = '4'; }},
      {"representative", [](Case &c) { c.parties[1].representatives[0].powers += "."; }},
      {"subject", [](Case &c) { c.subject += "."; }},
      {"mediator", [](Case &c) { c.mediators[0].keeper += "."; }},
      {"language", [](Case &c) { c.language = "kk"; }},
  };
  for (const auto &[what, change] : changes) {
    Case c = base;
    change(c);
    const int number = c.settlement.versions[0].number;
    auto changed = docs.settlement(c, number);
    ASSERT_TRUE(changed.ok()) << what;
    EXPECT_NE(changed.value(), original) << what;
  }
}

TEST(CaseDocuments, NothingToMakeIsNotFound) {
  CaseDocuments docs(texts());
  const Case contracting_case = contracting();
  EXPECT_EQ(docs.contract(contracting_case).error().code, ErrorCode::not_found);
  const Case running_case = running();
  EXPECT_EQ(docs.settlement(running_case, 1).error().code, ErrorCode::not_found);
  const Case drafted = withSettlement("ru");
  EXPECT_TRUE(docs.settlement(drafted, 1).ok());
  EXPECT_EQ(docs.settlement(drafted, 0).error().code, ErrorCode::not_found);
  EXPECT_EQ(docs.settlement(drafted, 2).error().code, ErrorCode::not_found);
  EXPECT_EQ(docs.terminationNotice(drafted).error().code, ErrorCode::not_found);
  EXPECT_EQ(docs.courtPackage(drafted).error().code, ErrorCode::not_found);
  EXPECT_EQ(docs.courtExtensionNotice(drafted, 0).error().code, ErrorCode::not_found);
  // Settled: no notice of termination (Art. 26 p.2 is for refusals and the term's expiry).
  EXPECT_EQ(docs.terminationNotice(settledCase("ru")).error().code, ErrorCode::not_found);
  // Refused before the mediation started: no notice either.
  const Case refused_early = step(choosing(), Withdrawn{}, kAlice, t0 + 2h);
  EXPECT_EQ(docs.terminationNotice(refused_early).error().code, ErrorCode::not_found);
  EXPECT_EQ(docs.contract(refused_early).error().code, ErrorCode::not_found);
}

TEST(CaseDocuments, ALongSettlementBreaksAcrossPagesWithoutLosingText) {
  SettlementDrafted s = settlementDraft();
  s.terms.clear();
  int words = 0;
  while (s.terms.size() < 4000) s.terms += fmt::format("шарт{:03} ", ++words);
  s.obligations.clear();
  for (int i = 1; i <= 30; ++i)
    s.obligations.push_back({fmt::format("o{}", i),
                             i % 2 ? kAcme : kAlice,
                             fmt::format("міндет{:02} төлеу", i),
                             fmt::format("тәсіл{:02}", i),
                             t0 + i * 24h,
                             {},
                             {},
                             {}});
  const Case c = step(runningCase("kk"), s, kAlice, t0 + 48h);
  CaseDocuments docs(texts());
  const auto pdf = docs.settlement(c, 1);
  ASSERT_TRUE(pdf.ok());
  const std::string raw = pdfToText(pdf.value());
  const std::string text = squeezed(raw);
  std::size_t at = 0; // every word of the terms, in order
  for (int i = 1; i <= words && at != std::string::npos; ++i) {
    at = text.find(fmt::format("шарт{:03}", i), at);
    EXPECT_NE(at, std::string::npos) << "lost шарт" << i;
  }
  for (int i = 1; i <= 30; ++i) {
    expectAll(text, {fmt::format("{}. Міндетті тарап:", i),
                     fmt::format("Міндеттеме: міндет{:02} төлеу", i),
                     fmt::format("Орындау тәсілі: тәсіл{:02}", i),
                     fmt::format("Орындау мерзімі: {}", dateText(t0 + i * 24h))});
  }
  const auto pages = std::count(raw.begin(), raw.end(), '\f');
  EXPECT_GE(pages, 4);
  EXPECT_TRUE(transport::testing::hasPageNumber(text, pages, pages));
}

TEST(CaseDocuments, TheNoticeOfTerminationStatesTheGroundAndItsArticle) {
  Case c = step(runningCase("ru"), Withdrawn{}, kAcmeLawyer, t0 + 72h);
  CaseDocuments docs(texts());
  c = step(c, NoticeRequested{}, kAlice, t0 + 96h);
  const std::string text = render(docs.terminationNotice(c));
  expectAll(text,
            {"Уведомление о прекращении медиации", "Дело медиации: case1",
             "Дата: 06.03.2026", // the notice's own date: t0 + 96h
             "Основание прекращения: письменный отказ одной из сторон от продолжения медиации",
             "Норма Закона: подпункт 4) пункта 1 статьи 26 Закона",
             "Дата начала медиации: 03.03.2026", "Дата прекращения медиации: 05.03.2026",
             "Заявление об отказе подала сторона: «Күнбағыс» ЖШС",
             "Уведомление выдано по просьбе: Әлия Қасымова", "пункт 2 статьи 26",
             "Сторона 1: Әлия Қасымова", "Медиатор: Гүлнұр Сүлейменова", "(подпись)"});
  EXPECT_EQ(docs.terminationNotice(c).value(), docs.terminationNotice(c).value());

  Case expired = runningCase("kk");
  expired = step(expired, TermExpired{}, "", *termEnds(expired));
  expectAll(render(docs.terminationNotice(expired)),
            {"Медиацияны тоқтату туралы хабарлама", "медиация мерзімінің өтуі",
             "Заңның 26-бабы 1-тармағының 5) тармақшасы"});
}

TEST(CaseDocuments, TheJointNoticeToTheCourtOfAnExtension) {
  Case d = draft();
  d.court_case_pending = true;
  Case c = running(t0 + 24h, d); // started 03.03.2026
  c.mediators[0].name = "Гүлнұр Сүлейменова";
  c = step(c, ExtensionRequested{21}, kAlice, t0 + 5 * 24h);
  c = step(c, ExtensionAgreed{}, kAcmeLawyer, t0 + 6 * 24h);
  ASSERT_EQ(c.extensions.size(), 1u);
  CaseDocuments docs(texts());
  const std::string text = render(docs.courtExtensionNotice(c, 0));
  // 30 + 21 = 51 days from 03.03.2026: the last day is 23.04.2026.
  expectAll(text, {"В суд, в производстве которого находится дело",
                   "Совместное уведомление сторон о продлении срока медиации",
                   "продлён на 21 календарный день, всего до 51 календарного дня",
                   "по 23.04.2026 включительно", "Дата начала медиации: 03.03.2026",
                   "Дата соглашения о продлении: 08.03.2026", "Последний день медиации: 23.04.2026",
                   "Сторона: Alice", "(подпись)"});
  EXPECT_EQ(text.find("Медиатор: Гүлнұр"), text.rfind("Медиатор: Гүлнұр")); // not a signer
  EXPECT_EQ(docs.courtExtensionNotice(c, 1).error().code, ErrorCode::not_found);

  c = step(c, ExtensionRequested{2}, kAlice, t0 + 7 * 24h);
  c = step(c, ExtensionAgreed{}, kAcmeLawyer, t0 + 7 * 24h);
  expectAll(render(docs.courtExtensionNotice(c, 1)),
            {"продлён на 2 календарных дня, всего до 53 календарных дней"});

  // Out of court there is no notice to give.
  Case out = running();
  out = step(out, ExtensionRequested{5}, kAlice, t0 + 5 * 24h);
  out = step(out, ExtensionAgreed{}, kAcmeLawyer, t0 + 5 * 24h);
  out = step(out, ExtensionAgreed{}, kMed, t0 + 5 * 24h);
  ASSERT_EQ(out.extensions.size(), 1u);
  EXPECT_EQ(docs.courtExtensionNotice(out, 0).error().code, ErrorCode::not_found);
}

TEST(CaseDocuments, TheCourtPackageHoldsTheSettlementTheContractTheDetailsAndWhoSigned) {
  CaseDocuments docs(texts());
  const Case c = settledCase("ru");
  const std::string text = render(docs.courtPackage(c));
  expectAll(text, {"Документы для утверждения судом соглашения об урегулировании спора (конфликта)",
                   "Соглашение об урегулировании спора (конфликта)", "Договор о медиации",
                   "Сведения о сторонах", "Электронная почта: aliya@example.kz",
                   "Сведения о подписании", "Подписи соглашения (версия 1)",
                   "Сторона: Әлия Қасымова", "Время подписания: 04.03.2026 11:00",
                   "Хеш SHA-256 документа: " + kHash, // in one piece
                   "Способ подписания: принятие в сервисе после входа в учётную запись",
                   "Способ подписания: электронная цифровая подпись (CMS)",
                   "Сертификат ЭЦП (субъект): CN=ӨТЕГЕНОВ ЕРЖАН,SERIALNUMBER=IIN900",
                   "Медиатор: Гүлнұр Сүлейменова", "Принятие договора о медиации",
                   "Хеш SHA-256 документа: k1", "Время подписания: 03.03.2026 10:00"});
  // The parts in order: the settlement, the contract, the details, the signing record.
  const auto settlement = text.find("Соглашение об урегулировании спора (конфликта) Версия 1");
  const auto contract = text.find("Договор о медиации Дело медиации");
  const auto details = text.find("Сведения о сторонах Стороны");
  const auto signing = text.find("Сведения о подписании Время");
  EXPECT_LT(settlement, contract);
  EXPECT_LT(contract, details);
  EXPECT_LT(details, signing);
  EXPECT_NE(signing, std::string::npos);
}

TEST(CaseDocuments, AmountsAndDates) {
  EXPECT_EQ(tengeText(15000000, Language::ru), "150\u202F000");
  EXPECT_EQ(tengeText(123456750, Language::kk), "1\u202F234\u202F567,50");
  EXPECT_EQ(tengeText(123456705, Language::en), "1\u202F234\u202F567.05");
  EXPECT_EQ(tengeText(99, Language::ru), "0,99");
  EXPECT_EQ(tengeText(100000, Language::ru), "1\u202F000");
  EXPECT_EQ(dateText(*core::parseRfc3339("2026-03-01T19:00:00Z")), "02.03.2026");
  EXPECT_EQ(dateText(*core::parseRfc3339("2026-03-01T18:59:59Z")), "01.03.2026");
}

// Every mediation.doc.* text is there in kk, ru and en, and formats with the arguments the
// documents give it.
TEST(CaseDocuments, EveryDocumentTextIsTranslated) {
  const auto &t = texts();
  int count = 0;
  for (const auto &[key, _] : t.all(Language::en)) {
    if (key.rfind("mediation.doc.", 0) != 0) continue;
    ++count;
    for (auto l : {Language::kk, Language::ru}) {
      ASSERT_TRUE(t.has(l, key)) << key << " missing in " << core::toString(l);
      const std::string out = t.text(l, key,
                                     {{"count", "3"},
                                      {"days", "21"},
                                      {"max", "51"},
                                      {"name", "N"},
                                      {"title", "T"},
                                      {"when", "W"}});
      EXPECT_EQ(out.find('{'), std::string::npos) << key << ": " << out;
    }
  }
  EXPECT_GT(count, 90);
  for (auto g :
       {EndGround::settled, EndGround::settlement_ruled_out, EndGround::parties_refused,
        EndGround::party_refused, EndGround::term_expired, EndGround::conflict_of_interest})
    for (const char *prefix : {"mediation.doc.ground.", "mediation.doc.ground_article."})
      EXPECT_TRUE(t.has(Language::en, prefix + std::string(toString(g)))) << toString(g);
  // Plurals by each language's rules.
  auto term = [&](Language l, int days) {
    return t.text(l, "mediation.doc.extension.text",
                  {{"days", std::to_string(days)}, {"max", "60"}, {"when", "W"}});
  };
  EXPECT_NE(term(Language::ru, 1).find("на 1 календарный день"), std::string::npos);
  EXPECT_NE(term(Language::ru, 3).find("на 3 календарных дня"), std::string::npos);
  EXPECT_NE(term(Language::ru, 5).find("на 5 календарных дней"), std::string::npos);
  EXPECT_NE(term(Language::ru, 21).find("на 21 календарный день"), std::string::npos);
  EXPECT_NE(term(Language::en, 1).find("by 1 calendar day,"), std::string::npos);
  EXPECT_NE(term(Language::en, 2).find("by 2 calendar days,"), std::string::npos);
  EXPECT_NE(term(Language::kk, 2).find("2 күнтізбелік күнге"), std::string::npos);
}

} // namespace
} // namespace kelisim::transport

namespace kelisim::transport {
namespace {
// For a person to look at: KELISIM_DOC_SAMPLES=/tmp/docs kelisim_transport_tests
// --gtest_also_run_disabled_tests --gtest_filter='*WriteSamples*' writes each document there.
TEST(CaseDocuments, DISABLED_WriteSamples) {
  const char *dir = std::getenv("KELISIM_DOC_SAMPLES");
  ASSERT_NE(dir, nullptr);
  CaseDocuments docs(texts());
  for (const std::string language : {"kk", "ru", "en"}) {
    const Case settled = settledCase(language);
    Case refused = step(runningCase(language), Withdrawn{}, kAcmeLawyer, t0 + 72h);
    refused = step(refused, NoticeRequested{}, kAlice, t0 + 96h);
    Case court = settledCase(language);
    court.court_case_pending = true;
    court.extensions.push_back({10, kAlice, {kAlice, kAcme}, t0 + 5 * 24h, true});
    const std::pair<std::string, core::Result<std::string>> all[] = {
        {"contract", docs.contract(settled)},
        {"settlement", docs.settlement(settled, 1)},
        {"notice", docs.terminationNotice(refused)},
        {"extension", docs.courtExtensionNotice(court, 0)},
        {"package", docs.courtPackage(settled)}};
    for (const auto &[name, pdf] : all) {
      ASSERT_TRUE(pdf.ok()) << name;
      std::ofstream(std::string(dir) + "/" + name + "-" + language + ".pdf", std::ios::binary)
          << pdf.value();
    }
  }
}
} // namespace
} // namespace kelisim::transport
