#pragma once
/// Embedded static assets (static/**): strong ETags, long-lived caching for versioned URLs, gzip prepared once.

#include <map>
#include <string>

#include "http/message.hpp"

namespace spbe::http {

class StaticFiles {
 public:
  static StaticFiles FromResources();

  /// The versioned URL of an asset ("css/app.css" -> "/static/css/app.css?v=3f2a..."), safe to cache for a year.
  std::string Url(const std::string& path) const;

  /// Answers GET /static/{path*}: 200 with the asset, 304 when If-None-Match matches, 404 when unknown.
  Response Serve(const Request& req, const std::string& path) const;

 private:
  struct Asset {
    std::string body, gzipped, content_type, etag, version;
  };
  std::map<std::string, Asset> assets_;
};

}  // namespace spbe::http
