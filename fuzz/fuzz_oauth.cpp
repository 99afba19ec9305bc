// What reaches the single sign-on endpoints from anyone: an Authorization: Basic header, scope and prompt lists, a
// redirect address offered at registration, a PKCE verifier and challenge, a row id in a path, and an ID token hint
// (a compact JWS, read apart and checked against an RS256 key and, when it names one, a JWK of the input's own).
// The input is split at the first newline: the first line goes to the header and list parsers, all of it to the rest.
#include <cstddef>
#include <cstdint>
#include <string>

#include "platform/crypto.hpp"
#include "platform/pki.hpp"
#include "sso/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const spbe::pki::RsaPublic key = [] {
    spbe::crypto::InitCrypto();
    auto pem = spbe::pki::NewRsaKey(2048);
    if (!pem.ok()) return spbe::pki::RsaPublic{};
    auto pub = spbe::pki::RsaPublicOf(*pem);
    return pub.ok() ? *pub : spbe::pki::RsaPublic{};
  }();
  std::string input(reinterpret_cast<const char*>(data), size);
  std::string line = input.substr(0, input.find('\n'));

  (void)spbe::sso::ParseBasic(line);
  auto scopes = spbe::sso::SplitScope(line);
  (void)spbe::sso::JoinScope(scopes);
  (void)spbe::sso::Covers(spbe::sso::SplitScope(input), scopes);
  (void)spbe::sso::SplitLines(input);
  (void)spbe::sso::RedirectUriProblem(line);
  if (spbe::sso::ValidVerifier(line)) (void)spbe::sso::ValidChallenge(spbe::sso::S256(line));
  (void)spbe::sso::ValidChallenge(line);
  (void)spbe::sso::ParseRowId(line);
  if (auto jws = spbe::sso::ParseCompactJws(input)) {
    (void)spbe::pki::VerifyRs256(key, jws->signing_input, jws->signature);
    // A key the token carries itself (never trusted by the provider; here only to reach the verifier with odd keys).
    const auto* n = jws->header.if_contains("n");
    const auto* e = jws->header.if_contains("e");
    if (n && e && n->is_string() && e->is_string()) {
      auto nb = spbe::crypto::FromBase64Url(n->as_string());
      auto eb = spbe::crypto::FromBase64Url(e->as_string());
      if (nb && eb) (void)spbe::pki::VerifyRs256({*nb, *eb}, jws->signing_input, jws->signature);
    }
    const auto* x = jws->header.if_contains("x");
    if (x && x->is_string()) {
      if (auto xb = spbe::crypto::FromBase64Url(x->as_string())) {
        (void)spbe::crypto::VerifySignature(*xb, jws->signing_input, jws->signature);
      }
    }
  }
  return 0;
}
