#include "http/forms.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>
#include <cctype>

#include "http/multipart.hpp"
#include "http/problem.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"

namespace spbe::http {
namespace {

bool WellFormedToken(std::string_view t) {
  if (t.size() != 32) return false;
  for (char c : t) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "scheme://host[:port]" of an absolute URL, lower case; "" when it is not one.
std::string OriginOf(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority() || parsed->host().empty()) return {};
  std::string origin = Lower(parsed->scheme()) + "://" + Lower(parsed->encoded_host());
  if (parsed->has_port()) origin += ":" + std::string(parsed->port());
  return origin;
}

// Whether the request says it comes from one of our own pages: its Origin, or failing that its Referer, is the
// portal's public address or the host it was sent to. A request that names neither proves nothing and is refused.
bool SameOrigin(const Request& req, const std::string& public_origin) {
  std::string from;
  if (auto origin = req.Header("origin"); origin && *origin != "null") {
    from = OriginOf(*origin);
  } else if (auto referer = req.Header("referer")) {
    from = OriginOf(*referer);
  }
  if (from.empty()) return false;
  if (from == public_origin) return true;
  auto host = req.Header("host");
  return host && (from == "http://" + Lower(*host) || from == "https://" + Lower(*host));
}

}  // namespace

std::string FormField(const std::map<std::string, std::string>& form, std::string_view name) {
  auto it = form.find(std::string(name));
  return it == form.end() ? std::string() : it->second;
}

std::map<std::string, std::string> ParseForm(std::string_view body) {
  auto decode = [](std::string_view s) {
    std::string d;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') {
        d += ' ';
      } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                 std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        d += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        d += s[i];
      }
    }
    return d;
  };
  std::map<std::string, std::string> out;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    out[decode(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : decode(pair.substr(eq + 1));
  }
  return out;
}

std::string CsrfToken(const Request& req) {
  auto cookie = req.Cookie(kCsrfCookie);
  if (cookie && WellFormedToken(*cookie)) return *cookie;
  return crypto::RandomHex(16);
}

void SetCsrfCookie(Response& res, const Request& req, const std::string& token) {
  if (req.Cookie(kCsrfCookie) == token) return;
  res.headers.emplace_back("Set-Cookie", std::string(kCsrfCookie) + "=" + token + "; Path=/; SameSite=Lax; HttpOnly");
}

bool CsrfMatches(const Request& req, std::string_view sent) {
  auto cookie = req.Cookie(kCsrfCookie);
  return cookie && WellFormedToken(*cookie) && !sent.empty() && sent == *cookie;
}

Middleware CsrfProtection(const std::string& public_url) {
  return [public_origin = OriginOf(public_url)](Request& req, const Next& next) {
    bool unsafe = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE";
    // Unmatched paths get their 404/405 from the router.
    if (!unsafe || req.route == "(unmatched)" || req.client_authenticated) return next(req);
    auto refuse = [&req] { return ProblemForStatus(req, 403, i18n::Tr(req.lang, "http_form_expired")); };
    if (req.api) {
      // A bearer token or an API key is never sent by a browser on its own; the session cookie is. An API call that
      // rides on the cookie must show the page's token in X-CSRF-Token and come from one of our pages.
      // The same rule Request::SessionToken follows: a Bearer header wins, anything else falls back to the cookie
      // (a browser sends Basic credentials by itself, behind a password-protected staging site).
      auto auth = req.Header("authorization");
      bool bearer = auth && auth->size() > 7 && IEquals(auth->substr(0, 7), "Bearer ");
      bool by_cookie = !bearer && req.Cookie("spbe_session");
      if (!by_cookie) return next(req);
      auto cookie = req.Cookie(kCsrfCookie);
      auto header = req.Header("x-csrf-token");
      if (!cookie || !WellFormedToken(*cookie) || !header || *header != *cookie || !SameOrigin(req, public_origin)) {
        return ProblemForStatus(req, 403, i18n::Tr(req.lang, "http_csrf_header_needed"));
      }
      return next(req);
    }
    // A form says where it was sent from; another site's page is refused even before the token is compared.
    if ((req.Header("origin") || req.Header("referer")) && !SameOrigin(req, public_origin)) return refuse();
    auto cookie = req.Cookie(kCsrfCookie);
    std::optional<std::string> sent;
    auto type = req.Header("content-type");
    if (type && type->find("multipart/form-data") != std::string_view::npos) {
      auto parts = ParseMultipart(req);
      if (parts.ok()) {
        if (const Part* p = FindPart(*parts, kCsrfField)) sent = p->body;
      }
    } else {
      auto form = ParseForm(req.body);
      if (auto it = form.find(kCsrfField); it != form.end()) sent = it->second;
    }
    if (!cookie || !WellFormedToken(*cookie) || !sent || *sent != *cookie) return refuse();
    return next(req);
  };
}

std::string SessionCookie(const std::string& name, const std::string& value, bool secure, long max_age_seconds) {
  return name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds) +
         (secure ? "; Secure" : "");
}

std::string SafeReturnPath(std::string_view path) {
  if (path.size() < 1 || path.size() > 2000 || path.front() != '/') return {};
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7f || c == '\\') return {};
  }
  auto parsed = boost::urls::parse_origin_form(path);
  if (!parsed) return {};
  boost::urls::url url(*parsed);
  url.normalize_path();
  std::string out(url.buffer());
  // "//host" is a network-path reference, another site; so is anything that normalizes to it.
  if (out.size() >= 2 && out[1] == '/') return {};
  if (out.empty() || out.front() != '/') return {};
  return out;
}

std::string UrlEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace spbe::http
