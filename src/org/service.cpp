#include "org/service.hpp"

#include <algorithm>
#include <cstdlib>

#include <soci/soci.h>

#include "audit/audit.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/resources.hpp"

namespace spbe::org {
namespace {

constexpr const char* kRegionsDataSet = "idn-area-data/regions";

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

}  // namespace

std::vector<Region> ParseRegionCsv(std::string_view csv, int level) {
  std::vector<Region> out;
  bool header = true;
  while (!csv.empty()) {
    auto nl = csv.find('\n');
    std::string_view line = csv.substr(0, nl);
    csv = nl == std::string_view::npos ? std::string_view{} : csv.substr(nl + 1);
    if (header || line.empty()) {
      header = false;
      continue;
    }
    auto f = SplitCsvLine(line);
    if (level == 1 && f.size() >= 2) out.push_back({f[0], "", 1, f[1]});
    if (level > 1 && f.size() >= 3) out.push_back({f[0], f[1], level, f[2]});
  }
  return out;
}

Result<int> SyncRegions(storage::Database& db, const OrgStore& store, const std::string& now) {
  std::vector<Region> all;
  std::string digest_input;
  int level = 1;
  for (const char* file : {"regions/provinces.csv", "regions/regencies.csv", "regions/districts.csv"}) {
    auto data = resources::Find(file);
    if (!data) return Error::Of(ErrorCode::kInternal, std::string("region data missing: ") + file);
    auto rows = ParseRegionCsv(*data, level++);
    all.insert(all.end(), rows.begin(), rows.end());
    digest_input += *data;
  }
  std::string checksum = crypto::Sha256Hex(digest_input);
  return db.WriteReturning<int>([&](soci::session& s) -> Result<int> {
    if (store.ReferenceChecksum(s, kRegionsDataSet) == checksum) return 0;
    store.UpsertRegions(s, all);
    store.SetReferenceChecksum(s, kRegionsDataSet, checksum, now);
    return static_cast<int>(all.size());
  });
}

Result<Node> OrgService::Insert(const NewNode& n, std::string_view lang, const access::Actor* actor,
                                const std::function<Status(const std::optional<Node>&)>& authorize) {
  std::string now = now_();
  return db_.WriteReturning<Node>([&](soci::session& s) -> Result<Node> {
    std::optional<Node> parent;
    if (n.parent_id) parent = store_.Get(s, *n.parent_id);
    if (auto st = authorize(parent); !st.ok()) return st.error();
    auto region_level = [&](std::string_view code) -> std::optional<int> {
      auto r = store_.GetRegion(s, std::string(code));
      return r ? std::optional<int>(r->level) : std::nullopt;
    };
    if (auto st = ValidateNewNode(n, parent, region_level, lang); !st.ok()) return st.error();
    if (store_.FindBySlugPath(s, n.parent_id, n.slug)) {
      return Error::Validation({{"slug", i18n::Tr(lang, "org_slug_taken")}});
    }
    // A node without its own region code keeps its parent's time zone; the root defaults to WIB.
    std::string tz = !n.region_code.empty() ? TimezoneForRegion(n.region_code)
                     : parent               ? parent->timezone
                                            : TimezoneForRegion("");
    Node created = store_.Insert(s, n, tz, now);
    audit::Entry e;
    e.action = "org.create_node";
    e.object_type = "org_node";
    e.object_id = std::to_string(created.id);
    e.node_path = created.path;
    e.after_digest = audit::Digest(std::string(KindName(created.kind)) + "|" + created.name + "|" + created.slug + "|" +
                                   created.region_code + "|" + created.path);
    if (actor)
      audit::Record(s, *actor, e, now);
    else
      audit::RecordSystem(s, e, now);
    return created;
  });
}

Result<Node> OrgService::Create(const access::Actor& actor, const NewNode& n, std::string_view lang) {
  return Insert(n, lang, &actor, [&](const std::optional<Node>& parent) -> Status {
    // Not found and not allowed look the same from outside: no probing of other agencies' node ids.
    if (!parent || !access::Allowed(actor, access::Action::kOrgManage, parent->path)) {
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "org_add_forbidden"));
    }
    return Ok{};
  });
}

Result<Node> OrgService::CreateAsSystem(const NewNode& n) {
  return Insert(n, "en", nullptr, [](const std::optional<Node>&) -> Status { return Ok{}; });
}

OrgService::OrgService(storage::Database& db, const OrgStore& store, std::function<std::string()> now)
    : db_(db), store_(store), now_(std::move(now)) {
  subscription_ = db_.changes().Subscribe([this](const storage::Change& c) {
    if (!c.topic.empty() && c.topic != "org_nodes") return;
    std::lock_guard lock(cache_mu_);
    ++generation_;
    if (c.id != 0) nodes_.erase(c.id);
    if (c.id == 0) nodes_.clear();
    subtrees_.clear();  // a new node lengthens the subtrees above it
  });
}

std::optional<Node> OrgService::Cached(std::int64_t id) {
  std::lock_guard lock(cache_mu_);
  if (auto it = nodes_.find(id); it != nodes_.end()) return it->second;
  return std::nullopt;
}

Result<Node> OrgService::Get(std::int64_t id) {
  std::uint64_t generation;
  {
    std::lock_guard lock(cache_mu_);
    if (auto it = nodes_.find(id); it != nodes_.end()) return it->second;
    generation = generation_;
  }
  auto node = db_.Read([&](soci::session& s) { return store_.Get(s, id); });
  if (!node.ok()) return node.error();
  if (!*node) return Error::Of(ErrorCode::kNotFound, "no such node");
  std::lock_guard lock(cache_mu_);
  if (generation == generation_ && db_.changes().Trusted()) {
    if (nodes_.size() >= kCacheLimit) nodes_.clear();
    nodes_.emplace(id, **node);
  }
  return **node;
}

Result<std::vector<Node>> OrgService::Subtree(const access::Actor& actor, std::int64_t id) {
  auto node = Get(id);
  if (!node.ok()) return node.error();
  if (!access::Allowed(actor, access::Action::kOrgRead, node->path)) {
    return Error::Of(ErrorCode::kNotFound, "no such node");
  }
  return db_.Read([&](soci::session& s) { return store_.Subtree(s, node->path); });
}

Result<std::vector<Node>> OrgService::Roots() {
  return db_.Read([&](soci::session& s) { return store_.Children(s, std::nullopt); });
}

Result<Node> OrgService::Home() {
  auto roots = Roots();
  if (!roots.ok()) return roots.error();
  if (roots->empty()) return Error::Of(ErrorCode::kUnavailable, "no government is set up yet");
  return *std::min_element(roots->begin(), roots->end(), [](const Node& a, const Node& b) { return a.id < b.id; });
}

Result<std::vector<Node>> OrgService::Children(std::int64_t id) {
  return db_.Read([&](soci::session& s) { return store_.Children(s, id); });
}

std::vector<Region> OrgService::RegionsUnder(const std::string& code) {
  auto r = db_.Read([&](soci::session& s) { return store_.RegionChildren(s, code); });
  return r.ok() ? *r : std::vector<Region>{};
}

std::optional<Node> OrgService::Enclosing(const std::string& node_path, NodeKind kind) {
  std::optional<Node> found;
  std::size_t start = 1;
  while (start < node_path.size()) {
    std::size_t end = node_path.find('/', start);
    if (end == std::string::npos) break;
    auto node = Get(std::atoll(node_path.substr(start, end - start).c_str()));
    if (node.ok() && node->kind == kind) found = *node;
    start = end + 1;
  }
  return found;
}

std::vector<std::string> OrgService::SubtreeOf(const std::string& node_path) {
  bool trusted = db_.changes().Trusted();  // read before the query: a subtree read while unheard is not kept
  std::uint64_t generation;
  {
    std::lock_guard lock(cache_mu_);
    if (trusted) {
      if (auto it = subtrees_.find(node_path); it != subtrees_.end()) return it->second;
    }
    generation = generation_;
  }
  auto r = db_.Read([&](soci::session& s) { return store_.Subtree(s, node_path); });
  std::vector<std::string> out;
  if (!r.ok()) return out;
  for (const auto& n : *r) out.push_back(n.path);
  std::lock_guard lock(cache_mu_);
  if (trusted && generation == generation_) {
    if (subtrees_.size() >= 10000) subtrees_.clear();
    subtrees_.emplace(node_path, out);
  }
  return out;
}

std::vector<Node> OrgService::OfKindUnder(const std::string& node_path, NodeKind kind) {
  auto r = db_.Read([&](soci::session& s) { return store_.Subtree(s, node_path); });
  std::vector<Node> out;
  if (!r.ok()) return out;
  for (auto& n : *r) {
    if (n.kind == kind) out.push_back(std::move(n));
  }
  return out;
}

bool OrgService::RegionExists(std::string_view code) {
  auto r = db_.Read([&](soci::session& s) {
    std::string c(code);
    return store_.GetRegion(s, c).has_value() || store_.NodeHasRegion(s, c);
  });
  return r.ok() && *r;
}

std::string OrgService::RegionName(std::string_view code) {
  if (code.empty()) return {};
  auto r = db_.Read([&](soci::session& s) -> std::optional<std::string> {
    std::string c(code);
    if (auto node = store_.NodeNameOfRegion(s, c)) return node;
    if (auto region = store_.GetRegion(s, c)) return region->name;
    return std::nullopt;
  });
  return r.ok() && *r ? **r : std::string(code);
}

}  // namespace spbe::org
