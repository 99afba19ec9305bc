#pragma once
/// Use cases of the service connection bus: agencies join as members and register their systems (each with its own
/// credential); systems publish services to the directory; providers grant client systems access (or a client asks
/// and the provider decides); the gateway forwards a client's call to the provider, signed, and logs the exchange
/// before answering; each party reads its own exchanges and takes evidence of one away.

#include <boost/json/object.hpp>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "interop/directory_cache.hpp"
#include "interop/metrics.hpp"
#include "interop/model.hpp"
#include "interop/ports.hpp"
#include "interop/store.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/crypto.hpp"
#include "platform/limits.hpp"
#include "platform/pii.hpp"
#include "storage/database.hpp"

namespace spbe::interop {

struct Options {
  std::string public_url;              // the bus's own address, for receipts and the JWKS
  int max_in_flight_per_service = 16;  // calls waiting on one provider at once: half the server's workers
};

struct NewSystem {
  std::int64_t node_id = 0;
  std::string member_code;  // needed when the node is not yet a member; else ignored
  SystemInput system;
};

struct IssuedKey {
  SystemRow system;
  std::string key;  // shown once
};

struct DirectoryPage {
  std::vector<ServiceRow> items;
  int total = 0;
};

struct ServiceHealth {
  std::int64_t calls = 0, errors = 0;  // over the last 24 hours
  std::int64_t p50_us = 0, p95_us = 0;
  std::string last_status;  // "" when never called
};

/// A call as the gateway received it.
struct CallRequest {
  std::string member, system, service;  // the provider's address
  std::string method, path, query;      // path after the service ("/" when none), query with its "?"
  std::vector<std::pair<std::string, std::string>> headers;  // as sent, names lowercase
  std::string body;
  std::string request_id;
};

/// What the gateway answers: the provider's reply, or the bus's own problem, with the exchange's id and receipt.
struct CallAnswer {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string receipt;                  // X-SPL-Receipt
  std::optional<Error> problem;         // the bus refused or the provider failed: answered as problem+json
  std::string client, service_address;  // for metrics
  std::string provider_agency;          // the providing agency's name (a form's note of where data came from)
  std::int64_t duration_us = 0;
};

/// One exchange as evidence: the entry, its receipt, and the chain from it to the newest anchor (or the head).
struct Evidence {
  LogRow entry;
  std::string receipt;
  std::vector<LogRow> chain;  // entries after it, up to the anchor that pins them (at most 1000)
  std::optional<AnchorRow> anchor;
};

struct LogCheck {
  std::int64_t entries = 0;
  std::optional<std::int64_t> first_bad;
  std::string reason;
  int anchors = 0;
};

/// Walks the whole message log: each entry's hash from its fields and its predecessor's, and each anchor's signature
/// by the bus key it names (spbe interop verify-log).
Result<LogCheck> VerifyLog(storage::Database& db, const InteropStore& store);

class InteropService {
 public:
  InteropService(storage::Database& db, const InteropStore& store, org::OrgService& org, Credentials& credentials,
                 Forwarder& forwarder, const PiiVault& vault, Limiter& limiter, Clock clock, Options options);

  /// Whether the actor administers the agency at `node_path` on the bus (its systems, services and grants).
  bool Manages(const access::Actor& actor, const std::string& node_path) const;

  // ---- Members and systems (members.cpp) ----
  Result<SystemRow> RegisterSystem(const access::Actor& actor, const NewSystem& in, std::string_view lang);
  /// The systems of members the actor manages (all of them for a platform admin at the root).
  Result<std::vector<SystemRow>> SystemsOf(const access::Actor& actor);
  Result<SystemRow> System(const access::Actor& actor, std::int64_t id, std::string_view lang);
  /// A new credential for the system; the old one stops working at once.
  Result<IssuedKey> IssueKey(const access::Actor& actor, std::int64_t system_id, std::string_view lang);
  /// The system an `interop` API key is bound to (the gateway's caller).
  std::optional<SystemRow> SystemOfKey(const access::Actor& caller);

  // ---- Services and the directory (directory.cpp) ----
  Result<ServiceRow> Publish(const access::Actor& actor, std::int64_t system_id, const ServiceInput& in,
                             std::string_view lang);
  Result<ServiceRow> Update(const access::Actor& actor, std::int64_t service_id, const ServiceInput& in, bool withdrawn,
                            std::string_view lang);
  /// Where the bus forwards: a platform admin's decision, checked against the allowed networks when it is an address.
  Result<ServiceRow> SetProviderUrl(const access::Actor& actor, std::int64_t service_id, std::string_view url,
                                    std::string_view lang);
  Result<DirectoryPage> Directory(std::string_view words, int page, int per_page = 20);
  Result<ServiceRow> PublicService(std::string_view member, std::string_view system, std::string_view code,
                                   std::string_view lang);
  Result<ServiceRow> ServiceById(std::int64_t id, std::string_view lang);
  Result<std::vector<ServiceRow>> ServicesOf(const access::Actor& actor);
  Result<ServiceHealth> Health(std::int64_t service_id);
  /// A subtree's part in the bus over [from, to) (UTC text): figures only, for the SPBE evaluation's evidence.
  Result<BusFigures> FiguresOf(const std::string& node_path, const std::string& from, const std::string& to);
  /// This platform's own API as a provider in the directory: the root node's member, its system `portal` and the
  /// service `api-v1` with the live OpenAPI document, forwarded to `<public_url>/api/v1` (reachable only when an
  /// admin allows this host's network). Made on the first start with a tree; the document kept current after.
  /// Returns the service's address, or an empty string when there is no tree yet.
  Result<std::string> PublishPlatformApi(const std::string& openapi);

  // ---- Access rights (grants.cpp) ----
  /// A client's admin asks; the provider's admin decides.
  Result<GrantRow> RequestAccess(const access::Actor& actor, std::int64_t service_id, std::int64_t client_system_id,
                                 std::string_view purpose, std::string_view legal_basis, std::string_view lang);
  /// The provider's admin grants directly (active at once).
  Result<GrantRow> Grant(const access::Actor& actor, std::int64_t service_id, std::int64_t client_system_id,
                         std::string_view purpose, std::string_view legal_basis, std::string_view lang);
  Result<GrantRow> Decide(const access::Actor& actor, std::int64_t grant_id, bool approve, std::string_view reason,
                          std::string_view lang);
  Result<GrantRow> Revoke(const access::Actor& actor, std::int64_t grant_id, std::string_view reason,
                          std::string_view lang);
  /// Grants where the actor manages the provider or the client.
  Result<std::vector<GrantRow>> Grants(const access::Actor& actor);

  // ---- The gateway (gateway.cpp) ----
  CallAnswer Call(const access::Actor& caller, const CallRequest& request, std::string_view lang);
  /// A form's prefill (once only): GET `path` of the service as this platform's own system (`<root member>/portal`,
  /// which needs a grant like any client), for `end_user`, logged like every exchange. The provider's JSON answer,
  /// or why there is none (kUnavailable when it cannot be reached or is not connected, kNotFound when it does not
  /// know the value, kForbidden without a grant).
  struct FormAnswer {
    boost::json::object answer;
    std::string agency;  // who holds the data, for the form's note
  };
  Result<FormAnswer> FetchForForm(const std::string& service_address, const std::string& path,
                                  const std::string& end_user, std::string_view lang);

  /// The gateway's figures, for /metrics.
  std::string MetricsText() const;
  void Observe(const std::string& client, const std::string& service, int status, double seconds) {
    metrics_.Observe(client, service, status, seconds);
  }

  // ---- Keys and the message log (log.cpp) ----
  /// The bus's public keys as a JWKS (RFC 7517, OKP Ed25519), the newest first.
  Result<boost::json::object> Jwks();
  Result<std::vector<LogRow>> Log(const access::Actor& actor, std::int64_t service_id, std::int64_t before_id,
                                  int limit);
  Result<Evidence> EvidenceOf(const access::Actor& actor, std::string_view request_id, std::string_view lang);
  /// Signs the log's head now with the bus's key (spbe interop anchor; and each day by the sweep).
  Result<AnchorRow> AnchorNow();
  Result<std::optional<AnchorRow>> AnchorIfDue();
  /// Drops the bodies kept past their service's retention (the sweep, each minute).
  Result<int> PurgeExpiredBodies();
  /// Walks the whole log: each entry's hash from its fields and its predecessor's, and each anchor's signature.
  Result<LogCheck> VerifyLog();

 private:
  struct BusKey {
    std::string key_id;
    std::string public_key;
    std::optional<crypto::SigningKey> secret;
  };
  const BusKey& CurrentKey();
  CallAnswer Exchange(const SystemRow& client, const CallRequest& request, std::string_view lang);
  /// The node paths of the actor's grants where it manages the bus or reads its log (its lists are read per path).
  std::vector<std::string> PathsOf(const access::Actor& actor) const;
  Result<GrantRow> Conclude(const access::Actor& actor, std::int64_t grant_id, GrantStatus from, GrantStatus to,
                            std::string_view reason, std::string_view lang);
  ForwardResult SendSigned(const ServiceRow& service, const SystemRow& client, const CallRequest& request,
                           const std::string& path, const std::string& end_user);
  /// Calls in flight to one provider, capped (Options::max_in_flight_per_service) so that a slow provider holds at
  /// most half of the workers.
  struct InFlight {
    InFlight(InteropService& bus, std::int64_t service);
    ~InFlight();
    InFlight(const InFlight&) = delete;
    InFlight& operator=(const InFlight&) = delete;
    InteropService& bus;
    std::int64_t service;
    bool admitted = false;
  };
  bool ReadsLog(const access::Actor& actor, const std::string& node_path) const;
  Result<SystemRow> ManagedSystem(const access::Actor& actor, std::int64_t system_id, std::string_view lang);
  Result<GrantRow> NewGrant(const access::Actor& actor, std::int64_t service_id, std::int64_t client_system_id,
                            std::string_view purpose, std::string_view legal_basis, bool active, std::string_view lang);
  std::string Receipt(const LogRow& entry, const std::string& client, const std::string& service);
  std::string Now() const;

  storage::Database& db_;
  const InteropStore& store_;
  org::OrgService& org_;
  Credentials& credentials_;
  Forwarder& forwarder_;
  const PiiVault& vault_;
  Limiter& limiter_;
  Clock clock_;
  Options options_;
  CallMetrics metrics_;
  DirectoryCache directory_{store_};
  std::mutex inflight_mu_;
  std::map<std::int64_t, int> inflight_;
  std::mutex key_mu_;
  std::optional<BusKey> key_;
  std::optional<BusKey> unsaved_;  // made when the database refused it; replaced on the next use
};

}  // namespace spbe::interop
