// spbe: the SPBE Terpadu server and its administration commands. Only parses the command line and wires the
// libraries together; everything else lives in them.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "app/app.hpp"
#include "audit/audit.hpp"
#include "platform/config.hpp"
#include "platform/crypto.hpp"
#include "platform/log.hpp"
#include "storage/migrations.hpp"

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

int SeedDemo(const Config& config) {
  auto db = app::OpenDatabase(config);
  if (!db.ok()) return Fail(db.error().detail);
  if (auto st = storage::CheckSchema(**db); !st.ok()) return Fail(st.error().detail);
  if (auto st = app::SeedDemo(**db, config); !st.ok()) return Fail(st.error().detail);
  std::cout << "demo content seeded\n";
  return 0;
}

int VerifyAudit(const Config& config) {
  auto db = app::OpenDatabase(config);
  if (!db.ok()) return Fail(db.error().detail);
  if (auto st = storage::CheckSchema(**db); !st.ok()) return Fail(st.error().detail);
  auto result = audit::Verify(**db);
  if (!result.ok()) return Fail(result.error().detail);
  if (result->first_broken) {
    std::cout << "audit trail BROKEN at entry " << *result->first_broken << ": " << result->reason << " ("
              << result->entries << " entries checked)\n";
    return 1;
  }
  std::cout << "audit trail intact: " << result->entries << " entries, every hash and link holds\n";
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
    if (audit_verify->parsed()) return VerifyAudit(*config);
  } catch (const std::exception& e) {
    return Fail(std::string("unexpected error: ") + e.what());
  }
  return 0;
}
