// Registration, e-mail verification, sign-in and sessions, on SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <regex>
#include <set>

#include "app/app.hpp"
#include "identity/service.hpp"
#include "platform/totp.hpp"
#include "testing/test_env.hpp"

namespace spbe::identity {
namespace {

using namespace std::chrono_literals;

class IdentityContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    env_ = std::make_unique<testing::TestDatabase>(GetParam());
    testing::MigrateOrDie(env_->config);
    auto db = app::OpenDatabase(env_->config);
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    auto vault = PiiVault::OpenOrCreate(env_->config.data_dir + "/keys/pii.key");
    ASSERT_TRUE(vault.ok());
    vault_ = std::make_unique<PiiVault>(std::move(*vault));
    org_ = std::make_unique<org::OrgService>(*db_, *org_store_, [] { return std::string("2026-11-22T00:00:00Z"); });
    IdentityOptions fast;
    fast.password = {1, 8u << 20};  // cheap hashing keeps the suite fast; production uses password::kDefault
    limiter_ = std::make_unique<Limiter>(
        *counters_, [this] { return now_; }, [](std::string_view k) { return std::string(k); });
    service_ = std::make_unique<IdentityService>(
        *db_, *store_, *vault_, *org_, *limiter_, limits_, [this] { return now_; }, fast);
  }

  Registration Citizen(std::string email = "budi@mail.example", std::string nik = "1210011505900003",
                       std::string phone = "0812-3456-7890") {
    return {"warga", "Budi Santoso", email, phone, "kuda-lumping-di-sawah", nik, "", ""};
  }

  std::string LastCodeSentTo(const std::string& email) {
    auto body = db_->Read([&](soci::session& s) {
      std::string b;
      s << "SELECT body FROM notification_outbox WHERE recipient = :r ORDER BY id DESC", soci::use(email, "r"),
          soci::into(b);
      return b;
    });
    std::smatch m;
    std::regex six("\\b(\\d{6})\\b");
    EXPECT_TRUE(std::regex_search(*body, m, six)) << *body;
    return m[1];
  }

  TimePoint now_ = std::chrono::sys_days(std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11},
                                                                     std::chrono::day{22}}) +
                   10h;
  std::unique_ptr<testing::TestDatabase> env_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<PiiVault> vault_;
  std::unique_ptr<org::OrgStore> org_store_ = org::MakeSqlOrgStore();
  std::unique_ptr<org::OrgService> org_;
  std::unique_ptr<IdentityStore> store_ = MakeSqlIdentityStore();
  std::unique_ptr<LimitCounters> counters_ = MakeMemoryLimitCounters();
  Limits limits_;
  std::unique_ptr<Limiter> limiter_;
  std::unique_ptr<IdentityService> service_;
};

TEST_P(IdentityContract, RegistrationErrorsNameEveryBadField) {
  Registration r{"warga", "", "not-an-email", "12345", "indonesia123", "9910011505900003", "", ""};
  auto res = service_->Register(r, "en");
  ASSERT_FALSE(res.ok());
  std::set<std::string> fields;
  for (const auto& f : res.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"name", "email", "phone", "password", "nik"}));
  Registration business = Citizen();
  business.kind = "pelaku_usaha";
  business.nib = "123";
  business.npwp = "01.234.567.1-123.000";
  res = service_->Register(business, "id");
  ASSERT_FALSE(res.ok());
  fields.clear();
  for (const auto& f : res.error().fields) fields.insert(f.field);
  EXPECT_EQ(fields, (std::set<std::string>{"nib", "npwp"}));
}

TEST_P(IdentityContract, RegisterVerifySignInAndOut) {
  auto reg = service_->Register(Citizen(), "id");
  ASSERT_TRUE(reg.ok()) << reg.error().detail;
  EXPECT_EQ(reg->status, "pending");

  auto early = service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kForbidden) << "a pending account must verify first";

  std::string code = LastCodeSentTo("budi@mail.example");
  std::string wrong = code == "000000" ? "111111" : "000000";
  EXPECT_EQ(service_->VerifyEmail("budi@mail.example", wrong, "en").error().fields.at(0).field, "code");
  ASSERT_TRUE(service_->VerifyEmail("Budi@Mail.Example", code, "en").ok());

  auto by_email = service_->Login("BUDI@mail.example", "kuda-lumping-di-sawah", "en");
  ASSERT_TRUE(by_email.ok()) << by_email.error().detail;
  auto by_nik = service_->Login("1210011505900003", "kuda-lumping-di-sawah", "en");
  ASSERT_TRUE(by_nik.ok());
  EXPECT_NE(by_email->token, by_nik->token);

  auto actor = service_->Authenticate(by_email->token);
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->account_id, reg->account_id);
  EXPECT_EQ(actor->kind, access::AccountKind::kWarga);
  auto me = service_->Me(*actor);
  ASSERT_TRUE(me.ok());
  EXPECT_EQ(me->nik_masked, "1210********0003");
  EXPECT_EQ(me->account.email, "budi@mail.example");

  ASSERT_TRUE(service_->Logout(by_email->token).ok());
  EXPECT_FALSE(service_->Authenticate(by_email->token));
  EXPECT_TRUE(service_->Authenticate(by_nik->token)) << "other sessions stay";
  ASSERT_TRUE(service_->LogoutEverywhere(reg->account_id).ok());
  EXPECT_FALSE(service_->Authenticate(by_nik->token));
}

TEST_P(IdentityContract, WrongUserAndWrongPasswordLookTheSame) {
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  ASSERT_TRUE(service_->VerifyEmail("budi@mail.example", LastCodeSentTo("budi@mail.example"), "en").ok());
  auto wrong_password = service_->Login("budi@mail.example", "salah-kata-sandi-ini", "en");
  auto no_user = service_->Login("siapa@mail.example", "salah-kata-sandi-ini", "en");
  ASSERT_FALSE(wrong_password.ok());
  ASSERT_FALSE(no_user.ok());
  EXPECT_EQ(wrong_password.error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(wrong_password.error().detail, no_user.error().detail);
}

TEST_P(IdentityContract, ATakenAddressOrNikGetsTheSameAnswerAndOnlyTheMailboxIsTold) {
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  ASSERT_TRUE(service_->VerifyEmail("budi@mail.example", LastCodeSentTo("budi@mail.example"), "en").ok());
  auto count = [&](const std::string& sql) {
    return *db_->Read([&](soci::session& s) {
      int n = 0;
      s << sql, soci::into(n);
      return n;
    });
  };
  // The same NIK and phone under another address: the same answer as a fresh sign-up, nothing created; the address
  // typed learns by mail why (only its owner reads that).
  auto same_nik = service_->Register(Citizen("budi2@mail.example"), "en");
  ASSERT_TRUE(same_nik.ok()) << same_nik.error().detail;
  EXPECT_EQ(same_nik->status, "pending");
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), 1);
  auto mail = *db_->Read([](soci::session& s) {
    std::string b;
    s << "SELECT body FROM notification_outbox WHERE recipient = 'budi2@mail.example'", soci::into(b);
    return b;
  });
  EXPECT_NE(mail.find("No account could be created"), std::string::npos) << mail;
  EXPECT_EQ(mail.find("NIK"), std::string::npos) << "the address typed is not told which detail is taken";
  EXPECT_EQ(mail.find("1210011505900003"), std::string::npos) << "the mail never repeats the NIK";
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = 'budi@mail.example' AND subject LIKE "
                  "'Someone tried to register with your details'"),
            1)
      << "the owner of the NIK is told";
  // The taken address itself: the same answer again; its owner hears that someone tried.
  auto same_email = service_->Register(Citizen("budi@mail.example", "1210015505900004", "0813-1111-2222"), "en");
  ASSERT_TRUE(same_email.ok());
  EXPECT_EQ(same_email->status, "pending");
  EXPECT_EQ(count("SELECT COUNT(*) FROM accounts"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification_outbox WHERE recipient = 'budi@mail.example' AND subject = "
                  "'Someone tried to register with your address'"),
            1);
  // The existing account is unchanged: its password still signs in.
  EXPECT_TRUE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en").ok());
}

TEST_P(IdentityContract, AnUnverifiedSignUpHoldsNothingAfterTheHold) {
  // Someone types Budi's NIK and phone with their own address and never verifies it.
  ASSERT_TRUE(service_->Register(Citizen("penyerobot@mail.example"), "en").ok());
  // Within the hold Budi's own sign-up does not take over: the stranger's may still be verified by its owner.
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  auto pending = [&] {
    return *db_->Read([](soci::session& s) {
      std::string email;
      s << "SELECT email FROM accounts", soci::into(email);
      return email;
    });
  };
  EXPECT_EQ(pending(), "penyerobot@mail.example");
  // A day later it holds nothing: Budi registers and verifies.
  now_ += 24h + 1min;
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  EXPECT_EQ(pending(), "budi@mail.example");
  ASSERT_TRUE(service_->VerifyEmail("budi@mail.example", LastCodeSentTo("budi@mail.example"), "en").ok());
  // The sweep removes sign-ups nobody verified, and only those.
  ASSERT_TRUE(service_->Register(Citizen("lain@mail.example", "1210015505900004", "0813-1111-2222"), "en").ok());
  EXPECT_EQ(*service_->PurgeUnverified(), 0) << "still within its day";
  now_ += 25h;
  EXPECT_EQ(*service_->PurgeUnverified(), 1);
  EXPECT_TRUE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en").ok());
  // Registering again with the same unverified address replaces the first try (a lost code, a typo in the name).
  ASSERT_TRUE(service_->Register(Citizen("ulang@mail.example", "1210015505900004", "0813-1111-2222"), "en").ok());
  ASSERT_TRUE(service_->Register(Citizen("ulang@mail.example", "1210015505900004", "0813-1111-2222"), "en").ok());
  EXPECT_TRUE(service_->VerifyEmail("ulang@mail.example", LastCodeSentTo("ulang@mail.example"), "en").ok());
}

TEST_P(IdentityContract, PersonalDataIsSealedAtRest) {
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  auto row = db_->Read([](soci::session& s) {
    std::string nik, phone;
    s << "SELECT nik_sealed, phone_sealed FROM accounts", soci::into(nik), soci::into(phone);
    return nik + phone;
  });
  EXPECT_EQ(row->find("1210011505900003"), std::string::npos);
  EXPECT_EQ(row->find("81234567890"), std::string::npos);
}

TEST_P(IdentityContract, SessionsEndWhenIdleOrExpiredAndCodesExpire) {
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  std::string code = LastCodeSentTo("budi@mail.example");
  now_ += 31min;  // the code lived 30 minutes
  EXPECT_FALSE(service_->VerifyEmail("budi@mail.example", code, "en").ok());
  ASSERT_TRUE(service_->Register(Citizen("budi3@mail.example", "1210015505900004", "0813-1111-2222"), "en").ok());
  ASSERT_TRUE(service_->VerifyEmail("budi3@mail.example", LastCodeSentTo("budi3@mail.example"), "en").ok());
  auto s = service_->Login("budi3@mail.example", "kuda-lumping-di-sawah", "en");
  ASSERT_TRUE(s.ok());
  now_ += 6 * 24h;
  EXPECT_TRUE(service_->Authenticate(s->token)) << "6 days idle is within a citizen's 7";
  now_ += 6 * 24h;
  EXPECT_TRUE(service_->Authenticate(s->token));
  now_ += 8 * 24h;
  EXPECT_FALSE(service_->Authenticate(s->token)) << "8 days idle";
}

TEST_P(IdentityContract, TooManyWrongCodesBurnTheCode) {
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  std::string code = LastCodeSentTo("budi@mail.example");
  std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(service_->VerifyEmail("budi@mail.example", wrong, "en").ok());
  EXPECT_FALSE(service_->VerifyEmail("budi@mail.example", code, "en").ok()) << "the right code after 5 wrong ones";
}

TEST_P(IdentityContract, FailuresLockTheAccountFromThatAddressOnly) {
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  ASSERT_TRUE(service_->VerifyEmail("budi@mail.example", LastCodeSentTo("budi@mail.example"), "en").ok());
  ASSERT_TRUE(service_->Register(Citizen("siti@mail.example", "1210015505900004", "0813-1111-2222"), "en").ok());
  ASSERT_TRUE(service_->VerifyEmail("siti@mail.example", LastCodeSentTo("siti@mail.example"), "en").ok());
  access::Actor office{0, access::AccountKind::kWarga, {}, "203.0.113.7"};  // a kantor's NAT
  access::Actor home{0, access::AccountKind::kWarga, {}, "198.51.100.20"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(service_->Login("budi@mail.example", "tebakan-yang-salah", "en", office).error().code,
              ErrorCode::kUnauthorized);
  }
  // Five failures lock Budi's account from that address: even the right password waits, and says how long.
  auto blocked = service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en", office);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(blocked.error().retry_after_s, 0);
  EXPECT_LE(blocked.error().retry_after_s, 30 * 60);
  EXPECT_NE(blocked.error().detail.find("try again in"), std::string::npos) << blocked.error().detail;
  // Nobody else behind the same address is locked out, and Budi is not locked out from elsewhere.
  EXPECT_TRUE(service_->Login("siti@mail.example", "kuda-lumping-di-sawah", "en", office).ok());
  EXPECT_TRUE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en", home).ok());
  // The lock ends with its window.
  now_ += 31min;
  ASSERT_TRUE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en", office).ok());
  // A success clears the pair's failures: one more typo does not lock.
  EXPECT_EQ(service_->Login("budi@mail.example", "tebakan-yang-salah", "en", office).error().code,
            ErrorCode::kUnauthorized);
  EXPECT_TRUE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en", office).ok());
}

TEST_P(IdentityContract, GuessingAccountsFromOneAddressOrOneAccountFromManyIsBraked) {
  limits_.signin_address.max = 20;
  limits_.signin_account.max = 12;
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  ASSERT_TRUE(service_->VerifyEmail("budi@mail.example", LastCodeSentTo("budi@mail.example"), "en").ok());
  // One address trying many usernames: braked after its ceiling, whatever the username.
  access::Actor stuffer{0, access::AccountKind::kWarga, {}, "192.0.2.66"};
  for (int i = 0; i < 20; ++i) {
    auto r = service_->Login("orang" + std::to_string(i) + "@mail.example", "kata-sandi-bocor", "en", stuffer);
    EXPECT_EQ(r.error().code, ErrorCode::kUnauthorized) << i;
  }
  EXPECT_EQ(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en", stuffer).error().code,
            ErrorCode::kRateLimited);
  // One account tried from many addresses (four each, under the pair's lock): braked at the account's ceiling. The
  // stuffer's refused attempt above tried no password, so it counted for nothing: all twelve are tried.
  for (int i = 0; i < 12; ++i) {
    access::Actor bot{0, access::AccountKind::kWarga, {}, "198.51.100." + std::to_string(i / 4 + 1)};
    EXPECT_EQ(service_->Login("budi@mail.example", "tebakan", "en", bot).error().code, ErrorCode::kUnauthorized);
  }
  access::Actor fresh{0, access::AccountKind::kWarga, {}, "198.51.100.200"};
  EXPECT_EQ(service_->Login("budi@mail.example", "tebakan", "en", fresh).error().code, ErrorCode::kRateLimited);
}

TEST_P(IdentityContract, ResetCodesCannotBeAskedForOrTriedWithoutLimit) {
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  ASSERT_TRUE(service_->VerifyEmail("budi@mail.example", LastCodeSentTo("budi@mail.example"), "en").ok());
  access::Actor attacker{0, access::AccountKind::kWarga, {}, "192.0.2.9"};
  // Three codes an hour to one address (the registration's code counted as one): no mail bomb, few codes to guess.
  EXPECT_TRUE(service_->RequestPasswordReset("budi@mail.example", "en", attacker).ok());
  EXPECT_TRUE(service_->RequestPasswordReset("budi@mail.example", "en", attacker).ok());
  auto third = service_->RequestPasswordReset("budi@mail.example", "en", attacker);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, ErrorCode::kRateLimited);
  // An unknown address is braked the same way, so the brake tells nothing about who has an account.
  for (int i = 0; i < 3; ++i) (void)service_->RequestPasswordReset("tidak-ada@mail.example", "en", attacker);
  EXPECT_EQ(service_->RequestPasswordReset("tidak-ada@mail.example", "en", attacker).error().code,
            ErrorCode::kRateLimited);
  // Wrong codes: each code takes five tries, from wherever they come; then even the right one is dead. With three codes
  // an hour, one address is guessed at no more than fifteen times an hour.
  std::string code = LastCodeSentTo("budi@mail.example");
  std::string wrong = code == "000000" ? "111111" : "000000";
  for (int i = 0; i < 5; ++i) {
    access::Actor from{0, access::AccountKind::kWarga, {}, "192.0.2." + std::to_string(20 + i)};
    auto r = service_->ResetPassword("budi@mail.example", wrong, "kata-sandi-baru-panjang", "en", from);
    EXPECT_EQ(r.error().code, ErrorCode::kValidation) << i;
  }
  auto dead = service_->ResetPassword("budi@mail.example", code, "kata-sandi-baru-panjang", "en", attacker);
  ASSERT_FALSE(dead.ok());
  EXPECT_EQ(dead.error().code, ErrorCode::kValidation);
  EXPECT_TRUE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en").ok()) << "password unchanged";
  // One address trying codes for many e-mail addresses is braked.
  limits_.code_confirm_address.max = 8;
  int braked = 0;
  for (int i = 0; i < 10; ++i) {
    auto r = service_->ResetPassword("orang" + std::to_string(i) + "@mail.example", "123456", "kata-sandi-baru-panjang",
                                     "en", attacker);
    braked += r.error().code == ErrorCode::kRateLimited;
  }
  EXPECT_EQ(braked, 3) << "with the dead code's try above, the ninth attempt onwards";
}

TEST_P(IdentityContract, AdminsCreateOfficersWhoChooseTheirOwnPassword) {
  auto kab = org_->CreateAsSystem({std::nullopt, org::NodeKind::kKabupatenKota, "Kab", "kab", "12.10"});
  auto opd = org_->CreateAsSystem({kab->id, org::NodeKind::kPerangkatDaerah, "DPMPTSP", "dpmptsp", ""});
  auto other = org_->CreateAsSystem({kab->id, org::NodeKind::kPerangkatDaerah, "Dinkes", "dinkes", ""});
  access::Actor admin{99, access::AccountKind::kAsn, {{opd->id, access::Role::kAdminInstansi}}};
  NewOfficer o{"Dewi Lubis", "dewi@dpmptsp.example", "198503122010012002", "Verifikator", opd->id, "verifikator"};

  auto id = service_->CreateOfficer(admin, o, "en", "https://portal.example");
  ASSERT_TRUE(id.ok()) << id.error().detail;
  EXPECT_FALSE(service_->Login("dewi@dpmptsp.example", "anything-at-all", "en").ok()) << "no password yet";

  NewOfficer elsewhere = o;
  elsewhere.node_id = other->id;
  elsewhere.email = "x@dinkes.example";
  elsewhere.nip = "198503122010011003";
  EXPECT_EQ(service_->CreateOfficer(admin, elsewhere, "en", "").error().code, ErrorCode::kForbidden);
  NewOfficer raise = o;
  raise.role = "admin_platform";
  raise.email = "y@dpmptsp.example";
  raise.nip = "198503122010011004";
  EXPECT_EQ(service_->CreateOfficer(admin, raise, "en", "").error().code, ErrorCode::kForbidden)
      << "an agency admin cannot create a platform admin";
  NewOfficer bad = o;
  bad.nip = "123";
  bad.email = "z@dpmptsp.example";
  EXPECT_EQ(service_->CreateOfficer(admin, bad, "en", "").error().fields.at(0).field, "nip");

  std::string code = LastCodeSentTo("dewi@dpmptsp.example");
  EXPECT_FALSE(service_->Activate("dewi@dpmptsp.example", code, "short", "en").ok());
  ASSERT_TRUE(service_->Activate("dewi@dpmptsp.example", code, "sawah-di-tepi-sungai", "en").ok());
  auto in = service_->Login("198503122010012002", "sawah-di-tepi-sungai", "en");  // by NIP
  ASSERT_TRUE(in.ok());
  auto actor = service_->Authenticate(in->token);
  ASSERT_TRUE(actor);
  ASSERT_EQ(actor->grants.size(), 1u);
  EXPECT_EQ(actor->grants[0].role, access::Role::kVerifikator);
  EXPECT_EQ(actor->grants[0].node_id, opd->id);
}

TEST_P(IdentityContract, PasswordResetByCodeEndsOldSessions) {
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  ASSERT_TRUE(service_->VerifyEmail("budi@mail.example", LastCodeSentTo("budi@mail.example"), "en").ok());
  auto old = service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en");
  ASSERT_TRUE(old.ok());
  ASSERT_TRUE(service_->RequestPasswordReset("nobody@mail.example", "en").ok()) << "unknown addresses look the same";
  ASSERT_TRUE(service_->RequestPasswordReset("budi@mail.example", "en").ok());
  std::string code = LastCodeSentTo("budi@mail.example");
  ASSERT_TRUE(service_->ResetPassword("budi@mail.example", code, "jalan-jalan-ke-danau-toba", "en").ok());
  EXPECT_FALSE(service_->Authenticate(old->token)) << "sessions opened with the old password end";
  EXPECT_FALSE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en").ok());
  EXPECT_TRUE(service_->Login("budi@mail.example", "jalan-jalan-ke-danau-toba", "en").ok());
  EXPECT_FALSE(service_->ResetPassword("budi@mail.example", code, "another-long-password", "en").ok())
      << "a code works once";
}

TEST_P(IdentityContract, HeadsAndAdminsGetASecondFactorAtActivation) {
  auto kab = org_->CreateAsSystem({std::nullopt, org::NodeKind::kKabupatenKota, "Kab", "kab", "12.10"});
  auto opd = org_->CreateAsSystem({kab->id, org::NodeKind::kPerangkatDaerah, "DPMPTSP", "dpmptsp", ""});
  access::Actor admin{99, access::AccountKind::kAsn, {{opd->id, access::Role::kAdminInstansi}}};
  NewOfficer head{"Kepala Dinas", "kepala@dpmptsp.example", "197001012000011001", "Kepala Dinas", opd->id, "kepala"};
  ASSERT_TRUE(service_->CreateOfficer(admin, head, "en", "").ok());
  auto setup = service_->Activate("kepala@dpmptsp.example", LastCodeSentTo("kepala@dpmptsp.example"),
                                  "rumah-gadang-di-bukit", "en");
  ASSERT_TRUE(setup.ok());
  ASSERT_TRUE(setup->enabled) << "a kepala signs with a second factor";
  std::string secret = totp::FromBase32(setup->secret_base32);
  ASSERT_EQ(secret.size(), 20u);

  auto without = service_->Login("kepala@dpmptsp.example", "rumah-gadang-di-bukit", "en");
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(without.error().fields.at(0).field, "totp");
  auto unix_now = std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count();
  std::string code = totp::CodeAt(secret, unix_now);
  std::string wrong = code == "000000" ? "111111" : "000000";
  EXPECT_FALSE(service_->Login("kepala@dpmptsp.example", "rumah-gadang-di-bukit", "en", {}, wrong).ok());
  EXPECT_TRUE(service_->Login("kepala@dpmptsp.example", "rumah-gadang-di-bukit", "en", {}, code).ok());
}

TEST_P(IdentityContract, AnyoneMayTurnOnASecondFactor) {
  ASSERT_TRUE(service_->Register(Citizen(), "en").ok());
  ASSERT_TRUE(service_->VerifyEmail("budi@mail.example", LastCodeSentTo("budi@mail.example"), "en").ok());
  auto in = service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en");
  auto actor = *service_->Authenticate(in->token);
  auto setup = service_->StartTotp(actor, "en");
  ASSERT_TRUE(setup.ok());
  EXPECT_EQ(setup->otpauth_uri.rfind("otpauth://totp/", 0), 0u);
  EXPECT_TRUE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en").ok()) << "not on until confirmed";
  auto unix_now = std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count();
  std::string code = totp::CodeAt(totp::FromBase32(setup->secret_base32), unix_now);
  EXPECT_FALSE(service_->ConfirmTotp(actor, code == "000000" ? "111111" : "000000", "en").ok());
  ASSERT_TRUE(service_->ConfirmTotp(actor, code, "en").ok());
  EXPECT_FALSE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en").ok());
  EXPECT_TRUE(service_->Login("budi@mail.example", "kuda-lumping-di-sawah", "en", {}, code).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, IdentityContract, ::testing::ValuesIn(testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spbe::identity
