#pragma once
/// Write probe: an operator's synthetic monitor writes a keyed row and gets an answer only once it is durable,
/// which is how durability of the whole write path (server, group commit, disk) is checked from outside.

#include <string>

#include "platform/result.hpp"

namespace spbe::ops {

struct ProbeInput {
  std::string key;      // chosen by the caller; the same key twice records once
  std::string payload;  // free text, kept as given
};

struct ProbeRecord {
  long long id = 0;
  std::string key;
  std::string payload;
  std::string created_at;
  bool created = false;  // false when the key had been recorded before
};

/// Checks a probe's fields: key 1-100 of [A-Za-z0-9._:-], payload at most 1000 bytes.
Status ValidateProbe(const ProbeInput& in);

}  // namespace spbe::ops
