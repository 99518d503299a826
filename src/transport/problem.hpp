// The one table from ErrorCode to what a client sees: HTTP status, a stable problem `type`
// (RFC 9457) and localised title/detail/field messages. Used by every HTTP handler and by
// the WebSocket error event; what is logged (Error::log) never reaches the client.
#pragma once

#include "core/error.hpp"
#include "i18n/translator.hpp"
#include "transport/http/http_types.hpp"

#include <boost/json/object.hpp>

#include <string_view>

namespace kelisim::transport {

int httpStatus(core::ErrorCode code);
std::string_view problemSlug(core::ErrorCode code); // "invalid-json", …

// {"type","title","status","detail","errors":[{"field","code","detail"}]}
boost::json::object problemJson(const core::Error &error, core::Language language,
                                const i18n::Translator &texts);
HttpResponse problemResponse(const core::Error &error, core::Language language,
                             const i18n::Translator &texts);

} // namespace kelisim::transport
