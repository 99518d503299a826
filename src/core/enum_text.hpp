// The text forms of an enum, in one array in the enum's order: the word for a value, and
// the value for a word. Used by the records' toString/parse* functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace kelisim::core {

template <typename E, std::size_t N>
std::optional<E> parseIn(const std::string_view (&names)[N], std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

} // namespace kelisim::core
