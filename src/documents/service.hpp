#pragma once
/// Use cases of signed outputs (DESIGN.md "documents"): when a file is approved its output is rendered as a PDF
/// and the SHA-256 of its exact bytes is signed with the issuing agency's key; anyone can then check a document by
/// its id (the QR code) or by uploading the bytes. Keys are per agency, sealed at rest, rotatable; a document signed
/// by a retired key still verifies; a revoked document says so, with the reason.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "applications/service.hpp"
#include "documents/store.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/pii.hpp"
#include "platform/working_days.hpp"
#include "storage/database.hpp"

namespace spbe::documents {

/// Signs documents for an agency. The local signer uses the agency's own keys, sealed at rest: an Ed25519 key over
/// the file's SHA-256 (the QR verification) and an ECDSA P-256 key with an X.509 certificate from the platform's
/// authority for the PDF's embedded PAdES signature. A certified provider (BSrE, PP 71/2019 art. 60) would implement
/// the same interface by calling out to it: its `sign_cms` returning the CMS its own certificate makes.
class Signer {
 public:
  /// One agency's signing, looked up before the unit of work that records a document and used inside it.
  struct Agency {
    std::int64_t key_id = 0;
    std::string certificate;                                                        // PEM: the name a PDF reader shows
    std::function<Result<std::string>(std::string_view sha256_bytes)> sign_digest;  // base64 Ed25519 signature
    std::function<Result<std::string>(std::string_view data)> sign_cms;             // detached CMS (DER)
  };
  virtual ~Signer() = default;
  /// kConflict when the agency (the node at `node_path` or above it) has no active key.
  virtual Result<Agency> For(const std::string& node_path) = 0;
};

/// What the public verification page shows.
struct PublicView {
  DocumentRow document;
  std::string recipient_masked;
  bool signature_valid = false;    // the stored signature over the stored hash, by the key that made it
  bool file_intact = false;        // the stored PDF still hashes to what was signed
  std::string key_status;          // active, retired
  TimeZone zone = TimeZone::kWib;  // of the issuing agency: the document's dates are its local dates
};

struct Options {
  std::string files_dir;   // where the PDFs are kept, by SHA-256
  std::string public_url;  // before /verifikasi/{id} in the QR code
};

class DocumentsService {
 public:
  DocumentsService(storage::Database& db, const DocumentStore& store, org::OrgService& org, const PiiVault& key_vault,
                   Clock clock, Options options);

  /// The platform's certificate authority: the active root, made (self-signed, key sealed) when there is none yet;
  /// the operator's command `spbe ca init`.
  Result<AuthorityRow> Authority();
  /// The root certificate (PEM) for /verifikasi/ca; kNotFound before the authority exists.
  Result<std::string> RootCertificate();
  /// A new active key for the node with its certificate from the authority, retiring the one it had (rotation); the
  /// operator's command `spbe keys generate`.
  Result<KeyRow> GenerateKey(std::int64_t node_id);
  Result<std::vector<KeyRow>> Keys(std::int64_t node_id);
  Signer& signer() { return *signer_; }

  /// How the agency at the node numbers its documents (a default until it sets its own), and setting it: the
  /// agency's admin or a platform admin above it. Field errors name `pattern`, `classification`, `unit`.
  Result<Numbering> NumberingOf(std::int64_t node_id);
  Status SetNumbering(const access::Actor& actor, std::int64_t node_id, const Numbering& n, std::string_view lang);
  /// The agencies whose numbering the actor may set: the nodes of their admin grants and the offices (perangkat
  /// daerah) under them, in tree order.
  std::vector<org::Node> NumberedBy(const access::Actor& actor);

  /// Looks up the agency's keys (outside any unit of work); the step records the output inside one, where the
  /// document takes its number, is rendered, signed (embedded PAdES and Ed25519) and stored.
  Result<applications::ApplicationsService::RecordOutput> Prepare(const applications::OutputRequest& request);

  Result<PublicView> Public(std::string_view id);
  /// The documents whose bytes are exactly these (none when altered by a single byte).
  Result<std::vector<PublicView>> VerifyBytes(std::string_view bytes);
  /// The PDF of a file's output, for whoever may see the file (the applications capability decides).
  Result<std::pair<DocumentRow, std::string>> OfApplication(std::int64_t application_id);
  std::optional<std::string> IdOfApplication(std::int64_t application_id);
  /// The agency's head or admin revokes a document, with the reason; it then shows as revoked.
  Status Revoke(const access::Actor& actor, std::string_view id, std::string_view reason, std::string_view lang);

 private:
  Result<PublicView> View(const DocumentRow& d);

  storage::Database& db_;
  const DocumentStore& store_;
  org::OrgService& org_;
  const PiiVault& key_vault_;
  Clock clock_;
  Options options_;
  std::unique_ptr<Signer> signer_;
};

/// The number a pattern gives: {klasifikasi}, {nomor} (the sequence), {nomor4} (zero-padded to 4), {unit},
/// {bulan} (01-12), {bulan_romawi} (I-XII), {tahun}.
std::string FormatNumber(const Numbering& n, std::int64_t sequence, unsigned month, int year);
/// Field errors of a numbering: a pattern with {nomor} (or {nomor4}) and {tahun} and only known placeholders, at most
/// 120 characters; classification and unit short and plain.
std::vector<FieldError> CheckNumbering(const Numbering& n, std::string_view lang);

/// "S*** R***": each word's first letter.
std::string MaskName(std::string_view name);

}  // namespace spbe::documents
