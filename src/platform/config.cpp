#include "platform/config.hpp"

#include "platform/cidr.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <charconv>
#include <functional>
#include <thread>

extern char** environ;

namespace spbe {
namespace {

using Apply = std::function<std::optional<std::string>(Config&, const std::string&)>;  // error text or nullopt

struct Setting {
  SettingInfo info;
  Apply apply;
};

std::optional<long long> ParseInt(const std::string& s) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

Apply IntIn(int Config::*member, long long lo, long long hi) {
  return [=](Config& c, const std::string& s) -> std::optional<std::string> {
    auto v = ParseInt(s);
    if (!v || *v < lo || *v > hi) return fmt::format("'{}' is not a whole number from {} to {}", s, lo, hi);
    c.*member = static_cast<int>(*v);
    return std::nullopt;
  };
}

Apply Text(std::string Config::*member, std::function<std::optional<std::string>(const std::string&)> check = {}) {
  return [=](Config& c, const std::string& s) -> std::optional<std::string> {
    if (check) {
      if (auto e = check(s)) return e;
    }
    c.*member = s;
    return std::nullopt;
  };
}

std::optional<std::string> ParseBytes(Config& c, const std::string& s) {
  std::size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  auto n = ParseInt(s.substr(0, i));
  std::string unit = s.substr(i);
  std::uint64_t mult = unit.empty() || unit == "B" ? 1 : unit == "KiB" ? 1ull << 10 : unit == "MiB" ? 1ull << 20 : 0;
  if (!n || mult == 0 || *n <= 0 || static_cast<std::uint64_t>(*n) * mult > (1ull << 30)) {
    return fmt::format("'{}' is not a size from 1 B to 1024 MiB (write e.g. 10MiB, 512KiB or 1048576)", s);
  }
  c.body_limit = static_cast<std::uint64_t>(*n) * mult;
  return std::nullopt;
}

Apply Bool(bool Config::*member) {
  return [=](Config& c, const std::string& s) -> std::optional<std::string> {
    if (s == "true" || s == "1" || s == "yes") {
      c.*member = true;
    } else if (s == "false" || s == "0" || s == "no") {
      c.*member = false;
    } else {
      return fmt::format("'{}' is not true or false", s);
    }
    return std::nullopt;
  };
}

// A limit's setting: limits.<rule> = "N/window" (e.g. "5/15m"), "0" for none.
Setting LimitSetting(LimitRule Limits::*rule, const char* help) {
  LimitRule defaults = Limits{}.*rule;
  std::string env = "SPBE_LIMIT_";
  for (char c : defaults.name) env += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return {{"limits." + defaults.name, env, "", fmt::format("{} (default {})", help, FormatLimit(defaults))},
          [rule](Config& c, const std::string& s) -> std::optional<std::string> {
            auto parsed = ParseLimit((c.limits.*rule).name, s);
            if (!parsed) return fmt::format("'{}' is not a limit such as 5/15m, 20/1h or 0 (none)", s);
            c.limits.*rule = *parsed;
            return std::nullopt;
          }};
}

const std::vector<Setting>& Table() {
  static const std::vector<Setting> table = {
      {{"data_dir", "SPBE_DATA_DIR", "--data-dir", "directory for the SQLite file, uploaded files and keys"},
       Text(&Config::data_dir,
            [](const std::string& s) -> std::optional<std::string> {
              if (s.empty()) return "must not be empty";
              return std::nullopt;
            })},
      {{"database.url", "SPBE_DATABASE", "--database",
        "postgresql://user@host:port/db to use PostgreSQL instead of SQLite"},
       Text(&Config::database_url,
            [](const std::string& s) -> std::optional<std::string> {
              if (!s.empty() && s.rfind("postgresql://", 0) != 0 && s.rfind("postgres://", 0) != 0)
                return fmt::format("'{}' is not a postgresql:// URL", s);
              return std::nullopt;
            })},
      {{"database.pool_size", "SPBE_DB_POOL_SIZE", "--db-pool-size", "database connections kept open (1-256)"},
       IntIn(&Config::db_pool_size, 1, 256)},
      {{"server.bind", "SPBE_BIND", "--bind", "address to listen on"},
       Text(&Config::bind,
            [](const std::string& s) -> std::optional<std::string> {
              if (s.empty()) return "must not be empty";
              return std::nullopt;
            })},
      {{"server.port", "SPBE_PORT", "--port", "TCP port (0 picks a free one)"}, IntIn(&Config::port, 0, 65535)},
      {{"server.io_threads", "SPBE_IO_THREADS", "--io-threads", "network threads (0: one per core)"},
       IntIn(&Config::io_threads, 0, 256)},
      {{"server.workers", "SPBE_WORKERS", "--workers", "threads for blocking work such as database calls (0: auto)"},
       IntIn(&Config::workers, 0, 1024)},
      {{"server.body_limit", "SPBE_BODY_LIMIT", "--body-limit", "largest request body, e.g. 10MiB"}, ParseBytes},
      {{"server.header_timeout", "SPBE_HEADER_TIMEOUT", "", "seconds allowed to send a request's headers"},
       IntIn(&Config::header_timeout_s, 1, 3600)},
      {{"server.idle_timeout", "SPBE_IDLE_TIMEOUT", "", "seconds a kept-alive connection may stay idle"},
       IntIn(&Config::idle_timeout_s, 1, 3600)},
      {{"server.drain_timeout", "SPBE_DRAIN_TIMEOUT", "", "seconds in-flight requests get to finish on shutdown"},
       IntIn(&Config::drain_timeout_s, 0, 3600)},
      {{"server.public_url", "SPBE_PUBLIC_URL", "--public-url", "address citizens reach the portal at"},
       Text(&Config::public_url,
            [](const std::string& s) -> std::optional<std::string> {
              if (s.rfind("http://", 0) != 0 && s.rfind("https://", 0) != 0)
                return fmt::format("'{}' is not an http:// or https:// URL", s);
              return std::nullopt;
            })},
      {{"log.level", "SPBE_LOG_LEVEL", "--log-level", "debug, info, warn or error"},
       Text(&Config::log_level,
            [](const std::string& s) -> std::optional<std::string> {
              if (s != "debug" && s != "info" && s != "warn" && s != "error")
                return fmt::format("'{}' is not one of debug, info, warn, error", s);
              return std::nullopt;
            })},
      {{"ops.write_probe", "SPBE_WRITE_PROBE", "", "enable POST /api/v1/ops/write-probe (true/false)"},
       Bool(&Config::write_probe)},
      {{"mail.smtp_url", "SPBE_SMTP_URL", "--smtp-url",
        "smtp://host:port of the mail relay (empty: keep mail in the outbox)"},
       Text(&Config::smtp_url,
            [](const std::string& s) -> std::optional<std::string> {
              if (!s.empty() && s.rfind("smtp://", 0) != 0 && s.rfind("smtps://", 0) != 0)
                return fmt::format("'{}' is not an smtp:// or smtps:// URL", s);
              return std::nullopt;
            })},
      {{"mail.from", "SPBE_MAIL_FROM", "", "sender address of the portal's e-mail"},
       Text(&Config::mail_from,
            [](const std::string& s) -> std::optional<std::string> {
              if (s.find('@') == std::string::npos) return fmt::format("'{}' is not an e-mail address", s);
              return std::nullopt;
            })},
      {{"sms.gateway_url", "SPBE_SMS_GATEWAY_URL", "--sms-gateway-url",
        "http(s):// address of the SMS/WhatsApp gateway (empty: short messages wait in the outbox)"},
       Text(&Config::sms_gateway_url,
            [](const std::string& s) -> std::optional<std::string> {
              if (!s.empty() && s.rfind("http://", 0) != 0 && s.rfind("https://", 0) != 0)
                return fmt::format("'{}' is not an http:// or https:// URL", s);
              return std::nullopt;
            })},
      {{"sms.gateway_token", "SPBE_SMS_GATEWAY_TOKEN", "", "bearer token the SMS/WhatsApp gateway expects"},
       Text(&Config::sms_gateway_token)},
      {{"payments.bill_valid_hours", "SPBE_BILL_VALID_HOURS", "", "hours a billing code can be paid (1 to 720)"},
       IntIn(&Config::bill_valid_hours, 1, 720)},
      {{"reports.verify_days", "SPBE_REPORT_VERIFY_DAYS", "", "working days the desk has to verify a report (1 to 30)"},
       IntIn(&Config::report_verify_days, 1, 30)},
      {{"reports.first_response_days", "SPBE_REPORT_FIRST_RESPONSE_DAYS", "",
        "working days an office has for its first response to a report (1 to 30)"},
       IntIn(&Config::report_first_response_days, 1, 30)},
      {{"reports.simple_days", "SPBE_REPORT_SIMPLE_DAYS", "",
        "working days for information requests and simple complaints (1 to 90)"},
       IntIn(&Config::report_simple_days, 1, 90)},
      {{"reports.dispute_days", "SPBE_REPORT_DISPUTE_DAYS", "",
        "working days for disputes or violations without a field inspection (1 to 180)"},
       IntIn(&Config::report_dispute_days, 1, 180)},
      {{"reports.inspection_days", "SPBE_REPORT_INSPECTION_DAYS", "",
        "working days for cases that need a field inspection (1 to 365)"},
       IntIn(&Config::report_inspection_days, 1, 365)},
      {{"server.trusted_proxies", "SPBE_TRUSTED_PROXIES", "--trusted-proxies",
        "comma-separated addresses or CIDRs of reverse proxies whose X-Forwarded-For names the client "
        "(empty: the peer address is the client)"},
       Text(&Config::trusted_proxies,
            [](const std::string& s) -> std::optional<std::string> {
              if (!ParseCidrList(s)) {
                return fmt::format("'{}' is not a comma-separated list of IPv4/IPv6 addresses or CIDRs", s);
              }
              return std::nullopt;
            })},
      {{"interop.allowed_networks", "SPBE_INTEROP_ALLOWED_NETWORKS", "",
        "comma-separated addresses or CIDRs the bus may forward calls to (default: the private networks; add "
        "127.0.0.1 only for a provider on this host)"},
       Text(&Config::interop_allowed_networks,
            [](const std::string& s) -> std::optional<std::string> {
              if (!ParseCidrList(s)) {
                return fmt::format("'{}' is not a comma-separated list of IPv4/IPv6 addresses or CIDRs", s);
              }
              return std::nullopt;
            })},
      LimitSetting(&Limits::signin_account_address, "failed sign-ins of one account from one address"),
      LimitSetting(&Limits::signin_account, "failed sign-ins of one account from any address"),
      LimitSetting(&Limits::signin_address, "failed sign-ins from one address, any account"),
      LimitSetting(&Limits::code_request_email, "codes (password reset, verification) sent to one e-mail address"),
      LimitSetting(&Limits::code_request_address, "codes asked for from one address"),
      LimitSetting(&Limits::code_confirm_address, "wrong codes tried from one address"),
      LimitSetting(&Limits::register_address, "registrations from one address"),
      LimitSetting(&Limits::access_code_number, "wrong access codes tried for one tracking number"),
      LimitSetting(&Limits::access_code_address, "wrong access codes tried from one address"),
      LimitSetting(&Limits::unsigned_callback_samples, "bank callbacks with a bad signature kept per address"),
      LimitSetting(&Limits::reports_filed, "reports one account, or one address when not signed in, may file"),
      LimitSetting(&Limits::oauth_client_failures, "failed authentications of one single sign-on client"),
      LimitSetting(&Limits::oauth_address_failures, "failed single sign-on client authentications from one address"),
      LimitSetting(&Limits::oauth_grant_failures, "refused code or refresh-token exchanges of one client"),
      {{"server.demo", "SPBE_DEMO", "--demo",
        "serve a database with demo accounts (their password is published: never in production)", true},
       Bool(&Config::demo)},
  };
  return table;
}

// A TOML value as the same text a flag or environment variable would carry.
std::optional<std::string> TomlText(const toml::node& n) {
  if (auto s = n.value<std::string>()) return *s;
  if (n.is_integer()) return std::to_string(*n.value<long long>());
  if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
  return std::nullopt;
}

}  // namespace

const std::vector<SettingInfo>& Settings() {
  static const std::vector<SettingInfo> infos = [] {
    std::vector<SettingInfo> v;
    for (const auto& s : Table()) v.push_back(s.info);
    return v;
  }();
  return infos;
}

Result<Config> LoadConfig(const ConfigSources& sources) {
  Config config;
  toml::table file;
  if (sources.file) {
    try {
      file = toml::parse_file(*sources.file);
    } catch (const toml::parse_error& e) {
      return Error::Of(ErrorCode::kValidation, fmt::format("config file {}: {} (line {})", *sources.file,
                                                           e.description(), e.source().begin.line));
    }
    // A misspelt key would otherwise be ignored silently.
    std::string unknown;
    for (auto&& [k, v] : file) {
      std::string key(k.str());
      if (auto* sub = v.as_table()) {
        for (auto&& [k2, v2] : *sub) {
          std::string full = key + "." + std::string(k2.str());
          bool known = false;
          for (const auto& s : Table()) known |= s.info.key == full;
          if (!known) unknown += (unknown.empty() ? "" : ", ") + full;
        }
      } else {
        bool known = false;
        for (const auto& s : Table()) known |= s.info.key == key;
        if (!known) unknown += (unknown.empty() ? "" : ", ") + key;
      }
    }
    if (!unknown.empty()) {
      return Error::Of(ErrorCode::kValidation,
                       fmt::format("config file {}: unknown setting(s): {}", *sources.file, unknown));
    }
  }
  for (const auto& s : Table()) {
    std::optional<std::string> value;
    std::string origin;
    if (auto node = file.at_path(s.info.key)) {
      value = TomlText(*node.node());
      origin = "in " + *sources.file;
      if (!value) {
        return Error::Of(ErrorCode::kValidation,
                         fmt::format("setting {} {}: expected a string, number or boolean", s.info.key, origin));
      }
    }
    if (auto it = sources.env.find(s.info.env); it != sources.env.end()) {
      value = it->second;
      origin = "from environment variable " + s.info.env;
    }
    if (auto it = sources.flags.find(s.info.key); it != sources.flags.end()) {
      value = it->second;
      origin = "from flag " + s.info.flag;
    }
    if (!value) continue;
    if (auto problem = s.apply(config, *value)) {
      return Error::Of(ErrorCode::kValidation, fmt::format("setting {} {}: {}", s.info.key, origin, *problem));
    }
  }
  return config;
}

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos && kv.rfind("SPBE_", 0) == 0) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

std::string DescribeConfig(const Config& c) {
  std::string url = c.database_url;
  // postgresql://user:secret@host -> postgresql://user:***@host
  if (auto at = url.find('@'); at != std::string::npos) {
    auto scheme_end = url.find("://");
    auto colon = url.find(':', scheme_end + 3);
    if (colon != std::string::npos && colon < at) url = url.substr(0, colon + 1) + "***" + url.substr(at);
  }
  return fmt::format(
      "data_dir = {}\ndatabase = {}\ndatabase.pool_size = {}\nserver.bind = {}\nserver.port = {}\n"
      "server.io_threads = {}\nserver.workers = {}\nserver.body_limit = {}\nserver.header_timeout = {}\n"
      "server.idle_timeout = {}\nserver.drain_timeout = {}\nserver.public_url = {}\nlog.level = {}\n"
      "ops.write_probe = {}\nserver.demo = {}\nmail.smtp_url = {}\nmail.from = {}\nsms.gateway_url = {}\n",
      c.data_dir, c.UsesPostgres() ? url : "sqlite:" + c.SqlitePath(), c.db_pool_size, c.bind, c.port, c.io_threads,
      c.workers, c.body_limit, c.header_timeout_s, c.idle_timeout_s, c.drain_timeout_s, c.public_url, c.log_level,
      c.write_probe, c.demo, c.smtp_url.empty() ? "(none: mail waits in the outbox)" : c.smtp_url, c.mail_from,
      c.sms_gateway_url.empty() ? "(none: short messages wait in the outbox)" : c.sms_gateway_url);
}

}  // namespace spbe
