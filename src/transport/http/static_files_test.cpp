#include "transport/http/static_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kelisim::transport {

namespace fs = std::filesystem;

TEST(StaticFiles, ServesWithEtagGzipAndSpaFallback) {
  const fs::path root = fs::path(::testing::TempDir()) / "kelisim-static-test";
  fs::remove_all(root);
  fs::create_directories(root / "assets");
  std::ofstream(root / "index.html") << "<!doctype html><title>Kelisim</title>";
  std::ofstream(root / "assets" / "app-1234.js") << std::string(4000, 'x');
  StaticFiles files(root);
  ASSERT_EQ(files.size(), 2u);

  HttpRequest r;
  r.method = "GET";
  r.path = "/assets/app-1234.js";
  r.headers["accept-encoding"] = "gzip, br";
  auto js = files.serve(r);
  ASSERT_TRUE(js);
  EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
  EXPECT_LT(js->body.size(), 4000u) << "gzip makes it smaller";
  std::string etag;
  for (auto &[k, v] : js->headers)
    if (k == "ETag") etag = v;
  ASSERT_FALSE(etag.empty());

  r.headers["if-none-match"] = etag;
  EXPECT_EQ(files.serve(r)->status, 304);

  HttpRequest screen;
  screen.method = "GET";
  screen.path = "/home";
  auto page = files.serve(screen);
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("Kelisim"), std::string::npos);

  screen.path = "/missing.png";
  EXPECT_FALSE(files.serve(screen)) << "a missing file is a 404, not the app";
  screen.path = "/api/v1/nothing";
  EXPECT_FALSE(files.serve(screen));
  screen.path = "/../etc/passwd";
  EXPECT_FALSE(files.serve(screen) && files.serve(screen)->body.find("root:") != std::string::npos);
  fs::remove_all(root);
}

} // namespace kelisim::transport
