#include "documents/pages.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>

#include "documents/api.hpp"
#include "http/forms.hpp"
#include "http/multipart.hpp"
#include "platform/local_time.hpp"

namespace spbe::documents {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

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

// /verifikasi without an id is the e-mail verification of accounts; checking a document's bytes lives here.
http::Handler VerifyForm(const http::Views& views) {
  return [&views](Request& req) {
    return views.Page(req, 200, "documents/verify", {{"upload", true}}, "verify_title");
  };
}

// The platform's root certificate: installed in a PDF reader, it makes the agencies' signatures trusted there.
http::Handler RootCertificate(const http::Views& views, DocumentsService& documents) {
  return [&views, &documents](Request& req) {
    auto pem = documents.RootCertificate();
    if (!pem.ok()) return views.ErrorPage(req, 404);
    Response r = Response::Text(200, std::move(*pem), "application/x-pem-file");
    r.Set("Content-Disposition", "attachment; filename=\"spbe-terpadu-root-ca.crt\"");
    r.Set("Cache-Control", "public, max-age=3600");
    return r;
  };
}

http::Handler VerifyById(const http::Views& views, DocumentsService& documents) {
  return [&views, &documents](Request& req) {
    auto v = documents.Public(req.params["id"]);
    if (!v.ok()) return views.Page(req, 404, "documents/verify", {{"unknown", true}, {"upload", true}}, "verify_title");
    json::object data{{"document", PageData(*v, req.lang)}, {"upload", true}};
    return views.Page(req, 200, "documents/verify", std::move(data), "verify_title");
  };
}

// Upload a PDF: is it, byte for byte, one the platform issued?
http::Handler VerifyUpload(const http::Views& views, DocumentsService& documents) {
  return [&views, &documents](Request& req) {
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
  };
}

// The agency admin's page for the numbering: one agency at a time (?simpul=), the pattern with an example.
auto NumberingPage(const http::Views& views, DocumentsService& documents) {
  return [&views, &documents](const Request& req, int status, std::int64_t node_id, const Numbering* posted,
                              const std::vector<FieldError>& errors, bool saved) -> Response {
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
}

http::Handler NumberingForm(const http::Views& views, DocumentsService& documents) {
  auto numbering_page = NumberingPage(views, documents);
  return [numbering_page](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/admin/penomoran");
    return numbering_page(req, 200, std::atoll(req.Query("simpul").value_or("0").c_str()), nullptr, {},
                          req.Query("ok").has_value());
  };
}

http::Handler SetNumbering(const http::Views& views, DocumentsService& documents) {
  auto numbering_page = NumberingPage(views, documents);
  return [numbering_page, &documents, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/admin/penomoran");
    auto form = http::ParseForm(req.body);
    std::int64_t node = std::atoll(http::FormField(form, "node_id").c_str());
    Numbering n{http::FormField(form, "pattern"), http::FormField(form, "classification"),
                http::FormField(form, "unit")};
    auto st = documents.SetNumbering(req.actor(), node, n, req.lang);
    if (st.ok()) return Response::Redirect("/admin/penomoran?simpul=" + std::to_string(node) + "&ok=1");
    if (st.error().code == ErrorCode::kValidation) return numbering_page(req, 422, node, &n, st.error().fields, false);
    return views.ErrorPage(req, st.error().code == ErrorCode::kNotFound ? 404 : 503);
  };
}

// Revoking from the officer's file page; the documents capability decides who may (the agency's head or admin).
http::Handler RevokeDocument(const http::Views& views, DocumentsService& documents) {
  return [&documents, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto form = http::ParseForm(req.body);
    auto st = documents.Revoke(req.actor(), req.params["id"], form["reason"], req.lang);
    if (!st.ok()) return views.ErrorPage(req, st.error().code == ErrorCode::kNotFound ? 404 : 422);
    return Response::Redirect("/verifikasi/" + req.params["id"]);
  };
}

http::Handler ApplicationDocument(const http::Views& views, DocumentsService& documents,
                                  applications::ApplicationsService& applications) {
  return [&documents, &applications, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto r = PdfOf(documents, applications, req, req.params["tn"]);
    if (!r.ok()) return views.ErrorPage(req, 404);
    return std::move(*r);
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, DocumentsService& documents,
                   applications::ApplicationsService& applications) {
  router.Add("GET", "/verifikasi-dokumen", VerifyForm(views));
  router.Add("GET", "/verifikasi/ca", RootCertificate(views, documents));
  router.Add("GET", "/verifikasi/{id}", VerifyById(views, documents));
  router.Add("POST", "/verifikasi-dokumen", VerifyUpload(views, documents));
  router.Add("GET", "/admin/penomoran", NumberingForm(views, documents));
  router.Add("POST", "/admin/penomoran", SetNumbering(views, documents));
  router.Add("POST", "/dokumen/{id}/cabut", RevokeDocument(views, documents));
  router.Add("GET", "/permohonan/{tn}/dokumen", ApplicationDocument(views, documents, applications));
}

}  // namespace spbe::documents
