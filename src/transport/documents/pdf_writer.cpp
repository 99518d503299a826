#include "transport/documents/pdf_writer.hpp"

#include <hpdf.h>

#include <fmt/format.h>

#include <memory>
#include <string_view>

namespace kelisim::transport {

namespace {

// A4 in points, and the margins of a legal document (wider on the binding side).
constexpr float kPageWidth = 595.276f;
constexpr float kPageHeight = 841.89f;
constexpr float kLeft = 62;
constexpr float kRight = 48;
constexpr float kTop = 56;
constexpr float kBottom = 60;
constexpr float kFooterY = 32;
constexpr float kTextWidth = kPageWidth - kLeft - kRight;

constexpr float kTitleSize = 13.5f;
constexpr float kHeadingSize = 11.5f;
constexpr float kBodySize = 10.5f;
constexpr float kSmallSize = 8;
constexpr float kLeading = 1.35f;
constexpr float kListIndent = 22;
constexpr float kSignatureRule = 190;

void appendUtf8(std::string &out, char32_t c) {
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

// The length of the UTF-8 character starting at text[i] (printableText made it valid).
std::size_t charLength(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  return b < 0x80 ? 1 : b < 0xE0 ? 2 : 3;
}

enum class Face { regular, bold };

struct TextOp {
  Face face = Face::regular;
  float size = kBodySize;
  float x = 0, y = 0;
  std::string text;
};
struct RuleOp {
  float x1 = 0, y1 = 0, x2 = 0;
};
struct Page {
  std::vector<TextOp> texts;
  std::vector<RuleOp> rules;
};

// libharu reports errors through a callback; the first one is kept for the log.
struct HaruError {
  HPDF_STATUS code = 0;
  HPDF_STATUS detail = 0;
};
void onHaruError(HPDF_STATUS code, HPDF_STATUS detail, void *data) {
  auto *e = static_cast<HaruError *>(data);
  if (e->code == 0) {
    e->code = code;
    e->detail = detail;
  }
}

using DocPtr = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)>;

struct Fonts {
  HPDF_Font regular = nullptr;
  HPDF_Font bold = nullptr;
};

Fonts loadFonts(HPDF_Doc pdf, const PdfFonts &files) {
  HPDF_UseUTFEncodings(pdf);
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  Fonts f;
  if (const char *name = HPDF_LoadTTFontFromFile(pdf, files.regular.c_str(), HPDF_TRUE))
    f.regular = HPDF_GetFont(pdf, name, "UTF-8");
  if (const char *name = HPDF_LoadTTFontFromFile(pdf, files.bold.c_str(), HPDF_TRUE))
    f.bold = HPDF_GetFont(pdf, name, "UTF-8");
  return f;
}

// Places the blocks on pages, top to bottom; draws nothing yet, so the page count is known
// before the pages are numbered.
class Layout {
public:
  explicit Layout(Fonts fonts) : fonts_(fonts) { newPage(); }

  std::vector<Page> pages;

  void operator()(const PdfTitle &b) {
    const auto lines = wrap(printableText(b.text), Face::bold, kTitleSize, kTextWidth, kTextWidth);
    ensure(lineHeight(kTitleSize) * std::min<std::size_t>(lines.size(), 3));
    for (const auto &line : lines) {
      const float w = width(Face::bold, kTitleSize, line);
      put(Face::bold, kTitleSize, kLeft + (kTextWidth - w) / 2, line);
    }
    y_ -= 8;
  }
  void operator()(const PdfHeading &b) {
    y_ -= 8;
    const auto lines =
        wrap(printableText(b.text), Face::bold, kHeadingSize, kTextWidth, kTextWidth);
    // A heading is not left alone at the foot of a page: two lines of what follows go with it.
    ensure(lineHeight(kHeadingSize) * lines.size() + 2 * lineHeight(kBodySize));
    for (const auto &line : lines) put(Face::bold, kHeadingSize, kLeft, line);
    y_ -= 2;
  }
  void operator()(const PdfParagraph &b) {
    for (const auto &line :
         wrap(printableText(b.text), Face::regular, kBodySize, kTextWidth, kTextWidth))
      put(Face::regular, kBodySize, kLeft, line);
    y_ -= 4;
  }
  void operator()(const PdfField &b) {
    field(b, kLeft, kTextWidth);
    y_ -= 2;
  }
  void operator()(const PdfNumberedList &b) {
    int n = 0;
    for (const auto &item : b.items) {
      ++n;
      ensure(lineHeight(kBodySize));
      const std::string number = std::to_string(n) + ".";
      // The number goes on the item's first line, wherever that falls.
      pages.back().texts.push_back(
          {Face::regular, kBodySize, kLeft, y_ - lineHeight(kBodySize) + descent(), number});
      for (const auto &f : item) field(f, kLeft + kListIndent, kTextWidth - kListIndent);
      y_ -= 3;
    }
    y_ -= 2;
  }
  void operator()(const PdfSignatureLine &b) {
    const float gap = 26;
    const auto lines = fieldLines(PdfField{b.label, b.name}, kTextWidth);
    ensure(lineHeight(kBodySize) * lines.size() + gap + lineHeight(kSmallSize) + 12);
    y_ -= 6;
    field(PdfField{b.label, b.name}, kLeft, kTextWidth);
    y_ -= gap;
    pages.back().rules.push_back({kLeft, y_, kLeft + kSignatureRule});
    y_ -= 2;
    put(Face::regular, kSmallSize, kLeft, printableText(b.caption));
    y_ -= 4;
  }
  void operator()(const PdfPageBreak &) {
    if (!pages.back().texts.empty()) newPage();
  }

private:
  Fonts fonts_;
  float y_ = 0; // the top of the next line

  static float lineHeight(float size) { return size * kLeading; }
  static float descent() { return kBodySize * 0.3f; }

  void newPage() {
    pages.emplace_back();
    y_ = kPageHeight - kTop;
  }
  void ensure(float height) {
    if (y_ - height < kBottom && !pages.back().texts.empty()) newPage();
  }
  // One line of text at the current height; a new page first if it would not fit.
  void put(Face face, float size, float x, std::string text) {
    ensure(lineHeight(size));
    y_ -= lineHeight(size);
    pages.back().texts.push_back({face, size, x, y_ + size * 0.3f, std::move(text)});
  }

  float width(Face face, float size, std::string_view text) const {
    if (text.empty()) return 0;
    const HPDF_TextWidth tw = HPDF_Font_TextWidth(face == Face::bold ? fonts_.bold : fonts_.regular,
                                                  reinterpret_cast<const HPDF_BYTE *>(text.data()),
                                                  static_cast<HPDF_UINT>(text.size()));
    return static_cast<float>(tw.width) * size / 1000;
  }

  // `text` in lines: the first at most `first` wide, the rest `rest`; words broken only where
  // one alone is wider than its line.
  std::vector<std::string> wrap(std::string_view text, Face face, float size, float first,
                                float rest) const {
    std::vector<std::string> lines;
    auto room = [&] { return lines.empty() ? first : rest; };
    std::size_t start = 0;
    while (start <= text.size()) {
      const std::size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view logical = text.substr(start, end - start);
      std::string current;
      bool any = false;
      std::size_t i = 0;
      while (i < logical.size()) {
        if (logical[i] == ' ') {
          ++i;
          continue;
        }
        std::size_t j = logical.find(' ', i);
        if (j == std::string_view::npos) j = logical.size();
        std::string_view word = logical.substr(i, j - i);
        i = j;
        while (!word.empty()) {
          const std::string candidate =
              current.empty() ? std::string(word) : current + " " + std::string(word);
          if (width(face, size, candidate) <= room()) {
            current = candidate;
            break;
          }
          if (!current.empty()) {
            lines.push_back(std::move(current));
            current.clear();
            any = true;
            continue;
          }
          // A word too wide for a short first line (after a field's label) that fits a full
          // one starts on the next line whole: a hash or a number stays in one piece.
          if (lines.empty() && first < rest && width(face, size, word) <= rest) {
            lines.emplace_back();
            any = true;
            continue;
          }
          // One word wider than a line: as many characters as fit (at least one).
          std::size_t cut = charLength(word, 0);
          while (cut < word.size()) {
            const std::size_t next = cut + charLength(word, cut);
            if (width(face, size, word.substr(0, next)) > room()) break;
            cut = next;
          }
          lines.emplace_back(word.substr(0, cut));
          any = true;
          word.remove_prefix(cut);
        }
      }
      if (!current.empty() || !any) lines.push_back(std::move(current));
      start = end + 1;
    }
    return lines;
  }

  struct FieldLine {
    std::string label; // bold, on the first line only
    std::string text;
  };
  std::vector<FieldLine> fieldLines(const PdfField &f, float avail) const {
    const std::string value = printableText(f.value);
    std::vector<FieldLine> out;
    if (f.label.empty()) {
      for (auto &l : wrap(value, Face::regular, kBodySize, avail, avail)) out.push_back({{}, l});
      return out;
    }
    const std::string label = printableText(f.label) + ":";
    const float label_width = width(Face::bold, kBodySize, label + " ");
    if (label_width > avail * 0.6f) {
      // A long label takes its own lines, the value starts below it.
      for (auto &l : wrap(label, Face::bold, kBodySize, avail, avail)) out.push_back({l, {}});
      for (auto &l : wrap(value, Face::regular, kBodySize, avail, avail)) out.push_back({{}, l});
      return out;
    }
    auto lines = wrap(value, Face::regular, kBodySize, avail - label_width, avail);
    for (std::size_t i = 0; i < lines.size(); ++i)
      out.push_back({i == 0 ? label : std::string(), std::move(lines[i])});
    return out;
  }
  void field(const PdfField &f, float x, float avail) {
    for (const auto &line : fieldLines(f, avail)) {
      ensure(lineHeight(kBodySize));
      y_ -= lineHeight(kBodySize);
      const float base = y_ + kBodySize * 0.3f;
      float text_x = x;
      if (!line.label.empty()) {
        pages.back().texts.push_back({Face::bold, kBodySize, x, base, line.label});
        text_x += width(Face::bold, kBodySize, line.label + " ");
      }
      if (!line.text.empty())
        pages.back().texts.push_back({Face::regular, kBodySize, text_x, base, line.text});
    }
  }
};

void draw(HPDF_Doc pdf, const Fonts &fonts, const Page &content, const std::string &footer,
          int number, int total) {
  HPDF_Page page = HPDF_AddPage(pdf);
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  HPDF_Page_BeginText(page);
  auto text = [&](Face face, float size, float x, float y, const std::string &s) {
    HPDF_Page_SetFontAndSize(page, face == Face::bold ? fonts.bold : fonts.regular, size);
    HPDF_Page_TextOut(page, x, y, s.c_str());
  };
  for (const auto &t : content.texts) text(t.face, t.size, t.x, t.y, t.text);
  const std::string footer_text = printableText(footer);
  if (!footer_text.empty()) text(Face::regular, kSmallSize, kLeft, kFooterY, footer_text);
  const std::string page_number = fmt::format("{} / {}", number, total);
  HPDF_Page_SetFontAndSize(page, fonts.regular, kSmallSize);
  const float w = HPDF_Page_TextWidth(page, page_number.c_str());
  text(Face::regular, kSmallSize, kPageWidth - kRight - w, kFooterY, page_number);
  HPDF_Page_EndText(page);
  if (!content.rules.empty()) {
    HPDF_Page_SetLineWidth(page, 0.6f);
    for (const auto &r : content.rules) {
      HPDF_Page_MoveTo(page, r.x1, r.y1);
      HPDF_Page_LineTo(page, r.x2, r.y1);
    }
    HPDF_Page_Stroke(page);
  }
}

core::Error haruFailure(const HaruError &e, std::string_view what) {
  return core::Error::make(core::ErrorCode::internal,
                           fmt::format("pdf: {} (libharu error 0x{:04X}, detail {})", what,
                                       static_cast<unsigned>(e.code),
                                       static_cast<unsigned>(e.detail)));
}

} // namespace

std::string printableText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  constexpr char32_t kReplacement = 0xFFFD;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    char32_t c = 0;
    std::size_t n = 0;
    if (b < 0x80) {
      c = b, n = 1;
    } else if ((b & 0xE0) == 0xC0) {
      c = b & 0x1F, n = 2;
    } else if ((b & 0xF0) == 0xE0) {
      c = b & 0x0F, n = 3;
    } else if ((b & 0xF8) == 0xF0) {
      c = b & 0x07, n = 4;
    } else {
      appendUtf8(out, kReplacement);
      ++i;
      continue;
    }
    bool valid = i + n <= text.size();
    for (std::size_t k = 1; valid && k < n; ++k) {
      const auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont & 0xC0) != 0x80)
        valid = false;
      else
        c = (c << 6) | (cont & 0x3F);
    }
    // Overlong forms and surrogates are not characters.
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (!valid || c < kMin[n] || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) {
      appendUtf8(out, kReplacement);
      ++i;
      continue;
    }
    i += n;
    if (c == '\n') {
      out += '\n';
    } else if (c == '\t') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
      continue;
    } else if (c > 0xFFFF) {
      appendUtf8(out, kReplacement);
    } else {
      appendUtf8(out, c);
    }
  }
  return out;
}

core::Result<std::string> renderPdf(const PdfDocument &document, const PdfFonts &files) {
  HaruError error;
  DocPtr doc(HPDF_New(onHaruError, &error), &HPDF_Free);
  if (!doc) return core::Error::make(core::ErrorCode::internal, "pdf: HPDF_New failed");
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  const Fonts fonts = loadFonts(pdf, files);
  if (!fonts.regular || !fonts.bold) return haruFailure(error, "cannot load the fonts");

  Layout layout(fonts);
  for (const auto &block : document.blocks) std::visit(layout, block);
  const int total = static_cast<int>(layout.pages.size());
  for (int i = 0; i < total; ++i) draw(pdf, fonts, layout.pages[i], document.footer, i + 1, total);
  if (error.code != 0) return haruFailure(error, "cannot lay out the document");

  if (HPDF_SaveToStream(pdf) != HPDF_OK) return haruFailure(error, "cannot save");
  std::string bytes(HPDF_GetStreamSize(pdf), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  const HPDF_STATUS read =
      HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE *>(bytes.data()), &size);
  // Reading to the very end may report the stream's end: that is no failure.
  if (read != HPDF_OK && read != HPDF_STREAM_EOF) return haruFailure(error, "cannot read");
  bytes.resize(size);
  return bytes;
}

core::Status checkFonts(const PdfFonts &files) {
  HaruError error;
  DocPtr doc(HPDF_New(onHaruError, &error), &HPDF_Free);
  if (!doc) return core::Error::make(core::ErrorCode::internal, "pdf: HPDF_New failed");
  const Fonts fonts = loadFonts(doc.get(), files);
  if (!fonts.regular || !fonts.bold)
    return haruFailure(error,
                       fmt::format("cannot load the fonts {} and {}", files.regular, files.bold));
  return core::okStatus();
}

} // namespace kelisim::transport
