// Notifications on each engine, through the real server: a citizen who chose English and SMS hears of their file in
// the inbox, by e-mail (the SMTP sink) and by SMS (the gateway sink, a real HTTP server on loopback), each once; the
// inbox is theirs alone. And the outbox against the gateway: a refusal is retried later, a bad token is recorded,
// a lost reply is absorbed by the gateway's reference.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <filesystem>
#include <thread>

#include "app/app.hpp"
#include "demo/seed.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "mailsink/smtp_sink.hpp"
#include "mailsink/text_sink.hpp"
#include "notify/notifier.hpp"
#include "notify/outbox.hpp"
#include "platform/i18n.hpp"
#include "platform/pii.hpp"
#include "platform/text_gateway.hpp"
#include "testing/http_client.hpp"
#include "testing/test_env.hpp"
#include "testing/wait.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kToken = "gateway-test-token";

// The gateway sink served over real HTTP on a free loopback port.
class GatewaySink {
 public:
  explicit GatewaySink(std::string token = kToken) : sink_(std::move(token)) {
    sink_.Register(router_);
    http::ServerOptions o;
    o.bind = "127.0.0.1";
    o.port = 0;
    o.workers = 2;
    o.io_threads = 1;
    server_ = std::make_unique<http::Server>(o, router_);
    port_ = *server_->Start();
  }
  ~GatewaySink() {
    server_->Drain();
    server_->Wait();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/gateway/messages"; }
  mailsink::TextSink& sink() { return sink_; }

 private:
  mailsink::TextSink sink_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  int port_ = 0;
};

template <typename F>
auto WaitFor(F f) {
  return testing::EventuallyNonEmpty(f);
}

class Notifications : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    db_ = std::make_unique<testing::TestDatabase>(GetParam());
    db_->config.demo = true;
    testing::MigrateOrDie(db_->config);
  }
  void StartServer() {
    {
      auto database = app::OpenDatabase(db_->config);
      ASSERT_TRUE(database.ok());
      ASSERT_TRUE(demo::Seed(**database, db_->config).ok());
    }
    db_->config.smtp_url = mail_.url();
    db_->config.sms_gateway_url = gateway_.url();
    db_->config.sms_gateway_token = kToken;
    db_->config.public_url = "https://portal.example";
    server_ = std::make_unique<testing::TestServer>(db_->config, false);
    port_ = server_->port();
  }
  Headers As(const std::string& user) {
    auto r =
        testing::PostJson(port_, "/api/v1/auth/login", R"({"username":")" + user + R"(","password":"demo-spbe-2026"})");
    return {{"Authorization", "Bearer " + std::string(json::parse(r.body).at("token").as_string())}};
  }
  testing::HttpResponse Put(const std::string& target, const std::string& body, const Headers& h) {
    Headers with = h;
    with.push_back({"Content-Type", "application/json"});
    return testing::Send(port_, {"PUT", target, with, body});
  }
  // A Izin Praktik Bidan file filed through the API: draft, the required upload, submit.
  std::string File(const Headers& who) {
    auto r = testing::PostJson(
        port_, "/api/v1/applications",
        R"({"service_id": "izin-praktik-bidan", "submit": false, "data": {"nama_lengkap": "Siti Rahmawati",
            "nik": "1210015203880002", "nomor_str": "STR-12345678", "str_berlaku_sampai": "2030-01-01",
            "tempat_praktik": "mandiri", "alamat_praktik": "Jl. Merdeka 1", "kelurahan": "12.10.01.1001",
            "telepon": "081260000001"}})",
        who);
    EXPECT_EQ(r.status, 201) << r.body;
    std::string tn(json::parse(r.body).at("tracking_number").as_string());
    std::string b = "xyzBOUNDARYxyz";
    std::string body = "--" + b + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nscan_str\r\n--" + b +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"str.pdf\"\r\n"
                       "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--" +
                       b + "--\r\n";
    Headers with = who;
    with.push_back({"Content-Type", "multipart/form-data; boundary=" + b});
    auto up = testing::Send(port_, {"POST", "/api/v1/applications/" + tn + "/files", with, body});
    EXPECT_EQ(up.status, 201) << up.body;
    auto sub = testing::PostJson(port_, "/api/v1/applications/" + tn + "/submit", "{}", who);
    EXPECT_EQ(sub.status, 200) << sub.body;
    return tn;
  }
  json::array Inbox(const Headers& who) {
    auto r = testing::Get(port_, "/api/v1/inbox", who);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body).at("items").as_array();
  }

  std::unique_ptr<testing::TestDatabase> db_;
  mailsink::SmtpSink mail_;
  GatewaySink gateway_;
  std::unique_ptr<testing::TestServer> server_;
  int port_ = 0;
};

TEST_P(Notifications, ACitizenHearsOfTheirFileInTheirLanguageOnEveryChannelTheyChose) {
  StartServer();
  Headers citizen = As("warga1@demo.id");
  auto prefs = Put("/api/v1/me/preferences", R"({"language": "en", "phone_channel": "sms"})", citizen);
  ASSERT_EQ(prefs.status, 204) << prefs.body;
  auto me = json::parse(testing::Get(port_, "/api/v1/me", citizen).body);
  EXPECT_EQ(me.at("preferences").at("language").as_string(), "en");
  EXPECT_EQ(me.at("preferences").at("phone_channel").as_string(), "sms");

  std::string tn = File(citizen);

  json::array inbox = Inbox(citizen);
  ASSERT_EQ(inbox.size(), 1u);
  std::string subject(inbox[0].at("subject").as_string());
  EXPECT_EQ(subject, "Application for Midwife Practice Permit received: " + tn) << subject;
  EXPECT_EQ(inbox[0].at("link").as_string(), "/permohonan/" + tn);
  EXPECT_FALSE(inbox[0].at("read").as_bool());

  auto texts = WaitFor([&] { return gateway_.sink().Messages("+6281260000001"); });
  ASSERT_EQ(texts.size(), 1u) << "the SMS did not arrive within 10 s";
  EXPECT_EQ(texts[0].channel, "sms");
  EXPECT_NE(texts[0].text.find("SPBE: application for Midwife Practice Permit received, number " + tn),
            std::string::npos)
      << texts[0].text;
  EXPECT_NE(texts[0].text.find("https://portal.example/permohonan/" + tn), std::string::npos) << texts[0].text;

  auto mails = WaitFor([&] { return mail_.Messages("warga1@demo.id"); });
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].subject, subject);
  EXPECT_NE(mails[0].body.find("Open in the portal: https://portal.example/permohonan/" + tn), std::string::npos)
      << mails[0].body;

  // The inbox is the account's own: another citizen cannot mark its messages, nor see them.
  std::int64_t id = inbox[0].at("id").as_int64();
  Headers other = As("warga2@demo.id");
  EXPECT_TRUE(Inbox(other).empty());
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/inbox/" + std::to_string(id) + "/read", "{}", other).status, 404);
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/inbox/" + std::to_string(id) + "/read", "{}", citizen).status, 204);
  auto after = json::parse(testing::Get(port_, "/api/v1/inbox", citizen).body);
  EXPECT_EQ(after.at("unread").as_int64(), 0);
  EXPECT_TRUE(after.at("items").as_array()[0].at("read").as_bool());

  // Returned for a correction: the officer's note reaches the citizen, in English, on each channel.
  Headers verifier = As("verifikator.dpmptsp@demo.go.id");
  auto ret = testing::PostJson(port_, "/api/v1/applications/" + tn + "/actions",
                               R"({"action": "return", "note": "Unggah ulang STR yang terbaca"})", verifier);
  ASSERT_EQ(ret.status, 200) << ret.body;
  inbox = Inbox(citizen);
  ASSERT_EQ(inbox.size(), 2u);
  EXPECT_EQ(inbox[0].at("subject").as_string(), "Application " + tn + " needs a correction");
  EXPECT_NE(std::string(inbox[0].at("body").as_string()).find("Unggah ulang STR yang terbaca"), std::string::npos);
  auto two = WaitFor([&] {
    auto t = gateway_.sink().Messages("+6281260000001");
    return t.size() >= 2 ? t : decltype(t){};
  });
  EXPECT_EQ(two.size(), 2u);
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/inbox/read", "{}", citizen).status, 200);

  // Her export of personal data (UU 27/2022) lists what was sent to her on every channel.
  std::string exported = testing::Get(port_, "/api/v1/me/export", citizen).body;
  for (const char* channel : {"\"inbox\"", "\"email\"", "\"sms\""}) {
    EXPECT_NE(exported.find(channel), std::string::npos) << channel << " missing from " << exported;
  }
  EXPECT_EQ(json::parse(testing::Get(port_, "/api/v1/inbox", citizen).body).at("unread").as_int64(), 0);
}

TEST_P(Notifications, PreferencesAreCheckedAndTheInboxNeedsASignedInAccount) {
  StartServer();
  auto bad = Put("/api/v1/me/preferences", R"({"language": "fr", "phone_channel": "pager"})", As("warga2@demo.id"));
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("\"language\""), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("\"phone_channel\""), std::string::npos) << bad.body;
  // An officer account without a phone number cannot ask for SMS.
  auto no_phone = Put("/api/v1/me/preferences", R"({"language": "id", "phone_channel": "sms"})",
                      As("verifikator.dpmptsp@demo.go.id"));
  ASSERT_EQ(no_phone.status, 422) << no_phone.body;
  EXPECT_NE(no_phone.body.find("nomor telepon"), std::string::npos) << no_phone.body;
  EXPECT_EQ(testing::Get(port_, "/api/v1/inbox").status, 401);
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/inbox/read", "{}").status, 401);
}

TEST_P(Notifications, TheOutboxRetriesARefusingGatewayAndRecordsABadToken) {
  std::filesystem::create_directories(db_->config.data_dir);
  auto vault = PiiVault::OpenOrCreate(db_->config.data_dir + "/pii.key");
  ASSERT_TRUE(vault.ok());
  auto db = app::OpenDatabase(db_->config);
  ASSERT_TRUE(db.ok());
  i18n::Catalog texts = i18n::Catalog::FromResources();
  auto store = notify::MakeSqlNotifyStore();
  notify::Notifier notifier(*store, texts, "https://portal.example");
  notify::Recipient to;
  to.phone_channel = "whatsapp";
  to.phone_sealed = vault->Seal("081299990000");
  ASSERT_TRUE((*db)
                  ->Write([&](soci::session& s) -> Status {
                    notifier.Send(s, to, "application_completed",
                                  {{"tracking_number", "2611-0000-0001"}, {"service", "Akta"}, {"note", ""}},
                                  "/permohonan/2611-0000-0001", "2026-11-23T01:00:00Z");
                    return Ok{};
                  })
                  .ok());
  long long sealed_rows = *(*db)->Read([&](soci::session& s) {
    long long n = 0;
    s << "SELECT COUNT(*) FROM notification_outbox WHERE channel = 'whatsapp' AND recipient NOT LIKE '%0812%'",
        soci::into(n);
    return n;
  });
  EXPECT_EQ(sealed_rows, 1) << "the phone number is sealed in the outbox";

  TimePoint now = *ParseUtc("2026-11-23T01:00:00Z");
  // A wrong token: refused with 401, recorded, not delivered.
  auto wrong = MakeHttpTextGateway(gateway_.url(), "not-the-token");
  notify::OutboxWorker refused(**db, *store, nullptr, wrong.get(), *vault, [&] { return now; });
  EXPECT_EQ(refused.RunOnce(), 0);
  std::string error = *(*db)->Read([](soci::session& s) {
    std::string e;
    s << "SELECT last_error FROM notification_outbox", soci::into(e);
    return e;
  });
  EXPECT_NE(error.find("401"), std::string::npos) << error;

  // The right token, while the gateway is busy: kept for 60 s more (second attempt), then delivered once.
  auto right = MakeHttpTextGateway(gateway_.url(), kToken);
  notify::OutboxWorker worker(**db, *store, nullptr, right.get(), *vault, [&] { return now; });
  now += std::chrono::seconds(31);
  gateway_.sink().RefuseNext(1);
  EXPECT_EQ(worker.RunOnce(), 0);
  EXPECT_TRUE(gateway_.sink().Messages().empty());
  now += std::chrono::seconds(30);
  EXPECT_EQ(worker.RunOnce(), 0) << "not before its delay";
  now += std::chrono::seconds(31);
  EXPECT_EQ(worker.RunOnce(), 1);
  auto got = gateway_.sink().Messages();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].to, "+6281299990000");
  EXPECT_EQ(got[0].channel, "whatsapp");
  EXPECT_NE(got[0].text.find("2611-0000-0001"), std::string::npos) << got[0].text;
  EXPECT_EQ(worker.RunOnce(), 0) << "a sent message is never sent again";

  // A reply lost after the gateway kept the message: the retry carries the same reference and is kept once.
  auto again = right->Send({"whatsapp", "081299990000", "ulang", got[0].reference});
  EXPECT_TRUE(again.ok());
  EXPECT_EQ(gateway_.sink().Messages().size(), 1u);
  EXPECT_EQ(gateway_.sink().Duplicates(), 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, Notifications, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
