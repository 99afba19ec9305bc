#include "platform/cidr.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>

namespace spbe {
namespace {

// IPv4 becomes ::ffff:a.b.c.d, so one comparison serves both families.
std::optional<std::array<unsigned char, 16>> ParseAddress(std::string_view text, bool* v4) {
  std::string s(text);
  std::array<unsigned char, 16> out{};
  in_addr a4{};
  if (inet_pton(AF_INET, s.c_str(), &a4) == 1) {
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, &a4, 4);
    *v4 = true;
    return out;
  }
  in6_addr a6{};
  if (inet_pton(AF_INET6, s.c_str(), &a6) == 1) {
    std::memcpy(out.data(), &a6, 16);
    *v4 = false;
    return out;
  }
  return std::nullopt;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<std::vector<Cidr>> ParseCidrList(std::string_view text) {
  std::vector<Cidr> out;
  while (!Trim(text).empty()) {
    auto comma = text.find(',');
    std::string_view item = Trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.empty()) return std::nullopt;
    auto slash = item.find('/');
    bool v4 = false;
    auto bytes = ParseAddress(item.substr(0, slash), &v4);
    if (!bytes) return std::nullopt;
    int bits = v4 ? 32 : 128;
    if (slash != std::string_view::npos) {
      std::string_view digits = item.substr(slash + 1);
      auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (digits.empty() || ec != std::errc() || p != digits.data() + digits.size() || bits < 0 ||
          bits > (v4 ? 32 : 128)) {
        return std::nullopt;
      }
    }
    out.push_back({*bytes, v4 ? bits + 96 : bits});
  }
  return out;
}

bool ValidIpAddress(std::string_view address) {
  bool v4 = false;
  return address.size() <= 64 && ParseAddress(address, &v4).has_value();
}

std::string AddressKey(std::string_view address) {
  bool v4 = false;
  auto bytes = ParseAddress(address, &v4);
  if (!bytes || v4) return std::string(address.substr(0, 64));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", (*bytes)[0], (*bytes)[1], (*bytes)[2],
                (*bytes)[3], (*bytes)[4], (*bytes)[5], (*bytes)[6], (*bytes)[7]);
  return buf;
}

bool InAnyNetwork(const std::vector<Cidr>& networks, std::string_view address) {
  bool v4 = false;
  auto bytes = ParseAddress(address, &v4);
  if (!bytes) return false;
  for (const auto& n : networks) {
    int full = n.bits / 8, rest = n.bits % 8;
    if (std::memcmp(bytes->data(), n.bytes.data(), static_cast<std::size_t>(full)) != 0) continue;
    if (rest != 0) {
      unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
      if (((*bytes)[full] & mask) != (n.bytes[full] & mask)) continue;
    }
    return true;
  }
  return false;
}

}  // namespace spbe
