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
  std::string certificate;     // PEM, issued by the platform's authority to the agency
  std::string cms_key_sealed;  // the sealed PEM key of that certificate
};

struct DocumentRow {
  std::string id;
  std::int64_t application_id = 0;
  std::string node_path, title, recipient, sha256;
  std::int64_t key_id = 0;
  std::string signature, signer_name, signer_position, agency, issued_at, status, revoked_at, revoked_reason;
  std::string number;  // the official number, as printed
  std::string signer_nip;
};

/// The platform's own certificate authority: a self-signed root whose key is sealed like the agencies' keys.
struct AuthorityRow {
  std::int64_t id = 0;
  std::string certificate, key_sealed, status, created_at;
};

/// How an agency numbers its documents.
struct Numbering {
  std::string pattern = "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}";
  std::string classification = "500";  // Permendagri 83/2022: 500 is the economy and licensing heading
  std::string unit;                    // empty: from the agency's slug, in capitals
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

  virtual std::optional<AuthorityRow> ActiveAuthority(soci::session& s) const = 0;
  virtual std::int64_t InsertAuthority(soci::session& s, const AuthorityRow& a) const = 0;

  virtual std::optional<Numbering> NumberingOf(soci::session& s, std::int64_t node_id) const = 0;
  virtual void SetNumbering(soci::session& s, std::int64_t node_id, const Numbering& n,
                            const std::string& now) const = 0;
  /// The next number of the node's yearly sequence, taken inside the caller's unit of work: a rolled back unit
  /// gives it back, so the sequence has no gaps; concurrent units wait on the sequence's row.
  virtual std::int64_t NextNumber(soci::session& s, std::int64_t node_id, int year) const = 0;
};

std::unique_ptr<DocumentStore> MakeSqlDocumentStore();

}  // namespace spbe::documents
