// spbe: the SPBE Terpadu server and its administration commands. Only parses the command line and wires the
// libraries together; everything else lives in them.
#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.hpp"
#include "audit/anchors.hpp"
#include "audit/audit.hpp"
#include "calendar/service.hpp"
#include "demo/seed.hpp"
#include "documents/service.hpp"
#include "interop/service.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/config.hpp"
#include "platform/crypto.hpp"
#include "platform/log.hpp"
#include "platform/pki.hpp"
#include "sso/service.hpp"
#include "storage/migrations.hpp"
#include "transparency/rollup.hpp"

using namespace spbe;

namespace {

int Fail(const std::string& what) {
  std::cerr << "spbe: " << what << "\n";
  return 1;
}

int Serve(const Config& config) {
  auto app = app::App::Create(config);
  if (!app.ok()) return Fail(app.error().detail);
  (*app)->StopOnSignals();
  auto port = (*app)->Start();
  if (!port.ok()) return Fail(port.error().detail);
  (*app)->Wait();
  log::Info("stopped");
  log::Flush();
  return 0;
}

int Migrate(const Config& config) {
  auto db = app::OpenDatabase(config);
  if (!db.ok()) return Fail(db.error().detail);
  auto n = app::MigrateAll(**db);
  if (!n.ok()) return Fail(n.error().detail);
  auto state = storage::ReadSchemaState(**db);
  if (!state.ok()) return Fail(state.error().detail);
  std::cout << "applied " << *n << " migration(s); schema at version " << state->current << "\n";
  return 0;
}

// What the operator's commands use: one database connection (schema checked) and, built once on first use, the
// services a command needs. The server itself is built by app::App.
class Tools {
 public:
  static Result<Tools> Open(const Config& config) {
    Tools t;
    t.config_ = &config;
    auto db = app::OpenDatabase(config);
    if (!db.ok()) return db.error();
    t.db_ = std::move(*db);
    if (auto st = storage::CheckSchema(*t.db_); !st.ok()) return st.error();
    return t;
  }

  storage::Database& db() { return *db_; }

  org::OrgService& org() {
    if (!org_) org_ = std::make_unique<org::OrgService>(*db_, *org_store_, [] { return FormatUtc(NowUtcPoint()); });
    return *org_;
  }

  // The dashboard's rollup, for the commands that rebuild or invalidate its figures.
  transparency::Rollup& rollup() {
    if (!rollup_) {
      calendar_ = std::make_unique<calendar::CalendarService>(*db_, *calendar_store_, SystemClock());
      rollup_ = std::make_unique<transparency::Rollup>(*db_, *transparency_store_, *calendar_, org(), SystemClock());
    }
    return *rollup_;
  }

  // The documents capability with the agencies' sealed keys.
  Result<documents::DocumentsService*> documents() {
    if (!documents_) {
      auto vault = PiiVault::OpenOrCreate(config_->data_dir + "/keys/documents.key");
      if (!vault.ok()) return vault.error();
      document_keys_ = std::make_unique<PiiVault>(std::move(*vault));
      documents_ = std::make_unique<documents::DocumentsService>(
          *db_, *document_store_, org(), *document_keys_, SystemClock(),
          documents::Options{config_->data_dir + "/documents", config_->public_url});
    }
    return documents_.get();
  }

 private:
  static TimePoint NowUtcPoint() { return std::chrono::system_clock::now(); }

  const Config* config_ = nullptr;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<org::OrgStore> org_store_ = org::MakeSqlOrgStore();
  std::unique_ptr<calendar::CalendarStore> calendar_store_ = calendar::MakeSqlCalendarStore();
  std::unique_ptr<transparency::TransparencyStore> transparency_store_ = transparency::MakeSqlTransparencyStore();
  std::unique_ptr<documents::DocumentStore> document_store_ = documents::MakeSqlDocumentStore();
  std::unique_ptr<PiiVault> document_keys_;
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<calendar::CalendarService> calendar_;
  std::unique_ptr<transparency::Rollup> rollup_;
  std::unique_ptr<documents::DocumentsService> documents_;
};

int SeedDemo(const Config& config) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  if (auto st = demo::Seed(tools->db(), config, /*history=*/true); !st.ok()) return Fail(st.error().detail);
  // The history is dated in the past, behind the rollup's marks: the dashboard builds its figures again.
  if (auto st = tools->rollup().Invalidate(); !st.ok()) return Fail(st.error().detail);
  std::cout << "demo content seeded\n";
  return 0;
}

int VerifyAudit(const Config& config, const std::string& anchors_file) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  auto result = audit::Verify(tools->db());
  if (!result.ok()) return Fail(result.error().detail);
  if (result->first_broken) {
    std::cout << "audit trail BROKEN at entry " << *result->first_broken << ": " << result->reason << " ("
              << result->entries << " entries checked)\n";
    return 1;
  }
  std::cout << "audit trail intact: " << result->entries << " entries, every hash and link holds\n";
  if (anchors_file.empty()) return 0;
  std::ifstream in(anchors_file, std::ios::binary);
  if (!in) return Fail("--anchors: cannot read " + anchors_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto check = audit::CheckAnchors(tools->db(), text);
  if (!check.ok()) return Fail("--anchors " + anchors_file + ": " + check.error().detail);
  if (check->first_bad) {
    std::cout << "audit trail CONTRADICTS anchor " << *check->first_bad << " of " << anchors_file << ": "
              << check->reason << "\n";
    return 1;
  }
  std::cout << "audit trail agrees with all " << check->anchors << " anchors of " << anchors_file << "\n";
  return 0;
}

int VerifyInteropLog(const Config& config) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  auto store = interop::MakeSqlInteropStore();
  auto result = interop::VerifyLog(tools->db(), *store);
  if (!result.ok()) return Fail(result.error().detail);
  if (result->first_bad) {
    std::cout << "interop message log BROKEN at entry " << *result->first_bad << ": " << result->reason << " ("
              << result->entries << " entries checked)\n";
    return 1;
  }
  std::cout << "interop message log intact: " << result->entries << " entries and " << result->anchors
            << " signed anchors hold\n";
  return 0;
}

int RotateSsoKeys(const Config& config) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  // The keys are sealed with the server's personal-data key: a new one made here would seal keys no server can open.
  std::string key_file = config.data_dir + "/keys/pii.key";
  std::error_code ec;
  if (!std::filesystem::exists(key_file, ec)) {
    return Fail("no personal-data key at " + key_file + ": run this with the server's configuration (data_dir)");
  }
  auto vault = PiiVault::OpenOrCreate(key_file);
  if (!vault.ok()) return Fail(vault.error().detail);
  auto store = sso::MakeSqlSsoStore();
  sso::Options defaults;
  auto st = sso::RotateKeys(tools->db(), *store, *vault, std::chrono::system_clock::now(), defaults.id_token_lifetime);
  if (!st.ok()) return Fail(st.error().detail);
  std::cout << "single sign-on keys rotated: new RS256 and EdDSA keys sign from now on (servers pick them up within a "
               "minute); the old stay published until the ID tokens they signed have expired\n";
  return 0;
}

int AnchorAudit(const Config& config) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  auto vault = app::OpenAuditKeyVault(config);
  if (!vault.ok()) return Fail(vault.error().detail);
  auto store = audit::MakeSqlAuditStore();
  audit::Anchors anchors(tools->db(), *store, *vault, SystemClock());
  auto a = anchors.AnchorNow();
  if (!a.ok()) return Fail(a.error().detail);
  std::cout << "audit trail anchored: entry " << a->entry_id << " (" << a->entries << " entries), head " << a->head_hash
            << ", signed by key " << a->key_id << "\n";
  return 0;
}

struct OrgAddArgs {
  std::int64_t parent = 0;
  std::string kind, name, slug, region;
};

int OrgAdd(const Config& config, const OrgAddArgs& a) {
  auto kind = org::ParseKind(a.kind);
  if (!kind) return Fail("--kind: '" + a.kind + "' is not a kind of node");
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  org::NewNode n{a.parent > 0 ? std::optional<std::int64_t>(a.parent) : std::nullopt, *kind, a.name, a.slug, a.region};
  auto node = tools->org().CreateAsSystem(n);
  if (!node.ok()) {
    std::string why = node.error().detail;
    for (const auto& f : node.error().fields) why += (why.empty() ? "" : "; ") + f.field + ": " + f.message;
    return Fail(why);
  }
  std::cout << "added node " << node->id << " " << node->path << " " << node->name << "\n";
  return 0;
}

// The platform's certificate authority: made once (a self-signed root, its key sealed like the agencies' keys);
// the root certificate is printed, and published at /verifikasi/ca for PDF readers to trust.
int CaInit(const Config& config) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  auto docs = tools->documents();
  if (!docs.ok()) return Fail(docs.error().detail);
  auto ca = (*docs)->Authority();
  if (!ca.ok()) return Fail(ca.error().detail);
  std::cout << "certificate authority " << ca->id << " (since " << ca->created_at
            << "): " << pki::CommonName(ca->certificate) << "\nSHA-256 " << pki::Fingerprint(ca->certificate) << "\n"
            << ca->certificate;
  return 0;
}

// Signing keys live with the documents capability; the operator creates and rotates them here.
int Keys(const Config& config, std::int64_t node, bool generate) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  auto opened = tools->documents();
  if (!opened.ok()) return Fail(opened.error().detail);
  auto& docs = **opened;
  if (generate) {
    auto key = docs.GenerateKey(node);
    if (!key.ok()) return Fail(key.error().detail);
    std::cout << "key " << key->id << " active for node " << node << ", public key " << key->public_key << "\n"
              << "certificate: " << pki::CommonName(key->certificate) << ", SHA-256 "
              << pki::Fingerprint(key->certificate) << "\n";
  }
  auto keys = docs.Keys(node);
  if (!keys.ok()) return Fail(keys.error().detail);
  for (const auto& k : *keys) {
    std::cout << k.id << "  " << k.status << "  " << k.created_at
              << (k.retired_at.empty() ? "" : "  retired " + k.retired_at) << "  " << k.public_key << "\n";
  }
  return 0;
}

int OrgTree(const Config& config) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  auto& service = tools->org();
  auto roots = service.Roots();
  if (!roots.ok()) return Fail(roots.error().detail);
  access::Actor system{1, access::AccountKind::kSystem, {}};
  for (const auto& r : *roots) {
    system.grants = {{r.id, access::Role::kAuditor}};
    auto all = service.Subtree(system, r.id);
    if (!all.ok()) return Fail(all.error().detail);
    for (const auto& n : *all) {
      auto depth = std::count(n.path.begin(), n.path.end(), '/') - 2;
      std::cout << std::string(static_cast<std::size_t>(depth) * 2, ' ') << n.id << " " << n.name << " ["
                << org::KindName(n.kind) << (n.region_code.empty() ? "" : " " + n.region_code) << "]\n";
    }
  }
  return 0;
}

int StatsRebuild(const Config& config) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  auto report = tools->rollup().Rebuild();
  if (!report.ok()) return Fail(report.error().detail);
  if (report->skipped) return Fail("another process is building the dashboard's figures; try again when it is done");
  std::cout << "dashboard figures rebuilt: " << report->days << " days in " << report->seconds << " s\n";
  return 0;
}

int StatsRollUp(const Config& config) {
  auto tools = Tools::Open(config);
  if (!tools.ok()) return Fail(tools.error().detail);
  auto report = tools->rollup().Run();
  if (!report.ok()) return Fail(report.error().detail);
  if (report->skipped) return Fail("another process is building the dashboard's figures; try again when it is done");
  std::cout << "dashboard rollup: " << (report->built ? "built " : "") << report->changes << " changed rows, "
            << report->days << " days recomputed in " << report->seconds << " s\n";
  return 0;
}

int CheckConfig(const Config& config) {
  std::cout << DescribeConfig(config);
  auto db = app::OpenDatabase(config);
  if (!db.ok()) return Fail(db.error().detail);
  auto state = storage::ReadSchemaState(**db);
  if (!state.ok()) return Fail(state.error().detail);
  std::cout << "database: reachable, schema version " << state->current << " (this spbe knows " << state->latest
            << ")\n";
  if (auto st = storage::CheckSchema(**db); !st.ok()) return Fail(st.error().detail);
  std::cout << "configuration OK\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Everything the server writes (database, keys, uploads, issued documents) is for its own user only.
  ::umask(077);
  CLI::App cli{
      "SPBE Terpadu: one portal and back office for electronic-based government services.\n"
      "Settings come from a TOML file (--config), SPBE_* environment variables and flags, later ones winning."};
  cli.fallthrough();
  cli.require_subcommand(1);
  std::string config_file;
  cli.add_option("--config", config_file, "TOML configuration file")->check(CLI::ExistingFile);
  std::map<std::string, std::string> flags;
  for (const auto& s : Settings()) {
    if (s.flag.empty()) continue;
    if (s.is_switch) {
      cli.add_flag_callback(
          s.flag, [&flags, key = s.key] { flags[key] = "true"; }, s.help + " [" + s.env + "]");
      continue;
    }
    cli.add_option_function<std::string>(
        s.flag, [&flags, key = s.key](const std::string& v) { flags[key] = v; }, s.help + " [" + s.env + "]");
  }

  auto* serve = cli.add_subcommand("serve", "Serve the portal, back office and API until SIGTERM/SIGINT (Ctrl-C)");
  auto* migrate = cli.add_subcommand("migrate", "Bring the database schema up to this version (safe to repeat)");
  auto* seed = cli.add_subcommand("seed-demo", "Fill the database with demo agencies, services and accounts");
  auto* config_cmd = cli.add_subcommand("config", "Inspect the configuration");
  config_cmd->require_subcommand(1);
  auto* check = config_cmd->add_subcommand("check", "Validate the configuration, print it, and test the database");
  auto* audit_cmd = cli.add_subcommand("audit", "Work with the audit trail");
  audit_cmd->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand(
      "verify", "Walk the hash chain of the audit trail and name the first edited or deleted entry (exit 1)");
  std::string anchors_file;
  audit_verify->add_option("--anchors", anchors_file,
                           "also check the trail against signed anchors kept elsewhere (a saved copy of "
                           "GET /api/v1/audit/anchors): catches a rewritten history whose chain was recomputed");
  auto* audit_anchor = audit_cmd->add_subcommand(
      "anchor", "Sign the chain's head now with the platform's key (the server does it once a day)");
  auto* interop_cmd = cli.add_subcommand("interop", "Work with the service connection bus");
  interop_cmd->require_subcommand(1);
  auto* interop_verify = interop_cmd->add_subcommand(
      "verify-log", "Walk the bus's message log and its signed anchors; name the first edited entry (exit 1)");
  auto* sso_cmd = cli.add_subcommand("sso", "Work with single sign-on (the OpenID Connect provider)");
  sso_cmd->require_subcommand(1);
  auto* sso_rotate = sso_cmd->add_subcommand(
      "rotate-keys", "Sign ID tokens with new keys; the old stay published until their tokens expire");
  auto* org_cmd = cli.add_subcommand("org", "Work with the government tree");
  org_cmd->require_subcommand(1);
  OrgAddArgs org_args;
  auto* org_add = org_cmd->add_subcommand("add", "Add a node (an OPD, unit, kecamatan ...) as the system operator");
  org_add->add_option("--parent", org_args.parent, "id of the parent node (leave out for a root)");
  org_add
      ->add_option("--kind", org_args.kind,
                   "nasional, kementerian_lembaga, provinsi, kabupaten_kota, "
                   "perangkat_daerah, unit_kerja, kecamatan or kelurahan_desa")
      ->required();
  org_add->add_option("--name", org_args.name, "full name")->required();
  org_add->add_option("--slug", org_args.slug, "short name, unique among siblings (e.g. dpmptsp)")->required();
  org_add->add_option("--region", org_args.region, "Kemendagri code, for provinces down to kelurahan");
  auto* org_tree = org_cmd->add_subcommand("tree", "Print the government tree");
  auto* keys_cmd = cli.add_subcommand("keys", "Work with the agencies' document signing keys");
  keys_cmd->require_subcommand(1);
  std::int64_t key_node = 0;
  auto* keys_generate = keys_cmd->add_subcommand(
      "generate", "Create a new signing key for a node (an OPD); its previous key is retired but still verifies");
  keys_generate->add_option("--node", key_node, "id of the node (see `spbe org tree`)")->required();
  auto* keys_list = keys_cmd->add_subcommand("list", "List a node's signing keys");
  keys_list->add_option("--node", key_node, "id of the node")->required();
  auto* ca_cmd = cli.add_subcommand("ca", "Work with the platform's certificate authority (for signed PDFs)");
  ca_cmd->require_subcommand(1);
  auto* ca_init = ca_cmd->add_subcommand(
      "init", "Create the platform's root certificate authority if there is none; print its certificate");
  auto* stats_cmd = cli.add_subcommand("stats", "Work with the public dashboard's figures (/kinerja)");
  stats_cmd->require_subcommand(1);
  auto* stats_rebuild = stats_cmd->add_subcommand(
      "rebuild", "Build every day of the dashboard's figures again from the applications, answers and reports");
  auto* stats_rollup = stats_cmd->add_subcommand(
      "rollup", "One pass of the rollup the server runs every few seconds: the days changed since the last one");
  auto* version = cli.add_subcommand("version", "Print the version");

  CLI11_PARSE(cli, argc, argv);

  if (version->parsed()) {
    std::cout << "spbe " << app::Version() << "\n";
    return 0;
  }

  ConfigSources sources;
  if (!config_file.empty()) sources.file = config_file;
  sources.env = ProcessEnvironment();
  sources.flags = flags;
  auto config = LoadConfig(sources);
  if (!config.ok()) return Fail(config.error().detail);
  log::SetLevel(config->log_level);
  crypto::InitCrypto();

  try {
    if (serve->parsed()) return Serve(*config);
    if (migrate->parsed()) return Migrate(*config);
    if (seed->parsed()) return SeedDemo(*config);
    if (check->parsed()) return CheckConfig(*config);
    if (audit_verify->parsed()) return VerifyAudit(*config, anchors_file);
    if (audit_anchor->parsed()) return AnchorAudit(*config);
    if (interop_verify->parsed()) return VerifyInteropLog(*config);
    if (sso_rotate->parsed()) return RotateSsoKeys(*config);
    if (org_add->parsed()) return OrgAdd(*config, org_args);
    if (org_tree->parsed()) return OrgTree(*config);
    if (ca_init->parsed()) return CaInit(*config);
    if (keys_generate->parsed()) return Keys(*config, key_node, true);
    if (keys_list->parsed()) return Keys(*config, key_node, false);
    if (stats_rebuild->parsed()) return StatsRebuild(*config);
    if (stats_rollup->parsed()) return StatsRollUp(*config);
  } catch (const std::exception& e) {
    return Fail(std::string("unexpected error: ") + e.what());
  }
  return 0;
}
