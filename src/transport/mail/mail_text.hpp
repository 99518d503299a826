// A mail of the outbox (core::Mail) made into the message that goes over SMTP: its subject
// and text in the recipient's language from the translation files (mail.<kind>.*), headers
// by RFC 5322 with the subject encoded by RFC 2047, the text in base64 UTF-8, and for a
// reminder or a conference's invitation an ICS invitation (RFC 5545, times in Asia/Almaty, UTC+5).
// Pure: no I/O.
#pragma once

#include "core/ports/mail.hpp"
#include "i18n/translator.hpp"

#include <string>

namespace kelisim::transport {

struct MailIdentity {
  std::string from_address = "no-reply@localhost"; // the envelope and From address
  std::string from_name = "Kelisim";
};

struct MailMessage {
  std::string subject; // plain text, for tests and logs of the kind only
  std::string text;    // the body as plain text
  std::string rfc5322; // the whole message with CRLF line ends, ready for SMTP
};

MailMessage composeMail(const core::Mail &mail, const MailIdentity &from,
                        const i18n::Translator &texts, core::Time now);

// One event of an ICS invitation: a booked slot's reminder, a conference's invitation.
struct CalendarEvent {
  std::string uid; // stable across mails of the same event ("@kelisim" is added)
  core::Time start{};
  core::Time end{};
  std::string summary;
  std::string description;
  std::string url;        // the page to open, if any
  std::string attendee;   // an e-mail address, if any
  bool cancelled = false; // METHOD:CANCEL, STATUS:CANCELLED: calendars take the event away
};

// An ICS invitation (VCALENDAR with one VEVENT, times in Asia/Almaty), CRLF lines folded at
// 75 octets without splitting a UTF-8 character. The one writer of ICS in the product.
std::string calendarInvitation(const CalendarEvent &event, const MailIdentity &from,
                               core::Time now);

// The ICS invitation of a reminder or of a conference's invitation, from the mail's params.
std::string reminderCalendar(const core::Mail &mail, const MailIdentity &from,
                             const std::string &summary, core::Time now);

// "dd.mm.yyyy HH:MM" in Astana time (UTC+5) of an RFC 3339 or millisecond time text.
std::string astanaTimeText(core::Time t);

} // namespace kelisim::transport
