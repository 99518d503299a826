#include "core/mediation/mediator.hpp"

#include "core/enum_text.hpp"

#include <algorithm>

namespace kelisim::core::mediation {

namespace {
constexpr std::string_view kKinds[] = {"professional", "public"};
constexpr std::string_view kStatuses[] = {"active", "suspended", "excluded"};
constexpr std::string_view kSpecialisations[] = {"civil",      "family",         "labour",
                                                 "commercial", "administrative", "criminal"};

Error tooLong(const char *field, std::size_t max) {
  return Error::field(field, "too_long", {{"max", std::to_string(max)}});
}

// Required, bounded text.
Status text(const char *field, const std::string &value, std::size_t max) {
  if (value.empty()) return Error::field(field, "required");
  if (value.size() > max) return tooLong(field, max);
  return Unit{};
}

// At least one item, each once.
template <typename T> Status list(const char *field, const std::vector<T> &items) {
  if (items.empty()) return Error::field(field, "required");
  for (auto it = items.begin(); it != items.end(); ++it)
    if (std::find(std::next(it), items.end(), *it) != items.end())
      return Error::field(field, "duplicate");
  return Unit{};
}

// ISO 3166-2:KZ: "KZ-" and two or three letters or digits (the directory says which exist).
bool regionCode(const std::string &code) {
  return code.size() >= 5 && code.size() <= 6 && code.starts_with("KZ-") &&
         std::all_of(code.begin() + 3, code.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
}
} // namespace

std::string_view toString(MediatorKind v) {
  return kKinds[static_cast<int>(v)];
}
std::string_view toString(MediatorStatus v) {
  return kStatuses[static_cast<int>(v)];
}
std::string_view toString(Specialisation v) {
  return kSpecialisations[static_cast<int>(v)];
}
std::optional<MediatorKind> parseMediatorKind(std::string_view s) {
  return parseIn<MediatorKind>(kKinds, s);
}
std::optional<MediatorStatus> parseMediatorStatus(std::string_view s) {
  return parseIn<MediatorStatus>(kStatuses, s);
}
std::optional<Specialisation> parseSpecialisation(std::string_view s) {
  return parseIn<Specialisation>(kSpecialisations, s);
}

Status validate(const Mediator &m, Date today) {
  if (auto ok = text("name", m.name, kMaxName); !ok) return ok;
  if (auto ok = text("keeper", m.keeper, kMaxKeeper); !ok) return ok;
  if (m.kind == MediatorKind::professional) {
    if (!m.certificate) return Error::field("certificate_number", "required");
    if (auto ok = text("certificate_number", m.certificate->number, kMaxCertificate); !ok)
      return ok;
    if (!m.certificate->date.ok()) return Error::field("certificate_date", "invalid_value");
    if (m.certificate->date > today) return Error::field("certificate_date", "in_future");
  } else if (m.certificate) {
    return Error::field("certificate_number", "not_allowed");
  }
  if (auto ok = list("specialisations", m.specialisations); !ok) return ok;
  if (auto ok = list("languages", m.languages); !ok) return ok;
  if (auto ok = list("regions", m.regions); !ok) return ok;
  if (!std::all_of(m.regions.begin(), m.regions.end(), regionCode))
    return Error::field("regions", "invalid_value");
  if (m.status == MediatorStatus::active) {
    if (m.status_since || !m.status_reason.empty())
      return Error::field("status_reason", "not_allowed");
  } else {
    if (auto ok = text("status_reason", m.status_reason, kMaxStatusReason); !ok) return ok;
    if (!m.status_since) return Error::field("status_since", "required");
  }
  return Unit{};
}

bool mayTakeCases(const Mediator &m) {
  return m.status == MediatorStatus::active;
}

bool mayCharge(const Mediator &m) {
  return m.kind == MediatorKind::professional;
}

Result<Mediator> changeStatus(Mediator m, MediatorStatus to, Date on, std::string reason) {
  if (m.status == MediatorStatus::excluded || m.status == to) return ErrorCode::conflict;
  if (to == MediatorStatus::active) {
    m.status_since.reset();
    m.status_reason.clear();
  } else {
    if (reason.empty()) return Error::field("status_reason", "required");
    if (reason.size() > kMaxStatusReason) return tooLong("status_reason", kMaxStatusReason);
    m.status_since = on;
    m.status_reason = std::move(reason);
  }
  m.status = to;
  return m;
}

} // namespace kelisim::core::mediation
