#pragma once
/// What the catalog capability needs from others, declared here as a small interface it receives in its constructor;
/// the composition root (src/app/wiring.hpp) implements it with identity.

#include <string>

#include "access/access.hpp"

namespace spbe::catalog {

/// Who can work a step: a service whose step nobody can act on is refused at publishing.
class Staffing {
 public:
  virtual ~Staffing() = default;
  /// How many active officers hold `role` on the node at `node_path` or above it.
  virtual int OfficersWhoMay(access::Role role, const std::string& node_path) = 0;
};

}  // namespace spbe::catalog
