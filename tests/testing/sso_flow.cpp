#include "testing/sso_flow.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include "http/forms.hpp"
#include "platform/crypto.hpp"
#include "sso/model.hpp"

namespace spbe::testing {
namespace {

std::string FormBody(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [k, v] : fields) out += (out.empty() ? "" : "&") + k + "=" + http::UrlEncode(v);
  return out;
}

std::vector<std::pair<std::string, std::string>> Params(const AuthorizeParams& p) {
  std::vector<std::pair<std::string, std::string>> out{{"client_id", p.client_id},
                                                       {"redirect_uri", p.redirect_uri},
                                                       {"response_type", "code"},
                                                       {"scope", p.scope},
                                                       {"state", p.state},
                                                       {"nonce", p.nonce},
                                                       {"code_challenge", p.challenge},
                                                       {"code_challenge_method", p.method}};
  if (!p.prompt.empty()) out.emplace_back("prompt", p.prompt);
  if (!p.max_age.empty()) out.emplace_back("max_age", p.max_age);
  return out;
}

}  // namespace

Pkce NewPkce() {
  std::string verifier = crypto::RandomToken(32);
  return {verifier, sso::S256(verifier)};
}

HttpResponse PostConsent(int port, const std::string& session, const AuthorizeParams& p, const std::string& decision) {
  std::string csrf = crypto::RandomHex(16);
  auto fields = Params(p);
  fields.emplace_back("csrf", csrf);
  fields.emplace_back("decision", decision);
  return Send(port, {"POST",
                     "/oauth2/authorize",
                     {{"Content-Type", "application/x-www-form-urlencoded"},
                      {"Cookie", "spbe_session=" + session + "; spbe_csrf=" + csrf}},
                     FormBody(fields)});
}

HttpResponse GetAuthorize(int port, const std::string& session, const AuthorizeParams& p) {
  std::vector<std::pair<std::string, std::string>> headers;
  if (!session.empty()) headers.emplace_back("Cookie", "spbe_session=" + session);
  return Send(port, {"GET", "/oauth2/authorize?" + FormBody(Params(p)), headers, ""});
}

std::string QueryValue(const std::string& location, const std::string& name) {
  auto u = boost::urls::parse_uri_reference(location);
  if (!u) return "";
  for (auto param : u->params()) {
    if (param.key == name) return std::string(param.value);
  }
  return "";
}

HttpResponse PostTokenForm(int port, const std::string& target, const std::map<std::string, std::string>& fields,
                           const std::string& basic) {
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  if (!basic.empty()) headers.emplace_back("Authorization", "Basic " + crypto::Base64Encode(basic));
  return Send(port, {"POST", target, headers,
                     FormBody(std::vector<std::pair<std::string, std::string>>(fields.begin(), fields.end()))});
}

HttpResponse CodeFlow(int port, const std::string& session, const AuthorizeParams& given, const std::string& basic) {
  Pkce pkce = NewPkce();
  AuthorizeParams p = given;
  p.challenge = pkce.challenge;
  auto consent = PostConsent(port, session, p);
  std::string code = QueryValue(consent.Header("location").value_or(""), "code");
  return PostTokenForm(port, "/oauth2/token",
                       {{"grant_type", "authorization_code"},
                        {"code", code},
                        {"redirect_uri", p.redirect_uri},
                        {"code_verifier", pkce.verifier}},
                       basic);
}

}  // namespace spbe::testing
