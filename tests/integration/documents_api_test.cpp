// Signed outputs through the real server on each engine: approving a file issues its PDF, signed with the agency's
// key; anyone checks it by id or by its bytes (one altered byte is "not issued"); a rotated key still verifies what
// it signed; a revoked document says so; without a key the approval is refused and nothing changes.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "app/app.hpp"
#include "documents/service.hpp"
#include "documents/store.hpp"
#include "org/service.hpp"
#include "org/store.hpp"
#include "platform/pdf_sign.hpp"
#include "platform/pki.hpp"
#include "testing/demo_server.hpp"
#include "testing/pdfsig.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

class DocumentsApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    demo_ = std::make_unique<testing::DemoServer>(GetParam());
    port_ = demo_->port();
    dpmptsp_ = demo_->NodeOf(As("admin_instansi.dpmptsp@demo.go.id"));
    ASSERT_FALSE(demo_->PublishOneStepService("izin-uji-dokumen", "Izin Uji Dokumen").empty());
  }
  Headers As(const std::string& user) { return demo_->As(user); }
  int Count(const std::string& sql) { return demo_->Count(sql); }
  std::string File() {
    auto filed = testing::PostJson(port_, "/api/v1/applications",
                                   R"({"service_id": "izin-uji-dokumen", "data": {"nama_usaha": "Warung Sederhana",
                                       "alamat": "Jl. Merdeka 1"}})",
                                   As("warga1@demo.id"));
    EXPECT_EQ(filed.status, 201) << filed.body;
    return std::string(json::parse(filed.body).at("tracking_number").as_string());
  }
  testing::HttpResponse Approve(const std::string& tn) {
    return testing::PostJson(port_, "/api/v1/applications/" + tn + "/actions", R"({"action": "approve"})",
                             As("kepala.dpmptsp@demo.go.id"));
  }
  json::value Public(const std::string& id) { return json::parse(testing::Get(port_, "/api/v1/documents/" + id).body); }
  json::value Verify(const std::string& bytes) {
    auto r = testing::Send(port_, {"POST", "/api/v1/documents/verify", {{"Content-Type", "application/pdf"}}, bytes});
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }
  std::unique_ptr<documents::DocumentsService> Operator() {  // what `spbe keys` uses
    database_ = *app::OpenDatabase(demo_->config());
    vault_ = std::make_unique<PiiVault>(*PiiVault::OpenOrCreate(demo_->config().data_dir + "/keys/documents.key"));
    org_store_ = org::MakeSqlOrgStore();
    org_ = std::make_unique<org::OrgService>(*database_, *org_store_,
                                             [] { return FormatUtc(std::chrono::system_clock::now()); });
    store_ = documents::MakeSqlDocumentStore();
    return std::make_unique<documents::DocumentsService>(
        *database_, *store_, *org_, *vault_, SystemClock(),
        documents::Options{demo_->config().data_dir + "/documents", ""});
  }

  std::unique_ptr<testing::DemoServer> demo_;
  int port_ = 0;
  std::int64_t dpmptsp_ = 0;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<PiiVault> vault_;
  std::unique_ptr<org::OrgStore> org_store_;
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<documents::DocumentStore> store_;
};

TEST_P(DocumentsApi, AnApprovedFileGetsASignedDocumentThatAnyoneCanCheck) {
  std::string tn = File();
  auto approved = Approve(tn);
  ASSERT_EQ(approved.status, 200) << approved.body;
  auto file = json::parse(testing::Get(port_, "/api/v1/applications/" + tn, As("warga1@demo.id")).body);
  ASSERT_TRUE(file.as_object().contains("document")) << json::serialize(file);
  std::string id(file.at("document").at("id").as_string());
  EXPECT_NE(json::serialize(file.at("timeline")).find("\"issued\""), std::string::npos);

  auto pub = Public(id);
  EXPECT_TRUE(pub.at("valid").as_bool()) << json::serialize(pub);
  EXPECT_EQ(pub.at("title"), "Surat Izin Uji");
  EXPECT_EQ(pub.at("agency"), "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu");
  EXPECT_EQ(pub.at("recipient"), "W***** S********") << "the name masked on the public page";
  EXPECT_EQ(testing::Get(port_, "/api/v1/documents/unknown0000").status, 404);

  // The applicant downloads it; another citizen cannot.
  auto pdf = testing::Get(port_, "/api/v1/applications/" + tn + "/document", As("warga1@demo.id"));
  ASSERT_EQ(pdf.status, 200);
  ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u) << "a PDF";
  EXPECT_EQ(testing::Get(port_, "/api/v1/applications/" + tn + "/document", As("warga2@demo.id")).status, 404);

  // These exact bytes were issued; one altered byte was not.
  auto ok = Verify(pdf.body);
  EXPECT_TRUE(ok.at("issued").as_bool());
  EXPECT_EQ(ok.at("document").at("id").as_string(), id);
  std::string altered = pdf.body;
  altered[altered.size() / 2] = static_cast<char>(altered[altered.size() / 2] ^ 0x01);
  EXPECT_FALSE(Verify(altered).at("issued").as_bool());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'documents.issue'"), 1);

  // The key is rotated: the old document still verifies, the next one is signed by the new key.
  auto ops = Operator();
  auto rotated = ops->GenerateKey(dpmptsp_);
  ASSERT_TRUE(rotated.ok()) << rotated.error().detail;
  auto old = Public(id);
  EXPECT_TRUE(old.at("valid").as_bool());
  EXPECT_EQ(old.at("signature").at("key_status"), "retired");
  std::string tn2 = File();
  ASSERT_EQ(Approve(tn2).status, 200);
  auto file2 = json::parse(testing::Get(port_, "/api/v1/applications/" + tn2, As("warga1@demo.id")).body);
  auto second = Public(std::string(file2.at("document").at("id").as_string()));
  EXPECT_EQ(second.at("signature").at("key_id").as_int64(), rotated->id);
  EXPECT_TRUE(second.at("valid").as_bool());

  // Revoked, with the reason: only by the agency's head or admin.
  std::string reason = R"({"reason": "Diterbitkan atas data yang keliru"})";
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/documents/" + id + "/revoke", reason, As("warga1@demo.id")).status, 404);
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/documents/" + id + "/revoke", reason, As("kepala.disdukcapil@demo.go.id"))
                .status,
            404);
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/documents/" + id + "/revoke", R"({"reason": ""})",
                              As("kepala.dpmptsp@demo.go.id"))
                .status,
            422);
  EXPECT_EQ(
      testing::PostJson(port_, "/api/v1/documents/" + id + "/revoke", reason, As("kepala.dpmptsp@demo.go.id")).status,
      204);
  auto revoked = Public(id);
  EXPECT_EQ(revoked.at("status"), "revoked");
  EXPECT_FALSE(revoked.at("valid").as_bool());
  EXPECT_EQ(revoked.at("revoked_reason"), "Diterbitkan atas data yang keliru");
  auto page = testing::Get(port_, "/verifikasi/" + id);
  EXPECT_NE(page.body.find("dicabut"), std::string::npos);
}

TEST_P(DocumentsApi, AnIssuedPdfCarriesItsOfficialNumberItsSignerAndASignatureAPdfReaderAccepts) {
  // The agency sets its numbering; a wrong pattern is refused by field, and not by anyone else.
  std::string path = "/api/v1/org/nodes/" + std::to_string(dpmptsp_) + "/document-numbering";
  std::string pattern = R"({"pattern": "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}", "classification": "503",
                           "unit": "DPMPTSP"})";
  auto put = [&](const std::string& body, const std::string& who) {
    auto headers = As(who);
    headers.emplace_back("Content-Type", "application/json");
    return testing::Send(port_, {"PUT", path, headers, body});
  };
  EXPECT_EQ(put(pattern, "kepala.dpmptsp@demo.go.id").status, 404);
  auto wrong =
      put(R"({"pattern": "{unit}/{rahasia}", "classification": "5 0 3"})", "admin_instansi.dpmptsp@demo.go.id");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("\"pattern\""), std::string::npos) << wrong.body;
  EXPECT_NE(wrong.body.find("\"classification\""), std::string::npos) << wrong.body;
  auto typed = put(R"({"pattern": 5, "unit": ["x"]})", "admin_instansi.dpmptsp@demo.go.id");
  EXPECT_EQ(typed.status, 422) << "each field of the contract, named";
  for (const char* field : {"\"pattern\"", "\"classification\"", "\"unit\""}) {
    EXPECT_NE(typed.body.find(field), std::string::npos) << field << " in " << typed.body;
  }
  ASSERT_EQ(put(pattern, "admin_instansi.dpmptsp@demo.go.id").status, 204);

  // Four files approved at once: four numbers of one yearly sequence, none twice, none skipped.
  std::vector<std::string> files;
  for (int i = 0; i < 4; ++i) files.push_back(File());
  std::vector<std::thread> approvers;
  std::vector<int> statuses(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    approvers.emplace_back([&, i] { statuses[i] = Approve(files[i]).status; });
  }
  for (auto& t : approvers) t.join();
  std::set<long> sequence;
  std::string pdf, number;
  for (std::size_t i = 0; i < files.size(); ++i) {
    ASSERT_EQ(statuses[i], 200);
    auto file = json::parse(testing::Get(port_, "/api/v1/applications/" + files[i], As("warga1@demo.id")).body);
    auto pub = Public(std::string(file.at("document").at("id").as_string()));
    number = std::string(pub.at("number").as_string());
    std::smatch m;
    ASSERT_TRUE(
        std::regex_match(number, m, std::regex(R"(503/(\d+)/DPMPTSP/(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)/20\d\d)")))
        << number;
    sequence.insert(std::stol(m[1].str()));
    EXPECT_FALSE(pub.at("signer").at("nip").as_string().empty()) << "the signer's NIP, from the officer's account";
    pdf = testing::Get(port_, "/api/v1/applications/" + files[i] + "/document", As("warga1@demo.id")).body;
  }
  EXPECT_EQ(sequence, (std::set<long>{1, 2, 3, 4}));
  std::string text = testing::PdfText(pdf);
  EXPECT_NE(text.find("Nomor: " + number), std::string::npos) << "the number is on the PDF:\n" << text;
  EXPECT_NE(text.find("NIP "), std::string::npos) << "the signer's NIP is on the PDF:\n" << text;

  // Any PDF reader: pdfsig finds the embedded signature valid over the whole file, made by the agency.
  std::string report = testing::Pdfsig(pdf);
  EXPECT_NE(report.find("Signature is Valid"), std::string::npos) << report;
  EXPECT_NE(report.find("Total document signed"), std::string::npos) << report;
  EXPECT_NE(report.find("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"), std::string::npos) << report;
  // ... and with the platform's root from /verifikasi/ca, it chains to it.
  auto ca = testing::Get(port_, "/verifikasi/ca");
  ASSERT_EQ(ca.status, 200);
  EXPECT_EQ(ca.body.rfind("-----BEGIN CERTIFICATE-----", 0), 0u);
  auto embedded = LastSignature(pdf);
  ASSERT_TRUE(embedded);
  EXPECT_TRUE(pki::VerifyDetached(embedded->cms, embedded->signed_bytes, ca.body));
  // One byte changed: the reader says so, and the portal no longer knows the file.
  std::string altered = pdf;
  auto at = altered.find("/Producer");
  ASSERT_NE(at, std::string::npos);
  altered[at + 2] ^= 0x20;  // a key's case: the file still opens
  std::string changed = testing::Pdfsig(altered);
  EXPECT_EQ(changed.find("Signature is Valid"), std::string::npos) << changed;
  EXPECT_FALSE(Verify(altered).at("issued").as_bool());
}

TEST_P(DocumentsApi, WithoutASigningKeyTheApprovalIsRefusedAndNothingChanges) {
  ASSERT_TRUE(demo_->app()
                  .database()
                  .Write([](soci::session& s) -> Status {
                    s << "UPDATE signing_keys SET status = 'retired'";
                    return Ok{};
                  })
                  .ok());
  std::string tn = File();
  auto refused = Approve(tn);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("signing key"), std::string::npos) << refused.body;
  auto file = json::parse(testing::Get(port_, "/api/v1/applications/" + tn, As("warga1@demo.id")).body);
  EXPECT_EQ(file.at("status"), "in_progress");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM documents"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, DocumentsApi, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
