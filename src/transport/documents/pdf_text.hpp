// Test support: the text of a PDF as `pdftotext -layout` (Debian poppler-utils) reads it, and
// that text with its runs of white space made one space, to look words and phrases up in.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

namespace kelisim::transport::testing {

inline std::string pdfToText(const std::string &bytes) {
  std::string path = ::testing::TempDir() + "kelisim-doc-XXXXXX";
  const int fd = ::mkstemp(path.data());
  EXPECT_GE(fd, 0);
  if (fd < 0) return {};
  ::close(fd);
  std::ofstream(path, std::ios::binary) << bytes;
  std::string out;
  if (FILE *p =
          ::popen(("pdftotext -layout -enc UTF-8 '" + path + "' - 2>/dev/null").c_str(), "r")) {
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    EXPECT_EQ(::pclose(p), 0) << "pdftotext failed (is poppler-utils installed?)";
  }
  std::remove(path.c_str());
  return out;
}

// Runs of spaces, narrow no-break spaces and line ends as one space.
inline std::string squeezed(const std::string &text) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool nnbsp = text.compare(i, 3, "\u202F") == 0;
    if (text[i] == ' ' || text[i] == '\n' || text[i] == '\f' || text[i] == '\t' || nnbsp) {
      if (nnbsp) i += 2;
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += text[i];
  }
  return out;
}

// Whether the squeezed text shows page `page` of `pages` ("n / N"; pdftotext may read the
// small footer's spaces away).
inline bool hasPageNumber(const std::string &text, long page, long pages) {
  const std::string n = std::to_string(page), total = std::to_string(pages);
  return text.find(n + " / " + total) != std::string::npos ||
         text.find(n + "/" + total) != std::string::npos;
}

} // namespace kelisim::transport::testing
