#include "storage/list_codec.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

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

std::string encodeChannels(const std::vector<core::reception::Channel> &channels) {
  std::vector<std::string> words;
  for (auto c : channels) words.emplace_back(core::reception::toString(c));
  return encodeWords(words);
}

std::vector<core::reception::Channel> decodeChannels(std::string_view text) {
  std::vector<core::reception::Channel> out;
  for (const auto &w : decodeWords(text))
    if (auto c = core::reception::parseChannel(w)) out.push_back(*c);
  return out;
}

std::string encodeHours(const std::vector<core::reception::WeeklyHours> &hours) {
  std::vector<std::string> words;
  for (const auto &h : hours)
    words.push_back(std::to_string(h.weekday) + ':' + std::to_string(h.from_minute) + '-' +
                    std::to_string(h.to_minute));
  return encodeWords(words);
}

namespace {
// The whole of `text` as a number, or nothing.
std::optional<int> wholeNumber(std::string_view text) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}
} // namespace

std::vector<core::reception::WeeklyHours> decodeHours(std::string_view text) {
  std::vector<core::reception::WeeklyHours> out;
  for (const auto &w : decodeWords(text)) {
    std::string_view item(w);
    auto colon = item.find(':');
    auto dash = item.find('-');
    if (colon == std::string_view::npos || dash == std::string_view::npos || dash < colon) continue;
    auto day = wholeNumber(item.substr(0, colon));
    auto from = wholeNumber(item.substr(colon + 1, dash - colon - 1));
    auto to = wholeNumber(item.substr(dash + 1));
    if (day && from && to) out.push_back({*day, *from, *to});
  }
  return out;
}

namespace {
void appendEscaped(std::string &out, std::string_view text) {
  for (char c : text) {
    if (c == '\\' || c == '=') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
}
} // namespace

std::string encodeParams(const std::map<std::string, std::string> &params) {
  std::string out;
  for (const auto &[key, value] : params) {
    appendEscaped(out, key);
    out += '=';
    appendEscaped(out, value);
    out += '\n';
  }
  return out;
}

std::map<std::string, std::string> decodeParams(std::string_view text) {
  std::map<std::string, std::string> out;
  std::string key, value;
  bool in_value = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string &into = in_value ? value : key;
    if (c == '\\' && i + 1 < text.size()) {
      const char next = text[++i];
      into += next == 'n' ? '\n' : next;
    } else if (c == '=' && !in_value) {
      in_value = true;
    } else if (c == '\n') {
      if (in_value) out[key] = value;
      key.clear();
      value.clear();
      in_value = false;
    } else {
      into += c;
    }
  }
  return out;
}

void decodeCallSummary(std::string_view text, core::reception::ConsultationRecord &record) {
  const auto words = decodeWords(text);
  if (words.size() != 5) return;
  long long n[5] = {};
  for (std::size_t i = 0; i < 5; ++i) {
    auto [end, ec] = std::from_chars(words[i].data(), words[i].data() + words[i].size(), n[i]);
    if (ec != std::errc() || n[i] < 0) return;
  }
  record.call = n[0] > 0;
  record.call_seconds = static_cast<int>(std::min<long long>(n[1], 1'000'000'000));
  record.fell_back = n[2] > 0;
  record.callback = n[3] > 0;
  record.relayed = n[4] > 0;
}

} // namespace kelisim::storage
