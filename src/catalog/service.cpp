#include "catalog/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>
#include <charconv>

#include "audit/audit.hpp"
#include "platform/i18n.hpp"

namespace spbe::catalog {
namespace {

bool ValidSlug(std::string_view s) {
  if (s.size() < 3 || s.size() > 60 || s.front() == '-' || s.back() == '-') return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

std::string EventsColumn(const Definition& d) {
  std::string out = " ";
  for (const auto& e : d.life_events) out += e + " ";
  return out;
}

// A draft version's row from its definition.
VersionRow DraftRow(std::int64_t service_id, int version, const Definition& d, const std::string& agency,
                    const std::string& now, std::int64_t by) {
  VersionRow v;
  v.service_id = service_id;
  v.version = version;
  v.status = "draft";
  v.name = d.name.id;
  v.name_en = d.name.In("en");
  v.life_events = EventsColumn(d);
  v.time_limit_days = d.time_limit_days;
  v.definition = boost::json::serialize(ToJson(d));
  v.search_text = SearchText(d, agency);
  v.created_at = now;
  v.created_by = by;
  return v;
}

audit::Entry ServiceEvent(const char* action, const ServiceRow& s, std::string before, std::string after) {
  audit::Entry e;
  e.action = action;
  e.object_type = "service";
  e.object_id = std::to_string(s.id);
  e.node_path = s.node_path;
  e.before_digest = std::move(before);
  e.after_digest = std::move(after);
  return e;
}

Error NotFound(std::string_view lang) {
  return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "catalog_service_not_found"));
}

}  // namespace

Result<ServiceView> CatalogService::View(const ServiceRow& service, const VersionRow& version) {
  auto def = ParseDefinition(boost::json::parse(version.definition), "en");
  if (!def.ok()) return Error::Of(ErrorCode::kInternal, "stored service definition does not parse");
  ServiceView v{service, version, std::move(*def), {}};
  for (const auto& step : v.definition.workflow.steps) {
    auto node = org_.Get(step.node_id);
    v.step_offices.push_back(node.ok() ? node->name : std::string());
  }
  return v;
}

namespace {

// How well a service matches the search stems: per stem, 100 when it starts a word of the name (either language),
// 10 of the summary, 1 elsewhere (the store only returns services where every stem occurs somewhere).
int Relevance(const std::vector<std::string>& terms, const Definition& d) {
  auto has = [](const std::vector<std::string>& words, const std::string& stem) {
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.starts_with(stem); });
  };
  auto name = SearchTerms(d.name.id + " " + d.name.en);
  auto summary = SearchTerms(d.summary.id + " " + d.summary.en);
  int score = 0;
  for (const auto& t : terms) score += has(name, t) ? 100 : has(summary, t) ? 10 : 1;
  return score;
}

}  // namespace

Result<SearchResult> CatalogService::Search(std::string_view words, std::int64_t node_id, std::string_view life_event,
                                            int page, int per_page) {
  SearchQuery q;
  q.terms = SearchTerms(words);
  if (q.terms.size() > SearchQuery::kMaxTerms) q.terms.resize(SearchQuery::kMaxTerms);
  if (node_id > 0) {
    auto node = org_.Get(node_id);
    if (!node.ok()) return SearchResult{};
    q.node_path = node->path;
  }
  q.life_event = std::string(life_event);
  int limit = std::clamp(per_page, 1, 100);
  int offset = std::max(0, page - 1) * limit;
  // Without words the store pages by name. With words every match is read (a government's catalogue holds hundreds
  // of services, not millions) and ranked here: a word in the name counts before one in the summary, which counts
  // before one anywhere else (the output, the agency, the life events).
  q.limit = q.terms.empty() ? limit : kMaxRanked;
  q.offset = q.terms.empty() ? offset : 0;
  auto rows = db_.Read([&](soci::session& s) { return std::make_pair(store_.Search(s, q), store_.CountSearch(s, q)); });
  if (!rows.ok()) return rows.error();
  SearchResult out;
  out.total = rows->second;
  std::vector<std::pair<int, ServiceView>> ranked;
  for (const auto& r : rows->first) {
    auto v = View(r.service, r.version);
    if (v.ok()) ranked.emplace_back(q.terms.empty() ? 0 : Relevance(q.terms, v->definition), std::move(*v));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::size_t from = q.terms.empty() ? 0 : static_cast<std::size_t>(offset);
  for (std::size_t i = from; i < ranked.size() && out.items.size() < static_cast<std::size_t>(limit); ++i) {
    out.items.push_back(std::move(ranked[i].second));
  }
  return out;
}

Result<std::vector<std::pair<std::int64_t, std::string>>> CatalogService::Agencies() {
  return db_.Read([&](soci::session& s) { return store_.PublishedAgencies(s); });
}

Result<ServiceView> CatalogService::Published(std::string_view id_or_slug) {
  if (id_or_slug.empty() || id_or_slug.size() > 200) return NotFound("id");
  std::string key(id_or_slug);
  storage::CommittedCache<ServiceView>::Ticket ticket;
  if (auto kept = published_.Find(key, ticket)) return *kept;
  std::int64_t id = 0;
  bool numeric = std::from_chars(id_or_slug.data(), id_or_slug.data() + id_or_slug.size(), id).ptr ==
                 id_or_slug.data() + id_or_slug.size();
  auto found = db_.Read([&](soci::session& s) -> std::optional<ListRow> {
    auto service = numeric ? store_.GetService(s, id) : store_.FindServiceBySlug(s, std::string(id_or_slug));
    if (!service || !service->published_version_id) return std::nullopt;
    auto version = store_.GetVersion(s, service->published_version_id);
    if (!version) return std::nullopt;
    return ListRow{*service, *version};
  });
  if (!found.ok()) return found.error();
  if (!*found) return NotFound("id");
  auto view = View((*found)->service, (*found)->version);
  if (view.ok()) published_.Put(key, view->service.id, std::make_shared<const ServiceView>(*view), ticket);
  return view;
}

std::shared_ptr<const ServiceView> CatalogService::CachedVersion(std::int64_t version_id) {
  std::lock_guard lock(cache_mu_);
  if (auto it = frozen_.find(version_id); it != frozen_.end()) return it->second;
  return nullptr;
}

Result<std::shared_ptr<const ServiceView>> CatalogService::VersionRef(std::int64_t version_id) {
  if (auto kept = CachedVersion(version_id)) return kept;
  auto v = Version(version_id);
  if (!v.ok()) return v.error();
  if (auto kept = CachedVersion(version_id)) return kept;
  return std::make_shared<const ServiceView>(std::move(*v));
}

Result<ServiceView> CatalogService::Version(std::int64_t version_id) {
  {
    std::lock_guard lock(cache_mu_);
    if (auto it = frozen_.find(version_id); it != frozen_.end()) return *it->second;
  }
  auto found = db_.Read([&](soci::session& s) -> std::optional<ListRow> {
    auto version = store_.GetVersion(s, version_id);
    if (!version) return std::nullopt;
    auto service = store_.GetService(s, version->service_id);
    if (!service) return std::nullopt;
    return ListRow{*service, *version};
  });
  if (!found.ok()) return found.error();
  if (!*found) return NotFound("id");
  auto view = View((*found)->service, (*found)->version);
  if (view.ok() && view->version.status != "draft") {
    std::lock_guard lock(cache_mu_);
    frozen_.emplace(version_id, std::make_shared<const ServiceView>(*view));
  }
  return view;
}

Result<ServiceRow> CatalogService::ManagedService(const access::Actor& actor, std::int64_t service_id,
                                                  access::Action action, std::string_view lang) {
  auto service = db_.Read([&](soci::session& s) { return store_.GetService(s, service_id); });
  if (!service.ok()) return service.error();
  // Someone who may not see the service's drafts learns nothing about it, not even that it exists; someone who may
  // read them (the head, the auditor) but not change them is told so.
  if (!*service || !access::Allowed(actor, access::Action::kServiceReadDraft, (*service)->node_path)) {
    if (!*service || !access::Allowed(actor, action, (*service)->node_path)) return NotFound(lang);
  }
  if (!access::Allowed(actor, action, (*service)->node_path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "catalog_draft_read_only"));
  }
  return **service;
}

Result<ServiceView> CatalogService::Create(const access::Actor& admin, std::int64_t node_id, std::string_view slug,
                                           const boost::json::value& definition, std::string_view lang) {
  auto node = org_.Get(node_id);
  if (!node.ok()) return Error::Validation({{"node_id", i18n::Tr(lang, "catalog_node_not_found")}});
  if (!access::Allowed(admin, access::Action::kServiceManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "catalog_node_forbidden"));
  }
  std::vector<FieldError> errors;
  if (!ValidSlug(slug)) {
    errors.push_back({"slug", i18n::Tr(lang, "catalog_slug_invalid")});
  }
  auto def = ParseDefinition(definition, lang);
  if (!def.ok()) errors.insert(errors.end(), def.error().fields.begin(), def.error().fields.end());
  if (!errors.empty()) return Error::Validation(std::move(errors));
  std::string now = FormatUtc(clock_());
  auto ids = db_.WriteReturning<std::pair<std::int64_t, std::int64_t>>(
      [&](soci::session& s) -> Result<std::pair<std::int64_t, std::int64_t>> {
        if (store_.FindServiceBySlug(s, std::string(slug))) {
          return Error::Validation({{"slug", i18n::Tr(lang, "catalog_slug_taken")}});
        }
        std::int64_t id = store_.InsertService(s, node_id, std::string(slug), now);
        VersionRow v = DraftRow(id, 1, *def, node->name, now, admin.account_id);
        std::int64_t version = store_.InsertVersion(s, v);
        ServiceRow row{id, node_id, std::string(slug), 0, node->name, node->path, node->timezone};
        audit::Record(s, admin, ServiceEvent("catalog.create", row, "", audit::Digest(v.definition)), now);
        return std::make_pair(id, version);
      });
  if (!ids.ok()) return ids.error();
  return Draft(admin, ids->first, lang);
}

Result<ServiceView> CatalogService::SaveDraft(const access::Actor& admin, std::int64_t service_id,
                                              const boost::json::value& definition, std::string_view lang) {
  auto service = ManagedService(admin, service_id, access::Action::kServiceManage, lang);
  if (!service.ok()) return service.error();
  auto def = ParseDefinition(definition, lang);
  if (!def.ok()) return def.error();
  std::string now = FormatUtc(clock_());
  Status saved = db_.Write([&](soci::session& s) -> Status {
    auto draft = store_.DraftOf(s, service_id);
    VersionRow v = DraftRow(service_id, 0, *def, service->node_name, now, admin.account_id);
    std::string before;
    if (draft) {
      v.id = draft->id;
      before = audit::Digest(draft->definition);
      store_.UpdateDraft(s, v);
    } else {
      v.version = store_.MaxVersion(s, service_id) + 1;
      v.id = store_.InsertVersion(s, v);
    }
    audit::Record(s, admin, ServiceEvent("catalog.save_draft", *service, before, audit::Digest(v.definition)), now);
    return Ok{};
  });
  if (!saved.ok()) return saved.error();
  return Draft(admin, service_id, lang);
}

Result<ServiceView> CatalogService::Draft(const access::Actor& actor, std::int64_t service_id, std::string_view lang) {
  auto service = ManagedService(actor, service_id, access::Action::kServiceReadDraft, lang);
  if (!service.ok()) return service.error();
  auto draft = db_.Read([&](soci::session& s) { return store_.DraftOf(s, service_id); });
  if (!draft.ok()) return draft.error();
  if (!*draft) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "catalog_service_no_draft"));
  }
  return View(*service, **draft);
}

Result<ServiceView> CatalogService::Editable(const access::Actor& actor, std::int64_t service_id,
                                             std::string_view lang) {
  auto service = ManagedService(actor, service_id, access::Action::kServiceReadDraft, lang);
  if (!service.ok()) return service.error();
  auto draft = db_.Read([&](soci::session& s) { return store_.DraftOf(s, service_id); });
  if (!draft.ok()) return draft.error();
  if (*draft) return View(*service, **draft);
  if (service->published_version_id == 0) return NotFound(lang);
  return Version(service->published_version_id);
}

std::vector<FieldError> CatalogService::PublishProblems(const Definition& d, std::string_view lang) {
  std::vector<FieldError> errors = ValidateForPublish(d, lang);
  for (std::size_t i = 0; i < d.workflow.steps.size(); ++i) {
    const Step& step = d.workflow.steps[i];
    std::string path = fmt::format("workflow.steps[{}]", i);
    auto node = org_.Get(step.node_id);
    if (!node.ok()) {
      errors.push_back({path + ".node_id", i18n::Tr(lang, "catalog_node_not_found")});
    } else if (!step.payment && staffing_.OfficersWhoMay(step.role, node->path) == 0) {
      errors.push_back(
          {path + ".role", i18n::Tr(lang, "catalog_step_no_officer",
                                    {{"role", std::string(access::RoleName(step.role))}, {"office", node->name}})});
    }
  }
  return errors;
}

Result<ServiceView> CatalogService::Publish(const access::Actor& admin, std::int64_t service_id,
                                            std::string_view lang) {
  auto draft = Draft(admin, service_id, lang);
  if (!draft.ok()) return draft.error();
  if (!access::Allowed(admin, access::Action::kServiceManage, draft->service.node_path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "catalog_publish_forbidden"));
  }
  auto problems = PublishProblems(draft->definition, lang);
  if (!problems.empty()) {
    return Error::Validation(std::move(problems), i18n::Tr(lang, "catalog_draft_not_publishable"));
  }
  std::string now = FormatUtc(clock_());
  Status published = db_.Write([&](soci::session& s) -> Status {
    auto current = store_.DraftOf(s, service_id);
    if (!current || current->id != draft->version.id) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "catalog_draft_changed_meanwhile"));
    }
    store_.Publish(s, service_id, current->id, admin.account_id, now);
    audit::Record(s, admin,
                  ServiceEvent("catalog.publish", draft->service, "",
                               audit::Digest(std::to_string(current->version) + "|" + current->definition)),
                  now);
    return Ok{};
  });
  if (!published.ok()) return published.error();
  return Version(draft->version.id);
}

Result<std::vector<ServiceView>> CatalogService::ServicesUnder(const access::Actor& actor, std::int64_t node_id) {
  auto node = org_.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kServiceReadDraft, node->path)) {
    return Error::Of(ErrorCode::kForbidden, "you may not see the services of that node");
  }
  auto rows = db_.Read([&](soci::session& s) { return store_.ServicesUnder(s, node->path); });
  if (!rows.ok()) return rows.error();
  std::vector<ServiceView> out;
  for (const auto& r : *rows) {
    auto v = View(r.service, r.version);
    if (v.ok()) out.push_back(std::move(*v));
  }
  return out;
}

Result<std::int64_t> CatalogService::CreatePublishedAsSystem(std::int64_t node_id, std::string_view slug,
                                                             const boost::json::value& definition) {
  auto node = org_.Get(node_id);
  if (!node.ok()) return node.error();
  auto def = ParseDefinition(definition, "en");
  if (!def.ok()) return def.error();
  if (auto problems = PublishProblems(*def, "en"); !problems.empty()) {
    return Error::Validation(std::move(problems), fmt::format("service {} cannot be published", slug));
  }
  std::string now = FormatUtc(clock_());
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    std::int64_t id = store_.InsertService(s, node_id, std::string(slug), now);
    VersionRow v = DraftRow(id, 1, *def, node->name, now, 0);
    std::int64_t version = store_.InsertVersion(s, v);
    store_.Publish(s, id, version, 0, now);
    ServiceRow row{id, node_id, std::string(slug), version, node->name, node->path, node->timezone};
    audit::RecordSystem(s, ServiceEvent("catalog.publish", row, "", audit::Digest(v.definition)), now);
    return id;
  });
}

}  // namespace spbe::catalog
