// Text folded for search, the same way on both sides of a comparison: Latin and Cyrillic
// letters (Kazakh's Ә Ғ Қ Ң Ө Ұ Ү Һ І too) in lower case, "ё" read as "е", runs of white
// space as one space, none at the ends. Anything else (digits, other scripts, punctuation)
// stays as it is; bytes that are not UTF-8 are kept, never dropped. Pure; no locale.
#pragma once

#include <string>
#include <string_view>

namespace kelisim::core {

std::string foldForSearch(std::string_view utf8);
// Whether `text` contains `query`, both folded here ("" is contained in everything).
bool matchesSearch(std::string_view text, std::string_view query);

} // namespace kelisim::core
