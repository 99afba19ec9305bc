#pragma once
/// Personal data at rest (UU 27/2022): values such as NIK and phone are sealed with XChaCha20-Poly1305 under a key
/// kept in a file outside the database, and found again by a keyed hash (blind index) of their exact value.

#include <array>
#include <string>
#include <string_view>

#include "platform/result.hpp"

namespace spbe {

class PiiVault {
 public:
  /// Reads the key file, or creates it (mode 0600, 64 random bytes) when it does not exist yet.
  static Result<PiiVault> OpenOrCreate(const std::string& key_file);
  ~PiiVault();
  PiiVault(PiiVault&&) noexcept;
  PiiVault& operator=(PiiVault&&) noexcept;
  PiiVault(const PiiVault&) = delete;

  /// base64 of nonce || ciphertext || tag; a fresh random nonce each time.
  std::string Seal(std::string_view plaintext) const;
  /// The plaintext, or kInternal when the value was altered or sealed under another key.
  Result<std::string> Open(std::string_view sealed) const;
  /// Hex keyed BLAKE2b of the value, for exact lookup without decrypting.
  std::string Index(std::string_view plaintext) const;

 private:
  PiiVault() = default;
  std::array<unsigned char, 32> seal_key_{};
  std::array<unsigned char, 32> index_key_{};
};

}  // namespace spbe
