#include "core/mediation/identity.hpp"

#include <algorithm>
#include <array>

namespace kelisim::core::mediation {

namespace {

constexpr std::array<int, 11> kFirstWeights = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
constexpr std::array<int, 11> kSecondWeights = {3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2};

// Digit 7 of an IIN: the century of birth and the sex, by value 1..6.
struct Century {
  int first_year;
  Sex sex;
};
constexpr std::array<Century, 6> kCenturies = {{{1800, Sex::male},
                                                {1800, Sex::female},
                                                {1900, Sex::male},
                                                {1900, Sex::female},
                                                {2000, Sex::male},
                                                {2000, Sex::female}}};

int digit(std::string_view s, std::size_t i) {
  return s[i] - '0';
}

int twoDigits(std::string_view s, std::size_t i) {
  return digit(s, i) * 10 + digit(s, i + 1);
}

int weighted(std::string_view s, const std::array<int, 11> &weights) {
  int sum = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) sum += digit(s, i) * weights[i];
  return sum % 11;
}

// Length, digits and the control digit: what IINs and BINs share. The control digit is
// checked last (`checkControl`), after the caller's structural checks, so that a number
// with an impossible part is refused for that part.
std::optional<Error> checkShape(std::string_view field, std::string_view text) {
  if (text.size() != kIdLength)
    return Error::field(std::string(field), "wrong_length",
                        {{"length", std::to_string(kIdLength)}});
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return Error::field(std::string(field), "not_digits");
  return std::nullopt;
}

std::optional<Error> checkControl(std::string_view field, std::string_view text) {
  const auto expected = controlDigit(text);
  if (!expected || *expected != digit(text, 11))
    return Error::field(std::string(field), "check_digit");
  return std::nullopt;
}

} // namespace

std::string_view toString(Sex sex) {
  return sex == Sex::male ? "male" : "female";
}

std::string_view toString(EntityType type) {
  switch (type) {
  case EntityType::resident_legal_entity:
    return "resident_legal_entity";
  case EntityType::non_resident_legal_entity:
    return "non_resident_legal_entity";
  case EntityType::joint_entrepreneur:
    return "joint_entrepreneur";
  }
  return "resident_legal_entity";
}

std::string_view toString(EntityDivision division) {
  switch (division) {
  case EntityDivision::head_office:
    return "head_office";
  case EntityDivision::branch:
    return "branch";
  case EntityDivision::representative_office:
    return "representative_office";
  case EntityDivision::peasant_farm:
    return "peasant_farm";
  }
  return "head_office";
}

std::optional<int> controlDigit(std::string_view digits) {
  int a = weighted(digits, kFirstWeights);
  if (a == 10) a = weighted(digits, kSecondWeights);
  if (a == 10) return std::nullopt;
  return a;
}

Result<Iin> parseIin(std::string_view field, std::string_view text) {
  if (auto e = checkShape(field, text)) return *e;
  const int code = digit(text, 6);
  if (code < 1 || code > static_cast<int>(kCenturies.size()))
    return Error::field(std::string(field), "century");
  const Century century = kCenturies[code - 1];
  using namespace std::chrono;
  const year_month_day birth{year{century.first_year + twoDigits(text, 0)},
                             month{static_cast<unsigned>(twoDigits(text, 2))},
                             day{static_cast<unsigned>(twoDigits(text, 4))}};
  if (!birth.ok()) return Error::field(std::string(field), "birth_date");
  if (auto e = checkControl(field, text)) return *e;
  return Iin{std::string(text), birth, century.sex, century.first_year};
}

Result<Bin> parseBin(std::string_view field, std::string_view text) {
  if (auto e = checkShape(field, text)) return *e;
  const int month = twoDigits(text, 2);
  if (month < 1 || month > 12) return Error::field(std::string(field), "registration_date");
  const int type = digit(text, 4);
  if (type < 4 || type > 6) return Error::field(std::string(field), "entity_type");
  const int division = digit(text, 5);
  if (division > 3) return Error::field(std::string(field), "entity_division");
  if (auto e = checkControl(field, text)) return *e;
  return Bin{std::string(text), twoDigits(text, 0), month, static_cast<EntityType>(type - 4),
             static_cast<EntityDivision>(division)};
}

} // namespace kelisim::core::mediation
