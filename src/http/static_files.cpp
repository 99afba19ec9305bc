#include "http/static_files.hpp"

#include "platform/compress.hpp"
#include "platform/crypto.hpp"
#include "platform/resources.hpp"

namespace spbe::http {
namespace {

std::string ContentType(const std::string& path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "json" || ext == "webmanifest") return "application/json";
  return "application/octet-stream";
}

bool Compressible(const std::string& type) {
  return type.rfind("text/", 0) == 0 || type == "image/svg+xml" || type == "application/json";
}

}  // namespace

StaticFiles StaticFiles::FromResources() {
  StaticFiles s;
  for (const auto& r : resources::Under("static/")) {
    Asset a;
    a.body = std::string(r.data);
    a.content_type = ContentType(std::string(r.path));
    a.version = crypto::Sha256Hex(r.data).substr(0, 16);
    a.etag = "\"" + a.version + "\"";
    if (Compressible(a.content_type)) {
      std::string gz = Gzip(a.body, 9);
      if (gz.size() < a.body.size()) a.gzipped = std::move(gz);
    }
    s.assets_.emplace(std::string(r.path.substr(7)), std::move(a));
  }
  return s;
}

std::string StaticFiles::Url(const std::string& path) const {
  auto it = assets_.find(path);
  return "/static/" + path + (it == assets_.end() ? "" : "?v=" + it->second.version);
}

Response StaticFiles::Serve(const Request& req, const std::string& path) const {
  auto it = assets_.find(path);
  if (it == assets_.end()) {
    Response r = Response::Text(404, "not found\n");
    return r;
  }
  const Asset& a = it->second;
  Response r;
  r.Set("ETag", a.etag);
  r.Set("Vary", "Accept-Encoding");
  // A URL carrying the content's version never changes meaning: cache it for a year. Others revalidate.
  r.Set("Cache-Control", req.Query("v") == a.version ? "public, max-age=31536000, immutable" : "public, no-cache");
  if (auto inm = req.Header("if-none-match"); inm && inm->find(a.etag) != std::string_view::npos) {
    r.status = 304;
    return r;
  }
  r.Set("Content-Type", a.content_type);
  auto ae = req.Header("accept-encoding");
  if (!a.gzipped.empty() && ae && ae->find("gzip") != std::string_view::npos) {
    r.Set("Content-Encoding", "gzip");
    r.body = a.gzipped;
  } else {
    r.body = a.body;
  }
  return r;
}

}  // namespace spbe::http
