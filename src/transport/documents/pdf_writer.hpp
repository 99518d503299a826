// A small document layout over libharu: a PdfDocument (titles, headings, paragraphs, labelled
// fields, numbered lists, signature lines, page breaks) made into the bytes of an A4 PDF, its
// UTF-8 text wrapped into lines, pages broken where they fill, each page numbered "n / N".
// The fonts (DejaVu Sans, regular and bold, embedded) are loaded into each document anew, so
// renders share no libharu state: safe from any number of threads at once. The bytes depend
// on the document and the font files only (no date, no random ID): the same document gives
// the same bytes, which is what a signature over them needs.
#pragma once

#include "core/error.hpp"

#include <string>
#include <variant>
#include <vector>

namespace kelisim::transport {

struct PdfFonts {
  std::string regular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
  std::string bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
};

// A document's title or a part's title: bold, centred.
struct PdfTitle {
  std::string text;
};
// A section's heading, bold; kept on the page with the lines that follow it.
struct PdfHeading {
  std::string text;
};
// Text wrapped at the margins; "\n" starts a new line.
struct PdfParagraph {
  std::string text;
};
// "label: value", the label bold; with no label, the value alone.
struct PdfField {
  std::string label;
  std::string value;
};
// Items numbered 1., 2., … each of one or more fields under a hanging indent.
struct PdfNumberedList {
  std::vector<std::vector<PdfField>> items;
};
// "label: name", a line to sign on and a small caption under it; kept on one page.
struct PdfSignatureLine {
  std::string label;
  std::string name;
  std::string caption;
};
// What follows starts on a new page.
struct PdfPageBreak {};

using PdfBlock = std::variant<PdfTitle, PdfHeading, PdfParagraph, PdfField, PdfNumberedList,
                              PdfSignatureLine, PdfPageBreak>;

struct PdfDocument {
  std::string footer; // at the foot of each page, left of its number
  std::vector<PdfBlock> blocks;
};

// The PDF's bytes; internal (with a log naming libharu's error, never the content) when a font
// cannot be read or libharu fails.
core::Result<std::string> renderPdf(const PdfDocument &document, const PdfFonts &fonts);

// Whether both fonts load (for a check at start-up).
core::Status checkFonts(const PdfFonts &fonts);

// `text` as libharu's UTF-8 encoder takes it: invalid UTF-8 and characters beyond the Basic
// Multilingual Plane become U+FFFD, tabs spaces, other control characters dropped ("\n" kept).
std::string printableText(std::string_view text);

} // namespace kelisim::transport
