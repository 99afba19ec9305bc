#pragma once

#include <memory>
#include <optional>

#include "ops/probe.hpp"

namespace soci {
class session;
}

namespace spbe::ops {

/// What the ops service needs from storage. Every call runs inside the caller's unit of work.
class ProbeStore {
 public:
  virtual ~ProbeStore() = default;
  virtual std::optional<ProbeRecord> FindByKey(soci::session& s, const std::string& key) const = 0;
  virtual ProbeRecord Insert(soci::session& s, const ProbeInput& in, const std::string& now) const = 0;
  virtual long long Count(soci::session& s) const = 0;
};

/// The SOCI implementation, the same SQL on SQLite and PostgreSQL.
std::unique_ptr<ProbeStore> MakeSqlProbeStore();

}  // namespace spbe::ops
