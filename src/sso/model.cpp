#include "sso/model.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "http/forms.hpp"
#include "platform/crypto.hpp"

namespace spbe::sso {

const std::vector<std::string>& KnownScopes() {
  static const std::vector<std::string> scopes = {"openid", "profile", "email", "phone", "nik", "officer"};
  return scopes;
}

bool Has(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= text.size()) {
    auto nl = text.find_first_of("\r\n", i);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(i, nl - i);
    auto first = line.find_first_not_of(" \t");
    if (first != std::string_view::npos) {
      out.emplace_back(line.substr(first, line.find_last_not_of(" \t") - first + 1));
    }
    i = nl + 1;
  }
  return out;
}

bool ClientRow::Allows(std::string_view scope) const {
  if (scope == "nik" && nik_legal_basis.empty()) return false;
  return Has(scopes, scope);
}
bool ClientRow::HasRedirect(std::string_view uri) const { return Has(redirect_uris, uri); }
bool ClientRow::HasPostLogout(std::string_view uri) const { return Has(post_logout_redirect_uris, uri); }

std::vector<std::string> SplitScope(std::string_view text) {
  std::vector<std::string> out;
  std::size_t i = 0;
  // Bounded: a scope is a handful of words; the callers refuse long ones before they get here.
  while (i < text.size() && out.size() < 64) {
    auto sp = text.find(' ', i);
    if (sp == std::string_view::npos) sp = text.size();
    std::string word(text.substr(i, sp - i));
    if (!word.empty() && !Has(out, word)) out.push_back(std::move(word));
    i = sp + 1;
  }
  return out;
}

std::string JoinScope(const std::vector<std::string>& scopes) {
  std::string out;
  for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
  return out;
}

bool Covers(const std::vector<std::string>& held, const std::vector<std::string>& wanted) {
  return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) { return Has(held, w); });
}

bool ValidVerifier(std::string_view v) {
  if (v.size() < 43 || v.size() > 128) return false;
  return std::all_of(v.begin(), v.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
  });
}

bool ValidChallenge(std::string_view c) {
  // base64url of 32 bytes, no padding
  if (c.size() != 43) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
  });
}

std::string S256(std::string_view verifier) { return crypto::Base64Url(crypto::Sha256(verifier)); }

std::optional<std::string> RedirectUriProblem(std::string_view uri) {
  if (uri.empty() || uri.size() > 500) return "must be an address of at most 500 characters";
  auto parsed = boost::urls::parse_absolute_uri(uri);
  if (!parsed) return "is not an absolute address";
  const auto& u = *parsed;
  if (u.has_fragment()) return "must not have a fragment (#...)";
  if (u.has_userinfo()) return "must not carry a user name or password";
  std::string host(u.encoded_host());
  if (host.empty()) return "has no host";
  bool local = host == "localhost" || host == "127.0.0.1" || host == "[::1]";
  if (u.scheme() == "https") return std::nullopt;
  if (u.scheme() == "http" && local) return std::nullopt;
  return "must use https (plain http only to this machine, for development)";
}

std::optional<BasicCredentials> ParseBasic(std::string_view header) {
  if (header.size() < 7 || header.size() > 1000) return std::nullopt;
  std::string scheme(header.substr(0, 6));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (scheme != "basic ") return std::nullopt;
  auto decoded = crypto::Base64Decode(header.substr(6));
  if (!decoded) return std::nullopt;
  auto colon = decoded->find(':');
  if (colon == std::string::npos) return std::nullopt;
  // RFC 6749 2.3.1: both halves are application/x-www-form-urlencoded before they are joined.
  auto id = http::ParseForm("v=" + decoded->substr(0, colon));
  auto secret = http::ParseForm("v=" + decoded->substr(colon + 1));
  if (id.size() != 1 || secret.size() != 1) return std::nullopt;  // a raw '&' or '=' where an escape belongs
  BasicCredentials out{http::FormField(id, "v"), http::FormField(secret, "v")};
  if (out.client_id.empty()) return std::nullopt;
  return out;
}

std::int64_t ParseRowId(std::string_view text) {
  if (text.empty() || text.size() > 18) return 0;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<ParsedJws> ParseCompactJws(std::string_view jwt) {
  auto dot1 = jwt.find('.');
  auto dot2 = jwt.rfind('.');
  if (dot1 == std::string_view::npos || dot1 == dot2 || jwt.size() > 8000) return std::nullopt;
  auto header_text = crypto::FromBase64Url(jwt.substr(0, dot1));
  auto payload_text = crypto::FromBase64Url(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = crypto::FromBase64Url(jwt.substr(dot2 + 1));
  if (!header_text || !payload_text || !signature) return std::nullopt;
  boost::system::error_code ec;
  auto header = boost::json::parse(*header_text, ec);
  if (ec || !header.is_object()) return std::nullopt;
  auto payload = boost::json::parse(*payload_text, ec);
  if (ec || !payload.is_object()) return std::nullopt;
  const auto* kid = header.as_object().if_contains("kid");
  if (!kid || !kid->is_string()) return std::nullopt;
  ParsedJws out;
  out.kid = std::string(kid->as_string());
  out.header = std::move(header.as_object());
  out.payload = std::move(payload.as_object());
  out.signing_input = std::string(jwt.substr(0, dot2));
  out.signature = std::move(*signature);
  return out;
}

Result<std::string> CompactJws(const std::string& header_json, const std::string& payload_json,
                               const std::function<Result<std::string>(std::string_view)>& sign) {
  std::string input = crypto::Base64Url(header_json) + "." + crypto::Base64Url(payload_json);
  auto signature = sign(input);
  if (!signature.ok()) return signature.error();
  return input + "." + crypto::Base64Url(*signature);
}

}  // namespace spbe::sso
