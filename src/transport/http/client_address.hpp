// Who the client is when the server sits behind a TLS reverse proxy. `TrustedProxies` is the
// `trusted_proxies` setting (addresses and CIDR blocks); only a request whose TCP peer is in it
// may name its client (X-Forwarded-For, the rightmost hop that is not itself trusted) and its
// scheme (X-Forwarded-Proto). Everyone else's forwarding headers are ignored. Pure values, no
// I/O; safe to share between threads once built.
#pragma once

#include "core/error.hpp"
#include "transport/http/http_types.hpp"

#include <boost/asio/ip/address.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace kelisim::transport {

// The key a client's connections are counted under: its IPv4 address, or its IPv6 /64 (one
// subscriber's network: a phone may change addresses inside it at will). Text that is not an
// address is its own key.
std::string addressKey(std::string_view address);

class TrustedProxies {
public:
  TrustedProxies() = default; // trusts nobody
  // "10.0.0.0/8, 127.0.0.1, ::1, fd00::/8" (commas or spaces); an error names a bad entry.
  static core::Result<TrustedProxies> parse(std::string_view list);

  bool empty() const { return blocks_.empty(); }
  bool trusts(std::string_view address) const;
  bool trusts(const boost::asio::ip::address &address) const;

  // The client behind `peer`: `peer` itself unless it is trusted; then the rightmost entry of
  // `forwarded_for` (X-Forwarded-For, comma-separated, every such header joined) that is not
  // trusted, or its leftmost entry when all are. A malformed entry stops the walk at the
  // last address read, so made-up text never becomes an address.
  std::string clientAddress(std::string_view peer, std::string_view forwarded_for) const;

  // Applies the forwarding headers of a request from a trusted peer: `remote_ip` becomes the
  // client's address, and `tls` turns on when the proxy says the client used https.
  void apply(HttpRequest &request) const;

private:
  struct Block {
    boost::asio::ip::address network; // IPv4-mapped IPv6 is kept as IPv4
    unsigned prefix = 0;
  };
  std::vector<Block> blocks_;
};

} // namespace kelisim::transport
