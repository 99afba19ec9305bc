#include "payments/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"

namespace spbe::payments {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::Unauthorized;

constexpr const char* kCodePattern = "^[0-9]{16}$";

struct BankBody {
  std::string code;
  std::string name;
  std::int64_t node_id = 0;
  std::string public_key;
  std::optional<std::string> channels;
  static json::object Notes() {
    return {{"code", {{"pattern", "^[A-Z0-9]{1,32}$"}, {"description", "the bank's code, as in X-Bank-Code"}}},
            {"name", {{"maxLength", 200}}},
            {"node_id", {{"description", "the node whose subtree's bills the bank collects"}}},
            {"public_key", {{"description", "the bank's Ed25519 public key: base64 of 32 bytes"}}},
            {"channels", {{"maxLength", 200}, {"description", "where payers can pay, shown on the bill"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(BankBody, (), (code, name, node_id, public_key, channels))

struct BankView {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::int64_t node_id = 0;
  std::string channels;
  std::string public_key;
  std::string status;
  std::string created_at;
  static json::object Notes() {
    return {{"public_key", {{"description", "base64 of the 32-byte Ed25519 key"}}},
            {"status", {{"enum", {"active", "revoked"}}}},
            {"created_at", {{"format", "date-time"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(BankView, (), (id, code, name, node_id, channels, public_key, status, created_at))

// The signed bodies of the bank protocol, read by the service after the signature is checked (payments/model.hpp).
struct InquiryBody {
  std::string billing_code;
  static json::object Notes() {
    return {{"billing_code", {{"description", "16 digits with a valid check digit; spaces and dashes are ignored"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(InquiryBody, (), (billing_code))

struct InquiryView {
  std::string billing_code;
  std::int64_t amount = 0;
  std::string expires_at;
  std::string agency;
  std::string tracking_number;
  static json::object Notes() {
    return {{"billing_code", {{"pattern", kCodePattern}}},
            {"amount", {{"description", "whole rupiah"}}},
            {"expires_at", {{"format", "date-time"}}},
            {"tracking_number", {{"description", "the file the money is for, so the teller can tell the payer"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(InquiryView, (), (billing_code, amount, expires_at, agency, tracking_number))

struct PaymentReport {
  std::string billing_code;
  std::int64_t amount = 0;
  std::string bank_reference;
  std::string paid_at;
  std::optional<std::string> channel;
  static json::object Notes() {
    return {{"billing_code", {{"description", "16 digits with a valid check digit"}}},
            {"amount", {{"minimum", 1}, {"description", "whole rupiah: exactly the bill's amount"}}},
            {"bank_reference", {{"minLength", 1}, {"maxLength", 64}, {"description", "unique per bank"}}},
            {"paid_at", {{"format", "date-time"}, {"description", "UTC, as the bank says"}}},
            {"channel", {{"maxLength", 32}, {"description", "teller, atm, mobile..."}}}};
  }
};
BOOST_DESCRIBE_STRUCT(PaymentReport, (), (billing_code, amount, bank_reference, paid_at, channel))

struct PaymentAccepted {
  std::string status;
  std::int64_t payment_id = 0;
  std::string billing_code;
  std::string tracking_number;
  static json::object Notes() {
    return {{"status",
             {{"enum", {"accepted", "duplicate"}}, {"description", "duplicate: reported before, nothing changed"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(PaymentAccepted, (), (status, payment_id, billing_code, tracking_number))

struct BillView {
  std::string billing_code;
  std::int64_t amount = 0;
  std::string issued_at;
  std::string expires_at;
  std::string status;
  std::vector<std::string> channels;
  std::optional<std::string> paid_at;
  static json::object Notes() {
    return {{"billing_code", {{"pattern", kCodePattern}}},
            {"amount", {{"description", "whole rupiah"}}},
            {"issued_at", {{"format", "date-time"}}},
            {"expires_at", {{"format", "date-time"}}},
            {"status", {{"enum", {"unpaid", "paid", "expired"}}}},
            {"channels", {{"description", "where it can be paid: Bank Sumut (teller, ATM, mobile)"}}},
            {"paid_at", {{"format", "date-time"}, {"description", "when paid"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(BillView, (), (billing_code, amount, issued_at, expires_at, status, channels, paid_at))

struct MismatchView {
  std::string kind;
  std::string bank_reference;
  std::string billing_code;
  std::int64_t statement_amount = 0;
  std::int64_t recorded_amount = 0;
  int line = 0;
  static json::object Notes() {
    return {{"kind",
             {{"enum",
               {"only_in_statement", "only_recorded", "amount_differs", "code_differs", "duplicate_in_statement"}}}},
            {"line", {{"description", "the statement's line; 0 when only recorded"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(MismatchView, (), (kind, bank_reference, billing_code, statement_amount, recorded_amount, line))

struct ReconciliationView {
  int statement_lines = 0;
  int recorded = 0;
  int matched = 0;
  std::vector<MismatchView> mismatches;
};
BOOST_DESCRIBE_STRUCT(ReconciliationView, (), (statement_lines, recorded, matched, mismatches))

struct RefusedView {
  std::string received_at;
  std::string bank;
  std::string bank_reference;
  std::string billing_code;
  http::contract::Nullable<std::int64_t> amount;
  std::string reason;
  std::string address;
  static json::object Notes() {
    return {{"received_at", {{"format", "date-time"}}},
            {"bank", {{"description", "the code the request named"}}},
            {"amount", {{"description", "null when the body could not be read"}}},
            {"reason",
             {{"description",
               "signature, body, reference_reused, unknown_code, other_agency, already_paid, expired, amount"}}},
            {"address", {{"description", "the sender's address"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(RefusedView, (), (received_at, bank, bank_reference, billing_code, amount, reason, address))

BankView View(const BankRow& b) {
  return {b.id, b.code, b.name, b.node_id, b.channels, b.public_key, b.status, b.created_at};
}

BillView View(const applications::BillInfo& b) {
  BillView out{b.billing_code, b.amount, b.issued_at, b.expires_at, b.status, b.channels, std::nullopt};
  if (!b.paid_at.empty()) out.paid_at = b.paid_at;
  return out;
}

ReconciliationView View(const Reconciliation& r) {
  ReconciliationView out{r.statement_lines, r.recorded, r.matched, {}};
  for (const auto& m : r.mismatches) {
    out.mismatches.push_back({m.kind, m.reference, m.billing_code, m.statement_amount, m.recorded_amount, m.line});
  }
  return out;
}

BankRequest FromBank(const Request& req) {
  return {std::string(req.Header("x-bank-code").value_or("")), std::string(req.Header("x-signature").value_or("")),
          req.body, req.remote_address};
}

std::int64_t NodeQuery(const Request& req) { return std::atoll(req.Query("node_id").value_or("0").c_str()); }

http::Handler RegisterBank(PaymentsService& payments) {
  return [&payments](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto in = http::ReadBody<BankBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    NewBank b{in->code, in->name, in->node_id, in->public_key, in->channels.value_or("")};
    auto bank = payments.RegisterBank(req.actor(), b, req.lang);
    if (!bank.ok()) return http::Problem(req, bank.error());
    return http::Reply(201, View(*bank));
  };
}

http::Handler ListBanks(PaymentsService& payments) {
  return [&payments](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto banks = payments.Banks(req.actor(), NodeQuery(req), req.lang);
    if (!banks.ok()) return http::Problem(req, banks.error());
    std::vector<BankView> out;
    for (const auto& b : *banks) out.push_back(View(b));
    return http::Reply(200, out);
  };
}

http::Handler RevokeBank(PaymentsService& payments) {
  return [&payments](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto st = payments.RevokeBank(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    Response r;
    r.status = 204;
    return r;
  };
}

// The bank protocol: the body is read by the service once the signature over its exact bytes is checked.
http::Handler Inquire(PaymentsService& payments) {
  return [&payments](Request& req) {
    auto found = payments.Ask(FromBank(req), req.lang);
    if (!found.ok()) return http::Problem(req, found.error());
    return http::Reply(
        200, InquiryView{found->billing_code, found->amount, found->expires_at, found->agency, found->tracking_number});
  };
}

http::Handler ReportPayment(PaymentsService& payments) {
  return [&payments](Request& req) {
    auto accepted = payments.Callback(FromBank(req), req.lang);
    if (!accepted.ok()) return http::Problem(req, accepted.error());
    return http::Reply(200, PaymentAccepted{accepted->duplicate ? "duplicate" : "accepted", accepted->payment_id,
                                            accepted->billing_code, accepted->tracking_number});
  };
}

http::Handler ReissueBill(PaymentsService& payments) {
  return [&payments](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto bill = payments.Reissue(req.actor(), req.params["tracking_number"], req.lang);
    if (!bill.ok()) return http::Problem(req, bill.error());
    return http::Reply(201, View(*bill));
  };
}

http::Handler Reconcile(PaymentsService& payments) {
  return [&payments](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto r = payments.Reconcile(req.actor(), std::atoll(req.params["id"].c_str()), req.Query("date").value_or(""),
                                req.body, req.lang);
    if (!r.ok()) return http::Problem(req, r.error());
    return http::Reply(200, View(*r));
  };
}

http::Handler ListRefused(PaymentsService& payments) {
  return [&payments](Request& req) {
    if (req.actor().anonymous()) return Unauthorized(req);
    auto list = payments.Refused(req.actor(), NodeQuery(req), req.lang);
    if (!list.ok()) return http::Problem(req, list.error());
    std::vector<RefusedView> out;
    for (const auto& c : *list) {
      out.push_back({c.received_at, c.bank_code, c.bank_reference, c.billing_code,
                     c.amount ? http::contract::Nullable<std::int64_t>(*c.amount) : std::nullopt, c.reason, c.address});
    }
    return http::Reply(200, out);
  };
}

// The headers of a request signed by a bank.
http::Operation& Signed(http::Operation& op) {
  return op.Public()
      .Header("X-Bank-Code", "The registered bank's code", true)
      .Header("X-Signature", "Base64 of the bank's Ed25519 signature of the exact body bytes", true);
}

void RegisterBankProtocol(http::Router& router, PaymentsService& payments) {
  auto inquiry = http::Operation("inquireBill", "payments", "A bank asks what a billing code is for")
                     .Describe(
                         "Signed by the bank (X-Bank-Code, X-Signature over the exact body bytes); the "
                         "signature is checked before the body is read. A bill of an agency the bank does not "
                         "collect for is as unknown as a code that does not exist.");
  router.Add("POST", "/api/v1/payments/inquiry", Inquire(payments),
             Signed(inquiry)
                 .Body<InquiryBody>(InquiryBody{"2612000042175835"})
                 .Reply<InquiryView>(200, "The bill")
                 .Problems({{400, "Body is not a JSON object"},
                            {401, "Not signed by a registered bank"},
                            {404, "No such code among the bank's agencies"},
                            {409, "Already paid"},
                            {422, "Expired, or not a billing code"}})
                 .Options());

  auto callback =
      http::Operation("reportPayment", "payments", "A bank reports a payment")
          .Describe(
              "Signed by the bank (X-Bank-Code, X-Signature over the exact body bytes). Accepted only for an "
              "unpaid, unexpired bill of an agency the bank collects for, with its exact amount. Idempotent on "
              "the bank's reference: the same payment reported again gets the first answer with status "
              "`duplicate`. Every refused report is logged for the finance officer.");
  router.Add("POST", "/api/v1/payments/callback", ReportPayment(payments),
             Signed(callback)
                 .Body<PaymentReport>(PaymentReport{"2612000042175835", 450000, "BSUMUT-20261202-000173",
                                                    "2026-12-02T03:15:00Z", "teller"})
                 .Reply<PaymentAccepted>(200, "Accepted, or the same payment reported again")
                 .Problems({{400, "Body is not a JSON object"},
                            {401, "Not signed by a registered bank"},
                            {403, "The bank does not collect for the bill's agency"},
                            {404, "No such billing code"},
                            {409, "Already paid, or the reference was used for another payment"},
                            {422, "Expired bill, wrong amount, or field errors"},
                            {503, "The bill's file could not be read"}})
                 .Options());
}

}  // namespace

void RegisterApi(http::Router& router, PaymentsService& payments) {
  router.DescribeTag("payments",
                     "Bills (billing codes) for published fees, and the banks' inquiries and payment notices.");
  router.Add("POST", "/api/v1/banks", RegisterBank(payments),
             http::Operation("registerBank", "payments",
                             "Register a bank that collects the bills of a node's subtree, with its Ed25519 key")
                 .Describe("For admins of the node. The bank then signs its inquiries and payment reports with the "
                           "matching private key.")
                 .Body<BankBody>(BankBody{"BSUMUT", "Bank Sumut", 12,
                                          "0f3Jq9c2b0nQm8tq3b1Sx1m1C0f3Jq9c2b0nQm8tq3Y=", "teller, ATM, mobile"})
                 .Reply<BankView>(201, "Registered")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not an admin of that node"},
                            {422, "Field errors: no such node, a code taken, a key that is not 32 bytes..."}})
                 .Options());

  router.Add("GET", "/api/v1/banks", ListBanks(payments),
             http::Operation("listBanks", "payments", "The banks registered on a node and below it")
                 .Describe("For the node's admins and finance officers.")
                 .Query("node_id", http::IntegerSchema(), "The node", true)
                 .Reply<std::vector<BankView>>(200, "Banks")
                 .Problems({{401, "Not signed in"}, {403, "Not allowed on that node, or no such node"}})
                 .Options());

  router.Add("POST", "/api/v1/banks/{id}/revoke", RevokeBank(payments),
             http::Operation("revokeBank", "payments", "Revoke a bank's key: its requests are refused from now on")
                 .Describe("For admins of the bank's node.")
                 .Path("id", http::IntegerSchema(), "The bank's id")
                 .ReplyEmpty(204, "Revoked")
                 .Problems({{401, "Not signed in"}, {404, "No such bank in the admin's reach"}})
                 .Options());

  RegisterBankProtocol(router, payments);

  router.Add(
      "POST", "/api/v1/applications/{tracking_number}/bill", ReissueBill(payments),
      http::Operation("reissueBill", "payments", "The applicant gets a new billing code for a bill that expired unpaid")
          .Describe("The old code is replaced.")
          .Path("tracking_number", http::StringSchema(), "The file's tracking number")
          .Reply<BillView>(201, "The new bill")
          .Problems({{401, "Not signed in"},
                     {404, "Not the applicant's file"},
                     {409, "Not waiting for a payment, already paid, or the code is still valid"}})
          .Options());

  router.Add("POST", "/api/v1/banks/{id}/reconciliation", Reconcile(payments),
             http::Operation("reconcileBankStatement", "payments",
                             "Reconcile a bank's statement of a day with the payments recorded from its callbacks")
                 .Describe("For finance officers of the bank's node. The body is the statement as CSV "
                           "(`waktu,kode_bayar,jumlah,referensi`); payments are matched by the bank's reference and "
                           "every difference is listed. Audited.")
                 .Path("id", http::IntegerSchema(), "The bank's id")
                 .Query("date", {{"type", "string"}, {"format", "date"}}, "The day of the statement (UTC)", true)
                 .BodyContent("text/csv", {{"type", "string"}}, nullptr)
                 .Reply<ReconciliationView>(200, "Matched and mismatched")
                 .Problems({{401, "Not signed in"},
                            {404, "No such bank in the officer's reach"},
                            {422, "Not a date, or lines that cannot be read, by line"}})
                 .Options());

  router.Add(
      "GET", "/api/v1/payments/refused", ListRefused(payments),
      http::Operation("listRefusedCallbacks", "payments", "The newest refused bank callbacks about a node's bills")
          .Describe("For finance officers of the node; at most 100, newest first.")
          .Query("node_id", http::IntegerSchema(), "The node", true)
          .Reply<std::vector<RefusedView>>(200, "Refused callbacks")
          .Problems({{401, "Not signed in"}, {403, "Not a finance officer of that node, or no such node"}})
          .Options());
}

}  // namespace spbe::payments
