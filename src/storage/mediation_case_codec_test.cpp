#include "storage/mediation_case_codec.hpp"

#include "core/mediation/testing.hpp"

#include <gtest/gtest.h>

#include <random>

namespace kelisim::storage {
namespace {

namespace md = core::mediation;
using namespace md::testing;

md::Case roundTrip(const md::Case &c) {
  auto decoded = decodeCase(encodeCase(c));
  EXPECT_TRUE(decoded.ok()) << (decoded.ok() ? "" : decoded.error().log);
  return decoded.ok() ? decoded.value() : md::Case{};
}

// Every field set, every optional one present, texts that JSON must escape.
md::Case everyField() {
  md::Case c = draft();
  c.id = "case-\"quoted\"\\";
  c.source = md::Source::consultation;
  c.ticket_id = "t-17";
  c.opened_by = kAlice;
  c.opened_at = t0 + 1ms;
  c.parties[0].consented_at = t0;
  c.parties[1].consented_at = t0 + 1h;
  c.parties[1].email = "legal@acme.kz";
  c.parties[1].invite_hash = "9f86d081";
  c.subject = "Жалақы / жалованье\n\ttab \u0001";
  c.court_case_pending = true;
  c.stage = md::CaseStage::ended;
  c.invited_at = t0 + 2ms;
  c.answer_days = 14;
  c.region = "KZ-ALA";
  c.reminders_sent = {"invitation:2", "term:5"};
  c.mediators = {{kMed,
                  true,
                  "reg-1",
                  "Бақыт Нұрғалиева",
                  "Алматы қаласының әкімдігі",
                  kAlice,
                  {kAlice, kAcme},
                  md::Declaration::no_conflict,
                  t0 + 3h,
                  ""},
                 {kMed2,
                  false,
                  "reg-2",
                  "Ольга Ким",
                  "\"Келісім\" орталығы",
                  kAcme,
                  {kAcme},
                  md::Declaration::conflict,
                  t0 + 4h,
                  "the brother-in-law of a party"}};
  c.contract.version = 2;
  c.contract.document_hash = "sha256:ab";
  c.contract.fee = {md::FeeKind::paid, 9'000'000'000'000LL, {{kAlice, 70}, {kAcme, 30}}};
  c.contract.place = "онлайн, Алматы";
  c.contract.procedure = "сессии по вторникам";
  c.contract.drafted_by = kMed;
  c.contract.drafted_at = t0 + 4h;
  const md::CertificateSignature cert{"CN=ӘЛИЯ, SERIALNUMBER=IIN880101300000", "0a1b",
                                      "ecdsa-with-SHA256", "MIIB"};
  c.contract.acceptances = {{kAlice, 2, "sha256:ab", t0 + 5h, cert},
                            {kMed, 2, "sha256:ab", t0 + 6h, std::nullopt}};
  c.started_at = t0 + 6h;
  c.term_days = 45;
  c.pending_extension = md::Extension{10, kAcmeLawyer, {kAcme}, std::nullopt, false};
  c.extensions = {{15, kAlice, {kAlice, kAcme, kMed}, t0 + 240h, true}};
  c.settlement.obligations = {
      {"o1", kAcme, "pay 100 000 ₸", "bank transfer", t0 + 900h, true, kAlice, t0 + 950h},
      {"o2", kAlice, "return the keys", "in person", t0 + 901h, false, kAcme, t0 + 951h},
      {"o3", kAlice, "", "", t0 + 902h, std::nullopt, "", std::nullopt}};
  c.settlement.versions = {{1, "s1", kMed, t0 + 300h, "онлайн", "", "", {}},
                           {2, "s2", kAlice, t0 + 301h, "онлайн, Астана", "terms \"q\"",
                            "penalty 0.1% a day", c.settlement.obligations}};
  c.settlement.signatures = {{kAlice, 2, "s2", t0 + 302h, cert}};
  c.child_threats = {{kMed, t0 + 100h, "a threat"}};
  c.ending = md::Ending{md::EndGround::settled, kMed, t0 + 303h, "detail"};
  c.notices = {{kAlice, t0 + 304h}, {kAcme, t0 + 305h}};
  return c;
}

TEST(CaseCodec, EveryFieldRoundTrips) {
  const auto c = everyField();
  EXPECT_EQ(roundTrip(c), c);
  EXPECT_EQ(roundTrip(md::Case{}), md::Case{});
  md::Case clock_ended = c;
  clock_ended.ending->by.reset(); // ended by the clock: nobody
  clock_ended.ticket_id.reset();
  EXPECT_EQ(roundTrip(clock_ended), clock_ended);
}

TEST(CaseCodec, ACaseAtEachStageRoundTrips) {
  for (auto stage : kAllStages) {
    const auto c = inStage(stage);
    ASSERT_EQ(c.stage, stage);
    EXPECT_EQ(roundTrip(c), c) << md::toString(stage);
  }
  // Settled, obligations marked, a threat to a child recorded, an extension granted.
  md::Case c = running();
  c = step(c, md::ChildThreatRecorded{"noted"}, kMed, t0 + 30h);
  c = step(c, md::ExtensionRequested{10}, kAlice, t0 + 40h);
  c = step(c, md::ExtensionAgreed{}, kAcmeLawyer, t0 + 42h);
  c = step(c, md::ExtensionAgreed{}, kMed, t0 + 43h);
  md::Obligation pay{"o1", kAcme, "pay", "transfer", t0 + 500h, std::nullopt, "", std::nullopt};
  c = step(c, md::SettlementDrafted{"s1", {pay}, "online", "", ""}, kMed, t0 + 50h);
  for (const auto &who : {kAlice, kAcmeLawyer, kMed})
    c = step(c, md::SettlementSigned{1, "s1", std::nullopt}, who, t0 + 60h);
  c = step(c, md::ObligationMarked{"o1", true}, kAlice, t0 + 501h);
  ASSERT_EQ(c.ending->ground, md::EndGround::settled);
  ASSERT_EQ(c.extensions.size(), 1u);
  ASSERT_EQ(c.settlement.obligations[0].performed, true);
  EXPECT_EQ(roundTrip(c), c);
}

// Whether `text` decodes to an internal error (not a case, not another error).
bool refused(std::string_view text) {
  auto r = decodeCase(text);
  return !r.ok() && r.error().code == core::ErrorCode::internal;
}

TEST(CaseCodec, MalformedTextIsAnInternalError) {
  const std::string good = encodeCase(everyField());
  for (std::string_view bad :
       {"", "{", "[]", "null", "{}", "{\"v\":2}", "{\"v\":\"1\"}", "{\"v\":1}", "\xff\xfe"})
    EXPECT_TRUE(refused(bad)) << bad;

  auto with = [&](const std::string &from, const std::string &to) {
    std::string text = good;
    auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return text.replace(at, from.size(), to);
  };
  EXPECT_TRUE(refused(with("\"stage\":\"ended\"", "\"stage\":\"finished\"")));
  EXPECT_TRUE(refused(with("\"term_days\":45", "\"term_days\":4.5")));
  EXPECT_TRUE(refused(with("\"term_days\":45", "\"term_days\":99999999999")));
  EXPECT_TRUE(refused(with("\"term_days\":45", "\"term_dayz\":45")));
  EXPECT_TRUE(refused(with("\"id\":\"o1\"", "\"id\":1")));
  auto wrong = decodeCase(with("\"subject\":", "\"subjekt\":"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().log, "case body: field subject");

  EXPECT_TRUE(refused(std::string(100'000, '['))); // too deep
  EXPECT_TRUE(refused(good + std::string(kMaxCaseText, ' ')));
}

// Fuzz-like: every prefix and random byte changes of a real case decode or fail cleanly.
TEST(CaseCodec, CutAndMutatedTextNeverCrashes) {
  const std::string good = encodeCase(everyField());
  for (std::size_t n = 0; n < good.size(); ++n)
    EXPECT_TRUE(refused(std::string_view(good).substr(0, n)));
  std::mt19937 random(20260302);
  std::uniform_int_distribution<std::size_t> where(0, good.size() - 1);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 2000; ++i) {
    std::string text = good;
    for (int k = 0; k < 3; ++k) text[where(random)] = static_cast<char>(byte(random));
    auto r = decodeCase(text);
    if (r.ok()) {
      EXPECT_EQ(decodeCase(encodeCase(r.value())).value(), r.value());
    }
  }
}

} // namespace
} // namespace kelisim::storage
