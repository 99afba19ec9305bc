// The matrix's rows for the pages, as a browser uses them: GET, and form posts with the CSRF token (multipart where the
// form sends files). A redirect to /masuk counts as 401 (sent to sign in). An API key is nobody on a page: keys get
// what the anonymous visitor gets. Posts that change nothing on purpose carry empty or wrong values, so the error path
// of every form runs for every actor.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "matrix/matrix.hpp"

namespace spbe::matrix {
namespace {

namespace json = boost::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

std::function<HttpResponse(Ctx&, Actor&)> Show(std::string target) {
  return [target](Ctx& c, Actor& a) { return Page(c, a, target); };
}

std::function<HttpResponse(Ctx&, Actor&)> Post(std::string target, Fields fields) {
  return [target, fields](Ctx& c, Actor& a) { return Form(c, a, target, fields); };
}

HttpResponse Multipart(Actor& a, const std::string& target, const Fields& fields,
                       const std::vector<testing::BrowserSession::FilePart>& files = {}) {
  return a.browser->PostMultipart(target, fields, files, a.api);
}

// Signed-in pages everyone with an account may open.
const Expect kAnyAccount = {{"anonymous", 401}, {"*", 200}};
// Officers who see DPMPTSP's submitted files, on pages.
const Expect kSeesFilesPage = {{"anonymous", 401},         {"loket:in", 200},   {"verifikator:in", 200},
                               {"teknis:in", 200},         {"kepala:in", 200},  {"admin_instansi:in", 200},
                               {"admin_platform:in", 200}, {"auditor:in", 200}, {"*", 404}};
// The bus's console: agency and platform admins and auditors, anywhere; everyone else is told it is not for them.
Expect Console(int ok) {
  return {{"anonymous", 401}, {"admin_instansi", ok}, {"admin_platform", ok}, {"auditor", ok}, {"*", 403}};
}
// The admin pages: agency and platform admins, each of their own node.
Expect AdminPage(int in, int out, int others = 403) {
  return {{"anonymous", 401},          {"admin_instansi:in", in},   {"admin_platform:in", in},
          {"admin_instansi:out", out}, {"admin_platform:out", out}, {"*", others}};
}
// Readers of reports held at DPMPTSP.
const Expect kSeesReportsPage = {{"anonymous", 401},         {"loket:in", 200},
                                 {"verifikator:in", 200},    {"teknis:in", 200},
                                 {"kepala:in", 200},         {"admin_instansi:in", 200},
                                 {"admin_platform:in", 200}, {"auditor:in", 200},
                                 {"pengaduan:in", 200},      {"*", 404}};

std::string Email(Ctx& c, const char* prefix) {
  return std::string(prefix) + std::to_string(++c.serial) + "@mail.example";
}

std::string Nik(Ctx& c) { return fmt::format("121001150592{:04}", ++c.serial % 10000); }

// The inventory pages of DPMPTSP: its officers (and an SPBE evaluator anywhere) read them, its admins keep them;
// another agency's officers are refused its node (403) and its items (404).
const Expect kReadsInventoryPage = {{"anonymous", 401}, {"in", 200}, {"evaluator:out", 200}, {"*", 403}};
Expect InventoryItem(int admins, int readers, int others) {
  return {{"anonymous", 401}, {"admin_instansi:in", admins}, {"admin_platform:in", admins},
          {"in", readers},    {"evaluator:out", readers},    {"*", others}};
}
Expect InventoryForm(int admins) {
  return {{"anonymous", 401}, {"admin_instansi:in", admins}, {"admin_platform:in", admins}, {"*", 403}};
}

// An item of DPMPTSP's inventory, recorded by the platform admin: its id.
std::string NewInventoryItem(Ctx& c, const std::string& kind) {
  std::string name = "Halaman Matriks " + std::to_string(++c.serial);
  std::string node = std::to_string(c.dpmptsp);
  std::string body =
      kind == "applications" ? R"({"name": ")" + name + R"(", "function_code": "ADM.17", "node_id": )" + node + "}"
      : kind == "datasets"   ? R"({"name": ")" + name + R"(", "classification": "internal", "node_id": )" + node + "}"
                             : R"({"name": ")" + name + R"(", "kind": "server_room", "node_id": )" + node + "}";
  auto r = testing::PostJson(c.port, "/api/v1/architecture/" + kind, body, c.As("admin@demo.go.id"));
  return std::to_string(json::parse(r.body).at("id").as_int64());
}

std::vector<Row> InventoryPageRows() {
  auto node = [](Ctx& c) { return std::to_string(c.dpmptsp); };
  return {
      {"GET", "/arsitektur", [node](Ctx& c, Actor& a) { return Page(c, a, "/arsitektur?node_id=" + node(c)); },
       kReadsInventoryPage},
      {"GET", "/arsitektur/duplikasi",
       [node](Ctx& c, Actor& a) { return Page(c, a, "/arsitektur/duplikasi?node_id=" + node(c)); },
       kReadsInventoryPage},
      // Empty names: the admins see their form again with the message; everyone else is refused the node.
      {"POST", "/arsitektur/aplikasi",
       [node](Ctx& c, Actor& a) {
         return Form(c, a, "/arsitektur/aplikasi", {{"node_id", node(c)}, {"name", ""}, {"function_code", "ADM.17"}});
       },
       InventoryForm(422)},
      {"POST", "/arsitektur/data",
       [node](Ctx& c, Actor& a) {
         return Form(c, a, "/arsitektur/data", {{"node_id", node(c)}, {"name", ""}, {"classification", "publik"}});
       },
       InventoryForm(422)},
      {"POST", "/arsitektur/infrastruktur",
       [node](Ctx& c, Actor& a) {
         return Form(c, a, "/arsitektur/infrastruktur", {{"node_id", node(c)}, {"name", ""}, {"kind", "server_room"}});
       },
       InventoryForm(422)},
      {"POST", "/arsitektur/impor",
       [node](Ctx& c, Actor& a) {
         return Multipart(a, "/arsitektur/impor", {{"node_id", node(c)}, {"kind", "applications"}},
                          {{"file", "aplikasi.csv", "text/csv", "nama,fungsi,status\nX,ADM.17,hidup\n"}});
       },
       InventoryForm(422)},
      {"GET", "/arsitektur/aplikasi/{id}",
       [](Ctx& c, Actor& a) { return Page(c, a, "/arsitektur/aplikasi/" + NewInventoryItem(c, "applications")); },
       InventoryItem(200, 200, 404)},
      {"POST", "/arsitektur/aplikasi/{id}",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/arsitektur/aplikasi/" + NewInventoryItem(c, "applications"),
                     {{"name", ""}, {"function_code", "ADM.17"}});
       },
       InventoryItem(422, 403, 404)},
      {"POST", "/arsitektur/aplikasi/{id}/pensiun",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/arsitektur/aplikasi/" + NewInventoryItem(c, "applications") + "/pensiun", {});
       },
       InventoryItem(303, 403, 404)},
      {"POST", "/arsitektur/data/{id}/pensiun",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/arsitektur/data/" + NewInventoryItem(c, "datasets") + "/pensiun", {});
       },
       InventoryItem(303, 403, 404)},
      {"POST", "/arsitektur/infrastruktur/{id}/pensiun",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/arsitektur/infrastruktur/" + NewInventoryItem(c, "infrastructure") + "/pensiun", {});
       },
       InventoryItem(303, 403, 404)},
  };
}

}  // namespace

// The demo library's authorization request (PKCE S256; the consent page even where consent is remembered), and its
// consent form refused.
std::string SsoAuthorize() {
  return "/oauth2/authorize?client_id=perpustakaan-labuhanbatu&redirect_uri=http%3A%2F%2Flocalhost%3A8092%2Fmasuk%2F"
         "selesai&response_type=code&scope=openid%20profile&state=m&prompt=consent&code_challenge="
         "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
}
Fields SsoConsentFields() {
  return {{"client_id", "perpustakaan-labuhanbatu"},
          {"redirect_uri", "http://localhost:8092/masuk/selesai"},
          {"response_type", "code"},
          {"scope", "openid profile"},
          {"code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
          {"code_challenge_method", "S256"},
          {"decision", "deny"}};
}
// Kepala and admins must use a second factor, which the demo's accounts have not turned on.
const Expect kSsoPerson = {
    {"anonymous", 401}, {"kepala", 403}, {"admin_instansi", 403}, {"admin_platform", 403}, {"*", 200}};
const Expect kSsoConsent = {
    {"anonymous", 401}, {"kepala", 403}, {"admin_instansi", 403}, {"admin_platform", 403}, {"*", 303}};

std::vector<Row> PageRows() {
  std::vector<Row> rows = {
      // Open to everyone.
      {"GET", "/", Show("/"), {{"*", 200}}, true},
      {"GET", "/static/{path*}", Show("/static/css/app.css"), {{"*", 200}}, true},
      {"GET", "/layanan", Show("/layanan?q=izin"), {{"*", 200}}, true},
      {"GET", "/layanan/{slug}", Show("/layanan/izin-praktik-bidan"), {{"*", 200}}, true},
      {"GET", "/lacak", Show("/lacak"), {{"*", 200}}, true},
      {"GET", "/kinerja", Show("/kinerja"), {{"*", 200}}, true},
      {"GET", "/api/docs", Show("/api/docs"), {{"*", 200}}, true},
      // The bus: its directory is public; its console is for agency and platform admins and auditors.
      {"GET", "/interop", Show("/interop?q=penduduk"), {{"*", 200}}, true},
      {"GET",
       "/interop/layanan/{member}/{system}/{service}",
       Show("/interop/layanan/disdukcapil-labuhanbatu/siak/penduduk"),
       {{"*", 200}},
       true},
      {"GET", "/interop/kelola", Show("/interop/kelola"), Console(200)},
      {"POST",
       "/interop/kelola/sistem",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/interop/kelola/sistem", {{"node_id", std::to_string(c.dpmptsp)}, {"code", ""}});
       },
       {{"anonymous", 401},
        {"admin_instansi:in", 422},
        {"admin_platform:in", 422},
        {"admin_instansi:out", 403},
        {"admin_platform:out", 403},
        {"auditor", 403},
        {"*", 403}}},
      {"POST", "/interop/kelola/sistem/{id}/kunci", Post("/interop/kelola/sistem/0/kunci", {}), Console(404)},
      {"POST", "/interop/kelola/akses", Post("/interop/kelola/akses", {{"service_id", "0"}}), Console(404)},
      {"POST", "/interop/kelola/akses/{id}/putusan", Post("/interop/kelola/akses/0/putusan", {{"decision", ""}}),
       Console(422)},
      {"POST", "/interop/kelola/akses/{id}/cabut", Post("/interop/kelola/akses/0/cabut", {{"reason", "x"}}),
       Console(404)},
      // Single sign-on, as the person's browser meets it: the consent page (roles that need a second factor are
      // refused without one), the consent form (refused: back to the application), the sign-out confirmation.
      {"GET", "/oauth2/authorize", Show(SsoAuthorize()), kSsoPerson},
      {"POST", "/oauth2/authorize", Post("/oauth2/authorize", SsoConsentFields()), kSsoConsent},
      // Signed in: asked to confirm (no ID token says it is them); nobody signed in: the portal's signed-out page.
      {"GET", "/oauth2/logout", Show("/oauth2/logout"), {{"anonymous", 302}, {"*", 200}}},
      // The same by POST (an application's own page may post it): asked to confirm, or signed out already.
      {"POST", "/oauth2/logout", Post("/oauth2/logout", {}), {{"anonymous", 303}, {"*", 200}}},
      {"GET", "/sso/kelola", Show("/sso/kelola"), {{"anonymous", 401}, {"admin_platform", 200}, {"*", 403}}},
      {"POST",
       "/sso/kelola",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/sso/kelola", {{"node_id", std::to_string(c.dpmptsp)}, {"name", ""}});
       },
       {{"anonymous", 401}, {"admin_platform:in", 422}, {"*", 403}}},
      {"POST", "/sso/kelola/{id}/rahasia", Post("/sso/kelola/0/rahasia", {}), {{"anonymous", 401}, {"*", 404}}},
      {"POST", "/sso/kelola/{id}/nonaktifkan", Post("/sso/kelola/0/nonaktifkan", {}), {{"anonymous", 401}, {"*", 404}}},
      {"GET", "/profil/aplikasi", Show("/profil/aplikasi"), kAnyAccount},
      {"POST", "/profil/aplikasi/{id}/cabut", Post("/profil/aplikasi/0/cabut", {}), {{"anonymous", 401}, {"*", 404}}},
      {"GET",
       "/kinerja/ikm",
       [](Ctx& c, Actor& a) { return Page(c, a, "/kinerja/ikm?node_id=" + std::to_string(c.dpmptsp)); },
       {{"*", 200}},
       true},
      {"GET", "/lapor", Show("/lapor"), {{"*", 200}}, true},
      {"GET", "/lapor/lacak", Show("/lapor/lacak"), {{"*", 200}}, true},
      {"GET", "/laporan", Show("/laporan"), {{"*", 200}}, true},
      {"GET",
       "/laporan/{tn}",
       [](Ctx& c, Actor& a) { return Page(c, a, "/laporan/" + NewReport(c, "", false, true).tn); },
       {{"*", 200}},
       true},
      {"GET", "/verifikasi-dokumen", Show("/verifikasi-dokumen"), {{"*", 200}}, true},
      {"GET", "/verifikasi/ca", Show("/verifikasi/ca"), {{"*", 200}}, true},
      {"GET",
       "/verifikasi/{id}",
       [](Ctx& c, Actor& a) { return Page(c, a, "/verifikasi/" + NewApproved(c).code); },
       {{"*", 200}},
       true},
      {"POST",
       "/verifikasi-dokumen",
       [](Ctx&, Actor& a) {
         return Multipart(a, "/verifikasi-dokumen", {}, {{"file", "surat.pdf", "application/pdf", "%PDF-1.4 x"}});
       },
       {{"*", 200}},
       true},
      {"POST",
       "/lapor",
       [](Ctx&, Actor& a) {
         return Multipart(a, "/lapor",
                          {{"kind", "aspirasi"},
                           {"identity", "anonymous"},
                           {"category", "lainnya"},
                           {"title", "Usul taman baca"},
                           {"body", "Mohon dibangun taman baca di kelurahan kami."}});
       },
       {{"*", 201}},
       true},
      // Accounts: open by design; each call a real registration, verification, activation or reset.
      {"GET", "/daftar", Show("/daftar"), {{"*", 200}}, true},
      {"POST",
       "/daftar",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/daftar",
                     {{"kind", "warga"},
                      {"name", "Warga Halaman"},
                      {"email", Email(c, "halaman")},
                      {"password", "kuda-lumping-di-sawah"},
                      {"nik", Nik(c)}});
       },
       {{"*", 303}},
       true},
      {"GET", "/verifikasi", Show("/verifikasi"), {{"*", 200}}, true},
      {"POST",
       "/verifikasi",
       [](Ctx& c, Actor& a) {
         std::string email = Email(c, "verhal");
         testing::PostJson(c.port, "/api/v1/auth/register",
                           R"({"name":"Warga Uji","email":")" + email +
                               R"(","password":"kuda-lumping-di-sawah","nik":")" + Nik(c) + R"("})");
         return Form(c, a, "/verifikasi", {{"email", email}, {"code", c.CodeSentTo(email)}});
       },
       {{"*", 303}},
       true},
      {"GET", "/masuk", Show("/masuk"), {{"*", 200}}, true},
      {"POST",
       "/masuk",
       Post("/masuk", {{"username", "warga2@demo.id"}, {"password", "demo-spbe-2026"}, {"kembali", "/permohonan"}}),
       {{"*", 303}},
       true,
       /*ends_session=*/true},  // the browser is now warga2's: signed in again as itself afterwards
      {"POST", "/keluar", Post("/keluar", {}), {{"*", 303}}, true, /*ends_session=*/true},
      {"GET", "/aktivasi", Show("/aktivasi"), {{"*", 200}}, true},
      {"POST",
       "/aktivasi",
       [](Ctx& c, Actor& a) {
         testing::PostJson(c.port, "/api/v1/officers", OfficerBody(c, "loket"), c.As("admin@demo.go.id"));
         std::string email = "petugas" + std::to_string(c.serial) + "@demo.go.id";
         return Form(c, a, "/aktivasi",
                     {{"email", email}, {"code", c.CodeSentTo(email)}, {"password", "kopi-sidikalang-enak-sekali"}});
       },
       {{"*", 200}},
       true},
      {"GET", "/lupa-sandi", Show("/lupa-sandi"), {{"*", 200}}, true},
      {"POST", "/lupa-sandi", Post("/lupa-sandi", {{"email", "usaha1@demo.id"}}), {{"*", 303}}, true},
      {"GET", "/atur-ulang-sandi", Show("/atur-ulang-sandi"), {{"*", 200}}, true},
      {"POST",
       "/atur-ulang-sandi",
       [](Ctx& c, Actor& a) {
         testing::PostJson(c.port, "/api/v1/auth/password-reset", R"({"email":"lupa@demo.id"})");
         return Form(c, a, "/atur-ulang-sandi",
                     {{"email", "lupa@demo.id"},
                      {"code", c.CodeSentTo("lupa@demo.id")},
                      {"password", "kopi-sidikalang-enak-sekali"}});
       },
       {{"*", 200}},
       true},
      // The person's own pages.
      {"GET", "/profil", Show("/profil"), kAnyAccount},
      {"POST",
       "/profil/pemberitahuan",
       Post("/profil/pemberitahuan", {{"language", "klingon"}, {"phone_channel", "merpati"}}),
       {{"anonymous", 401}, {"*", 422}}},
      {"GET", "/kotak-masuk", Show("/kotak-masuk"), kAnyAccount},
      {"POST",
       "/kotak-masuk/{id}/buka",
       [](Ctx& c, Actor& a) {
         NewOneStepFiled(c);
         auto own = json::parse(testing::Get(c.port, "/api/v1/inbox", c.As("warga1@demo.id")).body);
         std::int64_t id = own.at("items").as_array().at(0).at("id").as_int64();
         return Form(c, a, "/kotak-masuk/" + std::to_string(id) + "/buka", {});
       },
       {{"anonymous", 401}, {"warga", 303}, {"*", 404}}},
      {"POST", "/kotak-masuk/baca-semua", Post("/kotak-masuk/baca-semua", {}), {{"anonymous", 401}, {"*", 303}}},
      // Applying and following one's own files.
      // Only citizens and businesses file: an officer is told so, not shown a form that cannot be sent.
      {"GET",
       "/layanan/{slug}/ajukan",
       Show("/layanan/izin-matrix/ajukan"),
       {{"anonymous", 401}, {"citizen", 200}, {"*", 403}}},
      {"POST",
       "/layanan/{slug}/ajukan",
       [](Ctx&, Actor& a) {
         return Multipart(a, "/layanan/izin-matrix/ajukan", {{"nama_usaha", ""}, {"aksi", "ajukan"}});
       },
       {{"anonymous", 401}, {"citizen", 422}, {"*", 403}}},
      {"GET", "/permohonan", Show("/permohonan"), kAnyAccount},
      {"GET",
       "/permohonan/{tn}",
       [](Ctx& c, Actor& a) { return Page(c, a, "/permohonan/" + NewOneStepFiled(c).tn); },
       {{"anonymous", 401},
        {"warga", 200},
        // officers who see the file are sent to its back-office page
        {"loket:in", 303},
        {"verifikator:in", 303},
        {"teknis:in", 303},
        {"kepala:in", 303},
        {"admin_instansi:in", 303},
        {"admin_platform:in", 303},
        {"auditor:in", 303},
        {"*", 404}}},
      {"GET",
       "/permohonan/{tn}/ubah",
       [](Ctx& c, Actor& a) { return Page(c, a, "/permohonan/" + NewPbgDraft(c, "warga1@demo.id").tn + "/ubah"); },
       {{"anonymous", 401}, {"warga", 200}, {"*", 404}}},
      {"POST",
       "/permohonan/{tn}/ubah",
       [](Ctx& c, Actor& a) {
         return Multipart(a, "/permohonan/" + NewPbgDraft(c, "warga1@demo.id").tn + "/ubah",
                          {{"nama_pemohon", ""}, {"aksi", "ajukan"}});
       },
       {{"anonymous", 401}, {"warga", 422}, {"*", 404}}},
      {"GET", "/permohonan/{tn}/berkas/{id}",
       [](Ctx& c, Actor& a) {
         Filing f = NewPbgFiled(c);
         return Page(c, a, "/permohonan/" + f.tn + "/berkas/" + std::to_string(f.file_id));
       },
       kSeesFilesPage},
      {"GET", "/permohonan/{tn}/dokumen",
       [](Ctx& c, Actor& a) { return Page(c, a, "/permohonan/" + NewApproved(c).tn + "/dokumen"); },
       [] {
         Expect e = kSeesFilesPage;
         e["warga"] = 200;
         return e;
       }()},
      {"POST",
       "/permohonan/{tn}/kode-bayar",
       [](Ctx& c, Actor& a) { return Form(c, a, "/permohonan/" + NewOneStepFiled(c).tn + "/kode-bayar", {}); },
       {{"anonymous", 401}, {"warga", 303}, {"*", 404}}},  // no payment step: back to the file, nothing issued
      {"GET",
       "/permohonan/{tn}/survei",
       [](Ctx& c, Actor& a) { return Page(c, a, "/permohonan/" + NewOneStepFiled(c).tn + "/survei"); },
       {{"anonymous", 401}, {"warga", 200}, {"*", 404}}},
      {"POST",
       "/permohonan/{tn}/survei",
       [](Ctx& c, Actor& a) {
         Fields answers;
         for (int i = 0; i < 9; ++i) answers.push_back({"q" + std::to_string(i), "4"});
         return Form(c, a, "/permohonan/" + NewOneStepFiled(c).tn + "/survei", answers);
       },
       {{"anonymous", 401}, {"warga", 409}, {"*", 404}}},  // not decided yet: its applicant waits
      // The back office.
      {"GET",
       "/kerja",
       Show("/kerja"),
       {{"anonymous", 401}, {"loket", 200}, {"verifikator", 200}, {"teknis", 200}, {"kepala", 200}, {"*", 403}}},
      {"GET", "/kerja/{tn}", [](Ctx& c, Actor& a) { return Page(c, a, "/kerja/" + NewOneStepFiled(c).tn); },
       [] {
         Expect e = kSeesFilesPage;
         e["citizen"] = 303;  // the back office is for officers: citizens are sent to their own page
         return e;
       }()},
      {"POST",
       "/kerja/{tn}/tindakan",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/kerja/" + NewOneStepFiled(c).tn + "/tindakan",
                     {{"tindakan", "reject"}, {"catatan", "Persyaratan tidak lengkap"}});
       },
       {{"anonymous", 401},
        {"kepala:in", 303},  // the step's role
        {"loket:in", 403},
        {"verifikator:in", 403},
        {"teknis:in", 403},
        {"admin_instansi:in", 403},
        {"admin_platform:in", 403},
        {"auditor:in", 403},
        {"warga", 403},  // the applicant sees the file, does not act on it
        {"*", 404}}},
      {"POST",
       "/kerja/{tn}/tampilkan",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/kerja/" + NewPbgFiled(c).tn + "/tampilkan", {{"isian", "nik"}});
       },
       {{"anonymous", 401},
        {"loket:in", 200},
        {"verifikator:in", 200},
        {"teknis:in", 200},
        {"kepala:in", 200},
        {"admin_instansi:in", 403},
        {"admin_platform:in", 403},
        {"auditor:in", 403},
        {"*", 404}}},
      {"POST",
       "/dokumen/{id}/cabut",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/dokumen/" + NewApproved(c).code + "/cabut", {{"reason", "terbit dengan data salah"}});
       },
       {{"anonymous", 401}, {"kepala:in", 303}, {"admin_instansi:in", 303}, {"admin_platform:in", 303}, {"*", 404}}},
      // Administration.
      {"GET", "/admin", Show("/admin"), AdminPage(200, 200)},
      {"GET", "/admin/penomoran", Show("/admin/penomoran"), AdminPage(200, 200)},
      {"POST", "/admin/penomoran",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/admin/penomoran",
                     {{"node_id", std::to_string(c.dpmptsp)},
                      {"pattern", "{nomor4}/{unit}/{tahun}"},
                      {"classification", "503"},
                      {"unit", ""}});
       },
       AdminPage(303, 404, 404)},
      {"POST", "/admin/simpul",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/admin/simpul",
                     {{"parent_id", std::to_string(c.dpmptsp)}, {"kind", "unit_kerja"}, {"name", ""}, {"slug", ""}});
       },
       AdminPage(422, 403)},
      {"POST", "/admin/petugas",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/admin/petugas",
                     {{"name", ""},
                      {"email", "bukan-surel"},
                      {"nip", "1"},
                      {"position", ""},
                      {"node_id", std::to_string(c.dpmptsp)},
                      {"role", "loket"}});
       },
       AdminPage(422, 403)},
      {"POST", "/admin/peran",
       [](Ctx& c, Actor& a) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return Form(
             c, a, "/admin/peran",
             {{"officer_id", std::to_string(id)}, {"node_id", std::to_string(c.dpmptsp)}, {"role", "verifikator"}});
       },
       AdminPage(303, 403)},
      {"POST", "/admin/peran/{id}/cabut",
       [](Ctx& c, Actor& a) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return Form(c, a, "/admin/peran/" + std::to_string(grant) + "/cabut", {});
       },
       AdminPage(303, 422)},
      {"POST", "/admin/petugas/{id}/nonaktifkan",
       [](Ctx& c, Actor& a) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return Form(c, a, "/admin/petugas/" + std::to_string(id) + "/nonaktifkan", {});
       },
       AdminPage(303, 422)},
      {"POST", "/admin/petugas/{id}/aktifkan",
       [](Ctx& c, Actor& a) {
         auto [id, grant] = NewDpmptspOfficer(c);
         return Form(c, a, "/admin/petugas/" + std::to_string(id) + "/aktifkan", {});
       },
       AdminPage(303, 422)},
      {"POST", "/admin/kunci-api", Post("/admin/kunci-api", {{"name", ""}}), AdminPage(422, 422)},
      {"POST", "/admin/kunci-api/{id}/cabut",
       [](Ctx& c, Actor& a) {
         auto key = testing::PostJson(
             c.port, "/api/v1/api-keys",
             R"({"node_id":)" + std::to_string(c.dpmptsp) + R"(,"name":"SIMBG","scopes":["applications.read"]})",
             c.As("admin@demo.go.id"));
         auto id = json::parse(key.body).at("id").as_int64();
         return Form(c, a, "/admin/kunci-api/" + std::to_string(id) + "/cabut", {});
       },
       AdminPage(303, 422)},
      {"GET", "/admin/layanan", Show("/admin/layanan"), AdminPage(200, 200)},
      {"POST", "/admin/layanan",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/admin/layanan",
                     {{"node_id", std::to_string(c.dpmptsp)},
                      {"slug", "layanan-halaman-" + std::to_string(++c.serial)},
                      {"name_id", "Layanan Halaman"}});
       },
       AdminPage(303, 403)},
      {"GET",
       "/admin/layanan/{id}",
       [](Ctx& c, Actor& a) { return Page(c, a, "/admin/layanan/" + std::to_string(NewDpmptspService(c))); },
       {{"anonymous", 401},
        {"admin_instansi:in", 200},
        {"admin_platform:in", 200},
        {"kepala:in", 200},
        {"auditor:in", 200},
        {"*", 404}}},
      {"POST",
       "/admin/layanan/{id}/draf",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/admin/layanan/" + std::to_string(NewDpmptspService(c)) + "/draf", {{"name_id", ""}});
       },
       {{"anonymous", 401},
        {"admin_instansi:in", 422},
        {"admin_platform:in", 422},
        {"kepala:in", 403},  // reads drafts, does not change them
        {"auditor:in", 403},
        {"*", 404}}},
      {"POST",
       "/admin/layanan/{id}/terbitkan",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/admin/layanan/" + std::to_string(NewDpmptspService(c)) + "/terbitkan", {});
       },
       {{"anonymous", 401},
        {"admin_instansi:in", 303},
        {"admin_platform:in", 303},
        {"kepala:in", 403},
        {"auditor:in", 403},
        {"*", 404}}},
      {"GET",
       "/audit",
       [](Ctx& c, Actor& a) { return Page(c, a, "/audit?node_id=" + std::to_string(c.dpmptsp)); },
       {{"anonymous", 401}, {"auditor:in", 200}, {"admin_platform:in", 200}, {"*", 403}}},
      // Money.
      {"GET",
       "/keuangan",
       Show("/keuangan"),
       {{"anonymous", 401},
        {"bendahara", 200},
        {"kepala", 200},
        {"auditor", 200},
        {"admin_instansi", 200},
        {"admin_platform", 200},
        {"*", 403}}},
      {"POST",
       "/keuangan/bank",
       Post("/keuangan/bank", {{"code", ""}, {"name", ""}, {"public_key", "bukan-kunci"}}),
       {{"anonymous", 401},
        {"bendahara", 422},
        {"kepala", 422},
        {"auditor", 422},
        {"admin_instansi", 422},
        {"admin_platform", 422},
        {"*", 403}}},
      {"POST",
       "/keuangan/rekonsiliasi",
       [](Ctx&, Actor& a) {
         return Multipart(a, "/keuangan/rekonsiliasi", {{"bank_id", "0"}, {"date", "2026-11-23"}},
                          {{"file", "rekening.csv", "text/csv", "waktu,kode_bayar,jumlah,referensi\n"}});
       },
       {{"anonymous", 401},
        {"bendahara", 404},
        {"kepala", 404},
        {"auditor", 404},
        {"admin_instansi", 404},
        {"admin_platform", 404},
        {"*", 403}}},
      // Reports: the reporter's own, the office's and the desk's pages.
      {"POST",
       "/lapor/lacak/{tn}",
       [](Ctx& c, Actor& a) {
         Filing f = NewReport(c, "warga1@demo.id", false, true, /*answer=*/true);
         return Form(c, a, "/lapor/lacak/" + f.tn, {{"aksi", "rate"}, {"nilai", "4"}});
       },
       {{"warga", 200}, {"*", 404}}},
      {"POST", "/laporan/{tn}/dukung",
       [](Ctx& c, Actor& a) { return Form(c, a, "/laporan/" + NewReport(c, "", false, true).tn + "/dukung", {}); },
       kAnyAccount},
      {"GET",
       "/pengaduan",
       Show("/pengaduan"),
       {{"anonymous", 401}, {"citizen", 403}, {"bendahara", 403}, {"evaluator", 403}, {"*", 200}}},
      {"GET", "/pengaduan/{tn}",
       [](Ctx& c, Actor& a) { return Page(c, a, "/pengaduan/" + NewReport(c, "warga2@demo.id", true, true).tn); },
       kSeesReportsPage},
      {"POST",
       "/pengaduan/{tn}/tindakan",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/pengaduan/" + NewReport(c, "warga2@demo.id", true, true).tn + "/tindakan",
                     {{"tindakan", "answer"}, {"catatan", "Sudah kami tindak lanjuti."}});
       },
       {{"anonymous", 401},
        {"loket:in", 200},
        {"verifikator:in", 200},
        {"teknis:in", 200},
        {"kepala:in", 200},
        {"admin_instansi:in", 200},
        {"admin_platform:in", 403},  // read, do not answer for the office
        {"auditor:in", 403},
        {"pengaduan:in", 403},
        {"*", 404}}},
      {"GET",
       "/pengaduan/rute",
       Show("/pengaduan/rute"),
       {{"anonymous", 401}, {"pengaduan:in", 200}, {"admin_platform:in", 200}, {"*", 404}}},
      {"POST",
       "/pengaduan/rute",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/pengaduan/rute", {{"category", "perizinan"}, {"node_id", std::to_string(c.dpmptsp)}});
       },
       {{"anonymous", 401}, {"pengaduan:in", 303}, {"admin_platform:in", 303}, {"*", 404}}},
      {"POST",
       "/pengaduan/rute/{id}/hapus",
       [](Ctx& c, Actor& a) {
         auto put = testing::PostJson(c.port, "/api/v1/report-routes",
                                      R"({"category": "pendidikan", "node_id": )" + std::to_string(c.dpmptsp) + "}",
                                      c.As("admin@demo.go.id"));
         std::string id = std::to_string(json::parse(put.body).at("id").as_int64());
         return Form(c, a, "/pengaduan/rute/" + id + "/hapus", {});
       },
       {{"anonymous", 401}, {"pengaduan:in", 303}, {"admin_platform:in", 303}, {"*", 404}}},
  };
  for (auto& r : InventoryPageRows()) rows.push_back(std::move(r));
  for (auto& r : EvaluationPageRows()) rows.push_back(std::move(r));
  return rows;
}

}  // namespace spbe::matrix
