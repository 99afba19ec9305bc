#pragma once
/// Method + path-pattern table built at start-up, and the middleware chain every request passes through.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace spbe::http {

/// See RouteOptions::io_first. Not a std::exception: no handler's catch-all mistakes it for a failure.
struct NeedsWorker {};
/// True while the request being handled runs on a network thread (on_io_thread and io_first routes): code that
/// would block must throw NeedsWorker instead.
bool OnNetworkThread();
/// Marks the calling thread as a network thread while it lives (the server, around an io_first attempt).
class NetworkThreadScope {
 public:
  NetworkThreadScope();
  ~NetworkThreadScope();
  NetworkThreadScope(const NetworkThreadScope&) = delete;
  NetworkThreadScope& operator=(const NetworkThreadScope&) = delete;

 private:
  bool outer_;
};

using Handler = std::function<Response(Request&)>;
using Next = std::function<Response(Request&)>;
/// Wraps the rest of the chain: may change the request, call next, change the response, or answer itself.
using Middleware = std::function<Response(Request&, const Next& next)>;

struct RouteOptions {
  /// Runs on the network thread: only for handlers that never block (health, metrics, static files).
  bool on_io_thread = false;
  /// Tried on the network thread first, where an answer from memory saves the hand-off to a worker and back; a
  /// handler that finds it needs blocking work (a read that missed its cache) throws NeedsWorker, and the request
  /// is run again, from the start of the middleware chain, on a worker.
  bool io_first = false;
  /// OpenAPI 3.1 Operation Object (JSON text) describing an /api/ route; required for every API route.
  std::string openapi;
  /// The API key scope (access::Scopes) that lets another system call this route; documented as its security.
  std::string api_key_scope;
  /// A page for people served under /api/ (the API reference, /api/docs): not an operation of the API.
  bool page = false;
  /// Called by another application's server with its own credentials in the request (the OAuth 2.0 token,
  /// revocation and userinfo endpoints): never a browser's form, so no CSRF token is asked for.
  bool client_authenticated = false;
};

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/services/{id}", "/static/{path*}"
  Handler handler;
  RouteOptions options;
  bool api = false;  // pattern under /api/
  std::vector<std::string> segments;
};

/// Paths answered as an API (problem+json errors, OpenAPI-described, no CSRF form token): /api/ and the
/// interoperability bus's /interop/v1/.
inline bool IsApiPath(std::string_view path) {
  return path.rfind("/api/", 0) == 0 || path.rfind("/interop/v1/", 0) == 0;
}

/// A route pattern as the OpenAPI document writes it: a {rest*} parameter becomes {rest}.
inline std::string DocumentedPattern(std::string pattern) {
  for (auto star = pattern.find("*}"); star != std::string::npos; star = pattern.find("*}")) pattern.erase(star, 1);
  return pattern;
}

class Router {
 public:
  /// Adds a route. Throws std::logic_error for a duplicate, or an API route without an OpenAPI description:
  /// both are programming errors caught when the server is built.
  void Add(std::string method, std::string pattern, Handler handler, RouteOptions options = {});

  /// Middleware run in the order added, outermost first, around every request (matched or not).
  void Use(Middleware m) { middleware_.push_back(std::move(m)); }

  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowed;  // methods allowed on the path when the method did not match
  };
  Match Find(std::string_view method, std::string_view path) const;

  /// What an OpenAPI tag groups, said once by the capability that registers its operations (the reference page's
  /// sections); OpenApiDocument refuses an operation whose tag was not described.
  void DescribeTag(std::string name, std::string description) { tags_[std::move(name)] = std::move(description); }
  const std::map<std::string, std::string>& tags() const { return tags_; }

  const std::vector<Route>& routes() const { return routes_; }
  const std::vector<Middleware>& middleware() const { return middleware_; }

 private:
  std::vector<Route> routes_;
  // Route indexes. A pattern whose first three segments are literal is listed under them ("api/v1/track"); any
  // other under its first segment ("api", "static", "" for the root), or under "{" when that is a parameter. Find
  // looks at three short lists, not every route: most of the API shares its first two segments.
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_prefix_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_first_;
  std::vector<Middleware> middleware_;
  std::map<std::string, std::string> tags_;
};

}  // namespace spbe::http
