#pragma once
/// Where the bus keeps its members, systems, services, grants, keys and message log (SQL in store_sql.cpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interop/model.hpp"

namespace soci {
class session;
}

namespace spbe::interop {

struct KeyRow {
  std::string key_id, public_key, secret_sealed, created_at, retired_at;
};

struct AnchorRow {
  std::int64_t id = 0;
  std::string anchored_at;
  std::int64_t entry_id = 0;
  std::string head_hash, key_id, signature;
};

/// Which exchanges a party sees: those of systems of members on or under `node_path`, as client or as provider.
struct LogFilter {
  std::string node_path;
  std::int64_t service_id = 0;  // 0: any
  std::int64_t before_id = 0;   // 0: newest first from the end
  int limit = 50;
};

/// Per-service figures over the log.
struct ServiceFigures {
  std::int64_t calls = 0, errors = 0;
  std::vector<std::int64_t> durations_us;  // of the most recent calls, for percentiles
};

class InteropStore {
 public:
  virtual ~InteropStore() = default;

  virtual std::optional<MemberRow> MemberOfNode(soci::session& s, std::int64_t node_id) const = 0;
  virtual std::optional<MemberRow> MemberByCode(soci::session& s, const std::string& code) const = 0;
  virtual void InsertMember(soci::session& s, const MemberRow& m) const = 0;

  virtual std::int64_t InsertSystem(soci::session& s, const SystemRow& r) const = 0;
  virtual std::optional<SystemRow> SystemById(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<SystemRow> SystemByCodes(soci::session& s, const std::string& member,
                                                 const std::string& code) const = 0;
  virtual std::optional<SystemRow> SystemByKey(soci::session& s, std::int64_t api_key_id) const = 0;
  /// Systems of members on or under the node path; all when the path is empty.
  virtual std::vector<SystemRow> SystemsUnder(soci::session& s, const std::string& path) const = 0;
  virtual void SetSystemKey(soci::session& s, std::int64_t system_id, std::int64_t api_key_id) const = 0;

  virtual std::int64_t InsertService(soci::session& s, const ServiceRow& r) const = 0;
  virtual void UpdateService(soci::session& s, const ServiceRow& r) const = 0;
  virtual void SetProviderUrl(soci::session& s, std::int64_t id, const std::string& url,
                              const std::string& now) const = 0;
  virtual std::optional<ServiceRow> ServiceById(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<ServiceRow> ServiceByCodes(soci::session& s, const std::string& member,
                                                   const std::string& system, const std::string& code) const = 0;
  /// Active services whose code, name or description holds `words` (empty: all), by member, system and code.
  virtual std::vector<ServiceRow> SearchServices(soci::session& s, const std::string& words, int offset,
                                                 int limit) const = 0;
  virtual int CountServices(soci::session& s, const std::string& words) const = 0;
  /// Services of systems of members on or under the node path (any status).
  virtual std::vector<ServiceRow> ServicesUnder(soci::session& s, const std::string& path) const = 0;

  virtual std::int64_t InsertGrant(soci::session& s, const GrantRow& g) const = 0;
  virtual std::optional<GrantRow> GrantById(soci::session& s, std::int64_t id) const = 0;
  /// The newest grant of the pair that is requested or active.
  virtual std::optional<GrantRow> OpenGrant(soci::session& s, std::int64_t service_id,
                                            std::int64_t client_system_id) const = 0;
  virtual void DecideGrant(soci::session& s, const GrantRow& g) const = 0;
  /// Grants where the provider's or the client's member is on or under the node path.
  virtual std::vector<GrantRow> GrantsTouching(soci::session& s, const std::string& path) const = 0;

  /// Moves whenever members, systems, services, grants or org nodes change, in any process (V019's triggers).
  virtual std::int64_t DirectoryGeneration(soci::session& s) const = 0;

  virtual std::vector<KeyRow> Keys(soci::session& s) const = 0;
  virtual void InsertKey(soci::session& s, const KeyRow& k) const = 0;

  /// Appends an entry: locks the chain's head, links the entry to it, and moves the head. Fills prev_hash and hash.
  virtual std::int64_t AppendLog(soci::session& s, LogRow& e) const = 0;
  virtual std::vector<LogRow> Log(soci::session& s, const LogFilter& f) const = 0;
  virtual std::optional<LogRow> LogByRequestId(soci::session& s, const std::string& request_id) const = 0;
  /// Entries in id order from `after_id`, at most `limit` (for verification in pages).
  virtual std::vector<LogRow> LogFrom(soci::session& s, std::int64_t after_id, int limit) const = 0;
  virtual std::string LogHead(soci::session& s) const = 0;
  /// Holds the chain's head until the unit of work ends (an anchor reads the newest entry and the head together).
  virtual void LockLog(soci::session& s) const = 0;
  virtual ServiceFigures Figures(soci::session& s, std::int64_t service_id, const std::string& since,
                                 int sample) const = 0;
  virtual void InsertAnchor(soci::session& s, const AnchorRow& a) const = 0;
  /// Drops the sealed bodies whose retention ended before `now` (the digests stay, and so does the chain).
  virtual int PurgeBodies(soci::session& s, const std::string& now) const = 0;
  virtual std::vector<AnchorRow> Anchors(soci::session& s, int limit) const = 0;
  /// How much the systems of a subtree (`node_path` and below) take part in the bus: services they provide, services
  /// they are granted, and calls as client and as provider in [from, to) (UTC text).
  virtual BusFigures BusFiguresOf(soci::session& s, const std::string& node_path, const std::string& from,
                                  const std::string& to) const = 0;
};

std::unique_ptr<InteropStore> MakeSqlInteropStore();

}  // namespace spbe::interop
