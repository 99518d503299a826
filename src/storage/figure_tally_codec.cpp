#include "storage/figure_tally_codec.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

namespace kelisim::storage {

namespace {
using core::reception::FigureTally;

constexpr std::string_view kVersion = "figures 1";

// The maps of keyed counts and the letter of each one's lines.
constexpr std::pair<char, std::map<std::string, int> FigureTally::*> kKeyed[] = {
    {'c', &FigureTally::by_category}, {'k', &FigureTally::by_kind},
    {'r', &FigureTally::by_region},   {'h', &FigureTally::by_channel},
    {'o', &FigureTally::by_outcome},  {'l', &FigureTally::by_call},
};

void appendKey(std::string &out, std::string_view key) {
  for (char c : key) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
}

std::optional<std::string> readKey(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const std::string_view code = text.substr(i + 1, 2);
    if (code == "25")
      out += '%';
    else if (code == "0D")
      out += '\r';
    else if (code == "0A")
      out += '\n';
    else
      return std::nullopt;
    i += 2;
  }
  return out;
}

// Reads an integer at the front of `text` and drops it; false when there is none.
bool readInt(std::string_view &text, int &value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc()) return false;
  text.remove_prefix(static_cast<std::size_t>(end - text.data()));
  return true;
}

bool skip(std::string_view &text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

void appendPairs(std::string &out, char letter, const std::map<int, int> &counts) {
  if (counts.empty()) return;
  out += letter;
  char separator = ' ';
  for (const auto &[value, n] : counts) {
    out += separator;
    out += std::to_string(value);
    out += ':';
    out += std::to_string(n);
    separator = ',';
  }
  out += '\n';
}

bool readPairs(std::string_view text, std::map<int, int> &counts) {
  while (!text.empty()) {
    int value = 0, n = 0;
    if (!readInt(text, value) || !skip(text, ':') || !readInt(text, n)) return false;
    counts[value] += n;
    if (!text.empty() && (!skip(text, ',') || text.empty())) return false;
  }
  return true;
}
} // namespace

std::string encodeTally(const FigureTally &tally) {
  std::string out(kVersion);
  out += "\ns " + std::to_string(tally.served) + ' ' + std::to_string(tally.no_show) + ' ' +
         std::to_string(tally.abandoned) + '\n';
  for (const auto &[letter, member] : kKeyed)
    for (const auto &[key, n] : tally.*member) {
      out += letter;
      out += ' ';
      out += std::to_string(n);
      out += ' ';
      appendKey(out, key);
      out += '\n';
    }
  appendPairs(out, 'w', tally.waits);
  appendPairs(out, 'g', tally.ratings);
  appendPairs(out, 'm', tally.call_minutes);
  return out;
}

std::optional<FigureTally> decodeTally(std::string_view text) {
  FigureTally tally;
  bool first = true, counted = false;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (first) {
      if (line != kVersion) return std::nullopt;
      first = false;
      continue;
    }
    if (line.size() < 2 || line[1] != ' ') return std::nullopt;
    const char letter = line[0];
    line.remove_prefix(2);
    if (letter == 's') {
      if (!readInt(line, tally.served) || !skip(line, ' ') || !readInt(line, tally.no_show) ||
          !skip(line, ' ') || !readInt(line, tally.abandoned) || !line.empty())
        return std::nullopt;
      counted = true;
    } else if (letter == 'w' || letter == 'g' || letter == 'm') {
      auto &pairs = letter == 'w'   ? tally.waits
                    : letter == 'g' ? tally.ratings
                                    : tally.call_minutes;
      if (!readPairs(line, pairs)) return std::nullopt;
    } else {
      auto keyed = std::find_if(std::begin(kKeyed), std::end(kKeyed),
                                [&](const auto &k) { return k.first == letter; });
      int n = 0;
      if (keyed == std::end(kKeyed) || !readInt(line, n) || !skip(line, ' ')) return std::nullopt;
      auto key = readKey(line);
      if (!key) return std::nullopt;
      (tally.*(keyed->second))[*key] += n;
    }
  }
  if (!counted) return std::nullopt;
  return tally;
}

} // namespace kelisim::storage
