#include "matrix/matrix.hpp"

#include <gtest/gtest.h>

#include <soci/soci.h>

#include <fmt/format.h>

#include <boost/json.hpp>
#include <cstdio>
#include <regex>

#include "app/app.hpp"
#include "platform/crypto.hpp"

namespace spbe::matrix {

namespace json = boost::json;

const Headers& Ctx::As(const std::string& username) {
  auto it = sessions.find(username);
  if (it != sessions.end()) return it->second;
  auto r = testing::PostJson(port, "/api/v1/auth/login",
                             R"({"username":")" + username + R"(","password":")" + app::kDemoPassword + R"("})");
  Headers h;
  if (r.status == 200) {
    h = {{"Authorization", "Bearer " + std::string(json::parse(r.body).at("token").as_string())}};
  } else {
    ADD_FAILURE() << "set-up: " << username << " cannot sign in: " << r.body;
  }
  return sessions.emplace(username, h).first->second;
}

std::string Ctx::CodeSentTo(const std::string& email) {
  auto body = demo->app().database().Read([&](soci::session& s) {
    std::string b;
    s << "SELECT body FROM notification_outbox WHERE recipient = :r ORDER BY id DESC", soci::use(email, "r"),
        soci::into(b);
    return b;
  });
  std::smatch m;
  static const std::regex kSix("\\b(\\d{6})\\b");
  if (!body.ok() || !std::regex_search(*body, m, kSix)) {
    ADD_FAILURE() << "set-up: no code mailed to " << email;
    return "000000";
  }
  return m[1];
}

int ExpectedFor(const Expect& e, const Actor& a, bool page) {
  if (page && a.group == "key") {
    // A key is another system's credential, refused on pages: the visitor is anonymous there.
    for (const char* k : {"anonymous", "*"}) {
      if (auto it = e.find(k); it != e.end()) return it->second;
    }
  }
  std::vector<std::string> keys = {a.label};
  if (!a.role.empty()) keys.push_back(a.role);
  keys.push_back(a.group);
  if (a.group == "in" || a.group == "out") keys.push_back("officer");
  if (a.group == "in" || a.group == "out" || a.group == "citizen") keys.push_back("signed");
  keys.push_back("*");
  for (const auto& k : keys) {
    if (auto it = e.find(k); it != e.end()) return it->second;
  }
  ADD_FAILURE() << "no expectation for " << a.label;
  return -1;
}

HttpResponse Api(Ctx& c, Actor& a, const std::string& method, const std::string& target, const std::string& body,
                 const std::string& content_type) {
  Headers h = a.api;
  if (!body.empty()) h.push_back({"Content-Type", content_type});
  return testing::Send(c.port, {method, target, h, body});
}

HttpResponse Page(Ctx&, Actor& a, const std::string& target) { return a.browser->Get(target, a.api); }

HttpResponse Form(Ctx&, Actor& a, const std::string& target,
                  const std::vector<std::pair<std::string, std::string>>& fields) {
  return a.browser->PostForm(target, fields, a.api);
}

namespace {

constexpr const char* kPbgData =
    R"({"nama_pemohon": "Andi Nasution", "nik": "1210011708920005", "fungsi": "hunian", "luas_m2": 72,
        "jumlah_lantai": 1, "lokasi": "12.10.01"})";

}  // namespace

std::string OfficerBody(Ctx& c, const std::string& role) {
  int n = ++c.serial;
  std::string nip = fmt::format("199001012015011{:03}", n % 1000);
  return R"({"name":"Petugas Uji","email":"petugas)" + std::to_string(n) + R"(@demo.go.id","nip":")" + nip +
         R"(","position":"Petugas Loket","node_id":)" + std::to_string(c.dpmptsp) + R"(,"role":")" + role + R"("})";
}

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

std::int64_t NewDpmptspService(Ctx& c) {
  auto created = testing::PostJson(c.port, "/api/v1/services", NewServiceBody(c), c.As("admin@demo.go.id"));
  if (created.status != 201) {
    ADD_FAILURE() << "set-up: service: " << created.body;
    return 0;
  }
  return json::parse(created.body).at("id").as_int64();
}

HttpResponse Upload(Ctx& c, const std::string& tn, const std::string& field, const Headers& h) {
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

std::string NewBank(Ctx& c) {
  auto key = crypto::SigningKey::Generate();
  return json::serialize(json::object{{"code", "BANK" + std::to_string(++c.serial)},
                                      {"name", "Bank Uji"},
                                      {"node_id", c.dpmptsp},
                                      {"public_key", crypto::Base64Encode(key.PublicKey())}});
}

Filing NewPbgDraft(Ctx& c, const std::string& user) {
  auto r = testing::PostJson(
      c.port, "/api/v1/applications",
      R"({"service_id": "persetujuan-bangunan-gedung", "submit": false, "data": )" + std::string(kPbgData) + "}",
      c.As(user));
  if (r.status != 201) {
    ADD_FAILURE() << "set-up: draft: " << r.body;
    return {};
  }
  auto j = json::parse(r.body);
  return {std::string(j.at("tracking_number").as_string()), std::string(j.at("access_code").as_string())};
}

Filing NewPbgFiled(Ctx& c) {
  Filing f = NewPbgDraft(c, "warga2@demo.id");
  const Headers& w = c.As("warga2@demo.id");
  auto up = Upload(c, f.tn, "gambar_teknis", w);
  if (up.status != 201) ADD_FAILURE() << "set-up: upload: " << up.body;
  f.file_id = up.status == 201 ? json::parse(up.body).at("id").as_int64() : 0;
  Upload(c, f.tn, "bukti_tanah", w);
  auto submitted = testing::Send(c.port, {"POST", "/api/v1/applications/" + f.tn + "/submit", w, ""});
  if (submitted.status != 200) ADD_FAILURE() << "set-up: submit: " << submitted.body;
  return f;
}

Filing NewReport(Ctx& c, const std::string& user, bool confidential, bool accept, bool answer) {
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
  Headers h = user.empty() ? Headers{} : c.As(user);
  h.push_back({"Content-Type", "multipart/form-data; boundary=" + boundary});
  auto r = testing::Send(c.port, {"POST", "/api/v1/reports", h, body});
  if (r.status != 201) {
    ADD_FAILURE() << "set-up: report: " << r.body;
    return {};
  }
  auto j = json::parse(r.body);
  Filing f{std::string(j.at("tracking_number").as_string()), std::string(j.at("access_code").as_string())};
  auto mine = json::parse(testing::Get(c.port, "/api/v1/reports/" + f.tn + "?code=" + f.code).body);
  f.file_id = mine.at("files").at(0).at("id").as_int64();
  if (accept) {
    auto a = testing::PostJson(c.port, "/api/v1/reports/" + f.tn + "/actions",
                               R"({"action": "accept", "to_node_id": )" + std::to_string(c.dpmptsp) + "}",
                               c.As("pengaduan@demo.go.id"));
    if (a.status != 200) ADD_FAILURE() << "set-up: accept: " << a.body;
  }
  if (answer) {
    auto a = testing::PostJson(c.port, "/api/v1/reports/" + f.tn + "/actions",
                               R"({"action": "answer", "note": "Izin terbit hari ini."})",
                               c.As("verifikator.dpmptsp@demo.go.id"));
    if (a.status != 200) ADD_FAILURE() << "set-up: answer: " << a.body;
  }
  return f;
}

Filing NewOneStepFiled(Ctx& c, const std::string& user) {
  auto filed = testing::PostJson(
      c.port, "/api/v1/applications",
      R"({"service_id": "izin-matrix", "data": {"nama_usaha": "Warung", "alamat": "Jl. 1"}})", c.As(user));
  if (filed.status != 201) {
    ADD_FAILURE() << "set-up: one-step file: " << filed.body;
    return {};
  }
  auto j = json::parse(filed.body);
  return {std::string(j.at("tracking_number").as_string()), std::string(j.at("access_code").as_string())};
}

Filing NewApproved(Ctx& c) {
  Filing f = NewOneStepFiled(c);
  auto approved = testing::PostJson(c.port, "/api/v1/applications/" + f.tn + "/actions", R"({"action": "approve"})",
                                    c.As("kepala.dpmptsp@demo.go.id"));
  if (approved.status != 200) ADD_FAILURE() << "set-up: approve: " << approved.body;
  auto file = json::parse(testing::Get(c.port, "/api/v1/applications/" + f.tn, c.As("warga1@demo.id")).body);
  if (auto* d = file.as_object().if_contains("document")) f.code = std::string(d->at("id").as_string());
  return f;
}

std::pair<std::int64_t, std::int64_t> NewDpmptspOfficer(Ctx& c) {
  const Headers& admin = c.As("admin@demo.go.id");
  auto created = testing::PostJson(c.port, "/api/v1/officers", OfficerBody(c, "loket"), admin);
  if (created.status != 201) {
    ADD_FAILURE() << "set-up: officer: " << created.body;
    return {0, 0};
  }
  std::int64_t id = json::parse(created.body).at("id").as_int64();
  auto list = testing::Get(c.port, "/api/v1/officers?node_id=" + std::to_string(c.dpmptsp), admin);
  auto rows = json::parse(list.body);
  if (list.status != 200 || !rows.is_array()) {
    ADD_FAILURE() << "set-up: officers: " << list.body;
    return {id, 0};
  }
  for (const auto& row : rows.as_array()) {
    if (row.at("id").as_int64() == id) return {id, row.at("grant_id").as_int64()};
  }
  return {id, 0};
}

}  // namespace spbe::matrix
