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

/// Percent-encodes a query parameter value (RFC 3986 unreserved characters stay as they are).
std::string UrlEncode(std::string_view value);

/// The CSRF token for a page: the request's cookie when it has a well-formed one, else a new random token that
/// SetCsrfCookie must put on the response.
std::string CsrfToken(const Request& req);
void SetCsrfCookie(Response& res, const Request& req, const std::string& token);

/// Refuses (403 page or problem) any POST/PUT/PATCH/DELETE outside /api/ whose form field does not equal the
/// CSRF cookie. API calls authenticate with a bearer token or send JSON, which a cross-site form cannot do.
Middleware CsrfProtection();

/// A session cookie: HttpOnly, SameSite=Lax, Secure when the portal is served over https.
std::string SessionCookie(const std::string& name, const std::string& value, bool secure, long max_age_seconds);

}  // namespace spbe::http
