#include "documents/web.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>

#include "http/contract.hpp"
#include "http/forms.hpp"
#include "http/json.hpp"
#include "http/multipart.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"
#include "platform/local_time.hpp"

namespace spbe::documents {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::ProblemDoc;
using http::Unauthorized;

std::string Doc(const char* summary, const char* params, const char* request, const std::string& responses) {
  return http::OperationDoc("documents", summary, params, request, responses);
}

// What anyone may know of a document: never the recipient's full name.
json::object PublicJson(const PublicView& v) {
  const DocumentRow& d = v.document;
  json::object o{
      {"id", d.id},
      {"number", d.number},
      {"title", d.title},
      {"agency", d.agency},
      {"recipient", v.recipient_masked},
      {"signer", json::object{{"name", d.signer_name}, {"position", d.signer_position}, {"nip", d.signer_nip}}},
      {"issued_at", d.issued_at},
      {"sha256", d.sha256},
      {"signature",
       json::object{
           {"algorithm", "Ed25519"}, {"valid", v.signature_valid}, {"key_id", d.key_id}, {"key_status", v.key_status}}},
      {"status", d.status},
      {"valid", d.status == "valid" && v.signature_valid && v.file_intact}};
  if (d.status == "revoked") {
    o["revoked_at"] = d.revoked_at;
    o["revoked_reason"] = d.revoked_reason;
  }
  return o;
}

json::object PageData(const PublicView& v, std::string_view lang) {
  const DocumentRow& d = v.document;
  bool valid = d.status == "valid" && v.signature_valid && v.file_intact;
  return {{"id", d.id},
          {"number", d.number.empty() ? d.id : d.number},
          {"signer_nip", d.signer_nip},
          {"title", d.title},
          {"agency", d.agency},
          {"recipient", v.recipient_masked},
          {"signer_name", d.signer_name},
          {"signer_position", d.signer_position},
          {"issued", LocalDateTimeText(d.issued_at, v.zone, lang)},
          {"sha256", d.sha256},
          {"valid", valid},
          {"revoked", d.status == "revoked"},
          {"revoked_at", LocalDateTimeText(d.revoked_at, v.zone, lang)},
          {"revoked_reason", d.revoked_reason},
          {"bad_signature", !v.signature_valid}};
}

// The numbering operations' contracts (http/contract.hpp): one description gives the schema and the reading.
struct NumberingBody {
  std::string pattern;              // {klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}
  std::string classification;       // 503
  std::optional<std::string> unit;  // DPMPTSP; absent or empty: from the agency's short name
};
BOOST_DESCRIBE_STRUCT(NumberingBody, (), (pattern, classification, unit))

struct NumberingView {
  std::string pattern, classification, unit;
  std::string example;  // the pattern filled for number 1 of December 2026
};
BOOST_DESCRIBE_STRUCT(NumberingView, (), (pattern, classification, unit, example))

Response Pdf(std::string bytes, const std::string& id) {
  Response r = Response::Text(200, std::move(bytes), "application/pdf");
  r.Set("Content-Disposition", "attachment; filename=\"dokumen-" + id + ".pdf\"");
  r.Set("Cache-Control", "private, no-store");
  return r;
}

}  // namespace

void RegisterWeb(http::Router& router, const http::Views& views, DocumentsService& documents,
                 applications::ApplicationsService& applications) {
  // /verifikasi without an id is the e-mail verification of accounts; checking a document's bytes lives here.
  router.Add("GET", "/verifikasi-dokumen", [&views](Request& req) {
    return views.Page(req, 200, "documents/verify", {{"upload", true}}, "verify_title");
  });
  // The platform's root certificate: installed in a PDF reader, it makes the agencies' signatures trusted there.
  router.Add("GET", "/verifikasi/ca", [&views, &documents](Request& req) {
    auto pem = documents.RootCertificate();
    if (!pem.ok()) return views.ErrorPage(req, 404);
    Response r = Response::Text(200, std::move(*pem), "application/x-pem-file");
    r.Set("Content-Disposition", "attachment; filename=\"spbe-terpadu-root-ca.crt\"");
    r.Set("Cache-Control", "public, max-age=3600");
    return r;
  });
  router.Add("GET", "/verifikasi/{id}", [&views, &documents](Request& req) {
    auto v = documents.Public(req.params["id"]);
    if (!v.ok()) return views.Page(req, 404, "documents/verify", {{"unknown", true}, {"upload", true}}, "verify_title");
    json::object data{{"document", PageData(*v, req.lang)}, {"upload", true}};
    return views.Page(req, 200, "documents/verify", std::move(data), "verify_title");
  });
  // Upload a PDF: is it, byte for byte, one the platform issued?
  router.Add("POST", "/verifikasi-dokumen", [&views, &documents](Request& req) {
    auto parts = http::ParseMultipart(req);
    const http::Part* file = parts.ok() ? http::FindPart(*parts, "file") : nullptr;
    if (!file || file->body.empty()) {
      return views.Page(req, 422, "documents/verify", {{"upload", true}, {"no_file", true}}, "verify_title");
    }
    auto found = documents.VerifyBytes(file->body);
    if (!found.ok()) return views.ErrorPage(req, 503);
    json::object data{{"upload", true}, {"checked", true}, {"issued", !found->empty()}};
    if (!found->empty()) data["document"] = PageData(found->front(), req.lang);
    return views.Page(req, 200, "documents/verify", std::move(data), "verify_title");
  });

  static const std::string kGetDoc = Doc(
      "What a document is, who issued it, and whether it is valid (public; the recipient's name masked)",
      R"([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}])", nullptr,
      std::string(
          R"("200": {"description": "The document", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("404", "No such document"));
  router.Add(
      "GET", "/api/v1/documents/{id}",
      [&documents](Request& req) {
        auto v = documents.Public(req.params["id"]);
        if (!v.ok()) {
          return http::Problem(
              req, Error::Of(ErrorCode::kNotFound, req.lang == "en" ? "no such document" : "dokumen tidak ditemukan"));
        }
        return http::JsonResponse(200, PublicJson(*v));
      },
      {.openapi = kGetDoc});

  static const std::string kVerifyDoc = Doc(
      "Were these exact bytes issued? The body is the PDF (application/pdf), or multipart with a `file` part", nullptr,
      R"({"application/pdf": {"schema": {"type": "string", "format": "binary"}}})",
      std::string(
          R"("200": {"description": "issued: true with the document, or false", "content": {"application/json": {"schema": {"type": "object", "properties": {"issued": {"type": "boolean"}, "document": {"type": "object"}}}}}}, )") +
          ProblemDoc("400", "No file"));
  router.Add("POST", "/api/v1/documents/verify",
             [&documents](Request& req) {
               std::string bytes = req.body;
               if (req.Header("content-type").value_or("").rfind("multipart/form-data", 0) == 0) {
                 auto parts = http::ParseMultipart(req);
                 const http::Part* file = parts.ok() ? http::FindPart(*parts, "file") : nullptr;
                 bytes = file ? file->body : "";
               }
               if (bytes.empty()) {
                 return http::Problem(
                     req, Error::Of(ErrorCode::kBadRequest,
                                    req.lang == "en" ? "send the PDF as the body" : "kirim berkas PDF sebagai isi"));
               }
               auto found = documents.VerifyBytes(bytes);
               if (!found.ok()) return http::Problem(req, found.error());
               json::object out{{"issued", !found->empty()}};
               if (!found->empty()) out["document"] = PublicJson(found->front());
               return http::JsonResponse(200, out);
             },
             {.openapi = kVerifyDoc});

  static const std::string kRevokeDoc = Doc(
      "Revoke a document, with the reason (the issuing agency's head or admin)",
      R"([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}])",
      R"({"application/json": {"schema": {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}}}})",
      std::string(R"("204": {"description": "Revoked"}, )") + ProblemDoc("401", "Not signed in") + ", " +
          ProblemDoc("404", "No such document in the actor's agency") + ", " + ProblemDoc("409", "Already revoked") +
          ", " + ProblemDoc("422", "No reason"));
  router.Add("POST", "/api/v1/documents/{id}/revoke",
             [&documents](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto st = documents.Revoke(req.actor(), req.params["id"],
                                          http::StringField(*body, "reason").value_or(""), req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kRevokeDoc});

  static const std::string kGetNumbering =
      Doc("How an agency numbers its documents: the pattern, the archive classification and the unit code",
          R"([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}])", nullptr,
          R"("200": {"description": "The numbering, with an example", "content": )" +
              http::contract::JsonContent<NumberingView>() + "}, " + ProblemDoc("404", "No such node"));
  router.Add("GET", "/api/v1/org/nodes/{id}/document-numbering",
             [&documents](Request& req) {
               auto n = documents.NumberingOf(std::atoll(req.params["id"].c_str()));
               if (!n.ok()) return http::Problem(req, Error::Of(ErrorCode::kNotFound, "no such node"));
               return http::JsonResponse(
                   200, http::contract::Write(
                            NumberingView{n->pattern, n->classification, n->unit, FormatNumber(*n, 1, 12, 2026)}));
             },
             {.openapi = kGetNumbering});
  static const std::string kSetNumbering =
      Doc("Set how an agency numbers its documents (its admin, or a platform admin above it)",
          R"([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}])",
          http::contract::JsonContent<NumberingBody>().c_str(),
          std::string(R"("204": {"description": "Set"}, )") + ProblemDoc("400", "Not JSON") + ", " +
              ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("404", "No such node among the actor's") + ", " +
              ProblemDoc("422", "A field is wrong"));
  router.Add("PUT", "/api/v1/org/nodes/{id}/document-numbering",
             [&documents](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto in = http::contract::Read<NumberingBody>(*body, req.lang);
               if (!in.ok()) return http::Problem(req, in.error());
               Numbering n{in->pattern, in->classification, in->unit.value_or("")};
               auto st = documents.SetNumbering(req.actor(), std::atoll(req.params["id"].c_str()), n, req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kSetNumbering});

  // The agency admin's page for the numbering: one agency at a time (?simpul=), the pattern with an example.
  auto numbering_page = [&views, &documents](const Request& req, int status, std::int64_t node_id,
                                             const Numbering* posted, const std::vector<FieldError>& errors,
                                             bool saved) -> Response {
    auto nodes = documents.NumberedBy(req.actor());
    if (nodes.empty()) return views.ErrorPage(req, 403);
    auto chosen = std::find_if(nodes.begin(), nodes.end(), [&](const org::Node& n) { return n.id == node_id; });
    if (chosen == nodes.end()) chosen = nodes.begin();
    auto current = documents.NumberingOf(chosen->id);
    if (!current.ok()) return views.ErrorPage(req, 503);
    Numbering n = posted ? *posted : *current;
    json::array options, error_list;
    for (const auto& node : nodes) {
      options.push_back({{"id", node.id}, {"name", node.name}, {"selected", node.id == chosen->id}});
    }
    json::object data{{"nodes", std::move(options)},
                      {"node_id", chosen->id},
                      {"node_name", chosen->name},
                      {"pattern", n.pattern},
                      {"classification", n.classification},
                      {"unit", n.unit},
                      {"example", FormatNumber(*current, 17, 12, 2026)},
                      {"saved", saved}};
    for (const auto& e : errors) {
      data["e_" + e.field] = e.message;
      error_list.push_back({{"field", e.field}, {"message", e.message}});
    }
    data["has_errors"] = !errors.empty();
    data["error_list"] = std::move(error_list);
    return views.Page(req, status, "documents/numbering", std::move(data), "numbering_title");
  };
  router.Add("GET", "/admin/penomoran", [numbering_page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/admin/penomoran");
    return numbering_page(req, 200, std::atoll(req.Query("simpul").value_or("0").c_str()), nullptr, {},
                          req.Query("ok").has_value());
  });
  router.Add("POST", "/admin/penomoran", [numbering_page, &documents, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/admin/penomoran");
    auto form = http::ParseForm(req.body);
    std::int64_t node = std::atoll(http::FormField(form, "node_id").c_str());
    Numbering n{http::FormField(form, "pattern"), http::FormField(form, "classification"),
                http::FormField(form, "unit")};
    auto st = documents.SetNumbering(req.actor(), node, n, req.lang);
    if (st.ok()) return Response::Redirect("/admin/penomoran?simpul=" + std::to_string(node) + "&ok=1");
    if (st.error().code == ErrorCode::kValidation) return numbering_page(req, 422, node, &n, st.error().fields, false);
    return views.ErrorPage(req, st.error().code == ErrorCode::kNotFound ? 404 : 503);
  });

  // Revoking from the officer's file page; the documents capability decides who may (the agency's head or admin).
  router.Add("POST", "/dokumen/{id}/cabut", [&documents, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto form = http::ParseForm(req.body);
    auto st = documents.Revoke(req.actor(), req.params["id"], form["reason"], req.lang);
    if (!st.ok()) return views.ErrorPage(req, st.error().code == ErrorCode::kNotFound ? 404 : 422);
    return Response::Redirect("/verifikasi/" + req.params["id"]);
  });

  // The file's output, for those who may see the file: the applications capability decides who that is.
  auto pdf_of = [&documents, &applications](const Request& req, const std::string& tn) -> Result<Response> {
    auto file = applications.Get(req.actor(), tn, req.lang);
    if (!file.ok()) return file.error();
    auto doc = documents.OfApplication(file->row.id);
    if (!doc.ok()) return doc.error();
    return Pdf(std::move(doc->second), doc->first.id);
  };
  static const std::string kDownloadDoc =
      Doc("The signed output of an approved file (PDF), for the applicant and the officers who may see the file",
          R"([{"name": "tracking_number", "in": "path", "required": true, "schema": {"type": "string"}}])", nullptr,
          std::string(R"("200": {"description": "The PDF", "content": {"application/pdf": {}}}, )") +
              ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("404", "No such file, or no document yet"));
  router.Add("GET", "/api/v1/applications/{tracking_number}/document",
             [pdf_of](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto r = pdf_of(req, req.params["tracking_number"]);
               if (!r.ok()) return http::Problem(req, Error::Of(ErrorCode::kNotFound, r.error().detail));
               return std::move(*r);
             },
             {.openapi = kDownloadDoc, .api_key_scope = "applications.read"});
  router.Add("GET", "/permohonan/{tn}/dokumen", [pdf_of, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto r = pdf_of(req, req.params["tn"]);
    if (!r.ok()) return views.ErrorPage(req, 404);
    return std::move(*r);
  });
}

}  // namespace spbe::documents
