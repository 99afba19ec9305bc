#pragma once
/// Single sign-on's rows and the rules that need no database: scopes, PKCE (RFC 7636), redirect addresses, client
/// credentials in an Authorization header (RFC 6749 2.3.1) and compact JWS.

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace spbe::sso {

/// The scopes this provider knows: openid, profile, email, phone, nik, officer.
const std::vector<std::string>& KnownScopes();

struct ClientRow {
  std::int64_t id = 0;
  std::string client_id, name;
  std::int64_t node_id = 0;
  std::string logo_url;
  std::vector<std::string> redirect_uris, post_logout_redirect_uris, scopes;
  bool is_public = false;
  std::string secret_hash;  // SHA-256 hex of the secret; empty for a public client
  std::string id_token_alg = "RS256";
  std::string nik_legal_basis;  // non-empty: a platform admin allowed the nik scope, on this basis
  std::int64_t created_by = 0;
  std::string created_at, updated_at, disabled_at;
  std::string node_name, node_path;  // joined: the owner agency

  bool disabled() const { return !disabled_at.empty(); }
  bool Allows(std::string_view scope) const;
  bool HasRedirect(std::string_view uri) const;
  bool HasPostLogout(std::string_view uri) const;
};

struct KeyRow {
  std::string kid, alg, public_jwk, private_sealed, created_at, retired_at, publish_until;
};

/// One authorization: the code, and the family of tokens it led to.
struct GrantRow {
  std::int64_t id = 0, client_id = 0, account_id = 0;
  std::string session_hash, scope, nonce, auth_time, code_hash, redirect_uri, code_challenge, code_expires_at,
      code_used_at, created_at, revoked_at, revoked_reason;
};

struct TokenRow {
  std::string token_hash;
  std::int64_t grant_id = 0;
  std::string kind;  // access, refresh
  std::string expires_at, created_at, used_at, revoked_at;
  std::string scope;  // what this token opens; '' (issued before V021): the grant's
};

/// An application a person let sign them in, and what it may read.
struct ConsentRow {
  std::int64_t account_id = 0, client_id = 0;
  std::string scope, granted_at;
  std::string client_name, agency, logo_url;  // joined
};

/// Space-separated scopes, each once, in the order first given.
std::vector<std::string> SplitScope(std::string_view text);
std::string JoinScope(const std::vector<std::string>& scopes);
/// Whether `item` is one of `list`.
bool Has(const std::vector<std::string>& list, std::string_view item);
/// The non-blank lines of `text`, trimmed (one address per line, as the console's text areas and the store keep them).
std::vector<std::string> SplitLines(std::string_view text);
/// Whether every scope of `wanted` is in `held`.
bool Covers(const std::vector<std::string>& held, const std::vector<std::string>& wanted);

/// RFC 7636: a verifier is 43-128 of [A-Za-z0-9-._~]; an S256 challenge is the verifier's SHA-256, base64url.
bool ValidVerifier(std::string_view verifier);
bool ValidChallenge(std::string_view challenge);
std::string S256(std::string_view verifier);

/// Why a redirect address cannot be registered, or nullopt when it can: an absolute https address without a
/// fragment or credentials; plain http only to this machine (localhost, 127.0.0.1, [::1]) for development.
std::optional<std::string> RedirectUriProblem(std::string_view uri);

/// The client id and secret of an "Authorization: Basic" header, each form-urlencoded as RFC 6749 2.3.1 says.
struct BasicCredentials {
  std::string client_id, secret;
};
std::optional<BasicCredentials> ParseBasic(std::string_view header);

/// A row id typed in a path: 1 to 2^63-1 in decimal digits only; 0 for anything else.
std::int64_t ParseRowId(std::string_view text);

/// A compact JWS read apart, its signature not yet checked: both parts JSON objects, the header naming a key (kid).
struct ParsedJws {
  boost::json::object header, payload;
  std::string kid, signing_input, signature;
};
/// nullopt for anything that is not three base64url parts of at most 8,000 characters in all.
std::optional<ParsedJws> ParseCompactJws(std::string_view jwt);

/// A compact JWS: base64url(header).base64url(payload).base64url(sign(first two)).
Result<std::string> CompactJws(const std::string& header_json, const std::string& payload_json,
                               const std::function<Result<std::string>(std::string_view)>& sign);

}  // namespace spbe::sso
