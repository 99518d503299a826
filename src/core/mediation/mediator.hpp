// A mediator as the register shows them (issue 10; Law of the RK "On Mediation" No. 401-IV):
// plain values and the pure rules on them. No I/O and no clock (`today` is an argument).
//
// The rules:
//   kinds        (Art. 9) a professional mediator belongs to an organisation of mediators
//                and holds a training certificate (its number and date, not after today);
//                a public mediator is kept on the list of an akimat (Art. 16), needs no
//                certificate, and works free (Art. 22: `mayCharge` is false).
//   register     a record names its organisation or akimat (`keeper`), at least one
//                specialisation, one language and one region, each from its closed list
//                and once; texts are bounded (kMaxName, kMaxKeeper, kMaxCertificate).
//   status       active, suspended or excluded (Art. 14: the register shows it, with the
//                date and the reason): only an active mediator is offered to parties or may
//                accept a case (`mayTakeCases`); suspension can be lifted, exclusion cannot.
// validate() answers validation_failed with the first field at fault ("name", "keeper",
// "certificate_number", "certificate_date", "specialisations", "languages", "regions",
// "status_reason", "status_since") and a code from field.* (required, too_long, invalid_value,
// duplicate, in_future).
#pragma once

#include "core/error.hpp"
#include "core/model.hpp"
#include "core/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kelisim::core::mediation {

enum class MediatorKind { professional, public_ };
enum class MediatorStatus { active, suspended, excluded };
// What a mediator takes on: the kinds of dispute mediation applies to (Art. 1 p.1).
enum class Specialisation { civil, family, labour, commercial, administrative, criminal };

std::string_view toString(MediatorKind v);
std::string_view toString(MediatorStatus v);
std::string_view toString(Specialisation v);
std::optional<MediatorKind> parseMediatorKind(std::string_view s);
std::optional<MediatorStatus> parseMediatorStatus(std::string_view s);
std::optional<Specialisation> parseSpecialisation(std::string_view s);

inline constexpr std::size_t kMaxName = 200;
inline constexpr std::size_t kMaxKeeper = 300; // an organisation's or an akimat's name
inline constexpr std::size_t kMaxCertificate = 64;
inline constexpr std::size_t kMaxStatusReason = 1000;

using Date = std::chrono::year_month_day;

struct Certificate {
  std::string number;
  Date date{};
  bool operator==(const Certificate &) const = default;
};

struct Mediator {
  std::string id;
  std::optional<std::string> user_id; // the account they sign in with, once they have one
  std::string name;
  MediatorKind kind = MediatorKind::professional;
  std::string keeper;                     // the organisation of mediators, or the akimat
  std::optional<Certificate> certificate; // professional mediators only
  std::vector<Specialisation> specialisations;
  std::vector<Language> languages;
  std::vector<std::string> regions; // ISO 3166-2:KZ codes, as core::Region
  MediatorStatus status = MediatorStatus::active;
  std::optional<Date> status_since; // suspended or excluded since
  std::string status_reason;        // why, as the register shows it
  bool operator==(const Mediator &) const = default;
};

// The first problem with a record about to be kept, `today` bounding the certificate's date.
Status validate(const Mediator &m, Date today);
bool mayTakeCases(const Mediator &m);
// Whether the mediator may agree a fee with the parties (public mediators work free).
bool mayCharge(const Mediator &m);
// A status change for the register (by its keeper): suspend and exclude need a reason and
// the date; lifting a suspension clears both. Excluded is final (conflict); the same status
// again is refused (conflict).
Result<Mediator> changeStatus(Mediator m, MediatorStatus to, Date on, std::string reason);

} // namespace kelisim::core::mediation
