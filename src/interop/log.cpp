// The bus's keys (published as a JWKS) and the message log: each party reads its own exchanges, takes evidence of
// one away, and anyone with the database can check the whole chain and its signed anchors.
#include <soci/soci.h>

#include <boost/json.hpp>

#include "interop/service.hpp"
#include "interop/signature.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"

namespace spbe::interop {
namespace {

namespace json = boost::json;

std::string AnchorMessage(const AnchorRow& a) {
  return "spbe-interop-anchor|" + a.anchored_at + "|" + std::to_string(a.entry_id) + "|" + a.head_hash;
}

}  // namespace

const InteropService::BusKey& InteropService::CurrentKey() {
  std::lock_guard lock(key_mu_);
  if (key_) return *key_;
  auto loaded = db_.Read([&](soci::session& s) { return store_.Keys(s); });
  if (loaded.ok()) {
    for (auto it = loaded->rbegin(); it != loaded->rend(); ++it) {
      if (!it->retired_at.empty()) continue;
      auto secret = vault_.Open(it->secret_sealed);
      if (!secret.ok()) continue;
      auto key = crypto::SigningKey::FromBytes(*secret);
      if (!key) continue;
      key_ = BusKey{it->key_id, it->public_key, std::move(*key)};
      return *key_;
    }
  }
  // The first use makes the bus's key. Two processes doing so at once make two keys; both are published.
  crypto::SigningKey fresh = crypto::SigningKey::Generate();
  std::string public_key = fresh.PublicKey();
  KeyRow row{"bus-" + crypto::Sha256Hex(public_key).substr(0, 16), crypto::Base64Encode(public_key),
             vault_.Seal(fresh.Secret()), Now(), ""};
  auto stored = db_.Write([&](soci::session& s) -> Status {
    store_.InsertKey(s, row);
    return Ok{};
  });
  // Kept only once it is published: a key nobody can look up must not sign (tried again on the next use).
  if (!stored.ok()) {
    unsaved_ = BusKey{row.key_id, row.public_key, std::move(fresh)};
    return *unsaved_;
  }
  key_ = BusKey{row.key_id, row.public_key, std::move(fresh)};
  return *key_;
}

Result<json::object> InteropService::Jwks() {
  CurrentKey();
  auto keys = db_.Read([&](soci::session& s) { return store_.Keys(s); });
  if (!keys.ok()) return keys.error();
  json::array list;
  for (auto it = keys->rbegin(); it != keys->rend(); ++it) {
    auto raw = crypto::Base64Decode(it->public_key);
    if (!raw) continue;
    json::object k{{"kty", "OKP"},      {"crv", "Ed25519"}, {"x", Base64Url(*raw)},
                   {"kid", it->key_id}, {"use", "sig"},     {"alg", "EdDSA"}};
    if (!it->retired_at.empty()) k["retired_at"] = it->retired_at;
    list.push_back(std::move(k));
  }
  return json::object{{"keys", std::move(list)}};
}

Result<std::vector<LogRow>> InteropService::Log(const access::Actor& actor, std::int64_t service_id,
                                                std::int64_t before_id, int limit) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  limit = std::clamp(limit, 1, 200);
  // A party sees the exchanges of the members it reads the log of: its own systems as client or as provider.
  std::vector<std::string> paths = PathsOf(actor);  // before the connection is leased: org reads lease their own
  return db_.Read([&](soci::session& s) {
    std::vector<LogRow> out;
    for (const auto& path : paths) {
      for (auto& r : store_.Log(s, {path, service_id, before_id, limit})) {
        bool seen = std::any_of(out.begin(), out.end(), [&](const LogRow& o) { return o.id == r.id; });
        if (!seen) out.push_back(std::move(r));
      }
    }
    std::sort(out.begin(), out.end(), [](const LogRow& a, const LogRow& b) { return a.id > b.id; });
    if (out.size() > static_cast<std::size_t>(limit)) out.resize(limit);
    return out;
  });
}

Result<Evidence> InteropService::EvidenceOf(const access::Actor& actor, std::string_view request_id,
                                            std::string_view lang) {
  auto not_found = Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "interop_exchange_not_found"));
  if (request_id.empty() || request_id.size() > 100) return not_found;
  auto found = db_.Read([&](soci::session& s) -> std::optional<Evidence> {
    auto entry = store_.LogByRequestId(s, std::string(request_id));
    if (!entry) return std::nullopt;
    auto client = store_.SystemById(s, entry->client_system_id);
    auto service = store_.ServiceById(s, entry->service_id);
    bool party = (client && ReadsLog(actor, client->node_path)) || (service && ReadsLog(actor, service->node_path));
    if (!party) return std::nullopt;
    Evidence ev;
    ev.chain = store_.LogFrom(s, entry->id, 1000);
    ev.entry = std::move(*entry);
    for (const auto& a : store_.Anchors(s, 1000)) {
      if (a.entry_id >= ev.entry.id && (!ev.anchor || a.entry_id < ev.anchor->entry_id)) ev.anchor = a;
    }
    if (ev.anchor) {
      std::int64_t last = ev.anchor->entry_id;
      ev.chain.erase(std::remove_if(ev.chain.begin(), ev.chain.end(), [last](const LogRow& r) { return r.id > last; }),
                     ev.chain.end());
    }
    return ev;
  });
  if (!found.ok()) return found.error();
  if (!*found) return not_found;
  Evidence ev = std::move(**found);
  ev.receipt = Receipt(ev.entry, ev.entry.client_address, ev.entry.service_address);
  return ev;
}

Result<AnchorRow> InteropService::AnchorNow() {
  const BusKey& key = CurrentKey();
  auto now = Now();
  return db_.WriteReturning<AnchorRow>([&](soci::session& s) -> Result<AnchorRow> {
    store_.LockLog(s);
    AnchorRow a;
    a.anchored_at = now;
    auto newest = store_.Log(s, {"/", 0, 0, 1});
    // An anchor pins the newest entry; with none yet it pins the empty chain.
    a.entry_id = newest.empty() ? 0 : newest.front().id;
    a.head_hash = store_.LogHead(s);
    a.key_id = key.key_id;
    a.signature = crypto::Base64Encode(key.secret->Sign(AnchorMessage(a)));
    store_.InsertAnchor(s, a);
    return a;
  });
}

Result<std::optional<AnchorRow>> InteropService::AnchorIfDue() {
  auto last = db_.Read([&](soci::session& s) { return store_.Anchors(s, 1); });
  if (!last.ok()) return last.error();
  std::string today = Now().substr(0, 10);
  if (!last->empty() && last->front().anchored_at.substr(0, 10) == today) return std::optional<AnchorRow>();
  auto a = AnchorNow();
  if (!a.ok()) return a.error();
  return std::optional<AnchorRow>(*a);
}

Result<int> InteropService::PurgeExpiredBodies() {
  auto now = Now();
  return db_.WriteReturning<int>([&](soci::session& s) -> Result<int> { return store_.PurgeBodies(s, now); });
}

Result<LogCheck> InteropService::VerifyLog() { return interop::VerifyLog(db_, store_); }

Result<LogCheck> VerifyLog(storage::Database& db_, const InteropStore& store_) {
  LogCheck check;
  std::string prev(64, '0');
  std::int64_t after = 0;
  std::map<std::int64_t, std::string> hash_of;  // entry id -> hash, for the anchors
  while (true) {
    auto batch = db_.Read([&](soci::session& s) { return store_.LogFrom(s, after, 5000); });
    if (!batch.ok()) return batch.error();
    if (batch->empty()) break;
    for (const auto& e : *batch) {
      ++check.entries;
      if (!check.first_bad) {
        if (e.prev_hash != prev) {
          check.first_bad = e.id;
          check.reason = "entry " + std::to_string(e.id) + " does not follow the one before it";
        } else if (LogChainHash(e, prev) != e.hash) {
          check.first_bad = e.id;
          check.reason = "entry " + std::to_string(e.id) + " was changed after it was written";
        }
      }
      prev = e.hash;
      hash_of[e.id] = e.hash;
      after = e.id;
    }
  }
  // The newest entries deleted since the last anchor: the head still names the hash of the last one written.
  auto head = db_.Read([&](soci::session& s) { return store_.LogHead(s); });
  if (!head.ok()) return head.error();
  if (!check.first_bad && *head != prev) {
    check.first_bad = after + 1;
    check.reason =
        "the log's head does not end at its last entry " + std::to_string(after) + ": entries after it were removed";
  }
  auto anchors = db_.Read([&](soci::session& s) { return std::make_pair(store_.Anchors(s, 100000), store_.Keys(s)); });
  if (!anchors.ok()) return anchors.error();
  for (const auto& a : anchors->first) {
    ++check.anchors;
    if (check.first_bad) continue;
    auto key = std::find_if(anchors->second.begin(), anchors->second.end(),
                            [&](const KeyRow& k) { return k.key_id == a.key_id; });
    auto pub = key == anchors->second.end() ? std::nullopt : crypto::Base64Decode(key->public_key);
    auto sig = crypto::Base64Decode(a.signature);
    if (!pub || !sig || !crypto::VerifySignature(*pub, AnchorMessage(a), *sig)) {
      check.first_bad = a.entry_id;
      check.reason = "anchor " + std::to_string(a.id) + " is not signed by the bus";
    } else if (a.entry_id != 0 && hash_of[a.entry_id] != a.head_hash) {
      check.first_bad = a.entry_id;
      check.reason = "entry " + std::to_string(a.entry_id) + " no longer carries the hash anchor " +
                     std::to_string(a.id) + " pinned";
    }
  }
  return check;
}

}  // namespace spbe::interop
