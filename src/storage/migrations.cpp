#include "storage/migrations.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <soci/soci.h>
#include <algorithm>
#include <chrono>

#include "platform/crypto.hpp"
#include "platform/log.hpp"
#include "platform/resources.hpp"

namespace spbe::storage {
namespace {

constexpr const char* kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";

// Serialises concurrent `spbe migrate` runs against one PostgreSQL; SQLite's single writer already does.
constexpr const char* kPgLock = "SELECT pg_advisory_xact_lock(7402181)";

std::string EngineDir(Engine e) { return e == Engine::kPostgres ? "migrations/postgresql/" : "migrations/sqlite/"; }

struct Applied {
  int version;
  std::string checksum;
};

std::vector<Applied> ReadApplied(soci::session& s) {
  s << kCreateTable;
  std::vector<Applied> out;
  soci::rowset<soci::row> rows = (s.prepare << "SELECT version, checksum FROM schema_migrations ORDER BY version");
  for (const auto& r : rows) out.push_back({r.get<int>(0), r.get<std::string>(1)});
  return out;
}

}  // namespace

std::vector<Migration> KnownMigrations(Engine engine) {
  std::vector<Migration> out;
  for (const auto& r : resources::Under(EngineDir(engine))) {
    std::string file(r.path.substr(EngineDir(engine).size()));
    // V001__init.sql
    if (file.size() < 8 || file[0] != 'V' || file.substr(file.size() - 4) != ".sql") continue;
    auto sep = file.find("__");
    if (sep == std::string::npos) continue;
    Migration m;
    m.version = std::stoi(file.substr(1, sep - 1));
    m.name = file.substr(sep + 2, file.size() - sep - 6);
    m.sql = std::string(r.data);
    m.checksum = crypto::Sha256Hex(r.data);
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

Result<SchemaState> ReadSchemaState(Database& db) {
  auto known = KnownMigrations(db.engine());
  return db.Read([&](soci::session& s) -> SchemaState {
    auto applied = ReadApplied(s);
    return {applied.empty() ? 0 : applied.back().version, known.empty() ? 0 : known.back().version};
  });
}

Result<int> Migrate(Database& db) {
  int applied_now = 0;
  for (const auto& m : KnownMigrations(db.engine())) {
    auto st = db.WriteReturning<bool>([&](soci::session& s) -> Result<bool> {
      if (db.engine() == Engine::kPostgres) s << kPgLock;
      s << kCreateTable;
      int count = 0;
      s << "SELECT COUNT(*) FROM schema_migrations WHERE version = :v", soci::use(m.version), soci::into(count);
      if (count > 0) return false;
      for (const auto& stmt : SplitSqlStatements(m.sql)) s << stmt;
      std::string now =
          fmt::format("{:%Y-%m-%dT%H:%M:%S}Z",
                      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
      s << "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (:v, :n, :c, :t)",
          soci::use(m.version), soci::use(m.name), soci::use(m.checksum), soci::use(now);
      return true;
    });
    if (!st.ok()) return st.error();
    if (*st) {
      ++applied_now;
      log::Info("migration applied", {{"version", m.version}, {"name", m.name}});
    }
  }
  return applied_now;
}

Status CheckSchema(Database& db) {
  auto known = KnownMigrations(db.engine());
  auto applied = db.Read([](soci::session& s) { return ReadApplied(s); });
  if (!applied.ok()) return applied.error();
  int current = applied->empty() ? 0 : applied->back().version;
  int latest = known.empty() ? 0 : known.back().version;
  if (current > latest) {
    return Error::Of(ErrorCode::kConflict,
                     fmt::format("the database schema is at version {}, newer than this spbe knows ({}): "
                                 "run the spbe release that migrated it, or a newer one",
                                 current, latest));
  }
  if (current < latest) {
    return Error::Of(ErrorCode::kConflict,
                     fmt::format("the database schema is at version {} but this spbe needs version {}: "
                                 "run `spbe migrate` first",
                                 current, latest));
  }
  for (const auto& a : *applied) {
    auto it = std::find_if(known.begin(), known.end(), [&](const Migration& m) { return m.version == a.version; });
    if (it == known.end() || it->checksum != a.checksum) {
      return Error::Of(ErrorCode::kConflict,
                       fmt::format("migration V{:03} differs from the one applied to this database; "
                                   "migrations must never be edited once released",
                                   a.version));
    }
  }
  return Ok{};
}

}  // namespace spbe::storage
