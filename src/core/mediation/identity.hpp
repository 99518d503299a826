// The parties' identification numbers (issue 10): a person's IIN and an organisation's BIN,
// both 12 digits, checked and read. Pure functions; no I/O. Strict: the caller trims and
// removes spaces before calling, so "  9005…" is refused as not digits, never guessed at.
//
// The rules (Rules of forming the identification number, Government Decree No. 406 of
// 22.05.2007; first failure wins, in this order; `field` names the input in every error):
//   wrong_length  not exactly 12 characters (params: length = 12).
//   not_digits    a character other than 0-9.
//   IIN  digits 1-6  YYMMDD of birth, a real calendar date in the century of digit 7
//                    (29.02.1900 is not one): else birth_date.
//        digit 7     century and sex: 1/2 the 1800s, 3/4 the 1900s, 5/6 the 2000s, odd male,
//                    even female. Anything else (0, 7-9) is refused: century. Some say 0 marks
//                    foreigners' IINs, but the rules give no such value and we found no
//                    published basis for it; widen `kCenturies` with a test if one appears.
//        digits 8-11 a serial number, anything.
//   BIN  digits 1-4  YYMM of registration, month 01-12: else registration_date. The year is
//                    kept as its two digits: the rules do not say the century.
//        digit 5     4 resident legal entity, 5 non-resident legal entity, 6 individual
//                    entrepreneur on joint entrepreneurship: else entity_type.
//        digit 6     0 head office, 1 branch, 2 representative office, 3 peasant (farm)
//                    household on joint entrepreneurship: else entity_division.
//        digits 7-11 a serial number, anything.
//   both digit 12    the control digit: a = Σ d_i·i (i = 1..11) mod 11; if a = 10, a = Σ d_i·w_i
//                    mod 11 with w = 3,4,5,6,7,8,9,10,11,1,2; if a is 10 again the number is
//                    never issued. Else digit 12 must equal a: check_digit.
#pragma once

#include "core/error.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kelisim::core::mediation {

inline constexpr std::size_t kIdLength = 12;
// Every field error code parseIin and parseBin give; each has its text, "field." + code.
inline constexpr std::string_view kIdentityCodes[] = {
    "wrong_length", "not_digits",        "birth_date",  "century",
    "check_digit",  "registration_date", "entity_type", "entity_division"};

enum class Sex { male, female };
std::string_view toString(Sex sex);

// An individual's identification number, read.
struct Iin {
  std::string digits;
  std::chrono::year_month_day birth{};
  Sex sex = Sex::male;
  int century = 0; // the first year of the century of birth: 1800, 1900 or 2000
};

enum class EntityType { resident_legal_entity, non_resident_legal_entity, joint_entrepreneur };
std::string_view toString(EntityType type);

enum class EntityDivision { head_office, branch, representative_office, peasant_farm };
std::string_view toString(EntityDivision division);

// A business identification number, read.
struct Bin {
  std::string digits;
  int registered_yy = 0;    // the year of registration's last two digits
  int registered_month = 0; // 1..12
  EntityType type = EntityType::resident_legal_entity;
  EntityDivision division = EntityDivision::head_office;
};

// The control digit for the first 11 digits of `digits` (which must be ASCII digits, at
// least 11), or nullopt when both weightings give 10 and no number has that prefix.
std::optional<int> controlDigit(std::string_view digits);

Result<Iin> parseIin(std::string_view field, std::string_view text);
Result<Bin> parseBin(std::string_view field, std::string_view text);

} // namespace kelisim::core::mediation
