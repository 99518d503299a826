#include "transport/http/http_types.hpp"

#include "core/validation.hpp"

namespace kelisim::transport {

namespace {
int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> percentDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      const int hi = hexValue(s[i + 1]), lo = hexValue(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (plus_is_space && s[i] == '+') {
      out.push_back(' ');
    } else {
      out.push_back(s[i]);
    }
  }
  if (!core::utf8Length(out)) return std::nullopt;
  return out;
}
} // namespace

std::string_view HttpRequest::header(const std::string &lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string_view{} : std::string_view{it->second};
}

std::optional<std::string> HttpRequest::cookie(std::string_view name) const {
  std::string_view all = header("cookie");
  while (!all.empty()) {
    auto semi = all.find(';');
    std::string_view pair = all.substr(0, semi);
    all = semi == std::string_view::npos ? std::string_view{} : all.substr(semi + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    auto eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, std::map<std::string, std::string>>>
splitTarget(std::string_view target) {
  if (target.empty() || target.front() != '/') return std::nullopt;
  auto q = target.find('?');
  auto path = percentDecode(target.substr(0, q), false);
  if (!path) return std::nullopt;
  std::map<std::string, std::string> query;
  if (q != std::string_view::npos) {
    std::string_view rest = target.substr(q + 1);
    while (!rest.empty()) {
      auto amp = rest.find('&');
      std::string_view item = rest.substr(0, amp);
      rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
      if (item.empty()) continue;
      auto eq = item.find('=');
      auto key = percentDecode(item.substr(0, eq), true);
      auto value = eq == std::string_view::npos ? std::optional<std::string>("")
                                                : percentDecode(item.substr(eq + 1), true);
      if (!key || !value) return std::nullopt;
      query.emplace(std::move(*key), std::move(*value));
    }
  }
  return std::pair{std::move(*path), std::move(query)};
}

} // namespace kelisim::transport
