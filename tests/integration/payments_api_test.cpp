// Payments through the real server on each engine: a billboard permit reaches its payment step and gets a billing
// code for its published fee; a bank registered by the agency's admin asks about the code and pays it with a
// signed callback, and the file moves on. A forged signature, a wrong amount, a replayed reference, an expired
// bill and a bank of another agency are each refused with a clear error, logged, and change nothing.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <thread>

#include "app/app.hpp"
#include "payments/model.hpp"
#include "platform/crypto.hpp"
#include "testing/demo_server.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

class PaymentsApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    crypto::InitCrypto();
    demo_ = std::make_unique<testing::DemoServer>(GetParam());
    port_ = demo_->port();
  }
  Headers As(const std::string& user) { return demo_->As(user); }
  std::int64_t NodeOf(const Headers& admin) { return demo_->NodeOf(admin); }
  int Count(const std::string& sql) { return demo_->Count(sql); }
  void Register(const Headers& admin, const std::string& code, const crypto::SigningKey& key) {
    auto r = testing::PostJson(port_, "/api/v1/banks",
                               json::serialize(json::object{{"code", code},
                                                            {"name", "Bank " + code},
                                                            {"node_id", NodeOf(admin)},
                                                            {"public_key", crypto::Base64Encode(key.PublicKey())},
                                                            {"channels", "teller, ATM"}}),
                               admin);
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // A Izin Reklame file at its payment step: filed by usaha1 (3 m², billboard, 6 months) and verified.
  std::string AtPayment() {
    Headers citizen = As("usaha1@demo.id");
    auto draft = testing::PostJson(port_, "/api/v1/applications",
                                   R"({"service_id": "izin-reklame", "submit": false, "data": {"nama_usaha": "CV Sawit",
                                       "jenis": "papan", "luas_m2": 3, "lama_bulan": 6, "lokasi": "12.10.01"}})",
                                   citizen);
    std::string tn(json::parse(draft.body).at("tracking_number").as_string());
    std::string b = "xyzBOUNDARYxyz";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\ndesain\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.pdf\"\r\n"
                       "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--" +
                       b + "--\r\n";
    Headers with = citizen;
    with.push_back({"Content-Type", "multipart/form-data; boundary=" + b});
    EXPECT_EQ(testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/files", with, body}).status, 201);
    EXPECT_EQ(testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/submit", citizen, ""}).status, 200);
    auto verified = testing::PostJson(port_, "/api/v1/applications/" + tn + "/actions", R"({"action": "verify"})",
                                      As("verifikator.dpmptsp@demo.go.id"));
    EXPECT_EQ(verified.status, 200) << verified.body;
    return tn;
  }
  json::value File(const std::string& tn) {
    return json::parse(testing::Get(port_, "/api/v1/applications/" + tn, As("usaha1@demo.id")).body);
  }
  testing::HttpResponse Signed(const std::string& path, const std::string& bank, const crypto::SigningKey& key,
                               const std::string& body) {
    return testing::Send(port_, {"POST",
                                 path,
                                 {{"Content-Type", "application/json"},
                                  {"Accept-Language", "en"},
                                  {"X-Bank-Code", bank},
                                  {"X-Signature", crypto::Base64Encode(key.Sign(body))}},
                                 body});
  }
  static std::string Pay(const std::string& code, std::int64_t amount, const std::string& reference) {
    return json::serialize(json::object{{"billing_code", code},
                                        {"amount", amount},
                                        {"bank_reference", reference},
                                        {"paid_at", "2026-11-23T03:00:00Z"},
                                        {"channel", "teller"}});
  }
  std::unique_ptr<testing::DemoServer> demo_;
  int port_ = 0;
};

TEST_P(PaymentsApi, ABillIsPaidOnlyByASignedCallbackThatMatchesIt) {
  auto bank = crypto::SigningKey::Generate();
  auto other_agency_bank = crypto::SigningKey::Generate();
  auto forger = crypto::SigningKey::Generate();
  Register(As("admin_instansi.dpmptsp@demo.go.id"), "BSUMUT", bank);
  Register(As("admin_instansi.disdukcapil@demo.go.id"), "BDUKCAPIL", other_agency_bank);

  std::string tn = AtPayment();
  auto file = File(tn);
  ASSERT_EQ(file.at("status"), "awaiting_payment") << json::serialize(file);
  const auto& bill = file.at("bill");
  std::string code(bill.at("billing_code").as_string());
  EXPECT_TRUE(payments::NormalizeBillingCode(code)) << code;
  EXPECT_EQ(bill.at("amount").as_int64(), 450000) << "the published formula: 3 m² × Rp 25.000 × 6 months";
  EXPECT_EQ(bill.at("status"), "unpaid");
  std::string channels = json::serialize(bill.at("channels"));
  EXPECT_NE(channels.find("Bank BSUMUT (teller, ATM)"), std::string::npos) << channels;
  EXPECT_NE(channels.find("Bank Simulator (demo)"), std::string::npos) << "the kabupaten's bank collects too";
  EXPECT_EQ(channels.find("BDUKCAPIL"), std::string::npos) << "only banks that collect for DPMPTSP";
  EXPECT_NE(json::serialize(file.at("timeline")).find("\"bill\""), std::string::npos);

  // The bank asks before taking the money.
  auto asked =
      Signed("/api/v1/payments/inquiry", "BSUMUT", bank, json::serialize(json::object{{"billing_code", code}}));
  ASSERT_EQ(asked.status, 200) << asked.body;
  EXPECT_EQ(json::parse(asked.body).at("amount").as_int64(), 450000);
  EXPECT_EQ(json::parse(asked.body).at("tracking_number").as_string(), tn);

  auto refused = [&](const testing::HttpResponse& r, int status, const std::string& words) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_NE(r.body.find(words), std::string::npos) << r.body;
    EXPECT_EQ(File(tn).at("status"), "awaiting_payment") << "nothing changed";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM payments"), 0) << "nothing changed";
  };
  // A forged signature, and a signature over other bytes than those sent.
  refused(Signed("/api/v1/payments/callback", "BSUMUT", forger, Pay(code, 450000, "REF-1")), 401, "registered bank");
  std::string body = Pay(code, 450000, "REF-1");
  auto tampered_body = testing::Send(port_, {"POST",
                                             "/api/v1/payments/callback",
                                             {{"Content-Type", "application/json"},
                                              {"X-Bank-Code", "BSUMUT"},
                                              {"X-Signature", crypto::Base64Encode(bank.Sign(body))}},
                                             Pay(code, 45000, "REF-1")});
  EXPECT_EQ(tampered_body.status, 401) << "one changed digit breaks the signature";
  ASSERT_EQ(Count("SELECT COUNT(*) FROM payments"), 0);
  // A wrong amount; another agency's bank; a code that exists nowhere; an unknown bank.
  refused(Signed("/api/v1/payments/callback", "BSUMUT", bank, Pay(code, 400000, "REF-2")), 422, "450000");
  refused(Signed("/api/v1/payments/callback", "BDUKCAPIL", other_agency_bank, Pay(code, 450000, "REF-3")), 403,
          "does not collect");
  std::string nowhere = payments::MakeBillingCode(2026, 11, 12345678901ULL);
  refused(Signed("/api/v1/payments/callback", "BSUMUT", bank, Pay(nowhere, 450000, "REF-4")), 404, "no such billing");
  refused(Signed("/api/v1/payments/callback", "NOBANK", bank, Pay(code, 450000, "REF-5")), 401, "registered bank");

  // The real payment: the file moves on to the decision, and the timeline says so.
  auto paid = Signed("/api/v1/payments/callback", "BSUMUT", bank, Pay(code, 450000, "REF-OK"));
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(json::parse(paid.body).at("status"), "accepted");
  file = File(tn);
  EXPECT_EQ(file.at("status"), "in_progress");
  EXPECT_EQ(file.at("step").at("key"), "keputusan");
  EXPECT_EQ(file.at("bill").at("status"), "paid");
  std::string timeline = json::serialize(file.at("timeline"));
  EXPECT_NE(timeline.find("\"paid\""), std::string::npos) << timeline;
  EXPECT_NE(timeline.find("REF-OK"), std::string::npos) << "the receipt is in the timeline";

  // The same report again: the first answer, nothing new. The same reference for something else: refused.
  auto again = Signed("/api/v1/payments/callback", "BSUMUT", bank, Pay(code, 450000, "REF-OK"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(json::parse(again.body).at("status"), "duplicate");
  EXPECT_EQ(json::parse(again.body).at("payment_id"), json::parse(paid.body).at("payment_id"));
  EXPECT_EQ(Signed("/api/v1/payments/callback", "BSUMUT", bank, Pay(code, 1, "REF-OK")).status, 409);
  EXPECT_EQ(Signed("/api/v1/payments/callback", "BSUMUT", bank, Pay(code, 450000, "REF-NEW")).status, 409)
      << "a paid bill is not paid twice";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payments"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_callbacks WHERE outcome = 'refused'"), 8);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payment_callbacks WHERE outcome = 'accepted'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'payments.paid'"), 1);

  // The day's statement from the bank against what the callbacks recorded: the real payment matches, a payment the
  // bank took but never reported is listed, and so is a line whose amount differs from the record.
  Headers finance = As("bendahara@demo.go.id");
  Headers admin = As("admin_instansi.dpmptsp@demo.go.id");
  auto banks = json::parse(testing::Get(port_, "/api/v1/banks?node_id=" + std::to_string(NodeOf(admin)), admin).body);
  std::int64_t bank_id = 0;
  for (const auto& b : banks.as_array()) {
    if (b.at("code") == "BSUMUT") bank_id = b.at("id").as_int64();
  }
  ASSERT_GT(bank_id, 0);
  std::string other = payments::MakeBillingCode(2026, 11, 55555555555ULL);
  std::string statement = "waktu,kode_bayar,jumlah,referensi\n2026-11-23T03:00:00Z," + code +
                          ",450000,REF-OK\n2026-11-23T04:00:00Z," + other + ",100000,REF-LOST\n";
  auto reconcile = [&](const Headers& who, const std::string& body) {
    Headers with = who;
    with.push_back({"Content-Type", "text/csv"});
    return testing::Send(
        port_, {"POST", "/api/v1/banks/" + std::to_string(bank_id) + "/reconciliation?date=2026-11-23", with, body});
  };
  auto rec = reconcile(finance, statement);
  ASSERT_EQ(rec.status, 200) << rec.body;
  auto result = json::parse(rec.body);
  EXPECT_EQ(result.at("matched").as_int64(), 1);
  ASSERT_EQ(result.at("mismatches").as_array().size(), 1u) << rec.body;
  EXPECT_EQ(result.at("mismatches").at(0).at("kind"), "only_in_statement");
  EXPECT_EQ(result.at("mismatches").at(0).at("bank_reference"), "REF-LOST");
  auto differs = json::parse(reconcile(finance, "2026-11-23T03:00:00Z," + code + ",45000,REF-OK\n").body);
  EXPECT_EQ(differs.at("mismatches").at(0).at("kind"), "amount_differs");
  auto missing = json::parse(reconcile(finance, "").body);
  EXPECT_EQ(missing.at("mismatches").at(0).at("kind"), "only_recorded") << "recorded, but not on the statement";
  auto bad = reconcile(finance, "2026-11-23T03:00:00Z,1234,abc,REF\n");
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("line 1"), std::string::npos) << bad.body;
  EXPECT_EQ(reconcile(As("warga1@demo.id"), statement).status, 404);
  // The refused callbacks, for the finance officer.
  auto refused_list = json::parse(
      testing::Get(port_, "/api/v1/payments/refused?node_id=" + std::to_string(NodeOf(finance)), finance).body);
  EXPECT_EQ(refused_list.as_array().size(), 8u);

  // The head decides; the file completes.
  auto approved = testing::PostJson(port_, "/api/v1/applications/" + tn + "/actions", R"({"action": "approve"})",
                                    As("kepala.dpmptsp@demo.go.id"));
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(File(tn).at("status"), "completed");
}

TEST_P(PaymentsApi, AnExpiredBillIsRefusedAndTheApplicantGetsANewCode) {
  auto bank = crypto::SigningKey::Generate();
  Register(As("admin_instansi.dpmptsp@demo.go.id"), "BSUMUT", bank);
  std::string tn = AtPayment();
  std::string old(File(tn).at("bill").at("billing_code").as_string());
  Headers citizen = As("usaha1@demo.id");
  EXPECT_EQ(testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/bill", citizen, ""}).status, 409)
      << "still valid: no new code";
  ASSERT_TRUE(demo_->app()
                  .database()
                  .Write([](soci::session& s) -> Status {
                    s << "UPDATE bills SET expires_at = '2026-01-01T00:00:00Z'";
                    return Ok{};
                  })
                  .ok());
  EXPECT_EQ(File(tn).at("bill").at("status"), "expired");
  auto late = Signed("/api/v1/payments/callback", "BSUMUT", bank, Pay(old, 450000, "REF-LATE"));
  EXPECT_EQ(late.status, 422) << late.body;
  EXPECT_NE(late.body.find("expired"), std::string::npos);
  EXPECT_EQ(File(tn).at("status"), "awaiting_payment");

  // Another citizen cannot reissue it; the applicant can.
  EXPECT_EQ(testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/bill", As("warga1@demo.id"), ""}).status,
            404);
  auto fresh = testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/bill", citizen, ""});
  ASSERT_EQ(fresh.status, 201) << fresh.body;
  std::string code(json::parse(fresh.body).at("billing_code").as_string());
  EXPECT_NE(code, old);
  EXPECT_EQ(json::parse(fresh.body).at("amount").as_int64(), 450000);
  EXPECT_EQ(Signed("/api/v1/payments/callback", "BSUMUT", bank, Pay(old, 450000, "REF-OLD")).status, 422)
      << "the replaced code stays dead";
  EXPECT_EQ(Signed("/api/v1/payments/callback", "BSUMUT", bank, Pay(code, 450000, "REF-NEW")).status, 200);
  EXPECT_EQ(File(tn).at("status"), "in_progress");

  // A revoked bank is a stranger.
  Headers admin = As("admin_instansi.dpmptsp@demo.go.id");
  auto banks = json::parse(testing::Get(port_, "/api/v1/banks?node_id=" + std::to_string(NodeOf(admin)), admin).body);
  std::int64_t id = banks.as_array().at(0).at("id").as_int64();
  EXPECT_EQ(testing::Send(port_, {"POST", "/api/v1/banks/" + std::to_string(id) + "/revoke", admin, ""}).status, 204);
  EXPECT_EQ(
      Signed("/api/v1/payments/inquiry", "BSUMUT", bank, json::serialize(json::object{{"billing_code", code}})).status,
      401);
}

TEST_P(PaymentsApi, TheSameReportArrivingTwiceAtOnceIsOnePayment) {
  auto bank = crypto::SigningKey::Generate();
  Register(As("admin_instansi.dpmptsp@demo.go.id"), "BSUMUT", bank);
  std::string tn = AtPayment();
  std::string code(File(tn).at("bill").at("billing_code").as_string());
  std::string body = Pay(code, 450000, "REF-TWICE");
  std::vector<int> statuses(4, 0);
  std::vector<std::string> answers(4);
  std::vector<std::thread> banks;
  for (int i = 0; i < 4; ++i) {
    banks.emplace_back([&, i] {
      auto r = Signed("/api/v1/payments/callback", "BSUMUT", bank, body);
      statuses[static_cast<std::size_t>(i)] = r.status;
      answers[static_cast<std::size_t>(i)] = r.body;
    });
  }
  for (auto& t : banks) t.join();
  int accepted = 0, duplicate = 0;
  for (int i = 0; i < 4; ++i) {
    ASSERT_EQ(statuses[static_cast<std::size_t>(i)], 200) << answers[static_cast<std::size_t>(i)];
    auto status = json::parse(answers[static_cast<std::size_t>(i)]).at("status");
    accepted += status == "accepted";
    duplicate += status == "duplicate";
  }
  EXPECT_EQ(accepted, 1);
  EXPECT_EQ(duplicate, 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM payments"), 1);
  EXPECT_EQ(File(tn).at("status"), "in_progress");
}

INSTANTIATE_TEST_SUITE_P(Engines, PaymentsApi, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
