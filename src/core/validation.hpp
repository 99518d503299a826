// Validation of what people type: e-mail, password, names, UTF-8 text lengths. Each check
// returns the FieldError to show (empty optional when the value is fine). Pure functions.
#pragma once

#include "core/error.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kelisim::core {

inline constexpr std::size_t kMaxEmail = 254;
inline constexpr std::size_t kMinPassword = 10;
inline constexpr std::size_t kMaxPassword = 128;
inline constexpr std::size_t kMaxDisplayName = 100;

// Number of code points if `s` is valid UTF-8 without control characters other than
// \n and \t (when allowed); nullopt otherwise.
std::optional<std::size_t> utf8Length(std::string_view s, bool allow_newlines = false);

// Lower-cases the ASCII letters of an e-mail address and trims spaces.
std::string normaliseEmail(std::string_view email);

std::optional<FieldError> checkEmail(std::string_view field, std::string_view email);
std::optional<FieldError> checkPassword(std::string_view field, std::string_view password);
// A one-line text of 1..max code points, trimmed.
std::optional<FieldError> checkLine(std::string_view field, std::string_view text, std::size_t max);
// The same for a text of several lines (newlines and tabs allowed).
std::optional<FieldError> checkText(std::string_view field, std::string_view text, std::size_t max,
                                    bool allow_newlines = true);

} // namespace kelisim::core
