#pragma once
/// One typed configuration, loaded once from a TOML file, SPBE_* environment variables and command-line flags
/// (later sources win), validated before anything starts.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "platform/limits.hpp"
#include "platform/result.hpp"

namespace spbe {

struct Config {
  std::string data_dir = "./data";  // SQLite file, uploaded files, keys
  std::string database_url;         // empty: SQLite in data_dir; postgresql://... otherwise
  int db_pool_size = 8;
  std::string bind = "0.0.0.0";
  int port = 8080;
  int io_threads = 0;  // 0: one per core
  int workers = 0;     // 0: 4 per core, at least 8
  std::uint64_t body_limit = 10ull << 20;
  int header_timeout_s = 10;
  int idle_timeout_s = 60;
  int drain_timeout_s = 30;
  std::string public_url = "http://localhost:8080";
  std::string log_level = "info";
  bool write_probe = false;  // POST /api/v1/ops/write-probe, for synthetic durability monitoring
  std::string smtp_url;      // smtp://host:port of the mail relay; empty: messages wait in the outbox
  std::string mail_from = "noreply@spbe.invalid";
  std::string sms_gateway_url;    // the SMS/WhatsApp gateway (platform/text_gateway.hpp); empty: they wait
  std::string sms_gateway_token;  // its bearer token
  int bill_valid_hours = 72;      // how long a billing code can be paid
  // Reports' time limits in working days (../shared/reference/pengaduan.md: whether working or calendar days is
  // unconfirmed, so they are settings).
  int report_verify_days = 3;
  int report_first_response_days = 3;
  int report_simple_days = 5;
  int report_dispute_days = 14;
  int report_inspection_days = 60;
  Limits limits;                // limits.<rule>: how often one account, address or number may do something
  std::string trusted_proxies;  // server.trusted_proxies: CIDRs whose X-Forwarded-For is believed
  // interop.allowed_networks: where the bus may forward calls (providers' addresses); private networks by default,
  // never this host's loopback unless added (a provider URL must not reach the platform itself).
  std::string interop_allowed_networks = "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7";
  bool demo = false;  // allow serving a database that holds demo accounts (published password)

  bool UsesPostgres() const { return !database_url.empty(); }
  std::string SqlitePath() const { return data_dir + "/spbe.db"; }
};

/// One setting: its TOML key, environment variable, flag, and what it means (for --help and `config check`).
struct SettingInfo {
  std::string key;   // e.g. "server.port"
  std::string env;   // e.g. "SPBE_PORT"
  std::string flag;  // e.g. "--port"; empty when the setting has no flag
  std::string help;
  bool is_switch = false;  // a flag without a value (--demo), meaning true
};

const std::vector<SettingInfo>& Settings();

struct ConfigSources {
  std::optional<std::string> file;           // TOML file, if given
  std::map<std::string, std::string> env;    // the process environment (only SPBE_* are read)
  std::map<std::string, std::string> flags;  // setting key -> value given on the command line
};

/// Builds the configuration; a bad value fails with a message that names the setting and where it came from.
Result<Config> LoadConfig(const ConfigSources& sources);

/// The process environment as a map, for ConfigSources::env.
std::map<std::string, std::string> ProcessEnvironment();

/// Human-readable listing of the effective configuration (secrets in the database URL masked).
std::string DescribeConfig(const Config& config);

}  // namespace spbe
