#pragma once
/// What the reports capability needs from others, declared here as a small interface it receives in its constructor;
/// the composition root (src/app/wiring.hpp) implements it with identity.

#include <cstdint>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "notify/notifier.hpp"

namespace spbe::reports {

/// Where notices about reports go: a signed-in reporter's inbox, e-mail and phone, and the holders of a role a late
/// or disputed report is escalated to.
class Recipients {
 public:
  virtual ~Recipients() = default;
  virtual notify::Recipient RecipientOf(std::int64_t account_id) = 0;
  /// The active holders of `role` nearest above a node: on it, else its closest ancestor with one.
  virtual std::vector<notify::Recipient> NearestWithRole(access::Role role, const std::string& node_path) = 0;
};

}  // namespace spbe::reports
