#include "storage/idempotency.hpp"

#include "storage/rows.hpp"

namespace spbe::storage {
namespace {

constexpr const char* kFind =
    "SELECT request_hash, status, response FROM idempotency_keys WHERE scope = :scope AND key = :key";
constexpr const char* kRemember =
    "INSERT INTO idempotency_keys (scope, key, request_hash, status, response, created_at) "
    "VALUES (:scope, :key, :hash, :status, :response, :now)";

}  // namespace

std::optional<IdempotentAnswer> FindIdempotent(soci::session& s, const std::string& scope, const std::string& key) {
  soci::rowset<soci::row> rows = (s.prepare << kFind, soci::use(scope, "scope"), soci::use(key, "key"));
  for (const auto& r : rows) return IdempotentAnswer{Text(r, 0), static_cast<int>(Int64(r, 1)), Text(r, 2)};
  return std::nullopt;
}

void RememberIdempotent(soci::session& s, const std::string& scope, const std::string& key, const IdempotentAnswer& a,
                        const std::string& now) {
  int status = a.status;
  s << kRemember, soci::use(scope, "scope"), soci::use(key, "key"), soci::use(a.request_hash, "hash"),
      soci::use(status, "status"), soci::use(a.response, "response"), soci::use(now, "now");
}

}  // namespace spbe::storage
