#pragma once
/// Plain HTTP request and response types that capabilities see. No Beast here: only http/*server*.cpp knows it.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/access.hpp"

namespace spbe::http {

struct Request {
  std::string method;                                        // upper case, e.g. "GET"
  std::string target;                                        // as sent, with the query
  std::string path;                                          // percent-decoded path
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower case
  std::string body;
  std::string remote_address;  // the client: the peer, or what a trusted proxy says (http::ClientAddress)
  std::string peer_address;    // the other end of the TCP connection

  // Filled in on the way through the server.
  std::string request_id;
  std::string route;                  // the matched pattern, e.g. "/api/v1/services/{id}"; "" when nothing matched
  bool api = false;                   // matched an API route (errors as problem+json)
  bool client_authenticated = false;  // matched a route that carries its caller's own credentials (RouteOptions)
  std::map<std::string, std::string> params;  // path parameters
  std::string lang = "id";                    // negotiated language: "id" or "en"

  /// Resolves the actor from the request's credentials; set by the authentication middleware. Called at most once,
  /// by actor(), so requests that never ask (health checks, static files) never touch the session store.
  std::function<access::Actor(const Request&)> resolve_actor;
  mutable std::optional<access::Actor> actor_cache;
  /// Who is asking: an account with its grants, or an anonymous visitor.
  const access::Actor& actor() const;
  /// The session token sent as "Authorization: Bearer ..." or in the spbe_session cookie, if any.
  std::optional<std::string> SessionToken() const;

  std::optional<std::string_view> Header(std::string_view lower_name) const;
  /// Every value of a header sent on several lines, joined with ", " as RFC 9110 allows (X-Forwarded-For).
  std::optional<std::string> HeaderJoined(std::string_view lower_name) const;
  std::optional<std::string> Query(std::string_view name) const;
  std::optional<std::string> Cookie(std::string_view name) const;

  /// Splits target into path and query (percent-decoding both). False when the target is not a valid origin-form.
  bool ParseTarget();
};

/// Header lines that never change, rendered once ("Name: value\r\n" each) and kept with their fields for lookups.
/// The headers every answer carries then cost the server one append, not a pair of strings each.
struct HeaderBlock {
  std::vector<std::pair<std::string, std::string>> fields;
  std::string text;
  explicit HeaderBlock(std::vector<std::pair<std::string, std::string>> f);
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  /// Written after `headers`. Must outlive the response: a block made once for the process.
  const HeaderBlock* preset = nullptr;

  /// Replaces the header if present (names compared case-insensitively), else appends it. Replacing one of the
  /// preset's headers copies the preset into `headers` first.
  Response& Set(std::string_view name, std::string value);
  /// The header's value, from `headers` or the preset.
  std::optional<std::string_view> Header(std::string_view name) const;

  static Response Json(int status, std::string body);
  static Response Html(int status, std::string body);
  static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response Redirect(std::string location, int status = 303);
};

bool IEquals(std::string_view a, std::string_view b);

}  // namespace spbe::http
