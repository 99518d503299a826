#include "app/reception/queue_service.hpp"

#include "app/audit.hpp"
#include "app/reception/access.hpp"
#include "app/sodium_random.hpp"
#include "core/consent.hpp"
#include "core/ids.hpp"
#include "core/reception/schedule.hpp"
#include "core/reception/ticket_lifecycle.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <set>

namespace kelisim::app::reception {

using core::Error;
using core::ErrorCode;
using core::Role;
using rc::TicketStatus;

namespace {

bool waitsForSomeone(const rc::Ticket &t) {
  return (t.status == TicketStatus::waiting || t.status == TicketStatus::in_room) &&
         std::any_of(t.seats.begin(), t.seats.end(),
                     [](const auto &s) { return !s.specialist_id; });
}

bool contains(const auto &range, const auto &value) {
  return std::find(std::begin(range), std::end(range), value) != std::end(range);
}

// Specialists on duty who serve `kind`: what a wait estimate divides the queue among.
int servingOf(const std::vector<Desk> &desks, core::SpecialistKind kind) {
  int serving = 0;
  for (const auto &d : desks)
    if (d.on_duty && contains(d.kinds, kind)) ++serving;
  return serving;
}

} // namespace

QueueService::QueueService(core::Store &store, const core::Clock &clock, core::Random &random,
                           AuthService &auth, QueueEngine &engine, ReceptionCache &receptions,
                           EventSink &events, QueueSettings settings)
    : store_(store), clock_(clock), random_(random), auth_(auth), engine_(engine),
      receptions_(receptions), events_(events), settings_(settings) {}

Task<core::Unit> QueueService::restore() {
  core::Store::TicketQuery query;
  query.statuses = {TicketStatus::waiting, TicketStatus::in_room};
  query.limit = 1000000;
  auto tickets = co_await store_.listTickets(query);
  if (!tickets) co_return tickets.error();
  for (const auto &t : *tickets) engine_.upsert(t);
  const auto now = clock_.now();
  // Wait estimates start from the consultations of the last two weeks, not from nothing.
  core::Store::ConsultationQuery recent;
  recent.from = now - std::chrono::days(14);
  auto records = co_await store_.listConsultations(recent);
  if (!records) co_return records.error();
  std::sort(records->begin(), records->end(), [](const auto &a, const auto &b) {
    return a.ended_at.value_or(core::Time{}) < b.ended_at.value_or(core::Time{});
  });
  for (const auto &r : *records)
    if (r.status == TicketStatus::closed && r.ended_at && r.duration_seconds > 0)
      for (auto kind : r.kinds) recordService(kind, std::chrono::seconds(r.duration_seconds));
  // Specialists on duty before the restart are on duty again.
  auto on_duty = co_await store_.listOnDuty();
  if (!on_duty) co_return on_duty.error();
  for (const auto &specialist : *on_duty) {
    if (specialist.role != Role::specialist) continue;
    auto receptions = co_await dutyReceptions(specialist);
    if (!receptions) continue;
    auto rooms = co_await store_.listRoomsOf(specialist.id, true);
    const std::string region = co_await regionOf(specialist);
    engine_.setDuty(specialist, true, *receptions, rooms ? static_cast<int>(rooms->size()) : 0, now,
                    region);
  }
  co_return core::Unit{};
}

void QueueService::publishQueue(const std::string &reception_id) {
  events_.publish({Event::Type::queue, reception_id});
  events_.publish({Event::Type::board, reception_id});
}

void QueueService::offersMade(const std::vector<std::pair<std::string, PendingOffer>> &offers) {
  std::set<std::string> receptions;
  for (const auto &[specialist, offer] : offers) {
    Event e{Event::Type::offer, specialist};
    e.ticket_id = offer.ticket_id;
    events_.publish(e);
    events_.publish({Event::Type::desk, specialist});
    receptions.insert(offer.reception_id);
  }
  for (const auto &r : receptions) publishQueue(r);
}

Task<core::Unit> QueueService::tick() {
  const auto now = clock_.now();
  std::set<std::string> receptions;
  // Named: the loop's body suspends, and GCC 12 ends a range-for's temporary too early then.
  const auto expired = engine_.expireOffers(now);
  for (const auto &[specialist, offer] : expired) {
    engine_.giveBack(offer);
    Event e{Event::Type::offer_withdrawn, specialist};
    e.ticket_id = offer.ticket_id;
    events_.publish(e);
    events_.publish({Event::Type::desk, specialist});
    receptions.insert(offer.reception_id);
    // Taken off duty: the desk says why, and the audit trail keeps it.
    const AuditEntry entry{std::nullopt, "desk.offer_missed", "user", specialist,
                           "{\"ticket_id\":\"" + offer.ticket_id + "\"}"};
    const Caller system;
    co_await recordAudit(store_, clock_, system, entry);
    co_await store_.setOnDuty(specialist, false);
  }
  core::Store::TicketQuery query;
  query.statuses = {TicketStatus::scheduled};
  auto scheduled = co_await store_.listTickets(query);
  if (scheduled) {
    const rc::TicketEvent reached = rc::SlotReached{};
    for (auto t : *scheduled) {
      auto woken = rc::apply(t, reached, now);
      if (!woken) continue; // its slot is still ahead
      const auto from = rc::guardFor(t, reached);
      t = std::move(*woken);
      if (!co_await store_.transitionTicket(t, from)) continue;
      engine_.upsert(t);
      events_.publish({Event::Type::ticket, t.id});
      receptions.insert(t.reception_id);
    }
  }
  for (const auto &r : receptions) publishQueue(r);
  auto opened = co_await linesJustOpened(now);
  if (opened)
    for (const auto &line : *opened) co_await requeueDeferred(line.organisation_id, line.id);
  offersMade(engine_.makeOffers(now, settings_.offer_timeout));
  co_return core::Unit{};
}

Task<std::vector<rc::Reception>> QueueService::linesJustOpened(core::Time now) {
  {
    std::lock_guard lock(lines_mutex_);
    if (now < next_line_look_) co_return std::vector<rc::Reception>{};
    next_line_look_ = now + std::chrono::minutes(1);
  }
  auto all = co_await store_.listReceptions(std::nullopt, now);
  if (!all) co_return all.error();
  std::vector<rc::Reception> opened;
  std::lock_guard lock(lines_mutex_);
  for (auto &r : *all) {
    if (r.kind != rc::ReceptionKind::permanent) continue;
    const bool answering = rc::isOpenAt(r, now);
    auto [it, first] = line_answering_.try_emplace(r.id, answering);
    if (!first && answering && !it->second) opened.push_back(std::move(r));
    it->second = answering;
  }
  co_return opened;
}

Task<core::Unit> QueueService::requeueDeferred(const std::string &organisation_id,
                                               const std::string &opened) {
  core::Store::TicketQuery query;
  query.organisation_id = organisation_id;
  query.statuses = {TicketStatus::deferred};
  auto tickets = co_await store_.listTickets(query);
  if (!tickets) co_return tickets.error();
  if (tickets->empty()) co_return core::Unit{};
  const auto now = clock_.now();
  auto line = co_await receptions_.permanentLine(organisation_id);
  rc::Opening at_line;
  if (line) {
    at_line.reception = &*line;
    at_line.just_opened = line->id == opened;
    at_line.on_duty = engine_.kindsOnDuty(line->id);
  }
  for (const auto &t : *tickets) {
    auto own = co_await receptions_.get(t.reception_id);
    rc::Opening at_own;
    if (own) {
      at_own.reception = &*own;
      at_own.just_opened = own->id == opened;
      at_own.on_duty = engine_.kindsOnDuty(own->id);
    }
    const auto into = rc::requeueInto(t, at_own, at_line, now);
    if (!into) continue;
    const rc::TicketEvent back = rc::Requeued{*into};
    auto decided = rc::apply(t, back, now);
    if (!decided) continue;
    const auto from = rc::guardFor(t, back);
    if (!co_await store_.transitionTicket(*decided, from)) continue;
    const AuditEntry entry{std::nullopt, "ticket.requeued", "ticket", t.id,
                           "{\"reception_id\":\"" + *into + "\"}"};
    const Caller system; // named: GCC 12 destroys a braced temporary argument twice
    core::UnitOfWork told;
    told.add(core::AuditRecord{auditEvent(clock_, system, entry)});
    // The citizen hears of it by mail too, when they gave an address or have an account.
    std::optional<core::User> citizen;
    if (t.citizen_id) {
      auto found = co_await store_.getUser(*t.citizen_id);
      if (found) citizen = std::move(found).value();
    }
    const auto to = mailAddressOf(t, citizen ? &*citizen : nullptr);
    auto back_in = co_await receptions_.get(*into);
    if (to && back_in) {
      std::map<std::string, std::string> params{{"link", pageUrl(settings_.mail, "/my/tickets")},
                                                {"reception", back_in->title.in(t.language)}};
      told.add(core::NewMail{
          newMail(core::MailKind::requeued, *to, t.language, std::move(params), now, random_)});
    }
    co_await store_.commit(told);
    co_await ticketChanged(*decided);
  }
  co_return core::Unit{};
}

std::optional<std::string> QueueService::mailAddressOf(const rc::Ticket &t,
                                                       const core::User *citizen) {
  if (t.contact && !core::checkEmail("contact", *t.contact))
    return core::normaliseEmail(*t.contact);
  if (citizen && !core::isGuest(*citizen) && !citizen->email.empty()) return citizen->email;
  return std::nullopt;
}

void QueueService::mailsOfIntake(core::UnitOfWork &work, const rc::Ticket &t,
                                 const rc::Reception &reception, const Caller &caller,
                                 const std::optional<std::string> &link_token, core::Time now) {
  const core::User *citizen = caller.user ? &*caller.user : nullptr;
  const auto to = mailAddressOf(t, citizen);
  if (!to) return;
  // A guest's way back is the secret link; a signed-in citizen's, the ticket's page.
  const std::string link = link_token ? pageUrl(settings_.mail, "/t/" + *link_token)
                                      : pageUrl(settings_.mail, "/tickets/" + t.id);
  const std::string title = reception.title.in(t.language);
  if (link_token) {
    std::map<std::string, std::string> params{{"link", link}, {"reception", title}};
    work.add(core::NewMail{
        newMail(core::MailKind::return_link, *to, t.language, std::move(params), now, random_)});
  }
  if (t.slot_at && *t.slot_at > now) {
    // Sent before the slot, with an invitation for the calendar; the id lets a cancelled
    // ticket take its reminder back.
    std::map<std::string, std::string> params{
        {"link", link},
        {"reception", title},
        {"slot_at", core::toRfc3339(*t.slot_at)},
        {"minutes", std::to_string(reception.slot_minutes > 0 ? reception.slot_minutes : 30)},
        {"uid", t.id}};
    core::Mail reminder =
        newMail(core::MailKind::reminder, *to, t.language, std::move(params), now, random_);
    reminder.id = "reminder-" + t.id;
    reminder.send_at = std::max(now, *t.slot_at - settings_.reminder_before);
    work.add(core::NewMail{std::move(reminder)});
  }
}

boost::asio::awaitable<std::string> QueueService::regionOf(const core::User &specialist) {
  if (!specialist.organisation_id) co_return std::string();
  auto org = co_await store_.getOrganisation(*specialist.organisation_id);
  co_return org ? org->region : std::string();
}

Task<std::optional<core::Time>> QueueService::nextOpening(const rc::Ticket &ticket) {
  const auto now = clock_.now();
  auto reception = co_await receptions_.get(ticket.reception_id);
  if (!reception) co_return std::nullopt;
  if (reception->kind == rc::ReceptionKind::permanent)
    co_return rc::nextOpening(*reception, now + std::chrono::minutes(1));
  // An event: the next shift of a kind still awaited.
  auto roster = co_await receptions_.roster(ticket.reception_id);
  std::optional<core::Time> next;
  if (roster)
    for (const auto &s : *roster)
      for (const auto &seat : ticket.seats)
        if (!seat.specialist_id && contains(s.kinds, seat.kind) && s.from > now &&
            (!next || s.from < *next))
          next = s.from;
  co_return next;
}

Task<TicketView> QueueService::describe(const rc::Ticket &ticket) {
  TicketView v;
  v.ticket = ticket;
  v.place = engine_.placeOf(ticket.id);
  const auto on_duty = engine_.kindsOnDuty(ticket.reception_id);
  v.on_duty = true;
  std::optional<core::SpecialistKind> awaited;
  for (const auto &seat : ticket.seats) {
    if (seat.specialist_id) {
      auto name = co_await names_.of(*seat.specialist_id);
      if (name) v.names[*seat.specialist_id] = std::move(*name);
      continue;
    }
    if (!awaited) awaited = seat.kind;
    if (!on_duty.contains(seat.kind)) v.on_duty = false;
  }
  if (v.place && awaited) v.estimate = estimateAt(ticket.reception_id, *v.place, *awaited);
  if (!v.on_duty && waitsForSomeone(ticket)) {
    auto next = co_await nextOpening(ticket);
    if (next) v.next_opening = *next;
  }
  if (ticket.status == TicketStatus::closed)
    v.feedback_given = bool(co_await store_.getFeedback(ticket.id));
  co_return v;
}

std::optional<std::chrono::seconds> QueueService::estimateAt(const std::string &reception_id,
                                                             std::size_t place,
                                                             core::SpecialistKind kind) {
  const int serving = servingOf(engine_.desksOf(reception_id), kind);
  std::lock_guard lock(estimator_mutex_);
  return estimator_.estimateOrDefault(place, kind, serving);
}

std::vector<std::chrono::seconds>
QueueService::estimatesAt(const std::string &reception_id,
                          const std::vector<PlaceChange> &changes) {
  const auto desks = engine_.desksOf(reception_id);
  std::map<core::SpecialistKind, int> serving;
  for (const auto &c : changes)
    if (!serving.contains(c.kind)) serving.emplace(c.kind, servingOf(desks, c.kind));
  std::vector<std::chrono::seconds> out;
  out.reserve(changes.size());
  std::lock_guard lock(estimator_mutex_);
  for (const auto &c : changes)
    out.push_back(estimator_.estimateOrDefault(c.place, c.kind, serving.at(c.kind)));
  return out;
}

Task<bool> QueueService::isRegion(const std::string &code) {
  {
    std::lock_guard lock(regions_mutex_);
    if (!region_codes_.empty())
      co_return std::binary_search(region_codes_.begin(), region_codes_.end(), code);
  }
  auto regions = co_await store_.listRegions();
  if (!regions) co_return regions.error();
  std::vector<std::string> codes;
  for (const auto &r : *regions) codes.push_back(r.code);
  std::sort(codes.begin(), codes.end());
  const bool found = std::binary_search(codes.begin(), codes.end(), code);
  std::lock_guard lock(regions_mutex_);
  region_codes_ = std::move(codes);
  co_return found;
}

Task<Submitted> QueueService::submit(const Caller &caller, NewTicket in) {
  Error invalid = Error::make(ErrorCode::validation_failed);
  if (auto e = core::checkConsent(in.consent, in.consent_version)) invalid.fields.push_back(*e);
  // Where the question goes: the reception, or the organisation's permanent line.
  core::Result<rc::Reception> reception = ErrorCode::not_found;
  if (in.reception_id) {
    reception = co_await receptions_.get(*in.reception_id);
    if (!reception) invalid.fields.push_back({"reception_id", "invalid_value", {}});
  } else if (in.organisation_id) {
    reception = co_await receptions_.permanentLine(*in.organisation_id);
    if (!reception) invalid.fields.push_back({"organisation_id", "invalid_value", {}});
  } else {
    invalid.fields.push_back({"reception_id", "required", {}});
  }
  const auto now = clock_.now();
  if (reception && rc::statusAt(*reception, now) == rc::ReceptionStatus::closed)
    invalid.fields.push_back({"reception_id", "reception_closed", {}});
  auto known_region = co_await isRegion(in.region);
  if (!known_region) co_return known_region.error();
  if (in.region.empty())
    invalid.fields.push_back({"region", "required", {}});
  else if (!*known_region)
    invalid.fields.push_back({"region", "invalid_value", {}});
  if (in.category.empty())
    invalid.fields.push_back({"category", "required", {}});
  else if (reception && !contains(reception->categories, in.category))
    invalid.fields.push_back({"category", "invalid_value", {}});
  if (auto e = core::checkText("description", in.description, kMaxTicketDescription))
    invalid.fields.push_back(*e);
  const auto channel = in.channel.value_or(rc::Channel::chat);
  if (reception && !contains(reception->channels, channel))
    invalid.fields.push_back({"channel", "invalid_value", {}});
  std::vector<core::SpecialistKind> kinds;
  for (auto k : in.kinds)
    if (!contains(kinds, k)) kinds.push_back(k);
  if (kinds.empty()) invalid.fields.push_back({"kinds", "required", {}});
  if (in.contact && !in.contact->empty()) {
    if (auto e = core::checkLine("contact", *in.contact, kMaxContact)) invalid.fields.push_back(*e);
  } else if (channel == rc::Channel::phone) {
    invalid.fields.push_back({"contact", "required", {}}); // a call-back needs a number
  }
  if (in.slot_at && reception) {
    bool free = false;
    for (auto t : rc::slots(*reception, now))
      if (t == *in.slot_at) free = true;
    if (!free) invalid.fields.push_back({"slot_at", "invalid_value", {}});
  }
  if (!invalid.fields.empty()) co_return invalid;

  // One unit of work: the guest (if any), their session, the ticket and its audit entry are
  // committed together, or none of them.
  core::UnitOfWork work;
  Submitted out;
  std::string citizen_id;
  if (caller.user) {
    citizen_id = caller.user->id;
  } else {
    // Someone not signed in becomes a guest: an account with no password, reached again
    // only through this session or the ticket's secret link.
    core::User guest;
    guest.id = core::newId(now, random_);
    guest.email = core::guestEmail(guest.id);
    guest.role = Role::citizen;
    guest.language = in.language.value_or(core::Language::ru);
    guest.created_at = now;
    core::Session session;
    out.session = auth_.newSession(guest, session);
    work.add(core::NewUser{std::move(guest)});
    work.add(core::NewSession{std::move(session)});
    citizen_id = out.session->user.id;
  }

  rc::Ticket t;
  t.id = core::newId(now, random_);
  t.reception_id = reception->id;
  t.organisation_id = reception->organisation_id;
  t.citizen_id = citizen_id;
  t.region = in.region;
  t.language = in.language.value_or(caller.user ? caller.user->language : core::Language::ru);
  t.category = in.category;
  t.description = in.description;
  t.channel = channel;
  for (auto k : kinds) t.seats.push_back({k, std::nullopt, std::nullopt});
  if (in.contact && !in.contact->empty()) t.contact = in.contact;
  t.created_at = now;
  t.consent_version = core::kConsentVersion;
  t.consent_at = now;
  t.slot_at = in.slot_at;
  if (!t.slot_at && reception->kind == rc::ReceptionKind::event && reception->starts_at > now)
    t.slot_at = reception->starts_at; // asked before the opening: queued for it
  auto admitted = rc::intake(std::move(t), now);
  if (!admitted) co_return admitted.error();
  t = std::move(*admitted);
  if (!caller.user || out.session) {
    out.link_token = core::newToken(now, random_, 18); // 48 characters, as before
    t.secret_hash = tokenKey(*out.link_token);
  }
  const AuditEntry entry{citizen_id, "ticket.created", "ticket", t.id, "{}"};
  work.add(core::NewTicket{t});
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  mailsOfIntake(work, t, *reception, caller, out.link_token, now);
  auto saved = co_await store_.commit(work);
  if (!saved) co_return saved.error();
  engine_.upsert(t);
  offersMade(engine_.makeOffers(now, settings_.offer_timeout));
  auto view = co_await describe(t);
  if (!view) co_return view.error();
  Event changed{Event::Type::ticket, t.id};
  changed.ticket = std::make_shared<const TicketView>(*view);
  events_.publish(changed);
  // A new ticket queues behind everyone (same priority, later arrival): nobody else's place
  // moves, so only the board hears of it.
  events_.publish({Event::Type::board, t.reception_id});
  out.view = std::move(*view);
  co_return out;
}

Task<Submitted> QueueService::resume(const Caller &caller, const std::string &token, bool replace) {
  if (token.size() != 48) co_return ErrorCode::not_found;
  auto ticket = co_await store_.findTicketBySecret(tokenKey(token));
  if (!ticket && ticket.error().code == ErrorCode::not_found)
    ticket = co_await store_.findTicketBySecret(legacyTokenKey(token));
  if (!ticket) co_return ErrorCode::not_found;
  if (!ticket->citizen_id) co_return ErrorCode::not_found;
  auto citizen = co_await store_.getUser(*ticket->citizen_id);
  if (!citizen) co_return citizen.error();
  Submitted out;
  if (caller.user && caller.user->id != citizen->id) {
    Error other = Error::make(ErrorCode::other_account);
    if (caller.user->role != Role::citizen) {
      other.fields.push_back({"token", "signed_in_as_staff", {}});
      co_return other;
    }
    if (!replace) {
      if (core::isGuest(*caller.user))
        other.fields.push_back({"replace", "signed_in_as_guest", {}});
      else
        other.fields.push_back(
            {"replace", "signed_in_as_other", {{"name", caller.user->display_name}}});
      co_return other;
    }
  }
  if (!caller.user || caller.user->id != citizen->id) {
    auto session = co_await auth_.openSession(*citizen, caller);
    if (!session) co_return session.error();
    out.session = std::move(*session);
  }
  AuditEntry entry{citizen->id, "ticket.resumed", "ticket", ticket->id, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  auto view = co_await describe(*ticket);
  if (!view) co_return view.error();
  out.view = std::move(*view);
  co_return out;
}

Task<TicketView> QueueService::get(const Caller &caller, const std::string &ticket_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto ticket = co_await store_.getTicket(ticket_id);
  if (!ticket) co_return ticket.error();
  bool allowed =
      ownsTicket(caller, *ticket) || managesOrganisation(caller, ticket->organisation_id);
  if (!allowed && caller.is(Role::specialist)) {
    if (ticket->room_id) {
      auto members = co_await store_.listRoomMembers(*ticket->room_id);
      allowed = members && isMember(caller, *members);
    }
    // A specialist looking at an offer of this ticket.
    auto d = engine_.desk(caller.user->id);
    if (d && d->offer && d->offer->ticket_id == ticket_id) allowed = true;
  }
  if (!allowed) co_return ErrorCode::not_found;
  co_return co_await describe(*ticket);
}

Task<std::vector<TicketView>> QueueService::mine(const Caller &caller) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  core::Store::TicketQuery query;
  query.citizen_id = caller.user->id;
  query.limit = 200;
  auto tickets = co_await store_.listTickets(query);
  if (!tickets) co_return tickets.error();
  std::vector<TicketView> out;
  for (auto it = tickets->rbegin(); it != tickets->rend(); ++it) {
    auto v = co_await describe(*it);
    if (v) out.push_back(std::move(*v));
  }
  co_return out;
}

Task<TicketView> QueueService::leave(const Caller &caller, const std::string &ticket_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto ticket = co_await store_.getTicket(ticket_id);
  if (!ticket) co_return ticket.error();
  if (!ownsTicket(caller, *ticket)) co_return ErrorCode::not_found;
  const rc::TicketEvent left = rc::CitizenLeft{};
  auto decided = rc::apply(*ticket, left, clock_.now());
  if (!decided) co_return decided.error();
  const auto from = rc::guardFor(*ticket, left);
  *ticket = std::move(*decided);
  auto moved = co_await store_.transitionTicket(*ticket, from);
  if (!moved) co_return moved.error();
  if (ticket->slot_at) {
    // No reminder for a slot the citizen gave up (a reminder already sent stays sent).
    core::UnitOfWork forget;
    forget.add(core::MailCancelled{"reminder-" + ticket->id});
    co_await store_.commit(forget);
  }
  co_await ticketChanged(ticket_id);
  co_return co_await describe(*ticket);
}

Task<TicketView> QueueService::defer(const Caller &caller, const std::string &ticket_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto ticket = co_await store_.getTicket(ticket_id);
  if (!ticket) co_return ticket.error();
  if (!ownsTicket(caller, *ticket)) co_return ErrorCode::not_found;
  const rc::TicketEvent later = rc::CitizenDeferred{};
  auto decided = rc::apply(*ticket, later, clock_.now());
  if (!decided) co_return decided.error();
  const auto from = rc::guardFor(*ticket, later);
  *ticket = std::move(*decided);
  auto moved = co_await store_.transitionTicket(*ticket, from);
  if (!moved) co_return moved.error();
  co_await ticketChanged(ticket_id);
  co_return co_await describe(*ticket);
}

Task<core::Unit> QueueService::giveFeedback(const Caller &caller, const std::string &ticket_id,
                                            int rating, std::string comment, std::string proposal) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto ticket = co_await store_.getTicket(ticket_id);
  if (!ticket) co_return ticket.error();
  if (!ownsTicket(caller, *ticket)) co_return ErrorCode::not_found;
  if (ticket->status != TicketStatus::closed) co_return Error::field("ticket", "not_closed");
  Error invalid = Error::make(ErrorCode::validation_failed);
  if (rating < 1 || rating > 5)
    invalid.fields.push_back({"rating", "out_of_range", {{"min", "1"}, {"max", "5"}}});
  if (!comment.empty())
    if (auto e = core::checkText("comment", comment, kMaxComment)) invalid.fields.push_back(*e);
  if (!proposal.empty())
    if (auto e = core::checkText("proposal", proposal, kMaxComment)) invalid.fields.push_back(*e);
  if (!invalid.fields.empty()) co_return invalid;
  rc::Feedback f{ticket->id,  ticket->reception_id, ticket->organisation_id,
                 rating,      std::move(comment),   std::move(proposal),
                 clock_.now()};
  auto saved = co_await store_.createFeedback(f);
  if (!saved) co_return saved.error();
  events_.publish({Event::Type::ticket, ticket_id});
  co_return core::Unit{};
}

Task<std::vector<std::string>> QueueService::dutyReceptions(const core::User &specialist) {
  const auto now = clock_.now();
  std::vector<std::string> out;
  auto shifts = co_await store_.listShiftsOf(specialist.id, now);
  if (shifts)
    for (const auto &s : *shifts)
      if (s.from <= now && now < s.to && !contains(out, s.reception_id)) {
        auto r = co_await receptions_.get(s.reception_id);
        if (r && rc::statusAt(*r, now) == rc::ReceptionStatus::open) out.push_back(s.reception_id);
      }
  if (specialist.organisation_id) {
    auto line = co_await receptions_.permanentLine(*specialist.organisation_id);
    if (line) out.push_back(line->id);
  }
  co_return out;
}

Task<DeskView> QueueService::desk(const Caller &caller) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(Role::specialist)) co_return ErrorCode::forbidden;
  DeskView v;
  auto d = engine_.desk(caller.user->id);
  if (d) {
    v.desk = *d;
  } else {
    v.desk.specialist_id = caller.user->id;
    v.desk.kinds = caller.user->kinds;
    auto receptions = co_await dutyReceptions(*caller.user);
    if (receptions) v.desk.receptions = *receptions;
  }
  for (const auto &id : v.desk.receptions) {
    auto r = co_await receptions_.get(id);
    if (r) v.receptions.emplace_back(*r, engine_.waiting(id));
  }
  if (v.desk.offer) {
    auto t = co_await store_.getTicket(v.desk.offer->ticket_id);
    if (t) v.offer = OfferView{*v.desk.offer, *t};
  }
  auto rooms = co_await store_.listRoomsOf(caller.user->id, true);
  if (rooms) v.rooms = *rooms;
  co_return v;
}

Task<DeskView> QueueService::setDuty(const Caller &caller, bool on_duty) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(Role::specialist)) co_return ErrorCode::forbidden;
  auto receptions = co_await dutyReceptions(*caller.user);
  if (!receptions) co_return receptions.error();
  // Kept first, so that a restart finds the desk as the specialist last left it.
  auto kept = co_await store_.setOnDuty(caller.user->id, on_duty);
  if (!kept) co_return kept.error();
  auto rooms = co_await store_.listRoomsOf(caller.user->id, true);
  const int open_rooms = rooms ? static_cast<int>(rooms->size()) : 0;
  const std::string region = co_await regionOf(*caller.user);
  auto withdrawn =
      engine_.setDuty(*caller.user, on_duty, *receptions, open_rooms, clock_.now(), region);
  if (withdrawn) {
    Event e{Event::Type::offer_withdrawn, caller.user->id};
    e.ticket_id = withdrawn->ticket_id;
    events_.publish(e);
  }
  AuditEntry entry{caller.user->id, on_duty ? "desk.on_duty" : "desk.off_duty", "user",
                   caller.user->id, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  if (on_duty && caller.user->organisation_id)
    co_await requeueDeferred(*caller.user->organisation_id);
  events_.publish({Event::Type::desk, caller.user->id});
  for (const auto &r : *receptions) publishQueue(r);
  offersMade(engine_.makeOffers(clock_.now(), settings_.offer_timeout));
  co_return co_await desk(caller);
}

// One commit: the seat, the room and its members, the ticket and the audit entry. The ticket
// as the domain decided it is what the queue and the citizen are given: nothing is read back.
Task<rc::Room> QueueService::seat(const Caller &caller, const PendingOffer &offer) {
  rc::Room room;
  room.id = core::newId(clock_.now(), random_);
  room.ticket_id = offer.ticket_id;
  room.reception_id = offer.reception_id;
  auto reception = co_await receptions_.get(offer.reception_id);
  if (reception) room.organisation_id = reception->organisation_id;
  room.created_at = clock_.now();
  // The domain decides whether the seat may be taken; claimSeat persists it and guards against
  // someone who took it meanwhile.
  const rc::TicketEvent take = rc::SeatTaken{caller.user->id, offer.kind, room.id};
  auto ticket = co_await store_.getTicket(offer.ticket_id);
  core::Result<rc::Ticket> decided = ErrorCode::internal;
  core::Result<rc::Room> seated = ErrorCode::internal;
  if (!ticket)
    seated = ticket.error();
  else if (ownsTicket(caller, *ticket)) // never a specialist of their own question
    seated = ErrorCode::forbidden;
  else if (decided = rc::apply(*ticket, take, room.created_at); !decided)
    seated = decided.error();
  else {
    const AuditEntry entry{caller.user->id, "room.joined", "room",
                           decided->room_id.value_or(room.id), "{}"};
    core::UnitOfWork also;
    also.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
    seated = co_await store_.claimSeat(offer.ticket_id, offer.kind, caller.user->id, room,
                                       room.created_at, also);
  }
  if (!seated) {
    engine_.giveBack(offer);
    co_await reload(offer.ticket_id);
    co_return seated.error();
  }
  // The seat is taken now: the ticket leaves the queue for good.
  co_await ticketChanged(*decided);
  co_await roomsChanged(caller.user->id, +1);
  // (The room's members hear of it from RoomService::joined, which builds its view once.)
  co_return seated;
}

Task<rc::Room> QueueService::takeNext(const Caller &caller) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(Role::specialist)) co_return ErrorCode::forbidden;
  if (!engine_.desk(caller.user->id)) {
    auto receptions = co_await dutyReceptions(*caller.user);
    if (!receptions) co_return receptions.error();
    auto rooms = co_await store_.listRoomsOf(caller.user->id, true);
    engine_.setDuty(*caller.user, false, *receptions, rooms ? int(rooms->size()) : 0, clock_.now());
  }
  // The engine holds the ticket it gives, so specialists taking the next at the same instant
  // get different tickets; another instance may still seat it first: then try the next one.
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto offer = engine_.takeNext(caller.user->id);
    if (!offer) co_return ErrorCode::not_found;
    auto room = co_await seat(caller, *offer);
    if (room || room.error().code != ErrorCode::conflict) co_return room;
  }
  co_return ErrorCode::conflict;
}

Task<rc::Room> QueueService::accept(const Caller &caller, const std::string &ticket_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(Role::specialist)) co_return ErrorCode::forbidden;
  auto offer = engine_.takeOffer(caller.user->id, ticket_id);
  if (!offer) co_return ErrorCode::not_found;
  events_.publish({Event::Type::desk, caller.user->id});
  co_return co_await seat(caller, *offer);
}

Task<core::Unit> QueueService::decline(const Caller &caller, const std::string &ticket_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!caller.is(Role::specialist)) co_return ErrorCode::forbidden;
  auto offer = engine_.takeOffer(caller.user->id, ticket_id);
  if (!offer) co_return ErrorCode::not_found;
  engine_.giveBack(*offer);
  engine_.pause(caller.user->id, clock_.now() + std::chrono::seconds(60));
  events_.publish({Event::Type::desk, caller.user->id});
  publishQueue(offer->reception_id);
  offersMade(engine_.makeOffers(clock_.now(), settings_.offer_timeout));
  co_return core::Unit{};
}

Task<Board> QueueService::board(const Caller &caller, const std::string &reception_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto reception = co_await receptions_.get(reception_id);
  if (!reception) co_return reception.error();
  if (!managesOrganisation(caller, reception->organisation_id)) co_return ErrorCode::forbidden;
  Board b;
  b.reception_id = reception_id;
  b.now = clock_.now();
  core::Store::TicketQuery query;
  query.reception_id = reception_id;
  query.statuses = {TicketStatus::scheduled, TicketStatus::waiting, TicketStatus::in_room,
                    TicketStatus::deferred};
  auto tickets = co_await store_.listTickets(query);
  if (!tickets) co_return tickets.error();
  for (const auto &t : *tickets) {
    if (t.status == TicketStatus::in_room && !waitsForSomeone(t)) continue;
    auto v = co_await describe(t);
    if (v) b.tickets.push_back(std::move(*v));
  }
  std::stable_sort(b.tickets.begin(), b.tickets.end(), [](const auto &a, const auto &c) {
    return a.place.value_or(SIZE_MAX) < c.place.value_or(SIZE_MAX);
  });
  std::set<std::string> seen;
  const auto desks = engine_.desksOf(reception_id); // named: the loop suspends (GCC 12)
  for (const auto &d : desks) {
    auto person = co_await store_.getUser(d.specialist_id);
    seen.insert(d.specialist_id);
    b.specialists.push_back({d, person ? person->display_name : std::string()});
  }
  auto roster = co_await receptions_.roster(reception_id);
  if (roster)
    for (const auto &s : *roster) {
      if (seen.contains(s.specialist_id)) continue;
      seen.insert(s.specialist_id);
      auto person = co_await store_.getUser(s.specialist_id);
      Desk away;
      away.specialist_id = s.specialist_id;
      away.kinds = s.kinds;
      b.specialists.push_back({away, person ? person->display_name : std::string()});
    }
  auto rooms = co_await store_.listOpenRooms(reception_id);
  if (rooms) b.rooms = *rooms;
  co_return b;
}

Task<core::Unit> QueueService::reassign(const Caller &caller, const std::string &ticket_id,
                                        const std::string &specialist_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto ticket = co_await store_.getTicket(ticket_id);
  if (!ticket) co_return ticket.error();
  if (!managesOrganisation(caller, ticket->organisation_id)) co_return ErrorCode::not_found;
  auto person = co_await store_.getUser(specialist_id);
  if (!person || person->role != Role::specialist ||
      person->organisation_id != ticket->organisation_id)
    co_return Error::field("specialist_id", "invalid_value");
  auto d = engine_.desk(specialist_id);
  if (!d || !d->on_duty) co_return Error::field("specialist_id", "not_on_duty");
  std::optional<PendingOffer> offer;
  for (const auto &seat : ticket->seats)
    if (!seat.specialist_id && contains(person->kinds, seat.kind)) {
      offer = engine_.offerTo(specialist_id, ticket_id, seat.kind,
                              clock_.now() + settings_.offer_timeout);
      if (offer) break;
    }
  if (!offer) co_return Error::field("specialist_id", "cannot_take");
  std::vector<std::pair<std::string, PendingOffer>> made{{specialist_id, *offer}};
  offersMade(made);
  AuditEntry entry{caller.user->id, "ticket.reassigned", "ticket", ticket_id, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  co_return core::Unit{};
}

Task<core::Unit> QueueService::closeReception(const Caller &caller,
                                              const std::string &reception_id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto reception = co_await store_.getReception(reception_id); // fresh: it decides the close
  if (!reception) co_return reception.error();
  if (!managesOrganisation(caller, reception->organisation_id)) co_return ErrorCode::forbidden;
  if (reception->kind == rc::ReceptionKind::permanent)
    co_return Error::field("reception_id", "permanent_line");
  if (reception->closed_at) co_return ErrorCode::conflict;
  const auto now = clock_.now();
  reception->closed_at = now;
  auto saved = co_await store_.updateReception(*reception);
  receptions_.forget(reception_id);
  if (!saved) co_return saved.error();
  auto line = co_await receptions_.permanentLine(reception->organisation_id);
  core::Store::TicketQuery query;
  query.reception_id = reception_id;
  query.statuses = {TicketStatus::scheduled, TicketStatus::waiting, TicketStatus::deferred};
  auto tickets = co_await store_.listTickets(query);
  if (!tickets) co_return tickets.error();
  const rc::TicketEvent closing =
      rc::ReceptionClosed{line ? std::optional(line->id) : std::nullopt};
  for (auto t : *tickets) {
    auto moved = rc::apply(t, closing, now);
    if (!moved) continue;
    const auto from = rc::guardFor(t, closing);
    const bool booked = t.slot_at.has_value();
    t = std::move(*moved);
    if (!co_await store_.transitionTicket(t, from)) continue;
    co_await ticketChanged(t.id);
    co_await tellReceptionClosed(t, *reception, booked, now);
  }
  AuditEntry entry{caller.user->id, "reception.closed", "reception", reception_id, "{}"};
  co_await recordAudit(store_, clock_, caller, entry);
  publishQueue(reception_id);
  co_return core::Unit{};
}

// A citizen whose question waited for a reception that was cancelled or closed early hears
// of it by mail, when they gave an address or have an account; a booked slot's reminder is
// taken back.
Task<core::Unit> QueueService::tellReceptionClosed(const rc::Ticket &t, const rc::Reception &closed,
                                                   bool booked, core::Time now) {
  core::UnitOfWork told;
  if (booked) told.add(core::MailCancelled{"reminder-" + t.id});
  std::optional<core::User> citizen;
  if (t.citizen_id) {
    auto found = co_await store_.getUser(*t.citizen_id);
    if (found) citizen = std::move(found).value();
  }
  if (const auto to = mailAddressOf(t, citizen ? &*citizen : nullptr)) {
    std::map<std::string, std::string> params{
        {"link", pageUrl(settings_.mail, "/my/tickets")},
        {"reception", closed.title.in(t.language)},
        {"moved", t.reception_id != closed.id ? "line" : "deferred"}};
    told.add(core::NewMail{newMail(core::MailKind::reception_closed, *to, t.language,
                                   std::move(params), now, random_)});
  }
  if (told.empty()) co_return core::Unit{};
  co_return co_await store_.commit(told);
}

Task<rc::Ticket> QueueService::reload(const std::string &ticket_id) {
  auto ticket = co_await store_.getTicket(ticket_id);
  if (!ticket) co_return ticket.error();
  track(*ticket);
  co_return std::move(*ticket);
}

void QueueService::track(const rc::Ticket &ticket) {
  const auto before = engine_.receptionOf(ticket.id);
  engine_.upsert(ticket);
  if (!before.empty() && before != ticket.reception_id) publishQueue(before);
  for (const auto &[specialist, offer] : engine_.staleOffers(ticket)) {
    Event e{Event::Type::offer_withdrawn, specialist};
    e.ticket_id = offer.ticket_id;
    events_.publish(e);
    events_.publish({Event::Type::desk, specialist});
  }
}

Task<core::Unit> QueueService::ticketChanged(const std::string &ticket_id) {
  auto ticket = co_await store_.getTicket(ticket_id);
  if (!ticket) co_return ticket.error();
  co_return co_await ticketChanged(*ticket);
}

// The ticket goes into the queue and into the citizen's view the event carries (so
// delivering it reads nothing).
Task<core::Unit> QueueService::ticketChanged(const rc::Ticket &committed) {
  track(committed);
  Event changed{Event::Type::ticket, committed.id};
  if (committed.citizen_id) {
    auto view = co_await describe(committed);
    if (view) changed.ticket = std::make_shared<const TicketView>(std::move(*view));
  }
  events_.publish(changed);
  publishQueue(committed.reception_id);
  offersMade(engine_.makeOffers(clock_.now(), settings_.offer_timeout));
  co_return core::Unit{};
}

Task<core::Unit> QueueService::roomsChanged(const std::string &specialist_id) {
  auto rooms = co_await store_.listRoomsOf(specialist_id, true);
  if (!rooms) co_return rooms.error();
  engine_.setRooms(specialist_id, static_cast<int>(rooms->size()), clock_.now());
  events_.publish({Event::Type::desk, specialist_id});
  offersMade(engine_.makeOffers(clock_.now(), settings_.offer_timeout));
  co_return core::Unit{};
}

Task<core::Unit> QueueService::roomsChanged(const std::string &specialist_id, int delta) {
  if (!engine_.addRooms(specialist_id, delta, clock_.now()))
    co_return co_await roomsChanged(specialist_id);
  events_.publish({Event::Type::desk, specialist_id});
  offersMade(engine_.makeOffers(clock_.now(), settings_.offer_timeout));
  co_return core::Unit{};
}

void QueueService::recordService(core::SpecialistKind kind, std::chrono::seconds served_for) {
  std::lock_guard lock(estimator_mutex_);
  estimator_.record(kind, served_for);
}

} // namespace kelisim::app::reception
