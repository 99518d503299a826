// The built web front end (web/dist), read into memory at start-up: each file with its
// content type, a strong ETag and, where it helps, a gzip copy. Paths that are not files and
// not under /api/ get index.html (single-page app routing). Read-only after construction.
#pragma once

#include "transport/http/http_types.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>

namespace kelisim::transport {

class StaticFiles {
public:
  explicit StaticFiles(const std::filesystem::path &root); // empty when root is absent

  // A 200/304 response for GET/HEAD of `path`, or nullopt when nothing fits.
  std::optional<HttpResponse> serve(const HttpRequest &request) const;
  std::size_t size() const { return files_.size(); }

private:
  struct File {
    std::string content_type;
    std::string etag;
    std::string body;
    std::string gzip; // empty when not worth it
    bool immutable;   // hashed asset names under /assets/
  };
  std::unordered_map<std::string, File> files_;
};

// gzip of `data` (zlib); empty on failure.
std::string gzipCompress(std::string_view data);

} // namespace kelisim::transport
