// Use cases: who may read and keep a node's inventory, and the items themselves (list, record, change, retire), each
// change audited in its unit of work; the duplicates of a government and the figures of a subtree.
#include "architecture/service.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <set>

#include "architecture/items.hpp"
#include "audit/audit.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "storage/idempotency.hpp"

namespace spbe::architecture {

namespace {

bool Evaluator(const access::Actor& actor) {
  return std::any_of(actor.grants.begin(), actor.grants.end(),
                     [](const access::Grant& g) { return g.role == access::Role::kEvaluator; });
}

std::string IdempotencyScope(const access::Actor& actor, Kind kind) {
  std::string who = actor.account_id ? std::to_string(actor.account_id) : "key" + std::to_string(actor.api_key_id);
  return "architecture:" + std::string(KindName(kind)) + ":" + who;
}

}  // namespace

bool ArchitectureService::MayRead(const access::Actor& actor, const std::string& node_path) const {
  return access::Allowed(actor, access::Action::kArchitectureRead, node_path) || Evaluator(actor);
}

bool ArchitectureService::MayManage(const access::Actor& actor, const std::string& node_path) const {
  return access::Allowed(actor, access::Action::kArchitectureManage, node_path);
}

Result<std::vector<NodeRef>> ArchitectureService::ReadableNodes(const access::Actor& actor) {
  return db_.Read([&](soci::session& s) {
    std::vector<NodeRef> out;
    std::set<std::int64_t> seen;
    auto add_under = [&](const std::string& path) {
      for (auto& n : store_.NodesUnder(s, path)) {
        if (MayRead(actor, n.path) && seen.insert(n.id).second) out.push_back(std::move(n));
      }
    };
    if (Evaluator(actor)) {
      add_under("/");
    } else {
      std::vector<std::int64_t> roots;
      for (const auto& g : actor.grants) roots.push_back(g.node_id);
      if (actor.api_key_id) roots.push_back(actor.api_key_node);
      for (std::int64_t id : roots) {
        if (auto n = store_.Node(s, id)) add_under(n->path);
      }
    }
    std::sort(out.begin(), out.end(), [](const NodeRef& a, const NodeRef& b) { return a.path < b.path; });
    return out;
  });
}

Result<NodeRef> ArchitectureService::ReadableNode(const access::Actor& actor, std::int64_t node_id,
                                                  std::string_view lang) {
  auto node = db_.Read([&](soci::session& s) { return store_.Node(s, node_id); });
  if (!node.ok()) return node.error();
  if (!*node || !MayRead(actor, (*node)->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "arch_forbidden_node"));
  }
  return **node;
}

Result<NodeRef> ArchitectureService::ManagedNode(const access::Actor& actor, std::int64_t node_id,
                                                 std::string_view lang) {
  auto node = db_.Read([&](soci::session& s) { return store_.Node(s, node_id); });
  if (!node.ok()) return node.error();
  if (!*node || !MayManage(actor, (*node)->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "arch_forbidden_node"));
  }
  return **node;
}

// ---- One implementation for the three kinds of item (items.hpp says how each kind is stored and checked) ----

template <class Item>
Result<std::vector<Item>> ListItems(ArchitectureService& svc, storage::Database& db, const ArchitectureStore& store,
                                    const access::Actor& actor, const ListFilter& f, std::string_view lang) {
  auto node = svc.ReadableNode(actor, f.node_id, lang);
  if (!node.ok()) return node.error();
  auto items = db.Read([&](soci::session& s) { return Traits<Item>::List(store, s, node->path); });
  if (!items.ok()) return items.error();
  std::vector<Item> out;
  for (auto& i : *items) {
    if (!f.status.empty() && i.status != f.status) continue;
    if (!Traits<Item>::Matches(i, f)) continue;
    out.push_back(std::move(i));
  }
  return out;
}

template <class Item>
Result<Item> GetItem(ArchitectureService& svc, storage::Database& db, const ArchitectureStore& store,
                     const access::Actor& actor, std::int64_t id, std::string_view lang) {
  auto item = db.Read([&](soci::session& s) { return Traits<Item>::ById(store, s, id); });
  if (!item.ok()) return item.error();
  if (!*item || !svc.MayRead(actor, (*item)->node_path)) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, Traits<Item>::kNotFound));
  }
  return **item;
}

template <class Item>
Result<Item> CreateItem(ArchitectureService& svc, storage::Database& db, const ArchitectureStore& store,
                        const access::Actor& actor, const NodeRef& node, typename Traits<Item>::Input in,
                        std::string_view idempotency_key, const std::string& now, std::string_view lang) {
  auto errors = Traits<Item>::Check(in, lang);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  std::string key(idempotency_key);
  std::string scope = IdempotencyScope(actor, Traits<Item>::kKind);
  std::string hash = crypto::Sha256Hex(std::to_string(node.id) + "\n" + Traits<Item>::Snapshot(in));
  auto id = db.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    if (!key.empty()) {
      if (auto earlier = storage::FindIdempotent(s, scope, key)) {
        if (earlier->request_hash != hash) {
          return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "arch_idempotency_key_reused"));
        }
        return std::stoll(earlier->response);
      }
    }
    if (Traits<Item>::ByName(store, s, node.id, NameKey(in.name))) {
      return Error::Validation({{"name", i18n::Tr(lang, "arch_error_name_taken")}});
    }
    Item item;
    static_cast<typename Traits<Item>::Input&>(item) = in;
    item.node_id = node.id;
    item.created_at = item.updated_at = now;
    item.created_by = item.updated_by = actor.account_id;
    item.id = Traits<Item>::Insert(store, s, item);
    if (auto linked = Traits<Item>::Link(store, s, item, lang); !linked.empty()) {
      return Error::Validation(std::move(linked));
    }
    audit::Entry e;
    e.action = std::string(Traits<Item>::kAction) + "_create";
    e.object_type = Traits<Item>::kObject;
    e.object_id = std::to_string(item.id);
    e.node_path = node.path;
    e.after_digest = audit::Digest(Traits<Item>::Snapshot(item));
    audit::Record(s, actor, e, now);
    if (!key.empty()) {
      storage::RememberIdempotent(s, scope, key, {hash, 201, std::to_string(item.id)}, now);
    }
    return item.id;
  });
  if (!id.ok()) return id.error();
  return GetItem<Item>(svc, db, store, actor, *id, lang);
}

template <class Item>
Result<Item> ChangeItem(ArchitectureService& svc, storage::Database& db, const ArchitectureStore& store,
                        const access::Actor& actor, std::int64_t id, std::optional<typename Traits<Item>::Input> in,
                        const std::string& now, std::string_view lang) {
  auto current = GetItem<Item>(svc, db, store, actor, id, lang);
  if (!current.ok()) return current.error();
  if (!svc.MayManage(actor, current->node_path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "arch_forbidden_manage"));
  }
  Item changed = *current;
  if (in) {
    auto errors = Traits<Item>::Check(*in, lang);
    if (!errors.empty()) return Error::Validation(std::move(errors));
    static_cast<typename Traits<Item>::Input&>(changed) = *in;
  } else {
    changed.status = "retired";
  }
  changed.updated_at = now;
  changed.updated_by = actor.account_id;
  auto st = db.Write([&](soci::session& s) -> Status {
    auto same_name = Traits<Item>::ByName(store, s, changed.node_id, NameKey(changed.name));
    if (same_name && same_name->id != changed.id) {
      return Error::Validation({{"name", i18n::Tr(lang, "arch_error_name_taken")}});
    }
    Traits<Item>::Update(store, s, changed);
    if (in) {
      if (auto linked = Traits<Item>::Link(store, s, changed, lang); !linked.empty()) {
        return Error::Validation(std::move(linked));
      }
    }
    audit::Entry e;
    e.action = std::string(Traits<Item>::kAction) + (in ? "_update" : "_retire");
    e.object_type = Traits<Item>::kObject;
    e.object_id = std::to_string(changed.id);
    e.node_path = changed.node_path;
    e.before_digest = audit::Digest(Traits<Item>::Snapshot(*current));
    e.after_digest = audit::Digest(Traits<Item>::Snapshot(changed));
    audit::Record(s, actor, e, now);
    return Ok{};
  });
  if (!st.ok()) return st.error();
  return GetItem<Item>(svc, db, store, actor, id, lang);
}

// ---- Applications ----

Result<std::vector<Application>> ArchitectureService::Applications(const access::Actor& actor, const ListFilter& f,
                                                                   std::string_view lang) {
  return ListItems<Application>(*this, db_, store_, actor, f, lang);
}
Result<Application> ArchitectureService::GetApplication(const access::Actor& actor, std::int64_t id,
                                                        std::string_view lang) {
  return GetItem<Application>(*this, db_, store_, actor, id, lang);
}
Result<Application> ArchitectureService::CreateApplication(const access::Actor& actor, std::int64_t node_id,
                                                           ApplicationInput in, std::string_view idempotency_key,
                                                           std::string_view lang) {
  auto node = ManagedNode(actor, node_id, lang);
  if (!node.ok()) return node.error();
  return CreateItem<Application>(*this, db_, store_, actor, *node, std::move(in), idempotency_key, Now(), lang);
}
Result<Application> ArchitectureService::UpdateApplication(const access::Actor& actor, std::int64_t id,
                                                           ApplicationInput in, std::string_view lang) {
  return ChangeItem<Application>(*this, db_, store_, actor, id, std::move(in), Now(), lang);
}
Result<Application> ArchitectureService::RetireApplication(const access::Actor& actor, std::int64_t id,
                                                           std::string_view lang) {
  return ChangeItem<Application>(*this, db_, store_, actor, id, std::nullopt, Now(), lang);
}

// ---- Data sets ----

Result<std::vector<Dataset>> ArchitectureService::Datasets(const access::Actor& actor, const ListFilter& f,
                                                           std::string_view lang) {
  return ListItems<Dataset>(*this, db_, store_, actor, f, lang);
}
Result<Dataset> ArchitectureService::GetDataset(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  return GetItem<Dataset>(*this, db_, store_, actor, id, lang);
}
Result<Dataset> ArchitectureService::CreateDataset(const access::Actor& actor, std::int64_t node_id, DatasetInput in,
                                                   std::string_view idempotency_key, std::string_view lang) {
  auto node = ManagedNode(actor, node_id, lang);
  if (!node.ok()) return node.error();
  return CreateItem<Dataset>(*this, db_, store_, actor, *node, std::move(in), idempotency_key, Now(), lang);
}
Result<Dataset> ArchitectureService::UpdateDataset(const access::Actor& actor, std::int64_t id, DatasetInput in,
                                                   std::string_view lang) {
  return ChangeItem<Dataset>(*this, db_, store_, actor, id, std::move(in), Now(), lang);
}
Result<Dataset> ArchitectureService::RetireDataset(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  return ChangeItem<Dataset>(*this, db_, store_, actor, id, std::nullopt, Now(), lang);
}

// ---- Infrastructure ----

Result<std::vector<Infrastructure>> ArchitectureService::Infrastructures(const access::Actor& actor,
                                                                         const ListFilter& f, std::string_view lang) {
  return ListItems<Infrastructure>(*this, db_, store_, actor, f, lang);
}
Result<Infrastructure> ArchitectureService::GetInfrastructure(const access::Actor& actor, std::int64_t id,
                                                              std::string_view lang) {
  return GetItem<Infrastructure>(*this, db_, store_, actor, id, lang);
}
Result<Infrastructure> ArchitectureService::CreateInfrastructure(const access::Actor& actor, std::int64_t node_id,
                                                                 InfrastructureInput in,
                                                                 std::string_view idempotency_key,
                                                                 std::string_view lang) {
  auto node = ManagedNode(actor, node_id, lang);
  if (!node.ok()) return node.error();
  return CreateItem<Infrastructure>(*this, db_, store_, actor, *node, std::move(in), idempotency_key, Now(), lang);
}
Result<Infrastructure> ArchitectureService::UpdateInfrastructure(const access::Actor& actor, std::int64_t id,
                                                                 InfrastructureInput in, std::string_view lang) {
  return ChangeItem<Infrastructure>(*this, db_, store_, actor, id, std::move(in), Now(), lang);
}
Result<Infrastructure> ArchitectureService::RetireInfrastructure(const access::Actor& actor, std::int64_t id,
                                                                 std::string_view lang) {
  return ChangeItem<Infrastructure>(*this, db_, store_, actor, id, std::nullopt, Now(), lang);
}

// ---- Duplicates and figures ----

Government ArchitectureService::GovernmentOf(const std::string& node_path) {
  std::optional<org::Node> best;
  for (auto kind : {org::NodeKind::kKabupatenKota, org::NodeKind::kProvinsi, org::NodeKind::kKementerianLembaga}) {
    auto n = org_.Enclosing(node_path, kind);
    if (n && (!best || n->path.size() > best->path.size())) best = std::move(n);
  }
  if (!best) {
    // No government kind above it: the tree's root stands for it.
    std::int64_t root = std::atoll(node_path.c_str() + (node_path.empty() ? 0 : 1));
    auto n = org_.Get(root);
    if (n.ok()) best = *n;
  }
  if (!best) return {};
  return {best->id, best->name, best->path};
}

std::map<std::int64_t, Government> ArchitectureService::Governments(const std::vector<Application>& apps) {
  std::map<std::int64_t, Government> out;
  for (const auto& a : apps) {
    if (!out.count(a.node_id)) out[a.node_id] = GovernmentOf(a.node_path);
  }
  return out;
}

Result<DuplicatesView> ArchitectureService::Duplicates(const access::Actor& actor, std::int64_t node_id,
                                                       std::string_view lang) {
  auto node = ReadableNode(actor, node_id, lang);
  if (!node.ok()) return node.error();
  DuplicatesView out;
  out.government = GovernmentOf(node->path);
  if (out.government.id == 0) return out;
  auto apps = db_.Read([&](soci::session& s) { return store_.Applications(s, out.government.path); });
  if (!apps.ok()) return apps.error();
  for (auto& g : FindDuplicates(*apps, Governments(*apps), lang)) {
    if (g.government.id == out.government.id) out.groups.push_back(std::move(g));
  }
  return out;
}

Result<InventorySummary> ArchitectureService::Summary(std::int64_t node_id) {
  struct Lists {
    std::optional<NodeRef> node;
    std::vector<Application> apps;
    std::vector<Dataset> datasets;
    std::vector<Infrastructure> infrastructure;
  };
  auto lists = db_.Read([&](soci::session& s) {
    Lists l;
    l.node = store_.Node(s, node_id);
    if (!l.node) return l;
    l.apps = store_.Applications(s, l.node->path);
    l.datasets = store_.Datasets(s, l.node->path);
    l.infrastructure = store_.Infrastructures(s, l.node->path);
    return l;
  });
  if (!lists.ok()) return lists.error();
  if (!lists->node) return Error::Of(ErrorCode::kNotFound, "no such node");
  InventorySummary out;
  for (const auto& a : lists->apps) {
    ++out.applications;
    if (a.status == "retired") {
      ++out.retired;
      continue;
    }
    ++(a.status == "live" ? out.live : out.planned);
    if (a.source == "national") ++out.national;
    if (a.hosting == "pdn") ++out.on_pdn;
    if (!a.bus_provides.empty() || !a.bus_uses.empty()) ++out.with_bus;
    out.yearly_cost += a.yearly_cost;
  }
  out.duplicate_groups = static_cast<int>(FindDuplicates(lists->apps, Governments(lists->apps), "id").size());
  for (const auto& d : lists->datasets) {
    if (d.status == "retired") continue;
    ++out.datasets;
    if (d.open) ++out.open_datasets;
    if (d.personal) ++out.personal_datasets;
  }
  for (const auto& i : lists->infrastructure) {
    if (i.status != "retired") ++out.infrastructure;
  }
  return out;
}

}  // namespace spbe::architecture
