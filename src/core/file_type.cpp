#include "core/file_type.hpp"

#include "core/validation.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace kelisim::core {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool startsWith(std::string_view bytes, std::string_view magic, std::size_t at = 0) {
  return bytes.size() >= at + magic.size() && bytes.substr(at, magic.size()) == magic;
}

// ISO base media (HEIF) brands of still images, as phones write them.
bool isHeic(std::string_view bytes) {
  if (!startsWith(bytes, "ftyp", 4)) return false;
  static constexpr std::array<std::string_view, 7> kBrands = {"heic", "heix", "heim", "heis",
                                                              "hevc", "mif1", "msf1"};
  const auto brand = bytes.substr(8, 4);
  return std::find(kBrands.begin(), kBrands.end(), brand) != kBrands.end();
}

bool isText(std::string_view bytes) {
  if (startsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3); // a byte order mark
  // utf8Length allows tabs and line ends; form feeds (page breaks) are plain text too.
  std::string without_feeds;
  if (bytes.find('\f') != std::string_view::npos) {
    without_feeds.assign(bytes);
    std::replace(without_feeds.begin(), without_feeds.end(), '\f', '\n');
    bytes = without_feeds;
  }
  if (!utf8Length(bytes, true)) return false;
  const auto first = bytes.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return true;
  const auto opening = bytes.substr(first);
  return !opening.starts_with('<') && !opening.starts_with("#!");
}

} // namespace

std::string_view mediaType(FileType type) {
  switch (type) {
  case FileType::pdf:
    return "application/pdf";
  case FileType::jpeg:
    return "image/jpeg";
  case FileType::png:
    return "image/png";
  case FileType::webp:
    return "image/webp";
  case FileType::heic:
    return "image/heic";
  case FileType::text:
    return "text/plain; charset=utf-8";
  }
  return "application/octet-stream";
}

std::string_view extension(FileType type) {
  switch (type) {
  case FileType::pdf:
    return ".pdf";
  case FileType::jpeg:
    return ".jpg";
  case FileType::png:
    return ".png";
  case FileType::webp:
    return ".webp";
  case FileType::heic:
    return ".heic";
  case FileType::text:
    return ".txt";
  }
  return "";
}

std::optional<FileType> claimedType(std::string_view content_type) {
  const auto t = lower(trim(content_type.substr(0, content_type.find(';'))));
  if (t == "application/pdf") return FileType::pdf;
  if (t == "image/jpeg" || t == "image/jpg" || t == "image/pjpeg") return FileType::jpeg;
  if (t == "image/png") return FileType::png;
  if (t == "image/webp") return FileType::webp;
  if (t == "image/heic" || t == "image/heif") return FileType::heic;
  if (t == "text/plain") return FileType::text;
  return std::nullopt;
}

std::optional<FileType> sniffType(std::string_view bytes) {
  if (startsWith(bytes, "%PDF-")) return FileType::pdf;
  if (startsWith(bytes, "\xFF\xD8\xFF")) return FileType::jpeg;
  if (startsWith(bytes, "\x89PNG\r\n\x1A\n")) return FileType::png;
  if (startsWith(bytes, "RIFF") && startsWith(bytes, "WEBP", 8)) return FileType::webp;
  if (isHeic(bytes)) return FileType::heic;
  if (!bytes.empty() && isText(bytes)) return FileType::text;
  return std::nullopt;
}

TypeCheck checkType(std::string_view content_type, std::string_view bytes, FileType *detected) {
  const auto sniffed = sniffType(bytes);
  if (!sniffed) return TypeCheck::unsupported;
  if (detected) *detected = *sniffed;
  const auto bare = lower(trim(content_type.substr(0, content_type.find(';'))));
  if (bare.empty() || bare == "application/octet-stream") return TypeCheck::ok;
  const auto claimed = claimedType(content_type);
  if (!claimed) return TypeCheck::unsupported;
  return *claimed == *sniffed ? TypeCheck::ok : TypeCheck::mismatch;
}

std::string fitExtension(std::string name, FileType type) {
  const auto dot = name.rfind('.');
  const auto ext = dot == std::string::npos ? std::string() : lower(name.substr(dot));
  const bool fits = ext == extension(type) || (type == FileType::jpeg && ext == ".jpeg") ||
                    (type == FileType::heic && ext == ".heif") ||
                    (type == FileType::text && (ext == ".text" || ext == ".log"));
  if (!fits) name += extension(type);
  return name;
}

} // namespace kelisim::core
