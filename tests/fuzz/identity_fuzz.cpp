// libFuzzer target: a party's IIN or BIN (core/mediation/identity). Checks that an accepted
// number is 12 ASCII digits that end in their control digit and read back to a real date or
// month, that no text is both an IIN and a BIN (digit 5 tells them apart), and that every
// refusal is one field error, under the caller's field name, with a code that has a text.
#include "core/mediation/identity.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace kelisim::core;
using namespace kelisim::core::mediation;

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

void checkDigits(std::string_view text, const std::string &digits) {
  check(digits == text && text.size() == kIdLength);
  check(std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }));
  check(controlDigit(text) == text[11] - '0');
}

template <typename T> void checkRefusal(const Result<T> &r) {
  if (r) return;
  const Error &e = r.error();
  check(e.code == ErrorCode::validation_failed && e.fields.size() == 1);
  check(e.fields[0].field == "party");
  check(std::find(std::begin(kIdentityCodes), std::end(kIdentityCodes), e.fields[0].code) !=
        std::end(kIdentityCodes));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  const auto iin = parseIin("party", text);
  const auto bin = parseBin("party", text);
  checkRefusal(iin);
  checkRefusal(bin);
  check(!(iin && bin));
  if (iin) {
    checkDigits(text, iin->digits);
    check(iin->birth.ok());
    check(iin->century == 1800 || iin->century == 1900 || iin->century == 2000);
  }
  if (bin) {
    checkDigits(text, bin->digits);
    check(bin->registered_month >= 1 && bin->registered_month <= 12);
    check(bin->registered_yy >= 0 && bin->registered_yy <= 99);
  }
  return 0;
}
