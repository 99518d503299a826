// The Content-Disposition of a download (RFC 6266): always `attachment`, never inline, with
// the file name twice: an ASCII fallback in `filename` for old clients (other characters as
// '_') and the name itself, UTF-8 percent-encoded, in `filename*` (RFC 5987/8187).
#pragma once

#include <string>
#include <string_view>

namespace kelisim::transport {

std::string contentDisposition(std::string_view file_name);

} // namespace kelisim::transport
