// HTTPS: with --tls-cert and --tls-key the server speaks TLS, marks its cookies Secure and
// sends Strict-Transport-Security. Checked with real tools: openssl makes a self-signed
// certificate, curl is the client.
#include "server_process.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>

namespace kelisim::itest {

namespace {
std::string run(const std::string &command) {
  std::string out;
  std::array<char, 4096> buf{};
  FILE *pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  while (std::fgets(buf.data(), buf.size(), pipe)) out += buf.data();
  ::pclose(pipe);
  return out;
}
} // namespace

TEST(Tls, ServesHttpsWithSecureCookiesAndHsts) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("kelisim-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
  run("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -keyout " + key +
      " -out " + cert + " 2>/dev/null");
  ASSERT_TRUE(std::filesystem::exists(cert)) << "openssl could not make a certificate";

  ServerOptions options;
  options.serve_args = {"--tls-cert", cert, "--tls-key", key};
  ServerProcess server(options);
  const std::string base = "https://127.0.0.1:" + std::to_string(server.port());

  const auto health = run("curl -sk -i --max-time 10 " + base + "/healthz");
  EXPECT_NE(health.find("HTTP/1.1 200"), std::string::npos) << health;
  EXPECT_NE(health.find("Strict-Transport-Security"), std::string::npos) << health;

  const auto sign_in = run("curl -sk -i --max-time 10 -H 'Content-Type: application/json' -d "
                           "'{\"email\":\"citizen@demo.kelisim.kz\",\"password\":\"" +
                           std::string(kDemoPassword) + "\"}' " + base + "/api/v1/auth/sign-in");
  EXPECT_NE(sign_in.find("HTTP/1.1 200"), std::string::npos) << sign_in;
  EXPECT_NE(sign_in.find("HttpOnly"), std::string::npos) << sign_in;
  EXPECT_NE(sign_in.find("; Secure"), std::string::npos) << sign_in;

  // Plain HTTP to the TLS port gets no HTTP answer, and the server carries on.
  const auto plain =
      run("curl -s -i --max-time 5 http://127.0.0.1:" + std::to_string(server.port()) + "/healthz");
  EXPECT_EQ(plain.find("HTTP/1.1 200"), std::string::npos) << plain;
  EXPECT_NE(run("curl -sk --max-time 10 " + base + "/healthz").find("ok"), std::string::npos);
  EXPECT_EQ(server.stop().code, 0);
  std::filesystem::remove_all(dir);
}

} // namespace kelisim::itest
