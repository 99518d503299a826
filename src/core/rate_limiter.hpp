// A token bucket per key (an address, an account): `burst` requests at once, refilled at
// `per_minute`. Pure: the caller passes the time in. Not thread-safe; the transport keeps one
// per purpose behind a mutex. Old keys are forgotten so memory stays bounded.
#pragma once

#include "core/time.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>

namespace kelisim::core {

class RateLimiter {
public:
  RateLimiter(double per_minute, double burst, std::size_t max_keys = 100000);

  // True if a request from `key` at `now` may go ahead (and takes a token).
  bool allow(const std::string &key, Time now);
  // Seconds until `key` has a token again (0 if it has one now).
  int retryAfterSeconds(const std::string &key, Time now) const;

private:
  struct Bucket {
    double tokens;
    Time updated;
  };
  double refill(const Bucket &b, Time now) const;

  double per_ms_;
  double burst_;
  std::size_t max_keys_;
  std::unordered_map<std::string, Bucket> buckets_;
};

} // namespace kelisim::core
