// Counters for /metrics in the Prometheus text format (written by hand: prometheus-cpp is
// not packaged). Requests by method, route and status, a latency histogram, open WebSockets.
// Every label comes from a bounded set, so no request can add series: the method is one of
// the standard ones or "other", the route a pattern of the router ("none", "static").
// Thread-safe; cheap enough to call on every request.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace kelisim::transport {

class Mailer;

class Metrics {
public:
  void request(const std::string &method, const std::string &route, int status, double seconds);
  void webSocketOpened() { ++websockets_; }
  void webSocketClosed() { --websockets_; }
  // The mail worker whose counts /metrics shows (none: no mail lines).
  void setMailer(const Mailer *mailer) { mailer_ = mailer; }
  std::string render() const;
  // The method as it is counted: a standard method, else "other".
  static std::string_view methodLabel(std::string_view method);

private:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::array<std::uint64_t, kBuckets.size() + 1> histogram_{};
  double latency_sum_ = 0;
  std::uint64_t latency_count_ = 0;
  std::atomic<long> websockets_{0};
  const Mailer *mailer_ = nullptr;
};

} // namespace kelisim::transport
