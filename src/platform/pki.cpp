#include "platform/pki.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace spbe::pki {
namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    Free(p);
  }
};
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;
using Cms = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo_free>>;
using Bn = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
struct CertStackFree {
  void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};
using CertStack = std::unique_ptr<STACK_OF(X509), CertStackFree>;

Error Failed(std::string_view what) { return Error::Of(ErrorCode::kInternal, "OpenSSL: " + std::string(what)); }

Bio MemoryOf(std::string_view bytes) { return Bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size()))); }

std::string Drain(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

Key ReadKey(const std::string& pem) {
  Bio in = MemoryOf(pem);
  return Key(in ? PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr) : nullptr);
}

Cert ReadCert(const std::string& pem) {
  Bio in = MemoryOf(pem);
  return Cert(in ? PEM_read_bio_X509(in.get(), nullptr, nullptr, nullptr) : nullptr);
}

std::string CertPem(X509* x) {
  Bio out(BIO_new(BIO_s_mem()));
  if (!out || PEM_write_bio_X509(out.get(), x) != 1) return {};
  return Drain(out.get());
}

bool SetName(X509_NAME* name, const Subject& s) {
  auto add = [&](const char* field, const std::string& value) {
    return value.empty() ||
           X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.data()),
                                      static_cast<int>(value.size()), -1, 0) == 1;
  };
  return add("C", s.country) && add("O", s.organization) && add("CN", s.common_name);
}

bool AddExtension(X509* x, X509V3_CTX* ctx, int nid, const char* value) {
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
  if (!ext) return false;
  bool ok = X509_add_ext(x, ext, -1) == 1;
  X509_EXTENSION_free(ext);
  return ok;
}

// A certificate with a random 127-bit serial, valid from `now` for `years` (capped at `not_after` when given).
Cert NewCertificate(EVP_PKEY* subject_key, const Subject& subject, int years, TimePoint now,
                    const ASN1_TIME* not_after = nullptr) {
  Cert x(X509_new());
  Bn serial(BN_new());
  if (!x || !serial || X509_set_version(x.get(), 2) != 1 ||
      BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(x.get()))) {
    return nullptr;
  }
  std::time_t start = std::chrono::system_clock::to_time_t(now) - 300;  // a few minutes for clocks that lag
  std::time_t end = start + static_cast<std::time_t>(years) * 365 * 24 * 3600;
  if (!ASN1_TIME_set(X509_getm_notBefore(x.get()), start) || !ASN1_TIME_set(X509_getm_notAfter(x.get()), end)) {
    return nullptr;
  }
  if (not_after && ASN1_TIME_compare(X509_get0_notAfter(x.get()), not_after) > 0 &&
      !X509_set1_notAfter(x.get(), not_after)) {
    return nullptr;
  }
  if (!SetName(X509_get_subject_name(x.get()), subject) || X509_set_pubkey(x.get(), subject_key) != 1) return nullptr;
  return x;
}

// The DER of a SET OF the signer's signed attributes, in DER order: what the signature covers.
std::string SignedAttributesDer(CMS_SignerInfo* si) {
  std::vector<std::string> items;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    unsigned char* der = nullptr;
    int n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &der);
    if (n <= 0) return {};
    items.emplace_back(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
    OPENSSL_free(der);
  }
  std::sort(items.begin(), items.end(), [](const std::string& a, const std::string& b) {
    int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
    return c != 0 ? c < 0 : a.size() < b.size();
  });
  std::string body;
  for (const auto& i : items) body += i;
  std::string out(1, '\x31');
  if (body.size() < 0x80) {
    out += static_cast<char>(body.size());
  } else {
    std::string len;
    for (std::size_t n = body.size(); n > 0; n >>= 8) len.insert(len.begin(), static_cast<char>(n & 0xff));
    out += static_cast<char>(0x80 | len.size());
    out += len;
  }
  return out + body;
}

}  // namespace

Result<std::string> NewKey() {
  Key key(EVP_EC_gen("P-256"));
  if (!key) return Failed("key generation");
  Bio out(BIO_new(BIO_s_mem()));
  if (!out || PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return Failed("writing the key");
  }
  return Drain(out.get());
}

Result<std::string> SelfSignedRoot(const std::string& key_pem, const Subject& subject, int years, TimePoint now) {
  Key key = ReadKey(key_pem);
  if (!key) return Failed("reading the root key");
  Cert x = NewCertificate(key.get(), subject, years, now);
  if (!x || !SetName(X509_get_issuer_name(x.get()), subject)) return Failed("building the root certificate");
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, x.get(), x.get(), nullptr, nullptr, 0);
  if (!AddExtension(x.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE") ||
      !AddExtension(x.get(), &ctx, NID_key_usage, "critical,keyCertSign,cRLSign") ||
      !AddExtension(x.get(), &ctx, NID_subject_key_identifier, "hash") ||
      X509_sign(x.get(), key.get(), EVP_sha256()) <= 0) {
    return Failed("signing the root certificate");
  }
  return CertPem(x.get());
}

Result<std::string> Issue(const std::string& ca_cert_pem, const std::string& ca_key_pem,
                          const std::string& subject_key_pem, const Subject& subject, int years, TimePoint now) {
  Cert ca = ReadCert(ca_cert_pem);
  Key ca_key = ReadKey(ca_key_pem), key = ReadKey(subject_key_pem);
  if (!ca || !ca_key || !key) return Failed("reading the authority or the agency's key");
  Cert x = NewCertificate(key.get(), subject, years, now, X509_get0_notAfter(ca.get()));
  if (!x || X509_set_issuer_name(x.get(), X509_get_subject_name(ca.get())) != 1) {
    return Failed("building the certificate");
  }
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, ca.get(), x.get(), nullptr, nullptr, 0);
  if (!AddExtension(x.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE") ||
      !AddExtension(x.get(), &ctx, NID_key_usage, "critical,digitalSignature,nonRepudiation") ||
      !AddExtension(x.get(), &ctx, NID_subject_key_identifier, "hash") ||
      !AddExtension(x.get(), &ctx, NID_authority_key_identifier, "keyid:always") ||
      X509_sign(x.get(), ca_key.get(), EVP_sha256()) <= 0) {
    return Failed("signing the certificate");
  }
  return CertPem(x.get());
}

Result<std::string> SignDetached(std::string_view data, const std::string& cert_pem, const std::string& key_pem,
                                 const std::vector<std::string>& chain_pems) {
  Cert cert = ReadCert(cert_pem);
  Key key = ReadKey(key_pem);
  if (!cert || !key) return Failed("reading the signer's certificate or key");
  CertStack chain(sk_X509_new_null());
  if (!chain) return Failed("allocating");
  for (const auto& pem : chain_pems) {
    Cert c = ReadCert(pem);
    if (!c || !sk_X509_push(chain.get(), c.get())) return Failed("reading the chain");
    c.release();
  }
  const unsigned flags = CMS_DETACHED | CMS_BINARY | CMS_NOSMIMECAP | CMS_PARTIAL;
  Cms cms(CMS_sign(nullptr, nullptr, chain.get(), nullptr, flags));
  if (!cms) return Failed("starting the signature");
  // CAdES: the ESS signing-certificate-v2 attribute binds the certificate to the signature.
  CMS_SignerInfo* si =
      CMS_add1_signer(cms.get(), cert.get(), key.get(), EVP_sha256(), CMS_BINARY | CMS_NOSMIMECAP | CMS_CADES);
  if (!si) return Failed("adding the signer");
  Bio in = MemoryOf(data);
  if (!in || CMS_final(cms.get(), in.get(), nullptr, CMS_DETACHED | CMS_BINARY) != 1) {
    return Failed("signing");
  }
  // OpenSSL always adds signing-time; PAdES baseline wants the time only in the signature dictionary (/M). Remove it
  // and sign the remaining attributes again.
  if (int at = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1); at >= 0) {
    X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, at));
    std::string attrs = SignedAttributesDer(si);
    MdCtx md(EVP_MD_CTX_new());
    std::size_t n = 0;
    if (attrs.empty() || !md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(md.get(), nullptr, &n, reinterpret_cast<const unsigned char*>(attrs.data()), attrs.size()) !=
            1) {
      return Failed("signing the attributes");
    }
    std::string sig(n, '\0');
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char*>(sig.data()), &n,
                       reinterpret_cast<const unsigned char*>(attrs.data()), attrs.size()) != 1 ||
        ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), sig.data(), static_cast<int>(n)) != 1) {
      return Failed("signing the attributes");
    }
  }
  unsigned char* der = nullptr;
  int n = i2d_CMS_ContentInfo(cms.get(), &der);
  if (n <= 0) return Failed("encoding the signature");
  std::string out(reinterpret_cast<char*>(der), static_cast<std::size_t>(n));
  OPENSSL_free(der);
  return out;
}

bool VerifyDetached(std::string_view cms_der, std::string_view data, const std::string& root_pem) {
  const auto* p = reinterpret_cast<const unsigned char*>(cms_der.data());
  Cms cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(cms_der.size())));
  Cert root = ReadCert(root_pem);
  Store store(X509_STORE_new());
  Bio in = MemoryOf(data);
  if (!cms || !root || !store || !in || X509_STORE_add_cert(store.get(), root.get()) != 1) return false;
  X509_STORE_set_purpose(store.get(), X509_PURPOSE_ANY);
  return CMS_verify(cms.get(), nullptr, store.get(), in.get(), nullptr, CMS_BINARY) == 1;
}

std::string CommonName(const std::string& cert_pem) {
  Cert x = ReadCert(cert_pem);
  if (!x) return {};
  char buf[256] = {};
  int n = X509_NAME_get_text_by_NID(X509_get_subject_name(x.get()), NID_commonName, buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

std::string Fingerprint(const std::string& cert_pem) {
  Cert x = ReadCert(cert_pem);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  if (!x || X509_digest(x.get(), EVP_sha256(), md, &n) != 1) return {};
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned i = 0; i < n; ++i) {
    if (i) out += ':';
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

Result<std::string> NewRsaKey(int bits) {
  Key key(EVP_RSA_gen(static_cast<unsigned int>(bits)));
  if (!key) return Failed("RSA key generation");
  Bio out(BIO_new(BIO_s_mem()));
  if (!out || PEM_write_bio_PrivateKey(out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return Failed("writing the RSA key");
  }
  return Drain(out.get());
}

namespace {

std::string BigEndian(const BIGNUM* bn) {
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

}  // namespace

Result<RsaPublic> RsaPublicOf(const std::string& key_pem) {
  Key key = ReadKey(key_pem);
  if (!key || EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA) return Failed("reading the RSA key");
  BIGNUM* n = nullptr;
  BIGNUM* e = nullptr;
  if (EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_N, &n) != 1 ||
      EVP_PKEY_get_bn_param(key.get(), OSSL_PKEY_PARAM_RSA_E, &e) != 1) {
    BN_free(n);
    BN_free(e);
    return Failed("reading the RSA public key");
  }
  Bn hold_n(n), hold_e(e);
  return RsaPublic{BigEndian(n), BigEndian(e)};
}

Result<std::string> SignRs256(const std::string& key_pem, std::string_view data) {
  Key key = ReadKey(key_pem);
  if (!key) return Failed("reading the RSA key");
  MdCtx ctx(EVP_MD_CTX_new());
  std::size_t len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return Failed("RS256 signing");
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return Failed("RS256 signing");
  }
  sig.resize(len);
  return sig;
}

bool VerifyRs256(const RsaPublic& pub, std::string_view data, std::string_view signature) {
  Bn n(BN_bin2bn(reinterpret_cast<const unsigned char*>(pub.n.data()), static_cast<int>(pub.n.size()), nullptr));
  Bn e(BN_bin2bn(reinterpret_cast<const unsigned char*>(pub.e.data()), static_cast<int>(pub.e.size()), nullptr));
  std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>> build(OSSL_PARAM_BLD_new());
  if (!n || !e || !build || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1) {
    return false;
  }
  std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>> params(OSSL_PARAM_BLD_to_param(build.get()));
  std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>> from(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!params || !from || EVP_PKEY_fromdata_init(from.get()) != 1 ||
      EVP_PKEY_fromdata(from.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return false;
  }
  Key key(raw);
  MdCtx ctx(EVP_MD_CTX_new());
  return ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1 &&
         EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

}  // namespace spbe::pki
