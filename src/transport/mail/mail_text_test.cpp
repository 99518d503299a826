#include "transport/mail/mail_text.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace kelisim::transport {
namespace {

std::string decodeBase64(std::string_view in) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : in) {
    const auto at = kAlphabet.find(c);
    if (at == std::string::npos) continue; // line ends, padding
    buffer = (buffer << 6) | static_cast<unsigned>(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// The base64 text between the first blank line after `from` and the next boundary or end.
std::string bodyAfter(const std::string &message, std::size_t from) {
  const auto start = message.find("\r\n\r\n", from) + 4;
  auto end = message.find("\r\n--", start);
  if (end == std::string::npos) end = message.size();
  return decodeBase64(message.substr(start, end - start));
}

core::Mail invitation(core::Language language) {
  core::Mail m;
  m.id = "0190abcdef12";
  m.kind = core::MailKind::invitation;
  m.recipient = "aliya@example.kz";
  m.language = language;
  m.params = {{"link", "https://kelisim.kz/set-password#secret"},
              {"name", "Әлия"},
              {"inviter", "Гүлнар Сейітова"},
              {"organisation", "Орал медиация орталығы"}};
  return m;
}

const core::Time kNow = core::fromMillis(1796000000000); // 2026-11-28

TEST(MailText, AnInvitationInKazakhIsAWellFormedMessage) {
  const i18n::Translator texts;
  const auto m = composeMail(invitation(core::Language::kk), {}, texts, kNow);
  EXPECT_EQ(m.subject, texts.text(core::Language::kk, "mail.invitation.subject"));
  EXPECT_NE(m.text.find("Сәлеметсіз бе, Әлия!"), std::string::npos) << m.text;
  EXPECT_NE(m.text.find("https://kelisim.kz/set-password#secret"), std::string::npos);
  EXPECT_NE(m.text.find("Орал медиация орталығы"), std::string::npos);
  // Headers: CRLF lines, 7-bit only, the subject as RFC 2047 encoded words.
  const auto head_end = m.rfc5322.find("\r\n\r\n");
  const std::string head = m.rfc5322.substr(0, head_end);
  for (unsigned char c : head) EXPECT_LT(c, 0x80) << "a header byte is not ASCII";
  EXPECT_NE(head.find("Subject: =?UTF-8?B?"), std::string::npos) << head;
  EXPECT_NE(head.find("To: <aliya@example.kz>"), std::string::npos);
  EXPECT_NE(head.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_NE(head.find("Message-ID: <0190abcdef12@kelisim>"), std::string::npos);
  for (std::size_t at = 0; (at = m.rfc5322.find('\n', at)) != std::string::npos; ++at)
    ASSERT_EQ(m.rfc5322[at - 1], '\r') << "a bare LF at " << at;
  EXPECT_NE(bodyAfter(m.rfc5322, 0).find("Әлия"), std::string::npos);
}

TEST(MailText, EachLanguageHasItsOwnText) {
  const i18n::Translator texts;
  const auto kk = composeMail(invitation(core::Language::kk), {}, texts, kNow);
  const auto ru = composeMail(invitation(core::Language::ru), {}, texts, kNow);
  const auto en = composeMail(invitation(core::Language::en), {}, texts, kNow);
  EXPECT_NE(kk.text, ru.text);
  EXPECT_NE(ru.text, en.text);
  EXPECT_NE(ru.text.find("Здравствуйте"), std::string::npos);
  // Without an organisation the sentence still reads.
  auto alone = invitation(core::Language::en);
  alone.params.erase("organisation");
  const auto plain = composeMail(alone, {}, texts, kNow);
  EXPECT_NE(plain.text.find("invited you to work in Kelisim."), std::string::npos) << plain.text;
}

TEST(MailText, AHeaderValueCannotStartAnotherHeader) {
  const i18n::Translator texts;
  auto mail = invitation(core::Language::en);
  mail.recipient = "a@example.kz>\r\nBcc: <victim@example.kz";
  const auto m = composeMail(mail, {}, texts, kNow);
  EXPECT_EQ(m.rfc5322.find("\r\nBcc:"), std::string::npos);
}

TEST(MailText, AReminderCarriesAnIcsInvitationInAstanaTime) {
  const i18n::Translator texts;
  core::Mail m;
  m.id = "reminder-t1";
  m.kind = core::MailKind::reminder;
  m.recipient = "citizen@example.kz";
  m.language = core::Language::ru;
  m.params = {{"link", "https://kelisim.kz/t/secret"},
              {"reception", "Виртуальный приём: семейные споры, алименты, раздел имущества"},
              {"slot_at", "2026-12-01T05:00:00Z"},
              {"minutes", "20"},
              {"uid", "t1"}};
  const auto message = composeMail(m, {}, texts, kNow);
  EXPECT_NE(message.text.find("01.12.2026 10:00"), std::string::npos) << message.text;
  EXPECT_NE(message.rfc5322.find("multipart/mixed"), std::string::npos);
  EXPECT_NE(message.rfc5322.find("Content-Type: text/calendar; charset=UTF-8; method=REQUEST"),
            std::string::npos);
  const auto cal_at = message.rfc5322.find("text/calendar");
  const std::string ics = bodyAfter(message.rfc5322, cal_at);
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\n", 0), 0u) << ics;
  EXPECT_NE(ics.find("DTSTART;TZID=Asia/Almaty:20261201T100000\r\n"), std::string::npos) << ics;
  EXPECT_NE(ics.find("DTEND;TZID=Asia/Almaty:20261201T102000\r\n"), std::string::npos);
  EXPECT_NE(ics.find("TZOFFSETTO:+0500"), std::string::npos);
  EXPECT_NE(ics.find("UID:t1@kelisim"), std::string::npos);
  EXPECT_NE(ics.find("END:VCALENDAR\r\n"), std::string::npos);
  // Every line at most 75 octets, folded lines start with a space, none splits a character.
  std::size_t start = 0;
  while (start < ics.size()) {
    const auto end = ics.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    const std::string line = ics.substr(start, end - start);
    EXPECT_LE(line.size(), 75u) << line;
    if (!line.empty() && line[0] == ' ') {
      EXPECT_NE(static_cast<unsigned char>(line[1]) & 0xC0, 0x80) << "split inside a character";
    }
    start = end + 2;
  }
  // Unfolded, the summary names the reception in full, escaped.
  std::string unfolded;
  for (std::size_t i = 0; i < ics.size(); ++i) {
    if (ics.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    unfolded += ics[i];
  }
  EXPECT_NE(unfolded.find("SUMMARY:Консультация: Виртуальный приём: семейные споры\\, алименты\\, "
                          "раздел имущества"),
            std::string::npos)
      << unfolded;
}

TEST(MailText, AConferenceInvitationCarriesItsIcsWithTheConferencesTimes) {
  const i18n::Translator texts;
  core::Mail m;
  m.id = "m1";
  m.kind = core::MailKind::conference_invitation;
  m.recipient = "judge@court.kz";
  m.language = core::Language::kk;
  m.params = {{"link", "https://kelisim.kz/c/secret"},
              {"title", "Медиация; отбасы"},
              {"starts_at", "2026-12-01T05:00:00Z"},
              {"ends_at", "2026-12-01T07:30:00Z"},
              {"organiser", "Айгүл"},
              {"guest", "yes"},
              {"uid", "conference-c1"}};
  const auto message = composeMail(m, {}, texts, kNow);
  EXPECT_NE(message.text.find("01.12.2026 10:00"), std::string::npos) << message.text;
  EXPECT_NE(message.text.find("https://kelisim.kz/c/secret"), std::string::npos);
  const std::string ics = bodyAfter(message.rfc5322, message.rfc5322.find("text/calendar"));
  EXPECT_NE(ics.find("DTSTART;TZID=Asia/Almaty:20261201T100000\r\n"), std::string::npos) << ics;
  EXPECT_NE(ics.find("DTEND;TZID=Asia/Almaty:20261201T123000\r\n"), std::string::npos) << ics;
  EXPECT_NE(ics.find("UID:conference-c1@kelisim"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Конференция: Медиация\\; отбасы"), std::string::npos) << ics;

  // Cancelled: the same event, taken off the calendar.
  m.kind = core::MailKind::conference_cancelled;
  const auto cancelled = composeMail(m, {}, texts, kNow);
  EXPECT_NE(cancelled.rfc5322.find("method=CANCEL"), std::string::npos);
  const std::string off = bodyAfter(cancelled.rfc5322, cancelled.rfc5322.find("text/calendar"));
  EXPECT_NE(off.find("METHOD:CANCEL\r\n"), std::string::npos) << off;
  EXPECT_NE(off.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_NE(off.find("UID:conference-c1@kelisim"), std::string::npos);
}

core::Mail mediation(core::MailKind kind, core::Language language,
                     std::map<std::string, std::string> params) {
  core::Mail m;
  m.id = "0190abcdef13";
  m.kind = kind;
  m.recipient = "party@example.kz";
  m.language = language;
  m.params = std::move(params);
  return m;
}

TEST(MailText, AMediationInvitationSaysWhatItIsAndWhenItLapses) {
  const i18n::Translator texts;
  const std::map<std::string, std::string> params = {
      {"link", "https://kelisim.kz/invitations#secret"},
      {"inviter", "Әлия Серікова"},
      {"category", "labour"},
      {"deadline", "2026-03-12"}};
  const auto ru = composeMail(
      mediation(core::MailKind::mediation_invitation, core::Language::ru, params), {}, texts, kNow);
  EXPECT_EQ(ru.subject, "Әлия Серікова приглашает вас на медиацию");
  for (const char *part : {"урегулировать трудовой спор с помощью медиации", "добровольно (ст. 5)",
                           "https://kelisim.kz/invitations#secret", "до 12.03.2026 включительно",
                           "считается отклонённым (п. 6 ст. 20)"})
    EXPECT_NE(ru.text.find(part), std::string::npos) << part << "\n" << ru.text;
  const auto kk = composeMail(
      mediation(core::MailKind::mediation_invitation, core::Language::kk, params), {}, texts, kNow);
  for (const char *part : {"еңбек дауын медиация арқылы", "12.03.2026 күнін қоса алғанда"})
    EXPECT_NE(kk.text.find(part), std::string::npos) << part << "\n" << kk.text;
  const auto en = composeMail(
      mediation(core::MailKind::mediation_invitation, core::Language::en, params), {}, texts, kNow);
  EXPECT_NE(en.text.find("settle a labour dispute by mediation"), std::string::npos) << en.text;
  EXPECT_EQ(en.rfc5322.find("text/calendar"), std::string::npos);
}

TEST(MailText, AMediationReminderCountsDaysByEachLanguagesPlurals) {
  const i18n::Translator texts;
  const auto text = [&](core::Language l, const std::string &what, int days) {
    return composeMail(mediation(core::MailKind::mediation_reminder, l,
                                 {{"link", "https://kelisim.kz/cases/c1"},
                                  {"what", what},
                                  {"date", "2026-04-01"},
                                  {"days", std::to_string(days)}}),
                       {}, texts, kNow);
  };
  const auto has = [](const MailMessage &m, const std::string &part) {
    return m.text.find(part) != std::string::npos || m.subject.find(part) != std::string::npos;
  };
  using L = core::Language;
  EXPECT_TRUE(has(text(L::ru, "term_ending", 1), "остался 1 день"));
  EXPECT_TRUE(has(text(L::ru, "term_ending", 3), "осталось 3 дня"));
  EXPECT_TRUE(has(text(L::ru, "term_ending", 5), "осталось 5 дней"));
  EXPECT_TRUE(has(text(L::ru, "term_ending", 21), "остался 21 день"));
  EXPECT_TRUE(has(text(L::ru, "term_ending", 0), "сегодня последний день"));
  EXPECT_TRUE(has(text(L::ru, "term_ending", 5), "истекает 01.04.2026"));
  EXPECT_TRUE(has(text(L::en, "term_ending", 1), "1 day is left"));
  EXPECT_TRUE(has(text(L::en, "term_ending", 5), "5 days are left"));
  EXPECT_TRUE(has(text(L::kk, "term_ending", 5), "5 күн қалды"));
  EXPECT_TRUE(has(text(L::kk, "invitation_lapsing", 2), "Жауап беруге 2 күн қалды"));
  EXPECT_TRUE(has(text(L::ru, "invitation_lapsing", 2), "Для ответа осталось 2 дня"));
  EXPECT_TRUE(has(text(L::en, "term_expired", 0), "Art. 26 p.1 sp.5"));
  EXPECT_TRUE(has(text(L::ru, "invitation_lapsed", 0), "считается отклонённым"));
  EXPECT_TRUE(has(text(L::ru, "obligation_due", 3), "обязательства по соглашению"));
  EXPECT_TRUE(has(text(L::ru, "obligation_overdue", 0), "не отмечено как исполненное"));
  // Each `what` has a text of its own, and every one links to the case's page.
  std::set<std::string> bodies;
  for (const char *what : {"invitation_lapsing", "term_ending", "term_expired", "invitation_lapsed",
                           "obligation_due", "obligation_overdue"})
    for (auto l : {L::kk, L::ru, L::en}) {
      const auto m = text(l, what, 2);
      EXPECT_TRUE(has(m, "https://kelisim.kz/cases/c1")) << what;
      EXPECT_EQ(m.text.find('{'), std::string::npos) << m.text;
      bodies.insert(m.text);
    }
  EXPECT_EQ(bodies.size(), 18u);
}

} // namespace
} // namespace kelisim::transport
