#include "core/file_type.hpp"

#include <gtest/gtest.h>

namespace kelisim::core {
namespace {

using namespace std::string_literals;

const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
const std::string kJpeg = "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"s;
const std::string kPng = "\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"s;
const std::string kWebp = "RIFF\x24\x00\x00\x00WEBPVP8 "s;
const std::string kHeic = "\x00\x00\x00\x18"
                          "ftypheic\x00\x00\x00\x00mif1heic"s;
const std::string kText = "Арыз: алимент туралы.\r\nҚарыз 120 000 ₸.\n\tҚосымша\f";

TEST(FileType, KnowsEveryAcceptedTypeByItsBytes) {
  EXPECT_EQ(sniffType(kPdf), FileType::pdf);
  EXPECT_EQ(sniffType(kJpeg), FileType::jpeg);
  EXPECT_EQ(sniffType(kPng), FileType::png);
  EXPECT_EQ(sniffType(kWebp), FileType::webp);
  EXPECT_EQ(sniffType(kHeic), FileType::heic);
  EXPECT_EQ(sniffType(kText), FileType::text);
  EXPECT_EQ(sniffType("\xEF\xBB\xBFwith a byte order mark"), FileType::text);
}

TEST(FileType, RefusesExecutablesMarkupAndBinaryData) {
  EXPECT_FALSE(sniffType("MZ\x90\x00\x03\x00\x00\x00"s)); // Windows .exe
  EXPECT_FALSE(sniffType("\x7F"
                         "ELF\x02\x01\x01\x00"s));                     // Linux binary
  EXPECT_FALSE(sniffType("\xCF\xFA\xED\xFE\x07\x00\x00\x01"s));        // Mach-O
  EXPECT_FALSE(sniffType("PK\x03\x04\x14\x00"s));                      // zip, docx, apk
  EXPECT_FALSE(sniffType("<!DOCTYPE html><script>alert(1)</script>")); // HTML
  EXPECT_FALSE(sniffType("\n  <svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x()\">"));
  EXPECT_FALSE(sniffType("<?xml version=\"1.0\"?><svg/>"));
  EXPECT_FALSE(sniffType("#!/bin/sh\nrm -rf ~\n"));
  EXPECT_FALSE(sniffType("caf\xE9 in Latin-1")); // not UTF-8
  EXPECT_FALSE(sniffType("nul\0byte"s));
  EXPECT_FALSE(sniffType(""));
}

TEST(FileType, TheClaimMustBeWhatTheContentIs) {
  EXPECT_EQ(checkType("application/pdf", kPdf), TypeCheck::ok);
  EXPECT_EQ(checkType("IMAGE/JPG", kJpeg), TypeCheck::ok);
  EXPECT_EQ(checkType("image/heif", kHeic), TypeCheck::ok);
  EXPECT_EQ(checkType("text/plain; charset=utf-8", kText), TypeCheck::ok);
  FileType found{};
  EXPECT_EQ(checkType("", kPng, &found), TypeCheck::ok);
  EXPECT_EQ(found, FileType::png);
  EXPECT_EQ(checkType("application/octet-stream", kPdf), TypeCheck::ok);

  EXPECT_EQ(checkType("image/png", kJpeg), TypeCheck::mismatch);
  EXPECT_EQ(checkType("image/jpeg", kText), TypeCheck::mismatch);
  EXPECT_EQ(checkType("image/jpeg", "MZ\x90\x00"s), TypeCheck::unsupported);
  EXPECT_EQ(checkType("text/html", kText), TypeCheck::unsupported);
  EXPECT_EQ(checkType("image/svg+xml", "<svg/>"), TypeCheck::unsupported);
  EXPECT_EQ(checkType("text/plain", "<html><body>hi</body></html>"), TypeCheck::unsupported);
}

TEST(FileType, ANameGetsAnExtensionThatFitsItsType) {
  EXPECT_EQ(fitExtension("scan.PDF", FileType::pdf), "scan.PDF");
  EXPECT_EQ(fitExtension("photo.jpeg", FileType::jpeg), "photo.jpeg");
  EXPECT_EQ(fitExtension("page.html", FileType::text), "page.html.txt");
  EXPECT_EQ(fitExtension("Өтініш", FileType::pdf), "Өтініш.pdf");
  EXPECT_EQ(mediaType(FileType::text), "text/plain; charset=utf-8");
}

} // namespace
} // namespace kelisim::core
