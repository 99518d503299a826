#include "transport/mail/mail_text.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <array>
#include <chrono>

namespace kelisim::transport {

namespace {

constexpr auto kAstana = std::chrono::hours(5); // Kazakhstan: one time zone, UTC+5, no DST

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  if (i < in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// Base64 in lines of 76 characters, CRLF after each.
std::string base64Lines(std::string_view in) {
  const std::string all = base64(in);
  std::string out;
  for (std::size_t i = 0; i < all.size(); i += 76) out.append(all, i, 76).append("\r\n");
  return out;
}

// RFC 2047: an encoded-word per chunk of whole UTF-8 characters (at most 45 bytes each, so
// every word stays under 75 characters), folded onto continuation lines.
std::string encodedHeader(std::string_view text) {
  bool ascii = true;
  for (unsigned char c : text)
    if (c >= 0x80 || c < 0x20) ascii = false;
  if (ascii && text.size() < 70) return std::string(text);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = std::min(text.size(), i + 45);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

// Newlines in a header value would start a new header: never let a value carry one.
std::string oneLine(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
  return out;
}

std::string rfc5322Date(core::Time t) {
  const auto secs = std::chrono::floor<std::chrono::seconds>(t);
  return fmt::format("{:%a, %d %b %Y %H:%M:%S} +0000", secs);
}

std::string param(const core::Mail &mail, const std::string &key) {
  auto it = mail.params.find(key);
  return it == mail.params.end() ? std::string() : it->second;
}

// RFC 5545 TEXT: backslash, semicolon, comma and newline escaped.
std::string icsText(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') continue;
    out += c;
  }
  return out;
}

// A content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character.
void icsLine(std::string &out, std::string_view line) {
  std::size_t i = 0;
  bool first = true;
  while (i < line.size()) {
    const std::size_t room = first ? 75 : 74;
    std::size_t end = std::min(line.size(), i + room);
    while (end < line.size() && end > i && (static_cast<unsigned char>(line[end]) & 0xC0) == 0x80)
      --end;
    if (!first) out += ' ';
    out.append(line.substr(i, end - i)).append("\r\n");
    i = end;
    first = false;
  }
}

std::string icsLocal(core::Time t) {
  const auto local = std::chrono::floor<std::chrono::seconds>(t) + kAstana;
  return fmt::format("{:%Y%m%dT%H%M%S}", local);
}
std::string icsUtc(core::Time t) {
  return fmt::format("{:%Y%m%dT%H%M%S}Z", std::chrono::floor<std::chrono::seconds>(t));
}

} // namespace

std::string astanaTimeText(core::Time t) {
  const auto local = std::chrono::floor<std::chrono::minutes>(t) + kAstana;
  return fmt::format("{:%d.%m.%Y %H:%M}", local);
}

std::string calendarInvitation(const CalendarEvent &event, const MailIdentity &from,
                               core::Time now) {
  std::string out;
  for (const char *l :
       {"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kelisim//Reception//EN", "CALSCALE:GREGORIAN",
        event.cancelled ? "METHOD:CANCEL" : "METHOD:REQUEST", "BEGIN:VTIMEZONE", "TZID:Asia/Almaty",
        "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0500", "TZOFFSETTO:+0500",
        "TZNAME:+05", "END:STANDARD", "END:VTIMEZONE", "BEGIN:VEVENT"})
    icsLine(out, l);
  icsLine(out, "UID:" + oneLine(event.uid) + "@kelisim");
  icsLine(out, "DTSTAMP:" + icsUtc(now));
  icsLine(out, "DTSTART;TZID=Asia/Almaty:" + icsLocal(event.start));
  icsLine(out, "DTEND;TZID=Asia/Almaty:" + icsLocal(event.end));
  icsLine(out, "SUMMARY:" + icsText(event.summary));
  icsLine(out, "DESCRIPTION:" + icsText(event.description));
  if (!event.url.empty()) icsLine(out, "URL:" + oneLine(event.url));
  icsLine(out, "ORGANIZER;CN=" + icsText(from.from_name) + ":mailto:" + from.from_address);
  if (!event.attendee.empty())
    icsLine(out, "ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:" + oneLine(event.attendee));
  icsLine(out, event.cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
  icsLine(out, event.cancelled ? "SEQUENCE:1" : "SEQUENCE:0");
  for (const char *l : {"BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT15M"}) icsLine(out, l);
  icsLine(out, "DESCRIPTION:" + icsText(event.summary));
  for (const char *l : {"END:VALARM", "END:VEVENT", "END:VCALENDAR"}) icsLine(out, l);
  return out;
}

std::string reminderCalendar(const core::Mail &mail, const MailIdentity &from,
                             const std::string &summary, core::Time now) {
  CalendarEvent event;
  event.uid = param(mail, "uid");
  event.summary = summary;
  event.url = param(mail, "link");
  event.attendee = mail.recipient;
  if (mail.kind == core::MailKind::conference_invitation ||
      mail.kind == core::MailKind::conference_cancelled) {
    event.cancelled = mail.kind == core::MailKind::conference_cancelled;
    event.start = core::parseRfc3339(param(mail, "starts_at")).value_or(now);
    event.end = core::parseRfc3339(param(mail, "ends_at")).value_or(event.start);
    event.description = event.url;
  } else {
    event.start = core::parseRfc3339(param(mail, "slot_at")).value_or(now);
    int minutes = 30;
    try {
      minutes = std::stoi(param(mail, "minutes"));
    } catch (...) {
    }
    event.end = event.start + std::chrono::minutes(minutes);
    event.description = param(mail, "reception") + "\n" + event.url;
  }
  return calendarInvitation(event, from, now);
}

MailMessage composeMail(const core::Mail &mail, const MailIdentity &from,
                        const i18n::Translator &texts, core::Time now) {
  i18n::Params params(mail.params.begin(), mail.params.end());
  params.try_emplace("organisation", "none");
  for (const char *key : {"slot_at", "starts_at"})
    if (auto slot = mail.params.find(key); slot != mail.params.end())
      if (auto at = core::parseRfc3339(slot->second)) params["when"] = astanaTimeText(*at);
  // A mediation mail's days ("YYYY-MM-DD") read as people write them: "12.03.2026".
  for (const char *key : {"date", "deadline"})
    if (auto day = mail.params.find(key); day != mail.params.end())
      if (auto ymd = core::parseIsoDate(day->second))
        params[key] =
            fmt::format("{:02}.{:02}.{:04}", static_cast<unsigned>(ymd->day()),
                        static_cast<unsigned>(ymd->month()), static_cast<int>(ymd->year()));
  const std::string kind(core::toString(mail.kind));
  MailMessage m;
  m.subject = texts.text(mail.language, "mail." + kind + ".subject", params);
  m.text = texts.text(mail.language, "mail." + kind + ".body", params) + "\n\n" +
           texts.text(mail.language, "mail.ignore") + "\n\n-- \n" +
           texts.text(mail.language, "mail.signature") + "\n";
  std::string crlf_text;
  for (char c : m.text) {
    if (c == '\n') crlf_text += '\r';
    crlf_text += c;
  }

  std::string &out = m.rfc5322;
  out += "From: " + encodedHeader(oneLine(from.from_name)) + " <" + oneLine(from.from_address) +
         ">\r\n";
  out += "To: <" + oneLine(mail.recipient) + ">\r\n";
  out += "Subject: " + encodedHeader(oneLine(m.subject)) + "\r\n";
  out += "Date: " + rfc5322Date(now) + "\r\n";
  out += "Message-ID: <" + oneLine(mail.id) + "@kelisim>\r\n";
  out += "Content-Language: " + std::string(core::toString(mail.language)) + "\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "MIME-Version: 1.0\r\n";
  const std::string text_part_headers = "Content-Type: text/plain; charset=UTF-8\r\n"
                                        "Content-Transfer-Encoding: base64\r\n";
  const bool with_calendar = mail.kind == core::MailKind::reminder ||
                             mail.kind == core::MailKind::conference_invitation ||
                             mail.kind == core::MailKind::conference_cancelled;
  if (!with_calendar) {
    out += text_part_headers + "\r\n" + base64Lines(crlf_text);
    return m;
  }
  const std::string boundary = "kelisim-" + mail.id;
  const std::string summary = texts.text(mail.language, "mail." + kind + ".calendar", params);
  out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n" + text_part_headers + "\r\n" + base64Lines(crlf_text);
  out += "--" + boundary + "\r\n";
  out += std::string("Content-Type: text/calendar; charset=UTF-8; method=") +
         (mail.kind == core::MailKind::conference_cancelled ? "CANCEL" : "REQUEST") + "\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "Content-Disposition: attachment; filename=\"invite.ics\"\r\n\r\n";
  out += base64Lines(reminderCalendar(mail, from, summary, now));
  out += "--" + boundary + "--\r\n";
  return m;
}

} // namespace kelisim::transport
