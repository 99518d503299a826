#include "transport/http/content_disposition.hpp"

#include <gtest/gtest.h>

namespace kelisim::transport {
namespace {

TEST(ContentDisposition, AsciiNamesStayReadable) {
  EXPECT_EQ(contentDisposition("scan 1.pdf"),
            "attachment; filename=\"scan 1.pdf\"; filename*=UTF-8''scan%201.pdf");
}

TEST(ContentDisposition, OtherNamesAreEncodedWithAnAsciiFallback) {
  // "Өтініш.pdf": Ө, т, і, н, і, ш are two bytes each in UTF-8.
  EXPECT_EQ(contentDisposition("Өтініш.pdf"),
            "attachment; filename=\"______.pdf\"; "
            "filename*=UTF-8''%D3%A8%D1%82%D1%96%D0%BD%D1%96%D1%88.pdf");
}

TEST(ContentDisposition, QuotesAndSeparatorsCannotBreakTheHeader) {
  const auto h = contentDisposition("a\"; filename=evil.html\r\n.txt");
  EXPECT_EQ(h.find('\r'), std::string::npos);
  EXPECT_EQ(h.find('\n'), std::string::npos);
  EXPECT_EQ(h.rfind("attachment; filename=\"a__ filename=evil.html__.txt\"", 0), 0u) << h;
  EXPECT_NE(h.find("filename*=UTF-8''a%22%3B%20filename%3Devil.html%0D%0A.txt"), std::string::npos)
      << h;
  EXPECT_EQ(contentDisposition(""), "attachment; filename=\"file\"; filename*=UTF-8''");
}

} // namespace
} // namespace kelisim::transport
