#pragma once
/// Passwords: Argon2id hashes (libsodium, self-describing strings) and the rules a new password must meet.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace spbe::password {

struct Params {
  unsigned long long ops;
  std::size_t mem_bytes;
};

/// Argon2id t=2, m=19 MiB, p=1: the OWASP minimum, about 30 ms per hash on the reference machine (see the closing
/// note of issue 4 for the measured figure), so a 2-core server can still answer tens of sign-ins a second.
inline constexpr Params kDefault{2, 19u << 20};

inline constexpr std::size_t kMinLength = 10;
inline constexpr std::size_t kMaxLength = 128;

std::string Hash(std::string_view password, Params params = kDefault);
bool Verify(std::string_view hash, std::string_view password);
/// True when the hash was made with other parameters than `params` (rehash after a successful sign-in).
bool NeedsRehash(std::string_view hash, Params params = kDefault);

/// Why `candidate` is refused as a new password, in `lang`, or nullopt when it is acceptable: too short or long,
/// a common password, or containing one of the person's own identifiers (e-mail name, NIK, phone).
std::optional<std::string> Weakness(std::string_view candidate, std::string_view lang,
                                    std::initializer_list<std::string_view> personal = {});

}  // namespace spbe::password
