// Receptions and permanent lines: announcing them, their duty roster and opening hours, the
// public list, pre-registration slots, categories, and the figures and public summary of
// what they did. Coordinators manage their own organisation's; admins any.
#pragma once

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "app/reception/queue_engine.hpp"
#include "app/reception/reception_cache.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"
#include "core/reception/figures.hpp"
#include "core/reception/model.hpp"
#include "core/reception/schedule.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kelisim::app::reception {

using core::Task;

// Fields of a reception as sent; absent ones keep their value (or the default on create).
struct ReceptionInput {
  std::optional<std::string> organisation_id;
  std::optional<core::LocalText> title;
  std::optional<core::LocalText> description;
  std::optional<core::Time> starts_at;
  std::optional<core::Time> ends_at;
  std::optional<std::vector<std::string>> categories;
  std::optional<std::vector<rc::Channel>> channels;
  std::optional<int> slot_minutes;
  std::optional<std::vector<rc::DutyShift>> roster;
  std::optional<std::vector<rc::WeeklyHours>> hours; // permanent line
  std::optional<std::vector<std::string>> holidays;  // permanent line
};

// A reception as the public list shows it.
struct ReceptionInfo {
  rc::Reception reception;
  core::Organisation organisation;
  rc::ReceptionStatus status = rc::ReceptionStatus::upcoming;
  bool open_now = false; // someone answers now (permanent line: within its hours)
  std::optional<core::Time> next_opening;
  std::set<core::SpecialistKind> kinds_on_duty;
};

struct ShiftInfo {
  rc::DutyShift shift;
  std::string display_name;
};

// What anyone may read of a reception that has ended: small counts withheld (forThePublic).
struct Summary {
  ReceptionInfo reception;
  rc::PublicFigures figures;
};

inline constexpr int kMaxSlotMinutes = 240;
inline constexpr std::size_t kMaxRosterShifts = 200;

class ReceptionService {
public:
  // `cache` is told of every reception, line and roster this service changes.
  ReceptionService(core::Store &store, const core::Clock &clock, core::Random &random,
                   const QueueEngine &engine, ReceptionCache &cache);

  Task<std::vector<std::string>> categories();
  Task<core::Unit> addCategory(const Caller &caller, std::string code);

  Task<std::vector<ReceptionInfo>> list(const std::optional<std::string> &organisation_id);
  Task<ReceptionInfo> get(const std::string &id);
  Task<rc::Reception> create(const Caller &caller, ReceptionInput input);
  Task<rc::Reception> update(const Caller &caller, const std::string &id, ReceptionInput input);
  // The organisation's permanent line, created on first use.
  Task<rc::Reception> setLine(const Caller &caller, const std::string &organisation_id,
                              ReceptionInput input);

  Task<std::vector<ShiftInfo>> roster(const Caller &caller, const std::string &id);
  Task<core::Unit> setRoster(const Caller &caller, const std::string &id,
                             std::vector<rc::DutyShift> shifts);
  // Free pre-registration slots from now on (public).
  Task<std::vector<std::pair<core::Time, bool>>> slots(const std::string &id);

  // Coordinators of the organisation (and admins).
  Task<rc::Figures> figures(const Caller &caller, const std::string &reception_id);
  Task<rc::Figures> organisationFigures(const Caller &caller, const std::string &organisation_id,
                                        core::Time from, core::Time to);
  Task<std::string> consultationsCsv(const Caller &caller, const std::string &organisation_id,
                                     core::Time from, core::Time to);
  // The consultations of one reception only (its figures page links to this).
  Task<std::string> receptionCsv(const Caller &caller, const std::string &reception_id);
  Task<std::vector<rc::Feedback>> proposals(const Caller &caller,
                                            const std::string &organisation_id);
  // What citizens wrote with their ratings (feedback with a comment), newest first, at most
  // `limit` (1..100) older than `before`: the reception's coordinators and admins only.
  Task<std::vector<rc::Feedback>> comments(const Caller &caller, const std::string &reception_id,
                                           std::optional<core::Store::FeedbackCursor> before,
                                           int limit);
  // Public once the reception has ended or was closed; not_found before.
  Task<Summary> summary(const std::string &reception_id);

  ReceptionInfo describe(const rc::Reception &r, const core::Organisation &org) const;

private:
  // The figures of the consultations `query` covers: whole settled days from the tallies
  // storage keeps (a day missing one is counted from its records and its tally stored), the
  // partial and recent days from the records.
  Task<rc::Figures> figuresOf(core::Store::ConsultationQuery query);
  // The query of a reception's consultations, once the caller may see its figures (a
  // coordinator of its organisation, an admin).
  Task<core::Store::ConsultationQuery> managedReception(const Caller &caller,
                                                        const std::string &reception_id);
  // The CSV of the consultations `query` covers, the export audited as `entry`.
  Task<std::string> exportCsv(const Caller &caller, const core::Store::ConsultationQuery &query,
                              const AuditEntry &entry);
  Task<core::Unit> checkInput(const ReceptionInput &in, bool creating, bool permanent);
  Task<core::Unit> checkRoster(const std::string &organisation_id,
                               const std::vector<rc::DutyShift> &shifts, const rc::Reception &r);

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
  const QueueEngine &engine_;
  ReceptionCache &cache_;
};

} // namespace kelisim::app::reception
