#pragma once
// A relying party's side of the authorization code flow, spoken over HTTP as a browser and an application would:
// the person's browser (their portal session) agrees on the consent form, the application exchanges the code.

#include <map>
#include <string>

#include "testing/http_client.hpp"

namespace spbe::testing {

struct Pkce {
  std::string verifier, challenge;
};
/// A fresh PKCE pair (S256).
Pkce NewPkce();

struct AuthorizeParams {
  std::string client_id, redirect_uri, scope = "openid profile email", state = "s", nonce = "n", challenge;
  std::string method = "S256";
  std::string prompt, max_age;  // sent when not empty
};

/// The consent form posted by the signed-in person (`session`: their portal session token) with `decision`
/// ("allow", "deny"); the answer is the redirect back to the application (or a page).
HttpResponse PostConsent(int port, const std::string& session, const AuthorizeParams& p,
                         const std::string& decision = "allow");
/// The authorization request as the browser sends it (GET).
HttpResponse GetAuthorize(int port, const std::string& session, const AuthorizeParams& p);
/// The value of `name` in the query of an absolute Location ("" when absent).
std::string QueryValue(const std::string& location, const std::string& name);

/// A form post to the token (or revocation) endpoint; `basic`: "id:secret" for client_secret_basic, "" for none.
HttpResponse PostTokenForm(int port, const std::string& target, const std::map<std::string, std::string>& fields,
                           const std::string& basic = "");

/// The whole flow for a signed-in person and a confidential client: the token answer (JSON text).
HttpResponse CodeFlow(int port, const std::string& session, const AuthorizeParams& p, const std::string& basic);

}  // namespace spbe::testing
