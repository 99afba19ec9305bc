#pragma once
/// Hashing and randomness from libsodium. Call InitCrypto() once before anything else uses them.

#include <string>
#include <string_view>

namespace spbe::crypto {

/// Initialises libsodium; throws if the library cannot start (no randomness source).
void InitCrypto();

/// SHA-256 of the bytes, as 64 lowercase hex digits.
std::string Sha256Hex(std::string_view data);

/// `bytes` random bytes from the system CSPRNG, as lowercase hex.
std::string RandomHex(std::size_t bytes);

}  // namespace spbe::crypto
