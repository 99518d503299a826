#include "transport/http/content_disposition.hpp"

namespace kelisim::transport {

namespace {

// RFC 5987 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" /
// "`" / "|" / "~".
bool isAttrChar(unsigned char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
  case '!':
  case '#':
  case '$':
  case '&':
  case '+':
  case '-':
  case '.':
  case '^':
  case '_':
  case '`':
  case '|':
  case '~':
    return true;
  default:
    return false;
  }
}

} // namespace

std::string contentDisposition(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string fallback;
  std::string encoded;
  bool pending_multibyte = false;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    // One '_' per non-ASCII character (its lead byte), none for its continuation bytes.
    if (c >= 0x80) {
      if ((c & 0xC0) != 0x80 || !pending_multibyte) fallback += '_';
      pending_multibyte = true;
    } else {
      pending_multibyte = false;
      fallback += (c < 0x20 || c == 0x7F || c == '"' || c == '\\' || c == '/' || c == ';')
                      ? '_'
                      : static_cast<char>(c);
    }
    if (isAttrChar(c)) {
      encoded += static_cast<char>(c);
    } else {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 0xF];
    }
  }
  if (fallback.empty()) fallback = "file";
  return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

} // namespace kelisim::transport
