// The `place` message every waiting citizen of a reception gets when their place moves:
// {"type":"place","ticket_id":…,"place":N,"estimated_wait_seconds":N|null}. A fan-out builds
// thousands of them at once, so this writes the text directly (one allocation) instead of
// building a JSON object; the text is byte for byte what boost::json::serialize gives for that
// object. Pure; any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kelisim::transport {

std::string placeMessage(std::string_view ticket_id, std::size_t place,
                         std::optional<std::chrono::seconds> estimated_wait);

} // namespace kelisim::transport
