#include "transport/ws/place_fanout.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace kelisim::transport {

namespace {
// Ticket ids are random hex (QueueService::submit), but one read back from the store or
// relayed by another instance is only a string: anything that JSON might need to escape takes
// the general path.
bool needsNoEscaping(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
           c == '_';
  });
}
} // namespace

std::string placeMessage(std::string_view ticket_id, std::size_t place,
                         std::optional<std::chrono::seconds> estimated_wait) {
  // The same integer types the JSON object held, so the digits are the same.
  const auto place_number = static_cast<std::int64_t>(place);
  if (!needsNoEscaping(ticket_id)) {
    boost::json::object event{{"type", "place"}, {"ticket_id", ticket_id}, {"place", place_number}};
    event["estimated_wait_seconds"] =
        estimated_wait ? boost::json::value(static_cast<std::int64_t>(estimated_wait->count()))
                       : nullptr;
    return boost::json::serialize(event);
  }
  std::string text;
  text.reserve(96 + ticket_id.size());
  fmt::format_to(std::back_inserter(text),
                 R"({{"type":"place","ticket_id":"{}","place":{},"estimated_wait_seconds":)",
                 ticket_id, place_number);
  if (estimated_wait)
    fmt::format_to(std::back_inserter(text), "{}}}",
                   static_cast<std::int64_t>(estimated_wait->count()));
  else
    text += "null}";
  return text;
}

} // namespace kelisim::transport
