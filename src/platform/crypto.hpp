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

/// fsync of a file or directory by path (a directory after a rename makes the new name durable).
bool SyncFile(const std::string& path);

}  // namespace spbe::crypto
