#include "core/model.hpp"

#include "core/enum_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace kelisim::core {

namespace {
constexpr std::string_view kRoles[] = {"citizen", "specialist", "coordinator", "admin"};
constexpr std::string_view kKinds[] = {"mediator", "psychologist",   "lawyer", "judge",
                                       "doctor",   "anticorruption", "other"};
constexpr std::string_view kLanguages[] = {"kk", "ru", "en"};

} // namespace

std::string_view toString(Role r) {
  return kRoles[static_cast<int>(r)];
}
std::string_view toString(SpecialistKind k) {
  return kKinds[static_cast<int>(k)];
}
std::string_view toString(Language l) {
  return kLanguages[static_cast<int>(l)];
}
std::optional<Role> parseRole(std::string_view s) {
  return parseIn<Role>(kRoles, s);
}
std::optional<SpecialistKind> parseSpecialistKind(std::string_view s) {
  return parseIn<SpecialistKind>(kKinds, s);
}
std::optional<Language> parseLanguage(std::string_view s) {
  return parseIn<Language>(kLanguages, s);
}

Language negotiateLanguage(std::string_view header, Language fallback) {
  std::optional<Language> best;
  double best_q = 0.0;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view tag = item.substr(0, semi);
    double q = 1.0;
    if (semi != std::string_view::npos) {
      auto qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) {
        std::string_view qs = item.substr(qpos + 2);
        while (!qs.empty() && qs.back() == ' ') qs.remove_suffix(1);
        // from_chars for double: accept "0", "0.8", "1", "1.0".
        q = 0.0;
        double scale = 1.0;
        bool frac = false, any = false;
        for (char c : qs) {
          if (c == '.' && !frac) {
            frac = true;
          } else if (c >= '0' && c <= '9') {
            any = true;
            if (frac) {
              scale /= 10;
              q += (c - '0') * scale;
            } else {
              q = q * 10 + (c - '0');
            }
          } else {
            any = false;
            break;
          }
        }
        if (!any) q = 0.0;
      }
    }
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    std::string primary;
    for (char c : tag.substr(0, tag.find('-')))
      primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (auto l = parseLanguage(primary); l && q > best_q) {
      best = l;
      best_q = q;
    }
  }
  return best.value_or(fallback);
}

std::string guestEmail(const std::string &user_id) {
  return "guest-" + user_id + "@guest.invalid";
}

bool isGuest(const User &user) {
  return user.role == Role::citizen && user.email.ends_with("@guest.invalid");
}

} // namespace kelisim::core
