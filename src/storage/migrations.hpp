#pragma once
/// Numbered schema migrations per engine (migrations/<engine>/V001__name.sql), embedded in the binary.

#include <string>
#include <vector>

#include "storage/database.hpp"

namespace spbe::storage {

struct Migration {
  int version = 0;
  std::string name;  // e.g. "init"
  std::string sql;
  std::string checksum;  // SHA-256 of the file
};

/// The migrations this binary knows for the engine, in version order.
std::vector<Migration> KnownMigrations(Engine engine);

struct SchemaState {
  int current = 0;  // highest applied version, 0 for an empty database
  int latest = 0;   // highest version this binary knows
};

Result<SchemaState> ReadSchemaState(Database& db);

/// Applies every pending migration, each in its own transaction. Returns how many were applied.
Result<int> Migrate(Database& db);

/// Refuses a schema older or newer than this binary, or one whose applied migrations were edited since.
Status CheckSchema(Database& db);

}  // namespace spbe::storage
