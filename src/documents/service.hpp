#pragma once
/// Use cases of signed outputs (DESIGN.md "documents"): when a file is approved its output is rendered as a PDF
/// and the SHA-256 of its exact bytes is signed with the issuing agency's key; anyone can then check a document by
/// its id (the QR code) or by uploading the bytes. Keys are per agency, sealed at rest, rotatable; a document signed
/// by a retired key still verifies; a revoked document says so, with the reason.

#include <cstdint>
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

/// Signs the SHA-256 of a document for an agency. The local signer uses the agency's own sealed Ed25519 key; a
/// certified provider (BSrE, PP 71/2019 art. 60) would implement the same interface by calling out to it.
class Signer {
 public:
  struct Signed {
    std::int64_t key_id = 0;
    std::string signature;  // base64
  };
  virtual ~Signer() = default;
  /// kConflict when the agency (the node at `node_path` or above it) has no active key.
  virtual Result<Signed> Sign(const std::string& node_path, std::string_view sha256_bytes) = 0;
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

  /// A new active key for the node, retiring the one it had (rotation); the operator's command `spbe keys`.
  Result<KeyRow> GenerateKey(std::int64_t node_id);
  Result<std::vector<KeyRow>> Keys(std::int64_t node_id);
  Signer& signer() { return *signer_; }

  /// Renders and signs the output of a file (outside any unit of work); the step records it inside one.
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

/// "S*** R***": each word's first letter.
std::string MaskName(std::string_view name);

}  // namespace spbe::documents
