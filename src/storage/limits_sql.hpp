#pragma once
/// The limits' counters in the database (table rate_limits), for several server processes sharing PostgreSQL: a
/// limit then holds whichever process a request reaches.

#include <memory>

#include "platform/limits.hpp"
#include "storage/database.hpp"

namespace spbe::storage {

std::unique_ptr<LimitCounters> MakeSqlLimitCounters(Database& db);

}  // namespace spbe::storage
