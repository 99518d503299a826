#include "transport/http/reception_views.hpp"

#include "transport/http/views.hpp"

#include <algorithm>
#include <charconv>

namespace kelisim::transport {

namespace {

boost::json::value timeOrNull(const std::optional<core::Time> &t) {
  if (!t) return nullptr;
  return boost::json::value(core::toRfc3339(*t));
}

boost::json::array wordsJson(const std::vector<std::string> &words) {
  boost::json::array a;
  for (const auto &w : words) a.emplace_back(w);
  return a;
}

std::string clock(int minute) {
  const int h = std::clamp(minute / 60, 0, 24), m = std::clamp(minute % 60, 0, 59);
  return std::string{char('0' + h / 10), char('0' + h % 10), ':', char('0' + m / 10),
                     char('0' + m % 10)};
}

boost::json::object countsJson(const std::map<std::string, int> &counts) {
  boost::json::object o;
  for (const auto &[k, v] : counts) o[k] = v;
  return o;
}

} // namespace

std::string_view toString(rc::ReceptionStatus s) {
  switch (s) {
  case rc::ReceptionStatus::upcoming:
    return "upcoming";
  case rc::ReceptionStatus::open:
    return "open";
  case rc::ReceptionStatus::closed:
    return "closed";
  }
  return "closed";
}

boost::json::array kindsJson(const std::vector<core::SpecialistKind> &kinds) {
  boost::json::array a;
  for (auto k : kinds) a.emplace_back(core::toString(k));
  return a;
}

boost::json::object receptionJson(const ar::ReceptionInfo &info) {
  const auto &r = info.reception;
  boost::json::array channels, hours, on_duty;
  for (auto c : r.channels) channels.emplace_back(rc::toString(c));
  for (const auto &h : r.hours)
    hours.push_back(boost::json::object{
        {"weekday", h.weekday}, {"from", clock(h.from_minute)}, {"to", clock(h.to_minute)}});
  for (auto k : info.kinds_on_duty) on_duty.emplace_back(core::toString(k));
  return {{"id", r.id},
          {"organisation_id", r.organisation_id},
          {"organisation_name", localTextJson(info.organisation.name)},
          {"kind", rc::toString(r.kind)},
          {"title", localTextJson(r.title)},
          {"description", localTextJson(r.description)},
          {"starts_at", core::toRfc3339(r.starts_at)},
          {"ends_at", core::toRfc3339(r.ends_at)},
          {"categories", wordsJson(r.categories)},
          {"channels", std::move(channels)},
          {"hours", std::move(hours)},
          {"holidays", wordsJson(r.holidays)},
          {"slot_minutes", r.slot_minutes},
          {"closed_at", timeOrNull(r.closed_at)},
          {"status", toString(info.status)},
          {"open_now", info.open_now},
          {"next_opening", timeOrNull(info.next_opening)},
          {"kinds_on_duty", std::move(on_duty)}};
}

boost::json::object shiftJson(const rc::DutyShift &s, const std::string &display_name) {
  return {{"specialist_id", s.specialist_id},
          {"display_name", display_name},
          {"kinds", kindsJson(s.kinds)},
          {"from", core::toRfc3339(s.from)},
          {"to", core::toRfc3339(s.to)}};
}

boost::json::object ticketJson(const ar::TicketView &v) {
  const auto &t = v.ticket;
  boost::json::array seats, kinds;
  for (const auto &s : t.seats) {
    kinds.emplace_back(core::toString(s.kind));
    boost::json::value who = nullptr;
    if (s.specialist_id) {
      auto name = v.names.find(*s.specialist_id);
      who = boost::json::object{{"id", *s.specialist_id},
                                {"display_name", name == v.names.end() ? "" : name->second}};
    }
    seats.push_back(boost::json::object{{"kind", core::toString(s.kind)},
                                        {"specialist", who},
                                        {"joined_at", timeOrNull(s.joined_at)}});
  }
  boost::json::value place = nullptr, estimate = nullptr;
  if (v.place) place = static_cast<std::int64_t>(*v.place);
  if (v.estimate) estimate = static_cast<std::int64_t>(v.estimate->count());
  return {{"id", t.id},
          {"reception_id", t.reception_id},
          {"organisation_id", t.organisation_id},
          {"region", t.region},
          {"language", core::toString(t.language)},
          {"category", t.category},
          {"description", t.description},
          {"channel", rc::toString(t.channel)},
          {"kinds", std::move(kinds)},
          {"seats", std::move(seats)},
          {"status", rc::toString(t.status)},
          {"priority", t.priority},
          {"place", place},
          {"estimated_wait_seconds", estimate},
          {"on_duty", v.on_duty},
          {"next_opening", timeOrNull(v.next_opening)},
          {"room_id", t.room_id ? boost::json::value(*t.room_id) : boost::json::value(nullptr)},
          {"created_at", core::toRfc3339(t.created_at)},
          {"slot_at", timeOrNull(t.slot_at)},
          {"served_at", timeOrNull(t.served_at)},
          {"ended_at", timeOrNull(t.ended_at)},
          {"contact", t.contact ? boost::json::value(*t.contact) : boost::json::value(nullptr)},
          {"consent_version", t.consent_version},
          {"consent_at", timeOrNull(t.consent_at)},
          {"erased", t.erased_at.has_value()},
          {"feedback_given", v.feedback_given}};
}

boost::json::object roomBriefJson(const rc::Room &r) {
  return {{"id", r.id},
          {"ticket_id", r.ticket_id},
          {"reception_id", r.reception_id},
          {"created_at", core::toRfc3339(r.created_at)},
          {"closed_at", timeOrNull(r.closed_at)},
          {"outcome",
           r.outcome ? boost::json::value(rc::toString(*r.outcome)) : boost::json::value(nullptr)},
          {"summary", r.summary},
          {"duration_seconds", r.duration_seconds},
          {"last_seq", r.last_seq}};
}

boost::json::object roomJson(const ar::RoomView &v) {
  auto out = roomBriefJson(v.room);
  boost::json::array members;
  for (const auto &m : v.members) {
    auto name = v.names.find(m.user_id);
    members.push_back(
        boost::json::object{{"user_id", m.user_id},
                            {"display_name", name == v.names.end() ? "" : name->second},
                            {"kind", m.kind ? boost::json::value(core::toString(*m.kind))
                                            : boost::json::value(nullptr)},
                            {"joined_at", core::toRfc3339(m.joined_at)},
                            {"left_at", timeOrNull(m.left_at)},
                            {"last_read_seq", m.last_read_seq}});
  }
  out["members"] = std::move(members);
  out["awaited_kinds"] = kindsJson(v.awaited);
  ar::TicketView tv;
  tv.ticket = v.ticket;
  for (const auto &[id, name] : v.names) tv.names[id] = name;
  out["ticket"] = ticketJson(tv);
  return out;
}

boost::json::object attachmentJson(const rc::Attachment &a) {
  return {{"id", a.id},
          {"file_name", a.file_name},
          {"content_type", a.content_type},
          {"size", a.size},
          {"at", core::toRfc3339(a.at)}};
}

boost::json::object messageJson(const ar::MessageView &v) {
  const auto &m = v.message;
  return {{"room_id", m.room_id},
          {"seq", m.seq},
          {"sender_id", m.sender_id},
          {"sender_name", v.sender_name},
          {"kind", rc::toString(m.kind)},
          {"body", m.body},
          {"attachment", v.attachment ? boost::json::value(attachmentJson(*v.attachment))
                                      : boost::json::value(nullptr)},
          {"client_id", m.client_id},
          {"at", core::toRfc3339(m.at)}};
}

boost::json::object noteJson(const rc::Note &n) {
  return {{"id", n.id},
          {"room_id", n.room_id},
          {"author_id", n.author_id},
          {"body", n.body},
          {"at", core::toRfc3339(n.at)}};
}

boost::json::object offerJson(const ar::OfferView &o) {
  return {{"ticket_id", o.offer.ticket_id},
          {"reception_id", o.offer.reception_id},
          {"kind", core::toString(o.offer.kind)},
          {"category", o.ticket.category},
          {"language", core::toString(o.ticket.language)},
          {"region", o.ticket.region},
          {"description", o.ticket.description},
          {"kinds", kindsJson([&] {
             std::vector<core::SpecialistKind> k;
             for (const auto &s : o.ticket.seats) k.push_back(s.kind);
             return k;
           }())},
          {"expires_at", core::toRfc3339(o.offer.expires)}};
}

boost::json::object deskJson(const ar::DeskView &d) {
  boost::json::array receptions, rooms;
  for (const auto &[r, waiting] : d.receptions)
    receptions.push_back(boost::json::object{{"id", r.id},
                                             {"kind", rc::toString(r.kind)},
                                             {"title", localTextJson(r.title)},
                                             {"waiting", static_cast<std::int64_t>(waiting)}});
  for (const auto &r : d.rooms) rooms.push_back(roomBriefJson(r));
  return {
      {"on_duty", d.desk.on_duty},
      {"missed_offer", d.desk.missed_offer},
      {"kinds", kindsJson(d.desk.kinds)},
      {"receptions", std::move(receptions)},
      {"offer", d.offer ? boost::json::value(offerJson(*d.offer)) : boost::json::value(nullptr)},
      {"rooms", std::move(rooms)}};
}

boost::json::object boardJson(const ar::Board &b) {
  boost::json::array tickets, specialists, rooms;
  std::map<std::string, int> by_category, by_kind;
  std::int64_t longest = 0, waiting = 0;
  for (const auto &v : b.tickets) {
    tickets.push_back(ticketJson(v));
    if (v.ticket.status != rc::TicketStatus::waiting &&
        v.ticket.status != rc::TicketStatus::in_room)
      continue;
    ++waiting;
    ++by_category[v.ticket.category];
    for (const auto &s : v.ticket.seats)
      if (!s.specialist_id) ++by_kind[std::string(core::toString(s.kind))];
    longest = std::max<std::int64_t>(
        longest,
        std::chrono::duration_cast<std::chrono::seconds>(b.now - v.ticket.created_at).count());
  }
  for (const auto &s : b.specialists) {
    const auto &d = s.desk;
    const char *state = !d.on_duty              ? "away"
                        : d.offer               ? "offered"
                        : d.rooms >= d.capacity ? "busy"
                                                : "free";
    specialists.push_back(boost::json::object{{"id", d.specialist_id},
                                              {"display_name", s.display_name},
                                              {"kinds", kindsJson(d.kinds)},
                                              {"state", state},
                                              {"missed_offer", d.missed_offer},
                                              {"rooms", d.rooms}});
  }
  for (const auto &r : b.rooms) rooms.push_back(roomBriefJson(r));
  return {{"reception_id", b.reception_id},
          {"waiting", waiting},
          {"waiting_by_category", countsJson(by_category)},
          {"waiting_by_kind", countsJson(by_kind)},
          {"longest_wait_seconds", longest},
          {"tickets", std::move(tickets)},
          {"specialists", std::move(specialists)},
          {"rooms", std::move(rooms)}};
}

boost::json::object figuresJson(const rc::PublicFigures &f) {
  const auto opt = [](const auto &v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
  };
  const auto counts = [&](const std::map<std::string, std::optional<int>> &in) {
    boost::json::object o;
    for (const auto &[k, v] : in) o[k] = opt(v);
    return o;
  };
  return {{"served", opt(f.served)},
          {"by_category", counts(f.by_category)},
          {"by_kind", counts(f.by_kind)},
          {"by_region", counts(f.by_region)},
          {"by_channel", counts(f.by_channel)},
          {"by_outcome", counts(f.by_outcome)},
          {"no_show", opt(f.no_show)},
          {"abandoned", opt(f.abandoned)},
          {"wait_median_seconds", opt(f.wait_median_seconds)},
          {"wait_p90_seconds", opt(f.wait_p90_seconds)},
          {"rating_average", opt(f.rating_average)},
          {"ratings", opt(f.ratings)}};
}

boost::json::object figuresJson(const rc::Figures &f) {
  auto opt = [](const std::optional<int> &v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
  };
  return {{"served", f.served},
          {"by_category", countsJson(f.by_category)},
          {"by_kind", countsJson(f.by_kind)},
          {"by_region", countsJson(f.by_region)},
          {"by_channel", countsJson(f.by_channel)},
          {"by_outcome", countsJson(f.by_outcome)},
          {"no_show", f.no_show},
          {"abandoned", f.abandoned},
          {"wait_median_seconds", opt(f.wait_median_seconds)},
          {"wait_p90_seconds", opt(f.wait_p90_seconds)},
          {"rating_average",
           f.rating_average ? boost::json::value(*f.rating_average) : boost::json::value(nullptr)},
          {"ratings", f.ratings}};
}

std::string commentCursorText(const rc::Feedback &last) {
  return std::to_string(core::toMillis(last.at)) + "." + last.ticket_id;
}

std::optional<core::Store::FeedbackCursor> commentCursor(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos || dot + 1 >= text.size() || text.size() > 128)
    return std::nullopt;
  std::int64_t ms = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + dot, ms);
  if (ec != std::errc() || p != text.data() + dot || ms < 0) return std::nullopt;
  core::Store::FeedbackCursor cursor;
  cursor.at = core::fromMillis(ms);
  cursor.ticket_id = std::string(text.substr(dot + 1));
  return cursor;
}

boost::json::object feedbackJson(const rc::Feedback &f) {
  return {{"ticket_id", f.ticket_id}, {"reception_id", f.reception_id},
          {"rating", f.rating},       {"comment", f.comment},
          {"proposal", f.proposal},   {"at", core::toRfc3339(f.at)}};
}

} // namespace kelisim::transport
