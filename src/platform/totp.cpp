#include "platform/totp.hpp"

#include <sodium.h>

#include <array>
#include <cstdio>
#include <cstring>

namespace spbe::totp {
namespace {

std::uint32_t Rol(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

// SHA-1 (FIPS 180-4). Used only inside HMAC for TOTP, where its collision weakness does not matter.
std::array<unsigned char, 20> Sha1(std::string_view data) {
  std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
  std::string msg(data);
  std::uint64_t bits = static_cast<std::uint64_t>(data.size()) * 8;
  msg += static_cast<char>(0x80);
  while (msg.size() % 64 != 56) msg += '\0';
  for (int i = 7; i >= 0; --i) msg += static_cast<char>((bits >> (i * 8)) & 0xff);
  for (std::size_t chunk = 0; chunk < msg.size(); chunk += 64) {
    std::uint32_t w[80];
    for (int i = 0; i < 16; ++i) {
      const auto* p = reinterpret_cast<const unsigned char*>(msg.data() + chunk + i * 4);
      w[i] = (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) | p[3];
    }
    for (int i = 16; i < 80; ++i) w[i] = Rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int i = 0; i < 80; ++i) {
      std::uint32_t f, k;
      if (i < 20) {
        f = (b & c) | (~b & d);
        k = 0x5A827999;
      } else if (i < 40) {
        f = b ^ c ^ d;
        k = 0x6ED9EBA1;
      } else if (i < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8F1BBCDC;
      } else {
        f = b ^ c ^ d;
        k = 0xCA62C1D6;
      }
      std::uint32_t t = Rol(a, 5) + f + e + k + w[i];
      e = d;
      d = c;
      c = Rol(b, 30);
      b = a;
      a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
  }
  std::array<unsigned char, 20> out{};
  for (int i = 0; i < 5; ++i) {
    for (int j = 0; j < 4; ++j)
      out[static_cast<std::size_t>(i * 4 + j)] = static_cast<unsigned char>(h[i] >> (24 - 8 * j));
  }
  return out;
}

}  // namespace

std::string HmacSha1(std::string_view key, std::string_view message) {
  std::string k(key);
  if (k.size() > 64) {
    auto d = Sha1(k);
    k.assign(reinterpret_cast<const char*>(d.data()), d.size());
  }
  k.resize(64, '\0');
  std::string inner(64, '\0'), outer(64, '\0');
  for (int i = 0; i < 64; ++i) {
    inner[static_cast<std::size_t>(i)] = static_cast<char>(k[static_cast<std::size_t>(i)] ^ 0x36);
    outer[static_cast<std::size_t>(i)] = static_cast<char>(k[static_cast<std::size_t>(i)] ^ 0x5c);
  }
  auto ih = Sha1(inner + std::string(message));
  auto oh = Sha1(outer + std::string(reinterpret_cast<const char*>(ih.data()), ih.size()));
  return std::string(reinterpret_cast<const char*>(oh.data()), oh.size());
}

std::string Hotp(std::string_view secret, std::uint64_t counter, int digits) {
  std::string msg(8, '\0');
  for (int i = 7; i >= 0; --i) {
    msg[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xff);
    counter >>= 8;
  }
  std::string mac = HmacSha1(secret, msg);
  int offset = mac[19] & 0x0f;
  auto byte = [&](int i) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(mac[static_cast<std::size_t>(i)]));
  };
  std::uint32_t bin =
      ((byte(offset) & 0x7f) << 24) | (byte(offset + 1) << 16) | (byte(offset + 2) << 8) | byte(offset + 3);
  std::uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(bin % mod);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::string CodeAt(std::string_view secret, std::int64_t unix_seconds, int digits) {
  return Hotp(secret, static_cast<std::uint64_t>(unix_seconds / 30), digits);
}

bool Verify(std::string_view secret, std::string_view code, std::int64_t unix_seconds) {
  if (code.size() != 6) return false;
  bool ok = false;
  for (int drift = -1; drift <= 1; ++drift) {
    std::string expected = CodeAt(secret, unix_seconds + drift * 30);
    ok |= sodium_memcmp(expected.data(), code.data(), 6) == 0;  // constant time, every window checked
  }
  return ok;
}

std::string NewSecret() {
  std::string s(20, '\0');
  randombytes_buf(s.data(), s.size());
  return s;
}

std::string Base32(std::string_view bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::string FromBase32(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == '=' || ch == ' ') continue;
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
    if (v < 0) return {};
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

std::string ProvisioningUri(std::string_view issuer, std::string_view account, std::string_view secret) {
  auto enc = [](std::string_view s) {
    std::string o;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '@') {
        o += static_cast<char>(c);
      } else {
        char b[4];
        std::snprintf(b, sizeof b, "%%%02X", c);
        o += b;
      }
    }
    return o;
  };
  return "otpauth://totp/" + enc(issuer) + ":" + enc(account) + "?secret=" + Base32(secret) + "&issuer=" + enc(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace spbe::totp
