#pragma once
/// HTML form posts: parsing application/x-www-form-urlencoded bodies and CSRF protection (double-submit token:
/// a random cookie that every form repeats in a hidden field; a cross-site page can neither read nor set it).

#include <map>
#include <optional>
#include <string>

#include "http/router.hpp"

namespace spbe::http {

inline constexpr const char* kCsrfCookie = "spbe_csrf";
inline constexpr const char* kCsrfField = "csrf";

/// The fields of a urlencoded body (the last value wins for repeated names).
std::map<std::string, std::string> ParseForm(std::string_view body);
/// A field of a parsed form, "" when the form did not send it.
std::string FormField(const std::map<std::string, std::string>& form, std::string_view name);

/// A return path ("kembali") that is safe to redirect to: a path on this site ("/permohonan?x=1"), re-serialized by
/// Boost.URL; "" for anything else (another host, "//host", a scheme, backslashes, control characters such as the
/// tab a browser would drop to make "/\t/evil.example" into "//evil.example").
std::string SafeReturnPath(std::string_view path);

/// Percent-encodes a query parameter value (RFC 3986 unreserved characters stay as they are).
std::string UrlEncode(std::string_view value);

/// The CSRF token for a page: the request's cookie when it has a well-formed one, else a new random token that
/// SetCsrfCookie must put on the response.
std::string CsrfToken(const Request& req);
void SetCsrfCookie(Response& res, const Request& req, const std::string& token);
/// Whether `sent` (a form's csrf field) is the request's well-formed CSRF cookie: for the one route that must also
/// take other sites' posts (RP-initiated logout) and so checks its own confirmations.
bool CsrfMatches(const Request& req, std::string_view sent);

/// Refuses (403 page or problem) a POST/PUT/PATCH/DELETE that another site could have made a browser send: a page form
/// whose field does not equal the CSRF cookie, or whose Origin/Referer is not the portal's; an API call that rides on
/// the session cookie without the token in X-CSRF-Token and a same-origin Origin or Referer. Calls with a bearer
/// token or an API key are not a browser's ambient authority and pass. `public_url`: server.public_url; the Host
/// the request was sent to is accepted as well.
Middleware CsrfProtection(const std::string& public_url);

/// A session cookie: HttpOnly, SameSite=Lax, Secure when the portal is served over https.
std::string SessionCookie(const std::string& name, const std::string& value, bool secure, long max_age_seconds);

}  // namespace spbe::http
