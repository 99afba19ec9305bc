// Every API route, called as every kind of actor, inside and outside the object's subtree, against the real server
// with the demo deployment. The table must have a row for every route the server documents: a new route without
// one fails this test.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cstdio>
#include <functional>
#include <map>
#include <set>

#include "app/app.hpp"
#include "platform/crypto.hpp"
#include "testing/http_client.hpp"
#include "testing/test_env.hpp"

namespace spbe {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

// The actors of the matrix, by demo username ("" is an anonymous visitor).
const std::vector<std::string> kActors = {
    "",                                   // anonymous
    "warga1@demo.id",                     // citizen
    "loket.dpmptsp@demo.go.id",           // front desk, DPMPTSP
    "verifikator.dpmptsp@demo.go.id",     // verifier, DPMPTSP: acts at the first step of its files
    "kepala.dpmptsp@demo.go.id",          // head, DPMPTSP
    "admin_instansi.dpmptsp@demo.go.id",  // agency admin, inside DPMPTSP's subtree
    "admin_instansi.dinkes@demo.go.id",   // agency admin of another OPD: outside
    "admin@demo.go.id",                   // platform admin of the whole kabupaten
    "auditor@demo.go.id",                 // auditor: reads, never acts
};

struct Ctx {
  int port;
  std::int64_t dpmptsp;  // node id of DPMPTSP
  int serial;            // for unique slugs
};

Headers PlatformAdmin(Ctx& c) {
  auto r =
      testing::PostJson(c.port, "/api/v1/auth/login", R"({"username":"admin@demo.go.id","password":"demo-spbe-2026"})");
  return {{"Authorization", "Bearer " + std::string(boost::json::parse(r.body).at("token").as_string())}};
}

std::string OfficerBody(Ctx& c, const std::string& role) {
  int n = ++c.serial;
  char nip[32];
  std::snprintf(nip, sizeof nip, "199001012015011%03d", n % 1000);
  return R"({"name":"Petugas Uji","email":"petugas)" + std::to_string(n) + R"(@demo.go.id","nip":")" + nip +
         R"(","position":"Petugas Loket","node_id":)" + std::to_string(c.dpmptsp) + R"(,"role":")" + role + R"("})";
}

// A publishable service definition of DPMPTSP.
std::string ServiceDefinition(Ctx& c) {
  std::string node = std::to_string(c.dpmptsp);
  return R"({"name": "Layanan Uji", "time_limit_days": 5,
    "standard": {"legal_basis": ["Perbup Uji"], "output": "Surat Uji", "complaints": "Menu Pengaduan"},
    "form": {"fields": [{"name": "nama", "type": "text", "label": "Nama", "required": true}]},
    "workflow": {"steps": [
      {"key": "periksa", "name": "Periksa", "node_id": )" +
         node + R"(, "role": "verifikator", "actions": ["verify"], "time_limit_days": 2, "next": "putus"},
      {"key": "putus", "name": "Putus", "node_id": )" +
         node + R"(, "role": "kepala", "actions": ["approve"], "time_limit_days": 3}]},
    "fee": {"kind": "free"}})";
}

std::string NewServiceBody(Ctx& c) {
  return R"({"node_id": )" + std::to_string(c.dpmptsp) + R"(, "slug": "layanan-uji-)" + std::to_string(++c.serial) +
         R"(", "definition": )" + ServiceDefinition(c) + "}";
}

// A new DPMPTSP service with a draft, created by the platform admin for one call; its id.
std::int64_t NewDpmptspService(Ctx& c) {
  auto created = testing::PostJson(c.port, "/api/v1/services", NewServiceBody(c), PlatformAdmin(c));
  return boost::json::parse(created.body).at("id").as_int64();
}

Headers Login(Ctx& c, const std::string& user) {
  auto r =
      testing::PostJson(c.port, "/api/v1/auth/login", R"({"username":")" + user + R"(","password":"demo-spbe-2026"})");
  return {{"Authorization", "Bearer " + std::string(boost::json::parse(r.body).at("token").as_string())}};
}

constexpr const char* kPbgData =
    R"({"nama_pemohon": "Andi Nasution", "nik": "1210011708920005", "fungsi": "hunian", "luas_m2": 72,
        "jumlah_lantai": 1, "lokasi": "12.10.01"})";

testing::HttpResponse Upload(Ctx& c, const std::string& tn, const std::string& field, const Headers& h) {
  std::string boundary = "matrixboundary";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\n" + field + "\r\n--" +
                     boundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
                     "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--" +
                     boundary + "--\r\n";
  Headers with = h;
  with.push_back({"Content-Type", "multipart/form-data; boundary=" + boundary});
  return testing::Send(c.port, {"POST", "/api/v1/applications/" + tn + "/files", with, body});
}

// A bank with a fresh key and code, on DPMPTSP.
std::string NewBank(Ctx& c) {
  crypto::InitCrypto();
  auto key = crypto::SigningKey::Generate();
  return boost::json::serialize(boost::json::object{{"code", "BANK" + std::to_string(++c.serial)},
                                                    {"name", "Bank Uji"},
                                                    {"node_id", c.dpmptsp},
                                                    {"public_key", crypto::Base64Encode(key.PublicKey())}});
}

struct Filing {
  std::string tn, code;
  std::int64_t file_id = 0;
};

// A Persetujuan Bangunan Gedung draft (DPMPTSP) of `user`.
Filing NewPbgDraft(Ctx& c, const std::string& user) {
  auto r = testing::PostJson(
      c.port, "/api/v1/applications",
      R"({"service_id": "persetujuan-bangunan-gedung", "submit": false, "data": )" + std::string(kPbgData) + "}",
      Login(c, user));
  if (r.status != 201) {
    ADD_FAILURE() << "draft: " << r.body;
    return {};
  }
  auto j = boost::json::parse(r.body);
  return {std::string(j.at("tracking_number").as_string()), std::string(j.at("access_code").as_string())};
}

// ... with its files attached and submitted by warga2: at DPMPTSP's verification step.
Filing NewPbgFiled(Ctx& c) {
  Filing f = NewPbgDraft(c, "warga2@demo.id");
  Headers w = Login(c, "warga2@demo.id");
  auto up = Upload(c, f.tn, "gambar_teknis", w);
  if (up.status != 201) ADD_FAILURE() << "upload: " << up.body;
  f.file_id = up.status == 201 ? boost::json::parse(up.body).at("id").as_int64() : 0;
  Upload(c, f.tn, "bukti_tanah", w);
  testing::Send(c.port, {"POST", "/api/v1/applications/" + f.tn + "/submit", w, ""});
  return f;
}

// A report (identity shown unless confidential), filed by `user` ("": without signing in, anonymous), with a PDF;
// with `accept`, verified by the platform admin (a desk too) and sent to DPMPTSP; with `answer`, answered there.
Filing NewReport(Ctx& c, const std::string& user, bool confidential, bool accept, bool answer = false) {
  std::string identity = user.empty() ? "anonymous" : confidential ? "confidential" : "shown";
  std::string report = R"({"kind": "pengaduan", "identity": ")" + identity +
                       R"(", "category": "perizinan", "title": "Izin lama diproses", "body": "Permohonan saya )"
                       R"(melewati batas waktu tanpa kabar.", "name": "Pelapor Uji", "contact": "pelapor@contoh.id"})";
  std::string boundary = "matrixreport";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"\r\n\r\n" + report +
                     "\r\n--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"bukti.pdf\"\r\n"
                     "Content-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--" +
                     boundary + "--\r\n";
  Headers h = user.empty() ? Headers{} : Login(c, user);
  h.push_back({"Content-Type", "multipart/form-data; boundary=" + boundary});
  auto r = testing::Send(c.port, {"POST", "/api/v1/reports", h, body});
  if (r.status != 201) {
    ADD_FAILURE() << "report: " << r.body;
    return {};
  }
  auto j = boost::json::parse(r.body);
  Filing f{std::string(j.at("tracking_number").as_string()), std::string(j.at("access_code").as_string())};
  auto mine = boost::json::parse(testing::Get(c.port, "/api/v1/reports/" + f.tn + "?code=" + f.code).body);
  f.file_id = mine.at("files").at(0).at("id").as_int64();
  if (accept) {
    auto a =
        testing::PostJson(c.port, "/api/v1/reports/" + f.tn + "/actions",
                          R"({"action": "accept", "to_node_id": )" + std::to_string(c.dpmptsp) + "}", PlatformAdmin(c));
    if (a.status != 200) ADD_FAILURE() << "accept: " << a.body;
  }
  if (answer) {
    auto a = testing::PostJson(c.port, "/api/v1/reports/" + f.tn + "/actions",
                               R"({"action": "answer", "note": "Izin terbit hari ini."})",
                               Login(c, "verifikator.dpmptsp@demo.go.id"));
    if (a.status != 200) ADD_FAILURE() << "answer: " << a.body;
  }
  return f;
}

// A new DPMPTSP officer (pending activation), created by the platform admin for one call; its account id and the
// id of its one grant.
std::pair<std::int64_t, std::int64_t> NewDpmptspOfficer(Ctx& c) {
  Headers admin = PlatformAdmin(c);
  auto created = testing::PostJson(c.port, "/api/v1/officers", OfficerBody(c, "loket"), admin);
  std::int64_t id = boost::json::parse(created.body).at("id").as_int64();
  auto list = testing::Get(c.port, "/api/v1/officers?node_id=" + std::to_string(c.dpmptsp), admin);
  boost::json::value rows = boost::json::parse(list.body);
  for (const auto& row : rows.as_array()) {
    if (row.at("id").as_int64() == id) return {id, row.at("grant_id").as_int64()};
  }
  return {id, 0};
}

struct Row {
  std::string method, path;  // as documented, e.g. "/api/v1/org/nodes/{id}"
  std::function<testing::HttpResponse(Ctx&, const Headers&)> call;
  std::map<std::string, int> expected;  // actor -> status; "*" for everyone not listed
};

int Expected(const Row& row, const std::string& actor) {
  if (auto it = row.expected.find(actor); it != row.expected.end()) return it->second;
  return row.expected.at("*");
}

std::vector<Row> Table() {
  auto get = [](std::string target) {
    return [target](Ctx& c, const Headers& h) { return testing::Get(c.port, target, h); };
  };
  return {
      {"GET", "/healthz", get("/healthz"), {{"*", 200}}},
      {"GET", "/readyz", get("/readyz"), {{"*", 200}}},
      {"GET", "/metrics", get("/metrics"), {{"*", 200}}},
      {"GET", "/api/v1/openapi.json", get("/api/v1/openapi.json"), {{"*", 200}}},
      {"POST",
       "/api/v1/ops/write-probe",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/ops/write-probe",
                                  R"({"key":"m)" + std::to_string(++c.serial) + R"("})", h);
       },
       {{"*", 201}}},
      {"POST",
       "/api/v1/auth/register",
       [](Ctx& c, const Headers& h) { return testing::PostJson(c.port, "/api/v1/auth/register", R"({"nik":"1"})", h); },
       {{"*", 422}}},
      {"POST",
       "/api/v1/auth/verify-email",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/auth/verify-email", R"({"email":"x@y.example","code":"1"})", h);
       },
       {{"*", 422}}},
      {"POST",
       "/api/v1/auth/login",
       [](Ctx& c, const Headers& h) {
         // A different unknown user each call, so the sign-in throttle never steps in.
         return testing::PostJson(
             c.port, "/api/v1/auth/login",
             R"({"username":"nobody)" + std::to_string(++c.serial) + R"(@demo.id","password":"not-the-password"})", h);
       },
       {{"*", 401}}},
      {"POST",
       "/api/v1/auth/logout",
       [](Ctx& c, const Headers& h) {
         return testing::Send(c.port, {"POST", "/api/v1/auth/logout", h, ""});
       },
       {{"", 401}, {"*", 204}}},
      {"POST",
       "/api/v1/officers",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/officers", OfficerBody(c, "loket"), h);
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 201}, {"admin@demo.go.id", 201}, {"*", 403}}},
      {"GET",
       "/api/v1/officers",
       [](Ctx& c, const Headers& h) {
         return testing::Get(c.port, "/api/v1/officers?node_id=" + std::to_string(c.dpmptsp), h);
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 200}, {"admin@demo.go.id", 200}, {"*", 403}}},
      {"POST",
       "/api/v1/officers/{id}/grants",
       [](Ctx& c, const Headers& h) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return testing::PostJson(c.port, "/api/v1/officers/" + std::to_string(id) + "/grants",
                                  R"({"node_id":)" + std::to_string(c.dpmptsp) + R"(,"role":"verifikator"})", h);
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 201}, {"admin@demo.go.id", 201}, {"*", 403}}},
      {"DELETE",
       "/api/v1/grants/{id}",
       [](Ctx& c, const Headers& h) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return testing::Send(c.port, {"DELETE", "/api/v1/grants/" + std::to_string(grant), h, ""});
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 204}, {"admin@demo.go.id", 204}, {"*", 404}}},
      {"POST",
       "/api/v1/officers/{id}/disable",
       [](Ctx& c, const Headers& h) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return testing::Send(c.port, {"POST", "/api/v1/officers/" + std::to_string(id) + "/disable", h, ""});
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 200}, {"admin@demo.go.id", 200}, {"*", 404}}},
      {"POST",
       "/api/v1/officers/{id}/enable",
       [](Ctx& c, const Headers& h) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return testing::Send(c.port, {"POST", "/api/v1/officers/" + std::to_string(id) + "/enable", h, ""});
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 200}, {"admin@demo.go.id", 200}, {"*", 404}}},
      {"POST",
       "/api/v1/auth/activate",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/auth/activate",
                                  R"({"email":"nobody@demo.go.id","code":"000000","password":"kopi-sidikalang-enak"})",
                                  h);
       },
       {{"*", 422}}},
      {"POST",
       "/api/v1/auth/password-reset",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/auth/password-reset", R"({"email":"nobody@demo.id"})", h);
       },
       {{"*", 202}}},
      {"POST",
       "/api/v1/auth/password-reset/confirm",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/auth/password-reset/confirm",
                                  R"({"email":"nobody@demo.id","code":"000000","password":"kopi-sidikalang-enak"})", h);
       },
       {{"*", 422}}},
      {"GET", "/api/v1/me", get("/api/v1/me"), {{"", 401}, {"*", 200}}},
      {"POST",
       "/api/v1/me/totp",
       [](Ctx& c, const Headers& h) {
         return testing::Send(c.port, {"POST", "/api/v1/me/totp", h, ""});
       },
       {{"", 401}, {"*", 201}}},  // every account may set up a second factor
      {"POST",
       "/api/v1/me/totp/confirm",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/me/totp/confirm", R"({"code":"x"})", h);
       },
       {{"", 401}, {"*", 422}}},  // started by the row above, refused for the wrong code
      {"GET", "/api/v1/me/export", get("/api/v1/me/export"), {{"", 401}, {"*", 200}}},
      {"PUT",
       "/api/v1/me/preferences",
       [](Ctx& c, const Headers& h) {
         Headers with = h;
         with.push_back({"Content-Type", "application/json"});
         return testing::Send(c.port,
                              {"PUT", "/api/v1/me/preferences", with, R"({"language":"id","phone_channel":"none"})"});
       },
       {{"", 401}, {"*", 204}}},
      {"GET", "/api/v1/inbox", get("/api/v1/inbox"), {{"", 401}, {"*", 200}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/survey",
       [](Ctx& c, const Headers& h) {  // warga2's file, not completed: nobody may answer its survey yet
         Filing f = NewPbgFiled(c);
         return testing::PostJson(c.port, "/api/v1/applications/" + f.tn + "/survey",
                                  R"({"answers": [4,4,4,4,4,4,4,4,4]})", h);
       },
       {{"", 401}, {"*", 404}}},
      {"GET", "/api/v1/stats/ikm", get("/api/v1/stats/ikm?from=2026-01-01&to=2026-12-31"), {{"*", 200}}},
      {"GET",
       "/api/v1/stats/ikm/report.csv",
       get("/api/v1/stats/ikm/report.csv?from=2026-01-01&to=2026-12-31"),
       {{"*", 200}}},
      {"GET",
       "/api/v1/stats/ikm/report.pdf",
       get("/api/v1/stats/ikm/report.pdf?from=2026-01-01&to=2026-12-31"),
       {{"*", 200}}},
      // The performance dashboard's open data: the same for everyone, signed in or not.
      {"GET", "/api/v1/stats/offices", get("/api/v1/stats/offices?from=2026-01-01&to=2026-12-31"), {{"*", 200}}},
      {"GET", "/api/v1/stats/offices.csv", get("/api/v1/stats/offices.csv"), {{"*", 200}}},
      {"GET", "/api/v1/stats/services", get("/api/v1/stats/services"), {{"*", 200}}},
      {"GET",
       "/api/v1/stats/services.csv",
       get("/api/v1/stats/services.csv?from=2026-01-01&to=2026-12-31"),
       {{"*", 200}}},
      {"GET", "/api/v1/stats/trend", get("/api/v1/stats/trend?from=2026-01-01&to=2026-12-31"), {{"*", 200}}},
      {"GET", "/api/v1/stats/trend.csv", get("/api/v1/stats/trend.csv?from=x"), {{"*", 422}}},
      // Documents are checked by anyone: no session changes the answer.
      {"GET", "/api/v1/documents/{id}", get("/api/v1/documents/00000000000000000000"), {{"*", 404}}},
      {"POST",
       "/api/v1/documents/verify",
       [](Ctx& c, const Headers& h) {
         Headers with = h;
         with.push_back({"Content-Type", "application/pdf"});
         return testing::Send(c.port, {"POST", "/api/v1/documents/verify", with, "%PDF-1.4 not issued"});
       },
       {{"*", 200}}},
      {"POST",
       "/api/v1/documents/{id}/revoke",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/documents/00000000000000000000/revoke",
                                  R"({"reason": "uji pencabutan"})", h);
       },
       {{"", 401}, {"*", 404}}},
      {"GET",
       "/api/v1/applications/{tracking_number}/document",
       [](Ctx& c, const Headers& h) {  // warga2's file, not approved: nobody has a document to fetch
         Filing f = NewPbgFiled(c);
         return testing::Get(c.port, "/api/v1/applications/" + f.tn + "/document", h);
       },
       {{"", 401}, {"*", 404}}},
      {"POST",
       "/api/v1/banks",
       [](Ctx& c, const Headers& h) { return testing::PostJson(c.port, "/api/v1/banks", NewBank(c), h); },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 201}, {"admin@demo.go.id", 201}, {"*", 403}}},
      {"GET",
       "/api/v1/banks",
       [](Ctx& c, const Headers& h) {
         return testing::Get(c.port, "/api/v1/banks?node_id=" + std::to_string(c.dpmptsp), h);
       },
       {{"", 401},
        {"admin_instansi.dpmptsp@demo.go.id", 200},
        {"admin@demo.go.id", 200},
        {"kepala.dpmptsp@demo.go.id", 200},  // finance: the head and the auditor see who collects
        {"auditor@demo.go.id", 200},
        {"*", 403}}},
      {"POST",
       "/api/v1/banks/{id}/revoke",
       [](Ctx& c, const Headers& h) {
         auto made = testing::PostJson(c.port, "/api/v1/banks", NewBank(c), PlatformAdmin(c));
         std::int64_t id = boost::json::parse(made.body).at("id").as_int64();
         return testing::Send(c.port, {"POST", "/api/v1/banks/" + std::to_string(id) + "/revoke", h, ""});
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 204}, {"admin@demo.go.id", 204}, {"*", 404}}},
      {"POST",
       "/api/v1/banks/{id}/reconciliation",
       [](Ctx& c, const Headers& h) {
         auto made = testing::PostJson(c.port, "/api/v1/banks", NewBank(c), PlatformAdmin(c));
         std::int64_t id = boost::json::parse(made.body).at("id").as_int64();
         Headers with = h;
         with.push_back({"Content-Type", "text/csv"});
         return testing::Send(
             c.port, {"POST", "/api/v1/banks/" + std::to_string(id) + "/reconciliation?date=2026-11-23", with, ""});
       },
       {{"", 401},
        {"admin_instansi.dpmptsp@demo.go.id", 200},
        {"admin@demo.go.id", 200},
        {"kepala.dpmptsp@demo.go.id", 200},
        {"auditor@demo.go.id", 200},
        {"*", 404}}},
      {"GET",
       "/api/v1/payments/refused",
       [](Ctx& c, const Headers& h) {
         return testing::Get(c.port, "/api/v1/payments/refused?node_id=" + std::to_string(c.dpmptsp), h);
       },
       {{"", 401},
        {"admin_instansi.dpmptsp@demo.go.id", 200},
        {"admin@demo.go.id", 200},
        {"kepala.dpmptsp@demo.go.id", 200},
        {"auditor@demo.go.id", 200},
        {"*", 403}}},
      // The bank protocol answers only a bank's signature: a session, whoever's, is not one.
      {"POST",
       "/api/v1/payments/inquiry",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/payments/inquiry", R"({"billing_code": "1"})", h);
       },
       {{"*", 401}}},
      {"POST",
       "/api/v1/payments/callback",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/payments/callback", R"({"billing_code": "1"})", h);
       },
       {{"*", 401}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/bill",
       [](Ctx& c, const Headers& h) {  // warga2's file: only its applicant may ask for a new code
         Filing f = NewPbgFiled(c);
         return testing::Send(c.port, {"POST", "/api/v1/applications/" + f.tn + "/bill", h, ""});
       },
       {{"", 401}, {"*", 404}}},
      {"POST",
       "/api/v1/inbox/{id}/read",
       [](Ctx& c, const Headers& h) {  // warga2 files, and is told so: only warga2 may mark that message
         NewPbgFiled(c);
         auto own = boost::json::parse(testing::Get(c.port, "/api/v1/inbox", Login(c, "warga2@demo.id")).body);
         std::int64_t id = own.at("items").as_array().at(0).at("id").as_int64();
         return testing::PostJson(c.port, "/api/v1/inbox/" + std::to_string(id) + "/read", "{}", h);
       },
       {{"", 401}, {"warga2@demo.id", 204}, {"*", 404}}},
      {"POST",
       "/api/v1/inbox/read",
       [](Ctx& c, const Headers& h) { return testing::PostJson(c.port, "/api/v1/inbox/read", "{}", h); },
       {{"", 401}, {"*", 200}}},
      {"GET", "/api/v1/org/nodes", get("/api/v1/org/nodes"), {{"*", 200}}},
      {"GET",
       "/api/v1/audit",
       get("/api/v1/audit"),
       {{"", 401}, {"auditor@demo.go.id", 200}, {"admin@demo.go.id", 200}, {"*", 403}}},
      {"GET",
       "/api/v1/org/nodes/{id}",
       [](Ctx& c, const Headers& h) {
         return testing::Get(c.port, "/api/v1/org/nodes/" + std::to_string(c.dpmptsp), h);
       },
       {{"*", 200}}},
      {"POST",
       "/api/v1/org/nodes",
       [](Ctx& c, const Headers& h) {
         std::string body = R"({"parent_id":)" + std::to_string(c.dpmptsp) +
                            R"(,"kind":"unit_kerja","name":"Bidang Uji","slug":"uji-)" + std::to_string(++c.serial) +
                            R"("})";
         return testing::PostJson(c.port, "/api/v1/org/nodes", body, h);
       },
       {{"", 401},
        {"admin_instansi.dpmptsp@demo.go.id", 201},
        {"admin@demo.go.id", 201},
        {"*", 403}}},  // citizens, loket, kepala, the other OPD's admin, the auditor
      {"POST",
       "/api/v1/api-keys",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(
             c.port, "/api/v1/api-keys",
             R"({"node_id":)" + std::to_string(c.dpmptsp) + R"(,"name":"SIMBG","scopes":["applications.read"]})", h);
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 201}, {"admin@demo.go.id", 201}, {"*", 403}}},
      {"GET",
       "/api/v1/api-keys",
       [](Ctx& c, const Headers& h) {
         return testing::Get(c.port, "/api/v1/api-keys?node_id=" + std::to_string(c.dpmptsp), h);
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 200}, {"admin@demo.go.id", 200}, {"*", 403}}},
      {"DELETE",
       "/api/v1/api-keys/{id}",
       [](Ctx& c, const Headers& h) {
         // A key of DPMPTSP issued by the platform admin for this call.
         auto admin = testing::PostJson(c.port, "/api/v1/auth/login",
                                        R"({"username":"admin@demo.go.id","password":"demo-spbe-2026"})");
         std::string token(boost::json::parse(admin.body).at("token").as_string());
         auto key = testing::PostJson(
             c.port, "/api/v1/api-keys",
             R"({"node_id":)" + std::to_string(c.dpmptsp) + R"(,"name":"SIMBG","scopes":["applications.read"]})",
             {{"Authorization", "Bearer " + token}});
         auto id = boost::json::parse(key.body).at("id").as_int64();
         return testing::Send(c.port, {"DELETE", "/api/v1/api-keys/" + std::to_string(id), h, ""});
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 204}, {"admin@demo.go.id", 204}, {"*", 404}}},
      {"GET", "/api/v1/services", get("/api/v1/services?q=izin"), {{"*", 200}}},
      {"GET", "/api/v1/services/{id}", get("/api/v1/services/izin-praktik-bidan"), {{"*", 200}}},
      {"POST",
       "/api/v1/services",
       [](Ctx& c, const Headers& h) { return testing::PostJson(c.port, "/api/v1/services", NewServiceBody(c), h); },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 201}, {"admin@demo.go.id", 201}, {"*", 403}}},
      {"GET",
       "/api/v1/services/{id}/draft",
       [](Ctx& c, const Headers& h) {
         return testing::Get(c.port, "/api/v1/services/" + std::to_string(NewDpmptspService(c)) + "/draft", h);
       },
       {{"", 401},
        {"admin_instansi.dpmptsp@demo.go.id", 200},
        {"admin@demo.go.id", 200},
        {"kepala.dpmptsp@demo.go.id", 200},
        {"auditor@demo.go.id", 200},
        {"*", 404}}},
      {"PUT",
       "/api/v1/services/{id}/draft",
       [](Ctx& c, const Headers& h) {
         return testing::Send(c.port, {"PUT", "/api/v1/services/" + std::to_string(NewDpmptspService(c)) + "/draft",
                                       [&] {
                                         Headers with = h;
                                         with.push_back({"Content-Type", "application/json"});
                                         return with;
                                       }(),
                                       ServiceDefinition(c)});
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 200}, {"admin@demo.go.id", 200}, {"*", 404}}},
      {"POST",
       "/api/v1/services/{id}/publish",
       [](Ctx& c, const Headers& h) {
         return testing::Send(c.port,
                              {"POST", "/api/v1/services/" + std::to_string(NewDpmptspService(c)) + "/publish", h, ""});
       },
       {{"", 401},
        {"admin_instansi.dpmptsp@demo.go.id", 200},
        {"admin@demo.go.id", 200},
        {"kepala.dpmptsp@demo.go.id", 403},
        {"auditor@demo.go.id", 403},
        {"*", 404}}},
      {"POST",
       "/api/v1/applications",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(
             c.port, "/api/v1/applications",
             R"({"service_id": "persetujuan-bangunan-gedung", "submit": false, "data": )" + std::string(kPbgData) + "}",
             h);
       },
       {{"", 401}, {"warga1@demo.id", 201}, {"*", 403}}},  // filed from citizen and business accounts only
      {"GET", "/api/v1/applications", get("/api/v1/applications"), {{"", 401}, {"*", 200}}},
      {"GET",
       "/api/v1/applications/{tracking_number}",
       [](Ctx& c, const Headers& h) { return testing::Get(c.port, "/api/v1/applications/" + NewPbgFiled(c).tn, h); },
       {{"", 401},
        {"warga1@demo.id", 404},                    // another citizen's file
        {"admin_instansi.dinkes@demo.go.id", 404},  // another agency
        {"*", 200}}},                               // DPMPTSP's officers, the platform admin, the auditor
      {"PUT",
       "/api/v1/applications/{tracking_number}/data",
       [](Ctx& c, const Headers& h) {
         Headers with = h;
         with.push_back({"Content-Type", "application/json"});
         return testing::Send(c.port, {"PUT", "/api/v1/applications/" + NewPbgDraft(c, "warga1@demo.id").tn + "/data",
                                       with, std::string(R"({"data": )") + kPbgData + "}"});
       },
       {{"", 401}, {"warga1@demo.id", 204}, {"*", 404}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/files",
       [](Ctx& c, const Headers& h) { return Upload(c, NewPbgDraft(c, "warga1@demo.id").tn, "bukti_tanah", h); },
       {{"", 401}, {"warga1@demo.id", 201}, {"*", 404}}},
      {"GET",
       "/api/v1/applications/{tracking_number}/files/{id}",
       [](Ctx& c, const Headers& h) {
         Filing f = NewPbgFiled(c);
         return testing::Get(c.port, "/api/v1/applications/" + f.tn + "/files/" + std::to_string(f.file_id), h);
       },
       {{"", 401}, {"warga1@demo.id", 404}, {"admin_instansi.dinkes@demo.go.id", 404}, {"*", 200}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/submit",
       [](Ctx& c, const Headers& h) {
         Filing f = NewPbgDraft(c, "warga1@demo.id");
         Headers w = Login(c, "warga1@demo.id");
         Upload(c, f.tn, "gambar_teknis", w);
         Upload(c, f.tn, "bukti_tanah", w);
         return testing::Send(c.port, {"POST", "/api/v1/applications/" + f.tn + "/submit", h, ""});
       },
       {{"", 401}, {"warga1@demo.id", 200}, {"*", 404}}},
      {"POST",
       "/api/v1/applications/{tracking_number}/actions",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/applications/" + NewPbgFiled(c).tn + "/actions",
                                  R"({"action": "note", "note": "Cek lapangan Kamis"})", h);
       },
       {{"", 401},
        {"verifikator.dpmptsp@demo.go.id", 200},  // the step's role at its node
        {"warga1@demo.id", 404},
        {"admin_instansi.dinkes@demo.go.id", 404},
        {"*", 403}}},  // may see the file, may not act at this step
      {"POST",
       "/api/v1/applications/{tracking_number}/reveal",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/applications/" + NewPbgFiled(c).tn + "/reveal",
                                  R"({"field": "nik"})", h);
       },
       {{"", 401},
        {"loket.dpmptsp@demo.go.id", 200},
        {"verifikator.dpmptsp@demo.go.id", 200},
        {"kepala.dpmptsp@demo.go.id", 200},
        {"warga1@demo.id", 404},
        {"admin_instansi.dinkes@demo.go.id", 404},
        {"*", 403}}},  // admins and the auditor see files, not personal numbers
      {"GET",
       "/api/v1/worklist",
       get("/api/v1/worklist"),
       {{"", 401},
        {"loket.dpmptsp@demo.go.id", 200},
        {"verifikator.dpmptsp@demo.go.id", 200},
        {"kepala.dpmptsp@demo.go.id", 200},
        {"*", 403}}},
      {"GET",
       "/api/v1/track/{tracking_number}",
       [](Ctx& c, const Headers& h) {
         Filing f = NewPbgFiled(c);
         return testing::Get(c.port, "/api/v1/track/" + f.tn + "?code=" + f.code, h);
       },
       {{"*", 200}}},
      {"GET", "/api/v1/calendar/holidays", get("/api/v1/calendar/holidays?year=2026"), {{"*", 200}}},
      {"PUT",
       "/api/v1/calendar/holidays/{date}",
       [](Ctx& c, const Headers& h) {
         Headers with = h;
         with.push_back({"Content-Type", "application/json"});
         return testing::Send(c.port, {"PUT", "/api/v1/calendar/holidays/2028-01-03", with,
                                       R"({"kind": "libur_nasional", "name_id": "Uji", "name_en": "Test"})"});
       },
       {{"", 401}, {"admin@demo.go.id", 204}, {"*", 403}}},  // the national calendar is the platform's
      {"DELETE",
       "/api/v1/calendar/holidays/{date}",
       [](Ctx& c, const Headers& h) {
         char date[16];
         std::snprintf(date, sizeof date, "2029-01-%02d", 1 + (++c.serial % 28));
         Headers admin = PlatformAdmin(c);
         admin.push_back({"Content-Type", "application/json"});
         testing::Send(c.port, {"PUT", std::string("/api/v1/calendar/holidays/") + date, admin,
                                R"({"kind": "cuti_bersama", "name_id": "Uji"})"});
         return testing::Send(c.port, {"DELETE", std::string("/api/v1/calendar/holidays/") + date, h, ""});
       },
       {{"", 401}, {"admin@demo.go.id", 204}, {"*", 403}}},
      {"POST",
       "/api/v1/calendar/holidays/import",
       [](Ctx& c, const Headers& h) {
         Headers with = h;
         with.push_back({"Content-Type", "text/csv"});
         return testing::Send(c.port, {"POST", "/api/v1/calendar/holidays/import", with,
                                       "date,kind,name_id,name_en,source\n2030-01-01,libur_nasional,Tahun Baru,New "
                                       "Year,test\n"});
       },
       {{"", 401}, {"admin@demo.go.id", 200}, {"*", 403}}},
      {"PUT",
       "/api/v1/org/nodes/{id}/cuti-bersama",
       [](Ctx& c, const Headers& h) {
         Headers with = h;
         with.push_back({"Content-Type", "application/json"});
         return testing::Send(c.port, {"PUT", "/api/v1/org/nodes/" + std::to_string(c.dpmptsp) + "/cuti-bersama", with,
                                       R"({"working": false})"});
       },
       {{"", 401}, {"admin_instansi.dpmptsp@demo.go.id", 204}, {"admin@demo.go.id", 204}, {"*", 403}}},
      // Reports: anyone files and reads the public feed; the office holding a report (DPMPTSP here) and readers
      // above it see it; only its officers act on it; the reporter rates; signed-in people support a public one.
      {"POST",
       "/api/v1/reports",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/reports", R"({"kind": "aspirasi", "identity": "anonymous",
             "category": "lainnya", "title": "Usul taman baca", "body": "Mohon dibangun taman baca di kelurahan kami."})",
                                  h);
       },
       {{"*", 201}}},
      {"GET", "/api/v1/reports", get("/api/v1/reports"), {{"*", 200}}},
      {"GET", "/api/v1/reports/queue", get("/api/v1/reports/queue"), {{"", 401}, {"warga1@demo.id", 403}, {"*", 200}}},
      {"GET",
       "/api/v1/reports/{number}",
       [](Ctx& c, const Headers& h) {
         Filing f = NewReport(c, "warga2@demo.id", /*confidential=*/true, /*accept=*/true);
         return testing::Get(c.port, "/api/v1/reports/" + f.tn, h);
       },
       {{"", 404}, {"warga1@demo.id", 404}, {"admin_instansi.dinkes@demo.go.id", 404}, {"*", 200}}},
      {"POST",
       "/api/v1/reports/{number}/actions",
       [](Ctx& c, const Headers& h) {
         Filing f = NewReport(c, "warga2@demo.id", true, true);
         return testing::PostJson(c.port, "/api/v1/reports/" + f.tn + "/actions",
                                  R"({"action": "answer", "note": "Sudah kami tindak lanjuti."})", h);
       },
       {{"", 404},
        {"warga1@demo.id", 404},
        {"admin_instansi.dinkes@demo.go.id", 404},
        {"admin@demo.go.id", 403},
        {"auditor@demo.go.id", 403},
        {"*", 200}}},
      {"POST",
       "/api/v1/reports/{number}/rating",
       [](Ctx& c, const Headers& h) {
         Filing f = NewReport(c, "warga1@demo.id", false, true, /*answer=*/true);
         return testing::PostJson(c.port, "/api/v1/reports/" + f.tn + "/rating", R"({"rating": 4})", h);
       },
       {{"warga1@demo.id", 204}, {"*", 404}}},
      {"POST",
       "/api/v1/reports/{number}/support",
       [](Ctx& c, const Headers& h) {
         Filing f = NewReport(c, "", false, true);
         return testing::PostJson(c.port, "/api/v1/reports/" + f.tn + "/support", "", h);
       },
       {{"", 401}, {"*", 200}}},
      {"GET",
       "/api/v1/reports/{number}/files/{id}",
       [](Ctx& c, const Headers& h) {
         Filing f = NewReport(c, "warga2@demo.id", true, true);
         return testing::Get(c.port, "/api/v1/reports/" + f.tn + "/files/" + std::to_string(f.file_id), h);
       },
       {{"", 404}, {"warga1@demo.id", 404}, {"admin_instansi.dinkes@demo.go.id", 404}, {"*", 200}}},
      {"GET", "/api/v1/report-categories", get("/api/v1/report-categories"), {{"*", 200}}},
      {"GET",
       "/api/v1/report-routes",
       get("/api/v1/report-routes"),
       {{"", 401}, {"admin@demo.go.id", 200}, {"*", 403}}},
      {"POST",
       "/api/v1/report-routes",
       [](Ctx& c, const Headers& h) {
         return testing::PostJson(c.port, "/api/v1/report-routes",
                                  R"({"category": "perizinan", "node_id": )" + std::to_string(c.dpmptsp) + "}", h);
       },
       {{"", 401}, {"admin@demo.go.id", 201}, {"*", 403}}},
      {"DELETE",
       "/api/v1/report-routes/{id}",
       [](Ctx& c, const Headers& h) {
         auto put = testing::PostJson(c.port, "/api/v1/report-routes",
                                      R"({"category": "pendidikan", "node_id": )" + std::to_string(c.dpmptsp) + "}",
                                      PlatformAdmin(c));
         std::string id = std::to_string(boost::json::parse(put.body).at("id").as_int64());
         return testing::Send(c.port, {"DELETE", "/api/v1/report-routes/" + id, h, ""});
       },
       {{"", 401}, {"admin@demo.go.id", 204}, {"*", 403}}},
      // Last: it would delete the citizen's account, which no later row of the same actor may need.
      {"DELETE",
       "/api/v1/me",
       [](Ctx& c, const Headers& h) {
         return testing::Send(c.port, {"DELETE", "/api/v1/me", h, ""});
       },
       {{"", 401}, {"warga1@demo.id", 409}, {"*", 403}}},  // warga1 has filed above: kept with the files
  };
}

class AuthorizationMatrix : public ::testing::TestWithParam<std::string> {};

TEST_P(AuthorizationMatrix, EveryRouteAsEveryActor) {
  SPBE_SKIP_UNAVAILABLE(GetParam());
  testing::TestDatabase db(GetParam());
  db.config.write_probe = true;
  db.config.demo = true;
  db.config.report_hourly_limit = 0;  // the rows file many reports from one address within a minute
  testing::MigrateOrDie(db.config);
  {
    auto database = app::OpenDatabase(db.config);
    ASSERT_TRUE(database.ok());
    ASSERT_TRUE(app::SeedDemo(**database, db.config).ok());
  }
  testing::TestServer server(db.config, /*migrate=*/false);
  Ctx ctx{server.port(), 0, 0};
  auto roots = boost::json::parse(testing::Get(ctx.port, "/api/v1/org/nodes").body).as_array();
  ASSERT_EQ(roots.size(), 1u);
  auto kab = boost::json::parse(
      testing::Get(ctx.port, "/api/v1/org/nodes/" + std::to_string(roots[0].at("id").as_int64())).body);
  for (const auto& child : kab.at("children").as_array()) {
    if (child.at("slug") == "dpmptsp") ctx.dpmptsp = child.at("id").as_int64();
  }
  ASSERT_GT(ctx.dpmptsp, 0);

  auto table = Table();
  // Every documented route has a row.
  auto doc = boost::json::parse(testing::Get(ctx.port, "/api/v1/openapi.json").body);
  std::set<std::string> rows;
  for (const auto& r : table) rows.insert(r.method + " " + r.path);
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      std::string m(method);
      std::transform(m.begin(), m.end(), m.begin(), ::toupper);
      EXPECT_TRUE(rows.count(m + " " + std::string(path)))
          << m << " " << path << " has no row in the authorization matrix: add one";
    }
  }

  auto login = [&](const std::string& user) -> Headers {
    if (user.empty()) return {};
    auto r = testing::PostJson(ctx.port, "/api/v1/auth/login",
                               R"({"username":")" + user + R"(","password":")" + app::kDemoPassword + R"("})");
    EXPECT_EQ(r.status, 200) << user;
    return {{"Authorization", "Bearer " + std::string(boost::json::parse(r.body).at("token").as_string())}};
  };
  for (const auto& actor : kActors) {
    for (const auto& row : table) {
      Headers h = login(actor);  // a fresh session per call: the logout row ends it
      auto res = row.call(ctx, h);
      EXPECT_EQ(res.status, Expected(row, actor))
          << row.method << " " << row.path << " as " << (actor.empty() ? "anonymous" : actor) << ": " << res.body;
    }
  }
}

TEST_P(AuthorizationMatrix, ApiKeysAuthenticateAnotherSystemUntilRevoked) {
  SPBE_SKIP_UNAVAILABLE(GetParam());
  testing::TestDatabase db(GetParam());
  db.config.demo = true;
  testing::MigrateOrDie(db.config);
  {
    auto database = app::OpenDatabase(db.config);
    ASSERT_TRUE(database.ok());
    ASSERT_TRUE(app::SeedDemo(**database, db.config).ok());
  }
  testing::TestServer server(db.config, /*migrate=*/false);
  int port = server.port();
  auto login = testing::PostJson(port, "/api/v1/auth/login",
                                 R"({"username":"admin_instansi.dpmptsp@demo.go.id","password":"demo-spbe-2026"})");
  Headers admin = {{"Authorization", "Bearer " + std::string(boost::json::parse(login.body).at("token").as_string())}};
  auto me = boost::json::parse(testing::Get(port, "/api/v1/me", admin).body);
  std::int64_t node = me.at("grants").at(0).at("node_id").as_int64();

  auto bad =
      testing::PostJson(port, "/api/v1/api-keys",
                        R"({"node_id":)" + std::to_string(node) + R"(,"name":"","scopes":["everything"]})", admin);
  EXPECT_EQ(bad.status, 422);
  auto issued = testing::PostJson(port, "/api/v1/api-keys",
                                  R"({"node_id":)" + std::to_string(node) +
                                      R"(,"name":"SIMBG Kabupaten","scopes":["applications.read","stats.read"]})",
                                  admin);
  ASSERT_EQ(issued.status, 201) << issued.body;
  auto j = boost::json::parse(issued.body);
  std::string key(j.at("key").as_string());
  EXPECT_EQ(key.rfind("spbe_", 0), 0u);

  auto as_system = testing::Get(port, "/api/v1/me", {{"Authorization", "Bearer " + key}});
  ASSERT_EQ(as_system.status, 200) << as_system.body;
  auto sys = boost::json::parse(as_system.body);
  EXPECT_EQ(sys.at("kind"), "system");
  EXPECT_EQ(sys.at("api_key").at("node_id").as_int64(), node);
  EXPECT_EQ(sys.at("api_key").at("scopes").as_array().size(), 2u);

  auto listed = testing::Get(port, "/api/v1/api-keys?node_id=" + std::to_string(node), admin);
  EXPECT_EQ(listed.body.find(key), std::string::npos) << "the key is never shown again";
  EXPECT_NE(listed.body.find("SIMBG Kabupaten"), std::string::npos);

  std::string forged = key;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(testing::Get(port, "/api/v1/me", {{"Authorization", "Bearer " + forged}}).status, 401);

  auto revoked =
      testing::Send(port, {"DELETE", "/api/v1/api-keys/" + std::to_string(j.at("id").as_int64()), admin, ""});
  EXPECT_EQ(revoked.status, 204);
  EXPECT_EQ(testing::Get(port, "/api/v1/me", {{"Authorization", "Bearer " + key}}).status, 401);
}

TEST_P(AuthorizationMatrix, AdminsGrantRevokeAndDisableOfficersOfTheirAgencyOnly) {
  SPBE_SKIP_UNAVAILABLE(GetParam());
  testing::TestDatabase db(GetParam());
  db.config.demo = true;
  testing::MigrateOrDie(db.config);
  {
    auto database = app::OpenDatabase(db.config);
    ASSERT_TRUE(database.ok());
    ASSERT_TRUE(app::SeedDemo(**database, db.config).ok());
  }
  testing::TestServer server(db.config, /*migrate=*/false);
  int port = server.port();
  auto login = [&](const std::string& user) {
    return testing::PostJson(port, "/api/v1/auth/login",
                             R"({"username":")" + user + R"(","password":"demo-spbe-2026"})");
  };
  auto bearer = [&](const std::string& user) -> Headers {
    auto r = login(user);
    return {{"Authorization", "Bearer " + std::string(boost::json::parse(r.body).at("token").as_string())}};
  };
  Headers admin = bearer("admin_instansi.dpmptsp@demo.go.id");
  Headers loket = bearer("loket.dpmptsp@demo.go.id");
  auto me = boost::json::parse(testing::Get(port, "/api/v1/me", loket).body);
  std::int64_t loket_id = me.at("id").as_int64();
  std::int64_t node = me.at("grants").at(0).at("node_id").as_int64();
  std::string grants_url = "/api/v1/officers/" + std::to_string(loket_id) + "/grants";

  auto added =
      testing::PostJson(port, grants_url, R"({"node_id":)" + std::to_string(node) + R"(,"role":"verifikator"})", admin);
  ASSERT_EQ(added.status, 201) << added.body;
  std::int64_t grant = boost::json::parse(added.body).at("grant_id").as_int64();
  auto roles = testing::Get(port, "/api/v1/me", loket).body;
  EXPECT_NE(roles.find("verifikator"), std::string::npos) << "the new role applies to the open session: " << roles;

  auto again =
      testing::PostJson(port, grants_url, R"({"node_id":)" + std::to_string(node) + R"(,"role":"verifikator"})", admin);
  EXPECT_EQ(again.status, 422);
  EXPECT_NE(again.body.find("\"field\":\"role\""), std::string::npos) << again.body;
  Headers admin_en = admin;
  admin_en.push_back({"Accept-Language", "en"});
  auto kepala =
      testing::PostJson(port, grants_url, R"({"node_id":)" + std::to_string(node) + R"(,"role":"kepala"})", admin_en);
  EXPECT_EQ(kepala.status, 422) << "kepala needs a second factor the officer has not turned on";
  EXPECT_NE(kepala.body.find("two-step"), std::string::npos) << kepala.body;
  auto platform_role = testing::PostJson(
      port, grants_url, R"({"node_id":)" + std::to_string(node) + R"(,"role":"admin_platform"})", admin);
  EXPECT_EQ(platform_role.status, 403) << "an agency admin cannot raise anyone to platform roles";

  // Another agency's admin neither sees nor changes this officer.
  Headers dinkes = bearer("admin_instansi.dinkes@demo.go.id");
  EXPECT_EQ(testing::Send(port, {"DELETE", "/api/v1/grants/" + std::to_string(grant), dinkes, ""}).status, 404);
  EXPECT_EQ(
      testing::Send(port, {"POST", "/api/v1/officers/" + std::to_string(loket_id) + "/disable", dinkes, ""}).status,
      404);

  EXPECT_EQ(testing::Send(port, {"DELETE", "/api/v1/grants/" + std::to_string(grant), admin, ""}).status, 204);
  EXPECT_EQ(testing::Get(port, "/api/v1/me", loket).body.find("verifikator"), std::string::npos);

  // Nobody revokes their own admin role.
  auto admin_me = boost::json::parse(testing::Get(port, "/api/v1/me", admin).body);
  auto officers = boost::json::parse(testing::Get(port, "/api/v1/officers", admin).body);
  std::int64_t own_grant = 0;
  for (const auto& o : officers.as_array()) {
    if (o.at("id") == admin_me.at("id") && o.at("role") == "admin_instansi") own_grant = o.at("grant_id").as_int64();
  }
  ASSERT_GT(own_grant, 0);
  EXPECT_EQ(testing::Send(port, {"DELETE", "/api/v1/grants/" + std::to_string(own_grant), admin, ""}).status, 403);

  // Disabling ends the officer's sessions at once and refuses sign-in; enabling lets them back.
  auto off = testing::Send(port, {"POST", "/api/v1/officers/" + std::to_string(loket_id) + "/disable", admin, ""});
  EXPECT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(testing::Get(port, "/api/v1/me", loket).status, 401);
  EXPECT_EQ(login("loket.dpmptsp@demo.go.id").status, 403);
  auto on = testing::Send(port, {"POST", "/api/v1/officers/" + std::to_string(loket_id) + "/enable", admin, ""});
  EXPECT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(login("loket.dpmptsp@demo.go.id").status, 200);

  auto audit = testing::Get(port, "/api/v1/audit?action=identity.disable", bearer("auditor@demo.go.id"));
  EXPECT_NE(audit.body.find("identity.disable"), std::string::npos) << audit.body;
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthorizationMatrix, ::testing::ValuesIn(testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace spbe
