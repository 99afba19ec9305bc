#include "storage/idempotency.hpp"

#include "storage/rows.hpp"
#include "storage/statements.hpp"

namespace spbe::storage {
namespace {

constexpr const char* kFind =
    "SELECT request_hash, status, response FROM idempotency_keys WHERE scope = :scope AND key = :key";
constexpr const char* kRemember =
    "INSERT INTO idempotency_keys (scope, key, request_hash, status, response, created_at) "
    "VALUES (:scope, :key, :hash, :status, :response, :now)";

}  // namespace

std::optional<IdempotentAnswer> FindIdempotent(soci::session& s, const std::string& scope, const std::string& key) {
  return QueryRow(
      s, kFind,
      [](const soci::row& r) {
        return IdempotentAnswer{Text(r, 0), static_cast<int>(Int64(r, 1)), Text(r, 2)};
      },
      scope, key);
}

void RememberIdempotent(soci::session& s, const std::string& scope, const std::string& key, const IdempotentAnswer& a,
                        const std::string& now) {
  Execute(s, kRemember, scope, key, a.request_hash, a.status, a.response, now);
}

}  // namespace spbe::storage
