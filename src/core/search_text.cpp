#include "core/search_text.hpp"

namespace kelisim::core {

namespace {

// The lower-case code point of a capital Latin or Cyrillic letter; others unchanged.
char32_t lower(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 0x20;
  if (c >= 0x0410 && c <= 0x042F) return c + 0x20; // А…Я
  if (c >= 0x0400 && c <= 0x040F) return c + 0x50; // Ѐ…Џ, with Ё and І
  // Cyrillic Extended: capital and small alternate (Ғ/ғ, Қ/қ, Ң/ң, Ү/ү, Ұ/ұ, Һ/һ, Ә/ә, Ө/ө).
  if ((c >= 0x0460 && c <= 0x0481) || (c >= 0x048A && c <= 0x04BF) || (c >= 0x04D0 && c <= 0x04FF))
    return (c % 2 == 0) ? c + 1 : c;
  return c;
}

void append(std::string &out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

} // namespace

std::string foldForSearch(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    // Only one- and two-byte sequences hold the letters folded here; longer ones are copied.
    if (b < 0x80 || (b >= 0xC2 && b < 0xE0 && i + 1 < s.size() &&
                     (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80)) {
      char32_t c = b;
      std::size_t n = 1;
      if (b >= 0x80) {
        c = ((b & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
        n = 2;
      }
      i += n;
      if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == 0xA0) {
        space = !out.empty();
        continue;
      }
      if (space) out += ' ';
      space = false;
      c = lower(c);
      if (c == 0x0451) c = 0x0435; // ё → е
      append(out, c);
    } else {
      if (space) out += ' ';
      space = false;
      out += s[i++];
    }
  }
  return out;
}

bool matchesSearch(std::string_view text, std::string_view query) {
  return foldForSearch(text).find(foldForSearch(query)) != std::string::npos;
}

} // namespace kelisim::core
