#pragma once
/// Idempotency-Key (DESIGN.md "API"): the first answer to a key within a scope is kept, so a retry over a flaky link
/// gets it again instead of creating a second object. Shared by every capability that creates things on POST; runs
/// on the caller's session, inside its unit of work.

#include <optional>
#include <string>

namespace soci {
class session;
}

namespace spbe::storage {

struct IdempotentAnswer {
  std::string request_hash;  // what was asked the first time: the same key with another request is refused
  int status = 0;
  std::string response;
};

/// The answer kept for `key` in `scope` (e.g. "applications:<account id>"), if any.
std::optional<IdempotentAnswer> FindIdempotent(soci::session& s, const std::string& scope, const std::string& key);
void RememberIdempotent(soci::session& s, const std::string& scope, const std::string& key, const IdempotentAnswer& a,
                        const std::string& now);

}  // namespace spbe::storage
