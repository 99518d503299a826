// The clock the core and services read time from. Injected through constructors; tests use
// a fake that they move by hand. Implementations are thread-safe.
#pragma once

#include "core/time.hpp"

namespace kelisim::core {

class Clock {
public:
  virtual ~Clock() = default;
  virtual Time now() const = 0;
};

class SystemClock final : public Clock {
public:
  Time now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
  }
};

class FakeClock final : public Clock {
public:
  explicit FakeClock(Time start) : now_(start) {}
  Time now() const override { return now_; }
  void advance(std::chrono::milliseconds d) { now_ += d; }

private:
  Time now_;
};

} // namespace kelisim::core
