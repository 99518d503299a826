#include "storage/list_codec.hpp"

namespace kelisim::storage {

std::string encodeWords(const std::vector<std::string> &words) {
  std::string out;
  for (const auto &w : words) {
    if (!out.empty()) out += ',';
    out += w;
  }
  return out;
}

std::vector<std::string> decodeWords(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    if (comma != 0) out.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string encodeKinds(const std::vector<core::SpecialistKind> &kinds) {
  std::vector<std::string> words;
  for (auto k : kinds) words.emplace_back(core::toString(k));
  return encodeWords(words);
}

std::vector<core::SpecialistKind> decodeKinds(std::string_view text) {
  std::vector<core::SpecialistKind> out;
  for (const auto &w : decodeWords(text))
    if (auto k = core::parseSpecialistKind(w)) out.push_back(*k);
  return out;
}

std::string encodeLanguages(const std::vector<core::Language> &languages) {
  std::vector<std::string> words;
  for (auto l : languages) words.emplace_back(core::toString(l));
  return encodeWords(words);
}

std::vector<core::Language> decodeLanguages(std::string_view text) {
  std::vector<core::Language> out;
  for (const auto &w : decodeWords(text))
    if (auto l = core::parseLanguage(w)) out.push_back(*l);
  return out;
}

} // namespace kelisim::storage
