#include "audit/anchors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "platform/crypto.hpp"

namespace spbe::audit {
namespace {

namespace json = boost::json;

}  // namespace

std::string AnchorMessage(const Anchor& a) {
  return fmt::format("spbe-audit-anchor/v1\n{}\n{}\n{}\n{}\n{}\n", a.day, a.anchored_at, a.entry_id, a.entries,
                     a.head_hash);
}

std::string AnchorsJson(const std::vector<Anchor>& anchors, const std::vector<AnchorKey>& keys) {
  json::array as, ks;
  for (const auto& a : anchors) {
    as.push_back({{"id", a.id},
                  {"date", a.day},
                  {"anchored_at", a.anchored_at},
                  {"entry_id", a.entry_id},
                  {"entries", a.entries},
                  {"head_hash", a.head_hash},
                  {"key_id", a.key_id},
                  {"signature", a.signature}});
  }
  for (const auto& k : keys) {
    json::object o{
        {"key_id", k.key_id}, {"algorithm", "Ed25519"}, {"public_key", k.public_key}, {"created_at", k.created_at}};
    o["retired_at"] = k.retired_at.empty() ? json::value(nullptr) : json::value(k.retired_at);
    ks.push_back(std::move(o));
  }
  return json::serialize(json::object{
      {"description",
       "Signed anchors of the SPBE Terpadu audit trail: keep a copy; `spbe audit verify --anchors FILE` checks the "
       "trail against it. Each signature is Ed25519 over \"spbe-audit-anchor/v1\\n<date>\\n<anchored_at>\\n"
       "<entry_id>\\n<entries>\\n<head_hash>\\n\"."},
      {"anchors", std::move(as)},
      {"keys", std::move(ks)}});
}

Result<Anchor> Anchors::AnchorNow() {
  TimePoint now_tp = clock_();
  std::string now = FormatUtc(now_tp);
  return db_.WriteReturning<Anchor>([&](soci::session& s) -> Result<Anchor> {
    SigningKeyRow active = store_.ActiveKey(s);
    std::optional<crypto::SigningKey> key;
    if (active.key_id.empty()) {
      key = crypto::SigningKey::Generate();
      std::string pub = key->PublicKey();
      active.public_key = crypto::Base64Encode(pub);
      active.key_id = crypto::Sha256Hex(pub).substr(0, 16);
      active.secret_sealed = vault_.Seal(key->Secret());
      store_.InsertKey(s, active, now);
    } else {
      auto secret = vault_.Open(active.secret_sealed);
      if (!secret.ok()) {
        return Error::Of(ErrorCode::kInternal, "the audit signing key cannot be opened (keys/audit.key changed?)");
      }
      key = crypto::SigningKey::FromBytes(*secret);
      if (!key) return Error::Of(ErrorCode::kInternal, "the audit signing key is damaged");
    }
    Anchor a;
    a.day = now.substr(0, 10);
    a.anchored_at = now;
    HeadRow head = store_.Head(s);
    a.entry_id = head.entry_id;
    a.head_hash = head.hash;
    a.entries = store_.CountEntries(s);
    if (a.head_hash.empty()) a.head_hash = std::string(64, '0');
    a.key_id = active.key_id;
    a.signature = crypto::Base64Encode(key->Sign(AnchorMessage(a)));
    store_.InsertAnchor(s, a);
    return a;
  });
}

Result<std::optional<Anchor>> Anchors::AnchorIfDue() {
  auto newest = List(1);
  if (!newest.ok()) return newest.error();
  std::string today = FormatUtc(clock_()).substr(0, 10);
  if (!newest->empty() && newest->front().day == today) return std::optional<Anchor>();
  auto a = AnchorNow();
  if (!a.ok()) return a.error();
  return std::optional<Anchor>(*a);
}

Result<std::vector<Anchor>> Anchors::List(int limit) {
  return db_.Read([&](soci::session& s) { return store_.Anchors(s, std::clamp(limit, 1, 100000)); });
}

Result<std::vector<AnchorKey>> Anchors::Keys() {
  return db_.Read([&](soci::session& s) { return store_.Keys(s); });
}

Result<AnchorCheck> CheckAnchors(storage::Database& db, std::string_view anchors_json) {
  boost::system::error_code ec;
  json::value doc = json::parse(anchors_json, ec);
  auto bad_file = Error::Of(ErrorCode::kValidation,
                            "the anchors file is not what GET /api/v1/audit/anchors answers ({\"anchors\": [...], "
                            "\"keys\": [...]})");
  if (ec || !doc.is_object()) return bad_file;
  const json::value* anchors = doc.as_object().if_contains("anchors");
  const json::value* keys = doc.as_object().if_contains("keys");
  if (!anchors || !anchors->is_array() || !keys || !keys->is_array()) return bad_file;
  std::map<std::string, std::string> public_keys;
  for (const auto& k : keys->as_array()) {
    if (!k.is_object()) return bad_file;
    auto* id = k.as_object().if_contains("key_id");
    auto* pub = k.as_object().if_contains("public_key");
    if (!id || !id->is_string() || !pub || !pub->is_string()) return bad_file;
    auto bytes = crypto::Base64Decode(pub->as_string());
    if (!bytes) return bad_file;
    public_keys[std::string(id->as_string())] = *bytes;
  }
  if (anchors->as_array().empty()) {
    return Error::Of(ErrorCode::kValidation, "the anchors file holds no anchor: it proves nothing about the trail");
  }
  AnchorCheck out;
  for (const auto& v : anchors->as_array()) {
    if (!v.is_object()) return bad_file;
    const auto& o = v.as_object();
    auto str = [&](const char* k) {
      auto* p = o.if_contains(k);
      return p && p->is_string() ? std::string(p->as_string()) : std::string();
    };
    auto num = [&](const char* k) {
      auto* p = o.if_contains(k);
      return p && p->is_int64() ? p->as_int64() : std::int64_t{-1};
    };
    Anchor a{num("id"),      str("date"),      str("anchored_at"), num("entry_id"),
             num("entries"), str("head_hash"), str("key_id"),      str("signature")};
    ++out.anchors;
    if (out.first_bad) continue;
    auto key = public_keys.find(a.key_id);
    auto sig = crypto::Base64Decode(a.signature);
    if (key == public_keys.end() || !sig || !crypto::VerifySignature(key->second, AnchorMessage(a), *sig)) {
      out.first_bad = a.id;
      out.reason = "its signature does not hold: the anchor in the file was altered";
      continue;
    }
    if (a.entry_id <= 0) continue;  // anchored an empty trail
    auto hash = db.Read([&](soci::session& s) { return TrailStore().EntryHash(s, a.entry_id); });
    if (!hash.ok()) return hash.error();
    if (!*hash) {
      out.first_bad = a.id;
      out.reason = fmt::format("entry {} that it pins is gone from the trail", a.entry_id);
    } else if (**hash != a.head_hash) {
      out.first_bad = a.id;
      out.reason = fmt::format(
          "entry {} no longer carries the hash it pinned: history up to it was rewritten and the chain recomputed",
          a.entry_id);
    }
  }
  return out;
}

}  // namespace spbe::audit
