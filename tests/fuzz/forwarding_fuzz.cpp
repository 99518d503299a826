// libFuzzer target: what a visitor or a proxy writes that the edge believes or refuses —
// the trusted_proxies list (TrustedProxies::parse), X-Forwarded-For / -Proto (clientAddress,
// apply), the address key of the caps and rate limits (addressKey) and Origin / public_url
// (normaliseOrigin, PublicOrigin). Input: "<proxies>\n<peer>\n<forwarded-for>\n<origin>".
#include "transport/http/client_address.hpp"
#include "transport/http/origin.hpp"

#include <boost/asio/ip/address.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace kelisim;

namespace {
void check(bool condition) {
  if (!condition) std::abort();
}

bool isAddress(const std::string &text) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(text, ec);
  return !ec;
}

std::string_view nextLine(std::string_view &input) {
  const auto nl = input.find('\n');
  const auto line = input.substr(0, nl);
  input = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
  return line;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char *>(data), size);
  const auto list = nextLine(input);
  const auto peer = nextLine(input);
  const auto forwarded = nextLine(input);
  const auto origin = nextLine(input);

  auto proxies = transport::TrustedProxies::parse(list);
  if (proxies) {
    const auto client = proxies->clientAddress(peer, forwarded);
    // The peer itself, or an address read from the header: never made-up text.
    check(client == peer || isAddress(client));
    if (!proxies->trusts(peer)) check(client == peer);

    transport::HttpRequest request;
    request.remote_ip = std::string(peer);
    request.headers["x-forwarded-for"] = std::string(forwarded);
    request.headers["x-forwarded-proto"] = std::string(origin);
    proxies->apply(request);
    if (!proxies->trusts(peer)) check(request.remote_ip == peer && !request.tls);
  }
  const auto key = transport::addressKey(peer);
  check(key.empty() == peer.empty());

  if (auto normal = transport::normaliseOrigin(origin)) {
    check(normal->starts_with("http://") || normal->starts_with("https://"));
    check(transport::normaliseOrigin(*normal) == normal);
    check(normal->find('/', normal->find("://") + 3) == std::string::npos);
  }
  if (auto ours = transport::PublicOrigin::parse(origin)) {
    check(ours->allows(ours->text()));
    check(ours->allows(""));
    check(!ours->allows("null"));
  }
  return 0;
}
