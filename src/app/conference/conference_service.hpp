// Professional conferences, the scheduled record (issue 9): scheduling with an agenda,
// invited specialists of any organisation and guests by e-mail link (each invitation mailed
// with an ICS file), a guest's sign-in by that link, minutes per agenda item, proposals and
// the list of open ones across conferences. Authorisation lives here: whoever is not a
// participant gets not_found; moderators edit, the owner of a proposal changes its status.
// The live part (stage, hands, lobby) asks seat() who someone is in a conference.
#pragma once

#include "app/account_links.hpp"
#include "app/auth_service.hpp"
#include "app/caller.hpp"
#include "core/conference/model.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kelisim::app::conference {

using core::Task;
namespace cf = core::conference;

enum class ConferenceRole { moderator, speaker, guest }; // speaker = an invited specialist
std::string_view toString(ConferenceRole role);

struct ConferenceSeat {
  std::string conference_id;
  ConferenceRole role = ConferenceRole::guest;
  std::string display_name;
};

struct AgendaInput {
  std::optional<std::string> id; // an existing item's (keeps its minutes); none: a new one
  std::string title;
};
struct GuestInput {
  std::string name;
  std::string email;
  std::optional<core::Language> language; // of their mail; the conference's when absent
};
// Fields as sent; absent ones keep their value (or are required on schedule).
struct ScheduleInput {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<core::Language> language;
  std::optional<core::Time> starts_at;
  std::optional<core::Time> ends_at;
  std::optional<std::vector<AgendaInput>> agenda;
  std::optional<std::vector<std::string>> specialists; // user ids invited
  std::optional<std::vector<std::string>> moderators;  // among them (the creator always is)
  std::optional<std::vector<GuestInput>> guests;
};

struct ParticipantView {
  ConferenceRole role = ConferenceRole::guest;
  std::optional<std::string> user_id;
  std::string name;
  std::string email;        // a guest's, shown to moderators only (empty otherwise)
  std::string organisation; // a specialist's organisation id
  bool joined = false;      // a guest who has opened their link
};

struct ProposalView {
  cf::Proposal proposal;
  std::string conference_title;
  std::string owner;        // the owner's name (the specialist's or the free text)
  std::string agenda_title; // of its item, if any
  bool may_change = false;  // the caller may change its status
};

struct ConferenceView {
  cf::Conference conference; // participants' link keys never leave the service
  cf::Phase phase = cf::Phase::upcoming;
  ConferenceRole my_role = ConferenceRole::guest;
  std::vector<ParticipantView> participants;
  std::vector<ProposalView> proposals; // empty in lists
  std::string page_url;                // public_url/conferences/<id>
};

struct Joined {
  ConferenceView view;
  std::optional<SignedIn> session; // a new session for the guest, when one was opened
};

struct ProposalInput {
  std::optional<std::string> text;
  std::optional<std::string> owner_id;   // an invited specialist
  std::optional<std::string> owner_name; // or a name
  std::optional<std::string> due_date;   // YYYY-MM-DD
  std::optional<std::string> agenda_item_id;
  std::optional<cf::ProposalStatus> status;
};

struct ProposalFilter {
  std::optional<cf::ProposalStatus> status;
  std::optional<std::string> conference_id;
};

// A person a conference may invite: staff of any organisation.
struct Invitable {
  std::string id;
  std::string display_name;
  std::string organisation_id;
  core::Role role = core::Role::specialist;
};

struct ConferenceSettings {
  MailSettings mail;
};

class ConferenceService {
public:
  ConferenceService(core::Store &store, const core::Clock &clock, core::Random &random,
                    AuthService &auth, ConferenceSettings settings = {});

  // Specialists and coordinators of an organisation schedule; the caller is a moderator.
  // Every invitee gets a mail with an ICS invitation (guests with their own link).
  Task<ConferenceView> schedule(const Caller &caller, ScheduleInput input);
  // Moderators edit; invitees added get their mail; a change of times mails everyone again.
  Task<ConferenceView> update(const Caller &caller, const std::string &id, ScheduleInput input);
  Task<ConferenceView> cancel(const Caller &caller, const std::string &id);
  // A moderator ends a conference that is on (or upcoming) before its end time.
  Task<ConferenceView> end(const Caller &caller, const std::string &id);
  Task<ConferenceView> get(const Caller &caller, const std::string &id);
  // The caller's conferences, by start, without proposals.
  Task<std::vector<ConferenceView>> mine(const Caller &caller);
  // A guest's link: signs the guest in (a guest account, made the first time). Never
  // replaces a staff session (other_account, field "token"), nor, unless `replace`, another
  // citizen's or guest's (other_account, field "replace"). A cancelled one: not_found.
  Task<Joined> join(const Caller &caller, const std::string &token, bool replace = false);
  // The caller's part in the conference (not_found for anyone else, and for a cancelled one).
  Task<ConferenceSeat> seat(const Caller &caller, const std::string &conference_id);

  Task<ConferenceView> saveMinutes(const Caller &caller, const std::string &id,
                                   const std::string &agenda_item_id, std::string minutes);
  // Moderators and speakers propose.
  Task<ProposalView> propose(const Caller &caller, const std::string &id, ProposalInput input);
  // Moderators change anything; the owner only the status.
  Task<ProposalView> changeProposal(const Caller &caller, const std::string &proposal_id,
                                    ProposalInput input);
  // Across conferences: a specialist's (those they take part in), a coordinator's (their
  // organisation's), an admin's (all). Staff only.
  Task<std::vector<ProposalView>> proposals(const Caller &caller, ProposalFilter filter);
  // Staff whose name or e-mail contains `query` (at most 20), for the invitation form.
  Task<std::vector<Invitable>> invitable(const Caller &caller, std::string query);

private:
  struct Loaded;
  Task<Loaded> load(const Caller &caller, const std::string &id);
  Task<ConferenceView> describe(const Caller &caller, cf::Conference conference,
                                ConferenceRole role, bool with_proposals);
  Task<ProposalView> describeProposal(const Caller &caller, cf::Proposal p,
                                      const cf::Conference &conference);
  // Checks and applies `in` to `c` (whose participants are carried over); adds the mails of
  // new invitees (all of them when `all_again`) to `work`.
  Task<core::Unit> apply(const Caller &caller, ScheduleInput in, cf::Conference &c,
                         core::UnitOfWork &work, bool creating);

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  AuthService &auth_;
  ConferenceSettings settings_;
};

} // namespace kelisim::app::conference
