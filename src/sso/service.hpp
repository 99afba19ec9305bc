#pragma once
/// Single sign-on: this platform as an OpenID Connect provider (Core 1.0, Discovery 1.0) for other government
/// applications. Authorization code flow only, PKCE S256 for every client (RFC 7636), opaque access tokens and
/// refresh tokens stored hashed (refresh tokens rotate; a reused one revokes its family), ID tokens signed RS256 or
/// EdDSA, revocation (RFC 7009) and RP-initiated logout. People sign in on the portal itself (its session, its second
/// factor); applications are registered by a platform admin.

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "access/access.hpp"
#include "identity/service.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"
#include "platform/limits.hpp"
#include "platform/pii.hpp"
#include "sso/model.hpp"
#include "sso/store.hpp"
#include "storage/database.hpp"

namespace spbe::sso {

struct Options {
  std::string issuer;  // the portal's public URL, without a trailing slash
  std::chrono::seconds code_lifetime{120};
  std::chrono::seconds access_lifetime{600};
  std::chrono::seconds id_token_lifetime{600};
  std::chrono::seconds refresh_lifetime{30 * 24 * 3600};
};

/// What a platform admin registers (page and API).
struct ClientSpec {
  std::string name;
  std::int64_t node_id = 0;
  std::string logo_url;
  std::vector<std::string> redirect_uris, post_logout_redirect_uris, scopes;
  bool is_public = false;
  std::string id_token_alg = "RS256";
  std::string nik_legal_basis;
  // For the demo seed only (a published demo client); empty: made at random.
  std::string client_id, secret;
};

struct IssuedClient {
  ClientRow client;
  std::string secret;  // shown once; empty for a public client
};

/// An OAuth 2.0 error answer (RFC 6749 5.2, 4.1.2.1; RFC 6750 3.1).
struct OAuthError {
  int status = 400;
  std::string error, description;
  bool basic_challenge = false;   // 401 after Basic credentials: WWW-Authenticate: Basic
  bool bearer_challenge = false;  // userinfo: WWW-Authenticate: Bearer error="invalid_token"
  int retry_after = 0;
};

/// The parameters of an authorization request, as sent.
struct AuthRequest {
  std::string client_id, redirect_uri, response_type, scope, state, nonce, code_challenge, code_challenge_method,
      prompt, response_mode, max_age;
};

/// What the authorization endpoint does next.
struct AuthOutcome {
  enum class Kind {
    kShowError,  // the client or its redirect address cannot be trusted: tell the person, redirect nowhere
    kRedirect,   // back to the application, with a code or an error
    kSignIn,     // nobody signed in: the portal's sign-in page, then back here
    kConsent,    // ask the person
  };
  Kind kind = Kind::kShowError;
  std::string redirect;  // kRedirect
  Error error;           // kShowError
  ClientRow client;      // kConsent
  std::vector<std::string> scopes;
  // kSignIn of someone already signed in (prompt=login, or signed in longer ago than max_age): the way back must not
  // ask again, so it carries a max_age the fresh sign-in meets instead of prompt=login.
  bool fresh_sign_in = false;
};

/// A client's credentials as presented at the token or revocation endpoint.
struct ClientAuth {
  std::string client_id, secret;
  enum class Method { kNone, kBasic, kPost } method = Method::kNone;
  bool conflicting = false;  // more than one method, or a Basic header that cannot be read
  std::string address;       // the caller's, for the brakes
};

struct TokenRequest {
  std::string grant_type, code, redirect_uri, code_verifier, refresh_token, scope;
  ClientAuth auth;
};

/// Retires the signing keys in use and makes new ones (RS256 and EdDSA); the old stay published until the ID tokens
/// they signed have expired (`id_token_lifetime` and an hour's margin). For the server and `spbe sso rotate-keys`.
Status RotateKeys(storage::Database& db, const SsoStore& store, const PiiVault& vault, TimePoint now,
                  std::chrono::seconds id_token_lifetime);

class SsoService {
 public:
  /// `limiter` with `limits` brakes failed client authentications, per client and per address.
  SsoService(storage::Database& db, const SsoStore& store, org::OrgService& org, identity::IdentityService& identity,
             const PiiVault& vault, Limiter& limiter, const Limits& limits, Clock clock, Options options);

  const Options& options() const { return options_; }

  /// The discovery document (/.well-known/openid-configuration).
  boost::json::object Discovery() const;
  /// The public signing keys, including retired ones until their last tokens expired.
  Result<boost::json::object> Jwks();
  /// New signing keys; the old stay published until the ID tokens they signed have expired.
  Status RotateKeys();

  // Clients (a platform admin).
  Result<IssuedClient> CreateClient(const access::Actor& actor, const ClientSpec& spec, std::string_view lang);
  Result<std::vector<ClientRow>> Clients(const access::Actor& actor);
  Result<ClientRow> DisableClient(const access::Actor& actor, std::int64_t id, std::string_view lang);
  Result<IssuedClient> RotateSecret(const access::Actor& actor, std::int64_t id, std::string_view lang);

  /// The authorization endpoint. `session_token`: the portal session the person is signed in with ("" when not);
  /// `decision`: nullopt on the GET, true or false from the consent form.
  AuthOutcome Authorize(const AuthRequest& req, const access::Actor& actor, const std::string& session_token,
                        std::optional<bool> decision, std::string_view lang);

  /// The token endpoint: the JSON answer, or an OAuth error.
  std::variant<boost::json::object, OAuthError> Token(const TokenRequest& req);
  /// The claims the access token's scopes open, fresh from the account.
  std::variant<boost::json::object, OAuthError> UserInfo(std::string_view access_token);
  /// RFC 7009: revokes the token when it belongs to the client (an unknown token is not an error).
  std::optional<OAuthError> Revoke(std::string_view token, const ClientAuth& auth);

  /// RP-initiated logout: ends the portal session; where to send the browser next ("" for the portal's own page).
  struct LogoutOutcome {
    std::string redirect;     // where to send the browser once signed out ("" for the portal's own page)
    std::string client_name;  // the application that asked
    std::string client_id;    // its client_id, for the confirmation form
    bool confirm = false;     // no valid ID token of the signed-in person: ask before signing out
    std::optional<Error> error;
  };
  /// `confirmed`: the person pressed "sign out" on the portal's own confirmation page (its CSRF token checked).
  LogoutOutcome Logout(std::string_view id_token_hint, std::string_view post_logout_redirect_uri,
                       std::string_view state, std::string_view client_id, const access::Actor& actor,
                       const std::string& session_token, std::string_view lang, bool confirmed = false);

  /// Signing out of the portal ends single sign-on too: what applications hold from that session (`session_hash`, or
  /// every session of the account when nullptr) is revoked and audited, inside identity's signing-out unit of work.
  void EndSessionGrants(soci::session& s, std::int64_t account_id, const std::string* session_hash);

  // The person's side.
  Result<std::vector<ConsentRow>> ConnectedApps(const access::Actor& actor);
  /// Withdraws the consent and revokes every token the application holds for the person.
  Status Disconnect(const access::Actor& actor, std::int64_t client_id, std::string_view lang);

 private:
  struct Signer {
    std::string kid, alg, private_key;  // PEM for RS256, raw libsodium secret for EdDSA
  };
  std::optional<Signer> CurrentSigner(const std::string& alg);
  Status MakeKeys(soci::session& s, const std::string& now);
  static Result<std::string> SignIdToken(const Signer& signer, const boost::json::object& claims);
  std::optional<boost::json::object> ReadOwnIdToken(std::string_view jwt);
  std::variant<ClientRow, OAuthError> AuthenticateClient(const ClientAuth& auth);
  std::variant<boost::json::object, OAuthError> ExchangeCode(const ClientRow& client, const TokenRequest& req);
  std::variant<boost::json::object, OAuthError> Refresh(const ClientRow& client, const TokenRequest& req);
  /// New access and refresh tokens (and an ID token) for the grant, inside the caller's unit of work.
  Result<boost::json::object> IssueTokens(soci::session& s, const ClientRow& client, const GrantRow& grant,
                                          const std::vector<std::string>& scopes, const Signer& signer);
  std::string Subject(soci::session& s, std::int64_t account_id);
  Result<boost::json::object> Claims(std::int64_t account_id, const std::vector<std::string>& scopes,
                                     const std::string& sub);
  std::string Now() const { return FormatUtc(clock_()); }
  std::string Later(std::chrono::seconds by) const { return FormatUtc(clock_() + by); }

  storage::Database& db_;
  const SsoStore& store_;
  org::OrgService& org_;
  identity::IdentityService& identity_;
  const PiiVault& vault_;
  Limiter& limiter_;
  const Limits& limits_;
  Clock clock_;
  Options options_;
  std::mutex keys_mu_;
  std::vector<KeyRow> keys_;  // as last read, newest first
  TimePoint keys_read_{};
};

}  // namespace spbe::sso
