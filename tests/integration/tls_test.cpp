// HTTPS: with --tls-cert and --tls-key the server speaks TLS (1.2+, ECDHE with AEAD suites),
// marks its cookies Secure, names the session cookie __Host- and sends
// Strict-Transport-Security. Checked with real tools: openssl makes a self-signed
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
  // Under TLS the session cookie carries the __Host- prefix, and the server reads it back.
  EXPECT_NE(sign_in.find("Set-Cookie: __Host-kelisim_session="), std::string::npos) << sign_in;
  const auto jar = (dir / "jar").string();
  run("curl -sk --max-time 10 -c " + jar +
      " -H 'Content-Type: application/json' -d "
      "'{\"email\":\"citizen@demo.kelisim.kz\",\"password\":\"" +
      std::string(kDemoPassword) + "\"}' " + base + "/api/v1/auth/sign-in");
  const auto me = run("curl -sk -i --max-time 10 -b " + jar + " " + base + "/api/v1/me");
  EXPECT_NE(me.find("HTTP/1.1 200"), std::string::npos) << me;

  // Plain HTTP to the TLS port gets no HTTP answer, and the server carries on.
  const auto plain =
      run("curl -s -i --max-time 5 http://127.0.0.1:" + std::to_string(server.port()) + "/healthz");
  EXPECT_EQ(plain.find("HTTP/1.1 200"), std::string::npos) << plain;
  EXPECT_NE(run("curl -sk --max-time 10 " + base + "/healthz").find("ok"), std::string::npos);

  // TLS 1.2+ with ECDHE and AEAD suites only. The client is told to offer old protocols and
  // ciphers (SECLEVEL=0), so a refusal is the server's.
  const std::string connect =
      "echo | timeout 10 openssl s_client -connect 127.0.0.1:" + std::to_string(server.port()) +
      " -servername localhost ";
  auto handshake = [&](const std::string &flags) { return run(connect + flags + " 2>&1"); };
  auto agreed = [](const std::string &out) {
    return out.find("Cipher is (NONE)") == std::string::npos &&
           out.find("Cipher is ") != std::string::npos;
  };
  const auto tls11 = handshake("-tls1_1 -cipher 'DEFAULT:@SECLEVEL=0'");
  EXPECT_FALSE(agreed(tls11)) << tls11;
  EXPECT_NE(tls11.find("alert protocol version"), std::string::npos) << "the server's refusal";
  const auto tls10 = handshake("-tls1 -cipher 'DEFAULT:@SECLEVEL=0'");
  EXPECT_FALSE(agreed(tls10)) << tls10;
  const auto cbc = handshake("-tls1_2 -cipher 'ECDHE-RSA-AES128-SHA:AES128-SHA:@SECLEVEL=0'");
  EXPECT_FALSE(agreed(cbc)) << cbc;
  EXPECT_NE(cbc.find("alert handshake failure"), std::string::npos) << "the server's refusal";
  const auto static_rsa = handshake("-tls1_2 -cipher 'AES128-GCM-SHA256:@SECLEVEL=0'");
  EXPECT_FALSE(agreed(static_rsa)) << "no forward secrecy: " << static_rsa;
  const auto gcm = handshake("-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256");
  EXPECT_TRUE(agreed(gcm)) << gcm;
  EXPECT_NE(gcm.find("ECDHE-RSA-AES128-GCM-SHA256"), std::string::npos) << gcm;
  const auto chacha = handshake("-tls1_2 -cipher ECDHE-RSA-CHACHA20-POLY1305");
  EXPECT_TRUE(agreed(chacha)) << chacha;
  const auto tls13 = handshake("-tls1_3");
  EXPECT_TRUE(agreed(tls13)) << tls13;
  // Server preference: offered a weaker-ranked AEAD suite first, the server picks its own.
  const auto order =
      handshake("-tls1_2 -cipher 'ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256'");
  EXPECT_NE(order.find("ECDHE-RSA-AES128-GCM-SHA256"), std::string::npos) << order;
  EXPECT_NE(run("curl -sk --max-time 10 " + base + "/healthz").find("ok"), std::string::npos);

  EXPECT_EQ(server.stop().code, 0);
  std::filesystem::remove_all(dir);
}

} // namespace kelisim::itest
