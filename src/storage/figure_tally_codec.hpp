// How a reception-day's FigureTally is kept in figure_days.tally, the same on both backends:
// a version line, then one line per count. Keys (categories, regions…) are the rest of their
// line, with '%', CR and LF written as %25, %0D, %0A. A text that does not read back whole
// decodes to nullopt, and the day is then counted again from its tickets.
#pragma once

#include "core/reception/figures.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kelisim::storage {

std::string encodeTally(const core::reception::FigureTally &tally);
std::optional<core::reception::FigureTally> decodeTally(std::string_view text);

} // namespace kelisim::storage
