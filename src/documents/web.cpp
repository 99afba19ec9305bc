#include "documents/web.hpp"

#include <boost/json.hpp>

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
      {"title", d.title},
      {"agency", d.agency},
      {"recipient", v.recipient_masked},
      {"signer", json::object{{"name", d.signer_name}, {"position", d.signer_position}}},
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
