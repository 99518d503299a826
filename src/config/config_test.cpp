#include "config/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace kelisim::config {

TEST(Config, DefaultsServeEmbeddedSqliteOnLocalhost) {
  Config c;
  EXPECT_EQ(c.listen, "127.0.0.1:8080");
  EXPECT_EQ(c.database, "sqlite:./data/kelisim.db");
}

TEST(Config, LayersApplyInOrder) {
  Config c;
  const std::string path = ::testing::TempDir() + "kelisim_config_test.toml";
  std::ofstream(path) << "listen = \"0.0.0.0:9000\"\nthreads = 3\ndatabase = \"sqlite:a.db\"\n";
  ASSERT_TRUE(applyTomlFile(c, path).ok());
  EXPECT_EQ(c.listen, "0.0.0.0:9000");
  EXPECT_EQ(c.threads, 3);
  char e1[] = "KELISIM_DATABASE=postgresql://x@127.0.0.1/k";
  char e2[] = "OTHER=1";
  char *env[] = {e1, e2, nullptr};
  ASSERT_TRUE(applyEnvironment(c, env).ok());
  EXPECT_EQ(c.database, "postgresql://x@127.0.0.1/k");
  ASSERT_TRUE(applySetting(c, "listen", "127.0.0.1:0").ok()); // the flag layer
  EXPECT_EQ(c.listen, "127.0.0.1:0");
  std::remove(path.c_str());
}

TEST(Config, RejectsUnknownKeysAndBadValues) {
  Config c;
  EXPECT_FALSE(applySetting(c, "lisen", "x").ok());
  EXPECT_FALSE(applySetting(c, "threads", "many").ok());
  EXPECT_FALSE(applySetting(c, "listen", "8080").ok());
  EXPECT_FALSE(applySetting(c, "log_level", "loud").ok());
  const std::string path = ::testing::TempDir() + "kelisim_config_bad.toml";
  std::ofstream(path) << "listen = [\n";
  EXPECT_FALSE(applyTomlFile(c, path).ok());
  std::remove(path.c_str());
}

} // namespace kelisim::config

namespace kelisim::config {

TEST(Config, AttachmentQuotasHaveDefaultsAndRefuseNonsense) {
  Config c;
  EXPECT_EQ(c.attachments_per_room, 100);
  EXPECT_EQ(c.attachment_megabytes_per_person_per_day, 100);
  EXPECT_EQ(c.uploads_per_minute, 10);
  ASSERT_TRUE(applySetting(c, "attachment_megabytes_per_room", "50").ok());
  EXPECT_EQ(c.attachment_megabytes_per_room, 50);
  EXPECT_FALSE(applySetting(c, "attachments_per_person_per_day", "0").ok());
  EXPECT_FALSE(applySetting(c, "uploads_per_minute", "fast").ok());
}

TEST(Config, EveryKeyHasHelpAndIsAccepted) {
  for (const auto &key : settingKeys()) {
    EXPECT_NE(settingHelp(key), key) << key;
    EXPECT_NE(settingHelp(key).find(' '), std::string::npos) << key;
  }
}

} // namespace kelisim::config

namespace kelisim::config {

TEST(Config, EdgeSettingsAreCheckedWhereverTheyComeFrom) {
  Config c;
  EXPECT_EQ(c.max_connections_per_address, 256);
  EXPECT_EQ(c.ws_per_session, 8);
  EXPECT_TRUE(c.trusted_proxies.empty());
  EXPECT_TRUE(applySetting(c, "trusted_proxies", "10.0.0.0/8, ::1").ok());
  EXPECT_FALSE(applySetting(c, "trusted_proxies", "proxy.local").ok());
  EXPECT_FALSE(applySetting(c, "trusted_proxies", "10.0.0.0/40").ok());
  EXPECT_FALSE(applySetting(c, "public_url", "kelisim.kz").ok());
  EXPECT_TRUE(applySetting(c, "public_url", "https://kelisim.kz/").ok());
  EXPECT_FALSE(applySetting(c, "header_timeout_seconds", "0").ok());
  EXPECT_FALSE(applySetting(c, "max_connections", "-1").ok());
  EXPECT_TRUE(applySetting(c, "ws_per_session", "2").ok());
  EXPECT_EQ(c.ws_per_session, 2);
  // A TOML list of proxies is the same as the comma-separated text.
  const std::string path = ::testing::TempDir() + "kelisim_config_proxies.toml";
  std::ofstream(path) << "trusted_proxies = [\"10.0.0.0/8\", \"127.0.0.1\"]\n";
  ASSERT_TRUE(applyTomlFile(c, path).ok());
  EXPECT_EQ(c.trusted_proxies, "10.0.0.0/8,127.0.0.1");
  std::ofstream(path) << "trusted_proxies = [\"10.0.0.0/8\", 3]\n";
  EXPECT_FALSE(applyTomlFile(c, path).ok());
  std::remove(path.c_str());
}

TEST(Config, MediaTableSetsTheMediaSettings) {
  Config c;
  EXPECT_EQ(c.media_engine, "spawn");
  const std::string path = ::testing::TempDir() + "kelisim_media_test.toml";
  std::ofstream(path) << "[media]\nengine = \"off\"\nrtp_ports = \"30000-30099\"\n"
                         "turn_port = 3479\n";
  ASSERT_TRUE(applyTomlFile(c, path).ok());
  EXPECT_EQ(c.media_engine, "off");
  EXPECT_EQ(c.media_rtp_ports, "30000-30099");
  EXPECT_EQ(c.media_turn_port, 3479);
  EXPECT_FALSE(applySetting(c, "media_engine", "mesh").ok());
  EXPECT_FALSE(applySetting(c, "media_rtp_ports", "3000-2000").ok());
  EXPECT_FALSE(applySetting(c, "media_rtp_ports", "20000").ok());
  EXPECT_FALSE(applySetting(c, "media_credential_seconds", "5").ok());
  std::remove(path.c_str());
}

} // namespace kelisim::config
