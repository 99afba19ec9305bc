#pragma once
/// The platform's own public-key infrastructure, on OpenSSL from Debian: ECDSA P-256 keys, a self-signed root
/// certificate authority, the certificates it issues to agencies, and detached CMS signatures in the CAdES form PAdES
/// puts in a PDF. Keys and certificates travel as PEM text; the callers seal private keys before storing them.

#include <string>
#include <string_view>
#include <vector>

#include "platform/clock.hpp"
#include "platform/result.hpp"

namespace spbe::pki {

/// A new ECDSA P-256 private key, PEM (PKCS#8): made in microseconds (an RSA key takes a tenth of a second to
/// seconds, for every agency of a seeded tree), and checked by the PDF readers people use (Adobe, poppler/NSS).
Result<std::string> NewKey();

struct Subject {
  std::string common_name;   // "Dinas Penanaman Modal dan PTSP"
  std::string organization;  // "Pemerintah Kabupaten Labuhanbatu"
  std::string country = "ID";
};

/// A self-signed root: CA:TRUE (critical), keyCertSign and cRLSign, valid from `now` for `years`.
Result<std::string> SelfSignedRoot(const std::string& key_pem, const Subject& subject, int years, TimePoint now);

/// A certificate for the public half of `subject_key_pem`, signed by the root: CA:FALSE, digitalSignature and
/// nonRepudiation, valid from `now` for `years` (never past the root's own end).
Result<std::string> Issue(const std::string& ca_cert_pem, const std::string& ca_key_pem,
                          const std::string& subject_key_pem, const Subject& subject, int years, TimePoint now);

/// A detached CMS SignedData over `data` (DER): SHA-256 with the key's algorithm, the signer's certificate and `chain`,
/// and the signed attributes PAdES baseline B-B asks for (content-type, message-digest, ESS signing-certificate-v2; no
/// signing-time: the time is the PDF signature dictionary's /M).
Result<std::string> SignDetached(std::string_view data, const std::string& cert_pem, const std::string& key_pem,
                                 const std::vector<std::string>& chain_pems);

/// Whether `cms_der` is a valid detached signature over `data` by a certificate that chains to `root_pem`.
bool VerifyDetached(std::string_view cms_der, std::string_view data, const std::string& root_pem);

/// The subject's common name of a PEM certificate; "" when it cannot be read.
std::string CommonName(const std::string& cert_pem);
/// The certificate's SHA-256 fingerprint, upper-case hex in pairs separated by ':'.
std::string Fingerprint(const std::string& cert_pem);

/// A new RSA private key of `bits` bits, PEM (PKCS#8), for RS256 signatures (OpenID Connect's required algorithm).
Result<std::string> NewRsaKey(int bits = 2048);

/// The public modulus and exponent of an RSA private key, big-endian bytes without leading zeros (a JWK's n and e).
struct RsaPublic {
  std::string n, e;
};
Result<RsaPublic> RsaPublicOf(const std::string& key_pem);

/// RSASSA-PKCS1-v1_5 with SHA-256 (JWS RS256) over `data`.
Result<std::string> SignRs256(const std::string& key_pem, std::string_view data);
/// Whether `signature` is an RS256 signature over `data` by the public key (n, e).
bool VerifyRs256(const RsaPublic& key, std::string_view data, std::string_view signature);

}  // namespace spbe::pki
