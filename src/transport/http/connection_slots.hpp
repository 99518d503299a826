// Counts what is open per key (connections per client address, WebSockets per session) and
// refuses one more past a cap. A connection takes its slot when it is admitted and gives it
// back when it ends; keys with nothing open are forgotten, so the table holds only the
// clients connected now. Thread-safe (one mutex: admissions are rare next to requests).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kelisim::transport {

class ConnectionSlots {
public:
  // One more for `key` unless it already holds `cap`; false: refused, nothing taken.
  bool tryTake(const std::string &key, int cap);
  void give(const std::string &key); // gives back one slot taken by tryTake
  int held(const std::string &key) const;
  std::size_t keys() const;

private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, int> held_;
};

} // namespace kelisim::transport
