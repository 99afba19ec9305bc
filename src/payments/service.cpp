#include "payments/service.hpp"

#include <fmt/format.h>
#include <soci/soci.h>
#include <sodium.h>

#include "audit/audit.hpp"
#include "platform/cidr.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"

namespace spbe::payments {
namespace {

audit::Entry PaymentEvent(const char* action, const std::string& object_type, std::int64_t id,
                          const std::string& node_path, std::string after) {
  audit::Entry e;
  e.action = action;
  e.object_type = object_type;
  e.object_id = std::to_string(id);
  e.node_path = node_path;
  e.after_digest = std::move(after);
  return e;
}

Error Unauthorized(std::string_view lang) {
  return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "payments_bank_not_signed"));
}

}  // namespace

Result<BankRow> PaymentsService::RegisterBank(const access::Actor& admin, const NewBank& b, std::string_view lang) {
  auto node = org_.Get(b.node_id);
  if (!node.ok()) return Error::Validation({{"node_id", i18n::Tr(lang, "payments_node_not_found")}});
  if (!access::Allowed(admin, access::Action::kBankManage, node->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "payments_bank_register_forbidden"));
  }
  std::vector<FieldError> errors;
  bool code_ok = !b.code.empty() && b.code.size() <= 32 &&
                 std::all_of(b.code.begin(), b.code.end(), [](char c) { return std::isupper(c) || std::isdigit(c); });
  if (!code_ok) errors.push_back({"code", i18n::Tr(lang, "payments_bank_code_invalid")});
  if (b.name.empty() || b.name.size() > 200) errors.push_back({"name", i18n::Tr(lang, "payments_bank_name_required")});
  auto key = crypto::Base64Decode(b.public_key);
  if (!key || key->size() != crypto_sign_PUBLICKEYBYTES) {
    errors.push_back({"public_key", i18n::Tr(lang, "payments_bank_public_key_invalid")});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  BankRow row{0,
              b.code,
              b.name,
              node->id,
              node->path,
              b.public_key,
              b.channels.substr(0, 200),
              "active",
              admin.account_id,
              FormatUtc(clock_()),
              ""};
  return db_.WriteReturning<BankRow>([&](soci::session& s) -> Result<BankRow> {
    if (store_.BankByCode(s, row.code)) {
      return Error::Validation({{"code", i18n::Tr(lang, "payments_bank_code_taken")}});
    }
    row.id = store_.InsertBank(s, row);
    audit::Record(s, admin,
                  PaymentEvent("payments.register_bank", "bank", row.id, row.node_path,
                               audit::Digest(row.code + "|" + row.public_key)),
                  row.created_at);
    return row;
  });
}

Result<std::vector<BankRow>> PaymentsService::Banks(const access::Actor& actor, std::int64_t node_id,
                                                    std::string_view lang) {
  auto node = org_.Get(node_id);
  if (!node.ok() || !(access::Allowed(actor, access::Action::kBankManage, node->path) ||
                      access::Allowed(actor, access::Action::kFinanceRead, node->path))) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "payments_banks_forbidden"));
  }
  return db_.Read([&](soci::session& s) { return store_.BanksUnder(s, node->path); });
}

Status PaymentsService::RevokeBank(const access::Actor& admin, std::int64_t bank_id, std::string_view lang) {
  std::string now = FormatUtc(clock_());
  return db_.Write([&](soci::session& s) -> Status {
    auto bank = store_.BankById(s, bank_id);
    if (!bank || !access::Allowed(admin, access::Action::kBankManage, bank->node_path)) {
      return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "payments_bank_not_found"));
    }
    store_.RevokeBank(s, bank->id, now);
    audit::Record(s, admin, PaymentEvent("payments.revoke_bank", "bank", bank->id, bank->node_path, ""), now);
    return Ok{};
  });
}

applications::BillInfo PaymentsService::Info(soci::session& s, const BillRow& bill, const std::string& now) {
  applications::BillInfo info{bill.billing_code, bill.amount, bill.issued_at, bill.expires_at, bill.status, "", "", {}};
  if (bill.status == "unpaid" && bill.expires_at < now) info.status = "expired";
  if (bill.status == "paid") {
    info.paid_at = bill.paid_at;
    if (auto p = store_.PaymentOfBill(s, bill.id)) info.bank_name = p->bank_name;
  }
  for (const auto& b : store_.BanksCovering(s, bill.node_path)) {
    info.channels.push_back(b.channels.empty() ? b.name : b.name + " (" + b.channels + ")");
  }
  return info;
}

Result<applications::BillInfo> PaymentsService::Issue(soci::session& s, const applications::ApplicationRow& row,
                                                      const std::string& now) {
  auto now_tp = ParseUtc(now);
  if (!now_tp) return Error::Of(ErrorCode::kInternal, "bad time");
  std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(*now_tp)};
  std::string code;
  do {
    std::uint64_t r = (static_cast<std::uint64_t>(randombytes_random()) << 32) | randombytes_random();
    code = MakeBillingCode(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), r);
  } while (store_.BillCodeTaken(s, code));
  BillRow bill{
      0, code, row.id, row.node_path, row.step, row.fee_amount, "unpaid", now, FormatUtc(*now_tp + options_.bill_valid),
      ""};
  bill.id = store_.InsertBill(s, bill);
  audit::RecordSystem(s,
                      PaymentEvent("payments.issue_bill", "bill", bill.id, bill.node_path,
                                   audit::Digest(code + "|" + std::to_string(bill.amount))),
                      now);
  return Info(s, bill, now);
}

std::optional<applications::BillInfo> PaymentsService::CurrentBill(std::int64_t application_id) {
  std::string now = FormatUtc(clock_());
  auto info = db_.Read([&](soci::session& s) -> std::optional<applications::BillInfo> {
    auto bill = store_.NewestBillOf(s, application_id);
    if (!bill) return std::nullopt;
    return Info(s, *bill, now);
  });
  return info.ok() ? *info : std::nullopt;
}

Result<applications::BillInfo> PaymentsService::Reissue(const access::Actor& actor, std::string_view tracking_number,
                                                        std::string_view lang) {
  auto row = applications_.AwaitingPayment(actor, tracking_number, lang);
  if (!row.ok()) return row.error();
  std::string now = FormatUtc(clock_());
  applications::BillInfo issued;
  Status st = db_.Write([&](soci::session& s) -> Status {
    auto old = store_.NewestBillOf(s, row->id);
    if (old) old = store_.BillByCode(s, old->billing_code, true);
    if (old && old->status == "unpaid" && old->expires_at >= now) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "payments_billing_code_still_valid"));
    }
    if (old && old->status == "paid") {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "payments_already_paid"));
    }
    if (old) store_.SetBillStatus(s, old->id, "replaced", "");
    auto bill = Issue(s, *row, now);
    if (!bill.ok()) return bill.error();
    issued = *bill;
    applications_.BillReissued(s, *row, issued, now);
    return Ok{};
  });
  if (!st.ok()) return st.error();
  return issued;
}

Result<BankRow> PaymentsService::Authenticate(const BankRequest& request, std::string_view lang) {
  auto bank = db_.Read([&](soci::session& s) { return store_.BankByCode(s, request.bank_code); });
  if (!bank.ok()) return bank.error();
  if (!*bank || (*bank)->status != "active") return Unauthorized(lang);
  auto key = crypto::Base64Decode((*bank)->public_key);
  auto sig = crypto::Base64Decode(request.signature);
  if (!key || !sig || !crypto::VerifySignature(*key, request.body, *sig)) return Unauthorized(lang);
  return **bank;
}

void PaymentsService::Refused(const BankRequest& request, const std::string& bank_code, const CallbackBody* body,
                              const std::string& reason) {
  CallbackLog log{FormatUtc(clock_()),
                  bank_code.substr(0, 32),
                  body ? body->bank_reference : "",
                  body ? body->billing_code : "",
                  body ? std::optional<std::int64_t>(body->amount) : std::nullopt,
                  "refused",
                  reason,
                  crypto::Sha256Hex(request.body),
                  request.address};
  Status st = db_.Write([&](soci::session& s) -> Status {
    store_.LogCallback(s, log);
    return Ok{};
  });
  log::Warn("bank callback refused", {{"bank", log.bank_code}, {"reason", reason}, {"address", request.address}});
  if (!st.ok()) log::Error("bank callback not logged", {{"error", st.error().detail}});
}

Result<Inquiry> PaymentsService::Ask(const BankRequest& request, std::string_view lang) {
  auto bank = Authenticate(request, lang);
  if (!bank.ok()) return bank.error();
  auto code = ParseInquiry(request.body, lang);
  if (!code.ok()) return code.error();
  std::string now = FormatUtc(clock_());
  auto bill = db_.Read([&](soci::session& s) { return store_.BillByCode(s, *code, false); });
  if (!bill.ok()) return bill.error();
  if (!*bill || !access::InSubtree(bank->node_id, (*bill)->node_path)) {
    // Another agency's bill is as unknown to this bank as a code that does not exist.
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "payments_billing_code_not_found"));
  }
  const BillRow& b = **bill;
  if (b.status == "paid") return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "payments_already_paid"));
  if (b.status == "replaced" || b.expires_at < now) {
    return Error::Validation({{"billing_code", i18n::Tr(lang, "payments_billing_code_expired")}});
  }
  auto app = applications_.PrepareForPayment(b.application_id);
  Inquiry out{b.billing_code, b.amount, b.expires_at, "", ""};
  if (app.ok()) {
    out.agency = applications::ApplicationsService::AgencyOf(**app);
    out.tracking_number = applications::ApplicationsService::TrackingNumberOf(**app);
  }
  return out;
}

Result<Accepted> PaymentsService::Callback(const BankRequest& request, std::string_view lang) {
  auto bank = Authenticate(request, lang);
  if (!bank.ok()) {
    // Anyone can send these: count every one, keep a sample per address for the finance officer.
    ++unsigned_callbacks_;
    if (limiter_.Hit(limits_.unsigned_callback_samples, "a:" + AddressKey(request.address)).allowed) {
      Refused(request, request.bank_code, nullptr, "signature");
    } else {
      ++unsigned_dropped_;
    }
    return bank.error();
  }
  auto body = ParseCallback(request.body, lang);
  if (!body.ok()) {
    Refused(request, bank->code, nullptr, "body");
    return body.error();
  }
  // What moving the file on needs is read before the unit of work (it holds its connection).
  auto bill = db_.Read([&](soci::session& s) { return store_.BillByCode(s, body->billing_code, false); });
  if (!bill.ok()) return bill.error();
  std::shared_ptr<const applications::ApplicationsService::PaymentStep> step;
  if (*bill) {
    auto prepared = applications_.PrepareForPayment((*bill)->application_id);
    if (prepared.ok()) step = *prepared;
  }
  std::string now = FormatUtc(clock_());
  std::string sha = crypto::Sha256Hex(request.body);
  std::string reason;
  auto accepted = db_.WriteReturning<Accepted>([&](soci::session& s) -> Result<Accepted> {
    // The bill is locked first (PostgreSQL: FOR UPDATE), so the same report arriving twice at once is judged one
    // after the other: the second sees the first's payment and gets its answer.
    auto b = store_.BillByCode(s, body->billing_code, true);
    // The same bank reference again: the first answer, when it is the same payment; refused otherwise.
    if (auto earlier = store_.PaymentByReference(s, bank->id, body->bank_reference)) {
      if (earlier->billing_code == body->billing_code && earlier->amount == body->amount) {
        store_.LogCallback(s, {now, bank->code, body->bank_reference, body->billing_code, body->amount, "duplicate", "",
                               sha, request.address});
        return Accepted{earlier->id, earlier->billing_code,
                        step ? applications::ApplicationsService::TrackingNumberOf(*step) : "", true};
      }
      reason = "reference_reused";
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "payments_bank_reference_reused"));
    }
    if (!b) {
      reason = "unknown_code";
      return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "payments_billing_code_not_found"));
    }
    if (!access::InSubtree(bank->node_id, b->node_path)) {
      reason = "other_agency";
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "payments_bank_other_agency"));
    }
    if (b->status == "paid") {
      reason = "already_paid";
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "payments_bill_already_paid"));
    }
    if (b->status == "replaced" || b->expires_at < now) {
      reason = "expired";
      return Error::Validation({{"billing_code", i18n::Tr(lang, "payments_billing_code_expired")}});
    }
    if (b->amount != body->amount) {
      reason = "amount";
      return Error::Validation(
          {{"amount", i18n::Tr(lang, "payments_bill_amount_differs", {{"amount", fmt::format("{}", b->amount)}})}});
    }
    if (!step) return Error::Of(ErrorCode::kUnavailable, "the file of the bill could not be read");
    PaymentRow p{0,   b->id, bank->id, body->bank_reference, body->amount, body->channel, body->paid_at, now,
                 sha, "",    ""};
    p.id = store_.InsertPayment(s, p);
    store_.SetBillStatus(s, b->id, "paid", now);
    store_.LogCallback(s, {now, bank->code, body->bank_reference, body->billing_code, body->amount, "accepted", "", sha,
                           request.address});
    audit::RecordSystem(s, PaymentEvent("payments.paid", "bill", b->id, b->node_path, sha), now);
    std::string note = fmt::format("{} · {} · ref {} · {}", FormatBillingCode(b->billing_code),
                                   i18n::FormatRupiah(b->amount), body->bank_reference, bank->name);
    if (auto st = applications_.PaymentReceived(s, *step, note, now); !st.ok()) return st.error();
    return Accepted{p.id, b->billing_code, applications::ApplicationsService::TrackingNumberOf(*step), false};
  });
  if (!accepted.ok() && !reason.empty()) Refused(request, bank->code, &*body, reason);
  return accepted;
}

Result<Reconciliation> PaymentsService::Reconcile(const access::Actor& actor, std::int64_t bank_id,
                                                  std::string_view day, std::string_view csv, std::string_view lang) {
  auto bank = db_.Read([&](soci::session& s) { return store_.BankById(s, bank_id); });
  if (!bank.ok()) return bank.error();
  if (!*bank || !access::Allowed(actor, access::Action::kFinanceRead, (*bank)->node_path)) {
    return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "payments_bank_not_found"));
  }
  std::string d(day);
  if (d.size() != 10 || !ParseUtc(d + "T00:00:00Z")) {
    return Error::Validation({{"date", i18n::Tr(lang, "payments_date_format")}});
  }
  auto lines = ParseStatement(csv, lang);
  if (!lines.ok()) return lines.error();
  std::string now = FormatUtc(clock_());
  return db_.WriteReturning<Reconciliation>([&](soci::session& s) -> Result<Reconciliation> {
    std::vector<RecordedPayment> recorded;
    for (const auto& p : store_.PaymentsOfBankOn(s, bank_id, d)) {
      recorded.push_back({p.bank_reference, p.billing_code, p.paid_at, p.amount});
    }
    Reconciliation r = payments::Reconcile(*lines, recorded);
    audit::Record(s, actor,
                  PaymentEvent("payments.reconcile", "bank", bank_id, (*bank)->node_path,
                               audit::Digest(fmt::format("{}|{}|{}|{}", d, crypto::Sha256Hex(csv), r.matched,
                                                         r.mismatches.size()))),
                  now);
    return r;
  });
}

Result<std::vector<CallbackLog>> PaymentsService::Refused(const access::Actor& actor, std::int64_t node_id,
                                                          std::string_view lang) {
  auto node = org_.Get(node_id);
  if (!node.ok() || !access::Allowed(actor, access::Action::kFinanceRead, node->path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "payments_node_payments_forbidden"));
  }
  bool root = !node->parent_id.has_value();
  return db_.Read([&](soci::session& s) { return store_.RefusedCallbacks(s, node->path, root, 100); });
}

}  // namespace spbe::payments
