#pragma once
/// Networks written as CIDRs ("10.0.0.0/8", "2001:db8::/32", or one address), for settings such as the reverse
/// proxies whose X-Forwarded-For is believed.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spbe {

struct Cidr {
  std::array<unsigned char, 16> bytes{};  // IPv4 as an IPv4-mapped IPv6 address
  int bits = 128;                         // prefix length over those 16 bytes
};

/// "a, b/n, ..." (empty: no networks); nullopt when any item is not an address or CIDR.
std::optional<std::vector<Cidr>> ParseCidrList(std::string_view text);
/// Whether the text is one IPv4 or IPv6 address.
bool ValidIpAddress(std::string_view address);
/// What the limits count an address under: an IPv4 address as it is; an IPv6 address by its /64 (one subscriber's
/// network: the rest of the address is theirs to vary); anything else as written, at most 64 characters.
std::string AddressKey(std::string_view address);
/// Whether `address` (IPv4 or IPv6 text, as a peer address is printed) lies in one of the networks.
bool InAnyNetwork(const std::vector<Cidr>& networks, std::string_view address);

}  // namespace spbe
