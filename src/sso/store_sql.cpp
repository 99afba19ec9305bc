#include <soci/soci.h>

#include "sso/store.hpp"
#include "storage/rows.hpp"

namespace spbe::sso {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kClientColumns =
    "SELECT c.id, c.client_id, c.name, c.node_id, c.logo_url, c.redirect_uris, c.post_logout_redirect_uris, "
    "c.scopes, c.is_public, c.secret_hash, c.id_token_alg, c.nik_legal_basis, c.created_by, c.created_at, "
    "c.updated_at, c.disabled_at, n.name, n.path FROM sso_clients c JOIN org_nodes n ON n.id = c.node_id ";
constexpr const char* kGrantColumns =
    "SELECT id, client_id, account_id, session_hash, scope, nonce, auth_time, code_hash, redirect_uri, "
    "code_challenge, code_expires_at, code_used_at, created_at, revoked_at, revoked_reason FROM sso_grants ";

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

ClientRow ToClient(const soci::row& r) {
  ClientRow c;
  c.id = Int64(r, 0);
  c.client_id = Text(r, 1);
  c.name = Text(r, 2);
  c.node_id = Int64(r, 3);
  c.logo_url = Text(r, 4);
  c.redirect_uris = SplitLines(Text(r, 5));
  c.post_logout_redirect_uris = SplitLines(Text(r, 6));
  c.scopes = SplitScope(Text(r, 7));
  c.is_public = Int64(r, 8) != 0;
  c.secret_hash = Text(r, 9);
  c.id_token_alg = Text(r, 10);
  c.nik_legal_basis = Text(r, 11);
  c.created_by = Int64(r, 12);
  c.created_at = Text(r, 13);
  c.updated_at = Text(r, 14);
  c.disabled_at = Text(r, 15);
  c.node_name = Text(r, 16);
  c.node_path = Text(r, 17);
  return c;
}

GrantRow ToGrant(const soci::row& r) {
  return {Int64(r, 0), Int64(r, 1), Int64(r, 2), Text(r, 3),  Text(r, 4),  Text(r, 5),  Text(r, 6), Text(r, 7),
          Text(r, 8),  Text(r, 9),  Text(r, 10), Text(r, 11), Text(r, 12), Text(r, 13), Text(r, 14)};
}

template <typename T, typename F>
std::optional<T> First(soci::rowset<soci::row>& rows, F convert) {
  for (const auto& r : rows) return convert(r);
  return std::nullopt;
}

class SqlSsoStore final : public SsoStore {
 public:
  std::int64_t InsertClient(soci::session& s, const ClientRow& c) const override {
    long long node = c.node_id, by = c.created_by, id = 0;
    int is_public = c.is_public ? 1 : 0;
    std::string redirects = Joined(c.redirect_uris), logouts = Joined(c.post_logout_redirect_uris),
                scopes = JoinScope(c.scopes);
    soci::indicator i_secret = c.secret_hash.empty() ? soci::i_null : soci::i_ok;
    soci::indicator i_by = c.created_by == 0 ? soci::i_null : soci::i_ok;
    s << "INSERT INTO sso_clients (client_id, name, node_id, logo_url, redirect_uris, post_logout_redirect_uris, "
         "scopes, is_public, secret_hash, id_token_alg, nik_legal_basis, created_by, created_at, updated_at) VALUES "
         "(:cid, :name, :node, :logo, :redirects, :logouts, :scopes, :public, :secret, :alg, :basis, :by, :at, :at2) "
         "RETURNING id",
        soci::use(c.client_id, "cid"), soci::use(c.name, "name"), soci::use(node, "node"),
        soci::use(c.logo_url, "logo"), soci::use(redirects, "redirects"), soci::use(logouts, "logouts"),
        soci::use(scopes, "scopes"), soci::use(is_public, "public"), soci::use(c.secret_hash, i_secret, "secret"),
        soci::use(c.id_token_alg, "alg"), soci::use(c.nik_legal_basis, "basis"), soci::use(by, i_by, "by"),
        soci::use(c.created_at, "at"), soci::use(c.updated_at, "at2"), soci::into(id);
    return id;
  }
  std::optional<ClientRow> ClientByClientId(soci::session& s, const std::string& client_id) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kClientColumns) + "WHERE c.client_id = :cid", soci::use(client_id, "cid"));
    return First<ClientRow>(rows, ToClient);
  }
  std::optional<ClientRow> ClientById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kClientColumns) + "WHERE c.id = :id", soci::use(key));
    return First<ClientRow>(rows, ToClient);
  }
  std::vector<ClientRow> Clients(soci::session& s) const override {
    soci::rowset<soci::row> rows = (s.prepare << std::string(kClientColumns) + "ORDER BY c.name, c.id");
    std::vector<ClientRow> out;
    for (const auto& r : rows) out.push_back(ToClient(r));
    return out;
  }
  void SetClientDisabled(soci::session& s, std::int64_t id, const std::string& at) const override {
    long long key = id;
    s << "UPDATE sso_clients SET disabled_at = :at, updated_at = :at2 WHERE id = :id", soci::use(at, "at"),
        soci::use(at, "at2"), soci::use(key, "id");
  }
  void SetClientSecret(soci::session& s, std::int64_t id, const std::string& hash,
                       const std::string& now) const override {
    long long key = id;
    s << "UPDATE sso_clients SET secret_hash = :hash, updated_at = :at WHERE id = :id", soci::use(hash, "hash"),
        soci::use(now, "at"), soci::use(key, "id");
  }

  std::vector<KeyRow> Keys(soci::session& s) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT kid, alg, public_jwk, private_sealed, created_at, retired_at, publish_until FROM "
                      "sso_keys ORDER BY created_at DESC, kid");
    std::vector<KeyRow> out;
    for (const auto& r : rows) {
      out.push_back({Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6)});
    }
    return out;
  }
  void InsertKey(soci::session& s, const KeyRow& k) const override {
    s << "INSERT INTO sso_keys (kid, alg, public_jwk, private_sealed, created_at) VALUES (:kid, :alg, :jwk, :sealed, "
         ":at)",
        soci::use(k.kid, "kid"), soci::use(k.alg, "alg"), soci::use(k.public_jwk, "jwk"),
        soci::use(k.private_sealed, "sealed"), soci::use(k.created_at, "at");
  }
  void RetireKeys(soci::session& s, const std::string& now, const std::string& publish_until) const override {
    s << "UPDATE sso_keys SET retired_at = :now, publish_until = :until WHERE retired_at IS NULL",
        soci::use(now, "now"), soci::use(publish_until, "until");
  }

  std::optional<std::string> SubjectOf(soci::session& s, std::int64_t account_id) const override {
    long long key = account_id;
    std::string sub;
    soci::indicator ind = soci::i_null;
    s << "SELECT sub FROM sso_subjects WHERE account_id = :a", soci::use(key, "a"), soci::into(sub, ind);
    if (!s.got_data() || ind != soci::i_ok) return std::nullopt;
    return sub;
  }
  void InsertSubject(soci::session& s, std::int64_t account_id, const std::string& sub) const override {
    long long key = account_id;
    // Two first sign-ins racing: the one that lands first keeps its subject (both engines read ON CONFLICT).
    s << "INSERT INTO sso_subjects (account_id, sub) VALUES (:a, :sub) ON CONFLICT (account_id) DO NOTHING",
        soci::use(key, "a"), soci::use(sub, "sub");
  }

  std::int64_t InsertGrant(soci::session& s, const GrantRow& g) const override {
    long long client = g.client_id, account = g.account_id, id = 0;
    s << "INSERT INTO sso_grants (client_id, account_id, session_hash, scope, nonce, auth_time, code_hash, "
         "redirect_uri, code_challenge, code_expires_at, created_at) VALUES (:client, :account, :session, :scope, "
         ":nonce, :auth_time, :code, :redirect, :challenge, :expires, :at) RETURNING id",
        soci::use(client, "client"), soci::use(account, "account"), soci::use(g.session_hash, "session"),
        soci::use(g.scope, "scope"), soci::use(g.nonce, "nonce"), soci::use(g.auth_time, "auth_time"),
        soci::use(g.code_hash, "code"), soci::use(g.redirect_uri, "redirect"), soci::use(g.code_challenge, "challenge"),
        soci::use(g.code_expires_at, "expires"), soci::use(g.created_at, "at"), soci::into(id);
    return id;
  }
  std::optional<GrantRow> GrantByCode(soci::session& s, const std::string& code_hash) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kGrantColumns) + "WHERE code_hash = :code", soci::use(code_hash, "code"));
    return First<GrantRow>(rows, ToGrant);
  }
  std::optional<GrantRow> GrantById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kGrantColumns) + "WHERE id = :id", soci::use(key));
    return First<GrantRow>(rows, ToGrant);
  }
  bool UseCode(soci::session& s, std::int64_t grant_id, const std::string& now) const override {
    long long key = grant_id;
    soci::statement st = (s.prepare << "UPDATE sso_grants SET code_used_at = :now WHERE id = :id AND code_used_at IS "
                                       "NULL",
                          soci::use(now, "now"), soci::use(key, "id"));
    st.execute(true);
    return st.get_affected_rows() == 1;
  }
  void RevokeGrant(soci::session& s, std::int64_t grant_id, const std::string& now,
                   const std::string& reason) const override {
    long long key = grant_id;
    s << "UPDATE sso_grants SET revoked_at = :now, revoked_reason = :why WHERE id = :id AND revoked_at IS NULL",
        soci::use(now, "now"), soci::use(reason, "why"), soci::use(key, "id");
    s << "UPDATE sso_tokens SET revoked_at = :now WHERE grant_id = :id AND revoked_at IS NULL", soci::use(now, "now"),
        soci::use(key, "id");
  }
  int RevokeGrantsOf(soci::session& s, std::int64_t account_id, std::int64_t client_id, const std::string& now,
                     const std::string& reason) const override {
    long long account = account_id, client = client_id;
    std::vector<long long> ids;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id FROM sso_grants WHERE account_id = :a AND client_id = :c AND revoked_at IS NULL",
         soci::use(account, "a"), soci::use(client, "c"));
    for (const auto& r : rows) ids.push_back(Int64(r, 0));
    for (long long id : ids) RevokeGrant(s, id, now, reason);
    return static_cast<int>(ids.size());
  }

  std::vector<std::int64_t> LiveGrantsOfSession(soci::session& s, const std::string& session_hash) const override {
    std::vector<std::int64_t> ids;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id FROM sso_grants WHERE session_hash = :h AND revoked_at IS NULL",
         soci::use(session_hash, "h"));
    for (const auto& r : rows) ids.push_back(Int64(r, 0));
    return ids;
  }
  std::vector<std::int64_t> LiveGrantsOfAccount(soci::session& s, std::int64_t account_id) const override {
    long long account = account_id;
    std::vector<std::int64_t> ids;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id FROM sso_grants WHERE account_id = :a AND revoked_at IS NULL",
         soci::use(account, "a"));
    for (const auto& r : rows) ids.push_back(Int64(r, 0));
    return ids;
  }

  void InsertToken(soci::session& s, const TokenRow& t) const override {
    long long grant = t.grant_id;
    s << "INSERT INTO sso_tokens (token_hash, grant_id, kind, expires_at, created_at, scope) VALUES (:hash, :grant, "
         ":kind, :expires, :at, :scope)",
        soci::use(t.token_hash, "hash"), soci::use(grant, "grant"), soci::use(t.kind, "kind"),
        soci::use(t.expires_at, "expires"), soci::use(t.created_at, "at"), soci::use(t.scope, "scope");
  }
  std::optional<TokenRow> TokenByHash(soci::session& s, const std::string& token_hash) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT token_hash, grant_id, kind, expires_at, created_at, used_at, revoked_at, scope FROM "
                      "sso_tokens WHERE token_hash = :hash",
         soci::use(token_hash, "hash"));
    return First<TokenRow>(rows, [](const soci::row& r) {
      return TokenRow{Text(r, 0), Int64(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7)};
    });
  }
  bool UseToken(soci::session& s, const std::string& token_hash, const std::string& now) const override {
    soci::statement st =
        (s.prepare << "UPDATE sso_tokens SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL",
         soci::use(now, "now"), soci::use(token_hash, "hash"));
    st.execute(true);
    return st.get_affected_rows() == 1;
  }
  void RevokeToken(soci::session& s, const std::string& token_hash, const std::string& now) const override {
    s << "UPDATE sso_tokens SET revoked_at = :now WHERE token_hash = :hash AND revoked_at IS NULL",
        soci::use(now, "now"), soci::use(token_hash, "hash");
  }

  std::optional<ConsentRow> Consent(soci::session& s, std::int64_t account_id, std::int64_t client_id) const override {
    long long account = account_id, client = client_id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT account_id, client_id, scope, granted_at FROM sso_consents WHERE account_id = :a AND "
                      "client_id = :c",
         soci::use(account, "a"), soci::use(client, "c"));
    return First<ConsentRow>(rows, [](const soci::row& r) {
      ConsentRow c;
      c.account_id = Int64(r, 0);
      c.client_id = Int64(r, 1);
      c.scope = Text(r, 2);
      c.granted_at = Text(r, 3);
      return c;
    });
  }
  void SaveConsent(soci::session& s, const ConsentRow& c) const override {
    long long account = c.account_id, client = c.client_id;
    s << "INSERT INTO sso_consents (account_id, client_id, scope, granted_at) VALUES (:a, :c, :scope, :at) ON CONFLICT "
         "(account_id, client_id) DO UPDATE SET scope = excluded.scope, granted_at = excluded.granted_at",
        soci::use(account, "a"), soci::use(client, "c"), soci::use(c.scope, "scope"), soci::use(c.granted_at, "at");
  }
  void DeleteConsent(soci::session& s, std::int64_t account_id, std::int64_t client_id) const override {
    long long account = account_id, client = client_id;
    s << "DELETE FROM sso_consents WHERE account_id = :a AND client_id = :c", soci::use(account, "a"),
        soci::use(client, "c");
  }
  std::vector<ConsentRow> ConsentsOf(soci::session& s, std::int64_t account_id) const override {
    long long account = account_id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT k.account_id, k.client_id, k.scope, k.granted_at, c.name, n.name, c.logo_url FROM "
                      "sso_consents k JOIN sso_clients c ON c.id = k.client_id JOIN org_nodes n ON n.id = c.node_id "
                      "WHERE k.account_id = :a ORDER BY k.granted_at DESC",
         soci::use(account, "a"));
    std::vector<ConsentRow> out;
    for (const auto& r : rows) {
      out.push_back({Int64(r, 0), Int64(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6)});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<SsoStore> MakeSqlSsoStore() { return std::make_unique<SqlSsoStore>(); }

}  // namespace spbe::sso
