#include "app/conference/conference_service.hpp"

#include "app/audit.hpp"
#include "app/sodium_random.hpp"
#include "core/ids.hpp"
#include "core/validation.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace kelisim::app::conference {

using core::Error;
using core::ErrorCode;
using core::Role;

std::string_view toString(ConferenceRole role) {
  switch (role) {
  case ConferenceRole::moderator:
    return "moderator";
  case ConferenceRole::speaker:
    return "speaker";
  case ConferenceRole::guest:
    return "guest";
  }
  return "guest";
}

namespace {

constexpr std::size_t kGuestTokenBytes = 18; // 48 characters, as a ticket's return link
constexpr std::size_t kMaxInvitable = 20;

ConferenceRole roleOf(cf::ParticipantRole r) {
  switch (r) {
  case cf::ParticipantRole::moderator:
    return ConferenceRole::moderator;
  case cf::ParticipantRole::speaker:
    return ConferenceRole::speaker;
  case cf::ParticipantRole::guest:
    return ConferenceRole::guest;
  }
  return ConferenceRole::guest;
}

bool isStaff(const Caller &caller) {
  return caller.user && caller.user->role != Role::citizen;
}

const cf::Participant *participantOf(const cf::Conference &c, const std::string &user_id) {
  for (const auto &p : c.participants)
    if (p.user_id == user_id) return &p;
  return nullptr;
}

std::string lowerAscii(std::string s) {
  for (char &ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

void addField(Error &e, std::string field, std::string code,
              std::map<std::string, std::string> params = {}) {
  e.fields.push_back({std::move(field), std::move(code), std::move(params)});
}
void addField(Error &e, const std::optional<core::FieldError> &f) {
  if (f) e.fields.push_back(*f);
}

} // namespace

struct ConferenceService::Loaded {
  cf::Conference conference;
  ConferenceRole role = ConferenceRole::guest;
};

ConferenceService::ConferenceService(core::Store &store, const core::Clock &clock,
                                     core::Random &random, AuthService &auth,
                                     ConferenceSettings settings)
    : store_(store), clock_(clock), random_(random), auth_(auth), settings_(std::move(settings)) {}

Task<ConferenceService::Loaded> ConferenceService::load(const Caller &caller,
                                                        const std::string &id) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto c = co_await store_.getConference(id);
  if (!c) co_return c.error();
  const cf::Participant *p = participantOf(*c, caller.user->id);
  if (!p) co_return ErrorCode::not_found;
  Loaded out;
  out.role = roleOf(p->role);
  out.conference = std::move(*c);
  co_return out;
}

Task<core::Unit> ConferenceService::apply(const Caller &caller, ScheduleInput in, cf::Conference &c,
                                          core::UnitOfWork &work, bool creating) {
  const core::Time now = clock_.now();
  Error invalid = Error::make(ErrorCode::validation_failed);
  if (creating) {
    if (!in.title) addField(invalid, "title", "required");
    if (!in.starts_at) addField(invalid, "starts_at", "required");
    if (!in.ends_at) addField(invalid, "ends_at", "required");
  }
  if (in.title) addField(invalid, core::checkLine("title", *in.title, cf::kMaxTitle));
  if (in.description && !in.description->empty())
    addField(invalid, core::checkText("description", *in.description, cf::kMaxDescription));
  const core::Time old_start = c.starts_at, old_end = c.ends_at;
  const core::Time starts = in.starts_at.value_or(c.starts_at);
  const core::Time ends = in.ends_at.value_or(c.ends_at);
  if ((in.starts_at || in.ends_at) && invalid.fields.empty()) {
    if (auto t = cf::checkTimes(starts, ends); !t)
      for (const auto &f : t.error().fields) invalid.fields.push_back(f);
    else if (ends <= now)
      addField(invalid, "ends_at", "in_past");
  }

  // The agenda: items named by id keep their minutes.
  std::vector<cf::AgendaItem> agenda = c.agenda;
  if (in.agenda) {
    if (in.agenda->size() > cf::kMaxAgendaItems)
      addField(invalid, "agenda", "too_many", {{"max", std::to_string(cf::kMaxAgendaItems)}});
    agenda.clear();
    std::set<std::string> used;
    for (std::size_t i = 0; i < in.agenda->size() && i < cf::kMaxAgendaItems; ++i) {
      const auto &item = (*in.agenda)[i];
      const std::string field = "agenda." + std::to_string(i);
      addField(invalid, core::checkLine(field + ".title", item.title, cf::kMaxTitle));
      cf::AgendaItem next{core::newId(now, random_), item.title, ""};
      if (item.id) {
        auto it = std::find_if(c.agenda.begin(), c.agenda.end(),
                               [&](const cf::AgendaItem &a) { return a.id == *item.id; });
        if (it == c.agenda.end() || !used.insert(*item.id).second) {
          addField(invalid, field + ".id", "invalid_value");
          continue;
        }
        next.id = it->id;
        next.minutes = it->minutes;
      }
      agenda.push_back(std::move(next));
    }
  }

  // Specialists: staff accounts of any organisation, the creator always a moderator.
  std::vector<std::string> specialists;
  std::set<std::string> moderators;
  for (const auto &p : c.participants)
    if (p.role != cf::ParticipantRole::guest && p.user_id && *p.user_id != c.created_by) {
      specialists.push_back(*p.user_id);
      if (p.role == cf::ParticipantRole::moderator) moderators.insert(*p.user_id);
    }
  std::map<std::string, core::User> accounts;
  if (in.specialists) {
    specialists.clear();
    if (in.specialists->size() > cf::kMaxParticipants)
      addField(invalid, "specialists", "too_many", {{"max", std::to_string(cf::kMaxParticipants)}});
    for (std::size_t i = 0; i < in.specialists->size() && i < cf::kMaxParticipants; ++i) {
      const std::string &uid = (*in.specialists)[i];
      if (uid == c.created_by ||
          std::find(specialists.begin(), specialists.end(), uid) != specialists.end())
        continue;
      auto u = co_await store_.getUser(uid);
      if (!u || u->role == Role::citizen || u->deactivated_at) {
        addField(invalid, "specialists." + std::to_string(i), "invalid_value");
        continue;
      }
      accounts.emplace(uid, *u);
      specialists.push_back(uid);
    }
  }
  if (in.moderators) {
    moderators.clear();
    for (std::size_t i = 0; i < in.moderators->size(); ++i) {
      const std::string &uid = (*in.moderators)[i];
      if (uid == c.created_by) continue;
      if (std::find(specialists.begin(), specialists.end(), uid) == specialists.end())
        addField(invalid, "moderators." + std::to_string(i), "invalid_value");
      else
        moderators.insert(uid);
    }
  }
  for (auto it = moderators.begin(); it != moderators.end();)
    it = std::find(specialists.begin(), specialists.end(), *it) == specialists.end()
             ? moderators.erase(it)
             : std::next(it);

  // Guests: by e-mail; one already invited keeps their link and account.
  std::vector<cf::Participant> guests;
  for (const auto &p : c.participants)
    if (p.role == cf::ParticipantRole::guest) guests.push_back(p);
  if (in.guests) {
    std::vector<cf::Participant> next;
    if (in.guests->size() > cf::kMaxParticipants)
      addField(invalid, "guests", "too_many", {{"max", std::to_string(cf::kMaxParticipants)}});
    for (std::size_t i = 0; i < in.guests->size() && i < cf::kMaxParticipants; ++i) {
      const auto &g = (*in.guests)[i];
      const std::string field = "guests." + std::to_string(i);
      const std::string email = core::normaliseEmail(g.email);
      auto bad_name = core::checkLine(field + ".name", g.name, cf::kMaxName);
      auto bad_email = core::checkEmail(field + ".email", email);
      addField(invalid, bad_name);
      addField(invalid, bad_email);
      if (bad_name || bad_email) continue;
      if (std::any_of(next.begin(), next.end(),
                      [&](const cf::Participant &p) { return p.email == email; })) {
        addField(invalid, field + ".email", "exists");
        continue;
      }
      cf::Participant p;
      auto old = std::find_if(guests.begin(), guests.end(),
                              [&](const cf::Participant &o) { return o.email == email; });
      const bool known = old != guests.end();
      if (known) p = *old;
      p.role = cf::ParticipantRole::guest;
      p.name = g.name;
      p.email = email;
      // A guest invited before keeps their language unless it is given (an edit screen that
      // lists them by name and address only does not know it).
      if (g.language || !known) p.language = g.language.value_or(in.language.value_or(c.language));
      next.push_back(std::move(p));
    }
    guests = std::move(next);
  }
  if (specialists.size() + guests.size() + 1 > cf::kMaxParticipants)
    addField(invalid, "guests", "too_many", {{"max", std::to_string(cf::kMaxParticipants)}});
  if (!invalid.fields.empty()) co_return invalid;

  // Who was invited before: a new invitee gets a mail; a change of time mails everyone.
  std::set<std::string> invited_before;
  for (const auto &p : c.participants)
    invited_before.insert(p.user_id ? "u:" + *p.user_id : "e:" + p.email);
  const bool times_changed = !creating && (starts != old_start || ends != old_end);

  if (in.title) c.title = *in.title;
  if (in.description) c.description = *in.description;
  if (in.language) c.language = *in.language;
  c.starts_at = starts;
  c.ends_at = ends;
  c.agenda = std::move(agenda);

  std::vector<cf::Participant> people;
  cf::Participant creator;
  creator.role = cf::ParticipantRole::moderator;
  creator.user_id = c.created_by;
  if (auto u = co_await store_.getUser(c.created_by)) {
    creator.language = u->language;
    accounts.emplace(c.created_by, *u);
  }
  people.push_back(creator);
  for (const auto &uid : specialists) {
    cf::Participant p;
    p.role = moderators.count(uid) ? cf::ParticipantRole::moderator : cf::ParticipantRole::speaker;
    p.user_id = uid;
    people.push_back(std::move(p));
  }
  std::stable_partition(people.begin(), people.end(), [](const cf::Participant &p) {
    return p.role == cf::ParticipantRole::moderator;
  });

  std::string organiser = caller.user->display_name;
  std::map<std::string, std::string> base{{"title", c.title},
                                          {"starts_at", core::toRfc3339(c.starts_at)},
                                          {"ends_at", core::toRfc3339(c.ends_at)},
                                          {"organiser", organiser},
                                          {"uid", "conference-" + c.id}};
  for (auto &p : people) {
    if (*p.user_id == caller.user->id) continue;
    const bool mail = !invited_before.count("u:" + *p.user_id) || times_changed;
    if (!mail) continue;
    auto u = accounts.find(*p.user_id);
    if (u == accounts.end()) {
      auto got = co_await store_.getUser(*p.user_id);
      if (!got) continue;
      u = accounts.emplace(*p.user_id, *got).first;
    }
    if (u->second.email.empty() || core::isGuest(u->second)) continue;
    auto params = base;
    params["link"] = pageUrl(settings_.mail, "/conferences/" + c.id);
    params["guest"] = "no";
    work.add(core::NewMail{newMail(core::MailKind::conference_invitation, u->second.email,
                                   u->second.language, std::move(params), now, random_)});
  }
  for (auto &g : guests) {
    const bool is_new = g.token_hash.empty() || !invited_before.count("e:" + g.email);
    if (!is_new && !times_changed) {
      people.push_back(g);
      continue;
    }
    // A new link (the old one, if any, stops working: the latest mail's is the one).
    const std::string token = core::newToken(now, random_, kGuestTokenBytes);
    g.token_hash = tokenKey(token);
    auto params = base;
    params["link"] = pageUrl(settings_.mail, "/c/" + token);
    params["guest"] = "yes";
    work.add(core::NewMail{newMail(core::MailKind::conference_invitation, g.email, g.language,
                                   std::move(params), now, random_)});
    people.push_back(g);
  }
  c.participants = std::move(people);
  co_return core::Unit{};
}

Task<ConferenceView> ConferenceService::schedule(const Caller &caller, ScheduleInput input) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!(caller.is(Role::specialist) || caller.is(Role::coordinator)) ||
      !caller.user->organisation_id)
    co_return ErrorCode::forbidden;
  const core::Time now = clock_.now();
  cf::Conference c;
  c.id = core::newId(now, random_);
  c.organisation_id = *caller.user->organisation_id;
  c.language = input.language.value_or(caller.user->language);
  c.created_by = caller.user->id;
  c.created_at = now;
  core::UnitOfWork work;
  auto applied = co_await apply(caller, std::move(input), c, work, true);
  if (!applied) co_return applied.error();
  work.add(core::ConferenceSaved{c, true});
  AuditEntry entry{caller.user->id, "conference.scheduled", "conference", c.id,
                   "{\"invited\":" + std::to_string(c.participants.size() - 1) + "}"};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  co_return co_await describe(caller, std::move(c), ConferenceRole::moderator, true);
}

Task<ConferenceView> ConferenceService::update(const Caller &caller, const std::string &id,
                                               ScheduleInput input) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  if (loaded->role != ConferenceRole::moderator) co_return ErrorCode::forbidden;
  cf::Conference c = std::move(loaded->conference);
  if (c.status != cf::ConferenceStatus::scheduled) co_return ErrorCode::conflict;
  core::UnitOfWork work;
  auto applied = co_await apply(caller, std::move(input), c, work, false);
  if (!applied) co_return applied.error();
  work.add(core::ConferenceSaved{c, false});
  AuditEntry entry{caller.user->id, "conference.updated", "conference", c.id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  co_return co_await describe(caller, std::move(c), ConferenceRole::moderator, true);
}

Task<ConferenceView> ConferenceService::cancel(const Caller &caller, const std::string &id) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  if (loaded->role != ConferenceRole::moderator) co_return ErrorCode::forbidden;
  cf::Conference c = std::move(loaded->conference);
  if (cf::phaseAt(c, clock_.now()) != cf::Phase::upcoming &&
      cf::phaseAt(c, clock_.now()) != cf::Phase::live)
    co_return ErrorCode::conflict;
  c.status = cf::ConferenceStatus::cancelled;
  core::UnitOfWork work;
  work.add(core::ConferenceSaved{c, false});
  // Every invitee is told, with an ICS cancellation that takes the event off their calendar.
  const core::Time now = clock_.now();
  const std::map<std::string, std::string> params{{"title", c.title},
                                                  {"starts_at", core::toRfc3339(c.starts_at)},
                                                  {"ends_at", core::toRfc3339(c.ends_at)},
                                                  {"organiser", caller.user->display_name},
                                                  {"uid", "conference-" + c.id}};
  for (const auto &p : c.participants) {
    if (p.user_id == caller.user->id) continue;
    std::string email = p.email;
    core::Language language = p.language;
    if (p.role != cf::ParticipantRole::guest && p.user_id) {
      auto u = co_await store_.getUser(*p.user_id);
      if (!u || core::isGuest(*u)) continue;
      email = u->email;
      language = u->language;
    }
    if (email.empty()) continue;
    work.add(core::NewMail{
        newMail(core::MailKind::conference_cancelled, email, language, params, now, random_)});
  }
  AuditEntry entry{caller.user->id, "conference.cancelled", "conference", c.id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  co_return co_await describe(caller, std::move(c), ConferenceRole::moderator, true);
}

Task<ConferenceView> ConferenceService::end(const Caller &caller, const std::string &id) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  if (loaded->role != ConferenceRole::moderator) co_return ErrorCode::forbidden;
  cf::Conference c = std::move(loaded->conference);
  const core::Time now = clock_.now();
  const auto phase = cf::phaseAt(c, now);
  if (phase != cf::Phase::live && phase != cf::Phase::upcoming) co_return ErrorCode::conflict;
  c.status = cf::ConferenceStatus::ended;
  c.ended_at = now;
  core::UnitOfWork work;
  work.add(core::ConferenceSaved{c, false});
  AuditEntry entry{caller.user->id, "conference.ended", "conference", c.id};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  co_return co_await describe(caller, std::move(c), ConferenceRole::moderator, true);
}

Task<ConferenceView> ConferenceService::get(const Caller &caller, const std::string &id) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  co_return co_await describe(caller, std::move(loaded->conference), loaded->role, true);
}

Task<std::vector<ConferenceView>> ConferenceService::mine(const Caller &caller) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto list = co_await store_.listConferencesOf(caller.user->id);
  if (!list) co_return list.error();
  std::vector<ConferenceView> out;
  for (auto &c : *list) {
    auto full = co_await store_.getConference(c.id);
    if (!full) continue;
    const cf::Participant *p = participantOf(*full, caller.user->id);
    if (!p) continue;
    const ConferenceRole role = roleOf(p->role);
    auto view = co_await describe(caller, std::move(*full), role, false);
    if (view) out.push_back(std::move(*view));
  }
  co_return out;
}

Task<Joined> ConferenceService::join(const Caller &caller, const std::string &token, bool replace) {
  if (token.size() != 48) co_return ErrorCode::not_found;
  const std::string hash = tokenKey(token);
  auto c = co_await store_.findConferenceByGuestToken(hash);
  if (!c) co_return c.error();
  if (c->status == cf::ConferenceStatus::cancelled) co_return ErrorCode::not_found;
  auto seat = std::find_if(c->participants.begin(), c->participants.end(),
                           [&](const cf::Participant &p) { return p.token_hash == hash; });
  if (seat == c->participants.end()) co_return ErrorCode::not_found;
  const bool same = caller.user && seat->user_id == caller.user->id;
  if (caller.user && !same) {
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
  Joined out;
  const core::Time now = clock_.now();
  std::string guest_id;
  if (!same && !seat->user_id) {
    // The first visit: a guest account, its session and the seat bound, in one unit.
    core::User guest;
    guest.id = core::newId(now, random_);
    guest.email = core::guestEmail(guest.id);
    guest.display_name = seat->name;
    guest.role = Role::citizen;
    guest.language = seat->language;
    guest.created_at = now;
    guest_id = guest.id;
    core::UnitOfWork work;
    core::Session session;
    out.session = auth_.newSession(guest, session);
    work.add(core::NewUser{std::move(guest)});
    work.add(core::NewSession{session});
    work.add(core::GuestBound{c->id, hash, guest_id});
    AuditEntry entry{guest_id, "conference.joined", "conference", c->id, "{\"first\":true}"};
    work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
    auto done = co_await store_.commit(work);
    if (!done) co_return done.error();
    auto again = co_await store_.getConference(c->id); // two first visits at once: one wins
    if (!again) co_return again.error();
    c = std::move(again);
    seat = std::find_if(c->participants.begin(), c->participants.end(),
                        [&](const cf::Participant &p) { return p.token_hash == hash; });
    if (seat == c->participants.end()) co_return ErrorCode::not_found;
    if (seat->user_id != guest_id) out.session.reset();
  }
  if (!same && !out.session && seat->user_id) {
    auto user = co_await store_.getUser(*seat->user_id);
    if (!user) co_return user.error();
    if (user->deactivated_at) co_return ErrorCode::not_found;
    auto session = co_await auth_.openSession(*user, caller);
    if (!session) co_return session.error();
    out.session = std::move(*session);
    AuditEntry entry{user->id, "conference.joined", "conference", c->id};
    co_await recordAudit(store_, clock_, caller, entry);
  }
  Caller as = caller;
  if (out.session) as.user = out.session->user;
  auto view = co_await describe(as, std::move(*c), ConferenceRole::guest, true);
  if (!view) co_return view.error();
  out.view = std::move(*view);
  co_return out;
}

Task<ConferenceSeat> ConferenceService::seat(const Caller &caller,
                                             const std::string &conference_id) {
  auto loaded = co_await load(caller, conference_id);
  if (!loaded) co_return loaded.error();
  if (loaded->conference.status == cf::ConferenceStatus::cancelled) co_return ErrorCode::not_found;
  ConferenceSeat out;
  out.conference_id = conference_id;
  out.role = loaded->role;
  out.display_name = caller.user->display_name;
  if (out.display_name.empty())
    if (const auto *p = participantOf(loaded->conference, caller.user->id))
      out.display_name = p->name;
  co_return out;
}

Task<ConferenceView> ConferenceService::saveMinutes(const Caller &caller, const std::string &id,
                                                    const std::string &agenda_item_id,
                                                    std::string minutes) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  if (loaded->role != ConferenceRole::moderator) co_return ErrorCode::forbidden;
  cf::Conference c = std::move(loaded->conference);
  if (c.status == cf::ConferenceStatus::cancelled) co_return ErrorCode::conflict;
  auto item = std::find_if(c.agenda.begin(), c.agenda.end(),
                           [&](const cf::AgendaItem &a) { return a.id == agenda_item_id; });
  if (item == c.agenda.end()) co_return ErrorCode::not_found;
  if (!minutes.empty())
    if (auto bad = core::checkText("minutes", minutes, cf::kMaxMinutes)) {
      Error invalid = Error::make(ErrorCode::validation_failed);
      invalid.fields.push_back(*bad);
      co_return invalid;
    }
  item->minutes = minutes;
  core::UnitOfWork work;
  work.add(core::MinutesSaved{c.id, agenda_item_id, std::move(minutes)});
  AuditEntry entry{caller.user->id, "conference.minutes_saved", "conference", c.id,
                   "{\"agenda_item_id\":\"" + agenda_item_id + "\"}"};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  co_return co_await describe(caller, std::move(c), ConferenceRole::moderator, true);
}

namespace {

// Checks the fields of a proposal that are set and applies them to `p`.
core::Status applyProposal(cf::Proposal &p, const ProposalInput &in, const cf::Conference &c,
                           bool creating, core::Time now) {
  Error invalid = Error::make(ErrorCode::validation_failed);
  if (creating && !in.text) addField(invalid, "text", "required");
  if (in.text) addField(invalid, core::checkText("text", *in.text, cf::kMaxProposalText));
  if (creating && !in.due_date) addField(invalid, "due_date", "required");
  if (in.due_date && !cf::isDate(*in.due_date)) addField(invalid, "due_date", "invalid_format");
  const bool has_owner_id = in.owner_id && !in.owner_id->empty();
  const bool has_owner_name = in.owner_name && !in.owner_name->empty();
  if (creating && !has_owner_id && !has_owner_name) addField(invalid, "owner_id", "required");
  if (has_owner_id) {
    const cf::Participant *owner = participantOf(c, *in.owner_id);
    if (!owner || owner->role == cf::ParticipantRole::guest)
      addField(invalid, "owner_id", "invalid_value");
  } else if (has_owner_name) {
    addField(invalid, core::checkLine("owner_name", *in.owner_name, cf::kMaxName));
  }
  if (in.agenda_item_id && !in.agenda_item_id->empty() &&
      std::none_of(c.agenda.begin(), c.agenda.end(),
                   [&](const cf::AgendaItem &a) { return a.id == *in.agenda_item_id; }))
    addField(invalid, "agenda_item_id", "invalid_value");
  if (!invalid.fields.empty()) return invalid;
  if (in.text) p.text = *in.text;
  if (in.due_date) p.due_date = *in.due_date;
  if (has_owner_id) {
    p.owner_id = *in.owner_id;
    p.owner_name.clear();
  } else if (has_owner_name) {
    p.owner_id.reset();
    p.owner_name = *in.owner_name;
  }
  if (in.agenda_item_id) {
    if (in.agenda_item_id->empty())
      p.agenda_item_id.reset();
    else
      p.agenda_item_id = *in.agenda_item_id;
  }
  if (in.status) p = cf::withStatus(std::move(p), *in.status, now);
  return core::okStatus();
}

} // namespace

Task<ProposalView> ConferenceService::propose(const Caller &caller, const std::string &id,
                                              ProposalInput input) {
  auto loaded = co_await load(caller, id);
  if (!loaded) co_return loaded.error();
  if (loaded->role == ConferenceRole::guest) co_return ErrorCode::forbidden;
  cf::Conference c = std::move(loaded->conference);
  if (c.status == cf::ConferenceStatus::cancelled) co_return ErrorCode::conflict;
  const core::Time now = clock_.now();
  cf::Proposal p;
  p.id = core::newId(now, random_);
  p.conference_id = c.id;
  p.created_by = caller.user->id;
  p.created_at = now;
  if (auto st = applyProposal(p, input, c, true, now); !st) co_return st.error();
  core::UnitOfWork work;
  work.add(core::ProposalSaved{p, true});
  AuditEntry entry{caller.user->id, "conference.proposal_made", "proposal", p.id,
                   "{\"conference_id\":\"" + c.id + "\"}"};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  co_return co_await describeProposal(caller, std::move(p), c);
}

Task<ProposalView> ConferenceService::changeProposal(const Caller &caller,
                                                     const std::string &proposal_id,
                                                     ProposalInput input) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  auto p = co_await store_.getConferenceProposal(proposal_id);
  if (!p) co_return p.error();
  auto loaded = co_await load(caller, p->conference_id);
  if (!loaded) co_return loaded.error();
  const bool moderator = loaded->role == ConferenceRole::moderator;
  const bool owner = p->owner_id == caller.user->id;
  const bool status_only = !input.text && !input.owner_id && !input.owner_name && !input.due_date &&
                           !input.agenda_item_id;
  if (!moderator && !(owner && status_only)) co_return ErrorCode::forbidden;
  if (loaded->conference.status == cf::ConferenceStatus::cancelled) co_return ErrorCode::conflict;
  const core::Time now = clock_.now();
  cf::Proposal changed = *p;
  if (auto st = applyProposal(changed, input, loaded->conference, false, now); !st)
    co_return st.error();
  core::UnitOfWork work;
  work.add(core::ProposalSaved{changed, false});
  AuditEntry entry{caller.user->id, "conference.proposal_changed", "proposal", changed.id,
                   "{\"status\":\"" + std::string(cf::toString(changed.status)) + "\"}"};
  work.add(core::AuditRecord{auditEvent(clock_, caller, entry)});
  auto done = co_await store_.commit(work);
  if (!done) co_return done.error();
  co_return co_await describeProposal(caller, std::move(changed), loaded->conference);
}

Task<std::vector<ProposalView>> ConferenceService::proposals(const Caller &caller,
                                                             ProposalFilter filter) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!isStaff(caller)) co_return ErrorCode::forbidden;
  core::ConferenceRepository::ProposalQuery query;
  query.status = filter.status;
  query.conference_id = filter.conference_id;
  if (caller.is(Role::coordinator)) {
    if (!caller.user->organisation_id) co_return ErrorCode::forbidden;
    query.organisation_id = caller.user->organisation_id;
  } else if (!caller.is(Role::admin)) {
    query.participant_id = caller.user->id;
  }
  auto list = co_await store_.listConferenceProposals(query);
  if (!list) co_return list.error();
  std::map<std::string, cf::Conference> conferences;
  std::vector<ProposalView> out;
  for (auto &p : *list) {
    auto it = conferences.find(p.conference_id);
    if (it == conferences.end()) {
      auto c = co_await store_.getConference(p.conference_id);
      if (!c) continue;
      it = conferences.emplace(p.conference_id, std::move(*c)).first;
    }
    auto view = co_await describeProposal(caller, std::move(p), it->second);
    if (view) out.push_back(std::move(*view));
  }
  co_return out;
}

Task<std::vector<Invitable>> ConferenceService::invitable(const Caller &caller, std::string query) {
  if (!caller.user) co_return ErrorCode::unauthenticated;
  if (!isStaff(caller)) co_return ErrorCode::forbidden;
  auto users = co_await store_.listUsers(std::nullopt);
  if (!users) co_return users.error();
  const std::string q = lowerAscii(std::move(query));
  std::vector<Invitable> out;
  for (const auto &u : *users) {
    if (u.role == Role::citizen || u.deactivated_at) continue;
    if (!q.empty() && lowerAscii(u.display_name).find(q) == std::string::npos &&
        u.email.find(q) == std::string::npos)
      continue;
    out.push_back({u.id, u.display_name, u.organisation_id.value_or(""), u.role});
  }
  std::sort(out.begin(), out.end(),
            [](const Invitable &a, const Invitable &b) { return a.display_name < b.display_name; });
  if (out.size() > kMaxInvitable) out.resize(kMaxInvitable);
  co_return out;
}

Task<ConferenceView> ConferenceService::describe(const Caller &caller, cf::Conference c,
                                                 ConferenceRole role, bool with_proposals) {
  ConferenceView v;
  v.phase = cf::phaseAt(c, clock_.now());
  v.my_role = role;
  v.page_url = pageUrl(settings_.mail, "/conferences/" + c.id);
  for (auto &p : c.participants) {
    ParticipantView pv;
    pv.role = roleOf(p.role);
    pv.user_id = p.user_id;
    pv.name = p.name;
    if (p.role == cf::ParticipantRole::guest) {
      pv.joined = p.user_id.has_value();
      if (role == ConferenceRole::moderator) pv.email = p.email;
    } else if (p.user_id) {
      auto u = co_await store_.getUser(*p.user_id);
      if (u) {
        pv.name = u->display_name;
        pv.organisation = u->organisation_id.value_or("");
      }
    }
    p.token_hash.clear();
    v.participants.push_back(std::move(pv));
  }
  if (with_proposals) {
    core::ConferenceRepository::ProposalQuery query;
    query.conference_id = c.id;
    auto list = co_await store_.listConferenceProposals(query);
    if (list)
      for (auto &p : *list) {
        auto pv = co_await describeProposal(caller, std::move(p), c);
        if (pv) v.proposals.push_back(std::move(*pv));
      }
  }
  v.conference = std::move(c);
  co_return v;
}

Task<ProposalView> ConferenceService::describeProposal(const Caller &caller, cf::Proposal p,
                                                       const cf::Conference &c) {
  ProposalView v;
  v.conference_title = c.title;
  v.owner = p.owner_name;
  if (p.owner_id) {
    auto u = co_await store_.getUser(*p.owner_id);
    if (u) v.owner = u->display_name;
  }
  for (const auto &a : c.agenda)
    if (p.agenda_item_id == a.id) v.agenda_title = a.title;
  if (caller.user) {
    const cf::Participant *me = participantOf(c, caller.user->id);
    v.may_change =
        (me && me->role == cf::ParticipantRole::moderator) || p.owner_id == caller.user->id;
    if (c.status == cf::ConferenceStatus::cancelled) v.may_change = false;
  }
  v.proposal = std::move(p);
  co_return v;
}

} // namespace kelisim::app::conference
