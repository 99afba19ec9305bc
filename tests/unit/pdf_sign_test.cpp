// The embedded PDF signature: a root made here, an agency's certificate from it, a PDF drawn with libharu and
// signed in an incremental update; OpenSSL and poppler's pdfsig (Debian poppler-utils, what a PDF reader does) both
// find the signature valid over the whole document, and both notice one changed byte.
#include "platform/pdf_sign.hpp"

#include <gtest/gtest.h>

#include "documents/service.hpp"
#include "platform/pdf.hpp"
#include "platform/pki.hpp"
#include "testing/pdfsig.hpp"

namespace spbe {
namespace {

struct Pki {
  std::string root, root_key, cert, key;
};

const Pki& TestPki() {
  static const Pki pki = [] {
    Pki p;
    // Certificates valid from now: OpenSSL checks the chain at the (real or faked) current time.
    TimePoint now = std::chrono::system_clock::now();
    p.root_key = *pki::NewKey();
    p.root = *pki::SelfSignedRoot(p.root_key, {"SPBE Terpadu Root CA", "Pemerintah Kabupaten Uji", "ID"}, 20, now);
    p.key = *pki::NewKey();
    p.cert =
        *pki::Issue(p.root, p.root_key, p.key, {"Dinas Penanaman Modal dan PTSP", "Pemerintah Kabupaten Uji"}, 5, now);
    return p;
  }();
  return pki;
}

std::string Drawn() {
  PdfWriter w;
  w.SetInfo("Surat Izin Uji", "Dinas Uji", "2026-12-02T00:55:00Z");
  w.Centered("SURAT IZIN", 15, true);
  w.Paragraph("Diberikan kepada Sari Lubis.", 11);
  return *w.Finish();
}

std::string Signed(const std::string& pdf) {
  const Pki& p = TestPki();
  auto out =
      SignPdf(pdf, {"Kepala Dinas Uji", "Penetapan Surat Izin", "Rantauprapat", *ParseUtc("2026-12-02T00:55:00Z")},
              [&](std::string_view data) { return pki::SignDetached(data, p.cert, p.key, {p.root}); });
  EXPECT_TRUE(out.ok()) << (out.ok() ? "" : out.error().detail);
  return out.ok() ? *out : std::string();
}

TEST(PdfSign, TheEmbeddedSignatureCoversTheWholeFileAndChecksWithTheRoot) {
  std::string pdf = Drawn(), signed_pdf = Signed(pdf);
  ASSERT_FALSE(signed_pdf.empty());
  EXPECT_EQ(signed_pdf.compare(0, pdf.size(), pdf), 0) << "an incremental update keeps the original bytes";
  auto sig = LastSignature(signed_pdf);
  ASSERT_TRUE(sig);
  // The ranges leave out exactly the /Contents value.
  EXPECT_GT(sig->signed_bytes.size(), pdf.size());
  EXPECT_TRUE(pki::VerifyDetached(sig->cms, sig->signed_bytes, TestPki().root));
  // Another root does not vouch for it.
  std::string other_key = *pki::NewKey();
  std::string other = *pki::SelfSignedRoot(other_key, {"Other", "Other", "ID"}, 1, std::chrono::system_clock::now());
  EXPECT_FALSE(pki::VerifyDetached(sig->cms, sig->signed_bytes, other));
  // One byte changed in a signed range: the CMS no longer matches.
  std::string altered = sig->signed_bytes;
  altered[altered.size() / 3] ^= 0x01;
  EXPECT_FALSE(pki::VerifyDetached(sig->cms, altered, TestPki().root));
}

TEST(PdfSign, APdfReaderFindsItValidAndUnchangedAndNoticesOneByteChanged) {
  std::string signed_pdf = Signed(Drawn());
  std::string report = testing::Pdfsig(signed_pdf);
  ASSERT_NE(report.find("Signature #1"), std::string::npos) << "pdfsig (poppler-utils) found no signature:\n" << report;
  EXPECT_NE(report.find("Signature is Valid"), std::string::npos) << report;
  EXPECT_NE(report.find("Total document signed"), std::string::npos) << report;
  EXPECT_NE(report.find("Dinas Penanaman Modal dan PTSP"), std::string::npos) << "the signer's name:\n" << report;
  EXPECT_NE(report.find("ETSI.CAdES.detached"), std::string::npos) << report;

  // One byte of the drawn page changed (a letter of the recipient's name): pdfsig reports the change.
  std::string altered = signed_pdf;
  auto at = altered.find("/Producer");
  if (at == std::string::npos) at = altered.find("/Title");
  ASSERT_NE(at, std::string::npos);
  altered[at + 2] ^= 0x20;  // the key's case: the file still parses
  std::string changed = testing::Pdfsig(altered);
  EXPECT_EQ(changed.find("Signature is Valid"), std::string::npos) << changed;
  EXPECT_NE(changed.find("Digest Mismatch"), std::string::npos) << changed;
}

TEST(PdfSign, NamesInAnyScriptAndAPdfWithoutACrossReferenceTableIsRefused) {
  const Pki& p = TestPki();
  auto out = SignPdf(Drawn(), {"Ni Luh Putu Ayu Ṡ", "Penetapan", "Denpasar", *ParseUtc("2026-12-02T00:55:00Z")},
                     [&](std::string_view data) { return pki::SignDetached(data, p.cert, p.key, {p.root}); });
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("/Name <FEFF004E0069"), std::string::npos);
  auto refused = SignPdf("%PDF-1.7\nnot really\n", {"x", "y", "z", {}},
                         [](std::string_view) -> Result<std::string> { return std::string("x"); });
  EXPECT_FALSE(refused.ok());
}

TEST(PdfSign, CertificatesSayWhoAndChainToTheRoot) {
  const Pki& p = TestPki();
  EXPECT_EQ(pki::CommonName(p.cert), "Dinas Penanaman Modal dan PTSP");
  EXPECT_EQ(pki::CommonName(p.root), "SPBE Terpadu Root CA");
  EXPECT_EQ(pki::Fingerprint(p.root).size(), 32u * 3 - 1);
  EXPECT_EQ(pki::CommonName("not a certificate"), "");
}

TEST(DocumentNumbers, FollowTheAgencysPattern) {
  documents::Numbering n{"{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}", "503", "DPMPTSP"};
  EXPECT_EQ(documents::FormatNumber(n, 17, 12, 2026), "503/17/DPMPTSP/XII/2026");
  n.pattern = "{unit}-{tahun}-{bulan}-{nomor4}";
  EXPECT_EQ(documents::FormatNumber(n, 7, 3, 2027), "DPMPTSP-2027-03-0007");
  EXPECT_TRUE(documents::CheckNumbering(n, "id").empty());
  n.pattern = "{klasifikasi}/{unit}";  // no number, no year
  EXPECT_EQ(documents::CheckNumbering(n, "id").size(), 1u);
  n.pattern = "{nomor}/{tahun}/{rahasia}";
  EXPECT_EQ(documents::CheckNumbering(n, "en").front().field, "pattern");
  n.pattern = "\xe2\x84\x96 {nomor}/{tahun}";  // a sign no PDF font of ours prints
  EXPECT_EQ(documents::CheckNumbering(n, "id").size(), 1u);
  n.pattern = "<b>{nomor}</b>/{tahun}";
  EXPECT_EQ(documents::CheckNumbering(n, "id").size(), 1u);
  n = {"{nomor}/{tahun}", "5 0 3", "<b>"};
  EXPECT_EQ(documents::CheckNumbering(n, "id").size(), 2u);
}

}  // namespace
}  // namespace spbe
