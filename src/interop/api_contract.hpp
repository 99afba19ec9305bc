#pragma once
/// The bus API's bodies and answers, described once (http/contract.hpp), and their making from the rows.

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/contract.hpp"
#include "interop/model.hpp"
#include "interop/service.hpp"

namespace spbe::interop {

struct SystemBody {
  std::int64_t node_id = 0;
  std::optional<std::string> member_code;
  std::string code;
  std::string name;
  std::optional<std::string> owner_unit;
  std::optional<std::string> contact;
  static boost::json::object Notes() {
    return {{"node_id", {{"description", "the agency (a node of the tree) the system belongs to"}}},
            {"member_code",
             {{"description", "the agency's code on the bus, when this is its first system (2-40 of a-z, 0-9, -)"}}},
            {"code", {{"description", "the system's code within the agency (2-40 of a-z, 0-9, -)"}}},
            {"name", {{"maxLength", 120}}},
            {"owner_unit", {{"maxLength", 120}, {"description", "the unit that runs it"}}},
            {"contact", {{"maxLength", 200}, {"description", "who to call when it misbehaves"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(SystemBody, (), (node_id, member_code, code, name, owner_unit, contact))

struct SystemOut {
  std::int64_t id = 0;
  std::string address;
  std::string member_code;
  std::string code;
  std::string name;
  std::string owner_unit;
  std::string contact;
  std::int64_t node_id = 0;
  std::string agency;
  bool has_key = false;
  std::string created_at;
  static boost::json::object Notes() {
    return {{"address", {{"description", "member/system, as X-SPL-Client names it"}}},
            {"has_key", {{"description", "whether a credential has been issued"}}},
            {"created_at", {{"format", "date-time"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(SystemOut, (),
                      (id, address, member_code, code, name, owner_unit, contact, node_id, agency, has_key, created_at))

struct KeyOut {
  SystemOut system;
  std::string key;
  static boost::json::object Notes() {
    return {{"key", {{"description", "send as Authorization: Bearer <key>; shown once, kept only as a hash"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(KeyOut, (), (system, key))

struct ServiceBody {
  std::optional<std::string> code;
  std::string name_id;
  std::optional<std::string> name_en;
  std::optional<std::string> description_id;
  std::optional<std::string> description_en;
  boost::json::object openapi;
  std::optional<std::int64_t> timeout_ms;
  std::optional<std::int64_t> rate_per_minute;
  std::optional<std::int64_t> max_body_bytes;
  std::string data_class;
  std::optional<bool> open_to_all;
  std::optional<std::int64_t> keep_bodies_days;
  std::optional<bool> withdrawn;
  static boost::json::object Notes() {
    return {{"code", {{"description", "the service's code within the system; required when publishing, kept after"}}},
            {"openapi", {{"description", "the provider's OpenAPI 3.x document"}}},
            {"timeout_ms", {{"minimum", 100}, {"maximum", 60000}, {"description", "default 10000"}}},
            {"rate_per_minute", {{"minimum", 1}, {"maximum", 100000}, {"description", "per client; default 600"}}},
            {"max_body_bytes", {{"minimum", 1}, {"maximum", 10485760}, {"description", "each way; default 1 MiB"}}},
            {"data_class",
             {{"enum", {"public", "internal", "personal"}},
              {"description", "personal: personal data (UU 27/2022); every grant names its legal basis"}}},
            {"open_to_all", {{"description", "any member's system may call it without a grant (not personal)"}}},
            {"keep_bodies_days", {{"minimum", 0}, {"maximum", 3650}, {"description", "0: the log keeps digests only"}}},
            {"withdrawn", {{"description", "on change: take it out of the directory and refuse its calls"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ServiceBody, (),
                      (code, name_id, name_en, description_id, description_en, openapi, timeout_ms, rate_per_minute,
                       max_body_bytes, data_class, open_to_all, keep_bodies_days, withdrawn))

struct ServiceOut {
  std::int64_t id = 0;
  std::string address;
  std::string member_code;
  std::string system_code;
  std::string code;
  std::string name_id;
  std::string name_en;
  std::string description_id;
  std::string description_en;
  std::string agency;
  std::string system_name;
  std::string data_class;
  bool open_to_all = false;
  std::int64_t timeout_ms = 0;
  std::int64_t rate_per_minute = 0;
  std::int64_t max_body_bytes = 0;
  std::int64_t keep_bodies_days = 0;
  std::string status;
  bool connected = false;
  std::string call_path;
  http::contract::Nullable<std::string> provider_url;
  static boost::json::object Notes() {
    return {{"address", {{"description", "member/system/service"}}},
            {"data_class", {{"enum", {"public", "internal", "personal"}}}},
            {"status", {{"enum", {"active", "withdrawn"}}}},
            {"connected", {{"description", "whether a provider URL is set"}}},
            {"call_path", {{"description", "where clients call it: /interop/v1/call/<address>/..."}}},
            {"provider_url", {{"description", "shown only to the provider's and the platform's admins"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ServiceOut, (),
                      (id, address, member_code, system_code, code, name_id, name_en, description_id, description_en,
                       agency, system_name, data_class, open_to_all, timeout_ms, rate_per_minute, max_body_bytes,
                       keep_bodies_days, status, connected, call_path, provider_url))

struct DirectoryOut {
  std::vector<ServiceOut> items;
  std::int64_t total = 0;
  std::int64_t page = 1;
};
BOOST_DESCRIBE_STRUCT(DirectoryOut, (), (items, total, page))

struct HealthOut {
  std::int64_t calls_24h = 0;
  std::int64_t errors_24h = 0;
  std::int64_t p50_ms = 0;
  std::int64_t p95_ms = 0;
  std::string last_outcome;
  static boost::json::object Notes() {
    return {
        {"last_outcome", {{"description", "answered, refused, unreachable, timeout ...; empty when never called"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(HealthOut, (), (calls_24h, errors_24h, p50_ms, p95_ms, last_outcome))

struct ServiceDetailOut {
  ServiceOut service;
  boost::json::object openapi;
  HealthOut health;
};
BOOST_DESCRIBE_STRUCT(ServiceDetailOut, (), (service, openapi, health))

struct ProviderUrlBody {
  std::string provider_url;
  static boost::json::object Notes() { return {{"provider_url", {{"maxLength", 500}, {"format", "uri"}}}}; }
};
BOOST_DESCRIBE_STRUCT(ProviderUrlBody, (), (provider_url))

struct GrantBody {
  std::int64_t service_id = 0;
  std::int64_t client_system_id = 0;
  std::string purpose;
  std::optional<std::string> legal_basis;
  static boost::json::object Notes() {
    return {{"purpose", {{"maxLength", 1000}}},
            {"legal_basis", {{"maxLength", 500}, {"description", "required for personal data (UU 27/2022)"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(GrantBody, (), (service_id, client_system_id, purpose, legal_basis))

struct GrantOut {
  std::int64_t id = 0;
  std::int64_t service_id = 0;
  std::string service;
  std::int64_t client_system_id = 0;
  std::string client;
  std::string status;
  std::string purpose;
  std::string legal_basis;
  std::string requested_at;
  std::string decided_at;
  std::string reason;
  static boost::json::object Notes() {
    return {{"status", {{"enum", {"requested", "active", "refused", "revoked"}}}},
            {"requested_at", {{"format", "date-time"}}},
            {"decided_at", {{"description", "empty until decided"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(GrantOut, (),
                      (id, service_id, service, client_system_id, client, status, purpose, legal_basis, requested_at,
                       decided_at, reason))

struct DecisionBody {
  bool approve = false;
  std::optional<std::string> reason;
  static boost::json::object Notes() {
    return {{"reason", {{"maxLength", 1000}, {"description", "required when refusing"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(DecisionBody, (), (approve, reason))

struct RevokeBody {
  std::string reason;
  static boost::json::object Notes() { return {{"reason", {{"minLength", 1}, {"maxLength", 1000}}}}; }
};
BOOST_DESCRIBE_STRUCT(RevokeBody, (), (reason))

struct LogEntryOut {
  std::int64_t id = 0;
  std::string request_id;
  std::string at;
  std::string client;
  std::string service;
  std::string end_user;
  std::string method;
  std::string path;
  std::int64_t status = 0;
  std::string outcome;
  std::int64_t duration_us = 0;
  std::int64_t request_bytes = 0;
  std::int64_t response_bytes = 0;
  std::string request_sha256;
  std::string response_sha256;
  std::string prev_hash;
  std::string hash;
  static boost::json::object Notes() {
    return {
        {"status", {{"description", "the provider's status; 0 when it gave none"}}},
        {"outcome",
         {{"enum", {"answered", "refused", "rate_limited", "too_large", "unreachable", "refused_address", "timeout"}}}},
        {"hash", {{"description", "SHA-256 over prev_hash and the entry's fields (interop/model.hpp)"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(LogEntryOut, (),
                      (id, request_id, at, client, service, end_user, method, path, status, outcome, duration_us,
                       request_bytes, response_bytes, request_sha256, response_sha256, prev_hash, hash))

struct AnchorOut {
  std::string anchored_at;
  std::int64_t entry_id = 0;
  std::string head_hash;
  std::string key_id;
  std::string signature;
  static boost::json::object Notes() {
    return {{"signature", {{"description", "base64 Ed25519 over spbe-interop-anchor|anchored_at|entry_id|head_hash"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(AnchorOut, (), (anchored_at, entry_id, head_hash, key_id, signature))

/// A later entry of the chain as evidence shows it: its digest and links, never another party's exchange.
struct ChainLinkOut {
  std::int64_t id = 0;
  std::string entry_digest;
  std::string prev_hash;
  std::string hash;
  static boost::json::object Notes() {
    return {{"entry_digest", {{"description", "SHA-256 of the entry's fields (interop/model.hpp LogEntryDigest)"}}},
            {"hash", {{"description", "SHA-256 of prev_hash|entry_digest"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ChainLinkOut, (), (id, entry_digest, prev_hash, hash))

struct EvidenceOut {
  LogEntryOut entry;
  std::string entry_digest;
  std::string receipt;
  std::vector<ChainLinkOut> chain;
  http::contract::Nullable<AnchorOut> anchor;
  boost::json::object keys;
  static boost::json::object Notes() {
    return {{"receipt", {{"description", "the bus's signed statement of the exchange (JWS, EdDSA)"}}},
            {"chain", {{"description", "the links after this entry up to the anchor that pins them"}}},
            {"anchor", {{"description", "null until the log is next anchored"}}},
            {"keys", {{"description", "the bus's JWKS, to check the receipt and the anchor"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(EvidenceOut, (), (entry, entry_digest, receipt, chain, anchor, keys))

SystemOut SystemOutOf(const SystemRow& s);
/// `manager`: the provider URL is shown (the caller manages the service).
ServiceOut ServiceOutOf(const ServiceRow& s, bool manager);
HealthOut HealthOutOf(const ServiceHealth& h);
GrantOut GrantOutOf(const GrantRow& g);
LogEntryOut LogEntryOutOf(const LogRow& r);
ServiceBody ExampleService();
GrantBody ExampleGrant();
boost::json::object JwksSchema();

}  // namespace spbe::interop
