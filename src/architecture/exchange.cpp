// Use cases: an inventory in and out as files. An import is one CSV file of one kind, all or nothing, upserting by
// (agency, name) so that importing it again changes nothing; an export is the same CSV, or one workbook of the three
// lists.
#include <soci/soci.h>

#include <map>

#include "architecture/items.hpp"
#include "architecture/service.hpp"
#include "audit/audit.hpp"
#include "platform/i18n.hpp"
#include "platform/xlsx.hpp"

namespace spbe::architecture {
namespace {

// The rows' agencies: a slug of the import's node or of a node under it ("" is the node itself).
template <class Input>
std::map<int, NodeRef> Agencies(const std::vector<ImportRow<Input>>& rows, const NodeRef& node,
                                const std::vector<NodeRef>& under, std::vector<LineError>& errors,
                                std::string_view lang) {
  std::map<int, NodeRef> out;
  for (const auto& row : rows) {
    if (row.agency.empty() || row.agency == node.slug) {
      out[row.line] = node;
      continue;
    }
    const NodeRef* found = nullptr;
    int matches = 0;
    for (const auto& n : under) {
      if (n.slug == row.agency) {
        found = &n;
        ++matches;
      }
    }
    if (matches != 1) {
      const char* key = matches == 0 ? "arch_csv_agency_unknown" : "arch_csv_agency_ambiguous";
      errors.push_back({row.line, "instansi", LineText(lang, row.line, "instansi", i18n::Tr(lang, key))});
      continue;
    }
    out[row.line] = *found;
  }
  return out;
}

constexpr std::size_t kMaxImportRows = 5000;

template <class Item>
Result<ImportReport> ImportKind(storage::Database& db, const ArchitectureStore& store, const access::Actor& actor,
                                const NodeRef& node, Parsed<typename Traits<Item>::Input> parsed,
                                const std::string& now, std::string_view lang) {
  ImportReport report;
  // One import is one unit of work holding the writer: a file of a whole agency, not of a country.
  if (parsed.rows.size() > kMaxImportRows) {
    report.errors.push_back(
        {static_cast<int>(kMaxImportRows) + 2, "",
         LineText(lang, static_cast<int>(kMaxImportRows) + 2, "", i18n::Tr(lang, "arch_import_too_many_rows"))});
    return report;
  }
  if (!parsed.errors.empty()) {
    report.errors = std::move(parsed.errors);
    return report;
  }
  auto under = db.Read([&](soci::session& s) { return store.NodesUnder(s, node.path); });
  if (!under.ok()) return under.error();
  auto agencies = Agencies(parsed.rows, node, *under, report.errors, lang);
  if (!report.errors.empty()) return report;
  ImportReport done;
  auto st = db.Write([&](soci::session& s) -> Status {
    done = {};
    for (const auto& row : parsed.rows) {
      const NodeRef& agency = agencies.at(row.line);
      auto existing = Traits<Item>::ByName(store, s, agency.id, NameKey(row.input.name));
      Item item;
      if (existing) {
        item = *existing;
        if (Traits<Item>::Snapshot(item) == Traits<Item>::Snapshot(row.input)) {
          ++done.unchanged;
          continue;
        }
      } else {
        item.node_id = agency.id;
        item.node_path = agency.path;
        item.created_at = now;
        item.created_by = actor.account_id;
      }
      std::string before = existing ? audit::Digest(Traits<Item>::Snapshot(*existing)) : "";
      static_cast<typename Traits<Item>::Input&>(item) = row.input;
      item.updated_at = now;
      item.updated_by = actor.account_id;
      if (existing) {
        Traits<Item>::Update(store, s, item);
        ++done.updated;
      } else {
        item.id = Traits<Item>::Insert(store, s, item);
        ++done.created;
      }
      for (const auto& e : Traits<Item>::Link(store, s, item, lang)) {
        done.errors.push_back({row.line, "data", LineText(lang, row.line, "data", e.message)});
      }
      audit::Entry e;
      e.action = std::string(Traits<Item>::kAction) + (existing ? "_update" : "_create");
      e.object_type = Traits<Item>::kObject;
      e.object_id = std::to_string(item.id);
      e.node_path = agency.path;
      e.before_digest = before;
      e.after_digest = audit::Digest(Traits<Item>::Snapshot(item));
      audit::Record(s, actor, e, now);
    }
    // A line that named a data set the agency does not have: nothing of the file stays.
    if (!done.errors.empty()) return Error::Validation({{"csv", done.errors.front().detail}});
    return Ok{};
  });
  if (!st.ok()) {
    if (!done.errors.empty()) {
      report.errors = std::move(done.errors);
      return report;
    }
    return st.error();
  }
  return done;
}

}  // namespace

Result<ImportReport> ArchitectureService::Import(const access::Actor& actor, std::int64_t node_id, Kind kind,
                                                 std::string_view csv, std::string_view lang) {
  auto node = ManagedNode(actor, node_id, lang);
  if (!node.ok()) return node.error();
  std::string now = Now();
  switch (kind) {
    case Kind::kApplications:
      return ImportKind<Application>(db_, store_, actor, *node, ParseApplicationsCsv(csv, lang), now, lang);
    case Kind::kDatasets:
      return ImportKind<Dataset>(db_, store_, actor, *node, ParseDatasetsCsv(csv, lang), now, lang);
    case Kind::kInfrastructure:
      return ImportKind<Infrastructure>(db_, store_, actor, *node, ParseInfrastructureCsv(csv, lang), now, lang);
  }
  return Error::Of(ErrorCode::kBadRequest, "no such kind");
}

Result<std::string> ArchitectureService::ExportCsv(const access::Actor& actor, std::int64_t node_id, Kind kind,
                                                   std::string_view lang) {
  auto node = ReadableNode(actor, node_id, lang);
  if (!node.ok()) return node.error();
  return db_.Read([&](soci::session& s) -> std::string {
    switch (kind) {
      case Kind::kApplications:
        return ApplicationsCsv(store_.Applications(s, node->path));
      case Kind::kDatasets:
        return DatasetsCsv(store_.Datasets(s, node->path));
      case Kind::kInfrastructure:
        return InfrastructureCsv(store_.Infrastructures(s, node->path));
    }
    return "";
  });
}

namespace {

std::vector<std::string> Header(Kind k) {
  std::vector<std::string> out;
  for (auto c : Columns(k)) out.emplace_back(c);
  return out;
}

}  // namespace

Result<std::string> ArchitectureService::ExportXlsx(const access::Actor& actor, std::int64_t node_id,
                                                    std::string_view lang) {
  auto node = ReadableNode(actor, node_id, lang);
  if (!node.ok()) return node.error();
  struct Lists {
    std::vector<Application> apps;
    std::vector<Dataset> datasets;
    std::vector<Infrastructure> infrastructure;
  };
  auto lists = db_.Read([&](soci::session& s) {
    return Lists{store_.Applications(s, node->path), store_.Datasets(s, node->path),
                 store_.Infrastructures(s, node->path)};
  });
  if (!lists.ok()) return lists.error();
  std::vector<XlsxSheet> sheets(3);
  sheets[0].name = "Aplikasi";
  sheets[0].header = Header(Kind::kApplications);
  for (const auto& a : lists->apps) {
    sheets[0].rows.push_back({a.node_slug, a.name, a.function_code, a.owner_unit, static_cast<double>(a.users),
                              a.status, a.hosting, a.source, a.national_app, JoinList(a.datasets, "; "),
                              JoinList(a.bus_provides, "; "), JoinList(a.bus_uses, "; "),
                              static_cast<double>(a.yearly_cost), a.description});
  }
  sheets[1].name = "Data";
  sheets[1].header = Header(Kind::kDatasets);
  for (const auto& d : lists->datasets) {
    sheets[1].rows.push_back({d.node_slug, d.name, d.owner, d.classification, std::string(d.personal ? "ya" : "tidak"),
                              d.update_frequency, std::string(d.open ? "ya" : "tidak"), d.status, d.description});
  }
  sheets[2].name = "Infrastruktur";
  sheets[2].header = Header(Kind::kInfrastructure);
  for (const auto& i : lists->infrastructure) {
    sheets[2].rows.push_back(
        {i.node_slug, i.kind, i.name, i.location, i.capacity, i.provider, i.status, i.description});
  }
  return WriteXlsx(sheets);
}

}  // namespace spbe::architecture
