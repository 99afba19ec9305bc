#pragma once
/// What the identity capability needs from storage; every call runs on the caller's session.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/access.hpp"

namespace soci {
class session;
}

namespace spbe::identity {

struct Account {
  std::int64_t id = 0;
  access::AccountKind kind = access::AccountKind::kWarga;
  std::string name;
  std::string email;  // lower case; empty when none
  bool email_verified = false;
  std::string phone_sealed, phone_index;
  std::string nik_sealed, nik_index;
  std::string nip, position, nib, npwp;
  std::string password_hash;
  std::string status;              // "pending", "active", "disabled"
  bool demo = false;               // created by seed-demo with the published demo password
  std::string totp_secret_sealed;  // the second factor's secret, sealed; empty when never set up
  bool totp_enabled = false;
  std::string created_at;
  std::string language = "id";         // of the messages sent to the account
  std::string phone_channel = "none";  // "none", "sms" or "whatsapp": short messages to the phone too
};

struct SessionRow {
  std::int64_t account_id = 0;
  std::string last_seen_at;
  std::string expires_at;
  std::string created_at;  // when the person signed in
};

struct CodeRow {
  std::int64_t id = 0;
  std::string code_hash;
  std::string expires_at;
  int attempts = 0;
};

struct GrantRow {
  std::int64_t node_id = 0;
  std::string role;
  std::string node_name;
  std::string node_path;
};

/// One role on one node, with what deciding about it needs.
struct GrantDetail {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::int64_t node_id = 0;
  std::string role;
  std::string node_path;
};

struct ApiKeyRow {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string name;
  std::string scopes;  // space-separated
  std::string prefix;
  std::string key_hash;
  std::int64_t created_by = 0;
  std::string created_at;
  std::string revoked_at;  // empty while valid
};

class IdentityStore {
 public:
  virtual ~IdentityStore() = default;
  virtual std::optional<Account> Get(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<Account> FindByEmail(soci::session& s, const std::string& email) const = 0;
  virtual std::optional<Account> FindByNikIndex(soci::session& s, const std::string& index) const = 0;
  virtual std::optional<Account> FindByPhoneIndex(soci::session& s, const std::string& index) const = 0;
  virtual std::optional<Account> FindByNip(soci::session& s, const std::string& nip) const = 0;
  virtual std::int64_t Insert(soci::session& s, const Account& a, const std::string& now) const = 0;
  virtual void Activate(soci::session& s, std::int64_t id, const std::string& now) const = 0;
  virtual void SetPasswordHash(soci::session& s, std::int64_t id, const std::string& hash,
                               const std::string& now) const = 0;

  virtual std::vector<GrantRow> Grants(soci::session& s, std::int64_t account_id) const = 0;
  virtual void AddGrant(soci::session& s, std::int64_t account_id, std::int64_t node_id, const std::string& role,
                        const std::string& now) const = 0;
  virtual std::optional<GrantDetail> GrantById(soci::session& s, std::int64_t grant_id) const = 0;
  virtual std::vector<GrantDetail> GrantDetails(soci::session& s, std::int64_t account_id) const = 0;
  virtual void DeleteGrant(soci::session& s, std::int64_t grant_id) const = 0;
  /// Active officers holding `role` on the node at `node_path` or on a node above it.
  virtual int CountActiveWithRole(soci::session& s, const std::string& role, const std::string& node_path) const = 0;
  virtual void SetPreferences(soci::session& s, std::int64_t account_id, const std::string& language,
                              const std::string& phone_channel, const std::string& now) const = 0;
  virtual void SetStatus(soci::session& s, std::int64_t account_id, const std::string& status,
                         const std::string& now) const = 0;

  virtual void InsertSession(soci::session& s, const std::string& token_hash, std::int64_t account_id,
                             const std::string& now, const std::string& expires_at) const = 0;
  virtual std::optional<SessionRow> GetSession(soci::session& s, const std::string& token_hash) const = 0;
  virtual void TouchSession(soci::session& s, const std::string& token_hash, const std::string& now) const = 0;
  virtual void DeleteSession(soci::session& s, const std::string& token_hash) const = 0;
  virtual void DeleteSessionsOf(soci::session& s, std::int64_t account_id) const = 0;

  virtual void InsertCode(soci::session& s, std::int64_t account_id, const std::string& purpose,
                          const std::string& code_hash, const std::string& expires_at,
                          const std::string& now) const = 0;
  virtual std::optional<CodeRow> LatestUnusedCode(soci::session& s, std::int64_t account_id,
                                                  const std::string& purpose) const = 0;
  virtual void UseCode(soci::session& s, std::int64_t code_id, const std::string& now) const = 0;
  virtual void CountCodeAttempt(soci::session& s, std::int64_t code_id) const = 0;

  virtual int CountDemoAccounts(soci::session& s) const = 0;

  struct OfficerRow {
    std::int64_t id = 0;
    std::string name, email, nip, status, role, node_name;
    std::int64_t grant_id = 0;
    std::int64_t node_id = 0;
  };
  /// Officers holding a role on the subtree under `path`.
  virtual std::vector<OfficerRow> OfficersUnder(soci::session& s, const std::string& path) const = 0;
  virtual void SetTotp(soci::session& s, std::int64_t id, const std::string& sealed, bool enabled,
                       const std::string& now) const = 0;

  virtual std::int64_t InsertApiKey(soci::session& s, const ApiKeyRow& k) const = 0;
  virtual std::optional<ApiKeyRow> ApiKeyByPrefix(soci::session& s, const std::string& prefix) const = 0;
  virtual std::optional<ApiKeyRow> ApiKeyById(soci::session& s, std::int64_t id) const = 0;
  virtual std::vector<ApiKeyRow> ApiKeysOfNode(soci::session& s, std::int64_t node_id) const = 0;
  virtual void RevokeApiKey(soci::session& s, std::int64_t id, const std::string& now) const = 0;

  struct SessionInfo {
    std::string created_at, last_seen_at, expires_at;
  };
  virtual std::vector<SessionInfo> SessionsOf(soci::session& s, std::int64_t account_id) const = 0;
  struct Message {
    std::string channel, subject, created_at, sent_at;
  };
  virtual std::vector<Message> MessagesTo(soci::session& s, const Account& account) const = 0;
  /// Removes the account and what hangs off it (sessions, codes, grants). The audit trail keeps its entries.
  virtual void DeleteAccount(soci::session& s, std::int64_t account_id) const = 0;
  /// Browsers that signed in to an account (the hash of their device cookie).
  virtual void InsertDevice(soci::session& s, const std::string& token_hash, std::int64_t account_id,
                            const std::string& now) const = 0;
  /// The account a device cookie belongs to (0: none), marking it used.
  virtual std::int64_t DeviceOwner(soci::session& s, const std::string& token_hash) const = 0;
  /// Citizens' and businesses' accounts still waiting for their e-mail code, created before `before`.
  virtual std::vector<std::int64_t> PendingSignUpsBefore(soci::session& s, const std::string& before) const = 0;

  virtual void Enqueue(soci::session& s, const std::string& channel, const std::string& recipient,
                       const std::string& subject, const std::string& body, const std::string& now) const = 0;
  /// Active accounts granted `role` on a node on the way to `node_path` (that node or above it): the grant's node
  /// path and the account.
  virtual std::vector<std::pair<std::string, std::int64_t>> GrantsAbove(soci::session& s, const std::string& role,
                                                                        const std::string& node_path) const = 0;
};

std::unique_ptr<IdentityStore> MakeSqlIdentityStore();

}  // namespace spbe::identity
