// What an attached file is, told by its bytes and not by what the sender claims. Pure: no
// I/O. The accepted types are the documents citizens bring to a consultation: PDF, JPEG,
// PNG, WebP, HEIC/HEIF (phone photos) and plain UTF-8 text. Everything else is refused,
// and so is a file whose content is not the type it was sent as (an executable called
// "photo.jpg", an HTML or SVG page sent as text).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kelisim::core {

enum class FileType { pdf, jpeg, png, webp, heic, text };

// The media type the file is stored and served as ("text/plain; charset=utf-8" for text).
std::string_view mediaType(FileType type);
// The usual file name extension, with its dot (".pdf").
std::string_view extension(FileType type);

// The claimed media type (a Content-Type header: parameters and case ignored; image/jpg and
// image/heif are aliases) as an accepted type; nullopt for any other.
std::optional<FileType> claimedType(std::string_view content_type);

// The type by content: the magic bytes of PDF, JPEG, PNG, WebP and HEIC; else text when the
// whole file is UTF-8 without control characters (tabs, line and form feeds allowed) and does
// not open as markup (HTML, SVG, XML: their first non-blank character is '<') or a script
// ("#!"). nullopt: not an accepted type (executables, archives, markup, binary data).
std::optional<FileType> sniffType(std::string_view bytes);

enum class TypeCheck { ok, unsupported, mismatch };
// Whether `bytes` may be stored as `content_type`: ok when the content is an accepted type
// and the claim is that type, or no claim at all (empty or application/octet-stream, then
// the content decides); unsupported when either is not accepted; mismatch otherwise.
TypeCheck checkType(std::string_view content_type, std::string_view bytes,
                    FileType *detected = nullptr);

// The file name with an extension that fits the type: "scan.PDF" stays, "page.html" sent as
// text becomes "page.html.txt", so a downloaded file never opens as something else.
std::string fitExtension(std::string name, FileType type);

} // namespace kelisim::core
