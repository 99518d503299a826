// The server's own texts (problem titles and details, WebSocket errors) in kk, ru and en,
// from the translation files src/i18n/<lang>.json compiled into the binary. Each text is an
// ICU MessageFormat pattern, so plurals follow each language's CLDR rules. Immutable after
// construction: safe to share between threads.
#pragma once

#include "core/model.hpp"

#include <unicode/uversion.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

U_NAMESPACE_BEGIN
class MessageFormat;
U_NAMESPACE_END

namespace kelisim::i18n {

using Params = std::map<std::string, std::string>;

class Translator {
public:
  Translator(); // loads the embedded translation files; throws if one is malformed
  ~Translator();

  // The text for `key` in `language`, with {name} arguments filled from `params` (numbers
  // where the value parses as one, for plural rules). Falls back to English, then to the key.
  std::string text(core::Language language, std::string_view key, const Params &params = {}) const;
  bool has(core::Language language, std::string_view key) const;
  const std::unordered_map<std::string, std::string> &all(core::Language language) const;

private:
  std::unordered_map<std::string, std::string> texts_[3];
  // Patterns compile once, on first use; ICU formatters are not shared between threads
  // without a lock, and formatting a short text under it costs microseconds.
  mutable std::mutex formats_mutex_;
  mutable std::unordered_map<std::string, std::unique_ptr<icu::MessageFormat>> formats_[3];
};

} // namespace kelisim::i18n
