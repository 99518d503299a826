#include "transport/documents/pdf_writer.hpp"

#include "transport/documents/pdf_text.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

namespace kelisim::transport {
namespace {

using testing::pdfToText;
using testing::squeezed;

// "w0001 w0002 …": words that can each be found, in order.
std::string numberedWords(int count) {
  std::string out;
  for (int i = 1; i <= count; ++i) out += fmt::format("{}w{:04}", i == 1 ? "" : " ", i);
  return out;
}

// Whether every word of `words` is in `text`, in the same order.
bool inOrder(const std::string &text, const std::string &words) {
  std::size_t at = 0, i = 0;
  while (i < words.size()) {
    std::size_t j = words.find(' ', i);
    if (j == std::string::npos) j = words.size();
    at = text.find(words.substr(i, j - i), at);
    if (at == std::string::npos) {
      ADD_FAILURE() << "lost: " << words.substr(i, j - i);
      return false;
    }
    i = j + 1;
  }
  return true;
}

PdfDocument sample() {
  PdfDocument d;
  d.footer = "Іс case1";
  d.blocks = {PdfTitle{"Дауды (жанжалды) реттеу туралы келісім"},
              PdfHeading{"Тараптар"},
              PdfField{"ЖСН", "900101300123"},
              PdfParagraph{"Әлия қүнә ғұмыр өңір һәм іні; Договор «ёж» — 1\u202F000 ₸"},
              PdfNumberedList{{{PdfField{"", "бірінші"}}, {PdfField{"Срок", "01.04.2026"}}}},
              PdfSignatureLine{"Тарап", "Alice", "(қолы)"}};
  return d;
}

TEST(PdfWriter, KazakhAndRussianLettersComeOutAsWritten) {
  auto pdf = renderPdf(sample(), {});
  ASSERT_TRUE(pdf.ok()) << pdf.error().log;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  const std::string text = squeezed(pdfToText(pdf.value()));
  for (const char *s : {"Дауды (жанжалды) реттеу туралы келісім", "Тараптар", "ЖСН: 900101300123",
                        "Әлия қүнә ғұмыр өңір һәм іні;", "Договор «ёж» — 1 000 ₸", "1. бірінші",
                        "2. Срок: 01.04.2026", "Тарап: Alice", "(қолы)", "Іс case1"})
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n---\n" << text;
  EXPECT_TRUE(testing::hasPageNumber(text, 1, 1)) << text;
}

TEST(PdfWriter, TheSameDocumentGivesTheSameBytes) {
  auto a = renderPdf(sample(), {});
  auto b = renderPdf(sample(), {});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
  // No creation date nor file ID that would change from one render to the next.
  EXPECT_EQ(a->find("/CreationDate"), std::string::npos);
  EXPECT_EQ(a->find("/ID"), std::string::npos);
  PdfDocument changed = sample();
  std::get<PdfField>(changed.blocks[2]).value = "900101300124";
  auto c = renderPdf(changed, {});
  ASSERT_TRUE(c.ok());
  EXPECT_NE(*a, *c);
}

TEST(PdfWriter, RendersFromManyThreadsAtOnceAlike) {
  const auto expected = renderPdf(sample(), {});
  ASSERT_TRUE(expected.ok());
  std::vector<std::string> got(6);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < got.size(); ++i)
    threads.emplace_back([&, i] {
      auto r = renderPdf(sample(), {});
      if (r.ok()) got[i] = *r;
    });
  for (auto &t : threads) t.join();
  for (const auto &g : got) EXPECT_TRUE(g == expected.value());
}

TEST(PdfWriter, LongTextBreaksAcrossPagesWithoutLosingAWord) {
  PdfDocument d;
  d.footer = "f";
  const std::string words = numberedWords(1200); // about 7,000 characters
  d.blocks.push_back(PdfParagraph{words});
  PdfNumberedList list;
  for (int i = 1; i <= 40; ++i)
    list.items.push_back({{"Что", fmt::format("item{:02} {}", i, numberedWords(12))},
                          {"Срок", fmt::format("due{:02}", i)}});
  d.blocks.push_back(list);
  auto pdf = renderPdf(d, {});
  ASSERT_TRUE(pdf.ok());
  const std::string raw = pdfToText(pdf.value());
  const std::string text = squeezed(raw);
  EXPECT_TRUE(inOrder(text, words));
  for (int i = 1; i <= 40; ++i) {
    EXPECT_NE(text.find(fmt::format("{}. Что: item{:02} w0001", i, i)), std::string::npos) << i;
    EXPECT_NE(text.find(fmt::format("Срок: due{:02}", i)), std::string::npos) << i;
  }
  // pdftotext parts pages with a form feed; every page carries "n / N".
  const auto pages = std::count(raw.begin(), raw.end(), '\f');
  ASSERT_GE(pages, 3);
  for (int p = 1; p <= pages; ++p) EXPECT_TRUE(testing::hasPageNumber(text, p, pages)) << p;
}

TEST(PdfWriter, AWordWiderThanTheLineIsBrokenNotLost) {
  const std::string hash(64, 'a');
  const std::string long_word = hash + hash + hash; // 192 letters, wider than a page
  PdfDocument d;
  d.blocks.push_back(PdfField{"SHA-256", long_word});
  auto pdf = renderPdf(d, {});
  ASSERT_TRUE(pdf.ok());
  std::string letters;
  for (char ch : pdfToText(pdf.value()))
    if (ch == 'a') letters += ch;
  EXPECT_EQ(letters, long_word);
}

TEST(PdfWriter, AWordTooWideAfterTheLabelGoesWholeToTheNextLine) {
  const std::string hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  PdfDocument d;
  d.blocks.push_back(PdfField{"Хеш SHA-256 документа", hash});
  auto pdf = renderPdf(d, {});
  ASSERT_TRUE(pdf.ok());
  const std::string text = pdfToText(pdf.value());
  EXPECT_NE(text.find("Хеш SHA-256 документа:\n" + hash), std::string::npos) << text;
}

TEST(PdfWriter, PageBreakStartsANewPage) {
  PdfDocument d;
  d.blocks = {PdfParagraph{"one"}, PdfPageBreak{}, PdfPageBreak{}, PdfParagraph{"two"}};
  auto pdf = renderPdf(d, {});
  ASSERT_TRUE(pdf.ok());
  const std::string text = squeezed(pdfToText(pdf.value()));
  const auto two = text.find("two");
  EXPECT_LT(text.find("one"), two);
  EXPECT_TRUE(testing::hasPageNumber(text.substr(0, two), 1, 2)) << text;
  EXPECT_TRUE(testing::hasPageNumber(text.substr(two), 2, 2)) << text;
}

TEST(PdfWriter, AMissingFontIsAnInternalErrorThatNamesNoContent) {
  PdfFonts fonts;
  fonts.bold = "/nonexistent/font.ttf";
  auto pdf = renderPdf(sample(), fonts);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, core::ErrorCode::internal);
  EXPECT_EQ(pdf.error().log.find("Alice"), std::string::npos);
  EXPECT_FALSE(checkFonts(fonts).ok());
  EXPECT_TRUE(checkFonts({}).ok());
}

TEST(PdfWriter, PrintableTextKeepsLettersAndDropsWhatCannotPrint) {
  EXPECT_EQ(printableText("Әлия\tқ\r\nү"), "Әлия қ\nү");
  EXPECT_EQ(printableText("a\x01\x7F b"), "a b");
  EXPECT_EQ(printableText("\xFF"), "\uFFFD");
  EXPECT_EQ(printableText("\xD0"), "\uFFFD");                     // cut short
  EXPECT_EQ(printableText("\xC0\xAF"), "\uFFFD\uFFFD");           // overlong
  EXPECT_EQ(printableText("\xED\xA0\x80"), "\uFFFD\uFFFD\uFFFD"); // a surrogate
  EXPECT_EQ(printableText("🙂"), "\uFFFD");                     // beyond the BMP
  EXPECT_EQ(printableText("₸ \u202F"), "₸ \u202F");
}

TEST(PdfWriter, AnyBytesRenderWithoutFailing) {
  std::string junk;
  for (int i = 0; i < 256; ++i) junk += static_cast<char>(i);
  PdfDocument d;
  d.footer = junk;
  d.blocks = {PdfTitle{junk},
              PdfHeading{junk},
              PdfParagraph{junk},
              PdfField{junk, junk},
              PdfNumberedList{{{PdfField{junk, junk}}}},
              PdfSignatureLine{junk, junk, junk}};
  auto pdf = renderPdf(d, {});
  ASSERT_TRUE(pdf.ok()) << pdf.error().log;
}

} // namespace
} // namespace kelisim::transport
