#pragma once
/// Hashing and randomness from libsodium. Call InitCrypto() once before anything else uses them.

#include <optional>
#include <string>
#include <string_view>

namespace spbe::crypto {

/// Initialises libsodium; throws if the library cannot start (no randomness source).
void InitCrypto();

/// SHA-256 of the bytes, as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

/// `bytes` random bytes from the system CSPRNG, as lowercase hex.
std::string RandomHex(std::size_t bytes);

/// Standard base64 (with padding), and back; nullopt for text that is not base64.
std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);
/// base64url without padding (JWS, JWK members, PKCE), and back; nullopt for text that is not base64url.
std::string Base64Url(std::string_view bytes);
std::optional<std::string> FromBase64Url(std::string_view text);
/// `bytes` random bytes from the system CSPRNG, as base64url (tokens, codes, secrets).
std::string RandomToken(std::size_t bytes = 32);
/// SHA-256 of `data`, raw 32 bytes.
std::string Sha256(std::string_view data);

/// An Ed25519 signing key (64 bytes as libsodium keeps it), wiped from memory when destroyed.
class SigningKey {
 public:
  static SigningKey Generate();
  /// From the 64 secret bytes; nullopt when the size is wrong.
  static std::optional<SigningKey> FromBytes(std::string_view secret);
  /// From a 32-byte seed (RFC 8032's private key, as PKCS#8 and JWK carry it); nullopt when the size is wrong.
  static std::optional<SigningKey> FromSeed(std::string_view seed);
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  SigningKey(SigningKey&& o) noexcept;
  SigningKey& operator=(SigningKey&& o) noexcept;
  ~SigningKey();

  /// The 32 public bytes.
  std::string PublicKey() const;
  /// The 64 secret bytes, for sealing at rest; handle with care.
  const std::string& Secret() const { return secret_; }
  /// The 64-byte detached signature of `message`.
  std::string Sign(std::string_view message) const;

 private:
  SigningKey() = default;
  std::string secret_;
};

/// A signing key kept in a file (base64 of the 64 secret bytes, mode 0600), created when missing. For keys that
/// belong to an outside party played locally (the bank simulator); the platform's own keys are sealed at rest.
std::optional<SigningKey> LoadOrCreateKeyFile(const std::string& path);

/// Whether `signature` (64 bytes) is `public_key`'s (32 bytes) signature of exactly these bytes.
bool VerifySignature(std::string_view public_key, std::string_view message, std::string_view signature);

/// fsync of a file or directory by path (a directory after a rename makes the new name durable).
bool SyncFile(const std::string& path);

}  // namespace spbe::crypto
