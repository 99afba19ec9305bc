// The outbox sender against a real SMTP server on loopback (the mail sink), on each engine: registration mail
// arrives and its code verifies the account; a relay that refuses is retried later; two senders never deliver a
// message twice.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include "app/app.hpp"
#include "mailsink/smtp_sink.hpp"
#include "notify/outbox.hpp"
#include "platform/mail.hpp"
#include "storage/database.hpp"
#include "testing/http_client.hpp"
#include "testing/test_env.hpp"
#include "testing/wait.hpp"

namespace spbe {
namespace {

using testing::PostJson;

class MailDelivery : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    db_ = std::make_unique<testing::TestDatabase>(GetParam());
    testing::MigrateOrDie(db_->config);
  }
  // The outbox opens sealed phone numbers with it; e-mail tests never need it.
  const PiiVault& Vault() {
    if (!vault_) {
      std::filesystem::create_directories(db_->config.data_dir);
      vault_ = std::make_unique<PiiVault>(*PiiVault::OpenOrCreate(db_->config.data_dir + "/pii.key"));
    }
    return *vault_;
  }
  std::unique_ptr<storage::Database> Open() {
    auto db = app::OpenDatabase(db_->config);
    EXPECT_TRUE(db.ok());
    return std::move(*db);
  }
  static void Enqueue(storage::Database& db, int n) {
    ASSERT_TRUE(db.Write([&](soci::session& s) -> Status {
                    for (int i = 0; i < n; ++i) {
                      std::string to = "warga" + std::to_string(i) + "@mail.example";
                      std::string body = "Pesan nomor " + std::to_string(i);
                      s << "INSERT INTO notification_outbox (channel, recipient, subject, body, created_at) "
                           "VALUES ('email', :to, 'Uji kirim', :body, '2026-11-22T00:00:00Z')",
                          soci::use(to, "to"), soci::use(body, "body");
                    }
                    return Ok{};
                  }).ok());
  }
  static int Scalar(storage::Database& db, const std::string& sql) {
    return *db.Read([&](soci::session& s) {
      long long v = 0;
      s << sql, soci::into(v);
      return static_cast<int>(v);
    });
  }

  std::unique_ptr<testing::TestDatabase> db_;
  std::unique_ptr<PiiVault> vault_;
};

TEST_P(MailDelivery, RegistrationCodeArrivesBySmtpAndVerifiesTheAccount) {
  mailsink::SmtpSink sink;
  db_->config.smtp_url = sink.url();
  db_->config.mail_from = "noreply@portal.example";
  testing::TestServer server(db_->config, false);
  auto reg = PostJson(server.port(), "/api/v1/auth/register",
                      R"({"name":"Budi Santoso","email":"budi@mail.example","password":"kuda-lumping-di-sawah",
                          "nik":"1210011505900003"})");
  ASSERT_EQ(reg.status, 201) << reg.body;

  auto mail = testing::EventuallyNonEmpty([&] { return sink.Messages("budi@mail.example"); });
  ASSERT_EQ(mail.size(), 1u) << "the outbox worker did not deliver within a minute";
  EXPECT_EQ(mail[0].from, "noreply@portal.example");
  EXPECT_NE(mail[0].subject.find("SPBE"), std::string::npos) << mail[0].subject;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(mail[0].body, m, std::regex("\\b(\\d{6})\\b"))) << mail[0].body;

  auto verify = PostJson(server.port(), "/api/v1/auth/verify-email",
                         R"({"email":"budi@mail.example","code":")" + m[1].str() + R"("})");
  EXPECT_EQ(verify.status, 200) << verify.body;
  auto login = PostJson(server.port(), "/api/v1/auth/login",
                        R"({"username":"budi@mail.example","password":"kuda-lumping-di-sawah"})");
  EXPECT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(Scalar(server.app().database(), "SELECT COUNT(*) FROM notification_outbox WHERE sent_at IS NOT NULL"), 1);
}

TEST_P(MailDelivery, RefusedMessageIsRetriedAfterItsDelayAndThenMarkedSent) {
  mailsink::SmtpSink sink;
  auto mailer = MakeSmtpMailer(sink.url(), "noreply@portal.example");
  auto db = Open();
  Enqueue(*db, 1);
  TimePoint now = *ParseUtc("2026-11-22T08:00:00Z");
  auto store = notify::MakeSqlNotifyStore();
  notify::OutboxWorker worker(*db, *store, mailer.get(), nullptr, Vault(), [&] { return now; });

  sink.RefuseNext(1);
  EXPECT_EQ(worker.RunOnce(), 0);
  EXPECT_EQ(sink.Count(), 0u);
  EXPECT_EQ(Scalar(*db, "SELECT attempts FROM notification_outbox"), 1);
  std::string error = *db->Read([](soci::session& s) {
    std::string e;
    s << "SELECT last_error FROM notification_outbox", soci::into(e);
    return e;
  });
  EXPECT_NE(error.find("smtp"), std::string::npos) << error;

  now += std::chrono::seconds(10);  // before the 30 s back-off: left alone
  EXPECT_EQ(worker.RunOnce(), 0);
  EXPECT_EQ(sink.Count(), 0u);

  now += std::chrono::seconds(30);
  EXPECT_EQ(worker.RunOnce(), 1);
  ASSERT_EQ(sink.Count(), 1u);
  EXPECT_EQ(sink.Messages()[0].body, "Pesan nomor 0");
  EXPECT_EQ(Scalar(*db, "SELECT COUNT(*) FROM notification_outbox WHERE sent_at IS NULL"), 0);
  EXPECT_EQ(worker.RunOnce(), 0) << "a sent message is never sent again";
  EXPECT_EQ(sink.Count(), 1u);
}

TEST_P(MailDelivery, UnreachableRelayKeepsTheMessageForLater) {
  int closed_port = 0;
  {
    mailsink::SmtpSink gone;
    closed_port = gone.port();
  }
  auto mailer = MakeSmtpMailer("smtp://127.0.0.1:" + std::to_string(closed_port), "noreply@portal.example");
  auto db = Open();
  Enqueue(*db, 2);
  auto store = notify::MakeSqlNotifyStore();
  notify::OutboxWorker worker(*db, *store, mailer.get(), nullptr, Vault(), SystemClock());
  EXPECT_EQ(worker.RunOnce(), 0);
  EXPECT_EQ(Scalar(*db, "SELECT COUNT(*) FROM notification_outbox WHERE sent_at IS NULL AND attempts = 1"), 2);
}

TEST_P(MailDelivery, TwoSendersDeliverEveryMessageExactlyOnce) {
  mailsink::SmtpSink sink;
  auto mailer = MakeSmtpMailer(sink.url(), "noreply@portal.example");
  auto db_a = Open();
  auto db_b = Open();  // on SQLite a second process would have its own writer; on PostgreSQL its own pool
  Enqueue(*db_a, 60);
  auto store = notify::MakeSqlNotifyStore();
  notify::OutboxWorker a(*db_a, *store, mailer.get(), nullptr, Vault(), SystemClock()),
      b(*db_b, *store, mailer.get(), nullptr, Vault(), SystemClock());
  int sent_a = 0, sent_b = 0;
  std::thread ta([&] {
    for (int n; (n = a.RunOnce()) > 0;) sent_a += n;
  });
  std::thread tb([&] {
    for (int n; (n = b.RunOnce()) > 0;) sent_b += n;
  });
  ta.join();
  tb.join();
  EXPECT_EQ(sent_a + sent_b, 60);
  EXPECT_EQ(sink.Count(), 60u);
  std::set<std::string> bodies;
  for (const auto& m : sink.Messages()) bodies.insert(m.body);
  EXPECT_EQ(bodies.size(), 60u) << "a message was delivered twice";
}

INSTANTIATE_TEST_SUITE_P(Engines, MailDelivery, ::testing::ValuesIn(testing::Engines()));

}  // namespace
}  // namespace spbe
