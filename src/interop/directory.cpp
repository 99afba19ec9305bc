// Use cases: a system publishes services to the directory; a platform admin sets where the bus forwards; anyone
// searches the directory and reads a service's page with its health.
#include <fmt/format.h>
#include <soci/soci.h>

#include <algorithm>

#include "audit/audit.hpp"
#include "interop/service.hpp"
#include "platform/i18n.hpp"

namespace spbe::interop {
namespace {

std::string ServiceDigest(const ServiceRow& v) {
  return audit::Digest(v.code + "|" + v.name_id + "|" + v.name_en + "|" + v.data_class + "|" +
                       std::to_string(v.open_to_all) + "|" + std::to_string(v.timeout_ms) + "|" +
                       std::to_string(v.rate_per_minute) + "|" + std::to_string(v.max_body_bytes) + "|" +
                       std::to_string(v.keep_bodies_days) + "|" + v.status + "|" + audit::Digest(v.openapi));
}

void Apply(ServiceRow& row, const ServiceInput& in) {
  row.name_id = in.name_id;
  row.name_en = in.name_en;
  row.description_id = in.description_id;
  row.description_en = in.description_en;
  row.openapi = in.openapi;
  row.timeout_ms = in.timeout_ms;
  row.rate_per_minute = in.rate_per_minute;
  row.max_body_bytes = in.max_body_bytes;
  row.data_class = in.data_class;
  row.open_to_all = in.open_to_all;
  row.keep_bodies_days = in.keep_bodies_days;
}

}  // namespace

Result<ServiceRow> InteropService::Publish(const access::Actor& actor, std::int64_t system_id, const ServiceInput& in,
                                           std::string_view lang) {
  auto system = ManagedSystem(actor, system_id, lang);
  if (!system.ok()) return system.error();
  auto errors = CheckService(in, lang);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  auto now = Now();
  auto id = db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    if (store_.ServiceByCodes(s, system->member_code, system->code, in.code)) {
      return Error::Validation({{"code", i18n::Tr(lang, "interop_service_code_taken")}});
    }
    ServiceRow row;
    row.system_id = system_id;
    row.code = in.code;
    Apply(row, in);
    row.status = "active";
    row.created_at = row.updated_at = now;
    std::int64_t id = store_.InsertService(s, row);
    audit::Entry e;
    e.action = "interop.publish_service";
    e.object_type = "interop_service";
    e.object_id = std::to_string(id);
    e.node_path = system->node_path;
    e.after_digest = ServiceDigest(row);
    audit::Record(s, actor, e, now);
    return id;
  });
  if (!id.ok()) return id.error();
  return ServiceById(*id, lang);
}

Result<ServiceRow> InteropService::Update(const access::Actor& actor, std::int64_t service_id, const ServiceInput& in,
                                          bool withdrawn, std::string_view lang) {
  auto before = ServiceById(service_id, lang);
  if (!before.ok()) return before.error();
  if (!Manages(actor, before->node_path)) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "interop_service_not_found"));
  }
  ServiceInput checked = in;
  checked.code = before->code;  // a service's code is its address: it does not change
  auto errors = CheckService(checked, lang);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  ServiceRow row = *before;
  Apply(row, checked);
  row.status = withdrawn ? "withdrawn" : "active";
  row.updated_at = Now();
  auto st = db_.Write([&](soci::session& s) -> Status {
    store_.UpdateService(s, row);
    audit::Entry e;
    e.action = "interop.update_service";
    e.object_type = "interop_service";
    e.object_id = std::to_string(service_id);
    e.node_path = row.node_path;
    e.before_digest = ServiceDigest(*before);
    e.after_digest = ServiceDigest(row);
    audit::Record(s, actor, e, row.updated_at);
    return Ok{};
  });
  if (!st.ok()) return st.error();
  return ServiceById(service_id, lang);
}

Result<ServiceRow> InteropService::SetProviderUrl(const access::Actor& actor, std::int64_t service_id,
                                                  std::string_view url, std::string_view lang) {
  auto before = ServiceById(service_id, lang);
  if (!before.ok()) return before.error();
  if (!access::Allowed(actor, access::Action::kInteropProviderUrl, before->node_path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "interop_provider_url_forbidden"));
  }
  if (auto why = CheckProviderUrl(url, lang)) return Error::Validation({{"provider_url", *why}});
  auto now = Now();
  auto st = db_.Write([&](soci::session& s) -> Status {
    store_.SetProviderUrl(s, service_id, std::string(url), now);
    audit::Entry e;
    e.action = "interop.set_provider_url";
    e.object_type = "interop_service";
    e.object_id = std::to_string(service_id);
    e.node_path = before->node_path;
    e.before_digest = audit::Digest(before->provider_url);
    e.after_digest = audit::Digest(std::string(url));
    audit::Record(s, actor, e, now);
    return Ok{};
  });
  if (!st.ok()) return st.error();
  return ServiceById(service_id, lang);
}

Result<std::string> InteropService::PublishPlatformApi(const std::string& openapi) {
  auto home = org_.Home();
  if (!home.ok())
    return home.error().code == ErrorCode::kUnavailable ? Result<std::string>(std::string())
                                                        : Result<std::string>(home.error());
  const auto& root = *home;
  auto now = Now();
  return db_.WriteReturning<std::string>([&](soci::session& s) -> Result<std::string> {
    auto member = store_.MemberOfNode(s, root.id);
    if (!member) {
      MemberRow m{root.id, "spbe-" + root.slug, now, "", ""};
      if (!ValidCode(m.code) || store_.MemberByCode(s, m.code)) return std::string();
      store_.InsertMember(s, m);
      member = m;
    }
    auto system = store_.SystemByCodes(s, member->code, "portal");
    std::int64_t system_id = system ? system->id : 0;
    if (!system) {
      SystemRow y;
      y.node_id = root.id;
      y.code = "portal";
      y.name = "SPBE Terpadu";
      y.owner_unit = root.name;
      y.created_at = now;
      system_id = store_.InsertSystem(s, y);
    }
    auto service = store_.ServiceByCodes(s, member->code, "portal", "api-v1");
    if (service && service->openapi == openapi) return service->Address();
    ServiceRow v = service ? *service : ServiceRow{};
    v.system_id = system_id;
    v.code = "api-v1";
    v.name_id = "API SPBE Terpadu";
    v.name_en = "SPBE Terpadu API";
    v.description_id = "Layanan, permohonan, pengaduan, kinerja, dan data terbuka platform ini, untuk sistem instansi.";
    v.description_en =
        "This platform's services, applications, reports, performance and open data, for agency systems.";
    v.openapi = openapi;
    v.timeout_ms = v.timeout_ms ? v.timeout_ms : 10000;
    v.rate_per_minute = v.rate_per_minute ? v.rate_per_minute : 600;
    v.max_body_bytes = v.max_body_bytes ? v.max_body_bytes : 10 * 1024 * 1024;
    v.data_class = v.data_class.empty() ? std::string(DataClassName(DataClass::kInternal)) : v.data_class;
    v.open_to_all = service ? service->open_to_all : true;
    v.status = "active";
    v.updated_at = now;
    audit::Entry e;
    e.object_type = "interop_service";
    e.node_path = root.path;
    e.after_digest = audit::Digest(openapi);
    if (service) {
      store_.UpdateService(s, v);
      e.action = "interop.update_service";
      e.object_id = std::to_string(v.id);
    } else {
      v.created_at = now;
      v.id = store_.InsertService(s, v);
      store_.SetProviderUrl(s, v.id, options_.public_url + "/api/v1", now);
      e.action = "interop.publish_service";
      e.object_id = std::to_string(v.id);
    }
    audit::RecordSystem(s, e, now);
    return member->code + "/portal/api-v1";
  });
}

Result<DirectoryPage> InteropService::Directory(std::string_view words, int page, int per_page) {
  std::string w(words.substr(0, 100));
  page = std::clamp(page, 1, 10000);
  return db_.Read([&](soci::session& s) {
    DirectoryPage out;
    out.total = store_.CountServices(s, w);
    out.items = store_.SearchServices(s, w, (page - 1) * per_page, per_page);
    return out;
  });
}

Result<ServiceRow> InteropService::PublicService(std::string_view member, std::string_view system,
                                                 std::string_view code, std::string_view lang) {
  auto row = db_.Read([&](soci::session& s) {
    return store_.ServiceByCodes(s, std::string(member), std::string(system), std::string(code));
  });
  if (!row.ok()) return row.error();
  if (!*row || (*row)->status != "active") {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "interop_service_not_found"));
  }
  return **row;
}

Result<ServiceRow> InteropService::ServiceById(std::int64_t id, std::string_view lang) {
  auto row = db_.Read([&](soci::session& s) { return store_.ServiceById(s, id); });
  if (!row.ok()) return row.error();
  if (!*row) return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "interop_service_not_found"));
  return **row;
}

Result<std::vector<ServiceRow>> InteropService::ServicesOf(const access::Actor& actor) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  return db_.Read([&](soci::session& s) {
    std::vector<ServiceRow> out;
    for (auto& r : store_.ServicesUnder(s, "/")) {
      if (Manages(actor, r.node_path) || ReadsLog(actor, r.node_path)) out.push_back(std::move(r));
    }
    return out;
  });
}

Result<BusFigures> InteropService::FiguresOf(const std::string& node_path, const std::string& from,
                                             const std::string& to) {
  if (node_path.empty() || node_path.find_first_not_of("0123456789/") != std::string::npos) {
    return Error::Of(ErrorCode::kBadRequest, "not a node path");
  }
  return db_.Read([&](soci::session& s) { return store_.BusFiguresOf(s, node_path, from, to); });
}

Result<ServiceHealth> InteropService::Health(std::int64_t service_id) {
  std::string since = FormatUtc(clock_() - std::chrono::hours(24));
  auto figures = db_.Read([&](soci::session& s) {
    auto f = store_.Figures(s, service_id, since, 1000);
    LogFilter last{"/", service_id, 0, 1};
    auto newest = store_.Log(s, last);
    return std::make_pair(std::move(f), std::move(newest));
  });
  if (!figures.ok()) return figures.error();
  ServiceHealth h;
  auto& [f, newest] = *figures;
  h.calls = f.calls;
  h.errors = f.errors;
  if (!f.durations_us.empty()) {
    auto d = f.durations_us;
    std::sort(d.begin(), d.end());
    h.p50_us = d[(d.size() - 1) / 2];
    h.p95_us = d[(d.size() - 1) * 95 / 100];
  }
  if (!newest.empty()) h.last_status = newest.front().outcome;
  return h;
}

std::string InteropService::MetricsText() const {
  auto cache = directory_.stats();
  return metrics_.Render() +
         fmt::format(
             "# HELP spbe_interop_directory_lookups_total The gateway's directory lookups, by whether they were "
             "answered from what this process kept.\n# TYPE spbe_interop_directory_lookups_total counter\n"
             "spbe_interop_directory_lookups_total{{from=\"kept\"}} {}\n"
             "spbe_interop_directory_lookups_total{{from=\"database\"}} {}\n"
             "# HELP spbe_interop_directory_resets_total Times the kept directory was dropped because it changed.\n"
             "# TYPE spbe_interop_directory_resets_total counter\nspbe_interop_directory_resets_total {}\n",
             cache.hits, cache.misses, cache.resets);
}

}  // namespace spbe::interop
