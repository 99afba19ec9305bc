#include "documents/service.hpp"

#include <fmt/format.h>
#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cctype>
#include <cstring>

#include "audit/audit.hpp"
#include "documents/render.hpp"
#include "platform/blobs.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"
#include "platform/pdf_sign.hpp"
#include "platform/pki.hpp"

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

// The agency's own keys, sealed at rest under a key kept outside the database: opened when a document is prepared,
// used inside the unit of work that records it.
class LocalSigner final : public Signer {
 public:
  LocalSigner(storage::Database& db, const DocumentStore& store, const PiiVault& vault)
      : db_(db), store_(store), vault_(vault) {}

  Result<Agency> For(const std::string& node_path) override {
    auto found = db_.Read([&](soci::session& s) {
      return std::make_pair(store_.ActiveKeysOver(s, node_path), store_.ActiveAuthority(s));
    });
    if (!found.ok()) return found.error();
    auto& [keys, authority] = *found;
    if (keys.empty()) {
      return Error::Of(ErrorCode::kConflict,
                       "the agency has no signing key: the platform operator creates one with `spbe keys generate`");
    }
    const KeyRow& key = keys.front();
    if (key.certificate.empty() || key.cms_key_sealed.empty() || !authority) {
      return Error::Of(ErrorCode::kConflict,
                       "the agency's signing key has no certificate: the platform operator renews it with `spbe keys "
                       "generate`");
    }
    auto secret = vault_.Open(key.secret_sealed);
    auto cms_key = vault_.Open(key.cms_key_sealed);
    if (!secret.ok() || !cms_key.ok()) return Error::Of(ErrorCode::kInternal, "the signing key cannot be opened");
    auto signing = crypto::SigningKey::FromBytes(*secret);
    sodium_memzero(secret->data(), secret->size());
    if (!signing) return Error::Of(ErrorCode::kInternal, "the signing key is damaged");
    auto ed = std::make_shared<crypto::SigningKey>(std::move(*signing));
    Agency out;
    out.key_id = key.id;
    out.certificate = key.certificate;
    out.sign_digest = [ed](std::string_view digest) -> Result<std::string> {
      return crypto::Base64Encode(ed->Sign(digest));
    };
    out.sign_cms = [cert = key.certificate, pem = std::move(*cms_key),
                    root = authority->certificate](std::string_view data) -> Result<std::string> {
      return pki::SignDetached(data, cert, pem, {root});
    };
    return out;
  }

 private:
  storage::Database& db_;
  const DocumentStore& store_;
  const PiiVault& vault_;
};

constexpr const char* kRoman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"};

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
std::vector<std::pair<std::string, std::string>> FactsOf(const applications::OutputRequest& r, org::OrgService& org) {
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
    if (f.type == FieldType::kRegion) value = org.RegionName(value);  // a place by its name, not its code
    if (value.size() > 160) value = value.substr(0, 157) + "...";
    out.emplace_back(f.label.In("id"), value);
    if (out.size() == 8) break;
  }
  return out;
}

}  // namespace

std::string FormatNumber(const Numbering& n, std::int64_t sequence, unsigned month, int year) {
  std::string out = n.pattern;
  auto put = [&](std::string_view key, const std::string& value) {
    for (auto at = out.find(key); at != std::string::npos; at = out.find(key, at + value.size())) {
      out.replace(at, key.size(), value);
    }
  };
  put("{nomor4}", fmt::format("{:04}", sequence));
  put("{nomor}", std::to_string(sequence));
  put("{klasifikasi}", n.classification);
  put("{unit}", n.unit);
  put("{bulan_romawi}", month >= 1 && month <= 12 ? kRoman[month - 1] : "");
  put("{bulan}", fmt::format("{:02}", month));
  put("{tahun}", std::to_string(year));
  return out;
}

std::vector<FieldError> CheckNumbering(const Numbering& n, std::string_view lang) {
  std::vector<FieldError> errors;
  std::string rest = n.pattern;
  for (const char* key : {"{nomor4}", "{nomor}", "{klasifikasi}", "{unit}", "{bulan_romawi}", "{bulan}", "{tahun}"}) {
    for (auto at = rest.find(key); at != std::string::npos; at = rest.find(key)) rest.erase(at, std::strlen(key));
  }
  bool has_number = n.pattern.find("{nomor}") != std::string::npos || n.pattern.find("{nomor4}") != std::string::npos;
  // Between the placeholders only what every PDF font prints and an official number holds: letters, digits, space
  // and . / - _
  bool plain_rest = std::all_of(rest.begin(), rest.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '.' || c == '/' || c == '-' || c == '_';
  });
  if (n.pattern.empty() || n.pattern.size() > 120 || !has_number || n.pattern.find("{tahun}") == std::string::npos ||
      !plain_rest) {
    errors.push_back({"pattern", i18n::Tr(lang, "documents_numbering_pattern_invalid")});
  }
  auto plain = [](const std::string& v, std::size_t max) {
    return v.size() <= max && std::all_of(v.begin(), v.end(), [](char c) {
             return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '/';
           });
  };
  if (n.classification.empty() || !plain(n.classification, 20)) {
    errors.push_back({"classification", i18n::Tr(lang, "documents_numbering_classification_invalid")});
  }
  if (!plain(n.unit, 30)) {
    errors.push_back({"unit", i18n::Tr(lang, "documents_numbering_unit_invalid")});
  }
  return errors;
}

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

Result<AuthorityRow> DocumentsService::Authority() {
  auto current = db_.Read([&](soci::session& s) { return store_.ActiveAuthority(s); });
  if (!current.ok()) return current.error();
  if (*current) return **current;
  // The root is named after the government the platform serves (its first root node).
  std::string government = "SPBE Terpadu";
  if (auto home = org_.Home(); home.ok()) government = home->name;
  auto key = pki::NewKey();
  if (!key.ok()) return key.error();
  auto cert = pki::SelfSignedRoot(*key, {"SPBE Terpadu Root CA", government, "ID"}, 20, clock_());
  if (!cert.ok()) return cert.error();
  AuthorityRow row{0, *cert, key_vault_.Seal(*key), "active", FormatUtc(clock_())};
  sodium_memzero(key->data(), key->size());
  return db_.WriteReturning<AuthorityRow>([&](soci::session& s) -> Result<AuthorityRow> {
    if (auto other = store_.ActiveAuthority(s)) return *other;  // made meanwhile by another process: keep that one
    row.id = store_.InsertAuthority(s, row);
    audit::RecordSystem(s,
                        DocumentEvent("documents.create_authority", std::to_string(row.id), "/",
                                      audit::Digest(pki::Fingerprint(row.certificate))),
                        row.created_at);
    return row;
  });
}

Result<std::string> DocumentsService::RootCertificate() {
  auto current = db_.Read([&](soci::session& s) { return store_.ActiveAuthority(s); });
  if (!current.ok()) return current.error();
  if (!*current) return Error::Of(ErrorCode::kNotFound, "the platform has no certificate authority yet");
  return (*current)->certificate;
}

Result<KeyRow> DocumentsService::GenerateKey(std::int64_t node_id) {
  auto node = org_.Get(node_id);
  if (!node.ok()) return node.error();
  auto authority = Authority();
  if (!authority.ok()) return authority.error();
  auto ca_key = key_vault_.Open(authority->key_sealed);
  if (!ca_key.ok()) return Error::Of(ErrorCode::kInternal, "the authority's key cannot be opened");
  auto cms_key = pki::NewKey();
  if (!cms_key.ok()) return cms_key.error();
  std::string government;
  if (auto roots = org_.Roots(); roots.ok()) {
    for (const auto& root : *roots) {
      if (node->path.rfind(root.path, 0) == 0) government = root.name;
    }
  }
  auto cert = pki::Issue(authority->certificate, *ca_key, *cms_key, {node->name, government, "ID"}, 5, clock_());
  sodium_memzero(ca_key->data(), ca_key->size());
  if (!cert.ok()) return cert.error();
  auto key = crypto::SigningKey::Generate();
  KeyRow row{0,
             node->id,
             node->path,
             "local",
             crypto::Base64Encode(key.PublicKey()),
             key_vault_.Seal(key.Secret()),
             "active",
             FormatUtc(clock_()),
             "",
             *cert,
             key_vault_.Seal(*cms_key)};
  sodium_memzero(cms_key->data(), cms_key->size());
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
  std::int64_t agency_id = sv.service.node_id;
  std::string unit;
  if (auto opd = org_.Enclosing(sv.service.node_path, org::NodeKind::kPerangkatDaerah)) {
    agency = opd->name;
    agency_path = opd->path;
    agency_id = opd->id;
  }
  std::string place;
  if (auto roots = org_.Roots(); roots.ok()) {
    for (const auto& root : *roots) {
      if (sv.service.node_path.rfind(root.path, 0) == 0) government = root.name;
    }
  }
  if (auto kab = org_.Enclosing(sv.service.node_path, org::NodeKind::kKabupatenKota)) place = kab->name;
  auto signing = signer_->For(agency_path);
  if (!signing.ok()) return signing.error();
  auto numbering = NumberingOf(agency_id);
  if (!numbering.ok()) return numbering.error();
  TimeZone zone = ParseTimeZone(sv.service.node_timezone);
  auto issued = ParseUtc(r.issued_at);
  if (!issued) return Error::Of(ErrorCode::kInternal, "the issue time is not a time");
  Date local = LocalDate(*issued, zone);

  DocumentRow d;
  d.id = crypto::RandomHex(10);
  d.application_id = r.row.id;
  d.node_path = sv.service.node_path;
  d.title =
      sv.definition.standard.output.empty() ? sv.definition.name.In("id") : sv.definition.standard.output.In("id");
  d.recipient = RecipientOf(r);
  d.signer_name = r.signer_name.empty() ? "-" : r.signer_name;
  d.signer_position = r.signer_position;
  d.signer_nip = r.signer_nip;
  d.agency = agency;
  d.issued_at = r.issued_at;
  d.key_id = signing->key_id;
  Content c{government, agency, d.title, "", d.recipient,
            applications::FormatTrackingNumber(r.row.tracking_number) + " \xc2\xb7 " + sv.definition.name.In("id"),
            FactsOf(r, org_), r.decision,
            // The agency's local date: a document approved at 06.30 WIB carries that day, not yesterday's (UTC).
            "Ditetapkan pada " + LocalDateText(r.issued_at, zone, "id"),
            d.signer_position.empty() ? "Kepala " + agency : d.signer_position, d.signer_name,
            options_.public_url + "/verifikasi/" + d.id, r.issued_at};
  c.signer_nip = d.signer_nip;
  PdfSignature embedded{d.signer_name == "-" ? agency : d.signer_name + " (" + agency + ")", "Penetapan " + d.title,
                        place.empty() ? government : place, *issued};
  // Inside the unit of work that completes the file: the number is taken there, so a rolled back completion gives
  // it back and the yearly sequence has no gaps; the PDF carries it, and both signatures cover the final bytes.
  return applications::ApplicationsService::RecordOutput(
      [this, d, c, embedded, agency_id, local, numbering = *numbering,
       signing = *signing](soci::session& s) mutable -> Result<std::string> {
        int year = static_cast<int>(local.year());
        auto sequence = store_.NextNumber(s, agency_id, year);
        d.number = FormatNumber(numbering, sequence, static_cast<unsigned>(local.month()), year);
        c.number = d.number;
        auto pdf = RenderPdf(c);
        if (!pdf.ok()) return pdf.error();
        auto signed_pdf = SignPdf(*pdf, embedded, signing.sign_cms);
        if (!signed_pdf.ok()) return signed_pdf.error();
        auto sha = StoreBlob(options_.files_dir, *signed_pdf);
        if (!sha.ok()) return sha.error();
        d.sha256 = *sha;
        auto sig = signing.sign_digest(Hex2Bytes(d.sha256));
        if (!sig.ok()) return sig.error();
        d.signature = *sig;
        store_.Insert(s, d);
        audit::RecordSystem(s, DocumentEvent("documents.issue", d.id, d.node_path, d.sha256), d.issued_at);
        return d.id;
      });
}

Result<Numbering> DocumentsService::NumberingOf(std::int64_t node_id) {
  auto node = org_.Get(node_id);
  if (!node.ok()) return node.error();
  auto set = db_.Read([&](soci::session& s) { return store_.NumberingOf(s, node_id); });
  if (!set.ok()) return set.error();
  Numbering n = set->value_or(Numbering{});
  if (n.unit.empty()) {
    for (char ch : node->slug)
      n.unit += ch == '-' ? '.' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  }
  return n;
}

std::vector<org::Node> DocumentsService::NumberedBy(const access::Actor& actor) {
  std::vector<org::Node> out;
  auto seen = [&](std::int64_t id) {
    return std::any_of(out.begin(), out.end(), [&](const org::Node& n) { return n.id == id; });
  };
  for (const auto& g : actor.grants) {
    if (g.role != access::Role::kAdminInstansi && g.role != access::Role::kAdminPlatform) continue;
    auto node = org_.Get(g.node_id);
    if (!node.ok()) continue;
    if (!seen(node->id)) out.push_back(*node);
    for (const auto& opd : org_.OfKindUnder(node->path, org::NodeKind::kPerangkatDaerah)) {
      if (!seen(opd.id)) out.push_back(opd);
    }
  }
  return out;
}

Status DocumentsService::SetNumbering(const access::Actor& actor, std::int64_t node_id, const Numbering& n,
                                      std::string_view lang) {
  auto node = org_.Get(node_id);
  bool may = node.ok() && std::any_of(actor.grants.begin(), actor.grants.end(), [&](const access::Grant& g) {
               return (g.role == access::Role::kAdminInstansi || g.role == access::Role::kAdminPlatform) &&
                      access::InSubtree(g.node_id, node->path);
             });
  if (!may) return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "documents_node_not_found"));
  if (auto errors = CheckNumbering(n, lang); !errors.empty()) return Error::Validation(std::move(errors));
  std::string now = FormatUtc(clock_());
  return db_.Write([&](soci::session& s) -> Status {
    store_.SetNumbering(s, node_id, n, now);
    audit::Record(s, actor,
                  DocumentEvent("documents.set_numbering", std::to_string(node_id), node->path,
                                audit::Digest(n.pattern + "|" + n.classification + "|" + n.unit)),
                  now);
    return Ok{};
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
  std::string why(reason.substr(0, 500));
  if (why.size() < 5) {
    return Error::Validation({{"reason", i18n::Tr(lang, "documents_revoke_reason_required")}});
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
    if (!may) return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "documents_not_found"));
    if (d->status == "revoked") {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "documents_already_revoked"));
    }
    store_.Revoke(s, d->id, why, now);
    audit::Record(s, actor, DocumentEvent("documents.revoke", d->id, d->node_path, audit::Digest(why)), now);
    return Ok{};
  });
}

}  // namespace spbe::documents
