// Every route the server answers, called as every kind of actor, inside and outside the object's subtree, on both
// engines (tests/integration/matrix/: the rows and what each actor must get). A route without a row fails; so does a
// row for a route that no longer exists, a row that cannot tell allowed from refused, and any 5xx to an empty or
// garbage post of a form or an API operation. The rows are spread over shards that run as separate ctest entries.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <fmt/format.h>
#include <algorithm>

#include <boost/json.hpp>
#include <set>

#include "app/app.hpp"
#include "http/router.hpp"
#include "identity/service.hpp"
#include "identity/store.hpp"
#include "matrix/matrix.hpp"
#include "org/service.hpp"
#include "platform/crypto.hpp"
#include "platform/limits.hpp"
#include "platform/pii.hpp"

namespace spbe {
namespace {

namespace json = boost::json;
using matrix::Actor;
using matrix::Ctx;
using matrix::Headers;
using matrix::Row;

constexpr int kShards = 4;
constexpr const char* kPassword = "demo-spbe-2026";

std::vector<Row> AllRows() {
  auto rows = matrix::ApiRows();
  auto pages = matrix::PageRows();
  for (auto& p : pages) p.page = true;
  rows.insert(rows.end(), std::make_move_iterator(pages.begin()), std::make_move_iterator(pages.end()));
  return rows;
}

// A concrete target for a pattern, naming objects that do not exist.
std::string Concrete(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '{') {
      out += pattern[i++];
      continue;
    }
    auto end = pattern.find('}', i);
    std::string name = pattern.substr(i + 1, end - i - 1);
    if (name == "tracking_number" || name == "tn" || name == "number") {
      out += "2611-0000-0000";
    } else if (name == "slug") {
      out += "tidak-ada";
    } else if (name == "date") {
      out += "2031-02-30";
    } else if (name == "path*") {
      out += "x/../../etc/passwd";
    } else {
      out += "999999";
    }
    i = end + 1;
  }
  return out;
}

struct Fixture {
  std::unique_ptr<testing::DemoServer> demo;
  Ctx ctx;
  std::vector<Actor> actors;
};

// Officers the demo lacks: an evaluator for the kabupaten, and the kabupaten-wide roles granted on Dinkes (outside
// DPMPTSP); a citizen whose password the reset row changes.
void AddAccounts(Fixture& f) {
  const Config& config = f.demo->config();
  auto db = app::OpenDatabase(config);
  ASSERT_TRUE(db.ok());
  auto vault = PiiVault::OpenOrCreate(config.data_dir + "/keys/pii.key");
  ASSERT_TRUE(vault.ok());
  auto org_store = org::MakeSqlOrgStore();
  org::OrgService org(**db, *org_store, [] { return FormatUtc(std::chrono::system_clock::now()); });
  auto store = identity::MakeSqlIdentityStore();
  Unlimited unlimited;
  identity::IdentityService ids(**db, *store, *vault, org, unlimited.limiter, unlimited.limits, SystemClock());
  int serial = 0;
  auto officer = [&](const std::string& email, std::int64_t node, access::Role role) {
    identity::Account a;
    a.kind = access::AccountKind::kAsn;
    a.name = "Petugas Matriks";
    a.email = email;
    a.nip = fmt::format("19850312201001{:04}", 1000 + ++serial);
    a.position = "Petugas";
    a.demo = true;
    auto id = ids.CreateActive(a, kPassword, "", "");
    ASSERT_TRUE(id.ok()) << email << ": " << id.error().detail;
    ASSERT_TRUE(ids.Grant(*id, node, role).ok()) << email;
  };
  officer("evaluator.kab@matrix.test", f.ctx.kab, access::Role::kEvaluator);
  officer("admin_platform.dinkes@matrix.test", f.ctx.dinkes, access::Role::kAdminPlatform);
  officer("auditor.dinkes@matrix.test", f.ctx.dinkes, access::Role::kAuditor);
  officer("evaluator.dinkes@matrix.test", f.ctx.dinkes, access::Role::kEvaluator);
  officer("bendahara.dinkes@matrix.test", f.ctx.dinkes, access::Role::kBendahara);
  officer("pengaduan.dinkes@matrix.test", f.ctx.dinkes, access::Role::kPengaduan);
  identity::Account citizen;
  citizen.kind = access::AccountKind::kWarga;
  citizen.name = "Lupa Sandi";
  citizen.email = "lupa@demo.id";
  citizen.demo = true;
  ASSERT_TRUE(ids.CreateActive(citizen, kPassword, "1210014101900007", "").ok());
  // A key of DPMPTSP with no scope at all (the API refuses to issue one: written as an admin's tool would).
  identity::ApiKeyRow none;
  none.node_id = f.ctx.dpmptsp;
  none.name = "Tanpa cakupan";
  none.prefix = "0badc0de";
  none.key_hash = crypto::Sha256Hex("spbe_0badc0de_matrixkeywithoutanyscope");
  none.created_at = FormatUtc(std::chrono::system_clock::now());
  auto inserted = (*db)->Write([&](soci::session& s) -> Status {
    store->InsertApiKey(s, none);
    return Ok{};
  });
  ASSERT_TRUE(inserted.ok()) << inserted.error().detail;
}

Headers Bearer(int port, const std::string& username) {
  auto r = testing::PostJson(port, "/api/v1/auth/login",
                             R"({"username":")" + username + R"(","password":")" + kPassword + R"("})");
  EXPECT_EQ(r.status, 200) << username << ": " << r.body;
  if (r.status != 200) return {};
  return {{"Authorization", "Bearer " + std::string(json::parse(r.body).at("token").as_string())}};
}

void SignIn(int port, Actor& a) {
  a.browser = std::make_unique<testing::BrowserSession>(port);
  if (a.username.empty()) return;
  a.api = Bearer(port, a.username);
  EXPECT_TRUE(a.browser->SignIn(a.username, kPassword)) << a.username;
}

// A key with `scopes` bound to `node`, issued by the platform admin (who may give every scope: an agency admin may
// not give the audit trail).
Headers Key(Ctx& c, std::int64_t node, const std::string& scopes) {
  auto r = testing::PostJson(c.port, "/api/v1/api-keys",
                             R"({"node_id":)" + std::to_string(node) + R"(,"name":"Sistem","scopes":)" + scopes + "}",
                             c.As("admin@demo.go.id"));
  EXPECT_EQ(r.status, 201) << r.body;
  return {{"Authorization", "Bearer " + std::string(json::parse(r.body).at("key").as_string())}};
}

void SetUpFixture(Fixture& f, const std::string& engine) {
  f.demo = std::make_unique<testing::DemoServer>(engine, [](Config& c) {
    c.write_probe = true;
    c.limits = Limits::Off();  // the rows sign in, file and guess many times from one address
  });
  Ctx& c = f.ctx;
  c.demo = f.demo.get();
  c.port = f.demo->port();
  // The kabupaten; the demo's other root is the ministry whose evaluator reviews its SPBE assessment.
  json::value roots = json::parse(testing::Get(c.port, "/api/v1/org/nodes").body);  // kept: the loop walks inside it
  for (const auto& r : roots.as_array()) {
    if (r.at("slug") == "labuhanbatu") c.kab = r.at("id").as_int64();
  }
  ASSERT_GT(c.kab, 0);
  auto kab = json::parse(testing::Get(c.port, "/api/v1/org/nodes/" + std::to_string(c.kab)).body);
  for (const auto& child : kab.at("children").as_array()) {
    if (child.at("slug") == "dpmptsp") c.dpmptsp = child.at("id").as_int64();
    if (child.at("slug") == "dinkes") c.dinkes = child.at("id").as_int64();
  }
  ASSERT_GT(c.dpmptsp, 0);
  ASSERT_GT(c.dinkes, 0);
  ASSERT_FALSE(f.demo->PublishOneStepService("izin-matrix", "Izin Matriks").empty());
  AddAccounts(f);

  auto person = [&](std::string label, std::string group, std::string role, std::string username) {
    Actor a;
    a.label = std::move(label);
    a.group = std::move(group);
    a.role = std::move(role);
    a.username = std::move(username);
    SignIn(c.port, a);
    f.actors.push_back(std::move(a));
  };
  person("anonymous", "anonymous", "", "");
  person("warga", "citizen", "", "warga1@demo.id");
  person("usaha", "citizen", "", "usaha1@demo.id");
  for (const char* r : {"loket", "verifikator", "teknis", "kepala", "admin_instansi"}) {
    person(std::string(r) + ":in", "in", r, std::string(r) + ".dpmptsp@demo.go.id");
    person(std::string(r) + ":out", "out", r, std::string(r) + ".dinkes@demo.go.id");
  }
  person("admin_platform:in", "in", "admin_platform", "admin@demo.go.id");
  person("auditor:in", "in", "auditor", "auditor@demo.go.id");
  person("evaluator:in", "in", "evaluator", "evaluator.kab@matrix.test");
  person("bendahara:in", "in", "bendahara", "bendahara@demo.go.id");
  person("pengaduan:in", "in", "pengaduan", "pengaduan@demo.go.id");
  for (const char* r : {"admin_platform", "auditor", "evaluator", "bendahara", "pengaduan"}) {
    person(std::string(r) + ":out", "out", r, std::string(r) + ".dinkes@matrix.test");
  }
  std::string every = "[";
  for (const auto& s : access::Scopes()) {
    // The bus's scope is issued only with a registered system (/api/v1/interop/systems/{id}/key).
    if (s.action == access::Action::kInteropCall) continue;
    every += (every.size() > 1 ? ",\"" : "\"") + std::string(s.name) + "\"";
  }
  every += "]";
  auto key = [&](std::string label, Headers h) {
    Actor a;
    a.label = std::move(label);
    a.group = "key";
    a.api = std::move(h);
    a.browser = std::make_unique<testing::BrowserSession>(c.port);
    f.actors.push_back(std::move(a));
  };
  key("key:all", Key(c, c.dpmptsp, every));
  key("key:none", {{"Authorization", "Bearer spbe_0badc0de_matrixkeywithoutanyscope"}});
  key("key:out", Key(c, c.dinkes, every));
}

// The empty and garbage posts every unsafe row also gets, from every actor: answered, never a 5xx.
void PostRubbish(Ctx& c, Actor& a, const Row& row) {
  std::string target = row.target.empty() ? Concrete(row.path) : row.target;
  std::string big(100000, 'A');
  if (row.path.rfind("/api/", 0) == 0) {
    for (const auto& [type, body] : std::vector<std::pair<std::string, std::string>>{
             {"application/json", ""},
             {"application/json", "{"},
             {"application/json", R"({"a":[[[[[[[[[[]]]]]]]]]],"note":")" + big + R"("})"},
             {"application/json", "[1,2,3]"},
             {"multipart/form-data", "--x\r\n\r\n"},
             {"text/csv", "\xff\xfe,\",\n\"\"\"\n"}}) {
      auto r = matrix::Api(c, a, row.method, target, body, type);
      EXPECT_LT(r.status, 500) << row.method << " " << target << " as " << a.label << " with " << type << " ["
                               << body.substr(0, 40) << "]: " << r.body.substr(0, 300);
    }
    return;
  }
  if (row.method != "POST") return;
  for (const auto& fields : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {},
           {{"name", ""}, {"tindakan", "x"}, {"id", "-1"}, {"node_id", "abc"}},
           {{"name", big}, {"email", "\x01\x02"}, {"kembali", "//evil.example"}, {"rating", "99999999999999999999"}}}) {
    auto r = matrix::Form(c, a, target, fields);
    EXPECT_LT(r.status, 500) << "POST " << target << " as " << a.label << ": " << r.body.substr(0, 300);
  }
}

void RunRow(Fixture& f, const Row& row) {
  Ctx& c = f.ctx;
  std::set<int> seen;
  int anonymous_status = 0;
  for (auto& a : f.actors) {
    auto res = row.call(c, a);
    int status = res.status;
    // A page that sends the visitor to sign in refuses them: counted as 401.
    std::string location = res.Header("location").value_or("");
    if (status == 303 && (location == "/masuk" || location.rfind("/masuk?kembali=", 0) == 0)) status = 401;
    int want = matrix::ExpectedFor(row.expect, a, row.page);
    EXPECT_EQ(status, want) << row.method << " " << row.path << " as " << a.label << ": got " << status << " "
                            << res.Header("location").value_or("") << " "
                            << res.body.substr(std::min(res.body.size(), res.body.find("<main") == std::string::npos
                                                                             ? std::size_t{0}
                                                                             : res.body.find("<main")),
                                               600);
    seen.insert(status);
    if (a.group == "anonymous") anonymous_status = status;
    if (row.method != "GET") PostRubbish(c, a, row);
    if (row.ends_session) SignIn(c.port, a);  // after the rubbish too: a post to a sign-out route signs out
  }
  ASSERT_EQ(testing::Get(c.port, "/healthz").status, 200) << "the server died in " << row.method << " " << row.path;
  if (row.bank) {
    // The party that is allowed: the demo's bank, signing with its key.
    auto bank_key = crypto::LoadOrCreateKeyFile(f.demo->config().data_dir + "/keys/bank-sim.key");
    ASSERT_TRUE(bank_key);
    std::string body = R"({"billing_code": "1"})";
    auto signed_call = testing::Send(c.port, {"POST",
                                              row.path,
                                              {{"Content-Type", "application/json"},
                                               {"X-Bank-Code", "BANKSIM"},
                                               {"X-Signature", crypto::Base64Encode(bank_key->Sign(body))}},
                                              body});
    EXPECT_NE(signed_call.status, 401) << row.path << ": the bank's own signature was refused";
  } else if (row.bus) {
    // The party that is allowed: the demo's licensing system with its bus key (the provider is not reachable here).
    Headers key = {{"Authorization", "Bearer spbe_demo0001_DemoKunciSistemPerizinanLabuhanbatu2026"}};
    auto called = testing::Send(c.port, {row.method, row.target, key, ""});
    EXPECT_NE(called.status, 401) << row.method << " " << row.path << ": the bus key was refused: " << called.body;
  } else if (row.open) {
    EXPECT_LT(anonymous_status, 400) << row.method << " " << row.path << " is open, yet refused the anonymous visitor";
  } else {
    EXPECT_GE(seen.size(), 2u) << row.method << " " << row.path
                               << ": every actor got the same answer, so the row cannot tell allowed from refused";
  }
}

class AuthorizationMatrix : public ::testing::TestWithParam<std::tuple<std::string, int>> {};

TEST_P(AuthorizationMatrix, EveryRouteAsEveryActor) {
  auto [engine, shard] = GetParam();
  SPBE_SKIP_UNAVAILABLE(engine);
  Fixture f;
  SetUpFixture(f, engine);
  if (HasFatalFailure()) return;
  auto rows = AllRows();
  std::vector<const Row*> mine, last;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (static_cast<int>(i % kShards) != shard) continue;
    (rows[i].last ? last : mine).push_back(&rows[i]);
  }
  mine.insert(mine.end(), last.begin(), last.end());
  for (const Row* row : mine) {
    RunRow(f, *row);
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthorizationMatrix,
                         ::testing::Combine(::testing::ValuesIn(testing::Engines()), ::testing::Range(0, kShards)),
                         [](const auto& info) {
                           return std::get<0>(info.param) + "_shard" + std::to_string(std::get<1>(info.param));
                         });

// Every route the server answers has exactly one row, and every row a route; every API route is in the OpenAPI
// document and every operation of the document is a route.
TEST(AuthorizationMatrixCoverage, EveryRouteHasARowAndEveryApiRouteIsDocumented) {
  testing::DemoServer demo("sqlite", [](Config& c) { c.write_probe = true; });
  std::set<std::string> routes, api_routes, rows, documented, served_as;
  for (const auto& [method, pattern] : demo.app().Routes()) {
    routes.insert(method + " " + pattern);
    // The API reference (/api/docs) is a page for people served under /api/, not an operation.
    std::string documented_as = http::DocumentedPattern(pattern);
    if (http::IsApiPath(pattern) && pattern != "/api/docs") api_routes.insert(method + " " + documented_as);
    served_as.insert(method + " " + documented_as);
  }
  for (const auto& r : AllRows()) {
    EXPECT_TRUE(rows.insert(r.method + " " + r.path).second) << "two rows for " << r.method << " " << r.path;
  }
  for (const auto& r : routes) EXPECT_TRUE(rows.count(r)) << r << " has no row in the authorization matrix: add one";
  for (const auto& r : rows)
    EXPECT_TRUE(routes.count(r)) << "the matrix has a row for " << r << ", which no route serves";
  auto doc = json::parse(testing::Get(demo.port(), "/api/v1/openapi.json").body);
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      std::string m(method);
      std::transform(m.begin(), m.end(), m.begin(), ::toupper);
      documented.insert(m + " " + std::string(path));
      EXPECT_TRUE(op.as_object().contains("responses")) << m << " " << path;
    }
  }
  for (const auto& r : api_routes)
    EXPECT_TRUE(documented.count(r)) << r << " is served but not in the OpenAPI document";
  for (const auto& r : documented) EXPECT_TRUE(served_as.count(r)) << r << " is documented but not served";
}

}  // namespace
}  // namespace spbe
