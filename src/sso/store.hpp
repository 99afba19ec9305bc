#pragma once
/// What single sign-on needs from storage; every call runs on the caller's session.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sso/model.hpp"

namespace soci {
class session;
}

namespace spbe::sso {

class SsoStore {
 public:
  virtual ~SsoStore() = default;

  virtual std::int64_t InsertClient(soci::session& s, const ClientRow& c) const = 0;
  virtual std::optional<ClientRow> ClientByClientId(soci::session& s, const std::string& client_id) const = 0;
  virtual std::optional<ClientRow> ClientById(soci::session& s, std::int64_t id) const = 0;
  virtual std::vector<ClientRow> Clients(soci::session& s) const = 0;
  virtual void SetClientDisabled(soci::session& s, std::int64_t id, const std::string& at) const = 0;
  virtual void SetClientSecret(soci::session& s, std::int64_t id, const std::string& hash,
                               const std::string& now) const = 0;

  /// Every key, newest first (retired ones too, while they are published).
  virtual std::vector<KeyRow> Keys(soci::session& s) const = 0;
  virtual void InsertKey(soci::session& s, const KeyRow& k) const = 0;
  /// Retires every key in use; they stay published until `publish_until`.
  virtual void RetireKeys(soci::session& s, const std::string& now, const std::string& publish_until) const = 0;

  virtual std::optional<std::string> SubjectOf(soci::session& s, std::int64_t account_id) const = 0;
  /// Keeps the first subject when two are inserted at once; read it back with SubjectOf.
  virtual void InsertSubject(soci::session& s, std::int64_t account_id, const std::string& sub) const = 0;

  virtual std::int64_t InsertGrant(soci::session& s, const GrantRow& g) const = 0;
  virtual std::optional<GrantRow> GrantByCode(soci::session& s, const std::string& code_hash) const = 0;
  virtual std::optional<GrantRow> GrantById(soci::session& s, std::int64_t id) const = 0;
  /// Marks the code used; false when it already was (two exchanges racing: only one wins).
  virtual bool UseCode(soci::session& s, std::int64_t grant_id, const std::string& now) const = 0;
  virtual void RevokeGrant(soci::session& s, std::int64_t grant_id, const std::string& now,
                           const std::string& reason) const = 0;
  /// Revokes every live grant of the account to the client; how many.
  virtual int RevokeGrantsOf(soci::session& s, std::int64_t account_id, std::int64_t client_id, const std::string& now,
                             const std::string& reason) const = 0;

  /// The live grants made in one portal session, and all of an account's (signing out, or out everywhere).
  virtual std::vector<std::int64_t> LiveGrantsOfSession(soci::session& s, const std::string& session_hash) const = 0;
  virtual std::vector<std::int64_t> LiveGrantsOfAccount(soci::session& s, std::int64_t account_id) const = 0;

  virtual void InsertToken(soci::session& s, const TokenRow& t) const = 0;
  virtual std::optional<TokenRow> TokenByHash(soci::session& s, const std::string& token_hash) const = 0;
  /// Marks a refresh token used; false when it already was.
  virtual bool UseToken(soci::session& s, const std::string& token_hash, const std::string& now) const = 0;
  virtual void RevokeToken(soci::session& s, const std::string& token_hash, const std::string& now) const = 0;

  virtual std::optional<ConsentRow> Consent(soci::session& s, std::int64_t account_id,
                                            std::int64_t client_id) const = 0;
  virtual void SaveConsent(soci::session& s, const ConsentRow& c) const = 0;
  virtual void DeleteConsent(soci::session& s, std::int64_t account_id, std::int64_t client_id) const = 0;
  /// The applications the account let sign it in, with their owner agencies.
  virtual std::vector<ConsentRow> ConsentsOf(soci::session& s, std::int64_t account_id) const = 0;
};

std::unique_ptr<SsoStore> MakeSqlSsoStore();

}  // namespace spbe::sso
