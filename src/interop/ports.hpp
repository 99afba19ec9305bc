#pragma once
/// What the bus needs from other capabilities, declared here as small interfaces it receives in its constructor; the
/// composition root (src/app/wiring.hpp) implements them with identity, and the forwarder with libcurl.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "access/access.hpp"
#include "platform/result.hpp"

namespace spbe::interop {

/// A system's credential: an API key with the `interop` scope, bound to the system's member node, shown once and kept
/// only as a hash (identity's API keys).
class Credentials {
 public:
  struct Issued {
    std::int64_t key_id = 0;
    std::string key;  // shown once
  };
  virtual ~Credentials() = default;
  virtual Result<Issued> Issue(const access::Actor& by, std::int64_t node_id, const std::string& name,
                               std::string_view lang) = 0;
  virtual Status Revoke(const access::Actor& by, std::int64_t key_id, std::string_view lang) = 0;
};

/// One request forwarded to a provider, and what came back.
struct Forward {
  std::string method, url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int timeout_ms = 10000;
  std::size_t max_response_bytes = 1 << 20;
};
struct Forwarded {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // lowercase names
  std::string body;
};
/// Why nothing usable came back.
enum class ForwardFailure { kUnreachable, kTimeout, kTooLarge, kRefusedAddress };
struct ForwardResult {
  std::optional<Forwarded> reply;
  ForwardFailure failure = ForwardFailure::kUnreachable;
  std::string detail;
};

/// The bus's HTTP client to providers: keeps connections alive, follows no redirect, connects only to addresses in
/// the allowed networks.
class Forwarder {
 public:
  virtual ~Forwarder() = default;
  virtual ForwardResult Send(const Forward& request) = 0;
};

}  // namespace spbe::interop
