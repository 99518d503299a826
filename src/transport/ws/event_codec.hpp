// The text form of a reception event, for relaying between instances (PostgreSQL NOTIFY
// payloads): a small JSON object of ids. decodeEvent takes untrusted text (fuzzed:
// tests/fuzz/event_codec_fuzz.cpp).
#pragma once

#include "app/reception/events.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kelisim::transport {

std::string encodeEvent(const app::reception::Event &event);
// nullopt unless `text` is an object with a known "t"; missing ids are empty.
std::optional<app::reception::Event> decodeEvent(std::string_view text);

} // namespace kelisim::transport
