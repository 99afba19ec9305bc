#include "documents/service.hpp"

#include <fmt/format.h>
#include <soci/soci.h>
#include <sodium.h>

#include <array>
#include <boost/json.hpp>
#include <cctype>

#include "audit/audit.hpp"
#include "documents/render.hpp"
#include "platform/blobs.hpp"
#include "platform/crypto.hpp"
#include "platform/local_time.hpp"

namespace spbe::documents {
namespace {

namespace json = boost::json;

std::string Hex2Bytes(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

audit::Entry DocumentEvent(const char* action, const std::string& id, const std::string& node_path,
                           const std::string& after) {
  audit::Entry e;
  e.action = action;
  e.object_type = "document";
  e.object_id = id;
  e.node_path = node_path;
  e.after_digest = after;
  return e;
}

// The agency's own Ed25519 keys, sealed at rest under a key kept outside the database.
class LocalSigner final : public Signer {
 public:
  LocalSigner(storage::Database& db, const DocumentStore& store, const PiiVault& vault)
      : db_(db), store_(store), vault_(vault) {}

  Result<Signed> Sign(const std::string& node_path, std::string_view digest) override {
    auto keys = db_.Read([&](soci::session& s) { return store_.ActiveKeysOver(s, node_path); });
    if (!keys.ok()) return keys.error();
    if (keys->empty()) {
      return Error::Of(ErrorCode::kConflict,
                       "the agency has no signing key: the platform operator creates one with `spbe keys generate`");
    }
    const KeyRow& key = keys->front();
    auto secret = vault_.Open(key.secret_sealed);
    if (!secret.ok()) return Error::Of(ErrorCode::kInternal, "the signing key cannot be opened");
    auto signing = crypto::SigningKey::FromBytes(*secret);
    sodium_memzero(secret->data(), secret->size());
    if (!signing) return Error::Of(ErrorCode::kInternal, "the signing key is damaged");
    return Signed{key.id, crypto::Base64Encode(signing->Sign(digest))};
  }

 private:
  storage::Database& db_;
  const DocumentStore& store_;
  const PiiVault& vault_;
};

// The applicant's name as filed: the first field whose key starts with "nama".
std::string RecipientOf(const applications::OutputRequest& r) {
  for (const auto& f : r.service->definition.form.fields) {
    if (f.name.rfind("nama", 0) != 0) continue;
    if (const auto* v = r.data.if_contains(f.name); v && v->is_string() && !v->as_string().empty()) {
      return std::string(v->as_string());
    }
  }
  return "-";
}

// What the document repeats of the application: plain data, never NIK, phone, e-mail or attachments.
std::vector<std::pair<std::string, std::string>> FactsOf(const applications::OutputRequest& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : r.service->definition.form.fields) {
    using catalog::FieldType;
    if (f.type == FieldType::kNik || f.type == FieldType::kPhone || f.type == FieldType::kEmail ||
        f.type == FieldType::kFile || f.name.rfind("nama", 0) == 0) {
      continue;
    }
    const auto* v = r.data.if_contains(f.name);
    if (!v || v->is_null()) continue;
    std::string value = v->is_string() ? std::string(v->as_string()) : json::serialize(*v);
    if (f.type == FieldType::kChoice) {
      for (const auto& o : f.options) {
        if (o.value == value) value = o.label.In("id");
      }
    }
    if (value.size() > 160) value = value.substr(0, 157) + "...";
    out.emplace_back(f.label.In("id"), value);
    if (out.size() == 8) break;
  }
  return out;
}

}  // namespace

std::string MaskName(std::string_view name) {
  std::string out;
  bool start = true;
  for (char c : name) {
    if (c == ' ') {
      out += ' ';
      start = true;
    } else if (start) {
      out += c;
      start = false;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      out += '*';
    }
  }
  return out;
}

DocumentsService::DocumentsService(storage::Database& db, const DocumentStore& store, org::OrgService& org,
                                   const PiiVault& key_vault, Clock clock, Options options)
    : db_(db),
      store_(store),
      org_(org),
      key_vault_(key_vault),
      clock_(std::move(clock)),
      options_(std::move(options)),
      signer_(std::make_unique<LocalSigner>(db, store, key_vault)) {}

Result<KeyRow> DocumentsService::GenerateKey(std::int64_t node_id) {
  auto node = org_.Get(node_id);
  if (!node.ok()) return node.error();
  auto key = crypto::SigningKey::Generate();
  KeyRow row{0,
             node->id,
             node->path,
             "local",
             crypto::Base64Encode(key.PublicKey()),
             key_vault_.Seal(key.Secret()),
             "active",
             FormatUtc(clock_()),
             ""};
  return db_.WriteReturning<KeyRow>([&](soci::session& s) -> Result<KeyRow> {
    store_.RetireKeys(s, node_id, row.created_at);
    row.id = store_.InsertKey(s, row);
    audit::RecordSystem(
        s,
        DocumentEvent("documents.generate_key", std::to_string(row.id), row.node_path, audit::Digest(row.public_key)),
        row.created_at);
    return row;
  });
}

Result<std::vector<KeyRow>> DocumentsService::Keys(std::int64_t node_id) {
  return db_.Read([&](soci::session& s) { return store_.KeysOf(s, node_id); });
}

Result<applications::ApplicationsService::RecordOutput> DocumentsService::Prepare(
    const applications::OutputRequest& r) {
  const auto& sv = *r.service;
  std::string government, agency = sv.service.node_name, agency_path = sv.service.node_path;
  if (auto opd = org_.Enclosing(sv.service.node_path, org::NodeKind::kPerangkatDaerah)) {
    agency = opd->name;
    agency_path = opd->path;
  }
  if (auto roots = org_.Roots(); roots.ok()) {
    for (const auto& root : *roots) {
      if (sv.service.node_path.rfind(root.path, 0) == 0) government = root.name;
    }
  }
  DocumentRow d;
  d.id = crypto::RandomHex(10);
  d.application_id = r.row.id;
  d.node_path = sv.service.node_path;
  d.title =
      sv.definition.standard.output.empty() ? sv.definition.name.In("id") : sv.definition.standard.output.In("id");
  d.recipient = RecipientOf(r);
  d.signer_name = r.signer_name.empty() ? "-" : r.signer_name;
  d.signer_position = r.signer_position;
  d.agency = agency;
  d.issued_at = r.issued_at;
  Content c{government, agency, d.title, d.id, d.recipient,
            applications::FormatTrackingNumber(r.row.tracking_number) + " \xc2\xb7 " + sv.definition.name.In("id"),
            FactsOf(r), r.decision,
            // The agency's local date: a document approved at 06.30 WIB carries that day, not yesterday's (UTC).
            "Ditetapkan pada " + LocalDateText(r.issued_at, ParseTimeZone(sv.service.node_timezone), "id"),
            d.signer_position.empty() ? "Kepala " + agency : d.signer_position, d.signer_name,
            options_.public_url + "/verifikasi/" + d.id, r.issued_at};
  auto pdf = RenderPdf(c);
  if (!pdf.ok()) return pdf.error();
  auto sha = StoreBlob(options_.files_dir, *pdf);
  if (!sha.ok()) return sha.error();
  d.sha256 = *sha;
  auto sig = signer_->Sign(agency_path, Hex2Bytes(d.sha256));
  if (!sig.ok()) return sig.error();
  d.key_id = sig->key_id;
  d.signature = sig->signature;
  return applications::ApplicationsService::RecordOutput([this, d](soci::session& s) -> Result<std::string> {
    store_.Insert(s, d);
    audit::RecordSystem(s, DocumentEvent("documents.issue", d.id, d.node_path, d.sha256), d.issued_at);
    return d.id;
  });
}

Result<PublicView> DocumentsService::View(const DocumentRow& d) {
  PublicView v{d, MaskName(d.recipient), false, false, "", TimeZone::kWib};
  // The issuing agency: the last node of the document's path.
  if (auto slash = d.node_path.find_last_of('/', d.node_path.size() >= 2 ? d.node_path.size() - 2 : 0);
      slash != std::string::npos) {
    auto node = org_.Get(std::atoll(d.node_path.c_str() + slash + 1));
    if (node.ok()) v.zone = ParseTimeZone(node->timezone);
  }
  auto key = db_.Read([&](soci::session& s) { return store_.KeyById(s, d.key_id); });
  if (!key.ok()) return key.error();
  if (*key) {
    v.key_status = (*key)->status;
    auto pk = crypto::Base64Decode((*key)->public_key);
    auto sig = crypto::Base64Decode(d.signature);
    v.signature_valid = pk && sig && crypto::VerifySignature(*pk, Hex2Bytes(d.sha256), *sig);
  }
  if (auto bytes = ReadBlob(options_.files_dir, d.sha256)) v.file_intact = crypto::Sha256Hex(*bytes) == d.sha256;
  return v;
}

Result<PublicView> DocumentsService::Public(std::string_view id) {
  auto d = db_.Read([&](soci::session& s) { return store_.ById(s, std::string(id)); });
  if (!d.ok()) return d.error();
  if (!*d) return Error::Of(ErrorCode::kNotFound, "no such document");
  return View(**d);
}

Result<std::vector<PublicView>> DocumentsService::VerifyBytes(std::string_view bytes) {
  std::string sha = crypto::Sha256Hex(bytes);
  auto rows = db_.Read([&](soci::session& s) { return store_.BySha256(s, sha); });
  if (!rows.ok()) return rows.error();
  std::vector<PublicView> out;
  for (const auto& d : *rows) {
    auto v = View(d);
    if (v.ok()) out.push_back(std::move(*v));
  }
  return out;
}

Result<std::pair<DocumentRow, std::string>> DocumentsService::OfApplication(std::int64_t application_id) {
  auto d = db_.Read([&](soci::session& s) { return store_.OfApplication(s, application_id); });
  if (!d.ok()) return d.error();
  if (!*d) return Error::Of(ErrorCode::kNotFound, "no document");
  auto bytes = ReadBlob(options_.files_dir, (*d)->sha256);
  if (!bytes || crypto::Sha256Hex(*bytes) != (*d)->sha256) {
    return Error::Of(ErrorCode::kInternal, "the stored document is missing or damaged");
  }
  return std::make_pair(**d, std::move(*bytes));
}

std::optional<std::string> DocumentsService::IdOfApplication(std::int64_t application_id) {
  auto d = db_.Read([&](soci::session& s) { return store_.OfApplication(s, application_id); });
  if (!d.ok() || !*d) return std::nullopt;
  return (*d)->id;
}

Status DocumentsService::Revoke(const access::Actor& actor, std::string_view id, std::string_view reason,
                                std::string_view lang) {
  bool en = lang == "en";
  std::string why(reason.substr(0, 500));
  if (why.size() < 5) {
    return Error::Validation({{"reason", en ? "say why the document is revoked" : "sebutkan alasan pencabutan"}});
  }
  std::string now = FormatUtc(clock_());
  return db_.Write([&](soci::session& s) -> Status {
    auto d = store_.ById(s, std::string(id));
    // Only the agency's head or admin revokes; for anyone else the document is not theirs to touch.
    bool may = d && std::any_of(actor.grants.begin(), actor.grants.end(), [&](const access::Grant& g) {
                 return (g.role == access::Role::kKepala || g.role == access::Role::kAdminInstansi ||
                         g.role == access::Role::kAdminPlatform) &&
                        access::InSubtree(g.node_id, d->node_path);
               });
    if (!may) return Error::Of(ErrorCode::kNotFound, en ? "no such document" : "dokumen tidak ditemukan");
    if (d->status == "revoked") {
      return Error::Of(ErrorCode::kConflict, en ? "already revoked" : "sudah dicabut");
    }
    store_.Revoke(s, d->id, why, now);
    audit::Record(s, actor, DocumentEvent("documents.revoke", d->id, d->node_path, audit::Digest(why)), now);
    return Ok{};
  });
}

}  // namespace spbe::documents
