#pragma once
/// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the format every authenticator
/// app reads from an otpauth:// URI.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace spbe::totp {

/// HMAC-SHA1 (RFC 2104) of `message` under `key`, 20 raw bytes. libsodium has no SHA-1, and TOTP needs it.
std::string HmacSha1(std::string_view key, std::string_view message);

/// The code for step counter `counter` (RFC 4226 HOTP) with `digits` digits.
std::string Hotp(std::string_view secret, std::uint64_t counter, int digits = 6);

/// The code valid at `unix_seconds`.
std::string CodeAt(std::string_view secret, std::int64_t unix_seconds, int digits = 6);

/// True when `code` matches the step of `unix_seconds` or one step either side (clock drift of a phone).
bool Verify(std::string_view secret, std::string_view code, std::int64_t unix_seconds);

/// A new random 20-byte secret.
std::string NewSecret();

/// RFC 4648 base32 without padding, as authenticator apps take secrets.
std::string Base32(std::string_view bytes);

/// Decodes RFC 4648 base32 (case-insensitive, padding and spaces ignored); empty on a bad character.
std::string FromBase32(std::string_view text);

/// otpauth://totp/<issuer>:<account>?secret=...&issuer=...
std::string ProvisioningUri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace spbe::totp
