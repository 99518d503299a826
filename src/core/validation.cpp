#include "core/validation.hpp"

#include <string>

namespace kelisim::core {

std::optional<std::size_t> utf8Length(std::string_view s, bool allow_newlines) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    char32_t cp;
    if (c < 0x80) {
      n = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      n = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 4;
      cp = c & 0x07;
    } else {
      return std::nullopt;
    }
    if (i + n > s.size()) return std::nullopt;
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return std::nullopt;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and out-of-range code points are not UTF-8.
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return std::nullopt;
    const bool newline_ok = allow_newlines && (cp == '\n' || cp == '\t' || cp == '\r');
    if ((cp < 0x20 || cp == 0x7F) && !newline_ok) return std::nullopt;
    i += n;
    ++count;
  }
  return count;
}

std::string normaliseEmail(std::string_view email) {
  while (!email.empty() && email.front() == ' ') email.remove_prefix(1);
  while (!email.empty() && email.back() == ' ') email.remove_suffix(1);
  std::string out(email);
  for (char &c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::optional<FieldError> checkEmail(std::string_view field, std::string_view email) {
  if (email.empty()) return FieldError{std::string(field), "required", {}};
  if (email.size() > kMaxEmail)
    return FieldError{std::string(field), "too_long", {{"max", std::to_string(kMaxEmail)}}};
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at != email.rfind('@') || at + 1 >= email.size())
    return FieldError{std::string(field), "invalid_format", {}};
  const auto domain = email.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.')
    return FieldError{std::string(field), "invalid_format", {}};
  for (char c : email)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == ',' ||
        c == ';' || c == '"')
      return FieldError{std::string(field), "invalid_format", {}};
  if (!utf8Length(email)) return FieldError{std::string(field), "invalid_format", {}};
  return std::nullopt;
}

std::optional<FieldError> checkPassword(std::string_view field, std::string_view password) {
  const auto len = utf8Length(password);
  if (password.empty()) return FieldError{std::string(field), "required", {}};
  if (!len) return FieldError{std::string(field), "invalid_format", {}};
  if (*len < kMinPassword)
    return FieldError{std::string(field), "too_short", {{"min", std::to_string(kMinPassword)}}};
  if (*len > kMaxPassword)
    return FieldError{std::string(field), "too_long", {{"max", std::to_string(kMaxPassword)}}};
  return std::nullopt;
}

std::optional<FieldError> checkLine(std::string_view field, std::string_view text,
                                    std::size_t max) {
  return checkText(field, text, max, false);
}

std::optional<FieldError> checkText(std::string_view field, std::string_view text, std::size_t max,
                                    bool allow_newlines) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return FieldError{std::string(field), "required", {}};
  const auto len = utf8Length(text, allow_newlines);
  if (!len) return FieldError{std::string(field), "invalid_format", {}};
  if (*len > max) return FieldError{std::string(field), "too_long", {{"max", std::to_string(max)}}};
  return std::nullopt;
}

} // namespace kelisim::core
