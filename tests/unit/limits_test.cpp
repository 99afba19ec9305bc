// The limits component (platform/limits.hpp) with a controlled clock, the client address behind trusted proxies,
// return paths, CSV cells and masked contacts: the small rules the trust issue rests on.
#include "platform/limits.hpp"

#include <gtest/gtest.h>

#include "http/forms.hpp"
#include "http/middleware.hpp"
#include "platform/cidr.hpp"
#include "platform/csv.hpp"
#include "platform/identifiers.hpp"

namespace spbe {
namespace {

using namespace std::chrono_literals;

struct Fixture {
  TimePoint now = TimePoint{std::chrono::sys_days(std::chrono::year{2026} / 12 / 2)} + 10h;
  std::unique_ptr<LimitCounters> counters = MakeMemoryLimitCounters();
  Limiter limiter{*counters, [this] { return now; }, [](std::string_view k) { return "h:" + std::string(k); }};
};

TEST(Limits, ParseAndFormatTheSettingsForm) {
  auto r = ParseLimit("x", "5/15m");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->max, 5);
  EXPECT_EQ(r->window, 900s);
  EXPECT_EQ(FormatLimit(*r), "5/15m");
  EXPECT_EQ(ParseLimit("x", "20/h")->window, 3600s);
  EXPECT_EQ(ParseLimit("x", "3/2d")->window, 2 * 86400s);
  EXPECT_EQ(ParseLimit("x", "0")->max, 0);
  for (const char* bad : {"", "5", "5/", "/1h", "5/1x", "-1/1h", "5/0h", "5/-1h", "abc/1h", "5/1h ", "5/400d"}) {
    EXPECT_FALSE(ParseLimit("x", bad)) << bad;
  }
}

TEST(Limits, CountsWithinTheWindowAndSaysWhenToComeBack) {
  Fixture f;
  LimitRule rule{"t", 3, 1h};
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(f.limiter.Hit(rule, "k").allowed) << i;
  EXPECT_FALSE(f.limiter.Check(rule, "k").allowed);
  auto over = f.limiter.Hit(rule, "k");
  EXPECT_FALSE(over.allowed);
  EXPECT_GT(over.retry_after, 0s);
  EXPECT_LE(over.retry_after, 2h);
  EXPECT_TRUE(f.limiter.Check(rule, "other").allowed) << "keys are counted apart";
  // Two windows later nothing weighs any more.
  f.now += 2h;
  EXPECT_TRUE(f.limiter.Check(rule, "k").allowed);
}

TEST(Limits, ThePreviousWindowWeighsLessAsTheCurrentOneGoesOn) {
  Fixture f;
  LimitRule rule{"t", 4, 1h};
  for (int i = 0; i < 4; ++i) f.limiter.Hit(rule, "k");  // 10:00-11:00 window, at 10:00
  f.now += 1h;                                           // 11:00: the previous four weigh fully
  EXPECT_FALSE(f.limiter.Check(rule, "k").allowed);
  auto v = f.limiter.Check(rule, "k");
  // One more fits when 4 x (1 - t) + 1 <= 4, at t = 1/4 of the hour: 15 minutes.
  EXPECT_NEAR(static_cast<double>(v.retry_after.count()), 900.0, 2.0);
  f.now += 15min + 1s;
  EXPECT_TRUE(f.limiter.Check(rule, "k").allowed);
}

TEST(Limits, ResetClearsAndOffMeansNoLimit) {
  Fixture f;
  LimitRule rule{"t", 1, 1h};
  f.limiter.Hit(rule, "k");
  EXPECT_FALSE(f.limiter.Check(rule, "k").allowed);
  f.limiter.Reset(rule, "k");
  EXPECT_TRUE(f.limiter.Check(rule, "k").allowed);
  LimitRule off{"off", 0, 1h};
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(f.limiter.Hit(off, "k").allowed);
  Limits none = Limits::Off();
  for (LimitRule* r : none.All()) EXPECT_EQ(r->max, 0) << r->name;
}

TEST(Limits, PurgeDropsWhatNoLongerCounts) {
  Fixture f;
  LimitRule rule{"t", 5, 1h};
  f.limiter.Hit(rule, "a");
  f.limiter.Hit(rule, "b");
  EXPECT_EQ(*f.counters->Purge(f.now), 0);
  EXPECT_EQ(*f.counters->Purge(f.now + 2h + 1s), 2);
}

TEST(Limits, AnAdmittedAttemptCountsUntilTakenBackAndARefusedOneNeverCounts) {
  Fixture f;
  LimitRule number{"n", 3, 1h}, address{"a", 100, 1h};
  // Three attempts in flight at once fill the number's rule; a fourth is refused while they last.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(f.limiter.Admit({{number, "t"}, {address, "x"}}, "id")) << i;
  auto refused = f.limiter.Admit({{number, "t"}, {address, "x"}}, "en");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->code, ErrorCode::kRateLimited);
  // The refused one tried nothing: it left no count behind, on either rule.
  EXPECT_EQ(
      f.counters->Count("n", "h:t", TimePoint{std::chrono::floor<std::chrono::hours>(f.now.time_since_epoch())}, 1h, 0)
          ->current,
      3);
  EXPECT_EQ(
      f.counters->Count("a", "h:x", TimePoint{std::chrono::floor<std::chrono::hours>(f.now.time_since_epoch())}, 1h, 0)
          ->current,
      3);
  // The three were right answers: taken back, the number is free again, however many bursts came before.
  for (int i = 0; i < 3; ++i) f.limiter.RefundAll({{number, "t"}, {address, "x"}});
  for (int burst = 0; burst < 50; ++burst) {
    EXPECT_FALSE(f.limiter.Admit({{number, "t"}, {address, "x"}}, "id")) << burst;
    f.limiter.RefundAll({{number, "t"}, {address, "x"}});
  }
  // Wrong answers are not taken back: after three, even the right one waits.
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(f.limiter.Admit({{number, "t"}, {address, "x"}}, "id"));
  EXPECT_TRUE(f.limiter.Admit({{number, "t"}, {address, "x"}}, "id"));
}

// Counters another process also counts into (as on PostgreSQL): memory here, but not "in memory" to the limiter, and
// every write they take is counted.
struct SharedCounters final : LimitCounters {
  std::unique_ptr<LimitCounters> inner = MakeMemoryLimitCounters();
  int writes = 0;
  Result<Window> Count(std::string_view rule, std::string_view key, TimePoint start, std::chrono::seconds window,
                       int add) override {
    if (add != 0) ++writes;
    return inner->Count(rule, key, start, window, add);
  }
  Status Clear(std::string_view rule, std::string_view key) override { return inner->Clear(rule, key); }
  Result<int> Purge(TimePoint now) override { return inner->Purge(now); }
};

TEST(Limits, WithSharedCountersARightAnswerWritesNothingAndFailuresAreShared) {
  TimePoint now = TimePoint{std::chrono::sys_days(std::chrono::year{2026} / 12 / 2)} + 10h;
  SharedCounters shared;
  auto hash = [](std::string_view k) { return "h:" + std::string(k); };
  Limiter here{shared, [&] { return now; }, hash}, there{shared, [&] { return now; }, hash};
  LimitRule number{"n", 3, 1h};
  for (int i = 0; i < 20; ++i) {
    auto a = here.Begin({{number, "t"}}, "en");
    ASSERT_FALSE(a.refused) << i;
    a.Succeeded();
  }
  EXPECT_EQ(shared.writes, 0) << "right answers cost no write to the shared counters";
  // Attempts in flight at once are counted in this process: the fourth waits.
  {
    auto a1 = here.Begin({{number, "t"}}, "en"), a2 = here.Begin({{number, "t"}}, "en"),
         a3 = here.Begin({{number, "t"}}, "en");
    EXPECT_TRUE(here.Begin({{number, "t"}}, "en").refused) << "the race within a process is closed";
    a1.Succeeded();
    a2.Succeeded();
    a3.Succeeded();
  }
  // Two wrong answers here and one in another process: the shared count stops both.
  for (int i = 0; i < 2; ++i) EXPECT_FALSE(here.Begin({{number, "t"}}, "en").refused);  // ends failed
  EXPECT_FALSE(there.Begin({{number, "t"}}, "en").refused);
  EXPECT_EQ(shared.writes, 3);
  EXPECT_TRUE(there.Begin({{number, "t"}}, "en").refused);
  auto refused = here.Begin({{number, "t"}}, "en");
  ASSERT_TRUE(refused.refused);
  EXPECT_EQ(refused.refused->code, ErrorCode::kRateLimited);
}

TEST(Limits, TheRefusalSaysHowLongInTheUsersLanguage) {
  auto e = Limiter::Refusal({false, 125s}, "id");
  EXPECT_EQ(e.code, ErrorCode::kRateLimited);
  EXPECT_EQ(e.retry_after_s, 125);
  EXPECT_EQ(e.detail, "terlalu banyak percobaan; coba lagi dalam 3 menit");
  EXPECT_EQ(Limiter::Refusal({false, 30s}, "en", "", "too many reports").detail,
            "too many reports; try again in 30 seconds");
}

TEST(ClientAddress, OnlyATrustedProxyIsBelievedAndOnlyAsFarAsItKnows) {
  auto trusted = *ParseCidrList("10.0.0.0/8, 192.168.1.5, 2001:db8::/32");
  // No proxy: the peer, whatever the header says.
  EXPECT_EQ(http::ClientAddressOf("203.0.113.9", "1.2.3.4", trusted), "203.0.113.9");
  EXPECT_EQ(http::ClientAddressOf("203.0.113.9", std::nullopt, trusted), "203.0.113.9");
  // Through our proxy: the address it saw.
  EXPECT_EQ(http::ClientAddressOf("10.1.2.3", "198.51.100.7", trusted), "198.51.100.7");
  // A client that writes its own X-Forwarded-For gains nothing: the rightmost untrusted address is the client.
  EXPECT_EQ(http::ClientAddressOf("10.1.2.3", "6.6.6.6, 198.51.100.7", trusted), "198.51.100.7");
  // Two of our proxies in a row.
  EXPECT_EQ(http::ClientAddressOf("10.1.2.3", "198.51.100.7, 192.168.1.5", trusted), "198.51.100.7");
  // What our proxy wrote but is no address stands for the client (never the proxy's own address, shared by all).
  EXPECT_EQ(http::ClientAddressOf("10.1.2.3", "not-an-ip", trusted), "?not-an-ip");
  EXPECT_EQ(http::ClientAddressOf("10.1.2.3", "6.6.6.6, unknown", trusted), "?unknown");
  // Ports and brackets are the proxy's way of writing, not another client.
  EXPECT_EQ(http::ClientAddressOf("10.1.2.3", "198.51.100.7:5678", trusted), "198.51.100.7");
  EXPECT_EQ(http::ClientAddressOf("10.1.2.3", "[2001:db9::5]:443", trusted), "2001:db9::5");
  EXPECT_EQ(http::ClientAddressOf("2001:db8::1", "2001:db9::5", trusted), "2001:db9::5");
  for (const char* bad : {"10.0.0.0/33", "10.0.0/8", "x", "10.0.0.0/", ",", "2001:db8::/129"}) {
    EXPECT_FALSE(ParseCidrList(bad)) << bad;
  }
  EXPECT_TRUE(ParseCidrList("")->empty());
  EXPECT_TRUE(InAnyNetwork(*ParseCidrList("0.0.0.0/0"), "8.8.8.8"));
  EXPECT_FALSE(InAnyNetwork(*ParseCidrList("10.0.0.0/8"), "11.0.0.1"));
  EXPECT_TRUE(InAnyNetwork(*ParseCidrList("10.128.0.0/9"), "10.200.0.1"));
  EXPECT_FALSE(InAnyNetwork(*ParseCidrList("10.128.0.0/9"), "10.100.0.1"));
}

TEST(ClientAddress, IPv6IsCountedByItsSlash64) {
  EXPECT_EQ(AddressKey("2001:db8:1:2:aaaa::1"), AddressKey("2001:db8:1:2:bbbb::9"));
  EXPECT_NE(AddressKey("2001:db8:1:2::1"), AddressKey("2001:db8:1:3::1"));
  EXPECT_EQ(AddressKey("203.0.113.9"), "203.0.113.9");
  EXPECT_EQ(AddressKey("?unknown"), "?unknown");
}

TEST(ReturnPath, OnlyAPathOnThisSiteIsFollowed) {
  EXPECT_EQ(http::SafeReturnPath("/permohonan"), "/permohonan");
  EXPECT_EQ(http::SafeReturnPath("/layanan/akta/ajukan?x=1"), "/layanan/akta/ajukan?x=1");
  EXPECT_EQ(http::SafeReturnPath("/"), "/");
  for (const char* bad :
       {"", "//evil.example/", "/\t/evil.example/", "/\\evil.example", "\\\\evil.example", "https://evil.example/",
        "javascript:alert(1)", "evil.example", "/\r\nSet-Cookie: x=1", "/a/../../evil", "/%0a"}) {
    std::string out = http::SafeReturnPath(bad);
    EXPECT_TRUE(out.empty() || (out[0] == '/' && (out.size() == 1 || out[1] != '/'))) << bad << " -> " << out;
  }
  EXPECT_EQ(http::SafeReturnPath("//evil.example/"), "");
  EXPECT_EQ(http::SafeReturnPath("/\t/evil.example/"), "");
  EXPECT_EQ(http::SafeReturnPath("https://evil.example/"), "");
}

TEST(Csv, CellsThatASpreadsheetWouldRunAreNeutralised) {
  EXPECT_EQ(CsvTextCell("=HYPERLINK(\"http://evil\",\"x\")"), "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  EXPECT_EQ(CsvTextCell("+62812"), "'+62812");
  EXPECT_EQ(CsvTextCell("-1+1"), "'-1+1");
  EXPECT_EQ(CsvTextCell("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvTextCell("\tx"), "'\tx");
  EXPECT_EQ(CsvTextCell("\rx"), "\"'\rx\"");
  EXPECT_EQ(CsvTextCell("Dinas Kesehatan"), "Dinas Kesehatan");
  EXPECT_EQ(CsvTextCell("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvTextCell("x;=cmd|' /C calc'!A0"), "\"x;=cmd|' /C calc'!A0\"") << "one cell in a ';' locale too";
  CsvWriter w;
  w.Text("nama").Figure("-3").Figure("87.5").Figure("=1+1").Figure(12).Empty().EndRow();
  EXPECT_EQ(w.str(), "nama,-3,87.5,'=1+1,12,\r\n") << "figures stay figures; text posing as one does not";
}

TEST(MaskContact, EnoughToRecogniseNotEnoughToUse) {
  EXPECT_EQ(MaskContact("pelapor@contoh.id"), "pe***@contoh.id");
  EXPECT_EQ(MaskContact("0812-3456-7890"), "+62812****7890");
  EXPECT_EQ(MaskContact("Budi Santoso"), "Bu*** Sa***");
  EXPECT_EQ(MaskContact("Ñandú"), "Ña***");
  EXPECT_EQ(MaskContact(""), "");
}

}  // namespace
}  // namespace spbe
