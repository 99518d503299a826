// Port of the conferences' record (issue 9): a conference read whole (agenda with minutes,
// participants), the caller's conferences, a guest's link, proposals. Writes go through the
// unit of work (ConferenceSaved, MinutesSaved, ProposalSaved, GuestBound), so an action's
// record, its mails and its audit entry are committed together.
#pragma once

#include "core/conference/model.hpp"
#include "core/ports/task.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kelisim::core {

class ConferenceRepository {
public:
  virtual ~ConferenceRepository() = default;
  // With its agenda (in order) and participants (in order); not_found when none.
  virtual Task<conference::Conference> getConference(const std::string &id) = 0;
  // The conferences `user_id` takes part in (any role, cancelled ones too), by starts_at,
  // without agenda or participants.
  virtual Task<std::vector<conference::Conference>>
  listConferencesOf(const std::string &user_id) = 0;
  // The conference a guest's link belongs to (its token_hash); not_found when none.
  virtual Task<conference::Conference> findConferenceByGuestToken(const std::string &hash) = 0;

  // The chat's messages after `after_seq`, in order, at most `limit`.
  virtual Task<std::vector<conference::ChatMessage>>
  listConferenceMessages(const std::string &conference_id, std::int64_t after_seq, int limit) = 0;
  // The message a sender's page sent with `client_id`; not_found when none.
  virtual Task<conference::ChatMessage> findConferenceMessage(const std::string &conference_id,
                                                              const std::string &sender_id,
                                                              const std::string &client_id) = 0;

  virtual Task<conference::Proposal> getConferenceProposal(const std::string &id) = 0;
  // Filters that are set must all hold; by due_date, then created_at. `participant_id`:
  // conferences that user takes part in; `organisation_id`: conferences of that centre.
  // Proposals of cancelled conferences are left out.
  struct ProposalQuery {
    std::optional<std::string> conference_id;
    std::optional<std::string> participant_id;
    std::optional<std::string> organisation_id;
    std::optional<conference::ProposalStatus> status;
    int limit = 500;
  };
  virtual Task<std::vector<conference::Proposal>>
  listConferenceProposals(const ProposalQuery &query) = 0;
};

} // namespace kelisim::core
