#include "core/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

namespace kelisim::core {

RateLimiter::RateLimiter(double per_minute, double burst, std::size_t max_keys)
    : per_ms_(per_minute / 60000.0), burst_(burst), max_keys_(max_keys) {}

double RateLimiter::refill(const Bucket &b, Time now) const {
  const auto elapsed = static_cast<double>(std::max<long long>(0, (now - b.updated).count()));
  return std::min(burst_, b.tokens + elapsed * per_ms_);
}

bool RateLimiter::allow(const std::string &key, Time now) {
  auto it = buckets_.find(key);
  if (it == buckets_.end()) {
    if (buckets_.size() >= max_keys_) {
      // Forget buckets that are full again: they carry no information.
      std::erase_if(buckets_, [&](const auto &kv) { return refill(kv.second, now) >= burst_; });
      if (buckets_.size() >= max_keys_) buckets_.clear();
    }
    it = buckets_.emplace(key, Bucket{burst_, now}).first;
  }
  Bucket &b = it->second;
  b.tokens = refill(b, now);
  b.updated = now;
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

int RateLimiter::retryAfterSeconds(const std::string &key, Time now) const {
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return 0;
  const double tokens = refill(it->second, now);
  if (tokens >= 1.0) return 0;
  return static_cast<int>(std::ceil((1.0 - tokens) / per_ms_ / 1000.0));
}

} // namespace kelisim::core
