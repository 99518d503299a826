// The register of mediators (issue 10; Law on Mediation Arts 9, 14, 16): a public directory
// anyone may read, signed in or not, with a free-text search over names and keepers and
// filters by region, language, specialisation, kind and status; suspended and excluded
// mediators stay in it with the date and the reason (only active ones take cases). The admin
// keeps the records (adds, edits, suspends, lifts a suspension, excludes); every change is
// audited. A record's rules are core/mediation/mediator's.
#pragma once

#include "app/caller.hpp"
#include "core/mediation/mediator.hpp"
#include "core/ports/clock.hpp"
#include "core/ports/random.hpp"
#include "core/ports/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kelisim::app::mediation {

using core::Task;
namespace md = core::mediation;

// A record as sent: everything but its id and status (status changes have their own call).
struct MediatorInput {
  std::optional<std::string> user_id;
  std::string name;
  md::MediatorKind kind = md::MediatorKind::professional;
  std::string keeper;
  std::optional<md::Certificate> certificate;
  std::vector<md::Specialisation> specialisations;
  std::vector<core::Language> languages;
  std::vector<std::string> regions;
};

struct DirectoryQuery {
  std::string text; // matched against name and keeper, folded (core/search_text)
  core::MediatorQuery filters;
};

inline constexpr std::size_t kMaxSearchText = 200;

class MediatorService {
public:
  MediatorService(core::Store &store, const core::Clock &clock, core::Random &random);

  Task<std::vector<md::Mediator>> directory(const DirectoryQuery &query);
  Task<md::Mediator> get(const std::string &id);
  Task<md::Mediator> create(const Caller &caller, MediatorInput input);
  Task<md::Mediator> update(const Caller &caller, const std::string &id, MediatorInput input);
  Task<md::Mediator> changeStatus(const Caller &caller, const std::string &id,
                                  md::MediatorStatus to, std::string reason);

private:
  // The record checked against the rules and the directory's regions (field "regions").
  Task<core::Unit> check(const md::Mediator &m);
  Task<md::Mediator> save(const Caller &caller, md::Mediator m, bool created, const char *action);
  md::Date today() const;

  core::Store &store_;
  const core::Clock &clock_;
  core::Random &random_;
};

} // namespace kelisim::app::mediation
