#include "audit/api.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "audit/audit.hpp"
#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"

namespace spbe::audit {

using http::Request;
using http::Response;

namespace {

std::int64_t ToInt(const std::optional<std::string>& s) {
  std::int64_t v = 0;
  if (s) std::from_chars(s->data(), s->data() + s->size(), v);
  return v;
}

}  // namespace

/// The filter the actor may run, or the error to answer: the requested node (or the actor's own audit node) must
/// be one the actor can audit.
Result<Filter> Scope(const Request& req, org::OrgService& org) {
  const auto& actor = req.actor();
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  std::int64_t node_id = ToInt(req.Query("node_id"));
  if (node_id == 0) {
    for (const auto& g : actor.grants) {
      if (g.role == access::Role::kAuditor || g.role == access::Role::kAdminPlatform) {
        node_id = g.node_id;
        break;
      }
    }
  }
  auto refused = Error::Of(ErrorCode::kForbidden, i18n::Tr(req.lang, "audit_auditors_only"));
  if (node_id == 0) return refused;
  auto node = org.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kAuditRead, node->path)) return refused;
  Filter f;
  f.node_path = node->path;
  f.include_unplaced = !node->parent_id.has_value();  // entries without a node belong to the whole deployment
  f.action = req.Query("action").value_or("");
  f.object_type = req.Query("object_type").value_or("");
  f.object_id = req.Query("object_id").value_or("");
  f.before_id = ToInt(req.Query("before_id"));
  if (auto limit = ToInt(req.Query("limit")); limit > 0) f.limit = static_cast<int>(std::min<std::int64_t>(limit, 500));
  return f;
}

namespace {

// An entry of the audit trail as the API shows it.
struct EntryView {
  std::int64_t id = 0;
  std::string at;
  std::string actor_kind;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string node_path;
  std::string address;
  std::string before_digest;
  std::string after_digest;
  std::string hash;
  http::contract::Nullable<std::int64_t> actor_id;
  static boost::json::object Notes() {
    return {{"at", {{"format", "date-time"}}},
            {"actor_kind", {{"description", "warga, asn, ..., anonymous, system"}}},
            {"action", {{"description", "identity.register, org.create_node, ..."}}},
            {"node_path", {{"description", "the object's node (/1/4/9/), empty when none"}}},
            {"before_digest", {{"description", "SHA-256 of the object's state before (empty when created)"}}},
            {"after_digest", {{"description", "... and after (empty when deleted)"}}},
            {"hash", {{"description", "SHA-256 chaining this entry to the one before"}}},
            {"actor_id", {{"description", "null for an anonymous visitor or the system"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(EntryView, (),
                      (id, at, actor_kind, action, object_type, object_id, node_path, address, before_digest,
                       after_digest, hash, actor_id))

struct EntryPage {
  std::vector<EntryView> entries;
  std::optional<std::int64_t> next_before_id;
  static boost::json::object Notes() {
    return {{"entries", {{"description", "newest first"}}},
            {"next_before_id", {{"description", "the next page's before_id; absent when this page is empty"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(EntryPage, (), (entries, next_before_id))

struct AnchorView {
  std::int64_t id = 0;
  std::string date;
  std::string anchored_at;
  std::int64_t entry_id = 0;
  std::int64_t entries = 0;
  std::string head_hash;
  std::string key_id;
  std::string signature;
  static boost::json::object Notes() {
    return {{"date", {{"format", "date"}, {"description", "UTC date of anchoring"}}},
            {"anchored_at", {{"format", "date-time"}}},
            {"entry_id", {{"description", "the newest entry when anchored (0: an empty trail)"}}},
            {"entries", {{"description", "how many entries the chain held then"}}},
            {"head_hash", {{"description", "that entry's hash"}}},
            {"signature", {{"description", "base64 Ed25519 signature"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(AnchorView, (), (id, date, anchored_at, entry_id, entries, head_hash, key_id, signature))

struct AnchorKeyView {
  std::string key_id;
  std::string algorithm;
  std::string public_key;
  std::string created_at;
  http::contract::Nullable<std::string> retired_at;
  static boost::json::object Notes() {
    return {{"key_id", {{"description", "first 16 hex digits of SHA-256 of the public key"}}},
            {"algorithm", {{"enum", {"Ed25519"}}}},
            {"public_key", {{"description", "base64 of the 32 bytes"}}},
            {"created_at", {{"format", "date-time"}}},
            {"retired_at", {{"format", "date-time"}, {"description", "null while the key signs"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(AnchorKeyView, (), (key_id, algorithm, public_key, created_at, retired_at))

// The same document as AnchorsJson (what `spbe audit verify --anchors` reads back).
struct AnchorsView {
  std::string description;
  std::vector<AnchorView> anchors;
  std::vector<AnchorKeyView> keys;
  static boost::json::object Notes() { return {{"anchors", {{"description", "newest first"}}}}; }
};
BOOST_DESCRIBE_STRUCT(AnchorsView, (), (description, anchors, keys))

EntryView View(const Entry& e) {
  return {
      e.id,           e.at,          e.actor_kind,
      e.action,       e.object_type, e.object_id,
      e.node_path,    e.address,     e.before_digest,
      e.after_digest, e.hash,        e.actor_id ? http::contract::Nullable<std::int64_t>(*e.actor_id) : std::nullopt};
}

// The text AnchorsJson puts before the anchors, kept in one place.
const std::string& AnchorsDescription() {
  static const std::string text(boost::json::parse(AnchorsJson({}, {})).at("description").as_string());
  return text;
}

AnchorsView View(const std::vector<Anchor>& anchors, const std::vector<AnchorKey>& keys) {
  AnchorsView out{AnchorsDescription(), {}, {}};
  for (const auto& a : anchors) {
    out.anchors.push_back({a.id, a.day, a.anchored_at, a.entry_id, a.entries, a.head_hash, a.key_id, a.signature});
  }
  for (const auto& k : keys) {
    out.keys.push_back({k.key_id, "Ed25519", k.public_key, k.created_at,
                        k.retired_at.empty() ? std::nullopt : http::contract::Nullable<std::string>(k.retired_at)});
  }
  return out;
}

http::Handler ListAnchors(Anchors& anchors) {
  return [&anchors](Request& req) {
    int limit = 400;
    if (auto l = req.Query("limit")) {
      int v = 0;
      auto [p, ec] = std::from_chars(l->data(), l->data() + l->size(), v);
      if (ec != std::errc() || p != l->data() + l->size() || v < 1 || v > 10000) {
        return http::Problem(req, Error::Validation({{"limit", i18n::Tr(req.lang, "audit_limit_range")}}));
      }
      limit = v;
    }
    auto list = anchors.List(limit);
    auto keys = anchors.Keys();
    if (!list.ok()) return http::Problem(req, list.error());
    if (!keys.ok()) return http::Problem(req, keys.error());
    Response r = http::Reply(200, View(*list, *keys));
    r.Set("Cache-Control", "public, max-age=300");
    return r;
  };
}

http::Handler ListEntries(storage::Database& db, org::OrgService& org) {
  return [&db, &org](Request& req) {
    auto filter = Scope(req, org);
    if (!filter.ok()) return http::Problem(req, filter.error());
    auto entries = List(db, *filter);
    if (!entries.ok()) return http::Problem(req, entries.error());
    EntryPage out;
    for (const auto& e : *entries) out.entries.push_back(View(e));
    if (!entries->empty()) out.next_before_id = entries->back().id;
    return http::Reply(200, out);
  };
}

}  // namespace

void RegisterApi(http::Router& router, storage::Database& db, org::OrgService& org, Anchors& anchors) {
  router.DescribeTag("audit", "The audit trail and its signed anchors.");
  router.Add("GET", "/api/v1/audit/anchors", ListAnchors(anchors),
             http::Operation("listAuditAnchors", "audit", "Signed anchors of the audit trail")
                 .Describe("Keep a copy, and check the trail against it with `spbe audit verify --anchors FILE`. "
                           "Each anchor signs the chain's head of a day with the platform's Ed25519 key; the keys "
                           "that signed any anchor are listed. Cached for 5 minutes.")
                 .Public()
                 .Query("limit", {{"type", "integer"}, {"minimum", 1}, {"maximum", 10000}, {"default", 400}},
                        "How many anchors, newest first")
                 .Reply<AnchorsView>(200, "The newest anchors first and the keys that signed them")
                 .Problems({{422, "limit is not a number from 1 to 10000"}})
                 .Options());

  router.Add("GET", "/api/v1/audit", ListEntries(db, org),
             http::Operation("listAuditEntries", "audit", "Browse the audit trail of a subtree")
                 .Describe("For auditors and platform admins of the node (or a key with audit.read there). Entries "
                           "without a node belong to the whole deployment: only readers of a root see them.")
                 .Scope("audit.read")
                 .Query("node_id", http::IntegerSchema(), "The subtree; absent: the caller's audit node")
                 .Query("action", {{"type", "string"}}, "Exactly this action (org.create_node)")
                 .Query("object_type", {{"type", "string"}}, "Exactly this object type (account, org_node...)")
                 .Query("object_id", {{"type", "string"}}, "Exactly this object id")
                 .Query("before_id", http::IntegerSchema(), "Paging: entries older than this id")
                 .Query("limit", {{"type", "integer"}, {"minimum", 1}, {"default", 100}},
                        "How many entries (more than 500 reads 500)")
                 .Reply<EntryPage>(200, "Entries, newest first")
                 .Problems({{401, "Not signed in"}, {403, "Not an auditor of that node"}})
                 .Options());
}

}  // namespace spbe::audit
