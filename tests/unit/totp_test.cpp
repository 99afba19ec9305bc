#include "platform/totp.hpp"

#include <gtest/gtest.h>

namespace spbe::totp {
namespace {

// RFC 6238 appendix B, SHA-1 rows (8 digits), secret "12345678901234567890".
TEST(Totp, MatchesTheRfc6238TestVectors) {
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(CodeAt(secret, 59, 8), "94287082");
  EXPECT_EQ(CodeAt(secret, 1111111109, 8), "07081804");
  EXPECT_EQ(CodeAt(secret, 1111111111, 8), "14050471");
  EXPECT_EQ(CodeAt(secret, 1234567890, 8), "89005924");
  EXPECT_EQ(CodeAt(secret, 2000000000, 8), "69279037");
  EXPECT_EQ(CodeAt(secret, 20000000000, 8), "65353130");
}

// RFC 4226 appendix D: HOTP values for counters 0..2.
TEST(Totp, MatchesTheRfc4226HotpVectors) {
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(Hotp(secret, 0), "755224");
  EXPECT_EQ(Hotp(secret, 1), "287082");
  EXPECT_EQ(Hotp(secret, 2), "359152");
}

TEST(Totp, AcceptsOneStepOfDriftEitherWayAndNoMore) {
  const std::string secret = "12345678901234567890";
  std::int64_t now = 1700000000;
  EXPECT_TRUE(Verify(secret, CodeAt(secret, now), now));
  EXPECT_TRUE(Verify(secret, CodeAt(secret, now - 30), now));
  EXPECT_TRUE(Verify(secret, CodeAt(secret, now + 30), now));
  EXPECT_FALSE(Verify(secret, CodeAt(secret, now - 90), now));
  EXPECT_FALSE(Verify(secret, "12345", now));
}

TEST(Totp, Base32AndTheProvisioningUri) {
  EXPECT_EQ(Base32("foobar"), "MZXW6YTBOI");  // RFC 4648 test vector, without padding
  EXPECT_EQ(FromBase32("MZXW6YTBOI"), "foobar");
  EXPECT_EQ(FromBase32("mzxw 6ytb oi======"), "foobar");
  EXPECT_EQ(FromBase32("M1"), "");
  auto uri = ProvisioningUri("SPBE Terpadu", "kepala@demo.go.id", "12345678901234567890");
  EXPECT_EQ(uri.rfind("otpauth://totp/SPBE%20Terpadu:kepala@demo.go.id?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 0), 0u)
      << uri;
}

}  // namespace
}  // namespace spbe::totp
