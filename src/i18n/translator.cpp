#include "i18n/translator.hpp"

#include "core/embedded.hpp"

#include <boost/json/parse.hpp>
#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <charconv>
#include <stdexcept>
#include <vector>

namespace kelisim::i18n {

namespace {
int slot(core::Language l) {
  return static_cast<int>(l);
}
} // namespace

Translator::Translator() {
  for (const auto &file : serverTranslations()) {
    const std::string lang(file.name.substr(0, file.name.find('.')));
    auto language = core::parseLanguage(lang);
    if (!language) continue;
    auto value = boost::json::parse(file.data);
    for (const auto &[key, text] : value.as_object())
      texts_[slot(*language)].emplace(std::string(key), std::string(text.as_string()));
  }
  if (texts_[slot(core::Language::en)].empty())
    throw std::runtime_error("the English translation file is missing");
}

Translator::~Translator() = default;

bool Translator::has(core::Language language, std::string_view key) const {
  return texts_[slot(language)].contains(std::string(key));
}

const std::unordered_map<std::string, std::string> &Translator::all(core::Language l) const {
  return texts_[slot(l)];
}

std::string Translator::text(core::Language language, std::string_view key,
                             const Params &params) const {
  const auto &texts = texts_[slot(language)];
  auto it = texts.find(std::string(key));
  if (it == texts.end()) {
    if (language != core::Language::en) return text(core::Language::en, key, params);
    return std::string(key);
  }
  const char *locale = language == core::Language::kk   ? "kk_KZ"
                       : language == core::Language::ru ? "ru_RU"
                                                        : "en_US";
  std::lock_guard lock(formats_mutex_);
  auto &slot_formats = formats_[slot(language)];
  auto found = slot_formats.find(it->first);
  if (found == slot_formats.end()) {
    UErrorCode status = U_ZERO_ERROR;
    auto compiled = std::make_unique<icu::MessageFormat>(icu::UnicodeString::fromUTF8(it->second),
                                                         icu::Locale(locale), status);
    if (U_FAILURE(status)) return it->second;
    found = slot_formats.emplace(it->first, std::move(compiled)).first;
  }
  const icu::MessageFormat &format = *found->second;
  UErrorCode status = U_ZERO_ERROR;
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto &[name, value] : params) {
    names.push_back(icu::UnicodeString::fromUTF8(name));
    long long number = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (ec == std::errc() && end == value.data() + value.size() && !value.empty())
      values.emplace_back(static_cast<int64_t>(number));
    else
      values.emplace_back(icu::UnicodeString::fromUTF8(value));
  }
  icu::UnicodeString out;
  format.format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
  if (U_FAILURE(status)) return it->second;
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

} // namespace kelisim::i18n
