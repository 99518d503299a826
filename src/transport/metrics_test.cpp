#include "transport/metrics.hpp"

#include <gtest/gtest.h>

#include <string>

namespace kelisim::transport {
namespace {

TEST(Metrics, MadeUpMethodsAddNoSeries) {
  Metrics m;
  m.request("GET", "/healthz", 200, 0.001);
  const auto before = m.render().size();
  for (int i = 0; i < 20000; ++i) m.request("X" + std::to_string(i), "none", 400, 0.001);
  const auto after = m.render();
  EXPECT_LT(after.size(), before + 200) << "one series for every made-up method";
  EXPECT_NE(after.find("method=\"other\",route=\"none\",status=\"400\"} 20000"), std::string::npos);
  EXPECT_EQ(Metrics::methodLabel("PATCH"), "PATCH");
  EXPECT_EQ(Metrics::methodLabel("get"), "other");
}

} // namespace
} // namespace kelisim::transport
