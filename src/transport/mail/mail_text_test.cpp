#include "transport/mail/mail_text.hpp"

#include <gtest/gtest.h>

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

} // namespace
} // namespace kelisim::transport
