#include <soci/soci.h>

#include "interop/store.hpp"
#include "storage/rows.hpp"

namespace spbe::interop {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kMemberColumns =
    "SELECT m.node_id, m.code, m.joined_at, n.name, n.path FROM interop_members m JOIN org_nodes n ON n.id = "
    "m.node_id ";
constexpr const char* kInsertMember =
    "INSERT INTO interop_members (node_id, code, joined_at) VALUES (:node, :code, :at)";

constexpr const char* kSystemColumns =
    "SELECT y.id, y.node_id, y.code, y.name, y.owner_unit, y.contact, y.api_key_id, y.created_at, m.code, n.name, "
    "n.path FROM interop_systems y JOIN interop_members m ON m.node_id = y.node_id JOIN org_nodes n ON n.id = "
    "y.node_id ";
constexpr const char* kInsertSystem =
    "INSERT INTO interop_systems (node_id, code, name, owner_unit, contact, created_at) VALUES (:node, :code, :name, "
    ":unit, :contact, :at) RETURNING id";
constexpr const char* kSetSystemKey = "UPDATE interop_systems SET api_key_id = :key WHERE id = :id";

constexpr const char* kServiceColumns =
    "SELECT v.id, v.system_id, v.code, v.name_id, v.name_en, v.description_id, v.description_en, v.openapi, "
    "v.provider_url, v.timeout_ms, v.rate_per_minute, v.max_body_bytes, v.data_class, v.open_to_all, "
    "v.keep_bodies_days, v.status, v.created_at, v.updated_at, m.code, y.code, y.name, n.name, n.path, y.node_id "
    "FROM interop_services v JOIN interop_systems y ON y.id = v.system_id JOIN interop_members m ON m.node_id = "
    "y.node_id JOIN org_nodes n ON n.id = y.node_id ";
constexpr const char* kInsertService =
    "INSERT INTO interop_services (system_id, code, name_id, name_en, description_id, description_en, openapi, "
    "provider_url, timeout_ms, rate_per_minute, max_body_bytes, data_class, open_to_all, keep_bodies_days, status, "
    "created_at, updated_at) VALUES (:system, :code, :name_id, :name_en, :desc_id, :desc_en, :openapi, '', :timeout, "
    ":rate, :max_body, :class, :open, :keep, 'active', :at, :at2) RETURNING id";
constexpr const char* kUpdateService =
    "UPDATE interop_services SET name_id = :name_id, name_en = :name_en, description_id = :desc_id, description_en "
    "= :desc_en, openapi = :openapi, timeout_ms = :timeout, rate_per_minute = :rate, max_body_bytes = :max_body, "
    "data_class = :class, open_to_all = :open, keep_bodies_days = :keep, status = :status, updated_at = :at WHERE "
    "id = :id";
constexpr const char* kSetProviderUrl =
    "UPDATE interop_services SET provider_url = :url, updated_at = :at WHERE id = :id";
constexpr const char* kSearchWhere =
    "WHERE v.status = 'active' AND (:words = '' OR LOWER(v.code || ' ' || v.name_id || ' ' || v.name_en || ' ' || "
    "v.description_id || ' ' || v.description_en || ' ' || m.code || ' ' || y.code || ' ' || n.name) LIKE '%' || "
    ":words2 || '%') ";

constexpr const char* kGrantColumns =
    "SELECT g.id, g.service_id, g.client_system_id, g.status, g.purpose, g.legal_basis, g.requested_by, "
    "g.requested_at, g.decided_by, g.decided_at, g.reason, pm.code || '/' || py.code || '/' || v.code, cm.code || "
    "'/' || cy.code, pn.path, cn.path FROM interop_grants g JOIN interop_services v ON v.id = g.service_id JOIN "
    "interop_systems py ON py.id = v.system_id JOIN interop_members pm ON pm.node_id = py.node_id JOIN org_nodes pn "
    "ON pn.id = py.node_id JOIN interop_systems cy ON cy.id = g.client_system_id JOIN interop_members cm ON "
    "cm.node_id = cy.node_id JOIN org_nodes cn ON cn.id = cy.node_id ";
constexpr const char* kInsertGrant =
    "INSERT INTO interop_grants (service_id, client_system_id, status, purpose, legal_basis, requested_by, "
    "requested_at, decided_by, decided_at, reason) VALUES (:service, :client, :status, :purpose, :basis, :by, :at, "
    ":decided_by, :decided_at, :reason) RETURNING id";
constexpr const char* kDecideGrant =
    "UPDATE interop_grants SET status = :status, legal_basis = :basis, decided_by = :by, decided_at = :at, reason = "
    ":reason WHERE id = :id";

constexpr const char* kKeyColumns =
    "SELECT key_id, public_key, secret_sealed, created_at, retired_at FROM interop_keys ";
constexpr const char* kInsertKey =
    "INSERT INTO interop_keys (key_id, public_key, secret_sealed, created_at) VALUES (:id, :public, :sealed, :at)";

constexpr const char* kLockHead = "UPDATE interop_log_head SET seq = seq + 1 WHERE id = 1";
// Locks the head and reads it in one statement.
constexpr const char* kTakeHead = "UPDATE interop_log_head SET seq = seq + 1 WHERE id = 1 RETURNING last_hash";
constexpr const char* kReadHead = "SELECT last_hash FROM interop_log_head WHERE id = 1";
constexpr const char* kSetHead = "UPDATE interop_log_head SET last_hash = :hash WHERE id = 1";
constexpr const char* kLogColumns =
    "SELECT l.id, l.request_id, l.at, l.client_system_id, l.service_id, l.end_user, l.method, l.path, l.status, "
    "l.duration_us, l.request_bytes, l.response_bytes, l.request_digest, l.response_digest, l.outcome, "
    "l.bodies_sealed, l.keep_until, l.prev_hash, l.hash, COALESCE(cm.code || '/' || cy.code, ''), COALESCE(pm.code "
    "|| '/' || py.code || '/' || v.code, '') FROM interop_log l LEFT JOIN interop_systems cy ON cy.id = "
    "l.client_system_id LEFT JOIN interop_members cm ON cm.node_id = cy.node_id LEFT JOIN interop_services v ON v.id "
    "= l.service_id LEFT JOIN interop_systems py ON py.id = v.system_id LEFT JOIN interop_members pm ON pm.node_id = "
    "py.node_id ";
constexpr const char* kInsertLog =
    "INSERT INTO interop_log (request_id, at, client_system_id, service_id, end_user, method, path, status, "
    "duration_us, request_bytes, response_bytes, request_digest, response_digest, outcome, bodies_sealed, "
    "keep_until, prev_hash, hash) VALUES (:rid, :at, :client, :service, :user, :method, :path, :status, :duration, "
    ":req_bytes, :res_bytes, :req_digest, :res_digest, :outcome, :sealed, :keep, :prev, :hash) RETURNING id";
constexpr const char* kAnchorColumns =
    "SELECT id, anchored_at, entry_id, head_hash, key_id, signature FROM interop_log_anchors ";
constexpr const char* kInsertAnchor =
    "INSERT INTO interop_log_anchors (anchored_at, entry_id, head_hash, key_id, signature) VALUES (:at, :entry, "
    ":head, :key, :sig)";

MemberRow ToMember(const soci::row& r) { return {Int64(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4)}; }

SystemRow ToSystem(const soci::row& r) {
  return {Int64(r, 0), Int64(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5),
          Int64(r, 6), Text(r, 7),  Text(r, 8), Text(r, 9), Text(r, 10)};
}

ServiceRow ToService(const soci::row& r) {
  ServiceRow v;
  v.id = Int64(r, 0);
  v.system_id = Int64(r, 1);
  v.code = Text(r, 2);
  v.name_id = Text(r, 3);
  v.name_en = Text(r, 4);
  v.description_id = Text(r, 5);
  v.description_en = Text(r, 6);
  v.openapi = Text(r, 7);
  v.provider_url = Text(r, 8);
  v.timeout_ms = static_cast<int>(Int64(r, 9));
  v.rate_per_minute = static_cast<int>(Int64(r, 10));
  v.max_body_bytes = static_cast<int>(Int64(r, 11));
  v.data_class = Text(r, 12);
  v.open_to_all = Int64(r, 13) != 0;
  v.keep_bodies_days = static_cast<int>(Int64(r, 14));
  v.status = Text(r, 15);
  v.created_at = Text(r, 16);
  v.updated_at = Text(r, 17);
  v.member_code = Text(r, 18);
  v.system_code = Text(r, 19);
  v.system_name = Text(r, 20);
  v.node_name = Text(r, 21);
  v.node_path = Text(r, 22);
  v.node_id = Int64(r, 23);
  return v;
}

GrantRow ToGrant(const soci::row& r) {
  return {Int64(r, 0), Int64(r, 1), Int64(r, 2), Text(r, 3),  Text(r, 4),  Text(r, 5),  Int64(r, 6), Text(r, 7),
          Int64(r, 8), Text(r, 9),  Text(r, 10), Text(r, 11), Text(r, 12), Text(r, 13), Text(r, 14)};
}

LogRow ToLog(const soci::row& r) {
  LogRow l;
  l.id = Int64(r, 0);
  l.request_id = Text(r, 1);
  l.at = Text(r, 2);
  l.client_system_id = Int64(r, 3);
  l.service_id = Int64(r, 4);
  l.end_user = Text(r, 5);
  l.method = Text(r, 6);
  l.path = Text(r, 7);
  l.status = static_cast<int>(Int64(r, 8));
  l.duration_us = Int64(r, 9);
  l.request_bytes = Int64(r, 10);
  l.response_bytes = Int64(r, 11);
  l.request_digest = Text(r, 12);
  l.response_digest = Text(r, 13);
  l.outcome = Text(r, 14);
  l.bodies_sealed = Text(r, 15);
  l.keep_until = Text(r, 16);
  l.prev_hash = Text(r, 17);
  l.hash = Text(r, 18);
  l.client_address = Text(r, 19);
  l.service_address = Text(r, 20);
  return l;
}

template <typename T, typename F>
std::vector<T> All(soci::rowset<soci::row>& rows, F convert) {
  std::vector<T> out;
  for (const auto& r : rows) out.push_back(convert(r));
  return out;
}

template <typename T, typename F>
std::optional<T> First(soci::rowset<soci::row>& rows, F convert) {
  for (const auto& r : rows) return convert(r);
  return std::nullopt;
}

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class SqlInteropStore final : public InteropStore {
 public:
  std::optional<MemberRow> MemberOfNode(soci::session& s, std::int64_t node_id) const override {
    long long node = node_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kMemberColumns) + "WHERE m.node_id = :node", soci::use(node, "node"));
    return First<MemberRow>(rows, ToMember);
  }
  std::optional<MemberRow> MemberByCode(soci::session& s, const std::string& code) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kMemberColumns) + "WHERE m.code = :code", soci::use(code, "code"));
    return First<MemberRow>(rows, ToMember);
  }
  void InsertMember(soci::session& s, const MemberRow& m) const override {
    long long node = m.node_id;
    s << kInsertMember, soci::use(node, "node"), soci::use(m.code, "code"), soci::use(m.joined_at, "at");
  }

  std::int64_t InsertSystem(soci::session& s, const SystemRow& r) const override {
    long long node = r.node_id, id = 0;
    s << kInsertSystem, soci::use(node, "node"), soci::use(r.code, "code"), soci::use(r.name, "name"),
        soci::use(r.owner_unit, "unit"), soci::use(r.contact, "contact"), soci::use(r.created_at, "at"), soci::into(id);
    return id;
  }
  std::optional<SystemRow> SystemById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kSystemColumns) + "WHERE y.id = :id", soci::use(key, "id"));
    return First<SystemRow>(rows, ToSystem);
  }
  std::optional<SystemRow> SystemByCodes(soci::session& s, const std::string& member,
                                         const std::string& code) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kSystemColumns) + "WHERE m.code = :member AND y.code = :code",
         soci::use(member, "member"), soci::use(code, "code"));
    return First<SystemRow>(rows, ToSystem);
  }
  std::optional<SystemRow> SystemByKey(soci::session& s, std::int64_t api_key_id) const override {
    long long key = api_key_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kSystemColumns) + "WHERE y.api_key_id = :key", soci::use(key, "key"));
    return First<SystemRow>(rows, ToSystem);
  }
  std::vector<SystemRow> SystemsUnder(soci::session& s, const std::string& path) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kSystemColumns) + "WHERE n.path LIKE :path || '%' ORDER BY m.code, y.code",
         soci::use(path, "path"));
    return All<SystemRow>(rows, ToSystem);
  }
  void SetSystemKey(soci::session& s, std::int64_t system_id, std::int64_t api_key_id) const override {
    long long id = system_id, key = api_key_id;
    s << kSetSystemKey, soci::use(key, "key"), soci::use(id, "id");
  }

  std::int64_t InsertService(soci::session& s, const ServiceRow& v) const override {
    long long system = v.system_id, id = 0;
    int open = v.open_to_all ? 1 : 0;
    s << kInsertService, soci::use(system, "system"), soci::use(v.code, "code"), soci::use(v.name_id, "name_id"),
        soci::use(v.name_en, "name_en"), soci::use(v.description_id, "desc_id"), soci::use(v.description_en, "desc_en"),
        soci::use(v.openapi, "openapi"), soci::use(v.timeout_ms, "timeout"), soci::use(v.rate_per_minute, "rate"),
        soci::use(v.max_body_bytes, "max_body"), soci::use(v.data_class, "class"), soci::use(open, "open"),
        soci::use(v.keep_bodies_days, "keep"), soci::use(v.created_at, "at"), soci::use(v.created_at, "at2"),
        soci::into(id);
    return id;
  }
  void UpdateService(soci::session& s, const ServiceRow& v) const override {
    long long id = v.id;
    int open = v.open_to_all ? 1 : 0;
    s << kUpdateService, soci::use(v.name_id, "name_id"), soci::use(v.name_en, "name_en"),
        soci::use(v.description_id, "desc_id"), soci::use(v.description_en, "desc_en"), soci::use(v.openapi, "openapi"),
        soci::use(v.timeout_ms, "timeout"), soci::use(v.rate_per_minute, "rate"),
        soci::use(v.max_body_bytes, "max_body"), soci::use(v.data_class, "class"), soci::use(open, "open"),
        soci::use(v.keep_bodies_days, "keep"), soci::use(v.status, "status"), soci::use(v.updated_at, "at"),
        soci::use(id, "id");
  }
  void SetProviderUrl(soci::session& s, std::int64_t id, const std::string& url,
                      const std::string& now) const override {
    long long key = id;
    s << kSetProviderUrl, soci::use(url, "url"), soci::use(now, "at"), soci::use(key, "id");
  }
  std::optional<ServiceRow> ServiceById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kServiceColumns) + "WHERE v.id = :id", soci::use(key, "id"));
    return First<ServiceRow>(rows, ToService);
  }
  std::optional<ServiceRow> ServiceByCodes(soci::session& s, const std::string& member, const std::string& system,
                                           const std::string& code) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kServiceColumns) + "WHERE m.code = :member AND y.code = :system AND v.code = :code",
         soci::use(member, "member"), soci::use(system, "system"), soci::use(code, "code"));
    return First<ServiceRow>(rows, ToService);
  }
  std::vector<ServiceRow> SearchServices(soci::session& s, const std::string& words, int offset,
                                         int limit) const override {
    std::string w = Lower(words);
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kServiceColumns) + kSearchWhere +
                          "ORDER BY m.code, y.code, v.code LIMIT :limit OFFSET :offset",
         soci::use(w, "words"), soci::use(w, "words2"), soci::use(limit, "limit"), soci::use(offset, "offset"));
    return All<ServiceRow>(rows, ToService);
  }
  int CountServices(soci::session& s, const std::string& words) const override {
    std::string w = Lower(words);
    long long n = 0;
    s << std::string(
             "SELECT COUNT(*) FROM interop_services v JOIN interop_systems y ON y.id = v.system_id JOIN "
             "interop_members m ON m.node_id = y.node_id JOIN org_nodes n ON n.id = y.node_id ") +
             kSearchWhere,
        soci::use(w, "words"), soci::use(w, "words2"), soci::into(n);
    return static_cast<int>(n);
  }
  std::vector<ServiceRow> ServicesUnder(soci::session& s, const std::string& path) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kServiceColumns) + "WHERE n.path LIKE :path || '%' ORDER BY m.code, y.code, v.code",
         soci::use(path, "path"));
    return All<ServiceRow>(rows, ToService);
  }

  std::int64_t InsertGrant(soci::session& s, const GrantRow& g) const override {
    long long service = g.service_id, client = g.client_system_id, by = g.requested_by, decided_by = g.decided_by,
              id = 0;
    soci::indicator i_by = by ? soci::i_ok : soci::i_null, i_decided = decided_by ? soci::i_ok : soci::i_null,
                    i_at = g.decided_at.empty() ? soci::i_null : soci::i_ok;
    s << kInsertGrant, soci::use(service, "service"), soci::use(client, "client"), soci::use(g.status, "status"),
        soci::use(g.purpose, "purpose"), soci::use(g.legal_basis, "basis"), soci::use(by, i_by, "by"),
        soci::use(g.requested_at, "at"), soci::use(decided_by, i_decided, "decided_by"),
        soci::use(g.decided_at, i_at, "decided_at"), soci::use(g.reason, "reason"), soci::into(id);
    return id;
  }
  std::optional<GrantRow> GrantById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kGrantColumns) + "WHERE g.id = :id", soci::use(key, "id"));
    return First<GrantRow>(rows, ToGrant);
  }
  std::optional<GrantRow> OpenGrant(soci::session& s, std::int64_t service_id,
                                    std::int64_t client_system_id) const override {
    long long service = service_id, client = client_system_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kGrantColumns) +
                          "WHERE g.service_id = :service AND g.client_system_id = :client AND g.status IN "
                          "('requested', 'active') ORDER BY g.id DESC LIMIT 1",
         soci::use(service, "service"), soci::use(client, "client"));
    return First<GrantRow>(rows, ToGrant);
  }
  void DecideGrant(soci::session& s, const GrantRow& g) const override {
    long long id = g.id, by = g.decided_by;
    s << kDecideGrant, soci::use(g.status, "status"), soci::use(g.legal_basis, "basis"), soci::use(by, "by"),
        soci::use(g.decided_at, "at"), soci::use(g.reason, "reason"), soci::use(id, "id");
  }
  std::vector<GrantRow> GrantsTouching(soci::session& s, const std::string& path) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kGrantColumns) +
                          "WHERE pn.path LIKE :path || '%' OR cn.path LIKE :path2 || '%' ORDER BY g.id DESC LIMIT 500",
         soci::use(path, "path"), soci::use(path, "path2"));
    return All<GrantRow>(rows, ToGrant);
  }

  std::vector<KeyRow> Keys(soci::session& s) const override {
    soci::rowset<soci::row> rows = (s.prepare << std::string(kKeyColumns) + "ORDER BY created_at, key_id");
    return All<KeyRow>(rows, [](const soci::row& r) {
      return KeyRow{Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4)};
    });
  }
  void InsertKey(soci::session& s, const KeyRow& k) const override {
    s << kInsertKey, soci::use(k.key_id, "id"), soci::use(k.public_key, "public"), soci::use(k.secret_sealed, "sealed"),
        soci::use(k.created_at, "at");
  }

  std::int64_t AppendLog(soci::session& s, LogRow& e) const override {
    s << kTakeHead, soci::into(e.prev_hash);
    e.hash = LogChainHash(e, e.prev_hash);
    long long client = e.client_system_id, service = e.service_id, duration = e.duration_us,
              req_bytes = e.request_bytes, res_bytes = e.response_bytes, id = 0;
    soci::indicator i_keep = e.keep_until.empty() ? soci::i_null : soci::i_ok;
    s << kInsertLog, soci::use(e.request_id, "rid"), soci::use(e.at, "at"), soci::use(client, "client"),
        soci::use(service, "service"), soci::use(e.end_user, "user"), soci::use(e.method, "method"),
        soci::use(e.path, "path"), soci::use(e.status, "status"), soci::use(duration, "duration"),
        soci::use(req_bytes, "req_bytes"), soci::use(res_bytes, "res_bytes"), soci::use(e.request_digest, "req_digest"),
        soci::use(e.response_digest, "res_digest"), soci::use(e.outcome, "outcome"),
        soci::use(e.bodies_sealed, "sealed"), soci::use(e.keep_until, i_keep, "keep"), soci::use(e.prev_hash, "prev"),
        soci::use(e.hash, "hash"), soci::into(id);
    s << kSetHead, soci::use(e.hash, "hash");
    e.id = id;
    return id;
  }
  std::vector<LogRow> Log(soci::session& s, const LogFilter& f) const override {
    long long service = f.service_id, before = f.before_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kLogColumns) +
                          "LEFT JOIN org_nodes cn ON cn.id = cy.node_id LEFT JOIN org_nodes pn ON pn.id = py.node_id "
                          "WHERE (cn.path LIKE :path || '%' OR pn.path LIKE :path2 || '%') AND (:service = 0 OR "
                          "l.service_id = :service2) AND (:before = 0 OR l.id < :before2) ORDER BY l.id DESC LIMIT "
                          ":limit",
         soci::use(f.node_path, "path"), soci::use(f.node_path, "path2"), soci::use(service, "service"),
         soci::use(service, "service2"), soci::use(before, "before"), soci::use(before, "before2"),
         soci::use(f.limit, "limit"));
    return All<LogRow>(rows, ToLog);
  }
  std::optional<LogRow> LogByRequestId(soci::session& s, const std::string& request_id) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kLogColumns) + "WHERE l.request_id = :rid", soci::use(request_id, "rid"));
    return First<LogRow>(rows, ToLog);
  }
  std::vector<LogRow> LogFrom(soci::session& s, std::int64_t after_id, int limit) const override {
    long long after = after_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kLogColumns) + "WHERE l.id > :after ORDER BY l.id LIMIT :limit",
         soci::use(after, "after"), soci::use(limit, "limit"));
    return All<LogRow>(rows, ToLog);
  }
  void LockLog(soci::session& s) const override { s << kLockHead; }
  std::int64_t DirectoryGeneration(soci::session& s) const override {
    long long n = 0;
    s << "SELECT n FROM interop_directory_generation WHERE id = 1", soci::into(n);
    return n;
  }
  std::string LogHead(soci::session& s) const override {
    std::string head;
    s << kReadHead, soci::into(head);
    return head;
  }
  ServiceFigures Figures(soci::session& s, std::int64_t service_id, const std::string& since,
                         int sample) const override {
    ServiceFigures f;
    long long service = service_id, calls = 0, errors = 0;
    s << "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status >= 500 OR outcome <> 'answered' THEN 1 ELSE 0 END), 0) "
         "FROM interop_log WHERE service_id = :service AND at >= :since",
        soci::use(service, "service"), soci::use(since, "since"), soci::into(calls), soci::into(errors);
    f.calls = calls;
    f.errors = errors;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT duration_us FROM interop_log WHERE service_id = :service AND at >= :since AND outcome = "
                      "'answered' ORDER BY id DESC LIMIT :sample",
         soci::use(service, "service"), soci::use(since, "since"), soci::use(sample, "sample"));
    for (const auto& r : rows) f.durations_us.push_back(Int64(r, 0));
    return f;
  }
  void InsertAnchor(soci::session& s, const AnchorRow& a) const override {
    long long entry = a.entry_id;
    s << kInsertAnchor, soci::use(a.anchored_at, "at"), soci::use(entry, "entry"), soci::use(a.head_hash, "head"),
        soci::use(a.key_id, "key"), soci::use(a.signature, "sig");
  }
  int PurgeBodies(soci::session& s, const std::string& now) const override {
    soci::statement st = (s.prepare << "UPDATE interop_log SET bodies_sealed = '' WHERE keep_until IS NOT NULL AND "
                                       "keep_until < :now AND bodies_sealed <> ''",
                          soci::use(now, "now"));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
  }
  std::vector<AnchorRow> Anchors(soci::session& s, int limit) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kAnchorColumns) + "ORDER BY id DESC LIMIT :limit", soci::use(limit, "limit"));
    return All<AnchorRow>(rows, [](const soci::row& r) {
      return AnchorRow{Int64(r, 0), Text(r, 1), Int64(r, 2), Text(r, 3), Text(r, 4), Text(r, 5)};
    });
  }
  BusFigures BusFiguresOf(soci::session& s, const std::string& node_path, const std::string& from,
                          const std::string& to) const override {
    BusFigures f;
    // Paths are digits and slashes: the prefix is a plain LIKE pattern.
    std::string prefix = node_path + "%";
    s << "SELECT COUNT(*) FROM interop_systems sy JOIN org_nodes n ON n.id = sy.node_id WHERE n.path LIKE :p",
        soci::use(prefix, "p"), soci::into(f.systems);
    s << "SELECT COUNT(*) FROM interop_services sv JOIN interop_systems sy ON sy.id = sv.system_id JOIN org_nodes n "
         "ON n.id = sy.node_id WHERE sv.status = 'active' AND n.path LIKE :p",
        soci::use(prefix, "p"), soci::into(f.services_provided);
    s << "SELECT COUNT(DISTINCT g.service_id) FROM interop_grants g JOIN interop_systems sy ON sy.id = "
         "g.client_system_id JOIN org_nodes n ON n.id = sy.node_id WHERE g.status = 'active' AND n.path LIKE :p",
        soci::use(prefix, "p"), soci::into(f.services_used);
    s << "SELECT COUNT(*) FROM interop_log l JOIN interop_systems sy ON sy.id = l.client_system_id JOIN org_nodes n "
         "ON n.id = sy.node_id WHERE l.at >= :from AND l.at < :to AND n.path LIKE :p",
        soci::use(from, "from"), soci::use(to, "to"), soci::use(prefix, "p"), soci::into(f.calls_as_client);
    s << "SELECT COUNT(*) FROM interop_log l JOIN interop_services sv ON sv.id = l.service_id JOIN interop_systems "
         "sy ON sy.id = sv.system_id JOIN org_nodes n ON n.id = sy.node_id WHERE l.at >= :from AND l.at < :to AND "
         "n.path LIKE :p",
        soci::use(from, "from"), soci::use(to, "to"), soci::use(prefix, "p"), soci::into(f.calls_as_provider);
    return f;
  }
};

}  // namespace

std::unique_ptr<InteropStore> MakeSqlInteropStore() { return std::make_unique<SqlInteropStore>(); }

}  // namespace spbe::interop
