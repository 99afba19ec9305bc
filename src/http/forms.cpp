#include "http/forms.hpp"

#include <cctype>

#include "http/multipart.hpp"
#include "http/problem.hpp"
#include "platform/crypto.hpp"

namespace spbe::http {
namespace {

bool WellFormedToken(std::string_view t) {
  if (t.size() != 32) return false;
  for (char c : t) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
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

Middleware CsrfProtection() {
  return [](Request& req, const Next& next) {
    bool unsafe = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" || req.method == "DELETE";
    // Unmatched paths get their 404/405 from the router; API calls are not forms.
    if (!unsafe || req.api || req.route == "(unmatched)") return next(req);
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
    if (!cookie || !WellFormedToken(*cookie) || !sent || *sent != *cookie) {
      return ProblemForStatus(req, 403,
                              req.lang == "en" ? "the form has expired; go back, reload the page and send it again"
                                               : "formulir kedaluwarsa; kembali, muat ulang halaman, lalu kirim lagi");
    }
    return next(req);
  };
}

std::string SessionCookie(const std::string& name, const std::string& value, bool secure, long max_age_seconds) {
  return name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds) +
         (secure ? "; Secure" : "");
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
