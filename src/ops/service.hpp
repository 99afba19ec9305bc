#pragma once
/// Operations use cases: readiness and the write probe.

#include <functional>
#include <string>

#include "ops/probe.hpp"
#include "ops/probe_store.hpp"
#include "storage/database.hpp"

namespace spbe::ops {

class OpsService {
 public:
  /// `now` returns the current time as RFC 3339 UTC text (injected so tests control it).
  OpsService(storage::Database& db, const ProbeStore& store, std::function<std::string()> now)
      : db_(db), store_(store), now_(std::move(now)) {}

  /// True when the database answers.
  bool Ready() { return db_.Ping(); }

  /// Records the probe durably, or returns the earlier record for the same key.
  Result<ProbeRecord> RecordProbe(const ProbeInput& in);

 private:
  storage::Database& db_;
  const ProbeStore& store_;
  std::function<std::string()> now_;
};

}  // namespace spbe::ops
