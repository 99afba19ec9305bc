#include "app/app.hpp"
#include "app/wiring.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/chrono.h>
#include <boost/json.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "app/spbe_evidence.hpp"
#include "applications/api.hpp"
#include "applications/pages.hpp"
#include "architecture/api.hpp"
#include "architecture/pages.hpp"
#include "architecture/service.hpp"
#include "audit/anchors.hpp"
#include "audit/api.hpp"
#include "audit/pages.hpp"
#include "audit/store.hpp"
#include "calendar/api.hpp"
#include "calendar/service.hpp"
#include "catalog/api.hpp"
#include "catalog/pages.hpp"
#include "documents/api.hpp"
#include "documents/pages.hpp"
#include "documents/service.hpp"
#include "evaluation/api.hpp"
#include "evaluation/pages.hpp"
#include "evaluation/service.hpp"
#include "http/forms.hpp"
#include "http/middleware.hpp"
#include "http/openapi.hpp"
#include "http/server.hpp"
#include "http/static_files.hpp"
#include "http/views.hpp"
#include "identity/api.hpp"
#include "identity/pages.hpp"
#include "identity/service.hpp"
#include "interop/api.hpp"
#include "interop/forwarder.hpp"
#include "interop/pages.hpp"
#include "notify/api.hpp"
#include "notify/inbox.hpp"
#include "notify/notifier.hpp"
#include "notify/outbox.hpp"
#include "notify/pages.hpp"
#include "ops/api.hpp"
#include "ops/service.hpp"
#include "org/api.hpp"
#include "org/service.hpp"
#include "payments/api.hpp"
#include "payments/service.hpp"
#include "platform/cidr.hpp"
#include "platform/i18n.hpp"
#include "platform/limits.hpp"
#include "platform/log.hpp"
#include "platform/metrics.hpp"
#include "platform/periodic.hpp"
#include "platform/templates.hpp"
#include "portal/pages.hpp"
#include "reports/service.hpp"
#include "reports/web.hpp"
#include "sso/api.hpp"
#include "sso/endpoints.hpp"
#include "sso/pages.hpp"
#include "sso/service.hpp"
#include "storage/limits_sql.hpp"
#include "storage/migrations.hpp"
#include "surveys/api.hpp"
#include "surveys/pages.hpp"
#include "surveys/service.hpp"
#include "transparency/api.hpp"
#include "transparency/pages.hpp"
#include "transparency/rollup.hpp"
#include "transparency/service.hpp"

#ifndef SPBE_VERSION
#define SPBE_VERSION "0.0.0-dev"
#endif

namespace spbe::app {

const char* Version() { return SPBE_VERSION; }

static std::string NowUtc() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z",
                     std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}

Result<PiiVault> OpenAuditKeyVault(const Config& config) {
  return PiiVault::OpenOrCreate(config.data_dir + "/keys/audit.key");
}

Result<int> MigrateAll(storage::Database& db) {
  auto applied = storage::Migrate(db);
  if (!applied.ok()) return applied.error();
  auto store = org::MakeSqlOrgStore();
  auto regions = org::SyncRegions(db, *store, NowUtc());
  if (!regions.ok()) return regions.error();
  if (*regions > 0) log::Info("regions loaded", {{"count", *regions}, {"source", "idn-area-data (ODbL)"}});
  auto calendar_store = calendar::MakeSqlCalendarStore();
  auto holidays = calendar::SeedHolidays(db, *calendar_store, NowUtc());
  if (!holidays.ok()) return holidays.error();
  if (*holidays > 0) log::Info("holidays loaded", {{"count", *holidays}, {"source", "data/holidays.csv"}});
  auto spbe_store = evaluation::MakeSqlEvaluationStore();
  if (auto st = evaluation::EvaluationService::EnsureShippedModel(db, *spbe_store, std::chrono::system_clock::now());
      !st.ok()) {
    return st.error();
  }
  return *applied;
}

int IoThreads(const Config& c) {
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return c.io_threads > 0 ? c.io_threads : cores;
}

int Workers(const Config& c) {
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Workers mostly wait on the database; enough of them lets the SQLite writer batch many requests per commit.
  return c.workers > 0 ? c.workers : std::max(32, 16 * cores);
}

static reports::Options ReportOptions(const Config& c) {
  reports::Options o;
  o.files_dir = c.data_dir + "/files";
  o.limits = {c.report_verify_days, c.report_first_response_days, c.report_simple_days, c.report_dispute_days,
              c.report_inspection_days};
  return o;
}

Status ProtectDataDir(const Config& config) {
  namespace fs = std::filesystem;
  std::error_code ec;
  bool made = fs::create_directories(config.data_dir, ec);
  if (ec) {
    return Error::Of(ErrorCode::kUnavailable,
                     fmt::format("data_dir: cannot create {}: {}", config.data_dir, ec.message()));
  }
  // Personal data, keys and citizens' documents live here: the server's user only (0700), whatever the umask. A
  // directory made by an earlier version is narrowed too, when it is plainly ours (owned by this user, not a link, not
  // a shared sticky directory such as /tmp); anything else is only warned about, never changed behind its owner.
  struct stat st {};
  if (made) {
    fs::permissions(config.data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  } else if (::lstat(config.data_dir.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    if (S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & S_ISVTX) == 0) {
      fs::permissions(config.data_dir, fs::perms::owner_all, fs::perm_options::replace, ec);
      if (!ec) log::Info("data_dir narrowed to its owner (0700)", {{"data_dir", config.data_dir}});
    } else {
      log::Warn("data_dir is open to other users: make it 0700", {{"data_dir", config.data_dir}});
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::path f = config.SqlitePath() + suffix;
    if (::lstat(f.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & 077) != 0) {
      fs::permissions(f, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
    }
  }
  return Ok{};
}

Result<std::unique_ptr<storage::Database>> OpenDatabase(const Config& config) {
  storage::DatabaseOptions o;
  o.pool_size = config.db_pool_size;
  if (auto st = ProtectDataDir(config); !st.ok()) return st.error();
  if (config.UsesPostgres()) {
    o.engine = storage::Engine::kPostgres;
    o.postgres_url = config.database_url;
  } else {
    o.engine = storage::Engine::kSqlite;
    o.sqlite_path = config.SqlitePath();
  }
  auto db = storage::Database::Open(o);
  // A new SQLite file (and its WAL) got the umask's mode: narrow it now that it exists.
  if (db.ok() && !config.UsesPostgres()) (void)ProtectDataDir(config);
  return db;
}

struct App::Parts {
  Config config;
  Metrics metrics;
  std::unique_ptr<storage::Database> db;
  Templates templates = Templates::FromResources();
  i18n::Catalog catalog = i18n::Catalog::FromResources();
  http::StaticFiles assets = http::StaticFiles::FromResources();
  std::unique_ptr<PortalPageContext> page_context;
  std::unique_ptr<http::Views> views;
  std::unique_ptr<ops::ProbeStore> probe_store = ops::MakeSqlProbeStore();
  std::unique_ptr<ops::OpsService> ops;
  std::unique_ptr<portal::SiteStore> site_store = portal::MakeSqlSiteStore();
  std::unique_ptr<portal::SiteService> site;
  std::unique_ptr<PiiVault> vault;
  std::unique_ptr<org::OrgStore> org_store = org::MakeSqlOrgStore();
  std::unique_ptr<org::OrgService> org;
  std::unique_ptr<identity::IdentityStore> identity_store = identity::MakeSqlIdentityStore();
  std::unique_ptr<LimitCounters> limit_counters;
  std::unique_ptr<Limiter> limiter;
  std::unique_ptr<identity::IdentityService> identity;
  std::unique_ptr<catalog::CatalogStore> catalog_store = catalog::MakeSqlCatalogStore();
  std::unique_ptr<catalog::CatalogService> services;
  std::unique_ptr<calendar::CalendarStore> calendar_store = calendar::MakeSqlCalendarStore();
  std::unique_ptr<calendar::CalendarService> calendar;
  std::unique_ptr<applications::ApplicationStore> application_store = applications::MakeSqlApplicationStore();
  std::unique_ptr<notify::NotifyStore> notify_store = notify::MakeSqlNotifyStore();
  std::unique_ptr<notify::Notifier> notifier;
  std::unique_ptr<notify::InboxService> inbox;
  // What applications needs from identity, documents and payments (applications/ports.hpp).
  std::unique_ptr<IdentityRecipients> recipients;
  std::unique_ptr<IdentityStaffing> staffing;
  std::unique_ptr<IdentityOfficers> officers;
  std::unique_ptr<DocumentOutputs> outputs;
  PaymentsBilling billing;
  std::unique_ptr<applications::ApplicationsService> applications;
  std::unique_ptr<payments::PaymentStore> payment_store = payments::MakeSqlPaymentStore();
  std::unique_ptr<payments::PaymentsService> payments;
  std::unique_ptr<PiiVault> document_keys;  // seals the agencies' signing keys
  std::unique_ptr<PiiVault> audit_keys;     // seals the platform's audit signing key
  std::unique_ptr<audit::AuditStore> audit_store = audit::MakeSqlAuditStore();
  std::unique_ptr<audit::Anchors> anchors;
  std::unique_ptr<documents::DocumentStore> document_store = documents::MakeSqlDocumentStore();
  std::unique_ptr<documents::DocumentsService> documents;
  std::unique_ptr<surveys::SurveyStore> survey_store = surveys::MakeSqlSurveyStore();
  std::unique_ptr<surveys::SurveysService> surveys;
  std::unique_ptr<reports::ReportStore> report_store = reports::MakeSqlReportStore();
  std::unique_ptr<reports::ReportsService> reports;
  // The service connection bus: its systems' credentials from identity, its HTTP client to providers.
  std::unique_ptr<interop::InteropStore> interop_store = interop::MakeSqlInteropStore();
  std::unique_ptr<IdentityCredentials> interop_credentials;
  std::unique_ptr<interop::CurlForwarder> interop_forwarder;
  std::unique_ptr<interop::InteropService> interop;
  std::unique_ptr<InteropLookups> lookups;  // forms' prefills through the bus
  // Single sign-on: this platform as the OpenID Connect provider of other government applications.
  std::unique_ptr<sso::SsoStore> sso_store = sso::MakeSqlSsoStore();
  std::unique_ptr<sso::SsoService> sso;
  // The IT architecture inventory (arsitektur SPBE).
  std::unique_ptr<architecture::ArchitectureStore> architecture_store = architecture::MakeSqlArchitectureStore();
  std::unique_ptr<architecture::ArchitectureService> architecture;
  std::unique_ptr<PeriodicTask> overdue_sweep;  // after the services it uses: stopped first
  std::unique_ptr<transparency::TransparencyStore> transparency_store = transparency::MakeSqlTransparencyStore();
  std::unique_ptr<transparency::Rollup> stats_rollup;
  std::unique_ptr<transparency::TransparencyService> transparency;
  // The SPBE evaluation, with the platform's own figures as evidence.
  std::unique_ptr<evaluation::EvaluationStore> evaluation_store = evaluation::MakeSqlEvaluationStore();
  std::unique_ptr<PlatformEvidence> spbe_evidence;
  std::unique_ptr<evaluation::EvaluationService> evaluation;
  std::unique_ptr<PeriodicTask> stats_task;  // after the rollup: stopped first
  std::unique_ptr<Mailer> mailer;
  std::unique_ptr<TextGateway> text_gateway;
  std::unique_ptr<notify::OutboxWorker> outbox;  // after db: stopped before the database closes
  http::Router router;
  std::unique_ptr<http::Server> server;
  /// The services and their collaborators, in dependency order (App::Create, first part).
  Status BuildServices(const Config& config);
  /// Surveys, reports, the periodic sweeps and the dashboard's read model (App::Create, second part).
  void BuildBackground(const Config& config);
  /// Middleware and every route (App::Create, third part).
  void RegisterRoutes(const Config& config);
  /// The HTTP server and the metrics read from it and from the database (App::Create, last part).
  void BuildServer(const Config& config);
};

App::App() : parts_(std::make_unique<Parts>()) {}
App::~App() = default;

Status App::Parts::BuildServices(const Config& config) {
  Parts& p = *this;
  auto vault = PiiVault::OpenOrCreate(config.data_dir + "/keys/pii.key");
  if (!vault.ok()) return vault.error();
  p.vault = std::make_unique<PiiVault>(std::move(*vault));
  auto audit_keys = OpenAuditKeyVault(config);
  if (!audit_keys.ok()) return audit_keys.error();
  p.audit_keys = std::make_unique<PiiVault>(std::move(*audit_keys));
  p.anchors = std::make_unique<audit::Anchors>(*p.db, *p.audit_store, *p.audit_keys, SystemClock());
  p.org = std::make_unique<org::OrgService>(*p.db, *p.org_store, NowUtc);
  // The limits' counters: in this process's memory on SQLite (one process serves a data directory), in the database
  // when several processes share PostgreSQL. Keys are kept as keyed hashes, never addresses or e-mails in clear.
  p.limit_counters = config.UsesPostgres() ? storage::MakeSqlLimitCounters(*p.db) : MakeMemoryLimitCounters();
  p.limiter = std::make_unique<Limiter>(*p.limit_counters, SystemClock(), [vault = p.vault.get()](std::string_view k) {
    return vault->Index(std::string("limit:") + std::string(k));
  });
  p.identity = std::make_unique<identity::IdentityService>(*p.db, *p.identity_store, *p.vault, *p.org, *p.limiter,
                                                           p.config.limits, SystemClock());
  p.staffing = std::make_unique<IdentityStaffing>(*p.identity);
  p.services = std::make_unique<catalog::CatalogService>(*p.db, *p.catalog_store, *p.org, SystemClock(), *p.staffing);
  p.calendar = std::make_unique<calendar::CalendarService>(*p.db, *p.calendar_store, SystemClock());
  p.notifier = std::make_unique<notify::Notifier>(*p.notify_store, p.catalog, config.public_url);
  p.inbox = std::make_unique<notify::InboxService>(*p.db, *p.notify_store, SystemClock());
  auto document_keys = PiiVault::OpenOrCreate(config.data_dir + "/keys/documents.key");
  if (!document_keys.ok()) return document_keys.error();
  p.document_keys = std::make_unique<PiiVault>(std::move(*document_keys));
  p.documents = std::make_unique<documents::DocumentsService>(
      *p.db, *p.document_store, *p.org, *p.document_keys, SystemClock(),
      documents::Options{config.data_dir + "/documents", config.public_url});
  p.recipients = std::make_unique<IdentityRecipients>(*p.identity);
  p.officers = std::make_unique<IdentityOfficers>(*p.identity);
  p.outputs = std::make_unique<DocumentOutputs>(*p.documents);
  p.applications = std::make_unique<applications::ApplicationsService>(
      *p.db, *p.application_store, *p.services, *p.org, *p.calendar, *p.vault, SystemClock(), *p.notifier,
      applications::Ports{*p.recipients, *p.officers, p.billing, *p.outputs}, *p.limiter, p.config.limits,
      applications::Options{config.data_dir + "/files"});
  p.payments = std::make_unique<payments::PaymentsService>(
      *p.db, *p.payment_store, *p.org, *p.applications, *p.limiter, p.config.limits, SystemClock(),
      payments::Options{std::chrono::hours(config.bill_valid_hours)});
  p.billing.Bind(*p.payments);
  return Ok{};
}

void App::Parts::BuildBackground(const Config& config) {
  Parts& p = *this;
  p.surveys = std::make_unique<surveys::SurveysService>(*p.db, *p.survey_store, *p.applications, *p.services, *p.vault,
                                                        SystemClock());
  p.reports = std::make_unique<reports::ReportsService>(
      *p.db, *p.report_store, *p.org, *p.services, *p.applications, *p.calendar, *p.vault, SystemClock(), *p.notifier,
      *p.recipients, *p.limiter, p.config.limits, ReportOptions(config));
  p.interop_credentials = std::make_unique<IdentityCredentials>(*p.identity);
  p.interop_forwarder = std::make_unique<interop::CurlForwarder>(*ParseCidrList(config.interop_allowed_networks));
  p.interop = std::make_unique<interop::InteropService>(
      *p.db, *p.interop_store, *p.org, *p.interop_credentials, *p.interop_forwarder, *p.vault, *p.limiter,
      SystemClock(), interop::Options{config.public_url, std::max(4, Workers(config) / 2)});
  std::string issuer = config.public_url;
  while (!issuer.empty() && issuer.back() == '/') issuer.pop_back();
  p.sso = std::make_unique<sso::SsoService>(*p.db, *p.sso_store, *p.org, *p.identity, *p.vault, *p.limiter,
                                            p.config.limits, SystemClock(), sso::Options{issuer});
  p.architecture =
      std::make_unique<architecture::ArchitectureService>(*p.db, *p.architecture_store, *p.org, SystemClock());
  p.overdue_sweep = std::make_unique<PeriodicTask>(
      std::chrono::minutes(1),
      [applications = p.applications.get(), reports = p.reports.get(), identity = p.identity.get(),
       limiter = p.limiter.get(), anchors = p.anchors.get(), bus = p.interop.get()] {
        limiter->Purge();
        auto bus_anchored = bus->AnchorIfDue();
        if (!bus_anchored.ok()) log::Warn("interop log not anchored", {{"error", bus_anchored.error().detail}});
        auto purged = bus->PurgeExpiredBodies();
        if (!purged.ok()) log::Warn("interop bodies not purged", {{"error", purged.error().detail}});
        auto anchored = anchors->AnchorIfDue();
        if (!anchored.ok()) log::Warn("audit trail not anchored", {{"error", anchored.error().detail}});
        if (anchored.ok() && *anchored) {
          log::Info("audit trail anchored", {{"entry", (*anchored)->entry_id}, {"key", (*anchored)->key_id}});
        }
        auto unverified = identity->PurgeUnverified();
        if (!unverified.ok()) log::Warn("unverified sign-ups not removed", {{"error", unverified.error().detail}});
        auto escalated = reports->SweepOverdue();
        if (!escalated.ok()) log::Warn("report overdue sweep failed", {{"error", escalated.error().detail}});
        auto sent = applications->SweepOverdue();
        if (!sent.ok()) log::Warn("overdue sweep failed", {{"error", sent.error().detail}});
        auto granted = applications->GrantUndecided();
        if (!granted.ok()) log::Warn("deemed-granted sweep failed", {{"error", granted.error().detail}});
        if (granted.ok() && *granted > 0) log::Info("applications deemed granted", {{"count", *granted}});
      });
  // Deadlines of running files follow the calendar: recounted after every change to it.
  p.calendar->OnChange([applications = p.applications.get()] {
    auto moved = applications->RecountDeadlines();
    if (moved.ok()) log::Info("deadlines recounted", {{"moved", *moved}});
  });
  // The dashboard's figures: a per-day read model, kept current every few seconds; working days counted in it follow
  // the calendar, so a change to the calendar builds it again.
  p.stats_rollup =
      std::make_unique<transparency::Rollup>(*p.db, *p.transparency_store, *p.calendar, *p.org, SystemClock());
  p.transparency = std::make_unique<transparency::TransparencyService>(*p.db, *p.transparency_store, *p.org,
                                                                       *p.services, SystemClock());
  p.spbe_evidence =
      std::make_unique<PlatformEvidence>(*p.transparency, *p.services, *p.interop, *p.architecture, *p.org);
  p.evaluation = std::make_unique<evaluation::EvaluationService>(
      *p.db, *p.evaluation_store, *p.org, p.spbe_evidence.get(), config.data_dir + "/files", SystemClock());
  p.stats_task = std::make_unique<PeriodicTask>(std::chrono::seconds(5), [rollup = p.stats_rollup.get()] {
    auto r = rollup->Run();
    if (!r.ok()) log::Warn("dashboard rollup failed", {{"error", r.error().detail}});
  });
  p.calendar->OnChange([rollup = p.stats_rollup.get()] {
    if (auto st = rollup->Invalidate(); !st.ok())
      log::Warn("dashboard rebuild not requested", {{"error", st.error().detail}});
  });
  p.identity->AddAccountInUseCheck(
      [store = p.application_store.get()](soci::session& s, std::int64_t id) { return store->HasApplications(s, id); });
  p.identity->AddSignOutHook(
      [sso = p.sso.get()](soci::session& s, std::int64_t account_id, const std::string* session_hash) {
        sso->EndSessionGrants(s, account_id, session_hash);
      });
}

void App::Parts::RegisterRoutes(const Config& config) {
  Parts& p = *this;
  // Middleware, outermost first: the access log sees the final status and size of every answer.
  p.router.Use(http::AccessLog(p.metrics));
  p.router.Use(http::RequestId());
  p.router.Use(http::ClientAddress(*ParseCidrList(config.trusted_proxies)));
  p.router.Use(http::SecurityHeaders());
  p.router.Use(http::Language());
  p.router.Use(identity::Authentication(*p.identity));
  p.router.Use(http::CsrfProtection(config.public_url));
  p.router.Use(http::Compression());

  p.router.Add("GET", "/static/{path*}",
               [&assets = p.assets](http::Request& req) { return assets.Serve(req, req.params["path"]); },
               {.on_io_thread = true});
  ops::RegisterApi(p.router, {*p.ops, p.metrics,
                              [&router = p.router, url = config.public_url] {
                                return http::OpenApiDocument(router, {"SPBE Terpadu API", Version(), url});
                              },
                              config.write_probe, p.views.get(), p.assets.Url("vendor/redoc.standalone.js")});
  // The most-filed services of the last twelve months, counted from the dashboard's read model at most every ten
  // minutes (the home page is the busiest page; the figures move slowly).
  struct PopularCache {
    std::mutex mu;
    TimePoint at{};
    std::map<std::string, std::vector<portal::Popular>, std::less<>> by_lang;
  };
  auto popular_cache = std::make_shared<PopularCache>();
  portal::RegisterPages(
      p.router, *p.views,
      [transparency = p.transparency.get(), popular_cache](std::string_view lang) -> std::vector<portal::Popular> {
        std::lock_guard lock(popular_cache->mu);
        TimePoint now = std::chrono::system_clock::now();
        if (now - popular_cache->at > std::chrono::minutes(10)) {
          popular_cache->by_lang.clear();
          popular_cache->at = now;
        }
        std::string key(lang == "en" ? "en" : "id");
        if (auto it = popular_cache->by_lang.find(key); it != popular_cache->by_lang.end()) return it->second;
        std::vector<portal::Popular> out;
        Date today = transparency->Today();
        transparency::Period period{Date(std::chrono::sys_days(today) - std::chrono::days(365)), today};
        if (auto figures = transparency->Of(period, key); figures.ok()) {
          auto services = figures->services;
          std::stable_sort(services.begin(), services.end(), [](const auto& a, const auto& b) {
            return a.applications.received > b.applications.received;
          });
          for (const auto& s : services) {
            if (out.size() == 6 || s.applications.received == 0) break;
            out.push_back({"/layanan/" + std::to_string(s.service_id), s.name, s.office});
          }
        }
        popular_cache->by_lang[key] = out;
        return out;
      });
  identity::RegisterApi(p.router, *p.identity, config.public_url);
  org::RegisterApi(p.router, *p.org);
  audit::RegisterApi(p.router, *p.db, *p.org, *p.anchors);
  audit::RegisterPages(p.router, *p.views, *p.db, *p.org);
  catalog::RegisterApi(p.router, *p.services);
  applications::RegisterApi(p.router, *p.applications);
  calendar::RegisterApi(p.router, *p.calendar, *p.org);
  notify::RegisterApi(p.router, *p.inbox);
  notify::RegisterPages(p.router, *p.views, *p.inbox);
  payments::RegisterApi(p.router, *p.payments);
  payments::RegisterPages(p.router, *p.views, *p.payments);
  documents::RegisterApi(p.router, *p.documents, *p.applications);
  documents::RegisterPages(p.router, *p.views, *p.documents, *p.applications);
  surveys::RegisterApi(p.router, *p.views, *p.surveys, *p.org);
  surveys::RegisterPages(p.router, *p.views, *p.surveys, *p.org);
  reports::RegisterApi(p.router, *p.reports);
  reports::RegisterPages(p.router, *p.views, *p.reports, *p.org);
  reports::RegisterOfficePages(p.router, *p.views, *p.reports, *p.org);
  transparency::RegisterPages(p.router, *p.views, *p.transparency);
  interop::RegisterPages(p.router, *p.views, *p.interop, *p.org);
  transparency::RegisterApi(p.router, *p.transparency);
  evaluation::RegisterApi(p.router, *p.evaluation);
  evaluation::RegisterPages(p.router, *p.views, *p.evaluation, *p.org);
  interop::RegisterApi(p.router, *p.interop);
  sso::RegisterEndpoints(p.router, *p.sso, *p.views, config.public_url.rfind("https://", 0) == 0);
  sso::RegisterApi(p.router, *p.sso);
  sso::RegisterPages(p.router, *p.views, *p.sso, *p.org);
  architecture::RegisterApi(p.router, *p.architecture);
  architecture::RegisterPages(p.router, *p.views, *p.architecture);
  p.metrics.AddSection([bus = p.interop.get()] { return bus->MetricsText(); });
  applications::PageLinks links;
  links.known = [identity =
                     p.identity.get()](const access::Actor& actor) -> std::optional<applications::KnownApplicant> {
    auto own = identity->Own(actor);
    if (!own.ok()) return std::nullopt;
    return applications::KnownApplicant{own->name, own->email, own->phone, own->nik};
  };
  links.elsewhere = [reports = p.reports.get()](const access::Actor& actor, std::string_view number,
                                                std::string_view code,
                                                std::string_view lang) -> std::optional<std::string> {
    if (number.empty() || code.empty() || !reports->ByCode(actor, number, code, lang).ok()) return std::nullopt;
    return "/lapor/lacak?nomor=" + http::UrlEncode(number) + "&kode=" + http::UrlEncode(code);
  };
  p.lookups = std::make_unique<InteropLookups>(*p.interop, *p.limiter);
  links.lookups = p.lookups.get();
  applications::RegisterPages(p.router, *p.views, *p.applications, *p.services, *p.org, std::move(links));
  applications::RegisterOfficePages(p.router, *p.views, *p.applications, *p.services);
  catalog::RegisterPages(p.router, *p.views, *p.services);
  catalog::RegisterAdminPages(p.router, *p.views, *p.services, *p.org);
  identity::RegisterPages(p.router, *p.views, *p.identity, config.public_url.rfind("https://", 0) == 0);
  identity::RegisterAdminPages(p.router, *p.views, *p.identity, *p.org, config.public_url);
}

void App::Parts::BuildServer(const Config& config) {
  Parts& p = *this;
  http::ServerOptions so;
  so.bind = config.bind;
  so.port = config.port;
  so.io_threads = IoThreads(config);
  so.workers = Workers(config);
  so.body_limit = config.body_limit;
  so.header_timeout_s = config.header_timeout_s;
  so.idle_timeout_s = config.idle_timeout_s;
  so.drain_timeout_s = config.drain_timeout_s;
  so.render_error = [views = p.views.get()](const http::Request& req, int status) {
    return views->ErrorPage(req, status);
  };
  p.server = std::make_unique<http::Server>(so, p.router);

  storage::Database* dbp = p.db.get();
  http::Server* srv = p.server.get();
  p.metrics.AddGauge("spbe_db_pool_size", "Database connections in the pool.",
                     [dbp] { return static_cast<double>(dbp->Stats().pool_size); });
  p.metrics.AddGauge("spbe_db_pool_in_use", "Database connections leased now.",
                     [dbp] { return static_cast<double>(dbp->Stats().pool_in_use); });
  p.metrics.AddGauge("spbe_db_pool_waiting", "Callers waiting for a database connection.",
                     [dbp] { return static_cast<double>(dbp->Stats().pool_waiting); });
  p.metrics.AddGauge("spbe_db_write_queue", "Units of work waiting for the SQLite writer.",
                     [dbp] { return static_cast<double>(dbp->Stats().write_queue); });
  p.metrics.AddCounter("spbe_db_commits_total", "Write transactions committed since start (group commits on SQLite).",
                       [dbp] { return static_cast<double>(dbp->Stats().commits); });
  p.metrics.AddCounter("spbe_db_units_committed_total", "Units of work committed since start.",
                       [dbp] { return static_cast<double>(dbp->Stats().units_committed); });
  payments::PaymentsService* money = p.payments.get();
  p.metrics.AddCounter("spbe_payment_callbacks_unsigned_total",
                       "Bank callbacks refused for a bad or missing signature since start.",
                       [money] { return static_cast<double>(money->unsigned_callbacks()); });
  p.metrics.AddCounter("spbe_payment_callbacks_unsigned_dropped_total",
                       "Of those, callbacks counted but not kept (beyond limits.unsigned_callback_samples).",
                       [money] { return static_cast<double>(money->unsigned_callbacks_dropped()); });
  p.metrics.AddGauge("spbe_worker_queue", "Handler calls waiting for a worker thread.",
                     [srv] { return static_cast<double>(srv->Stats().worker_queued); });
  p.metrics.AddGauge("spbe_worker_busy", "Handler calls running on worker threads.",
                     [srv] { return static_cast<double>(srv->Stats().worker_busy); });
  p.metrics.AddGauge("spbe_http_connections", "Open HTTP connections.",
                     [srv] { return static_cast<double>(srv->Stats().connections); });
}

Result<std::unique_ptr<App>> App::Create(const Config& config) {
  std::unique_ptr<App> app(new App());
  Parts& p = *app->parts_;
  p.config = config;
  auto db = OpenDatabase(config);
  if (!db.ok()) return db.error();
  p.db = std::move(*db);
  if (auto st = storage::CheckSchema(*p.db); !st.ok()) return st.error();

  if (auto st = p.BuildServices(config); !st.ok()) return st.error();
  p.BuildBackground(config);
  if (!config.demo) {
    auto demo = p.identity->CountDemoAccounts();
    if (!demo.ok()) return demo.error();
    if (*demo > 0) {
      return Error::Of(ErrorCode::kConflict,
                       fmt::format("this database holds {} demo accounts whose password is published; start with "
                                   "--demo to serve it anyway, or use a database without demo data",
                                   *demo));
    }
  }

  if (!config.smtp_url.empty()) {
    p.mailer = MakeSmtpMailer(config.smtp_url, config.mail_from);
  } else {
    log::Warn("no mail relay configured (mail.smtp_url): e-mail waits in the outbox");
  }
  if (!config.sms_gateway_url.empty()) {
    p.text_gateway = MakeHttpTextGateway(config.sms_gateway_url, config.sms_gateway_token);
  } else {
    log::Info("no SMS/WhatsApp gateway configured (sms.gateway_url): short messages wait in the outbox");
  }
  if (p.mailer || p.text_gateway) {
    p.outbox = std::make_unique<notify::OutboxWorker>(*p.db, *p.notify_store, p.mailer.get(), p.text_gateway.get(),
                                                      *p.vault, SystemClock());
  }

  p.ops = std::make_unique<ops::OpsService>(*p.db, *p.probe_store, NowUtc);
  p.site = std::make_unique<portal::SiteService>(*p.db, *p.site_store);
  p.page_context = std::make_unique<PortalPageContext>(*p.site, *p.inbox, *p.org);
  p.views = std::make_unique<http::Views>(p.templates, p.catalog, p.assets, *p.page_context);

  p.RegisterRoutes(config);
  // This platform's own API in the bus's directory, its document as this binary describes it.
  auto listed = p.interop->PublishPlatformApi(
      http::OpenApiDocument(p.router, {"SPBE Terpadu API", Version(), config.public_url}));
  if (!listed.ok()) log::Warn("the platform's API is not in the bus directory", {{"error", listed.error().detail}});
  p.BuildServer(config);
  return app;
}

Result<int> App::Start() {
  auto port = parts_->server->Start();
  if (port.ok() && parts_->outbox) parts_->outbox->Start();
  if (port.ok()) parts_->overdue_sweep->Start();
  if (port.ok()) parts_->stats_task->Start();
  return port;
}
void App::AwaitFirstSweep() {
  parts_->overdue_sweep->AwaitFirstPass();
  parts_->stats_task->AwaitFirstPass();
}
void App::StopOnSignals() { parts_->server->StopOnSignals(); }
void App::Drain() { parts_->server->Drain(); }
void App::Wait() {
  parts_->server->Wait();
  if (parts_->outbox) parts_->outbox->Stop();
  parts_->overdue_sweep->Stop();
  parts_->stats_task->Stop();
}
Result<int> App::SweepOverdue() { return parts_->applications->SweepOverdue(); }
Result<int> App::GrantUndecided() { return parts_->applications->GrantUndecided(); }
Result<int> App::SweepReportsOverdue() { return parts_->reports->SweepOverdue(); }
Result<transparency::RollupReport> App::RollUpStats() { return parts_->stats_rollup->Run(); }
storage::Database& App::database() { return *parts_->db; }
interop::InteropService& App::interop() { return *parts_->interop; }
sso::SsoService& App::sso() { return *parts_->sso; }
architecture::ArchitectureService& App::architecture() { return *parts_->architecture; }
evaluation::EvaluationService& App::evaluation() { return *parts_->evaluation; }
identity::IdentityService& App::identity() { return *parts_->identity; }
std::vector<std::pair<std::string, std::string>> App::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : parts_->router.routes()) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace spbe::app
