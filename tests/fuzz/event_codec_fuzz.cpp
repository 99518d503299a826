// libFuzzer target: the events one instance relays to the others (transport::decodeEvent
// reads a PostgreSQL NOTIFY payload). Checks that nothing crashes and that whatever is
// accepted survives encode → decode unchanged.
#include "transport/ws/event_codec.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace kelisim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  const auto event = transport::decodeEvent(text);
  if (!event) return 0;
  const auto again = transport::decodeEvent(transport::encodeEvent(*event));
  if (!again || again->type != event->type || again->id != event->id || again->seq != event->seq ||
      again->ticket_id != event->ticket_id || again->user_id != event->user_id)
    std::abort();
  return 0;
}
