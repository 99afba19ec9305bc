#pragma once
/// Where documents and signing keys are kept (SQL in store_sql.cpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace spbe::documents {

struct KeyRow {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string node_path, provider, public_key, secret_sealed, status, created_at, retired_at;
};

struct DocumentRow {
  std::string id;
  std::int64_t application_id = 0;
  std::string node_path, title, recipient, sha256;
  std::int64_t key_id = 0;
  std::string signature, signer_name, signer_position, agency, issued_at, status, revoked_at, revoked_reason;
};

class DocumentStore {
 public:
  virtual ~DocumentStore() = default;
  virtual std::int64_t InsertKey(soci::session& s, const KeyRow& k) const = 0;
  virtual void RetireKeys(soci::session& s, std::int64_t node_id, const std::string& now) const = 0;
  virtual std::optional<KeyRow> KeyById(soci::session& s, std::int64_t id) const = 0;
  /// The active keys of the nodes on `path` (its ancestors and itself), deepest first.
  virtual std::vector<KeyRow> ActiveKeysOver(soci::session& s, const std::string& path) const = 0;
  virtual std::vector<KeyRow> KeysOf(soci::session& s, std::int64_t node_id) const = 0;

  virtual void Insert(soci::session& s, const DocumentRow& d) const = 0;
  virtual std::optional<DocumentRow> ById(soci::session& s, const std::string& id) const = 0;
  virtual std::vector<DocumentRow> BySha256(soci::session& s, const std::string& sha) const = 0;
  virtual std::optional<DocumentRow> OfApplication(soci::session& s, std::int64_t application_id) const = 0;
  virtual void Revoke(soci::session& s, const std::string& id, const std::string& reason,
                      const std::string& now) const = 0;
};

std::unique_ptr<DocumentStore> MakeSqlDocumentStore();

}  // namespace spbe::documents
