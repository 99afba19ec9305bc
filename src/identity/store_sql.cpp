#include <soci/soci.h>

#include "identity/store.hpp"
#include "storage/changes.hpp"
#include "storage/rows.hpp"
#include "storage/statements.hpp"

namespace spbe::identity {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kAccountColumns =
    "SELECT id, kind, name, email, email_verified_at, phone_sealed, phone_index, nik_sealed, nik_index, nip, "
    "position, nib, npwp, password_hash, status, created_at, demo, totp_secret_sealed, totp_enabled, language, "
    "phone_channel FROM accounts ";
constexpr const char* kInsertAccount =
    "INSERT INTO accounts (kind, name, email, phone_sealed, phone_index, nik_sealed, nik_index, nip, position, nib, "
    "npwp, password_hash, status, demo, language, created_at, updated_at) VALUES (:kind, :name, :email, "
    ":phone_sealed, :phone_index, :nik_sealed, :nik_index, :nip, :position, :nib, :npwp, :password_hash, :status, "
    ":demo, :language, :now, :now2)";
constexpr const char* kSetPreferences =
    "UPDATE accounts SET language = :language, phone_channel = :channel, updated_at = :now WHERE id = :id";
constexpr const char* kSessionsOf =
    "SELECT created_at, last_seen_at, expires_at FROM sessions WHERE account_id = :id ORDER BY created_at";
// Everything sent to the account: e-mail and short messages (the phone stays sealed in the outbox, under the same
// sealed value as the account's), and the inbox.
constexpr const char* kMessagesTo =
    "SELECT channel, subject, created_at, sent_at FROM notification_outbox WHERE recipient = :email "
    "OR recipient = :phone UNION ALL SELECT 'inbox', subject, created_at, read_at FROM inbox_messages "
    "WHERE account_id = :id ORDER BY 3";
constexpr const char* kDeleteInbox = "DELETE FROM inbox_messages WHERE account_id = :id";
constexpr const char* kDeleteCodes = "DELETE FROM one_time_codes WHERE account_id = :id";
constexpr const char* kDeleteGrants = "DELETE FROM account_grants WHERE account_id = :id";
constexpr const char* kDeleteAccount = "DELETE FROM accounts WHERE id = :id";
constexpr const char* kInsertDevice =
    "INSERT INTO signin_devices (token_hash, account_id, created_at) VALUES (:hash, :account, :now)";
constexpr const char* kDeleteDevices = "DELETE FROM signin_devices WHERE account_id = :id";
constexpr const char* kDeviceOwner = "SELECT account_id FROM signin_devices WHERE token_hash = :hash";
constexpr const char* kPendingSignUps =
    "SELECT id FROM accounts WHERE status = 'pending' AND kind IN ('warga', 'pelaku_usaha') AND created_at < :before "
    "ORDER BY id LIMIT 500";
constexpr const char* kInsertApiKey =
    "INSERT INTO api_keys (node_id, name, scopes, prefix, key_hash, created_by, created_at) "
    "VALUES (:node, :name, :scopes, :prefix, :hash, :by, :now)";
constexpr const char* kApiKeyColumns =
    "SELECT id, node_id, name, scopes, prefix, key_hash, created_by, created_at, revoked_at FROM api_keys ";
constexpr const char* kRevokeApiKey = "UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL";
constexpr const char* kSetTotp =
    "UPDATE accounts SET totp_secret_sealed = :sealed, totp_enabled = :enabled, updated_at = :now WHERE id = :id";
constexpr const char* kOfficersUnder =
    "SELECT a.id, a.name, a.email, a.nip, a.status, g.role, n.name, g.id, g.node_id FROM account_grants g "
    "JOIN accounts a ON a.id = g.account_id JOIN org_nodes n ON n.id = g.node_id "
    "WHERE n.path LIKE :prefix ORDER BY n.path, a.name";
constexpr const char* kCountDemo = "SELECT COUNT(*) FROM accounts WHERE demo = 1";
constexpr const char* kActivate =
    "UPDATE accounts SET status = 'active', email_verified_at = :now, updated_at = :now2 WHERE id = :id";
constexpr const char* kSetPassword = "UPDATE accounts SET password_hash = :hash, updated_at = :now WHERE id = :id";
constexpr const char* kGrants =
    "SELECT g.node_id, g.role, n.name, n.path FROM account_grants g JOIN org_nodes n ON n.id = g.node_id "
    "WHERE g.account_id = :id ORDER BY n.path, g.role";
constexpr const char* kAddGrant =
    "INSERT INTO account_grants (account_id, node_id, role, created_at) VALUES (:account, :node, :role, :now)";
constexpr const char* kGrantById =
    "SELECT g.id, g.account_id, g.node_id, g.role, n.path FROM account_grants g JOIN org_nodes n ON n.id = g.node_id "
    "WHERE g.id = :id";
constexpr const char* kGrantDetails =
    "SELECT g.id, g.account_id, g.node_id, g.role, n.path FROM account_grants g JOIN org_nodes n ON n.id = g.node_id "
    "WHERE g.account_id = :id ORDER BY g.id";
constexpr const char* kCountActiveWithRole =
    "SELECT COUNT(*) FROM account_grants g JOIN accounts a ON a.id = g.account_id JOIN org_nodes n ON n.id = g.node_id "
    "WHERE g.role = :role AND a.status = 'active' AND :path LIKE n.path || '%'";
constexpr const char* kDeleteGrant = "DELETE FROM account_grants WHERE id = :id";
constexpr const char* kSetStatus = "UPDATE accounts SET status = :status, updated_at = :now WHERE id = :id";
constexpr const char* kInsertSession =
    "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at) "
    "VALUES (:hash, :account, :now, :now2, :expires)";
constexpr const char* kGetSession =
    "SELECT account_id, last_seen_at, expires_at, created_at FROM sessions WHERE token_hash = :hash";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = :now WHERE token_hash = :hash";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE token_hash = :hash";
constexpr const char* kDeleteSessionsOf = "DELETE FROM sessions WHERE account_id = :id";
constexpr const char* kInsertCode =
    "INSERT INTO one_time_codes (account_id, purpose, code_hash, expires_at, created_at) "
    "VALUES (:account, :purpose, :hash, :expires, :now)";
constexpr const char* kLatestCode =
    "SELECT id, code_hash, expires_at, attempts FROM one_time_codes WHERE account_id = :account AND purpose = :purpose "
    "AND used_at IS NULL ORDER BY id DESC";
constexpr const char* kUseCode = "UPDATE one_time_codes SET used_at = :now WHERE id = :id";
constexpr const char* kCountAttempt = "UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = :id";
constexpr const char* kEnqueue =
    "INSERT INTO notification_outbox (channel, recipient, subject, body, created_at) "
    "VALUES (:channel, :recipient, :subject, :body, :now)";
constexpr const char* kGrantsAbove =
    "SELECT n.path, a.id FROM account_grants g JOIN accounts a ON a.id = g.account_id "
    "JOIN org_nodes n ON n.id = g.node_id WHERE g.role = :role AND a.status = 'active' "
    "AND :path LIKE n.path || '%'";

Account ToAccount(const soci::row& r) {
  Account a;
  a.id = Int64(r, 0);
  a.kind = access::ParseAccountKind(Text(r, 1)).value_or(access::AccountKind::kWarga);
  a.name = Text(r, 2);
  a.email = Text(r, 3);
  a.email_verified = r.get_indicator(4) == soci::i_ok;
  a.phone_sealed = Text(r, 5);
  a.phone_index = Text(r, 6);
  a.nik_sealed = Text(r, 7);
  a.nik_index = Text(r, 8);
  a.nip = Text(r, 9);
  a.position = Text(r, 10);
  a.nib = Text(r, 11);
  a.npwp = Text(r, 12);
  a.password_hash = Text(r, 13);
  a.status = Text(r, 14);
  a.created_at = Text(r, 15);
  a.demo = Int64(r, 16) != 0;
  a.totp_secret_sealed = Text(r, 17);
  a.totp_enabled = Int64(r, 18) != 0;
  a.language = Text(r, 19);
  a.phone_channel = Text(r, 20);
  return a;
}

std::optional<Account> One(soci::session& s, const std::string& where, const std::string& value) {
  return storage::QueryRow(s, std::string(kAccountColumns) + where, ToAccount, value);
}

// An empty text is stored as NULL so UNIQUE columns allow many accounts without one.
soci::indicator NullIfEmpty(const std::string& s) { return s.empty() ? soci::i_null : soci::i_ok; }

ApiKeyRow ToApiKey(const soci::row& r) {
  ApiKeyRow k;
  k.id = Int64(r, 0);
  k.node_id = Int64(r, 1);
  k.name = Text(r, 2);
  k.scopes = Text(r, 3);
  k.prefix = Text(r, 4);
  k.key_hash = Text(r, 5);
  if (r.get_indicator(6) == soci::i_ok) k.created_by = Int64(r, 6);
  k.created_at = Text(r, 7);
  k.revoked_at = Text(r, 8);
  return k;
}

class SqlIdentityStore final : public IdentityStore {
 public:
  std::optional<Account> Get(soci::session& s, std::int64_t id) const override {
    // Kept prepared: every filing reads its applicant (the notice's recipient).
    static const std::string kById = std::string(kAccountColumns) + "WHERE id = :id";
    return storage::QueryRow(s, kById, ToAccount, id);
  }
  std::optional<Account> FindByEmail(soci::session& s, const std::string& email) const override {
    return One(s, "WHERE email = :v", email);
  }
  std::optional<Account> FindByNikIndex(soci::session& s, const std::string& index) const override {
    return One(s, "WHERE nik_index = :v", index);
  }
  std::optional<Account> FindByPhoneIndex(soci::session& s, const std::string& index) const override {
    return One(s, "WHERE phone_index = :v", index);
  }
  std::optional<Account> FindByNip(soci::session& s, const std::string& nip) const override {
    return One(s, "WHERE nip = :v", nip);
  }

  std::int64_t Insert(soci::session& s, const Account& a, const std::string& now) const override {
    std::string kind(access::AccountKindName(a.kind));
    int demo = a.demo ? 1 : 0;
    soci::indicator i_email = NullIfEmpty(a.email), i_ps = NullIfEmpty(a.phone_sealed),
                    i_pi = NullIfEmpty(a.phone_index), i_ns = NullIfEmpty(a.nik_sealed),
                    i_ni = NullIfEmpty(a.nik_index), i_nip = NullIfEmpty(a.nip), i_pos = NullIfEmpty(a.position),
                    i_nib = NullIfEmpty(a.nib), i_npwp = NullIfEmpty(a.npwp), i_pw = NullIfEmpty(a.password_hash);
    s << kInsertAccount, soci::use(kind, "kind"), soci::use(a.name, "name"), soci::use(a.email, i_email, "email"),
        soci::use(a.phone_sealed, i_ps, "phone_sealed"), soci::use(a.phone_index, i_pi, "phone_index"),
        soci::use(a.nik_sealed, i_ns, "nik_sealed"), soci::use(a.nik_index, i_ni, "nik_index"),
        soci::use(a.nip, i_nip, "nip"), soci::use(a.position, i_pos, "position"), soci::use(a.nib, i_nib, "nib"),
        soci::use(a.npwp, i_npwp, "npwp"), soci::use(a.password_hash, i_pw, "password_hash"),
        soci::use(a.status, "status"), soci::use(demo, "demo"), soci::use(a.language, "language"),
        soci::use(now, "now"), soci::use(now, "now2");
    // Find the row by a unique column we just wrote (portable, unlike last-insert-id).
    std::optional<Account> back = !a.email.empty()       ? FindByEmail(s, a.email)
                                  : !a.nik_index.empty() ? FindByNikIndex(s, a.nik_index)
                                  : !a.nip.empty()       ? FindByNip(s, a.nip)
                                                         : FindByPhoneIndex(s, a.phone_index);
    return back->id;
  }

  void Activate(soci::session& s, std::int64_t id, const std::string& now) const override {
    long long key = id;
    s << kActivate, soci::use(now, "now"), soci::use(now, "now2"), soci::use(key, "id");
    storage::NoteChange("accounts", id);
  }
  void SetPasswordHash(soci::session& s, std::int64_t id, const std::string& hash,
                       const std::string& now) const override {
    long long key = id;
    s << kSetPassword, soci::use(hash, "hash"), soci::use(now, "now"), soci::use(key, "id");
    storage::NoteChange("accounts", id);
  }

  std::vector<GrantRow> Grants(soci::session& s, std::int64_t account_id) const override {
    long long key = account_id;
    soci::rowset<soci::row> rows = (s.prepare << kGrants, soci::use(key, "id"));
    std::vector<GrantRow> out;
    for (const auto& r : rows) out.push_back({Int64(r, 0), Text(r, 1), Text(r, 2), Text(r, 3)});
    return out;
  }
  void AddGrant(soci::session& s, std::int64_t account_id, std::int64_t node_id, const std::string& role,
                const std::string& now) const override {
    long long a = account_id, n = node_id;
    s << kAddGrant, soci::use(a, "account"), soci::use(n, "node"), soci::use(role, "role"), soci::use(now, "now");
    storage::NoteChange("accounts", account_id);
  }

  std::optional<GrantDetail> GrantById(soci::session& s, std::int64_t grant_id) const override {
    long long key = grant_id;
    soci::rowset<soci::row> rows = (s.prepare << kGrantById, soci::use(key, "id"));
    for (const auto& r : rows) return GrantDetail{Int64(r, 0), Int64(r, 1), Int64(r, 2), Text(r, 3), Text(r, 4)};
    return std::nullopt;
  }
  std::vector<GrantDetail> GrantDetails(soci::session& s, std::int64_t account_id) const override {
    long long key = account_id;
    soci::rowset<soci::row> rows = (s.prepare << kGrantDetails, soci::use(key, "id"));
    std::vector<GrantDetail> out;
    for (const auto& r : rows) out.push_back({Int64(r, 0), Int64(r, 1), Int64(r, 2), Text(r, 3), Text(r, 4)});
    return out;
  }
  int CountActiveWithRole(soci::session& s, const std::string& role, const std::string& node_path) const override {
    long long n = 0;
    s << kCountActiveWithRole, soci::use(role, "role"), soci::use(node_path, "path"), soci::into(n);
    return static_cast<int>(n);
  }
  void DeleteGrant(soci::session& s, std::int64_t grant_id) const override {
    long long key = grant_id;
    if (auto g = GrantById(s, grant_id)) storage::NoteChange("accounts", g->account_id);
    s << kDeleteGrant, soci::use(key, "id");
  }
  void SetPreferences(soci::session& s, std::int64_t account_id, const std::string& language,
                      const std::string& phone_channel, const std::string& now) const override {
    s << kSetPreferences, soci::use(language, "language"), soci::use(phone_channel, "channel"), soci::use(now, "now"),
        soci::use(account_id, "id");
    storage::NoteChange("accounts", account_id);
  }
  void SetStatus(soci::session& s, std::int64_t account_id, const std::string& status,
                 const std::string& now) const override {
    long long key = account_id;
    s << kSetStatus, soci::use(status, "status"), soci::use(now, "now"), soci::use(key, "id");
    storage::NoteChange("accounts", account_id);
  }

  void InsertSession(soci::session& s, const std::string& token_hash, std::int64_t account_id, const std::string& now,
                     const std::string& expires_at) const override {
    long long a = account_id;
    s << kInsertSession, soci::use(token_hash, "hash"), soci::use(a, "account"), soci::use(now, "now"),
        soci::use(now, "now2"), soci::use(expires_at, "expires");
  }
  std::optional<SessionRow> GetSession(soci::session& s, const std::string& token_hash) const override {
    soci::rowset<soci::row> rows = (s.prepare << kGetSession, soci::use(token_hash, "hash"));
    for (const auto& r : rows) return SessionRow{Int64(r, 0), Text(r, 1), Text(r, 2), Text(r, 3)};
    return std::nullopt;
  }
  void TouchSession(soci::session& s, const std::string& token_hash, const std::string& now) const override {
    if (auto session = GetSession(s, token_hash)) storage::NoteChange("accounts", session->account_id);
    s << kTouchSession, soci::use(now, "now"), soci::use(token_hash, "hash");
  }
  void DeleteSession(soci::session& s, const std::string& token_hash) const override {
    if (auto session = GetSession(s, token_hash)) storage::NoteChange("accounts", session->account_id);
    s << kDeleteSession, soci::use(token_hash, "hash");
  }
  void DeleteSessionsOf(soci::session& s, std::int64_t account_id) const override {
    long long a = account_id;
    s << kDeleteSessionsOf, soci::use(a, "id");
    storage::NoteChange("accounts", account_id);
  }

  void InsertCode(soci::session& s, std::int64_t account_id, const std::string& purpose, const std::string& code_hash,
                  const std::string& expires_at, const std::string& now) const override {
    long long a = account_id;
    s << kInsertCode, soci::use(a, "account"), soci::use(purpose, "purpose"), soci::use(code_hash, "hash"),
        soci::use(expires_at, "expires"), soci::use(now, "now");
  }
  std::optional<CodeRow> LatestUnusedCode(soci::session& s, std::int64_t account_id,
                                          const std::string& purpose) const override {
    long long a = account_id;
    soci::rowset<soci::row> rows = (s.prepare << kLatestCode, soci::use(a, "account"), soci::use(purpose, "purpose"));
    for (const auto& r : rows) return CodeRow{Int64(r, 0), Text(r, 1), Text(r, 2), static_cast<int>(Int64(r, 3))};
    return std::nullopt;
  }
  void UseCode(soci::session& s, std::int64_t code_id, const std::string& now) const override {
    long long id = code_id;
    s << kUseCode, soci::use(now, "now"), soci::use(id, "id");
  }
  void CountCodeAttempt(soci::session& s, std::int64_t code_id) const override {
    long long id = code_id;
    s << kCountAttempt, soci::use(id, "id");
  }

  int CountDemoAccounts(soci::session& s) const override {
    int n = 0;
    s << kCountDemo, soci::into(n);
    return n;
  }

  std::vector<SessionInfo> SessionsOf(soci::session& s, std::int64_t account_id) const override {
    long long id = account_id;
    soci::rowset<soci::row> rows = (s.prepare << kSessionsOf, soci::use(id, "id"));
    std::vector<SessionInfo> out;
    for (const auto& r : rows) out.push_back({Text(r, 0), Text(r, 1), Text(r, 2)});
    return out;
  }
  std::vector<Message> MessagesTo(soci::session& s, const Account& a) const override {
    long long id = a.id;
    // An empty value must match no row: NULL never equals anything.
    soci::indicator ie = a.email.empty() ? soci::i_null : soci::i_ok;
    soci::indicator ip = a.phone_sealed.empty() ? soci::i_null : soci::i_ok;
    soci::rowset<soci::row> rows = (s.prepare << kMessagesTo, soci::use(a.email, ie, "email"),
                                    soci::use(a.phone_sealed, ip, "phone"), soci::use(id, "id"));
    std::vector<Message> out;
    for (const auto& r : rows) out.push_back({Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3)});
    return out;
  }
  void DeleteAccount(soci::session& s, std::int64_t account_id) const override {
    long long id = account_id;
    s << kDeleteSessionsOf, soci::use(id, "id");
    s << kDeleteCodes, soci::use(id, "id");
    s << kDeleteDevices, soci::use(id, "id");
    s << kDeleteInbox, soci::use(id, "id");
    s << kDeleteGrants, soci::use(id, "id");
    s << kDeleteAccount, soci::use(id, "id");
    storage::NoteChange("accounts", account_id);
  }

  void InsertDevice(soci::session& s, const std::string& token_hash, std::int64_t account_id,
                    const std::string& now) const override {
    long long account = account_id;
    s << kInsertDevice, soci::use(token_hash, "hash"), soci::use(account, "account"), soci::use(now, "now");
  }
  std::int64_t DeviceOwner(soci::session& s, const std::string& token_hash) const override {
    soci::rowset<soci::row> rows = (s.prepare << kDeviceOwner, soci::use(token_hash, "hash"));
    for (const auto& r : rows) return Int64(r, 0);
    return 0;
  }

  std::vector<std::int64_t> PendingSignUpsBefore(soci::session& s, const std::string& before) const override {
    std::vector<std::int64_t> out;
    soci::rowset<soci::row> rows = (s.prepare << kPendingSignUps, soci::use(before, "before"));
    for (const auto& r : rows) out.push_back(Int64(r, 0));
    return out;
  }

  std::int64_t InsertApiKey(soci::session& s, const ApiKeyRow& k) const override {
    long long node = k.node_id, by = k.created_by;
    soci::indicator by_ind = k.created_by ? soci::i_ok : soci::i_null;
    s << kInsertApiKey, soci::use(node, "node"), soci::use(k.name, "name"), soci::use(k.scopes, "scopes"),
        soci::use(k.prefix, "prefix"), soci::use(k.key_hash, "hash"), soci::use(by, by_ind, "by"),
        soci::use(k.created_at, "now");
    std::int64_t id = ApiKeyByPrefix(s, k.prefix)->id;
    storage::NoteChange("api_keys", id);
    return id;
  }
  std::optional<ApiKeyRow> ApiKeyByPrefix(soci::session& s, const std::string& prefix) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kApiKeyColumns) + "WHERE prefix = :p", soci::use(prefix, "p"));
    for (const auto& r : rows) return ToApiKey(r);
    return std::nullopt;
  }
  std::optional<ApiKeyRow> ApiKeyById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kApiKeyColumns) + "WHERE id = :id", soci::use(key, "id"));
    for (const auto& r : rows) return ToApiKey(r);
    return std::nullopt;
  }
  std::vector<ApiKeyRow> ApiKeysOfNode(soci::session& s, std::int64_t node_id) const override {
    long long node = node_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kApiKeyColumns) + "WHERE node_id = :node ORDER BY id", soci::use(node, "node"));
    std::vector<ApiKeyRow> out;
    for (const auto& r : rows) out.push_back(ToApiKey(r));
    return out;
  }
  void RevokeApiKey(soci::session& s, std::int64_t id, const std::string& now) const override {
    long long key = id;
    s << kRevokeApiKey, soci::use(now, "now"), soci::use(key, "id");
    storage::NoteChange("api_keys", id);
  }

  void SetTotp(soci::session& s, std::int64_t id, const std::string& sealed, bool enabled,
               const std::string& now) const override {
    long long key = id;
    int on = enabled ? 1 : 0;
    s << kSetTotp, soci::use(sealed, "sealed"), soci::use(on, "enabled"), soci::use(now, "now"), soci::use(key, "id");
    storage::NoteChange("accounts", id);
  }

  std::vector<OfficerRow> OfficersUnder(soci::session& s, const std::string& path) const override {
    std::string prefix = path + "%";
    soci::rowset<soci::row> rows = (s.prepare << kOfficersUnder, soci::use(prefix, "prefix"));
    std::vector<OfficerRow> out;
    for (const auto& r : rows)
      out.push_back({Int64(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6), Int64(r, 7),
                     Int64(r, 8)});
    return out;
  }

  void Enqueue(soci::session& s, const std::string& channel, const std::string& recipient, const std::string& subject,
               const std::string& body, const std::string& now) const override {
    s << kEnqueue, soci::use(channel, "channel"), soci::use(recipient, "recipient"), soci::use(subject, "subject"),
        soci::use(body, "body"), soci::use(now, "now");
  }

  std::vector<std::pair<std::string, std::int64_t>> GrantsAbove(soci::session& s, const std::string& role,
                                                                const std::string& node_path) const override {
    std::vector<std::pair<std::string, std::int64_t>> out;  // path, account
    soci::rowset<soci::row> found = (s.prepare << kGrantsAbove, soci::use(role, "role"), soci::use(node_path, "path"));
    for (const auto& row : found) out.emplace_back(row.get<std::string>(0), Int64(row, 1));
    return out;
  }
};

}  // namespace

std::unique_ptr<IdentityStore> MakeSqlIdentityStore() { return std::make_unique<SqlIdentityStore>(); }

}  // namespace spbe::identity
