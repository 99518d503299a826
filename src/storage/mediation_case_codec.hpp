// How a mediation case (core/mediation/model.hpp) is kept in mediation_cases.body, the same on
// both backends: one JSON object, {"v": 1, …} with every field of the Case under its own
// name, times as UTC milliseconds, enums as their stable words, optional fields left out
// when empty. decode(encode(c)) == c for every case. A text that is not such an object (too
// large, malformed, another version, a field missing or of the wrong type) decodes to an
// internal error naming the field: never a crash, no exception escapes.
#pragma once

#include "core/error.hpp"
#include "core/mediation/model.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace kelisim::storage {

inline constexpr std::size_t kMaxCaseText = 4 << 20; // far above any real case

std::string encodeCase(const core::mediation::Case &c);
core::Result<core::mediation::Case> decodeCase(std::string_view text);

} // namespace kelisim::storage
