#pragma once
/// HTTP Message Signatures (RFC 9421) with Ed25519 and Content-Digest (RFC 9530), as the bus signs every request it
/// forwards to a provider and as a provider (the agency simulator, or any agency's system) checks them. Only what
/// the bus uses is implemented: derived components @method, @target-uri, @authority, @path, @query; header fields
/// by lowercase name; the parameters created, expires, keyid, alg, nonce and tag.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/crypto.hpp"
#include "platform/result.hpp"

namespace spbe::interop {

/// `sha-256=:<base64 of SHA-256(body)>:` (RFC 9530 section 2).
std::string ContentDigest(std::string_view body);
/// Whether a Content-Digest field value carries a sha-256 member equal to the body's digest. Other algorithms are
/// ignored; a field without sha-256 does not match.
bool ContentDigestMatches(std::string_view field, std::string_view body);

/// The request as signed and as checked: derived components come from these, header fields from `fields` (names in
/// lowercase, each at most once).
struct Message {
  std::string method;     // "POST"
  std::string scheme;     // "http" or "https"
  std::string authority;  // host[:port], lowercase
  std::string path;       // "/residents/3201"
  std::string query;      // "" or "?nik=1"
  std::vector<std::pair<std::string, std::string>> fields;
};

/// The parameters of one signature (RFC 9421 section 2.3).
struct SignatureParams {
  std::vector<std::string> components;  // e.g. "@method", "content-digest"
  std::optional<std::int64_t> created;
  std::optional<std::int64_t> expires;
  std::string keyid;
  std::string alg;  // "ed25519" when given
  std::string nonce;
  std::string tag;
};

/// The serialized inner list with its parameters: `("@method" "@path");created=1;keyid="k"`.
std::string SerializeParams(const SignatureParams& params);

/// The signature base (RFC 9421 section 2.5); an error names a component the message lacks.
Result<std::string> SignatureBase(const Message& message, const SignatureParams& params);

/// The two fields to add to the message: Signature-Input and Signature, under `label`.
struct SignatureFields {
  std::string input;      // label=("...");created=...
  std::string signature;  // label=:base64:
};
Result<SignatureFields> Sign(const Message& message, const SignatureParams& params, const crypto::SigningKey& key,
                             std::string_view label);

/// One signature read back from the Signature-Input and Signature fields.
struct ParsedSignature {
  std::string label;
  SignatureParams params;
  std::string signature;  // the raw bytes
};
/// Reads the signature under `label` (RFC 8941 dictionaries; only the shapes RFC 9421 uses). Errors say what is
/// wrong.
Result<ParsedSignature> ParseSignature(std::string_view signature_input, std::string_view signature,
                                       std::string_view label);

/// What a verifier demands beyond a good signature.
struct VerifyPolicy {
  std::vector<std::string> required;  // components that must be covered
  std::int64_t now = 0;               // unix seconds
  std::int64_t max_age = 300;         // created no older than this, nor this far in the future
};
/// Checks a message's signature under `label` with the public key found by keyid (32 bytes; nullopt when the keyid is
/// unknown). Returns the keyid that verified.
Result<std::string> Verify(const Message& message, std::string_view signature_input, std::string_view signature,
                           std::string_view label, const VerifyPolicy& policy,
                           const std::function<std::optional<std::string>(std::string_view keyid)>& public_key);

/// base64url without padding (JWK members), and back: the platform's.
using crypto::Base64Url;
using crypto::FromBase64Url;

}  // namespace spbe::interop
