// HTTP Message Signatures and Content-Digest against the RFCs' own examples, and what a verifier refuses.
#include "interop/signature.hpp"

#include <gtest/gtest.h>

#include "platform/crypto.hpp"

namespace spbe::interop {
namespace {

std::string Unhex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

// RFC 9421 appendix B.1.4, test-key-ed25519: the seed inside its PKCS#8 private key.
crypto::SigningKey TestKey() {
  crypto::InitCrypto();
  return *crypto::SigningKey::FromSeed(Unhex("9f8362f87a484a954e6e740c5b4c0e84229139a20aa8ab56ff66586f6a7d29c5"));
}

// RFC 9421 appendix B.2 test request.
Message TestRequest() {
  Message m;
  m.method = "POST";
  m.scheme = "https";
  m.authority = "example.com";
  m.path = "/foo";
  m.query = "?param=Value&Pet=dog";
  m.fields = {{"date", "Tue, 20 Apr 2021 02:07:55 GMT"},
              {"content-type", "application/json"},
              {"content-digest",
               "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:"},
              {"content-length", "18"}};
  return m;
}

SignatureParams B26Params() {
  SignatureParams p;
  p.components = {"date", "@method", "@path", "@authority", "content-type", "content-length"};
  p.created = 1618884473;
  p.keyid = "test-key-ed25519";
  return p;
}

TEST(InteropSignature, SignsTheRfc9421Ed25519ExampleByteForByte) {
  auto key = TestKey();
  auto base = SignatureBase(TestRequest(), B26Params());
  ASSERT_TRUE(base.ok()) << base.error().detail;
  EXPECT_EQ(
      *base,
      "\"date\": Tue, 20 Apr 2021 02:07:55 GMT\n\"@method\": POST\n\"@path\": /foo\n\"@authority\": example.com\n"
      "\"content-type\": application/json\n\"content-length\": 18\n\"@signature-params\": (\"date\" \"@method\" "
      "\"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"");
  auto fields = Sign(TestRequest(), B26Params(), key, "sig-b26");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(
      fields->input,
      "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;"
      "keyid=\"test-key-ed25519\"");
  EXPECT_EQ(fields->signature,
            "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:");
}

TEST(InteropSignature, ContentDigestIsTheRfc9530Example) {
  crypto::InitCrypto();
  EXPECT_EQ(ContentDigest("{\"hello\": \"world\"}"), "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
  EXPECT_TRUE(ContentDigestMatches("sha-512=:abc=:, sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:",
                                   "{\"hello\": \"world\"}"));
  EXPECT_FALSE(ContentDigestMatches(ContentDigest("{\"hello\": \"world\"}"), "{\"hello\": \"World\"}"));
  EXPECT_FALSE(ContentDigestMatches(
      "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
      "{\"hello\": \"world\"}"))
      << "only sha-256 is checked";
  EXPECT_FALSE(ContentDigestMatches("", ""));
}

struct Verifier {
  std::string public_key = TestKey().PublicKey();
  VerifyPolicy policy{{"@method", "@path"}, 1618884473 + 10, 300};
  Result<std::string> operator()(const Message& m, const std::string& input, const std::string& signature) const {
    return Verify(m, input, signature, "sig-b26", policy, [this](std::string_view keyid) -> std::optional<std::string> {
      if (keyid == "test-key-ed25519") return public_key;
      return std::nullopt;
    });
  }
};

TEST(InteropSignature, AVerifierAcceptsTheSignedMessageAndNothingChanged) {
  auto key = TestKey();
  auto fields = *Sign(TestRequest(), B26Params(), key, "sig-b26");
  Verifier verify;
  auto ok = verify(TestRequest(), fields.input, fields.signature);
  ASSERT_TRUE(ok.ok()) << ok.error().detail;
  EXPECT_EQ(*ok, "test-key-ed25519");
  // The RFC's own fields, as another implementation would send them, among other signatures.
  EXPECT_TRUE(
      verify(TestRequest(), "other=(\"@method\");created=1, " + fields.input, "other=:AAAA:, " + fields.signature)
          .ok());

  Message changed = TestRequest();
  changed.path = "/fop";
  EXPECT_FALSE(verify(changed, fields.input, fields.signature).ok()) << "another path";
  changed = TestRequest();
  changed.fields[3].second = "19";
  EXPECT_FALSE(verify(changed, fields.input, fields.signature).ok()) << "a covered field changed";
  changed = TestRequest();
  changed.fields.pop_back();
  EXPECT_FALSE(verify(changed, fields.input, fields.signature).ok()) << "a covered field missing";

  std::string tampered = fields.signature;
  tampered[12] = tampered[12] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify(TestRequest(), fields.input, tampered).ok());
  std::string later = fields.input;
  later.replace(later.find("1618884473"), 10, "1618884474");
  EXPECT_FALSE(verify(TestRequest(), later, fields.signature).ok()) << "the parameters are signed too";
}

TEST(InteropSignature, AVerifierRefusesOldUnknownUncoveredAndMalformed) {
  auto key = TestKey();
  auto fields = *Sign(TestRequest(), B26Params(), key, "sig-b26");
  Verifier verify;
  verify.policy.now = 1618884473 + 301;
  EXPECT_FALSE(verify(TestRequest(), fields.input, fields.signature).ok()) << "too old";
  verify.policy.now = 1618884473 - 301;
  EXPECT_FALSE(verify(TestRequest(), fields.input, fields.signature).ok()) << "from the future";

  Verifier strict;
  strict.policy.required.push_back("content-digest");
  auto refused = strict(TestRequest(), fields.input, fields.signature);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().detail.find("content-digest"), std::string::npos);

  SignatureParams other = B26Params();
  other.keyid = "someone-else";
  auto foreign = *Sign(TestRequest(), other, key, "sig-b26");
  EXPECT_FALSE(Verifier{}(TestRequest(), foreign.input, foreign.signature).ok()) << "unknown key";

  SignatureParams rsa = B26Params();
  rsa.alg = "rsa-pss-sha512";
  auto wrong_alg = *Sign(TestRequest(), rsa, key, "sig-b26");
  EXPECT_FALSE(Verifier{}(TestRequest(), wrong_alg.input, wrong_alg.signature).ok());

  for (const char* input : {"", "sig-b26", "sig-b26=", "sig-b26=(", "sig-b26=(\"@method\"", "sig-b26=(@method)",
                            "sig-b26=(\"@method\";req);created=1", "sig-b26=(\"@method\");created=x",
                            "sig-b26=(\"@method\");created=1618884473;keyid=unquoted",
                            "sig-b26=(\"@method\" \"@nonsense\");created=1618884473;keyid=\"test-key-ed25519\"",
                            "sig-b26=(\"@method\" \"@method\");created=1618884473;keyid=\"test-key-ed25519\"",
                            "sig-b26=(\"Date\");created=1618884473;keyid=\"test-key-ed25519\"",
                            "sig-b26=(\"@method\");created=99999999999999999999"}) {
    EXPECT_FALSE(Verifier{}(TestRequest(), input, fields.signature).ok()) << input;
  }
  for (const char* sig : {"", "sig-b26=", "sig-b26=::", "sig-b26=:not base64!:", "sig-b26=abc"}) {
    EXPECT_FALSE(Verifier{}(TestRequest(), fields.input, sig).ok()) << sig;
  }
}

TEST(InteropSignature, Base64UrlRoundTripsWithoutPadding) {
  crypto::InitCrypto();
  EXPECT_EQ(Base64Url(std::string("\xfb\xff", 2)), "-_8");
  EXPECT_EQ(FromBase64Url("-_8"), std::string("\xfb\xff", 2));
  EXPECT_FALSE(FromBase64Url("+/8=").has_value());
}

}  // namespace
}  // namespace spbe::interop
