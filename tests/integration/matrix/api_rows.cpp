// The matrix's rows for the API: who may call each operation on an object of DPMPTSP (or of the whole kabupaten where
// the route says so). Roles named alone mean "inside" unless a row says ":out".
#include <fmt/format.h>

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>

#include "matrix/matrix.hpp"
#include "testing/sso_flow.hpp"

namespace spbe::matrix {
namespace {

namespace json = boost::json;

// A GET of a fixed target.
std::function<HttpResponse(Ctx&, Actor&)> Get(std::string target) {
  return [target](Ctx& c, Actor& a) { return Api(c, a, "GET", target); };
}
std::function<HttpResponse(Ctx&, Actor&)> Post(std::string target, std::string body = "") {
  return [target, body](Ctx& c, Actor& a) { return Api(c, a, "POST", target, body); };
}

// The officers who see DPMPTSP's submitted files (kApplicationRead) and the system key allowed to read them.
const Expect kSeesFiles = {{"anonymous", 401},         {"loket:in", 200},
                           {"verifikator:in", 200},    {"teknis:in", 200},
                           {"kepala:in", 200},         {"admin_instansi:in", 200},
                           {"admin_platform:in", 200}, {"auditor:in", 200},
                           {"key:all", 200},           {"*", 404}};
// The agency's admins (and the platform's) over DPMPTSP.
Expect Admins(int ok, int refused = 403) {
  return {{"anonymous", 401}, {"admin_instansi:in", ok}, {"admin_platform:in", ok}, {"*", refused}};
}
// Finance readers over DPMPTSP.
Expect Finance(int ok, int refused) {
  return {{"anonymous", 401}, {"admin_instansi:in", ok}, {"admin_platform:in", ok},
          {"kepala:in", ok},  {"auditor:in", ok},        {"bendahara:in", ok},
          {"*", refused}};
}
// Everyone signed in, as a person; a key is not a person and is asked to sign in as one.
Expect People(int ok) { return {{"anonymous", 401}, {"key", 401}, {"*", ok}}; }
// Readers of the reports held at DPMPTSP (kReportRead) and the key allowed to read them.
const Expect kSeesReports = {{"loket:in", 200},   {"verifikator:in", 200},    {"teknis:in", 200},
                             {"kepala:in", 200},  {"admin_instansi:in", 200}, {"admin_platform:in", 200},
                             {"auditor:in", 200}, {"pengaduan:in", 200},      {"key:all", 200},
                             {"*", 404}};

Headers Json(const Headers& h) {
  Headers with = h;
  with.push_back({"Content-Type", "application/json"});
  return with;
}

// The demo's system of DPMPTSP on the bus, and one of its services (the business register, open to all members).
std::int64_t SystemCalled(Ctx& c, const std::string& code) {
  auto list = testing::Get(c.port, "/api/v1/interop/systems", c.As("admin@demo.go.id"));
  json::value systems = json::parse(list.body);  // kept: the loop walks inside it
  for (const auto& s : systems.as_array()) {
    if (s.at("code").as_string() == code) return s.at("id").as_int64();
  }
  ADD_FAILURE() << "set-up: no system " << code << ": " << list.body;
  return 0;
}

std::int64_t NibService(Ctx& c) {
  auto list = testing::Get(c.port, "/api/v1/interop/services", c.As("admin@demo.go.id"));
  json::value services = json::parse(list.body);  // kept: the loop walks inside it
  for (const auto& s : services.as_array()) {
    if (s.at("code") == "nib") return s.at("id").as_int64();
  }
  ADD_FAILURE() << "set-up: no nib service: " << list.body;
  return 0;
}

// A new system of Dinas Kesehatan (which joins the bus with its first).
std::int64_t NewClientSystem(Ctx& c) {
  auto sys = testing::PostJson(c.port, "/api/v1/interop/systems",
                               R"({"node_id": )" + std::to_string(c.dinkes) +
                                   R"(, "member_code": "dinkes-matrix", "code": "s)" + std::to_string(++c.serial) +
                                   R"(", "name": "Sistem Uji"})",
                               c.As("admin_instansi.dinkes@demo.go.id"));
  if (sys.status != 201) {
    ADD_FAILURE() << "set-up: system: " << sys.body;
    return 0;
  }
  return json::parse(sys.body).at("id").as_int64();
}

// A request by a new system of Dinas Kesehatan for the population service, waiting for Disdukcapil's decision.
std::int64_t RequestedGrant(Ctx& c) {
  Headers dinkes = c.As("admin_instansi.dinkes@demo.go.id");
  auto services = json::parse(testing::Get(c.port, "/api/v1/interop/services", c.As("admin@demo.go.id")).body);
  std::int64_t population = 0;
  for (const auto& s : services.as_array()) {
    if (s.at("code") == "penduduk") population = s.at("id").as_int64();
  }
  auto asked =
      testing::PostJson(c.port, "/api/v1/interop/access-requests",
                        R"({"service_id": )" + std::to_string(population) + R"(, "client_system_id": )" +
                            std::to_string(NewClientSystem(c)) + R"(, "purpose": "Uji", "legal_basis": "Uji"})",
                        dinkes);
  if (asked.status != 201) {
    ADD_FAILURE() << "set-up: access request: " << asked.body;
    return 0;
  }
  return json::parse(asked.body).at("id").as_int64();
}

// The bus's routes. Management is for people: the admins of the agency whose system or service it is (DPMPTSP's
// here, or Disdukcapil's for the provider's decisions), and the platform's admin; lists show each person what they
// manage (empty for the rest). The gateway takes only a system's bus key: no person, and no other key, gets through.
// Single sign-on: the demo library application (a confidential client) and a new client the platform admin
// registers, to disable or give a new secret.
constexpr const char* kLibrary = "perpustakaan-labuhanbatu";
constexpr const char* kLibraryBasic = "perpustakaan-labuhanbatu:demo-rahasia-perpustakaan-labuhanbatu-2026";
constexpr const char* kLibraryReturn = "http://localhost:8092/masuk/selesai";

std::int64_t NewSsoClient(Ctx& c) {
  auto r = testing::PostJson(c.port, "/api/v1/oauth2/clients",
                             R"({"name": "Aplikasi Matriks", "node_id": )" + std::to_string(c.dpmptsp) +
                                 R"(, "redirect_uris": ["https://matriks.example/cb"], "scopes": ["openid"]})",
                             c.As("admin@demo.go.id"));
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? json::parse(r.body).at("client").at("id").as_int64() : 0;
}

// A token answer for warga1 and the library, as the application receives it.
json::object LibraryTokens(Ctx& c) {
  testing::AuthorizeParams p{kLibrary, kLibraryReturn};
  std::string session = c.As("warga1@demo.id").front().second.substr(7);
  auto r = testing::CodeFlow(c.port, session, p, kLibraryBasic);
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? json::parse(r.body).as_object() : json::object{};
}

std::string Field(const json::object& o, const char* name) {
  auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

std::vector<Row> SsoRows() {
  return {
      {"GET", "/.well-known/openid-configuration", Get("/.well-known/openid-configuration"), {{"*", 200}}, true},
      {"GET", "/oauth2/jwks", Get("/oauth2/jwks"), {{"*", 200}}, true},
      // The machine endpoints answer to the application's credentials in the request, whoever else calls.
      {"POST",
       "/oauth2/token",
       [](Ctx& c, Actor&) {
         auto tokens = LibraryTokens(c);
         return testing::PostTokenForm(
             c.port, "/oauth2/token",
             {{"grant_type", "refresh_token"}, {"refresh_token", Field(tokens, "refresh_token")}}, kLibraryBasic);
       },
       {{"*", 200}},
       true},
      {"GET",
       "/oauth2/userinfo",
       [](Ctx& c, Actor&) {
         return testing::Get(c.port, "/oauth2/userinfo",
                             {{"Authorization", "Bearer " + Field(LibraryTokens(c), "access_token")}});
       },
       {{"*", 200}},
       true},
      {"POST",
       "/oauth2/userinfo",
       [](Ctx& c, Actor&) {
         return testing::PostTokenForm(c.port, "/oauth2/userinfo",
                                       {{"access_token", Field(LibraryTokens(c), "access_token")}});
       },
       {{"*", 200}},
       true},
      {"POST",
       "/oauth2/revoke",
       [](Ctx& c, Actor&) {
         return testing::PostTokenForm(c.port, "/oauth2/revoke", {{"token", Field(LibraryTokens(c), "refresh_token")}},
                                       kLibraryBasic);
       },
       {{"*", 200}},
       true},
      {"POST",
       "/api/v1/oauth2/clients",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/oauth2/clients",
                    R"({"name": "Aplikasi Uji", "node_id": )" + std::to_string(c.dpmptsp) +
                        R"(, "redirect_uris": ["https://uji.example/cb"], "scopes": ["openid", "profile"]})");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_platform:in", 201}, {"*", 403}}},
      {"GET", "/api/v1/oauth2/clients", Get("/api/v1/oauth2/clients"), People(200)},
      {"POST",
       "/api/v1/oauth2/clients/{id}/disable",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/oauth2/clients/" + std::to_string(NewSsoClient(c)) + "/disable");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_platform:in", 200}, {"*", 404}}},
      {"POST",
       "/api/v1/oauth2/clients/{id}/secret",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/oauth2/clients/" + std::to_string(NewSsoClient(c)) + "/secret");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_platform:in", 201}, {"*", 404}}},
  };
}

// The IT architecture inventory of DPMPTSP: every officer over it reads it (and an SPBE evaluator anywhere, and a key
// with architecture.read), only its admins keep it; another agency's officers get 403 for its node and 404 for its
// items.
const Expect kReadsInventory = {{"anonymous", 401}, {"in", 200}, {"evaluator:out", 200}, {"key:all", 200}, {"*", 403}};

// An item of DPMPTSP's inventory, recorded by the platform admin: its id.
std::string NewArchItem(Ctx& c, const std::string& kind) {
  std::string name = "Matriks " + std::to_string(++c.serial);
  std::string body =
      kind == "applications"
          ? R"({"name": ")" + name + R"(", "function_code": "ADM.17", "node_id": )" + std::to_string(c.dpmptsp) + "}"
      : kind == "datasets"
          ? R"({"name": ")" + name + R"(", "classification": "internal", "node_id": )" + std::to_string(c.dpmptsp) + "}"
          : R"({"name": ")" + name + R"(", "kind": "server_room", "node_id": )" + std::to_string(c.dpmptsp) + "}";
  auto r = testing::PostJson(c.port, "/api/v1/architecture/" + kind, body, c.As("admin@demo.go.id"));
  EXPECT_EQ(r.status, 201) << r.body;
  return std::to_string(json::parse(r.body).at("id").as_int64());
}

std::vector<Row> ArchitectureRows() {
  std::vector<Row> rows;
  for (std::string kind : {"applications", "datasets", "infrastructure"}) {
    const std::string base = "/api/v1/architecture/" + kind;
    rows.push_back(
        {"GET", base,
         [base](Ctx& c, Actor& a) { return Api(c, a, "GET", base + "?node_id=" + std::to_string(c.dpmptsp)); },
         kReadsInventory});
    rows.push_back({"POST",
                    base,
                    [base, kind](Ctx& c, Actor& a) {
                      std::string name = "Matriks " + std::to_string(++c.serial);
                      std::string node = std::to_string(c.dpmptsp);
                      std::string body =
                          kind == "applications"
                              ? R"({"name": ")" + name + R"(", "function_code": "ADM.17", "node_id": )" + node + "}"
                          : kind == "datasets"
                              ? R"({"name": ")" + name + R"(", "classification": "publik", "node_id": )" + node + "}"
                              : R"({"name": ")" + name + R"(", "kind": "network_link", "node_id": )" + node + "}";
                      return Api(c, a, "POST", base, body);
                    },
                    {{"anonymous", 401}, {"admin_instansi:in", 201}, {"admin_platform:in", 201}, {"*", 403}}});
    rows.push_back({"PUT",
                    base + "/{id}",
                    [base, kind](Ctx& c, Actor& a) {
                      std::string id = NewArchItem(c, kind);
                      std::string name = "Matriks Ubah " + std::to_string(++c.serial);
                      std::string body =
                          kind == "applications" ? R"({"name": ")" + name + R"(", "function_code": "ADM.18"})"
                          : kind == "datasets"   ? R"({"name": ")" + name + R"(", "classification": "terbatas"})"
                                                 : R"({"name": ")" + name + R"(", "kind": "data_centre"})";
                      return Api(c, a, "PUT", base + "/" + id, body);
                    },
                    {{"anonymous", 401},

                     {"admin_instansi:in", 200},
                     {"admin_platform:in", 200},
                     {"in", 403},
                     {"evaluator:out", 403},
                     {"key:all", 403},
                     {"*", 404}}});
    rows.push_back(
        {"POST",
         base + "/{id}/retire",
         [base, kind](Ctx& c, Actor& a) { return Api(c, a, "POST", base + "/" + NewArchItem(c, kind) + "/retire"); },
         {{"anonymous", 401},

          {"admin_instansi:in", 200},
          {"admin_platform:in", 200},
          {"in", 403},
          {"evaluator:out", 403},
          {"key:all", 403},
          {"*", 404}}});
  }
  rows.push_back({"GET", "/api/v1/architecture/duplicates",
                  [](Ctx& c, Actor& a) {
                    return Api(c, a, "GET", "/api/v1/architecture/duplicates?node_id=" + std::to_string(c.dpmptsp));
                  },
                  kReadsInventory});
  rows.push_back({"GET", "/api/v1/architecture/export.csv",
                  [](Ctx& c, Actor& a) {
                    return Api(c, a, "GET",
                               "/api/v1/architecture/export.csv?kind=datasets&node_id=" + std::to_string(c.dpmptsp));
                  },
                  kReadsInventory});
  rows.push_back({"GET", "/api/v1/architecture/export.xlsx",
                  [](Ctx& c, Actor& a) {
                    return Api(c, a, "GET", "/api/v1/architecture/export.xlsx?node_id=" + std::to_string(c.dpmptsp));
                  },
                  kReadsInventory});
  rows.push_back({"POST",
                  "/api/v1/architecture/import",
                  [](Ctx& c, Actor& a) {
                    std::string csv = "nama,jenis,kapasitas\nRuang Matriks " + std::to_string(++c.serial) +
                                      ",server_room,\"2 rak, 5 kVA\"\n";
                    return Api(c, a, "POST",
                               "/api/v1/architecture/import?kind=infrastructure&node_id=" + std::to_string(c.dpmptsp),
                               csv, "text/csv");
                  },
                  {{"anonymous", 401}, {"admin_instansi:in", 200}, {"admin_platform:in", 200}, {"*", 403}}});
  rows.push_back({"GET", "/api/v1/architecture/functions", Get("/api/v1/architecture/functions"), {{"*", 200}}, true});
  return rows;
}

std::vector<Row> InteropRows() {
  std::vector<Row> rows = {
      {"GET", "/interop/v1/services", Get("/interop/v1/services?q=penduduk"), {{"*", 200}}, true},
      {"GET",
       "/interop/v1/services/{member}/{system}/{service}",
       Get("/interop/v1/services/disdukcapil-labuhanbatu/siak/penduduk"),
       {{"*", 200}},
       true},
      {"GET", "/interop/v1/keys", Get("/interop/v1/keys"), {{"*", 200}}, true},
      {"POST",
       "/api/v1/interop/systems",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/interop/systems",
                    R"({"node_id": )" + std::to_string(c.dpmptsp) + R"(, "code": "m)" + std::to_string(++c.serial) +
                        R"(", "name": "Sistem Matriks"})");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_instansi:in", 201}, {"admin_platform:in", 201}, {"*", 403}}},
      {"GET", "/api/v1/interop/systems", Get("/api/v1/interop/systems"), People(200)},
      {"POST",
       "/api/v1/interop/systems/{id}/key",
       [](Ctx& c, Actor& a) {
         // The business register's system: the licensing system keeps the demo key the gateway rows use.
         return Api(c, a, "POST", "/api/v1/interop/systems/" + std::to_string(SystemCalled(c, "oss-daerah")) + "/key");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_instansi:in", 201}, {"admin_platform:in", 201}, {"*", 404}}},
      {"POST",
       "/api/v1/interop/systems/{id}/services",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST",
                    "/api/v1/interop/systems/" + std::to_string(SystemCalled(c, "perizinan")) + "/services",
                    R"({"code": "m)" + std::to_string(++c.serial) +
                        R"(", "name_id": "Uji", "data_class": "public", "openapi": {"openapi": "3.1.0", "info":
                        {"title": "t", "version": "1"}, "paths": {}}})");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_instansi:in", 201}, {"admin_platform:in", 201}, {"*", 404}}},
      {"GET", "/api/v1/interop/services", Get("/api/v1/interop/services"), People(200)},
      {"PUT",
       "/api/v1/interop/services/{id}",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "PUT", "/api/v1/interop/services/" + std::to_string(NibService(c)),
                    R"({"name_id": "Data pelaku usaha menurut NIB", "data_class": "internal", "open_to_all": true,
                        "openapi": {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}})");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_instansi:in", 200}, {"admin_platform:in", 200}, {"*", 404}}},
      {"PUT",
       "/api/v1/interop/services/{id}/provider-url",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "PUT", "/api/v1/interop/services/" + std::to_string(NibService(c)) + "/provider-url",
                    R"({"provider_url": "http://10.12.0.5/oss"})");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_platform:in", 200}, {"*", 403}}},
      {"POST",
       "/api/v1/interop/access-requests",
       [](Ctx& c, Actor& a) {
         // DPMPTSP's licensing system asks for the business register (its own agency's: any admin of it may ask).
         return Api(c, a, "POST", "/api/v1/interop/access-requests",
                    R"({"service_id": )" + std::to_string(NibService(c)) + R"(, "client_system_id": )" +
                        std::to_string(SystemCalled(c, "perizinan")) + R"(, "purpose": "Uji matriks"})");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_instansi:in", 201}, {"admin_platform:in", 409}, {"*", 403}}},
      {"POST",
       "/api/v1/interop/grants",
       [](Ctx& c, Actor& a) {
         // DPMPTSP (the business register's provider) grants a new system of Dinas Kesehatan directly.
         return Api(c, a, "POST", "/api/v1/interop/grants",
                    R"({"service_id": )" + std::to_string(NibService(c)) + R"(, "client_system_id": )" +
                        std::to_string(NewClientSystem(c)) + R"(, "purpose": "Uji matriks"})");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_instansi:in", 201}, {"admin_platform:in", 201}, {"*", 403}}},
      {"GET", "/api/v1/interop/grants", Get("/api/v1/interop/grants"), People(200)},
      {"POST",
       "/api/v1/interop/grants/{id}/decision",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/interop/grants/" + std::to_string(RequestedGrant(c)) + "/decision",
                    R"({"approve": false, "reason": "Uji matriks"})");
       },
       {{"anonymous", 401},
        {"key", 401},
        {"admin_platform:in", 200},
        {"admin_instansi:out", 403},
        {"admin_platform:out", 403},
        {"*", 404}}},
      {"POST",
       "/api/v1/interop/grants/{id}/revoke",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/interop/grants/" + std::to_string(RequestedGrant(c)) + "/revoke",
                    R"({"reason": "Uji matriks"})");
       },
       {{"anonymous", 401},
        {"key", 401},
        {"admin_platform:in", 409},
        {"admin_instansi:out", 403},
        {"admin_platform:out", 403},
        {"*", 404}}},
      {"GET", "/api/v1/interop/log", Get("/api/v1/interop/log"), People(200)},
      {"GET",
       "/api/v1/interop/log/{request_id}",
       Get("/api/v1/interop/log/tidak-ada"),
       {{"anonymous", 401}, {"key", 401}, {"*", 404}}},
  };
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    for (bool with_path : {false, true}) {
      std::string pattern = std::string("/interop/v1/call/{member}/{system}/{service}") + (with_path ? "/{path*}" : "");
      std::string target = std::string("/interop/v1/call/dpmptsp-labuhanbatu/oss-daerah/nib") + (with_path ? "/x" : "");
      Row row{method,
              pattern,
              [method = std::string(method), target](Ctx& c, Actor& a) { return Api(c, a, method, target); },
              {{"*", 401}}};
      row.target = target;
      row.bus = true;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace

std::vector<Row> ApiRows() {
  std::vector<Row> rows = {
      {"GET", "/healthz", Get("/healthz"), {{"*", 200}}, true},
      {"GET", "/readyz", Get("/readyz"), {{"*", 200}}, true},
      {"GET", "/metrics", Get("/metrics"), {{"*", 200}}, true},
      {"GET", "/api/v1/openapi.json", Get("/api/v1/openapi.json"), {{"*", 200}}, true},
      {"GET", "/api/v1/audit/anchors", Get("/api/v1/audit/anchors"), {{"*", 200}}, true},
      {"POST",
       "/api/v1/ops/write-probe",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/ops/write-probe", R"({"key":"m)" + std::to_string(++c.serial) + R"("})");
       },
       {{"*", 201}},
       true},
      // Accounts: open to anyone by design (each call a real registration, verification, sign-in, reset).
      {"POST",
       "/api/v1/auth/register",
       [](Ctx& c, Actor& a) {
         int n = ++c.serial;
         std::string nik = fmt::format("121001150590{:04}", n % 10000);
         return Api(c, a, "POST", "/api/v1/auth/register",
                    R"({"name":"Warga Uji","email":"daftar)" + std::to_string(n) +
                        R"(@mail.example","password":"kuda-lumping-di-sawah","nik":")" + nik + R"("})");
       },
       {{"*", 201}},
       true},
      {"POST",
       "/api/v1/auth/verify-email",
       [](Ctx& c, Actor& a) {
         int n = ++c.serial;
         std::string nik = fmt::format("121001150591{:04}", n % 10000);
         std::string email = "verif" + std::to_string(n) + "@mail.example";
         testing::PostJson(c.port, "/api/v1/auth/register",
                           R"({"name":"Warga Uji","email":")" + email +
                               R"(","password":"kuda-lumping-di-sawah","nik":")" + nik + R"("})");
         return Api(c, a, "POST", "/api/v1/auth/verify-email",
                    R"({"email":")" + email + R"(","code":")" + c.CodeSentTo(email) + R"("})");
       },
       {{"*", 200}},
       true},
      {"POST",
       "/api/v1/auth/login",
       Post("/api/v1/auth/login", R"({"username":"warga2@demo.id","password":"demo-spbe-2026"})"),
       {{"*", 200}},
       true},
      {"POST",
       "/api/v1/auth/logout",
       Post("/api/v1/auth/logout"),
       {{"anonymous", 401}, {"*", 204}},
       false,
       /*ends_session=*/true},
      {"POST",
       "/api/v1/auth/activate",
       [](Ctx& c, Actor& a) {
         auto created = testing::PostJson(c.port, "/api/v1/officers", OfficerBody(c, "loket"), c.As("admin@demo.go.id"));
         std::string email = "petugas" + std::to_string(c.serial) + "@demo.go.id";
         return Api(c, a, "POST", "/api/v1/auth/activate",
                    R"({"email":")" + email + R"(","code":")" + c.CodeSentTo(email) +
                        R"(","password":"kopi-sidikalang-enak-sekali"})");
       },
       {{"*", 200}},
       true},
      {"POST",
       "/api/v1/auth/password-reset",
       Post("/api/v1/auth/password-reset", R"({"email":"usaha1@demo.id"})"),
       {{"*", 202}},
       true},
      {"POST",
       "/api/v1/auth/password-reset/confirm",
       [](Ctx& c, Actor& a) {
         testing::PostJson(c.port, "/api/v1/auth/password-reset", R"({"email":"lupa@demo.id"})");
         return Api(c, a, "POST", "/api/v1/auth/password-reset/confirm",
                    R"({"email":"lupa@demo.id","code":")" + c.CodeSentTo("lupa@demo.id") +
                        R"(","password":"kopi-sidikalang-enak-sekali"})");
       },
       {{"*", 200}},
       true},
      // Officers and keys: the admins over DPMPTSP.
      {"POST",
       "/api/v1/officers",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", "/api/v1/officers", OfficerBody(c, "loket")); },
       Admins(201)},
      {"GET",
       "/api/v1/officers",
       [](Ctx& c, Actor& a) { return Api(c, a, "GET", "/api/v1/officers?node_id=" + std::to_string(c.dpmptsp)); },
       Admins(200)},
      {"POST",
       "/api/v1/officers/{id}/grants",
       [](Ctx& c, Actor& a) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return Api(c, a, "POST", "/api/v1/officers/" + std::to_string(id) + "/grants",
                    R"({"node_id":)" + std::to_string(c.dpmptsp) + R"(,"role":"verifikator"})");
       },
       Admins(201)},
      {"DELETE",
       "/api/v1/grants/{id}",
       [](Ctx& c, Actor& a) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return Api(c, a, "DELETE", "/api/v1/grants/" + std::to_string(grant));
       },
       Admins(204, 404)},
      {"POST",
       "/api/v1/officers/{id}/disable",
       [](Ctx& c, Actor& a) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return Api(c, a, "POST", "/api/v1/officers/" + std::to_string(id) + "/disable");
       },
       Admins(200, 404)},
      {"POST",
       "/api/v1/officers/{id}/enable",
       [](Ctx& c, Actor& a) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return Api(c, a, "POST", "/api/v1/officers/" + std::to_string(id) + "/enable");
       },
       Admins(200, 404)},
      {"POST",
       "/api/v1/api-keys",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/api-keys",
                    R"({"node_id":)" + std::to_string(c.dpmptsp) + R"(,"name":"SIMBG","scopes":["applications.read"]})");
       },
       Admins(201)},
      {"GET",
       "/api/v1/api-keys",
       [](Ctx& c, Actor& a) { return Api(c, a, "GET", "/api/v1/api-keys?node_id=" + std::to_string(c.dpmptsp)); },
       Admins(200)},
      {"DELETE",
       "/api/v1/api-keys/{id}",
       [](Ctx& c, Actor& a) {
         auto key = testing::PostJson(
             c.port, "/api/v1/api-keys",
             R"({"node_id":)" + std::to_string(c.dpmptsp) + R"(,"name":"SIMBG","scopes":["applications.read"]})",
             c.As("admin@demo.go.id"));
         auto id = json::parse(key.body).at("id").as_int64();
         return Api(c, a, "DELETE", "/api/v1/api-keys/" + std::to_string(id));
       },
       Admins(204, 404)},
      // The signed-in person's own account.
      {"GET", "/api/v1/me", Get("/api/v1/me"), {{"anonymous", 401}, {"*", 200}}},
      {"POST", "/api/v1/me/totp", Post("/api/v1/me/totp"), People(201)},
      {"POST",
       "/api/v1/me/totp/confirm",
       [](Ctx& c, Actor& a) {
         Api(c, a, "POST", "/api/v1/me/totp");  // started, then confirmed with a wrong code
         return Api(c, a, "POST", "/api/v1/me/totp/confirm", R"({"code":"x"})");
       },
       People(422)},
      {"GET", "/api/v1/me/export", Get("/api/v1/me/export"), People(200)},
      {"PUT",
       "/api/v1/me/preferences",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "PUT", "/api/v1/me/preferences", R"({"language":"id","phone_channel":"none"})");
       },
       People(204)},
      {"GET", "/api/v1/inbox", Get("/api/v1/inbox"), People(200)},
      {"POST", "/api/v1/inbox/read", Post("/api/v1/inbox/read", "{}"), People(200)},
      {"POST",
       "/api/v1/inbox/{id}/read",
       [](Ctx& c, Actor& a) {  // warga1 files and is told so: only warga1 may mark that message
         NewOneStepFiled(c);
         auto own = json::parse(testing::Get(c.port, "/api/v1/inbox", c.As("warga1@demo.id")).body);
         std::int64_t id = own.at("items").as_array().at(0).at("id").as_int64();
         return Api(c, a, "POST", "/api/v1/inbox/" + std::to_string(id) + "/read", "{}");
       },
       {{"anonymous", 401}, {"warga", 204}, {"key", 401}, {"*", 404}}},
      // Applications.
      {"POST",
       "/api/v1/applications",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/applications",
                    R"({"service_id": "izin-matrix", "submit": false, "data": {"nama_usaha": "Warung"}})");
       },
       {{"anonymous", 401}, {"citizen", 201}, {"*", 403}}},
      {"GET", "/api/v1/applications", Get("/api/v1/applications"), People(200)},
      {"GET",
       "/api/v1/applications/{tracking_number}",
       [](Ctx& c, Actor& a) { return Api(c, a, "GET", "/api/v1/applications/" + NewPbgFiled(c).tn); },
       kSeesFiles},
      {"GET",
       "/api/v1/applications/{tracking_number}/files/{id}",
       [](Ctx& c, Actor& a) {
         Filing f = NewPbgFiled(c);
         return Api(c, a, "GET", "/api/v1/applications/" + f.tn + "/files/" + std::to_string(f.file_id));
       },
       kSeesFiles},
      {"PUT",
       "/api/v1/applications/{tracking_number}/data",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "PUT", "/api/v1/applications/" + NewPbgDraft(c, "warga1@demo.id").tn + "/data",
                    R"({"data": {"nama_pemohon": "Andi Nasution", "nik": "1210011708920005", "fungsi": "hunian",
                        "luas_m2": 72, "jumlah_lantai": 1, "lokasi": "12.10.01"}})");
       },
       {{"anonymous", 401}, {"warga", 204}, {"*", 404}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/files",
       [](Ctx& c, Actor& a) { return Upload(c, NewPbgDraft(c, "warga1@demo.id").tn, "bukti_tanah", a.api); },
       {{"anonymous", 401}, {"warga", 201}, {"*", 404}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/submit",
       [](Ctx& c, Actor& a) {
         Filing f = NewPbgDraft(c, "warga1@demo.id");
         Upload(c, f.tn, "gambar_teknis", c.As("warga1@demo.id"));
         Upload(c, f.tn, "bukti_tanah", c.As("warga1@demo.id"));
         return Api(c, a, "POST", "/api/v1/applications/" + f.tn + "/submit");
       },
       {{"anonymous", 401}, {"warga", 200}, {"*", 404}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/actions",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/applications/" + NewPbgFiled(c).tn + "/actions",
                    R"({"action": "note", "note": "Cek lapangan Kamis"})");
       },
       {{"anonymous", 401},
        {"verifikator:in", 200},  // the step's role at its node
        {"loket:in", 403},        // see the file, may not act at this step
        {"teknis:in", 403},
        {"kepala:in", 403},
        {"admin_instansi:in", 403},
        {"admin_platform:in", 403},
        {"auditor:in", 403},
        {"key:all", 403},
        {"*", 404}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/reveal",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/applications/" + NewPbgFiled(c).tn + "/reveal", R"({"field": "nik"})");
       },
       {{"anonymous", 401},
        {"loket:in", 200},
        {"verifikator:in", 200},
        {"teknis:in", 200},
        {"kepala:in", 200},
        {"admin_instansi:in", 403},  // admins and the auditor see files, not personal numbers
        {"admin_platform:in", 403},
        {"auditor:in", 403},
        {"key:all", 403},
        {"*", 404}}},
      {"GET",
       "/api/v1/worklist",
       Get("/api/v1/worklist"),
       {{"anonymous", 401},
        {"loket", 200},
        {"verifikator", 200},
        {"teknis", 200},
        {"kepala", 200},
        {"*", 403}}},
      {"GET",
       "/api/v1/track/{tracking_number}",
       [](Ctx& c, Actor& a) {
         Filing f = NewOneStepFiled(c);
         return Api(c, a, "GET", "/api/v1/track/" + f.tn + "?code=" + f.code);
       },
       {{"*", 200}},
       true},
      {"POST",
       "/api/v1/applications/{tracking_number}/survey",
       [](Ctx& c, Actor& a) {  // warga1's file, not yet decided: its applicant is told to wait, others see nothing
         return Api(c, a, "POST", "/api/v1/applications/" + NewOneStepFiled(c).tn + "/survey",
                    R"({"answers": [4,4,4,4,4,4,4,4,4]})");
       },
       {{"anonymous", 401}, {"warga", 409}, {"key", 401}, {"*", 404}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/bill",
       [](Ctx& c, Actor& a) {  // warga1's file has no payment step: its applicant is told, others see nothing
         return Api(c, a, "POST", "/api/v1/applications/" + NewOneStepFiled(c).tn + "/bill");
       },
       {{"anonymous", 401}, {"warga", 409}, {"*", 404}}},
      {"GET",
       "/api/v1/applications/{tracking_number}/document",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "GET", "/api/v1/applications/" + NewApproved(c).tn + "/document");
       },
       [] {
         Expect e = kSeesFiles;  // those who see the file see its document
         e["warga"] = 200;
         return e;
       }()},
      // Documents: checked by anyone; revoked by the agency's head.
      {"GET",
       "/api/v1/documents/{id}",
       [](Ctx& c, Actor& a) { return Api(c, a, "GET", "/api/v1/documents/" + NewApproved(c).code); },
       {{"*", 200}},
       true},
      {"POST",
       "/api/v1/documents/verify",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", "/api/v1/documents/verify", "%PDF-1.4 x", "application/pdf"); },
       {{"*", 200}},
       true},
      {"POST",
       "/api/v1/documents/{id}/revoke",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/documents/" + NewApproved(c).code + "/revoke",
                    R"({"reason": "uji pencabutan"})");
       },
       {{"anonymous", 401}, {"kepala:in", 204}, {"admin_instansi:in", 204}, {"admin_platform:in", 204}, {"*", 404}}},
      // Statistics and open data: the same for everyone.
      {"GET", "/api/v1/stats/ikm", Get("/api/v1/stats/ikm?from=2026-01-01&to=2026-12-31"), {{"*", 200}}, true},
      {"GET",
       "/api/v1/stats/ikm/report.csv",
       Get("/api/v1/stats/ikm/report.csv?from=2026-01-01&to=2026-12-31"),
       {{"*", 200}},
       true},
      {"GET",
       "/api/v1/stats/ikm/report.pdf",
       Get("/api/v1/stats/ikm/report.pdf?from=2026-01-01&to=2026-12-31"),
       {{"*", 200}},
       true},
      {"GET", "/api/v1/stats/offices", Get("/api/v1/stats/offices"), {{"*", 200}}, true},
      {"GET", "/api/v1/stats/offices.csv", Get("/api/v1/stats/offices.csv"), {{"*", 200}}, true},
      {"GET", "/api/v1/stats/services", Get("/api/v1/stats/services"), {{"*", 200}}, true},
      {"GET", "/api/v1/stats/services.csv", Get("/api/v1/stats/services.csv"), {{"*", 200}}, true},
      {"GET", "/api/v1/stats/trend", Get("/api/v1/stats/trend"), {{"*", 200}}, true},
      {"GET", "/api/v1/stats/trend.csv", Get("/api/v1/stats/trend.csv"), {{"*", 200}}, true},
      // Banks and money: the agency's admins register banks; finance readers see them.
      {"POST",
       "/api/v1/banks",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", "/api/v1/banks", NewBank(c)); },
       Admins(201)},
      {"GET",
       "/api/v1/banks",
       [](Ctx& c, Actor& a) { return Api(c, a, "GET", "/api/v1/banks?node_id=" + std::to_string(c.dpmptsp)); },
       Finance(200, 403)},
      {"POST",
       "/api/v1/banks/{id}/revoke",
       [](Ctx& c, Actor& a) {
         auto made = testing::PostJson(c.port, "/api/v1/banks", NewBank(c), c.As("admin@demo.go.id"));
         std::int64_t id = json::parse(made.body).at("id").as_int64();
         return Api(c, a, "POST", "/api/v1/banks/" + std::to_string(id) + "/revoke");
       },
       Admins(204, 404)},
      {"POST",
       "/api/v1/banks/{id}/reconciliation",
       [](Ctx& c, Actor& a) {
         auto made = testing::PostJson(c.port, "/api/v1/banks", NewBank(c), c.As("admin@demo.go.id"));
         std::int64_t id = json::parse(made.body).at("id").as_int64();
         return Api(c, a, "POST", "/api/v1/banks/" + std::to_string(id) + "/reconciliation?date=2026-11-23",
                    "waktu,kode_bayar,jumlah,referensi\n", "text/csv");
       },
       Finance(200, 404)},
      {"GET",
       "/api/v1/payments/refused",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "GET", "/api/v1/payments/refused?node_id=" + std::to_string(c.dpmptsp));
       },
       Finance(200, 403)},
      // The bank protocol answers only a bank's signature (the rows' proof signs as the demo's bank).
      {"POST",
       "/api/v1/payments/inquiry",
       Post("/api/v1/payments/inquiry", R"({"billing_code": "1"})"),
       {{"*", 401}},
       false,
       false,
       false,
       "",
       /*bank=*/true},
      {"POST",
       "/api/v1/payments/callback",
       Post("/api/v1/payments/callback", R"({"billing_code": "1"})"),
       {{"*", 401}},
       false,
       false,
       false,
       "",
       /*bank=*/true},
      // The tree and the calendar.
      {"GET", "/api/v1/org/nodes", Get("/api/v1/org/nodes"), {{"*", 200}}, true},
      {"GET",
       "/api/v1/org/nodes/{id}",
       [](Ctx& c, Actor& a) { return Api(c, a, "GET", "/api/v1/org/nodes/" + std::to_string(c.dpmptsp)); },
       {{"*", 200}},
       true},
      {"POST",
       "/api/v1/org/nodes",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/org/nodes",
                    R"({"parent_id":)" + std::to_string(c.dpmptsp) + R"(,"kind":"unit_kerja","name":"Bidang Uji","slug":"uji-)" +
                        std::to_string(++c.serial) + R"("})");
       },
       Admins(201)},
      {"PUT",
       "/api/v1/org/nodes/{id}/cuti-bersama",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "PUT", "/api/v1/org/nodes/" + std::to_string(c.dpmptsp) + "/cuti-bersama",
                    R"({"working": false})");
       },
       Admins(204)},
      // How an agency numbers its documents: public to read, set by its admins.
      {"GET",
       "/api/v1/org/nodes/{id}/document-numbering",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "GET", "/api/v1/org/nodes/" + std::to_string(c.dpmptsp) + "/document-numbering");
       },
       {{"*", 200}},
       true},
      {"PUT",
       "/api/v1/org/nodes/{id}/document-numbering",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "PUT", "/api/v1/org/nodes/" + std::to_string(c.dpmptsp) + "/document-numbering",
                    R"({"pattern": "{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}", "classification": "503",
                        "unit": "DPMPTSP"})");
       },
       Admins(204, 404)},
      {"GET", "/api/v1/calendar/holidays", Get("/api/v1/calendar/holidays?year=2026"), {{"*", 200}}, true},
      {"PUT",
       "/api/v1/calendar/holidays/{date}",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "PUT", "/api/v1/calendar/holidays/2028-01-03",
                    R"({"kind": "libur_nasional", "name_id": "Uji", "name_en": "Test"})");
       },
       {{"anonymous", 401}, {"admin_platform:in", 204}, {"*", 403}}},  // the national calendar is the platform's
      {"DELETE",
       "/api/v1/calendar/holidays/{date}",
       [](Ctx& c, Actor& a) {
         std::string date = fmt::format("2029-01-{:02}", 1 + (++c.serial % 28));
         testing::Send(c.port, {"PUT", std::string("/api/v1/calendar/holidays/") + date, Json(c.As("admin@demo.go.id")),
                                R"({"kind": "cuti_bersama", "name_id": "Uji"})"});
         return Api(c, a, "DELETE", std::string("/api/v1/calendar/holidays/") + date);
       },
       {{"anonymous", 401}, {"admin_platform:in", 204}, {"*", 403}}},
      {"POST",
       "/api/v1/calendar/holidays/import",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/calendar/holidays/import",
                    "date,kind,name_id,name_en,source\n2030-01-01,libur_nasional,Tahun Baru,New Year,test\n",
                    "text/csv");
       },
       {{"anonymous", 401}, {"admin_platform:in", 200}, {"*", 403}}},
      // The audit trail of DPMPTSP: its auditors and the platform's admins, and a key with audit.read there.
      {"GET",
       "/api/v1/audit",
       [](Ctx& c, Actor& a) { return Api(c, a, "GET", "/api/v1/audit?node_id=" + std::to_string(c.dpmptsp)); },
       {{"anonymous", 401}, {"auditor:in", 200}, {"admin_platform:in", 200}, {"key:all", 200}, {"*", 403}}},
      // Services: public when published; drafts for those who manage or read them.
      {"GET", "/api/v1/services", Get("/api/v1/services?q=izin"), {{"*", 200}}, true},
      {"GET", "/api/v1/services/{id}", Get("/api/v1/services/izin-praktik-bidan"), {{"*", 200}}, true},
      {"POST",
       "/api/v1/services",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", "/api/v1/services", NewServiceBody(c)); },
       Admins(201)},
      {"GET",
       "/api/v1/services/{id}/draft",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "GET", "/api/v1/services/" + std::to_string(NewDpmptspService(c)) + "/draft");
       },
       {{"anonymous", 401},
        {"admin_instansi:in", 200},
        {"admin_platform:in", 200},
        {"kepala:in", 200},
        {"auditor:in", 200},
        {"key:all", 200},
        {"*", 404}}},
      {"PUT",
       "/api/v1/services/{id}/draft",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "PUT", "/api/v1/services/" + std::to_string(NewDpmptspService(c)) + "/draft",
                    ServiceDefinition(c));
       },
       {{"anonymous", 401},
        {"admin_instansi:in", 200},
        {"admin_platform:in", 200},
        {"kepala:in", 403},  // may read the draft, not change it
        {"auditor:in", 403},
        {"key:all", 403},
        {"*", 404}}},
      {"POST",
       "/api/v1/services/{id}/publish",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/services/" + std::to_string(NewDpmptspService(c)) + "/publish");
       },
       {{"anonymous", 401},
        {"admin_instansi:in", 200},
        {"admin_platform:in", 200},
        {"kepala:in", 403},
        {"auditor:in", 403},
        {"key:all", 403},
        {"*", 404}}},
      // Reports: anyone files and reads the feed; the office holding one (DPMPTSP) and readers above it see it;
      // its officers act; the reporter rates; signed-in people support a public one.
      {"POST",
       "/api/v1/reports",
       Post("/api/v1/reports", R"({"kind": "aspirasi", "identity": "anonymous", "category": "lainnya",
           "title": "Usul taman baca", "body": "Mohon dibangun taman baca di kelurahan kami."})"),
       {{"*", 201}},
       true},
      {"GET", "/api/v1/reports", Get("/api/v1/reports"), {{"*", 200}}, true},
      {"GET",
       "/api/v1/reports/queue",
       Get("/api/v1/reports/queue"),
       {{"anonymous", 401}, {"citizen", 403}, {"key", 403}, {"bendahara", 403}, {"evaluator", 403}, {"*", 200}}},
      {"GET",
       "/api/v1/reports/{number}",
       [](Ctx& c, Actor& a) { return Api(c, a, "GET", "/api/v1/reports/" + NewReport(c, "warga2@demo.id", true, true).tn); },
       kSeesReports},
      {"GET",
       "/api/v1/reports/{number}/files/{id}",
       [](Ctx& c, Actor& a) {
         Filing f = NewReport(c, "warga2@demo.id", true, true);
         return Api(c, a, "GET", "/api/v1/reports/" + f.tn + "/files/" + std::to_string(f.file_id));
       },
       kSeesReports},
      {"POST",
       "/api/v1/reports/{number}/actions",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/reports/" + NewReport(c, "warga2@demo.id", true, true).tn + "/actions",
                    R"({"action": "answer", "note": "Sudah kami tindak lanjuti."})");
       },
       {{"loket:in", 200},
        {"verifikator:in", 200},
        {"teknis:in", 200},
        {"kepala:in", 200},
        {"admin_instansi:in", 200},
        {"admin_platform:in", 403},  // read, do not answer for the office
        {"auditor:in", 403},
        {"pengaduan:in", 403},
        {"key:all", 403},
        {"*", 404}}},
      {"POST",
       "/api/v1/reports/{number}/rating",
       [](Ctx& c, Actor& a) {
         Filing f = NewReport(c, "warga1@demo.id", false, true, /*answer=*/true);
         return Api(c, a, "POST", "/api/v1/reports/" + f.tn + "/rating", R"({"rating": 4})");
       },
       {{"warga", 204}, {"*", 404}}},
      {"POST",
       "/api/v1/reports/{number}/support",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", "/api/v1/reports/" + NewReport(c, "", false, true).tn + "/support"); },
       People(200)},
      {"GET", "/api/v1/report-categories", Get("/api/v1/report-categories"), {{"*", 200}}, true},
      {"GET",
       "/api/v1/report-routes",
       Get("/api/v1/report-routes"),
       {{"anonymous", 401}, {"admin_platform:in", 200}, {"pengaduan:in", 200}, {"*", 403}}},
      {"POST",
       "/api/v1/report-routes",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/report-routes",
                    R"({"category": "perizinan", "node_id": )" + std::to_string(c.dpmptsp) + "}");
       },
       {{"anonymous", 401}, {"admin_platform:in", 201}, {"pengaduan:in", 201}, {"*", 403}}},
      {"DELETE",
       "/api/v1/report-routes/{id}",
       [](Ctx& c, Actor& a) {
         auto put = testing::PostJson(c.port, "/api/v1/report-routes",
                                      R"({"category": "pendidikan", "node_id": )" + std::to_string(c.dpmptsp) + "}",
                                      c.As("admin@demo.go.id"));
         std::string id = std::to_string(json::parse(put.body).at("id").as_int64());
         return Api(c, a, "DELETE", "/api/v1/report-routes/" + id);
       },
       {{"anonymous", 401}, {"admin_platform:in", 204}, {"pengaduan:in", 204}, {"*", 403}}},
      // Last: it would delete a citizen's account that later rows of the same actor need.
      {"DELETE",
       "/api/v1/me",
       [](Ctx& c, Actor& a) {
         // A citizen who has filed keeps the account with the files (UU 27/2022 lets the records be kept).
         if (a.group == "citizen") {
           Api(c, a, "POST", "/api/v1/applications",
               R"({"service_id": "izin-matrix", "submit": false, "data": {"nama_usaha": "Warung"}})");
         }
         return Api(c, a, "DELETE", "/api/v1/me");
       },
       {{"anonymous", 401}, {"warga", 409}, {"usaha", 409}, {"*", 403}},
       false,
       false,
       /*last=*/true},
  };
  for (auto& r : InteropRows()) rows.push_back(std::move(r));
  for (auto& r : SsoRows()) rows.push_back(std::move(r));
  for (auto& r : ArchitectureRows()) rows.push_back(std::move(r));
  for (auto& r : EvaluationApiRows()) rows.push_back(std::move(r));
  return rows;
}

}  // namespace spbe::matrix
