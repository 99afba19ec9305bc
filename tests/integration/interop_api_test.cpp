// The service connection bus through the real server on each engine, with spbe-agency-sim as the provider: the
// directory and its search; a client system's call forwarded, signed and logged; access asked for, refused,
// approved and used; a call without a grant refused; the provider down (502), slow (504), over its rate (429) and a
// body over its size (413); each party sees the exchange in its log and takes its evidence; an edited log entry is
// found; provider addresses only from a platform admin and only into the allowed networks.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "http/message.hpp"
#include "interop/service.hpp"
#include "interop/signature.hpp"
#include "platform/crypto.hpp"
#include "testing/demo_server.hpp"
#include "testing/process.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using testing::Headers;

constexpr const char* kDemoKey = "spbe_demo0001_DemoKunciSistemPerizinanLabuhanbatu2026";
constexpr const char* kPopulation = "/interop/v1/call/disdukcapil-labuhanbatu/siak/penduduk";

// A JSON request of another method than POST.
testing::HttpResponse SendJson(int port, const std::string& method, const std::string& target, Headers headers,
                               const std::string& body) {
  headers.emplace_back("Content-Type", "application/json");
  return testing::Send(port, {method, target, std::move(headers), body});
}

class InteropApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    SPBE_SKIP_UNAVAILABLE(GetParam());
    crypto::InitCrypto();
    demo_ = std::make_unique<testing::DemoServer>(
        GetParam(), [](Config& c) { c.interop_allowed_networks = "127.0.0.1/32, ::1/128"; });
    port_ = demo_->port();
    sim_ = std::make_unique<testing::AgencySim>(port_);
    platform_admin_ = demo_->As("admin@demo.go.id");
    // The demo points the services at the simulator's usual port; here it runs on a free one.
    for (const char* base : {"siak", "oss"}) PointAt(ServiceId(base), std::string("/") + base);
  }
  Headers Key(const std::string& key = kDemoKey) { return {{"Authorization", "Bearer " + key}}; }
  std::int64_t ServiceId(const std::string& system_base) {
    auto list = json::parse(testing::Get(port_, "/api/v1/interop/services", platform_admin_).body).as_array();
    for (const auto& s : list) {
      std::string url(s.at("provider_url").as_string());
      if (url.size() >= system_base.size() && url.substr(url.size() - system_base.size()) == system_base) {
        return s.at("id").as_int64();
      }
    }
    ADD_FAILURE() << "no service at " << system_base;
    return 0;
  }
  void PointAt(std::int64_t service, const std::string& path) {
    auto r = SendJson(
        port_, "PUT", "/api/v1/interop/services/" + std::to_string(service) + "/provider-url", platform_admin_,
        json::serialize(json::object{{"provider_url", "http://127.0.0.1:" + std::to_string(sim_->port()) + path}}));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  json::object Sample() {
    return json::parse(testing::Get(sim_->port(), "/contoh").body).at("penduduk").at(0).as_object();
  }
  // A service of Disdukcapil's SIAK published by its admin, pointed at `path` of the simulator.
  std::int64_t PublishOnSiak(const std::string& code, const std::string& extra, const std::string& path) {
    Headers admin = demo_->As("admin_instansi.disdukcapil@demo.go.id");
    auto systems = json::parse(testing::Get(port_, "/api/v1/interop/systems", admin).body).as_array();
    std::int64_t siak = 0;
    for (const auto& s : systems) {
      if (s.at("code") == "siak") siak = s.at("id").as_int64();
    }
    auto r =
        testing::PostJson(port_, "/api/v1/interop/systems/" + std::to_string(siak) + "/services",
                          R"({"code": ")" + code + R"(", "name_id": "Uji )" + code +
                              R"(", "data_class": "internal", "openapi": {"openapi": "3.1.0", "info": {"title": "t",
                                   "version": "1"}, "paths": {}})" +
                              extra + "}",
                          admin);
    EXPECT_EQ(r.status, 201) << r.body;
    std::int64_t id = json::parse(r.body).at("id").as_int64();
    PointAt(id, path);
    return id;
  }

  std::unique_ptr<testing::DemoServer> demo_;
  std::unique_ptr<testing::AgencySim> sim_;
  int port_ = 0;
  Headers platform_admin_;
};

TEST_P(InteropApi, TheDirectoryListsAndSearchesServicesWithTheirDocumentAndNoProviderAddress) {
  auto all = json::parse(testing::Get(port_, "/interop/v1/services").body).as_object();
  EXPECT_GE(all.at("total").as_int64(), 2);
  auto found = json::parse(testing::Get(port_, "/interop/v1/services?q=PENDUDUK").body).as_object();
  ASSERT_EQ(found.at("total").as_int64(), 1);
  const auto& s = found.at("items").at(0).as_object();
  EXPECT_EQ(s.at("address"), "disdukcapil-labuhanbatu/siak/penduduk");
  EXPECT_EQ(s.at("data_class"), "personal");
  EXPECT_TRUE(s.at("provider_url").is_null()) << "the directory never shows where providers live";
  EXPECT_EQ(json::parse(testing::Get(port_, "/interop/v1/services?q=tidak-ada-apa-apa").body).at("total"), 0);
  EXPECT_EQ(testing::Get(port_, "/interop/v1/services?page=-5&q=" + std::string(300, 'x')).status, 200);

  auto entry = testing::Get(port_, "/interop/v1/services/disdukcapil-labuhanbatu/siak/penduduk");
  ASSERT_EQ(entry.status, 200) << entry.body;
  auto e = json::parse(entry.body).as_object();
  EXPECT_EQ(e.at("openapi").at("info").at("title"), "SIAK: data penduduk (simulator Disdukcapil)");
  EXPECT_EQ(testing::Get(port_, "/interop/v1/services/disdukcapil-labuhanbatu/siak/nope").status, 404);

  // This platform's own API is a provider in the directory, with the document it serves.
  auto own = testing::Get(port_, "/interop/v1/services/spbe-labuhanbatu/portal/api-v1");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(json::parse(own.body).at("openapi").at("info").at("title"), "SPBE Terpadu API");
  EXPECT_TRUE(json::parse(own.body).at("openapi").at("paths").as_object().contains("/api/v1/applications"));

  auto keys = json::parse(testing::Get(port_, "/interop/v1/keys").body).as_object();
  ASSERT_GE(keys.at("keys").as_array().size(), 1u);
  EXPECT_EQ(keys.at("keys").at(0).at("kty"), "OKP");
  EXPECT_EQ(keys.at("keys").at(0).at("crv"), "Ed25519");
}

TEST_P(InteropApi, AGrantedClientGetsTheProvidersAnswerSignedLoggedAndReceipted) {
  auto person = Sample();
  std::string nik(person.at("nik").as_string());
  auto r = testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik,
                        {{"Authorization", std::string("Bearer ") + kDemoKey}, {"X-SPL-User", "pemohon-42"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("nama"), person.at("nama"));
  EXPECT_EQ(body.at("nama_ayah"), person.at("nama_ayah"));
  std::string request_id;
  std::string receipt;
  for (const auto& [k, v] : r.headers) {
    if (http::IEquals(k, "X-SPL-Request-Id")) request_id = v;
    if (http::IEquals(k, "X-SPL-Receipt")) receipt = v;
  }
  ASSERT_EQ(request_id.size(), 32u);
  // The receipt is a JWS by a key of the bus's JWKS, over the exchange's digests.
  auto dot1 = receipt.find('.'), dot2 = receipt.rfind('.');
  ASSERT_NE(dot1, dot2);
  auto payload = json::parse(*interop::FromBase64Url(receipt.substr(dot1 + 1, dot2 - dot1 - 1))).as_object();
  EXPECT_EQ(payload.at("request_id").as_string(), request_id);
  EXPECT_EQ(payload.at("client"), "dpmptsp-labuhanbatu/perizinan");
  EXPECT_EQ(payload.at("response_sha256").as_string(), crypto::Sha256Hex(r.body));
  auto header = json::parse(*interop::FromBase64Url(receipt.substr(0, dot1))).as_object();
  auto keys = json::parse(testing::Get(port_, "/interop/v1/keys").body).at("keys").as_array();
  bool verified = false;
  for (const auto& k : keys) {
    if (k.at("kid") == header.at("kid")) {
      verified = crypto::VerifySignature(*interop::FromBase64Url(k.at("x").as_string()), receipt.substr(0, dot2),
                                         *interop::FromBase64Url(receipt.substr(dot2 + 1)));
    }
  }
  EXPECT_TRUE(verified) << "the receipt is signed by the bus";

  // The provider saw the bus's signature and accepted it; nothing the simulator refused.
  auto stats = json::parse(testing::Get(sim_->port(), "/stats").body).as_object();
  EXPECT_GE(stats.at("accepted").as_int64(), 1);
  EXPECT_EQ(stats.at("refused").as_int64(), 0) << stats.at("last_refusal");

  auto metrics = testing::Get(port_, "/metrics").body;
  EXPECT_NE(metrics.find("spbe_interop_requests_total{client=\"dpmptsp-labuhanbatu/perizinan\",service=\"disdukcapil-"
                         "labuhanbatu/siak/penduduk\",status=\"200\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("spbe_interop_request_duration_seconds_count{service=\"disdukcapil-labuhanbatu/siak/"
                         "penduduk\"} 1"),
            std::string::npos);

  // Both parties see it in their log; an agency that is neither does not.
  for (const char* party : {"admin_instansi.disdukcapil@demo.go.id", "admin_instansi.dpmptsp@demo.go.id"}) {
    auto log = json::parse(testing::Get(port_, "/api/v1/interop/log", demo_->As(party)).body).as_array();
    ASSERT_GE(log.size(), 1u) << party;
    EXPECT_EQ(log.at(0).at("request_id").as_string(), request_id);
    EXPECT_EQ(log.at(0).at("end_user"), "pemohon-42");
    EXPECT_EQ(log.at(0).at("status"), 200);
    auto evidence = testing::Get(port_, "/api/v1/interop/log/" + request_id, demo_->As(party));
    ASSERT_EQ(evidence.status, 200) << evidence.body;
    auto ev = json::parse(evidence.body).as_object();
    EXPECT_GT(ev.at("receipt").as_string().size(), 100u);
    EXPECT_EQ(ev.at("entry_digest").as_string().size(), 64u);
    for (const auto& link : ev.at("chain").as_array()) {
      EXPECT_FALSE(link.as_object().contains("path")) << "later entries by digest only: " << link;
    }
  }
  Headers other = demo_->As("admin_instansi.dinsos@demo.go.id");
  EXPECT_TRUE(json::parse(testing::Get(port_, "/api/v1/interop/log", other).body).as_array().empty());
  EXPECT_EQ(testing::Get(port_, "/api/v1/interop/log/" + request_id, other).status, 404);
  EXPECT_EQ(testing::Get(port_, "/api/v1/interop/log/" + request_id).status, 401);
}

// The gateway keeps what it read of the directory; a change made outside this server (another process on the same
// PostgreSQL, an operator's SQL) still takes effect on the very next call.
TEST_P(InteropApi, ADirectoryChangeMadeElsewhereTakesEffectOnTheNextCall) {
  std::string path = std::string(kPopulation) + "/penduduk/" + std::string(Sample().at("nik").as_string());
  ASSERT_EQ(testing::Get(port_, path, Key()).status, 200);
  ASSERT_EQ(testing::Get(port_, path, Key()).status, 200);
  auto metrics = testing::Get(port_, "/metrics").body;
  auto kept = metrics.find("spbe_interop_directory_lookups_total{from=\"kept\"} ");
  ASSERT_NE(kept, std::string::npos);
  EXPECT_GE(std::stoi(metrics.substr(kept + 50)), 2) << "the second call's key, service and grant were kept";
  auto elsewhere = [&](const std::string& sql) {
    auto done = demo_->app().database().Write([&](soci::session& s) -> Status {
      s << sql;
      return Ok{};
    });
    ASSERT_TRUE(done.ok()) << sql;
  };
  std::string grant =
      "UPDATE interop_grants SET status = '{}' WHERE client_system_id = (SELECT id FROM interop_systems WHERE code = "
      "'perizinan') AND service_id = (SELECT v.id FROM interop_services v JOIN interop_systems y ON y.id = "
      "v.system_id WHERE y.code = 'siak' AND v.code = 'penduduk')";
  auto with = [](std::string sql, const char* status) { return sql.replace(sql.find("{}"), 2, status); };
  elsewhere(with(grant, "revoked"));
  EXPECT_EQ(testing::Get(port_, path, Key()).status, 403) << "a grant revoked elsewhere";
  elsewhere(with(grant, "active"));
  EXPECT_EQ(testing::Get(port_, path, Key()).status, 200);
  elsewhere("UPDATE interop_services SET status = 'withdrawn' WHERE code = 'penduduk'");
  EXPECT_EQ(testing::Get(port_, path, Key()).status, 404) << "a service withdrawn elsewhere";
  elsewhere("UPDATE interop_services SET status = 'active' WHERE code = 'penduduk'");
  elsewhere("UPDATE interop_systems SET api_key_id = NULL WHERE code = 'perizinan'");
  EXPECT_EQ(testing::Get(port_, path, Key()).status, 401) << "a key unbound elsewhere";
  int generation = demo_->Count("SELECT n FROM interop_directory_generation");
  elsewhere("UPDATE org_nodes SET name = name || ' ' WHERE id = 1");
  EXPECT_GT(demo_->Count("SELECT n FROM interop_directory_generation"), generation)
      << "renaming an agency moves the directory too (the gateway names the provider's agency)";
}

TEST_P(InteropApi, TheClientCannotSpeakForTheBusAndItsCredentialStaysBehind) {
  PublishOnSiak("gema", R"(, "open_to_all": true)", "/gema");
  auto r = testing::Send(port_, {"POST",
                                 "/interop/v1/call/disdukcapil-labuhanbatu/siak/gema/a/b%20c?x=1&y=2",
                                 {{"Authorization", std::string("Bearer ") + kDemoKey},
                                  {"X-SPL-Client", "disdukcapil-labuhanbatu/siak"},
                                  {"X-SPL-Request-Id", "palsu"},
                                  {"Signature", "spl=:AAAA:"},
                                  {"Cookie", "spbe_session=abc"},
                                  {"Content-Type", "application/json"}},
                                 R"({"halo": "dunia"})"});
  ASSERT_EQ(r.status, 200) << r.body;
  auto seen = json::parse(r.body).as_object();
  EXPECT_EQ(seen.at("target"), "/gema/a/b%20c?x=1&y=2") << "path and query as the client sent them";
  EXPECT_EQ(seen.at("body"), R"({"halo": "dunia"})");
  const auto& h = seen.at("headers").as_object();
  EXPECT_EQ(h.at("x-spl-client"), "dpmptsp-labuhanbatu/perizinan");
  EXPECT_NE(h.at("x-spl-request-id").as_string(), "palsu");
  EXPECT_FALSE(h.contains("authorization"));
  EXPECT_FALSE(h.contains("cookie"));
  EXPECT_EQ(h.at("content-type"), "application/json");
  EXPECT_EQ(h.at("content-digest").as_string(), interop::ContentDigest(R"({"halo": "dunia"})"));
  EXPECT_NE(std::string(h.at("signature-input").as_string()).find("\"@target-uri\""), std::string::npos);

  EXPECT_EQ(testing::Get(port_, "/interop/v1/call/disdukcapil-labuhanbatu/siak/gema/../../rahasia", Key()).status, 400)
      << "no climbing out of the service";
}

TEST_P(InteropApi, WithoutAKeyOrAGrantTheBusRefusesAndSaysWhy) {
  std::string nik(Sample().at("nik").as_string());
  auto anonymous = testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_NE(anonymous.body.find("problem"), std::string::npos);
  EXPECT_EQ(testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, Key("spbe_00000000_salah")).status, 401);
  EXPECT_EQ(
      testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, demo_->As("admin_instansi.dpmptsp@demo.go.id"))
          .status,
      401)
      << "a person's session is not a system's key";
  EXPECT_EQ(testing::Get(port_, "/interop/v1/call/disdukcapil-labuhanbatu/siak/tidak-ada/x", Key()).status, 404);

  // Dinkes registers a system, gets its key, and is refused until Disdukcapil approves its request.
  int audited = demo_->Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'interop.%'");
  Headers dinkes = demo_->As("admin_instansi.dinkes@demo.go.id");
  auto sys = testing::PostJson(port_, "/api/v1/interop/systems",
                               json::serialize(json::object{{"node_id", demo_->NodeOf(dinkes)},
                                                            {"member_code", "dinkes-labuhanbatu"},
                                                            {"code", "simpus"},
                                                            {"name", "SIMPUS"}}),
                               dinkes);
  ASSERT_EQ(sys.status, 201) << sys.body;
  std::int64_t simpus = json::parse(sys.body).at("id").as_int64();
  auto key = testing::Send(port_, {"POST", "/api/v1/interop/systems/" + std::to_string(simpus) + "/key", dinkes, ""});
  ASSERT_EQ(key.status, 201) << key.body;
  std::string simpus_key(json::parse(key.body).at("key").as_string());
  auto refused = testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, Key(simpus_key));
  EXPECT_EQ(refused.status, 403) << refused.body;

  std::int64_t population = ServiceId("/siak");
  std::string ask = R"({"service_id": )" + std::to_string(population) + R"(, "client_system_id": )" +
                    std::to_string(simpus) + R"(, "purpose": "Rekam medis pasien baru")";
  auto no_basis = testing::PostJson(port_, "/api/v1/interop/access-requests", ask + "}", dinkes);
  EXPECT_EQ(no_basis.status, 422) << "personal data needs a legal basis";
  EXPECT_NE(no_basis.body.find("legal_basis"), std::string::npos);
  auto asked = testing::PostJson(port_, "/api/v1/interop/access-requests",
                                 ask + R"(, "legal_basis": "Permendagri 102/2019"})", dinkes);
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(json::parse(asked.body).at("status"), "requested");
  std::string grant = std::to_string(json::parse(asked.body).at("id").as_int64());
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/interop/access-requests",
                              ask + R"(, "legal_basis": "Permendagri 102/2019"})", dinkes)
                .status,
            409)
      << "asked once";
  EXPECT_EQ(
      testing::PostJson(port_, "/api/v1/interop/grants/" + grant + "/decision", R"({"approve": true})", dinkes).status,
      403)
      << "the client cannot approve its own request";
  EXPECT_EQ(testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, Key(simpus_key)).status, 403);

  Headers provider = demo_->As("admin_instansi.disdukcapil@demo.go.id");
  EXPECT_EQ(testing::PostJson(port_, "/api/v1/interop/grants/" + grant + "/decision", R"({"approve": false})", provider)
                .status,
            422)
      << "a refusal says why";
  auto approved =
      testing::PostJson(port_, "/api/v1/interop/grants/" + grant + "/decision", R"({"approve": true})", provider);
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(json::parse(approved.body).at("status"), "active");
  EXPECT_EQ(testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, Key(simpus_key)).status, 200);

  // A new key replaces the old at once.
  auto rotated =
      testing::Send(port_, {"POST", "/api/v1/interop/systems/" + std::to_string(simpus) + "/key", dinkes, ""});
  ASSERT_EQ(rotated.status, 201);
  EXPECT_EQ(testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, Key(simpus_key)).status, 401);
  std::string new_key(json::parse(rotated.body).at("key").as_string());
  EXPECT_EQ(testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, Key(new_key)).status, 200);

  auto revoked = testing::PostJson(port_, "/api/v1/interop/grants/" + grant + "/revoke",
                                   R"({"reason": "Perjanjian berakhir"})", provider);
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, Key(new_key)).status, 403);
  EXPECT_EQ(demo_->Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'interop.%'") - audited, 7)
      << "joined, registered, key, asked, approved, key again, revoked: every change audited";
}

TEST_P(InteropApi, ADownSlowBusyOrOversizedExchangeIsAnsweredAsSuchAndLogged) {
  PublishOnSiak("lambat", R"(, "open_to_all": true, "timeout_ms": 300)", "");
  auto slow = testing::Get(port_, "/interop/v1/call/disdukcapil-labuhanbatu/siak/lambat/lambat?ms=2000", Key());
  EXPECT_EQ(slow.status, 504) << slow.body;
  EXPECT_NE(slow.body.find("request_id"), std::string::npos) << "problems carry the request id";

  PublishOnSiak("sempit", R"(, "open_to_all": true, "max_body_bytes": 2000, "rate_per_minute": 3)", "/gema");
  std::string narrow = "/interop/v1/call/disdukcapil-labuhanbatu/siak/sempit/x";
  EXPECT_EQ(testing::Send(port_, {"POST", narrow, Key(), std::string(3000, 'a')}).status, 413);
  EXPECT_EQ(testing::Get(port_, narrow, Key()).status, 200);
  EXPECT_EQ(testing::Get(port_, narrow, Key()).status, 200) << "three a minute, the refused body counted";
  auto busy = testing::Get(port_, narrow, Key());
  EXPECT_EQ(busy.status, 429) << busy.body;
  bool retry_after = false;
  for (const auto& [k, v] : busy.headers) retry_after = retry_after || http::IEquals(k, "Retry-After");
  EXPECT_TRUE(retry_after);

  sim_->Stop();
  std::string nik = "1210010101900001";
  auto down = testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, Key());
  EXPECT_EQ(down.status, 502) << down.body;

  auto log =
      json::parse(testing::Get(port_, "/api/v1/interop/log", demo_->As("admin_instansi.disdukcapil@demo.go.id")).body)
          .as_array();
  std::vector<std::string> outcomes;
  for (const auto& e : log) outcomes.emplace_back(e.at("outcome").as_string());
  // A client over its rate is refused before anything is written: it cannot flood the log.
  for (const char* o : {"timeout", "too_large", "unreachable", "answered"}) {
    EXPECT_NE(std::find(outcomes.begin(), outcomes.end(), o), outcomes.end()) << o;
  }
  EXPECT_EQ(std::find(outcomes.begin(), outcomes.end(), "rate_limited"), outcomes.end());
}

TEST_P(InteropApi, OnlyAPlatformAdminPointsAServiceAndOnlyIntoTheAllowedNetworks) {
  std::int64_t population = ServiceId("/siak");
  std::string path = "/api/v1/interop/services/" + std::to_string(population) + "/provider-url";
  Headers agency = demo_->As("admin_instansi.disdukcapil@demo.go.id");
  EXPECT_EQ(SendJson(port_, "PUT", path, agency, R"({"provider_url": "http://10.0.0.5/x"})").status, 403);
  for (const char* bad : {"ftp://10.0.0.5/x", "http://user:pw@10.0.0.5/x", "http://10.0.0.5/x?a=b", "bukan url", ""}) {
    auto r = SendJson(port_, "PUT", path, platform_admin_, json::serialize(json::object{{"provider_url", bad}}));
    EXPECT_EQ(r.status, 422) << bad << ": " << r.body;
  }
}

TEST_P(InteropApi, AnEditedLogEntryIsFoundAndTheChainIsAnchored) {
  std::string nik(Sample().at("nik").as_string());
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(testing::Get(port_, std::string(kPopulation) + "/penduduk/" + nik, Key()).status, 200);
  }
  auto& bus = demo_->app().interop();
  ASSERT_TRUE(bus.AnchorNow().ok());
  auto intact = bus.VerifyLog();
  ASSERT_TRUE(intact.ok());
  EXPECT_FALSE(intact->first_bad) << intact->reason;
  EXPECT_GE(intact->entries, 3);
  ASSERT_TRUE(demo_->app()
                  .database()
                  .Write([](soci::session& s) -> Status {
                    s << "UPDATE interop_log SET status = 404 WHERE id = (SELECT MIN(id) + 1 FROM interop_log)";
                    return Ok{};
                  })
                  .ok());
  auto broken = bus.VerifyLog();
  ASSERT_TRUE(broken.ok());
  ASSERT_TRUE(broken->first_bad);
  EXPECT_NE(broken->reason.find("changed"), std::string::npos) << broken->reason;
}

TEST_P(InteropApi, TheSimulatorRefusesWhatTheBusDidNotSign) {
  std::string nik(Sample().at("nik").as_string());
  std::string target = "/siak/penduduk/" + nik;
  EXPECT_EQ(testing::Get(sim_->port(), target).status, 401) << "unsigned";
  // Signed by a key the bus does not publish.
  auto stranger = crypto::SigningKey::Generate();
  interop::Message m{"GET",
                     "http",
                     "127.0.0.1:" + std::to_string(sim_->port()),
                     target,
                     "",
                     {{"content-digest", interop::ContentDigest("")},
                      {"x-spl-client", "dpmptsp-labuhanbatu/perizinan"},
                      {"x-spl-request-id", "r1"}}};
  interop::SignatureParams p;
  p.components = {"@method", "@target-uri", "content-digest", "x-spl-client", "x-spl-request-id"};
  p.created =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  p.keyid = "stranger";
  auto sig = *interop::Sign(m, p, stranger, "spl");
  Headers signed_headers = {{"Content-Digest", interop::ContentDigest("")},
                            {"X-SPL-Client", "dpmptsp-labuhanbatu/perizinan"},
                            {"X-SPL-Request-Id", "r1"},
                            {"Signature-Input", sig.input},
                            {"Signature", sig.signature}};
  EXPECT_EQ(testing::Get(sim_->port(), target, signed_headers).status, 401) << "unknown key";
  // The body does not match its digest.
  EXPECT_EQ(testing::Send(sim_->port(), {"GET", target, signed_headers, "tambahan"}).status, 401);
  auto stats = json::parse(testing::Get(sim_->port(), "/stats").body).as_object();
  EXPECT_EQ(stats.at("refused").as_int64(), 3);
}

INSTANTIATE_TEST_SUITE_P(Engines, InteropApi, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace spbe
