#include "transport/media/engine_config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sys/stat.h>

namespace kelisim::transport::media {

namespace {

EngineSecrets secrets() {
  return {"API-SECRET", "ADMIN-SECRET", "ROOM-KEY", "TURN-SECRET"};
}

} // namespace

TEST(EngineConfig, JanusLoadsOnlyItsPluginsBehindTheUnixSocketWithTheSecret) {
  EngineLayout layout;
  layout.dir = "/srv/kelisim/media";
  layout.rtp_ports = "30000-30099";
  layout.interfaces = {"10.77.0.1"};
  layout.public_ip = "203.0.113.7";
  const auto files = janusFiles(layout, secrets());
  const auto &main = files.at("janus.jcfg");
  EXPECT_NE(main.find("api_secret = \"API-SECRET\""), std::string::npos);
  EXPECT_NE(main.find("plugins_folder = \"/srv/kelisim/media/janus/plugins\""), std::string::npos);
  EXPECT_NE(main.find("rtp_port_range = \"30000-30099\""), std::string::npos);
  EXPECT_NE(main.find("ice_enforce_list = \"10.77.0.1\""), std::string::npos);
  EXPECT_NE(main.find("nat_1_1_mapping = \"203.0.113.7\""), std::string::npos);
  EXPECT_NE(main.find("libjanus_http.so"), std::string::npos); // in the disable list
  EXPECT_EQ(main.find("/etc/janus"), std::string::npos);
  const auto &unix_socket = files.at("conf/janus.transport.pfunix.jcfg");
  EXPECT_NE(unix_socket.find("path = \"/srv/kelisim/media/janus/api.sock\""), std::string::npos);
  EXPECT_NE(unix_socket.find("admin_enabled = false"), std::string::npos);
  EXPECT_EQ(janusSocketPath(layout), "/srv/kelisim/media/janus/api.sock");
  const auto &rooms = files.at("conf/janus.plugin.videoroom.jcfg");
  EXPECT_NE(rooms.find("admin_key = \"ROOM-KEY\""), std::string::npos);
  EXPECT_EQ(rooms.find("room-"), std::string::npos); // no room kept in a file
  EXPECT_EQ(files.size(), 4u);                       // no HTTP or WebSocket transport config at all
}

TEST(EngineConfig, CoturnUsesTheRestSecretLogsNothingAndRelaysOnlyToTheMediaServer) {
  EngineLayout layout;
  layout.dir = "/srv/kelisim/media";
  layout.turn_port = 3479;
  layout.relay_peers = {"10.77.0.1"};
  const auto text = turnConfig(layout, secrets());
  EXPECT_NE(text.find("listening-port=3479\n"), std::string::npos);
  EXPECT_NE(text.find("use-auth-secret\n"), std::string::npos);
  EXPECT_NE(text.find("static-auth-secret=TURN-SECRET\n"), std::string::npos);
  EXPECT_NE(text.find("log-file=/dev/null\n"), std::string::npos);
  EXPECT_NE(text.find("no-cli\n"), std::string::npos);
  EXPECT_NE(text.find("denied-peer-ip=0.0.0.0-255.255.255.255\n"), std::string::npos);
  EXPECT_NE(text.find("allowed-peer-ip=10.77.0.1\n"), std::string::npos);
}

TEST(EngineConfig, SecretsAreMadeOnceKeptPrivateAndReadAgain) {
  const auto dir = std::filesystem::temp_directory_path() / "kelisim-secrets-test";
  std::filesystem::remove_all(dir);
  EngineSecrets first, second;
  std::string error;
  ASSERT_TRUE(loadOrMakeSecrets(dir.string(), first, error)) << error;
  EXPECT_GE(first.janus_api.size(), 32u);
  EXPECT_NE(first.janus_api, first.turn);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "secrets").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  ASSERT_TRUE(loadOrMakeSecrets(dir.string(), second, error)) << error;
  EXPECT_EQ(first.janus_api, second.janus_api);
  EXPECT_EQ(first.turn, second.turn);
  std::filesystem::remove_all(dir);
}

} // namespace kelisim::transport::media
