// How the stores keep short lists (kinds, languages, categories) in one text column:
// comma-separated words. Shared by both backends so they agree to the byte.
#pragma once

#include "core/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kelisim::storage {

std::string encodeWords(const std::vector<std::string> &words);
std::vector<std::string> decodeWords(std::string_view text);
std::string encodeKinds(const std::vector<core::SpecialistKind> &kinds);
std::vector<core::SpecialistKind> decodeKinds(std::string_view text);
std::string encodeLanguages(const std::vector<core::Language> &languages);
std::vector<core::Language> decodeLanguages(std::string_view text);

} // namespace kelisim::storage
