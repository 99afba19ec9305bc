#include "documents/api.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>

#include "http/contract.hpp"
#include "http/forms.hpp"
#include "http/json.hpp"
#include "http/multipart.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"

namespace spbe::documents {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::Unauthorized;

// What anyone may know of a document: never the recipient's full name.
struct Signer {
  std::string name, position, nip;
};
BOOST_DESCRIBE_STRUCT(Signer, (), (name, position, nip))

struct SignatureView {
  std::string algorithm;
  bool valid = false;
  std::int64_t key_id = 0;
  std::string key_status;
  static json::object Notes() {
    return {{"algorithm", {{"enum", {"Ed25519"}}}},
            {"valid", {{"description", "the stored signature over the stored hash, by the key that made it"}}},
            {"key_status", {{"enum", {"active", "retired"}}}}};
  }
};
BOOST_DESCRIBE_STRUCT(SignatureView, (), (algorithm, valid, key_id, key_status))

struct DocumentView {
  std::string id;
  std::string number;
  std::string title;
  std::string agency;
  std::string recipient;
  Signer signer;
  std::string issued_at;
  std::string sha256;
  SignatureView signature;
  std::string status;
  bool valid = false;
  std::optional<std::string> revoked_at;
  std::optional<std::string> revoked_reason;
  static json::object Notes() {
    return {{"number", {{"description", "the official number, as printed"}}},
            {"recipient", {{"description", "masked: never the recipient's full name"}}},
            {"issued_at", {{"format", "date-time"}}},
            {"sha256", {{"description", "of the PDF's bytes, hex"}}},
            {"status", {{"enum", {"valid", "revoked"}}}},
            {"valid", {{"description", "not revoked, the signature holds and the stored file is intact"}}},
            {"revoked_at", {{"format", "date-time"}, {"description", "only when revoked"}}},
            {"revoked_reason", {{"description", "only when revoked"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(DocumentView, (),
                      (id, number, title, agency, recipient, signer, issued_at, sha256, signature, status, valid,
                       revoked_at, revoked_reason))

DocumentView View(const PublicView& v) {
  const DocumentRow& d = v.document;
  DocumentView out{d.id,
                   d.number,
                   d.title,
                   d.agency,
                   v.recipient_masked,
                   {d.signer_name, d.signer_position, d.signer_nip},
                   d.issued_at,
                   d.sha256,
                   {"Ed25519", v.signature_valid, d.key_id, v.key_status},
                   d.status,
                   d.status == "valid" && v.signature_valid && v.file_intact,
                   std::nullopt,
                   std::nullopt};
  if (d.status == "revoked") {
    out.revoked_at = d.revoked_at;
    out.revoked_reason = d.revoked_reason;
  }
  return out;
}

struct Verified {
  bool issued = false;
  std::optional<DocumentView> document;
  static json::object Notes() {
    return {{"issued", {{"description", "whether the platform issued these exact bytes"}}},
            {"document", {{"description", "the document, when issued"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(Verified, (), (issued, document))

struct RevokeBody {
  std::string reason;
  static json::object Notes() { return {{"reason", {{"minLength", 5}, {"description", "kept to 500 characters"}}}}; }
};
BOOST_DESCRIBE_STRUCT(RevokeBody, (), (reason))

// The numbering operations' contracts (http/contract.hpp): one description gives the schema and the reading.
struct NumberingBody {
  std::string pattern;              // {klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}
  std::string classification;       // 503
  std::optional<std::string> unit;  // DPMPTSP; absent or empty: from the agency's short name
  static json::object Notes() {
    return {{"pattern",
             {{"maxLength", 120},
              {"description",
               "with {nomor} (or {nomor4}) and {tahun}; besides, only {klasifikasi}, {unit}, {bulan}, {bulan_romawi}, "
               "letters, digits, spaces and . / - _"}}},
            {"classification", {{"maxLength", 20}, {"description", "the archive classification code (503)"}}},
            {"unit", {{"description", "absent or empty: the agency's short name in capitals"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(NumberingBody, (), (pattern, classification, unit))

struct NumberingView {
  std::string pattern, classification, unit;
  std::string example;  // the pattern filled for number 1 of December 2026
  static json::object Notes() {
    return {{"example", {{"description", "the pattern filled for number 1 of December 2026"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(NumberingView, (), (pattern, classification, unit, example))

Response Pdf(std::string bytes, const std::string& id) {
  Response r = Response::Text(200, std::move(bytes), "application/pdf");
  r.Set("Content-Disposition", "attachment; filename=\"dokumen-" + id + ".pdf\"");
  r.Set("Cache-Control", "private, no-store");
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  return r;
}

http::Handler GetDocument(DocumentsService& documents) {
  return [&documents](Request& req) {
    auto v = documents.Public(req.params["id"]);
    if (!v.ok()) {
      return http::Problem(req, Error::Of(ErrorCode::kNotFound, i18n::Tr(req.lang, "documents_not_found")));
    }
    return http::Reply(200, View(*v));
  };
}

http::Handler VerifyDocument(DocumentsService& documents) {
  return [&documents](Request& req) {
    std::string bytes = req.body;
    if (req.Header("content-type").value_or("").rfind("multipart/form-data", 0) == 0) {
      auto parts = http::ParseMultipart(req);
      const http::Part* file = parts.ok() ? http::FindPart(*parts, "file") : nullptr;
      bytes = file ? file->body : "";
    }
    if (bytes.empty()) {
      return http::Problem(req, Error::Of(ErrorCode::kBadRequest, i18n::Tr(req.lang, "documents_verify_send_pdf")));
    }
    auto found = documents.VerifyBytes(bytes);
    if (!found.ok()) return http::Problem(req, found.error());
    Verified out{!found->empty(), std::nullopt};
    if (!found->empty()) out.document = View(found->front());
    return http::Reply(200, out);
  };
}

http::Handler RevokeDocument(DocumentsService& documents) {
  return [&documents](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<RevokeBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto st = documents.Revoke(req.actor(), req.params["id"], in->reason, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

http::Handler GetNumbering(DocumentsService& documents) {
  return [&documents](Request& req) {
    auto n = documents.NumberingOf(std::atoll(req.params["id"].c_str()));
    if (!n.ok()) return http::Problem(req, Error::Of(ErrorCode::kNotFound, "no such node"));
    return http::Reply(200, NumberingView{n->pattern, n->classification, n->unit, FormatNumber(*n, 1, 12, 2026)});
  };
}

http::Handler SetNumbering(DocumentsService& documents) {
  return [&documents](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<NumberingBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    Numbering n{in->pattern, in->classification, in->unit.value_or("")};
    auto st = documents.SetNumbering(req.actor(), std::atoll(req.params["id"].c_str()), n, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

}  // namespace

// The file's output, for those who may see the file: the applications capability decides who that is.
Result<Response> PdfOf(DocumentsService& documents, applications::ApplicationsService& applications, const Request& req,
                       const std::string& tn) {
  auto file = applications.Get(req.actor(), tn, req.lang);
  if (!file.ok()) return file.error();
  auto doc = documents.OfApplication(file->row.id);
  if (!doc.ok()) return doc.error();
  return Pdf(std::move(doc->second), doc->first.id);
}

namespace {

http::Handler DownloadDocument(DocumentsService& documents, applications::ApplicationsService& applications) {
  return [&documents, &applications](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto r = PdfOf(documents, applications, req, req.params["tracking_number"]);
    if (!r.ok()) return http::Problem(req, Error::Of(ErrorCode::kNotFound, r.error().detail));
    return std::move(*r);
  };
}

}  // namespace

void RegisterApi(http::Router& router, DocumentsService& documents, applications::ApplicationsService& applications) {
  router.DescribeTag("documents", "Signed output documents: download, verification, revocation and numbering.");
  router.Add("GET", "/api/v1/documents/{id}", GetDocument(documents),
             http::Operation("getDocument", "documents", "What a document is, who issued it, and whether it is valid")
                 .Describe("What the QR code on a document leads to. The recipient's name is masked.")
                 .Public()
                 .Path("id", http::StringSchema(), "The document's id, as printed under the QR code")
                 .Reply<DocumentView>(200, "The document")
                 .Problems({{404, "No such document"}})
                 .Options());

  json::object file_form{{"type", "object"},
                         {"required", json::array{"file"}},
                         {"properties", {{"file", {{"type", "string"}, {"contentMediaType", "application/pdf"}}}}}};
  router.Add("POST", "/api/v1/documents/verify", VerifyDocument(documents),
             http::Operation("verifyDocument", "documents", "Were these exact bytes issued by the platform?")
                 .Describe("The body is the PDF itself, or a multipart form with a `file` part. Anyone may ask.")
                 .Public()
                 .BodyContent("application/pdf", http::BinarySchema(), nullptr)
                 .BodyContent("multipart/form-data", file_form, nullptr)
                 .Reply<Verified>(200, "issued: true with the document, or false")
                 .Problems({{400, "No file"}})
                 .Options());

  router.Add("POST", "/api/v1/documents/{id}/revoke", RevokeDocument(documents),
             http::Operation("revokeDocument", "documents", "Revoke a document, with the reason")
                 .Describe("For the issuing agency's head or admin (or a platform admin above it); for anyone else "
                           "the document does not exist. The reason is published with the document.")
                 .Path("id", http::StringSchema(), "The document's id")
                 .Body<RevokeBody>(RevokeBody{"Diterbitkan atas data yang keliru"})
                 .ReplyEmpty(204, "Revoked")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {404, "No such document in the actor's agency"},
                            {409, "Already revoked"},
                            {422, "No reason, or one shorter than 5 characters"}})
                 .Options());

  router.Add("GET", "/api/v1/org/nodes/{id}/document-numbering", GetNumbering(documents),
             http::Operation("getDocumentNumbering", "documents",
                             "How an agency numbers its documents: the pattern, the archive classification and the "
                             "unit code")
                 .Public()
                 .Path("id", http::IntegerSchema(), "The agency's node id")
                 .Reply<NumberingView>(200, "The numbering, with an example",
                                       NumberingView{"{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}", "503",
                                                     "DPMPTSP", "503/1/DPMPTSP/XII/2026"})
                 .Problems({{404, "No such node"}})
                 .Options());

  router.Add(
      "PUT", "/api/v1/org/nodes/{id}/document-numbering", SetNumbering(documents),
      http::Operation("setDocumentNumbering", "documents", "Set how an agency numbers its documents")
          .Describe("For the agency's admin, or a platform admin above it; for anyone else the node does not "
                    "exist. Documents issued afterwards are numbered this way.")
          .Path("id", http::IntegerSchema(), "The agency's node id")
          .Body<NumberingBody>(NumberingBody{"{klasifikasi}/{nomor}/{unit}/{bulan_romawi}/{tahun}", "503", "DPMPTSP"})
          .ReplyEmpty(204, "Set")
          .Problems({{400, "Body is not JSON"},
                     {401, "Not signed in"},
                     {404, "No such node among the actor's"},
                     {422, "A field is wrong"}})
          .Options());

  router.Add("GET", "/api/v1/applications/{tracking_number}/document", DownloadDocument(documents, applications),
             http::Operation("downloadApplicationDocument", "documents", "The signed output of an approved file (PDF)")
                 .Describe("For the applicant and the officers who may see the file.")
                 .Scope("applications.read")
                 .Path("tracking_number", http::StringSchema(), "The file's tracking number")
                 .ReplyContent(200, "The PDF", "application/pdf", http::BinarySchema())
                 .Problems({{401, "Not signed in"}, {404, "No such file among the caller's, or no document yet"}})
                 .Options());
}

}  // namespace spbe::documents
