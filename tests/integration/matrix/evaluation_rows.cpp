// The matrix's rows for the SPBE evaluation (API and pages). Their objects live at the kabupaten: the demo's draft
// of this year, coordinated by the platform admin there (admin_platform:in) and read by every officer whose grant is
// on the kabupaten itself (auditor, evaluator, bendahara, pengaduan :in); the DPMPTSP and Dinkes officers are below
// it and see nothing. Reviews are of the demo ministry's own assessment, submitted: every evaluator of the matrix
// (granted on the kabupaten or Dinkes) is outside the ministry's subtree, so both may review it, and nobody else
// reads it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "app/app.hpp"
#include "evaluation/service.hpp"
#include "matrix/matrix.hpp"

namespace spbe::matrix {
namespace {

namespace json = boost::json;

std::function<HttpResponse(Ctx&, Actor&)> Get(std::string target) {
  return [target](Ctx& c, Actor& a) { return Api(c, a, "GET", target); };
}

// The demo ministry, under the central government's root.
std::int64_t Kemenpanrb(Ctx& c) {
  json::value roots = json::parse(testing::Get(c.port, "/api/v1/org/nodes").body);  // kept: walked below
  for (const auto& r : roots.as_array()) {
    if (r.at("slug") != "pusat") continue;
    json::value node =
        json::parse(testing::Get(c.port, "/api/v1/org/nodes/" + std::to_string(r.at("id").as_int64())).body);
    for (const auto& child : node.at("children").as_array()) {
      if (child.at("slug") == "kemenpanrb") return child.at("id").as_int64();
    }
  }
  ADD_FAILURE() << "set-up: no demo ministry";
  return 0;
}

access::Actor Coordinator(std::int64_t node) {
  access::Actor a;
  a.platform = true;
  a.grants = {{node, access::Role::kAdminPlatform}};
  return a;
}

// The demo's assessment of the kabupaten for this year: a draft.
std::int64_t Draft(Ctx& c) {
  auto list = c.demo->app().evaluation().Worklist(Coordinator(c.kab));
  if (list.ok()) {
    for (const auto& a : *list) {
      if (a.node_id == c.kab && a.state == "draft") return a.id;
    }
  }
  ADD_FAILURE() << "set-up: the demo has no draft";
  return 0;
}

std::string D(Ctx& c) { return "/api/v1/spbe/assessments/" + std::to_string(Draft(c)); }

// The ministry's own assessment of 2024, every indicator scored and submitted (made once).
std::int64_t Ministry(Ctx& c) {
  std::int64_t ministry = Kemenpanrb(c);
  auto& spbe = c.demo->app().evaluation();
  auto coordinator = Coordinator(ministry);
  auto list = spbe.Worklist(coordinator);
  if (list.ok()) {
    for (const auto& a : *list) {
      if (a.node_id == ministry) return a.id;
    }
  }
  auto made = spbe.Create(coordinator, ministry, 2024, "id");
  EXPECT_TRUE(made.ok()) << (made.ok() ? "" : made.error().detail);
  if (!made.ok()) return 0;
  for (int n = 1; n <= 47; ++n) EXPECT_TRUE(spbe.SetSelf(coordinator, made->row.id, n, 3, "", "id").ok());
  EXPECT_TRUE(spbe.Submit(coordinator, made->row.id, "id").ok());
  return made->row.id;
}

std::string M(Ctx& c) { return "/api/v1/spbe/assessments/" + std::to_string(Ministry(c)); }

// A link and a file of evidence on the draft, and an action of its plan, made for the call that takes it away.
std::int64_t NewLink(Ctx& c) {
  // Spread over the indicators: each holds at most 20 pieces of evidence, and refused removals leave theirs.
  int n = ++c.serial;
  auto id = c.demo->app().evaluation().AddLink(Coordinator(c.kab), Draft(c), 1 + n % 47, "Tautan",
                                               "https://jdih.example.go.id/" + std::to_string(n), "id");
  EXPECT_TRUE(id.ok());
  return id.ok() ? *id : 0;
}
std::int64_t FileEvidence(Ctx& c) {
  static std::map<int, std::int64_t> made;  // per server
  if (auto it = made.find(c.port); it != made.end()) return it->second;
  auto id = c.demo->app().evaluation().AddFile(Coordinator(c.kab), Draft(c), 6, "sk.pdf", "application/pdf",
                                               "%PDF-1.4\n%%EOF\n", "id");
  EXPECT_TRUE(id.ok());
  return made[c.port] = id.ok() ? *id : 0;
}
std::int64_t NewAction(Ctx& c) {
  auto id = c.demo->app().evaluation().AddPlanAction(Coordinator(c.kab), Draft(c), 7, "Tindakan", "Diskominfo",
                                                     "2027-06-30", "id");
  EXPECT_TRUE(id.ok());
  return id.ok() ? *id : 0;
}

// Who reads the kabupaten's assessments: grants on the kabupaten itself.
Expect Readers(int ok) {
  return {{"anonymous", 401},   {"admin_platform:in", ok}, {"auditor:in", ok}, {"evaluator:in", ok},
          {"bendahara:in", ok}, {"pengaduan:in", ok},      {"*", 404}};
}
// The coordinator changes; the other readers are refused; the rest do not see the assessment.
Expect Coordinates(int ok) {
  return {{"anonymous", 401},    {"key", 401},          {"admin_platform:in", ok}, {"auditor:in", 403},
          {"evaluator:in", 403}, {"bendahara:in", 403}, {"pengaduan:in", 403},     {"*", 404}};
}
// The ministry's assessment: both evaluators review it, nobody else reads it.
Expect Evaluators(int ok) { return {{"anonymous", 401}, {"key", 401}, {"evaluator", ok}, {"*", 404}}; }

}  // namespace

std::vector<Row> EvaluationApiRows() {
  std::vector<Row> rows = {
      {"GET", "/api/v1/spbe/models/current", Get("/api/v1/spbe/models/current"), {{"*", 200}}, true},
      {"GET", "/api/v1/spbe/public", Get("/api/v1/spbe/public"), {{"*", 200}}, true},
      {"GET", "/api/v1/spbe/public/{node}", Get("/api/v1/spbe/public/labuhanbatu"), {{"*", 200}}, true},
      {"POST",
       "/api/v1/spbe/models",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", "/api/v1/spbe/models", R"({"id": "model-uji"})"); },
       {{"anonymous", 401}, {"key", 401}, {"admin_platform:in", 422}, {"*", 403}}},
      {"POST",
       "/api/v1/spbe/assessments",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", "/api/v1/spbe/assessments",
                    R"({"node_id": )" + std::to_string(c.kab) + R"(, "year": 2018})");
       },
       {{"anonymous", 401}, {"key", 401}, {"admin_platform:in", 201}, {"*", 403}}},
      {"GET",
       "/api/v1/spbe/assessments",
       Get("/api/v1/spbe/assessments"),
       {{"anonymous", 401}, {"key", 401}, {"*", 200}}},
      {"GET", "/api/v1/spbe/assessments/{id}", [](Ctx& c, Actor& a) { return Api(c, a, "GET", D(c)); }, Readers(200)},
      {"PUT", "/api/v1/spbe/assessments/{id}/indicators/{number}",
       [](Ctx& c, Actor& a) { return Api(c, a, "PUT", D(c) + "/indicators/2", R"({"level": 3})"); }, Coordinates(200)},
      {"POST", "/api/v1/spbe/assessments/{id}/submit",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", D(c) + "/submit"); }, Coordinates(422)},
      {"POST", "/api/v1/spbe/assessments/{id}/indicators/{number}/review",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", M(c) + "/indicators/1/review", R"({"decision": "kept"})"); },
       Evaluators(200)},
      {"POST", "/api/v1/spbe/assessments/{id}/indicators/{number}/interview",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", M(c) + "/indicators/1/interview", R"({"note": "Wawancara dengan tim."})");
       },
       Evaluators(200)},
      {"POST", "/api/v1/spbe/assessments/{id}/finalize",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", M(c) + "/finalize"); }, Evaluators(409)},
      {"POST", "/api/v1/spbe/assessments/{id}/indicators/{number}/evidence",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", D(c) + "/indicators/3/evidence",
                    R"({"title": "SK", "url": "https://jdih.example.go.id/sk"})");
       },
       Coordinates(201)},
      {"GET", "/api/v1/spbe/assessments/{id}/evidence/{evidence_id}",
       [](Ctx& c, Actor& a) { return Api(c, a, "GET", D(c) + "/evidence/" + std::to_string(FileEvidence(c))); },
       Readers(200)},
      {"POST", "/api/v1/spbe/assessments/{id}/evidence/{evidence_id}/remove",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", D(c) + "/evidence/" + std::to_string(NewLink(c)) + "/remove"); },
       Coordinates(200)},
      {"POST", "/api/v1/spbe/assessments/{id}/live-evidence",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", D(c) + "/live-evidence", R"({"date": "2026-01-31"})"); },
       Coordinates(200)},
      {"PUT", "/api/v1/spbe/assessments/{id}/indicators/{number}/target",
       [](Ctx& c, Actor& a) { return Api(c, a, "PUT", D(c) + "/indicators/4/target", R"({"level": 4})"); },
       Coordinates(200)},
      {"POST", "/api/v1/spbe/assessments/{id}/plan",
       [](Ctx& c, Actor& a) {
         return Api(c, a, "POST", D(c) + "/plan",
                    R"({"indicator": 4, "action": "Perbup", "owner": "Diskominfo", "due_date": "2027-03-31"})");
       },
       Coordinates(201)},
      {"POST", "/api/v1/spbe/assessments/{id}/plan/{action_id}/remove",
       [](Ctx& c, Actor& a) { return Api(c, a, "POST", D(c) + "/plan/" + std::to_string(NewAction(c)) + "/remove"); },
       Coordinates(200)},
  };
  for (const char* file : {"report.pdf", "export.csv", "export.xlsx"}) {
    rows.push_back({"GET", std::string("/api/v1/spbe/assessments/{id}/") + file,
                    [file](Ctx& c, Actor& a) { return Api(c, a, "GET", D(c) + "/" + file); }, Readers(200)});
  }
  return rows;
}

std::vector<Row> EvaluationPageRows() {
  auto page = [](std::function<std::string(Ctx&)> target) {
    return [target](Ctx& c, Actor& a) { return Page(c, a, target(c)); };
  };
  auto form = [](std::function<std::string(Ctx&)> target, std::vector<std::pair<std::string, std::string>> fields) {
    return [target, fields](Ctx& c, Actor& a) { return Form(c, a, target(c), fields); };
  };
  auto draft = [](Ctx& c) { return "/spbe/penilaian/" + std::to_string(Draft(c)); };
  auto ministry = [](Ctx& c) { return "/spbe/penilaian/" + std::to_string(Ministry(c)); };
  // Pages: keys are nobody; a coordinator's form answers with a redirect back to the page.
  Expect readers = {{"anonymous", 401},    {"admin_platform:in", 200}, {"auditor:in", 200}, {"evaluator:in", 200},
                    {"bendahara:in", 200}, {"pengaduan:in", 200},      {"*", 404}};
  Expect coordinates = {{"anonymous", 401},    {"admin_platform:in", 303}, {"auditor:in", 403}, {"evaluator:in", 403},
                        {"bendahara:in", 403}, {"pengaduan:in", 403},      {"*", 404}};
  Expect evaluators = {{"anonymous", 401}, {"evaluator", 303}, {"*", 404}};
  return {
      {"GET", "/indeks-spbe", page([](Ctx&) { return std::string("/indeks-spbe"); }), {{"*", 200}}, true},
      {"GET",
       "/indeks-spbe/{node}",
       page([](Ctx&) { return std::string("/indeks-spbe/labuhanbatu"); }),
       {{"*", 200}},
       true},
      {"GET",
       "/spbe/penilaian",
       page([](Ctx&) { return std::string("/spbe/penilaian"); }),
       {{"anonymous", 401}, {"*", 200}}},
      {"POST",
       "/spbe/penilaian",
       [](Ctx& c, Actor& a) {
         return Form(c, a, "/spbe/penilaian", {{"node_id", std::to_string(c.kab)}, {"year", "abc"}});
       },
       {{"anonymous", 401}, {"admin_platform:in", 422}, {"*", 403}}},
      {"GET", "/spbe/penilaian/{id}", page(draft), readers},
      {"GET", "/spbe/penilaian/{id}/indikator/{number}", page([draft](Ctx& c) { return draft(c) + "/indikator/12"; }),
       readers},
      {"POST", "/spbe/penilaian/{id}/indikator/{number}",
       form([draft](Ctx& c) { return draft(c) + "/indikator/12"; }, {{"level", "3"}, {"explanation", "Perbup."}}),
       coordinates},
      {"POST", "/spbe/penilaian/{id}/indikator/{number}/bukti",
       [draft](Ctx& c, Actor& a) {
         return a.browser->PostMultipart(draft(c) + "/indikator/12/bukti",
                                         {{"title", "SK"}, {"url", "https://jdih.example.go.id/sk"}}, {}, a.api);
       },
       coordinates},
      {"POST", "/spbe/penilaian/{id}/indikator/{number}/bukti/{evidence_id}/hapus",
       [draft](Ctx& c, Actor& a) {
         return Form(c, a, draft(c) + "/indikator/5/bukti/" + std::to_string(NewLink(c)) + "/hapus", {});
       },
       coordinates},
      {"POST", "/spbe/penilaian/{id}/indikator/{number}/reviu",
       form([ministry](Ctx& c) { return ministry(c) + "/indikator/2/reviu"; }, {{"decision", "kept"}}), evaluators},
      {"POST", "/spbe/penilaian/{id}/indikator/{number}/wawancara",
       form([ministry](Ctx& c) { return ministry(c) + "/indikator/2/wawancara"; }, {{"note", "Wawancara."}}),
       evaluators},
      {"POST", "/spbe/penilaian/{id}/indikator/{number}/target",
       form([draft](Ctx& c) { return draft(c) + "/indikator/12/target"; }, {{"target_level", "4"}}), coordinates},
      {"POST", "/spbe/penilaian/{id}/indikator/{number}/rencana",
       form([draft](Ctx& c) { return draft(c) + "/indikator/12/rencana"; },
            {{"action", "Perbup"}, {"owner", "Diskominfo"}, {"due_date", "2027-03-31"}}),
       coordinates},
      {"POST", "/spbe/penilaian/{id}/indikator/{number}/rencana/{action_id}/hapus",
       [draft](Ctx& c, Actor& a) {
         return Form(c, a, draft(c) + "/indikator/7/rencana/" + std::to_string(NewAction(c)) + "/hapus", {});
       },
       coordinates},
      {"POST",
       "/spbe/penilaian/{id}/kirim",
       form([draft](Ctx& c) { return draft(c) + "/kirim"; }, {}),
       {{"anonymous", 401},
        {"admin_platform:in", 422},
        {"auditor:in", 403},
        {"evaluator:in", 403},
        {"bendahara:in", 403},
        {"pengaduan:in", 403},
        {"*", 404}}},
      {"POST",
       "/spbe/penilaian/{id}/final",
       form([ministry](Ctx& c) { return ministry(c) + "/final"; }, {}),
       {{"anonymous", 401}, {"evaluator", 409}, {"*", 404}}},
      {"POST", "/spbe/penilaian/{id}/bukti-platform",
       form([draft](Ctx& c) { return draft(c) + "/bukti-platform"; }, {{"date", "2026-02-01"}}), coordinates},
  };
}

}  // namespace spbe::matrix
