#include "transport/http/client_address.hpp"

#include <algorithm>
#include <array>
#include <charconv>

namespace kelisim::transport {

namespace {
namespace ip = boost::asio::ip;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// A v4-mapped v6 address ("::ffff:10.0.0.1", what a dual-stack socket reports) is its v4.
ip::address plain(const ip::address &a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
  return a;
}

std::optional<ip::address> parseAddress(std::string_view text) {
  text = trim(text);
  // "[2001:db8::1]" as some proxies write IPv6 (no port: X-Forwarded-For has none).
  if (text.size() > 2 && text.front() == '[' && text.back() == ']')
    text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 45) return std::nullopt;
  boost::system::error_code ec;
  auto a = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  return plain(a);
}

template <std::size_t N>
bool samePrefix(const std::array<unsigned char, N> &a, const std::array<unsigned char, N> &b,
                unsigned prefix) {
  for (std::size_t i = 0; i < N && prefix > 0; ++i) {
    const unsigned bits = prefix >= 8 ? 8 : prefix;
    const auto mask = static_cast<unsigned char>(0xff << (8 - bits));
    if ((a[i] & mask) != (b[i] & mask)) return false;
    prefix -= bits;
  }
  return true;
}
} // namespace

std::string addressKey(std::string_view address) {
  auto a = parseAddress(address);
  if (!a) return std::string(address);
  if (a->is_v4()) return a->to_string();
  auto bytes = a->to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);
  return ip::address_v6(bytes).to_string() + "/64";
}

core::Result<TrustedProxies> TrustedProxies::parse(std::string_view list) {
  TrustedProxies out;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto end = list.find_first_of(", \t", start);
    if (end == std::string_view::npos) end = list.size();
    const auto entry = list.substr(start, end - start);
    start = end + 1;
    if (entry.empty()) continue;
    const auto slash = entry.find('/');
    auto address = parseAddress(entry.substr(0, slash));
    if (!address)
      return core::Error::make(core::ErrorCode::validation_failed,
                               "not an address: " + std::string(entry));
    const unsigned width = address->is_v4() ? 32 : 128;
    unsigned prefix = width;
    if (slash != std::string_view::npos) {
      const auto digits = entry.substr(slash + 1);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
      if (ec != std::errc() || p != digits.data() + digits.size() || digits.empty() ||
          prefix > width)
        return core::Error::make(core::ErrorCode::validation_failed,
                                 "bad prefix length: " + std::string(entry));
    }
    out.blocks_.push_back({*address, prefix});
  }
  return out;
}

bool TrustedProxies::trusts(const ip::address &raw) const {
  const auto a = plain(raw);
  for (const auto &b : blocks_) {
    if (a.is_v4() != b.network.is_v4()) continue;
    if (a.is_v4() ? samePrefix(a.to_v4().to_bytes(), b.network.to_v4().to_bytes(), b.prefix)
                  : samePrefix(a.to_v6().to_bytes(), b.network.to_v6().to_bytes(), b.prefix))
      return true;
  }
  return false;
}

bool TrustedProxies::trusts(std::string_view address) const {
  if (blocks_.empty()) return false;
  auto a = parseAddress(address);
  return a && trusts(*a);
}

std::string TrustedProxies::clientAddress(std::string_view peer,
                                          std::string_view forwarded_for) const {
  auto current = parseAddress(peer);
  if (!current || !trusts(*current)) return std::string(peer);
  // Walk from the right: each hop was added by the one after it, the last by our peer.
  std::size_t end = forwarded_for.size();
  for (int hops = 0; hops < 64; ++hops) {
    if (trim(forwarded_for.substr(0, end)).empty()) break;
    const auto comma = forwarded_for.rfind(',', end == 0 ? 0 : end - 1);
    const auto from = comma == std::string_view::npos ? 0 : comma + 1;
    auto hop = parseAddress(forwarded_for.substr(from, end - from));
    if (!hop) break;
    current = hop;
    if (!trusts(*current)) break;
    if (comma == std::string_view::npos) break;
    end = comma;
  }
  return current->to_string();
}

void TrustedProxies::apply(HttpRequest &request) const {
  if (!trusts(request.remote_ip)) return;
  request.remote_ip = clientAddress(request.remote_ip, request.header("x-forwarded-for"));
  // The proxy nearest us writes the last value.
  auto proto = trim(request.header("x-forwarded-proto"));
  if (const auto comma = proto.rfind(','); comma != std::string_view::npos)
    proto = trim(proto.substr(comma + 1));
  if (proto == "https") request.tls = true;
}

} // namespace kelisim::transport
