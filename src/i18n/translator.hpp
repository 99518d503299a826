// The server's own texts (problem titles and details, WebSocket errors) in kk, ru and en,
// from the translation files src/i18n/<lang>.json compiled into the binary. Each text is an
// ICU MessageFormat pattern, so plurals follow each language's CLDR rules. Immutable after
// construction: safe to share between threads.
#pragma once

#include "core/model.hpp"

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kelisim::i18n {

using Params = std::map<std::string, std::string>;

class Translator {
public:
  Translator(); // loads the embedded translation files; throws if one is malformed

  // The text for `key` in `language`, with {name} arguments filled from `params` (numbers
  // where the value parses as one, for plural rules). Falls back to English, then to the key.
  std::string text(core::Language language, std::string_view key, const Params& params = {}) const;
  bool has(core::Language language, std::string_view key) const;
  const std::unordered_map<std::string, std::string>& all(core::Language language) const;

private:
  std::unordered_map<std::string, std::string> texts_[3];
};

} // namespace kelisim::i18n
