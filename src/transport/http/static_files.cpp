#include "transport/http/static_files.hpp"

#include "app/sodium_random.hpp"

#include <zlib.h>

#include <fstream>
#include <sstream>

namespace kelisim::transport {

namespace fs = std::filesystem;

namespace {
std::string contentType(const fs::path &p) {
  const auto ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".webmanifest") return "application/manifest+json";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}
bool compressible(const std::string &type) {
  return type.starts_with("text/") || type.starts_with("application/json") ||
         type.starts_with("image/svg") || type.starts_with("application/manifest");
}
bool acceptsGzip(const HttpRequest &r) {
  return r.header("accept-encoding").find("gzip") != std::string_view::npos;
}
} // namespace

std::string gzipCompress(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef *>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? out : std::string{};
}

StaticFiles::StaticFiles(const fs::path &root) {
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return;
  for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    File f;
    f.body = buf.str();
    f.content_type = contentType(it->path());
    f.etag = "\"" + app::sha256Hex(f.body).substr(0, 32) + "\"";
    if (compressible(f.content_type) && f.body.size() > 512) {
      f.gzip = gzipCompress(f.body);
      if (f.gzip.size() >= f.body.size()) f.gzip.clear();
    }
    const std::string url = "/" + fs::relative(it->path(), root).generic_string();
    f.immutable = url.starts_with("/assets/");
    files_.emplace(url, std::move(f));
  }
}

std::optional<HttpResponse> StaticFiles::serve(const HttpRequest &r) const {
  if (r.method != "GET" && r.method != "HEAD") return std::nullopt;
  if (r.path.starts_with("/api/") || r.path == "/api") return std::nullopt;
  auto it = files_.find(r.path);
  if (it == files_.end()) {
    // Single-page app: a path without a file extension is a screen of the app.
    const auto last = r.path.substr(r.path.rfind('/') + 1);
    if (last.find('.') != std::string::npos) return std::nullopt;
    it = files_.find("/index.html");
    if (it == files_.end()) return std::nullopt;
  }
  const File &f = it->second;
  HttpResponse res;
  res.route = "static";
  res.set("ETag", f.etag);
  res.set("Vary", "Accept-Encoding");
  res.set("Cache-Control", f.immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (r.header("if-none-match") == f.etag) {
    res.status = 304;
    return res;
  }
  res.content_type = f.content_type;
  if (!f.gzip.empty() && acceptsGzip(r)) {
    res.set("Content-Encoding", "gzip");
    res.body = f.gzip;
  } else {
    res.body = f.body;
  }
  return res;
}

} // namespace kelisim::transport
