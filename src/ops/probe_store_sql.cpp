#include <soci/soci.h>

#include "ops/probe_store.hpp"

namespace spbe::ops {
namespace {

constexpr const char* kFindByKey =
    "SELECT id, client_key, payload, created_at FROM ops_write_probe WHERE client_key = :key";
constexpr const char* kInsert =
    "INSERT INTO ops_write_probe (client_key, payload, created_at) VALUES (:key, :payload, :now)";
constexpr const char* kCount = "SELECT COUNT(*) FROM ops_write_probe";

class SqlProbeStore final : public ProbeStore {
 public:
  std::optional<ProbeRecord> FindByKey(soci::session& s, const std::string& key) const override {
    ProbeRecord r;
    long long id = 0;
    s << kFindByKey, soci::use(key, "key"), soci::into(id), soci::into(r.key), soci::into(r.payload),
        soci::into(r.created_at);
    if (!s.got_data()) return std::nullopt;
    r.id = id;
    return r;
  }

  ProbeRecord Insert(soci::session& s, const ProbeInput& in, const std::string& now) const override {
    s << kInsert, soci::use(in.key, "key"), soci::use(in.payload, "payload"), soci::use(now, "now");
    auto r = FindByKey(s, in.key);
    r->created = true;
    return *r;
  }

  long long Count(soci::session& s) const override {
    long long n = 0;
    s << kCount, soci::into(n);
    return n;
  }
};

}  // namespace

std::unique_ptr<ProbeStore> MakeSqlProbeStore() { return std::make_unique<SqlProbeStore>(); }

}  // namespace spbe::ops
