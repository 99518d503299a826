// libFuzzer target: a mediation case's stored body (storage/mediation_case_codec). Any text
// either decodes to a case or is an internal error — never a crash, never an exception — and a
// case that decodes encodes to a text that decodes to the same case (what is read is what is
// written back on the next save).
#include "storage/mediation_case_codec.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace kelisim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char *>(data), size);
  auto decoded = storage::decodeCase(text);
  if (!decoded) {
    if (decoded.error().code != core::ErrorCode::internal) std::abort();
    return 0;
  }
  const std::string again = storage::encodeCase(*decoded);
  auto round = storage::decodeCase(again);
  if (!round || !(*round == *decoded)) std::abort();
  return 0;
}
