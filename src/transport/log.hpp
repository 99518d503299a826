// Structured logs: one JSON object per line on stderr, {"ts","level","event",…fields}.
// Callers pass only what may be logged: never a password, token, cookie or message body.
#pragma once

#include <boost/json/object.hpp>
#include <spdlog/common.h>

#include <string>
#include <string_view>

namespace kelisim::transport {

// Sets up the process-wide loggers (spdlog's default logger included, so that messages
// from the storage layer come out as JSON too). Call once, early in main.
void setUpLogging(const std::string &level);
void logEvent(spdlog::level::level_enum level, std::string_view event,
              boost::json::object fields = {});

} // namespace kelisim::transport
