#pragma once
/// The service connection bus's plain data and rules (Sistem Penghubung Layanan, X-Road's model): members (agencies,
/// with a code unique on the bus), their information systems, the services those publish, the access a provider
/// grants a client system, and the message log's entries. Pure: tested without a database.

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace spbe::interop {

/// What a service carries (UU 27/2022): personal data needs a legal basis named in every grant, and is never open to
/// every member.
enum class DataClass { kPublic, kInternal, kPersonal };
std::string_view DataClassName(DataClass c);
std::optional<DataClass> ParseDataClass(std::string_view name);

enum class GrantStatus { kRequested, kActive, kRefused, kRevoked };
std::string_view GrantStatusName(GrantStatus s);
std::optional<GrantStatus> ParseGrantStatus(std::string_view name);

/// A member's, system's or service's code: 2 to 40 of a-z, 0-9 and '-', starting and ending with a letter or digit.
bool ValidCode(std::string_view code);

struct MemberRow {
  std::int64_t node_id = 0;
  std::string code, joined_at;
  std::string node_name, node_path;  // joined
};

struct SystemRow {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string code, name, owner_unit, contact;
  std::int64_t api_key_id = 0;  // 0: no credential yet
  std::string created_at;
  std::string member_code, node_name, node_path;  // joined
  std::string Address() const { return member_code + "/" + code; }
};

struct ServiceRow {
  std::int64_t id = 0;
  std::int64_t system_id = 0;
  std::string code, name_id, name_en, description_id, description_en, openapi, provider_url;
  int timeout_ms = 0, rate_per_minute = 0, max_body_bytes = 0;
  std::string data_class;
  bool open_to_all = false;
  int keep_bodies_days = 0;
  std::string status;  // active, withdrawn
  std::string created_at, updated_at;
  std::string member_code, system_code, system_name, node_name, node_path;  // joined
  std::int64_t node_id = 0;                                                 // joined
  std::string Address() const { return member_code + "/" + system_code + "/" + code; }
  const std::string& Name(std::string_view lang) const { return lang == "en" && !name_en.empty() ? name_en : name_id; }
  const std::string& Description(std::string_view lang) const {
    return lang == "en" && !description_en.empty() ? description_en : description_id;
  }
};

struct GrantRow {
  std::int64_t id = 0;
  std::int64_t service_id = 0, client_system_id = 0;
  std::string status, purpose, legal_basis;
  std::int64_t requested_by = 0;
  std::string requested_at;
  std::int64_t decided_by = 0;
  std::string decided_at, reason;
  std::string service_address, client_address;  // joined
  std::string provider_path, client_path;       // joined: the provider's and the client's node paths
};

struct LogRow {
  std::int64_t id = 0;
  std::string request_id, at;
  std::int64_t client_system_id = 0, service_id = 0;
  std::string end_user, method, path;
  int status = 0;
  std::int64_t duration_us = 0, request_bytes = 0, response_bytes = 0;
  std::string request_digest, response_digest, outcome, bodies_sealed, keep_until, prev_hash, hash;
  std::string client_address, service_address;  // joined
};

/// SHA-256 over every recorded field of an entry, each length-prefixed so no two entries join to the same text. The
/// sealed bodies are not in it (their digests are): they are dropped when their retention ends.
std::string LogEntryDigest(const LogRow& e);
/// The hash of a log entry given the previous one's: SHA-256 of "prev_hash|entry digest". A party's evidence shows the
/// entries after its own by digest only: the chain can be checked without seeing other parties' exchanges.
std::string LogChainHash(const LogRow& e, const std::string& prev_hash);

/// What a system is registered with.
struct SystemInput {
  std::string code, name, owner_unit, contact;
};
/// Field errors (names as the API's members) in the language given.
std::vector<FieldError> CheckSystem(const SystemInput& in, std::string_view lang);

/// What a service is published with (the provider URL is set apart, by a platform admin).
struct ServiceInput {
  std::string code, name_id, name_en, description_id, description_en;
  std::string openapi;  // JSON text
  int timeout_ms = 10000, rate_per_minute = 600, max_body_bytes = 1 << 20;
  std::string data_class = "internal";
  bool open_to_all = false;
  int keep_bodies_days = 0;
};
std::vector<FieldError> CheckService(const ServiceInput& in, std::string_view lang);

/// An OpenAPI document as a provider uploads it: JSON, at most 1 MB, an object with "openapi" 3.x, "info" with a
/// "title", and "paths". Returns the reason it is refused, in the language given, or nothing.
std::optional<std::string> CheckOpenApi(std::string_view text, std::string_view lang);

/// A provider URL: http or https, a host, no user name or password, no query or fragment (the bus appends the
/// caller's path and query). Returns the reason it is refused, or nothing.
std::optional<std::string> CheckProviderUrl(std::string_view url, std::string_view lang);

/// The part of a gateway path after the service: "/" when empty; refused when it holds a dot segment or a
/// backslash, so a client cannot climb out of the provider's base path.
std::optional<std::string> CleanCallPath(std::string_view rest);

/// An id as a page or a path carries it: the whole text a positive number, else 0 (which finds nothing).
std::int64_t ParseId(const std::string& text);

/// An end user's reference as a client states it (X-SPL-User): printable ASCII, at most 200 characters; nullopt when
/// not acceptable.
std::optional<std::string> CleanEndUser(std::string_view value);

/// An agency's part in the bus over a period (the SPBE evaluation's evidence for the service connection layer).
struct BusFigures {
  long long systems = 0, services_provided = 0, services_used = 0, calls_as_client = 0, calls_as_provider = 0;
};

}  // namespace spbe::interop
