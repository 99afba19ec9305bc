// What reaches a provider, or the bus, from anyone: Signature-Input and Signature fields (RFC 9421), Content-Digest
// (RFC 9530), a gateway call's path after the service, an end user's reference, and an uploaded OpenAPI document.
// The input is split at the first two newlines: signature input, signature, and the rest as a body.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "interop/model.hpp"
#include "interop/signature.hpp"
#include "platform/crypto.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static bool ready = [] {
    spbe::crypto::InitCrypto();
    return true;
  }();
  (void)ready;
  std::string input(reinterpret_cast<const char*>(data), size);
  auto first = input.find('\n');
  auto second = first == std::string::npos ? std::string::npos : input.find('\n', first + 1);
  std::string signature_input = input.substr(0, first);
  std::string signature = first == std::string::npos ? "" : input.substr(first + 1, second - first - 1);
  std::string body = second == std::string::npos ? "" : input.substr(second + 1);

  spbe::interop::Message m{"GET", "http", "127.0.0.1:8091", body, "", {{"content-digest", signature}}};
  spbe::interop::VerifyPolicy policy{{"@method"}, 1700000000, 300};
  static const std::string key(32, 'k');
  (void)spbe::interop::Verify(m, signature_input, signature, "spl", policy,
                              [](std::string_view) -> std::optional<std::string> { return key; });
  (void)spbe::interop::ParseSignature(signature_input, signature, "sig1");
  (void)spbe::interop::ContentDigestMatches(signature_input, body);
  (void)spbe::interop::CleanCallPath(input);
  (void)spbe::interop::CleanEndUser(input);
  (void)spbe::interop::CheckOpenApi(input, "id");
  (void)spbe::interop::CheckProviderUrl(input, "en");
  (void)spbe::interop::FromBase64Url(input);
  return 0;
}
