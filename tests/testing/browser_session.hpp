#pragma once
// A browser as the server sees one: a cookie jar (the session and the CSRF cookie) and page forms posted with the
// CSRF token, the way a person clicks through the portal. For tests of pages and of cookie-authenticated calls.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "testing/http_client.hpp"

namespace spbe::testing {

class BrowserSession {
 public:
  explicit BrowserSession(int port) : port_(port) {}

  /// Signs in through the /masuk form; false when the server refused.
  bool SignIn(const std::string& username, const std::string& password);
  /// A page (cookies sent, Set-Cookie kept); `extra` headers are added.
  HttpResponse Get(const std::string& target, const std::vector<std::pair<std::string, std::string>>& extra = {});
  /// A form post with the CSRF token as its page would send it; fields are percent-encoded here.
  HttpResponse PostForm(const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
                        const std::vector<std::pair<std::string, std::string>>& extra = {});
  /// A file to send in a multipart form.
  struct FilePart {
    std::string field, file_name, content_type, bytes;
  };
  /// A multipart/form-data post (forms with files), the CSRF token first as a page sends it.
  HttpResponse PostMultipart(const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
                             const std::vector<FilePart>& files,
                             const std::vector<std::pair<std::string, std::string>>& extra = {});
  /// Any request with the session's cookies added to `headers`.
  HttpResponse Send(HttpRequest req);

  /// The CSRF token (fetching a page first when none is held yet).
  std::string CsrfToken();
  const std::map<std::string, std::string>& cookies() const { return cookies_; }

 private:
  void Keep(const HttpResponse& r);
  std::string CookieHeader() const;
  int port_;
  std::map<std::string, std::string> cookies_;
};

/// application/x-www-form-urlencoded of the fields.
std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace spbe::testing
