#include "transport/http/client_address.hpp"

#include <gtest/gtest.h>

namespace kelisim::transport {

namespace {
TrustedProxies proxies(std::string_view list) {
  auto p = TrustedProxies::parse(list);
  EXPECT_TRUE(p) << list;
  return p ? *p : TrustedProxies{};
}
} // namespace

TEST(TrustedProxies, ParsesAddressesAndBlocksAndRefusesNonsense) {
  auto p = proxies("10.0.0.0/8, 127.0.0.1 ::1 fd00::/8");
  EXPECT_TRUE(p.trusts("10.1.2.3"));
  EXPECT_TRUE(p.trusts("127.0.0.1"));
  EXPECT_FALSE(p.trusts("127.0.0.2"));
  EXPECT_TRUE(p.trusts("::1"));
  EXPECT_TRUE(p.trusts("fd12::5"));
  EXPECT_TRUE(p.trusts("::ffff:10.9.9.9")) << "a v4-mapped peer is its v4 address";
  EXPECT_FALSE(p.trusts("11.0.0.1"));
  EXPECT_FALSE(p.trusts("fe80::1"));
  EXPECT_FALSE(p.trusts("not an address"));
  EXPECT_TRUE(proxies("").empty());
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/33"));
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/"));
  EXPECT_FALSE(TrustedProxies::parse("example.com"));
  EXPECT_FALSE(TrustedProxies::parse("10.0.0.0/8x"));
  EXPECT_TRUE(proxies("0.0.0.0/0").trusts("203.0.113.9"));
}

TEST(TrustedProxies, TheClientIsTheRightmostUntrustedHop) {
  auto p = proxies("127.0.0.1, 10.0.0.0/8");
  // An untrusted peer's header is ignored.
  EXPECT_EQ(p.clientAddress("198.51.100.1", "1.2.3.4"), "198.51.100.1");
  EXPECT_EQ(p.clientAddress("127.0.0.1", "198.51.100.7"), "198.51.100.7");
  EXPECT_EQ(p.clientAddress("127.0.0.1", "198.51.100.7, 10.0.0.3"), "198.51.100.7");
  // What the client wrote itself sits to the left and is not believed.
  EXPECT_EQ(p.clientAddress("127.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.3"), "198.51.100.7");
  // All hops trusted: the leftmost.
  EXPECT_EQ(p.clientAddress("127.0.0.1", "10.0.0.9,10.0.0.3"), "10.0.0.9");
  // No header, or made-up text: the last address read.
  EXPECT_EQ(p.clientAddress("127.0.0.1", ""), "127.0.0.1");
  EXPECT_EQ(p.clientAddress("127.0.0.1", "  "), "127.0.0.1");
  EXPECT_EQ(p.clientAddress("127.0.0.1", "<script>, 10.0.0.3"), "10.0.0.3");
  EXPECT_EQ(p.clientAddress("127.0.0.1", "198.51.100.7, unknown"), "127.0.0.1");
  EXPECT_EQ(p.clientAddress("127.0.0.1", "[2001:db8::1]"), "2001:db8::1");
  EXPECT_EQ(p.clientAddress("127.0.0.1", ",,,"), "127.0.0.1");
}

TEST(AddressKey, IsTheIpv4AddressOrTheIpv6Slash64) {
  EXPECT_EQ(addressKey("203.0.113.5"), "203.0.113.5");
  EXPECT_EQ(addressKey("::ffff:203.0.113.5"), "203.0.113.5");
  EXPECT_EQ(addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(addressKey("2001:db8:1:2::1"), addressKey("2001:db8:1:2:ffff::9"));
  EXPECT_NE(addressKey("2001:db8:1:2::1"), addressKey("2001:db8:1:3::1"));
  EXPECT_EQ(addressKey(""), "");
}

TEST(TrustedProxies, ApplyTakesAddressAndSchemeOnlyFromTrustedPeers) {
  auto p = proxies("127.0.0.1");
  HttpRequest via;
  via.remote_ip = "127.0.0.1";
  via.headers["x-forwarded-for"] = "203.0.113.5";
  via.headers["x-forwarded-proto"] = "https";
  p.apply(via);
  EXPECT_EQ(via.remote_ip, "203.0.113.5");
  EXPECT_TRUE(via.tls);

  HttpRequest direct = via;
  direct.remote_ip = "192.0.2.1";
  direct.tls = false;
  p.apply(direct);
  EXPECT_EQ(direct.remote_ip, "192.0.2.1");
  EXPECT_FALSE(direct.tls);

  HttpRequest plain;
  plain.remote_ip = "127.0.0.1";
  plain.headers["x-forwarded-proto"] = "https, http"; // the nearest proxy spoke http
  p.apply(plain);
  EXPECT_FALSE(plain.tls);
  EXPECT_EQ(plain.remote_ip, "127.0.0.1");
}

} // namespace kelisim::transport
