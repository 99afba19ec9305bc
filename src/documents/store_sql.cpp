#include <soci/soci.h>

#include "documents/store.hpp"
#include "storage/rows.hpp"

namespace spbe::documents {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kKeyColumns =
    "SELECT id, node_id, node_path, provider, public_key, secret_sealed, status, created_at, retired_at, certificate, "
    "cms_key_sealed FROM signing_keys ";
constexpr const char* kInsertKey =
    "INSERT INTO signing_keys (node_id, node_path, provider, public_key, secret_sealed, status, created_at, "
    "certificate, cms_key_sealed) VALUES (:node, :path, :provider, :public, :sealed, 'active', :now, :certificate, "
    ":cms_key) RETURNING id";
constexpr const char* kRetireKeys =
    "UPDATE signing_keys SET status = 'retired', retired_at = :now WHERE node_id = :node AND status = 'active'";
constexpr const char* kDocColumns =
    "SELECT id, application_id, node_path, title, recipient, sha256, key_id, signature, signer_name, signer_position, "
    "agency, issued_at, status, revoked_at, revoked_reason, number, signer_nip FROM documents ";
constexpr const char* kInsertDoc =
    "INSERT INTO documents (id, application_id, node_path, title, recipient, sha256, key_id, signature, signer_name, "
    "signer_position, agency, issued_at, status, number, signer_nip) VALUES (:id, :application, :path, :title, "
    ":recipient, :sha, :key, :signature, :signer, :position, :agency, :issued, 'valid', :number, :nip)";
constexpr const char* kRevoke =
    "UPDATE documents SET status = 'revoked', revoked_at = :now, revoked_reason = :reason WHERE id = :id";

KeyRow ToKey(const soci::row& r) {
  return {Int64(r, 0), Int64(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5),
          Text(r, 6),  Text(r, 7),  Text(r, 8), Text(r, 9), Text(r, 10)};
}

DocumentRow ToDoc(const soci::row& r) {
  return {Text(r, 0),  Int64(r, 1), Text(r, 2),  Text(r, 3),  Text(r, 4),  Text(r, 5),
          Int64(r, 6), Text(r, 7),  Text(r, 8),  Text(r, 9),  Text(r, 10), Text(r, 11),
          Text(r, 12), Text(r, 13), Text(r, 14), Text(r, 15), Text(r, 16)};
}

class SqlDocumentStore final : public DocumentStore {
 public:
  std::int64_t InsertKey(soci::session& s, const KeyRow& k) const override {
    long long node = k.node_id, id = 0;
    s << kInsertKey, soci::use(node, "node"), soci::use(k.node_path, "path"), soci::use(k.provider, "provider"),
        soci::use(k.public_key, "public"), soci::use(k.secret_sealed, "sealed"), soci::use(k.created_at, "now"),
        soci::use(k.certificate, "certificate"), soci::use(k.cms_key_sealed, "cms_key"), soci::into(id);
    return id;
  }
  void RetireKeys(soci::session& s, std::int64_t node_id, const std::string& now) const override {
    long long node = node_id;
    s << kRetireKeys, soci::use(now, "now"), soci::use(node, "node");
  }
  std::optional<KeyRow> KeyById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kKeyColumns) + "WHERE id = :id", soci::use(key, "id"));
    for (const auto& r : rows) return ToKey(r);
    return std::nullopt;
  }
  std::vector<KeyRow> ActiveKeysOver(soci::session& s, const std::string& path) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kKeyColumns) +
                          "WHERE status = 'active' AND :path LIKE node_path || '%' ORDER BY LENGTH(node_path) DESC, id",
         soci::use(path, "path"));
    std::vector<KeyRow> out;
    for (const auto& r : rows) out.push_back(ToKey(r));
    return out;
  }
  std::vector<KeyRow> KeysOf(soci::session& s, std::int64_t node_id) const override {
    long long node = node_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kKeyColumns) + "WHERE node_id = :node ORDER BY id", soci::use(node, "node"));
    std::vector<KeyRow> out;
    for (const auto& r : rows) out.push_back(ToKey(r));
    return out;
  }

  void Insert(soci::session& s, const DocumentRow& d) const override {
    long long application = d.application_id, key = d.key_id;
    s << kInsertDoc, soci::use(d.id, "id"), soci::use(application, "application"), soci::use(d.node_path, "path"),
        soci::use(d.title, "title"), soci::use(d.recipient, "recipient"), soci::use(d.sha256, "sha"),
        soci::use(key, "key"), soci::use(d.signature, "signature"), soci::use(d.signer_name, "signer"),
        soci::use(d.signer_position, "position"), soci::use(d.agency, "agency"), soci::use(d.issued_at, "issued"),
        soci::use(d.number, "number"), soci::use(d.signer_nip, "nip");
  }
  std::optional<DocumentRow> ById(soci::session& s, const std::string& id) const override {
    soci::rowset<soci::row> rows = (s.prepare << std::string(kDocColumns) + "WHERE id = :id", soci::use(id, "id"));
    for (const auto& r : rows) return ToDoc(r);
    return std::nullopt;
  }
  std::vector<DocumentRow> BySha256(soci::session& s, const std::string& sha) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kDocColumns) + "WHERE sha256 = :sha ORDER BY issued_at", soci::use(sha, "sha"));
    std::vector<DocumentRow> out;
    for (const auto& r : rows) out.push_back(ToDoc(r));
    return out;
  }
  std::optional<DocumentRow> OfApplication(soci::session& s, std::int64_t application_id) const override {
    long long key = application_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kDocColumns) + "WHERE application_id = :id ORDER BY issued_at DESC LIMIT 1",
         soci::use(key, "id"));
    for (const auto& r : rows) return ToDoc(r);
    return std::nullopt;
  }
  void Revoke(soci::session& s, const std::string& id, const std::string& reason,
              const std::string& now) const override {
    s << kRevoke, soci::use(now, "now"), soci::use(reason, "reason"), soci::use(id, "id");
  }

  std::optional<AuthorityRow> ActiveAuthority(soci::session& s) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, certificate, key_sealed, status, created_at FROM certificate_authority "
                      "WHERE status = 'active' ORDER BY id DESC LIMIT 1");
    for (const auto& r : rows) return AuthorityRow{Int64(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4)};
    return std::nullopt;
  }
  std::int64_t InsertAuthority(soci::session& s, const AuthorityRow& a) const override {
    long long id = 0;
    s << "INSERT INTO certificate_authority (certificate, key_sealed, status, created_at) "
         "VALUES (:certificate, :sealed, 'active', :now) RETURNING id",
        soci::use(a.certificate, "certificate"), soci::use(a.key_sealed, "sealed"), soci::use(a.created_at, "now"),
        soci::into(id);
    return id;
  }

  std::optional<Numbering> NumberingOf(soci::session& s, std::int64_t node_id) const override {
    long long node = node_id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT pattern, classification, unit FROM document_numbering WHERE node_id = :node",
         soci::use(node, "node"));
    for (const auto& r : rows) return Numbering{Text(r, 0), Text(r, 1), Text(r, 2)};
    return std::nullopt;
  }
  void SetNumbering(soci::session& s, std::int64_t node_id, const Numbering& n, const std::string& now) const override {
    long long node = node_id;
    s << "DELETE FROM document_numbering WHERE node_id = :node", soci::use(node, "node");
    s << "INSERT INTO document_numbering (node_id, pattern, classification, unit, updated_at) "
         "VALUES (:node, :pattern, :classification, :unit, :now)",
        soci::use(node, "node"), soci::use(n.pattern, "pattern"), soci::use(n.classification, "classification"),
        soci::use(n.unit, "unit"), soci::use(now, "now");
  }
  std::int64_t NextNumber(soci::session& s, std::int64_t node_id, int year) const override {
    long long node = node_id, next = 0;
    s << "INSERT INTO document_sequences (node_id, year, last_number) VALUES (:node, :year, 0) "
         "ON CONFLICT (node_id, year) DO NOTHING",
        soci::use(node, "node"), soci::use(year, "year");
    s << "UPDATE document_sequences SET last_number = last_number + 1 WHERE node_id = :node AND year = :year "
         "RETURNING last_number",
        soci::use(node, "node"), soci::use(year, "year"), soci::into(next);
    return next;
  }
};

}  // namespace

std::unique_ptr<DocumentStore> MakeSqlDocumentStore() { return std::make_unique<SqlDocumentStore>(); }

}  // namespace spbe::documents
