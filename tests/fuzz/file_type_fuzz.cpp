// libFuzzer target: what an attachment is told by its bytes (core/file_type) and the
// Content-Disposition built from its name (transport/http/content_disposition). Checks that
// an accepted type is accepted again under its own media type and under no claim, that text
// never opens as markup, that fitting an extension twice changes nothing, and that the
// header line never carries a control character.
#include "core/file_type.hpp"
#include "transport/http/content_disposition.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

using namespace kelisim;

namespace {
void check(bool condition) {
  if (!condition) std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char *>(data), size);
  const auto type = core::sniffType(bytes);
  if (type) {
    check(core::checkType("", bytes) == core::TypeCheck::ok);
    check(core::checkType(core::mediaType(*type), bytes) == core::TypeCheck::ok);
    check(core::claimedType(core::mediaType(*type)) == type);
    if (*type == core::FileType::text) {
      const auto first = bytes.find_first_not_of(" \t\r\n\f");
      check(first == std::string_view::npos || bytes[first] != '<');
    }
    const auto fitted = core::fitExtension(std::string(bytes.substr(0, 200)), *type);
    check(core::fitExtension(fitted, *type) == fitted);
  } else {
    check(core::checkType("", bytes) == core::TypeCheck::unsupported);
  }
  const auto header = transport::contentDisposition(bytes);
  check(header.starts_with("attachment; filename=\""));
  for (const char c : header) check(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F);
  return 0;
}
