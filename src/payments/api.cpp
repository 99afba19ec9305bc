#include "payments/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/openapi.hpp"
#include "http/problem.hpp"

namespace spbe::payments {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::ProblemDoc;
using http::Unauthorized;

std::string Doc(const char* summary, const char* params, const char* request, const std::string& responses) {
  return http::OperationDoc("payments", summary, params, request, responses);
}

constexpr const char* kBankHeaders =
    R"([{"name": "X-Bank-Code", "in": "header", "required": true, "schema": {"type": "string"}},
        {"name": "X-Signature", "in": "header", "required": true, "description": "base64 of the bank's Ed25519 signature of the exact body bytes", "schema": {"type": "string"}}])";

json::object BankJson(const BankRow& b) {
  return {{"id", b.id},
          {"code", b.code},
          {"name", b.name},
          {"node_id", b.node_id},
          {"channels", b.channels},
          {"public_key", b.public_key},
          {"status", b.status},
          {"created_at", b.created_at}};
}

json::object BillJson(const applications::BillInfo& b) {
  json::object o{{"billing_code", b.billing_code},
                 {"amount", b.amount},
                 {"issued_at", b.issued_at},
                 {"expires_at", b.expires_at},
                 {"status", b.status},
                 {"channels", json::array(b.channels.begin(), b.channels.end())}};
  if (!b.paid_at.empty()) o["paid_at"] = b.paid_at;
  return o;
}

json::object ReconciliationJson(const Reconciliation& r) {
  json::array mismatches;
  for (const auto& m : r.mismatches) {
    mismatches.push_back({{"kind", m.kind},
                          {"bank_reference", m.reference},
                          {"billing_code", m.billing_code},
                          {"statement_amount", m.statement_amount},
                          {"recorded_amount", m.recorded_amount},
                          {"line", m.line}});
  }
  return {{"statement_lines", r.statement_lines},
          {"recorded", r.recorded},
          {"matched", r.matched},
          {"mismatches", std::move(mismatches)}};
}

BankRequest FromBank(const Request& req) {
  return {std::string(req.Header("x-bank-code").value_or("")), std::string(req.Header("x-signature").value_or("")),
          req.body, req.remote_address};
}

}  // namespace

void RegisterApi(http::Router& router, PaymentsService& payments) {
  static const std::string kRegisterDoc = Doc(
      "Register a bank that collects the bills of a node's subtree, with its Ed25519 public key (admins)", nullptr,
      R"({"application/json": {"schema": {"type": "object", "required": ["code", "name", "node_id", "public_key"],
             "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "node_id": {"type": "integer"},
             "public_key": {"type": "string", "description": "base64 of 32 bytes"}, "channels": {"type": "string"}}}}})",
      std::string(
          R"("201": {"description": "Registered", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "Not an admin of that node") + ", " +
          ProblemDoc("422", "Field errors"));
  router.Add("POST", "/api/v1/banks",
             [&payments](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               NewBank b{http::StringField(*body, "code").value_or(""), http::StringField(*body, "name").value_or(""),
                         0, http::StringField(*body, "public_key").value_or(""),
                         http::StringField(*body, "channels").value_or("")};
               if (const auto* n = body->if_contains("node_id"); n && n->is_int64()) b.node_id = n->as_int64();
               auto bank = payments.RegisterBank(req.actor(), b, req.lang);
               if (!bank.ok()) return http::Problem(req, bank.error());
               return http::JsonResponse(201, BankJson(*bank));
             },
             {.openapi = kRegisterDoc});

  static const std::string kListDoc =
      Doc("The banks registered on a node and below it (admins, finance officers)",
          R"([{"name": "node_id", "in": "query", "required": true, "schema": {"type": "integer"}}])", nullptr,
          std::string(
              R"("200": {"description": "Banks", "content": {"application/json": {"schema": {"type": "array"}}}}, )") +
              ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "Not allowed on that node"));
  router.Add("GET", "/api/v1/banks",
             [&payments](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto banks =
                   payments.Banks(req.actor(), std::atoll(req.Query("node_id").value_or("0").c_str()), req.lang);
               if (!banks.ok()) return http::Problem(req, banks.error());
               json::array out;
               for (const auto& b : *banks) out.push_back(BankJson(b));
               return http::JsonResponse(200, out);
             },
             {.openapi = kListDoc});

  static const std::string kRevokeDoc =
      Doc("Revoke a bank's key: its requests are refused from now on (admins)",
          R"([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}])", nullptr,
          std::string(R"("204": {"description": "Revoked"}, )") + ProblemDoc("401", "Not signed in") + ", " +
              ProblemDoc("404", "No such bank in the admin's reach"));
  router.Add("POST", "/api/v1/banks/{id}/revoke",
             [&payments](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto st = payments.RevokeBank(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kRevokeDoc});

  static const std::string kInquiryDoc = Doc(
      "A bank asks what a billing code is for (signed by the bank)", kBankHeaders,
      R"({"application/json": {"schema": {"type": "object", "required": ["billing_code"], "properties": {"billing_code": {"type": "string"}}}}})",
      std::string(
          R"("200": {"description": "The bill", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed by a registered bank") + ", " +
          ProblemDoc("404", "No such code among the bank's agencies") + ", " + ProblemDoc("409", "Already paid") +
          ", " + ProblemDoc("422", "Expired, or not a billing code"));
  router.Add("POST", "/api/v1/payments/inquiry",
             [&payments](Request& req) {
               auto found = payments.Ask(FromBank(req), req.lang);
               if (!found.ok()) return http::Problem(req, found.error());
               return http::JsonResponse(200, json::object{{"billing_code", found->billing_code},
                                                           {"amount", found->amount},
                                                           {"expires_at", found->expires_at},
                                                           {"agency", found->agency},
                                                           {"tracking_number", found->tracking_number}});
             },
             {.openapi = kInquiryDoc});

  static const std::string kCallbackDoc = Doc(
      "A bank reports a payment (signed by the bank); idempotent on the bank's reference", kBankHeaders,
      R"({"application/json": {"schema": {"type": "object", "required": ["billing_code", "amount", "bank_reference", "paid_at"],
             "properties": {"billing_code": {"type": "string"}, "amount": {"type": "integer"},
             "bank_reference": {"type": "string"}, "paid_at": {"type": "string", "format": "date-time"},
             "channel": {"type": "string"}}}}})",
      std::string(
          R"("200": {"description": "Accepted, or the same payment reported again", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("400", "Body is not JSON") + ", " + ProblemDoc("401", "Not signed by a registered bank") + ", " +
          ProblemDoc("403", "The bank does not collect for the bill's agency") + ", " +
          ProblemDoc("404", "No such billing code") + ", " +
          ProblemDoc("409", "Already paid, or the reference was used for another payment") + ", " +
          ProblemDoc("422", "Expired bill, wrong amount, or field errors"));
  router.Add("POST", "/api/v1/payments/callback",
             [&payments](Request& req) {
               auto accepted = payments.Callback(FromBank(req), req.lang);
               if (!accepted.ok()) return http::Problem(req, accepted.error());
               return http::JsonResponse(200, json::object{{"status", accepted->duplicate ? "duplicate" : "accepted"},
                                                           {"payment_id", accepted->payment_id},
                                                           {"billing_code", accepted->billing_code},
                                                           {"tracking_number", accepted->tracking_number}});
             },
             {.openapi = kCallbackDoc});

  static const std::string kReissueDoc = Doc(
      "The applicant gets a new billing code for a bill that expired unpaid",
      R"([{"name": "tracking_number", "in": "path", "required": true, "schema": {"type": "string"}}])", nullptr,
      std::string(
          R"("201": {"description": "The new bill", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("404", "Not the applicant's file") + ", " +
          ProblemDoc("409", "Not waiting for a payment, or the code is still valid"));
  router.Add("POST", "/api/v1/applications/{tracking_number}/bill",
             [&payments](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto bill = payments.Reissue(req.actor(), req.params["tracking_number"], req.lang);
               if (!bill.ok()) return http::Problem(req, bill.error());
               return http::JsonResponse(201, BillJson(*bill));
             },
             {.openapi = kReissueDoc});

  static const std::string kReconcileDoc = Doc(
      "Reconcile a bank's statement of a day (text/csv: waktu,kode_bayar,jumlah,referensi) with the payments "
      "recorded from its callbacks; every difference is listed (finance officers)",
      R"([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}},
              {"name": "date", "in": "query", "required": true, "schema": {"type": "string", "format": "date"}}])",
      R"({"text/csv": {"schema": {"type": "string"}}})",
      std::string(
          R"("200": {"description": "Matched and mismatched", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("404", "No such bank in the officer's reach") + ", " +
          ProblemDoc("422", "Lines that cannot be read, by line"));
  router.Add("POST", "/api/v1/banks/{id}/reconciliation",
             [&payments](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto r = payments.Reconcile(req.actor(), std::atoll(req.params["id"].c_str()),
                                           req.Query("date").value_or(""), req.body, req.lang);
               if (!r.ok()) return http::Problem(req, r.error());
               return http::JsonResponse(200, ReconciliationJson(*r));
             },
             {.openapi = kReconcileDoc});

  static const std::string kRefusedDoc = Doc(
      "The newest refused bank callbacks about a node's bills (finance officers)",
      R"([{"name": "node_id", "in": "query", "required": true, "schema": {"type": "integer"}}])", nullptr,
      std::string(
          R"("200": {"description": "Refused callbacks", "content": {"application/json": {"schema": {"type": "array"}}}}, )") +
          ProblemDoc("401", "Not signed in") + ", " + ProblemDoc("403", "Not a finance officer of that node"));
  router.Add("GET", "/api/v1/payments/refused",
             [&payments](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto list =
                   payments.Refused(req.actor(), std::atoll(req.Query("node_id").value_or("0").c_str()), req.lang);
               if (!list.ok()) return http::Problem(req, list.error());
               json::array out;
               for (const auto& c : *list) {
                 out.push_back({{"received_at", c.received_at},
                                {"bank", c.bank_code},
                                {"bank_reference", c.bank_reference},
                                {"billing_code", c.billing_code},
                                {"amount", c.amount ? json::value(*c.amount) : json::value(nullptr)},
                                {"reason", c.reason},
                                {"address", c.address}});
               }
               return http::JsonResponse(200, out);
             },
             {.openapi = kRefusedDoc});
}

}  // namespace spbe::payments
