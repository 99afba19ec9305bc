#include <soci/soci.h>

#include "payments/store.hpp"
#include "storage/rows.hpp"

namespace spbe::payments {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kBankColumns =
    "SELECT id, code, name, node_id, node_path, public_key, channels, status, created_by, created_at, revoked_at "
    "FROM banks ";
constexpr const char* kInsertBank =
    "INSERT INTO banks (code, name, node_id, node_path, public_key, channels, status, created_by, created_at) "
    "VALUES (:code, :name, :node, :path, :key, :channels, 'active', :by, :now) RETURNING id";
constexpr const char* kRevokeBank = "UPDATE banks SET status = 'revoked', revoked_at = :now WHERE id = :id";
constexpr const char* kBillColumns =
    "SELECT id, billing_code, application_id, node_path, step, amount, status, issued_at, expires_at, paid_at "
    "FROM bills ";
constexpr const char* kInsertBill =
    "INSERT INTO bills (billing_code, application_id, node_path, step, amount, status, issued_at, expires_at) "
    "VALUES (:code, :application, :path, :step, :amount, 'unpaid', :issued, :expires) RETURNING id";
constexpr const char* kBillTaken = "SELECT COUNT(*) FROM bills WHERE billing_code = :code";
constexpr const char* kSetBillStatus = "UPDATE bills SET status = :status, paid_at = :paid WHERE id = :id";
constexpr const char* kPaymentColumns =
    "SELECT p.id, p.bill_id, p.bank_id, p.bank_reference, p.amount, p.channel, p.paid_at, p.received_at, "
    "p.body_sha256, b.billing_code, k.name FROM payments p JOIN bills b ON b.id = p.bill_id "
    "JOIN banks k ON k.id = p.bank_id ";
constexpr const char* kInsertPayment =
    "INSERT INTO payments (bill_id, bank_id, bank_reference, amount, channel, paid_at, received_at, body_sha256) "
    "VALUES (:bill, :bank, :ref, :amount, :channel, :paid, :received, :sha) RETURNING id";
constexpr const char* kLogCallback =
    "INSERT INTO payment_callbacks (received_at, bank_code, bank_reference, billing_code, amount, outcome, reason, "
    "body_sha256, address) VALUES (:at, :bank, :ref, :code, :amount, :outcome, :reason, :sha, :address)";

constexpr const char* kRefused =
    "SELECT c.received_at, c.bank_code, c.bank_reference, c.billing_code, c.amount, c.outcome, c.reason, "
    "c.body_sha256, c.address FROM payment_callbacks c LEFT JOIN bills b ON b.billing_code = c.billing_code "
    "WHERE c.outcome = 'refused' AND (b.node_path LIKE :path || '%' OR (b.id IS NULL AND :unknown = 1)) "
    "ORDER BY c.id DESC LIMIT :limit";

BankRow ToBank(const soci::row& r) {
  BankRow b;
  b.id = Int64(r, 0);
  b.code = Text(r, 1);
  b.name = Text(r, 2);
  b.node_id = Int64(r, 3);
  b.node_path = Text(r, 4);
  b.public_key = Text(r, 5);
  b.channels = Text(r, 6);
  b.status = Text(r, 7);
  if (r.get_indicator(8) == soci::i_ok) b.created_by = Int64(r, 8);
  b.created_at = Text(r, 9);
  b.revoked_at = Text(r, 10);
  return b;
}

BillRow ToBill(const soci::row& r) {
  return {Int64(r, 0), Text(r, 1), Int64(r, 2), Text(r, 3), Text(r, 4),
          Int64(r, 5), Text(r, 6), Text(r, 7),  Text(r, 8), Text(r, 9)};
}

PaymentRow ToPayment(const soci::row& r) {
  return {Int64(r, 0), Int64(r, 1), Int64(r, 2), Text(r, 3), Int64(r, 4), Text(r, 5),
          Text(r, 6),  Text(r, 7),  Text(r, 8),  Text(r, 9), Text(r, 10)};
}

template <typename T, typename F>
std::vector<T> All(soci::rowset<soci::row>& rows, F convert) {
  std::vector<T> out;
  for (const auto& r : rows) out.push_back(convert(r));
  return out;
}

class SqlPaymentStore final : public PaymentStore {
 public:
  std::int64_t InsertBank(soci::session& s, const BankRow& b) const override {
    long long node = b.node_id, by = b.created_by, id = 0;
    soci::indicator i_by = b.created_by ? soci::i_ok : soci::i_null;
    s << kInsertBank, soci::use(b.code, "code"), soci::use(b.name, "name"), soci::use(node, "node"),
        soci::use(b.node_path, "path"), soci::use(b.public_key, "key"), soci::use(b.channels, "channels"),
        soci::use(by, i_by, "by"), soci::use(b.created_at, "now"), soci::into(id);
    return id;
  }
  std::optional<BankRow> BankByCode(soci::session& s, const std::string& code) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kBankColumns) + "WHERE code = :code", soci::use(code, "code"));
    for (const auto& r : rows) return ToBank(r);
    return std::nullopt;
  }
  std::optional<BankRow> BankById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kBankColumns) + "WHERE id = :id", soci::use(key, "id"));
    for (const auto& r : rows) return ToBank(r);
    return std::nullopt;
  }
  std::vector<BankRow> BanksUnder(soci::session& s, const std::string& path) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kBankColumns) + "WHERE node_path LIKE :path || '%' ORDER BY name, id",
         soci::use(path, "path"));
    return All<BankRow>(rows, ToBank);
  }
  std::vector<BankRow> BanksCovering(soci::session& s, const std::string& path) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kBankColumns) +
                          "WHERE status = 'active' AND :path LIKE node_path || '%' ORDER BY name, id",
         soci::use(path, "path"));
    return All<BankRow>(rows, ToBank);
  }
  void RevokeBank(soci::session& s, std::int64_t id, const std::string& now) const override {
    long long key = id;
    s << kRevokeBank, soci::use(now, "now"), soci::use(key, "id");
  }

  bool BillCodeTaken(soci::session& s, const std::string& code) const override {
    long long n = 0;
    s << kBillTaken, soci::use(code, "code"), soci::into(n);
    return n > 0;
  }
  std::int64_t InsertBill(soci::session& s, const BillRow& b) const override {
    long long application = b.application_id, amount = b.amount, id = 0;
    s << kInsertBill, soci::use(b.billing_code, "code"), soci::use(application, "application"),
        soci::use(b.node_path, "path"), soci::use(b.step, "step"), soci::use(amount, "amount"),
        soci::use(b.issued_at, "issued"), soci::use(b.expires_at, "expires"), soci::into(id);
    return id;
  }
  std::optional<BillRow> BillByCode(soci::session& s, const std::string& code, bool lock) const override {
    bool pg = s.get_backend_name() == "postgresql";
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kBillColumns) + "WHERE billing_code = :code" + (lock && pg ? " FOR UPDATE" : ""),
         soci::use(code, "code"));
    for (const auto& r : rows) return ToBill(r);
    return std::nullopt;
  }
  std::optional<BillRow> NewestBillOf(soci::session& s, std::int64_t application_id) const override {
    long long key = application_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kBillColumns) + "WHERE application_id = :id ORDER BY id DESC LIMIT 1",
         soci::use(key, "id"));
    for (const auto& r : rows) return ToBill(r);
    return std::nullopt;
  }
  void SetBillStatus(soci::session& s, std::int64_t id, const std::string& status,
                     const std::string& paid_at) const override {
    long long key = id;
    soci::indicator i_paid = paid_at.empty() ? soci::i_null : soci::i_ok;
    s << kSetBillStatus, soci::use(status, "status"), soci::use(paid_at, i_paid, "paid"), soci::use(key, "id");
  }

  std::optional<PaymentRow> PaymentByReference(soci::session& s, std::int64_t bank_id,
                                               const std::string& reference) const override {
    long long bank = bank_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kPaymentColumns) + "WHERE p.bank_id = :bank AND p.bank_reference = :ref",
         soci::use(bank, "bank"), soci::use(reference, "ref"));
    for (const auto& r : rows) return ToPayment(r);
    return std::nullopt;
  }
  std::optional<PaymentRow> PaymentOfBill(soci::session& s, std::int64_t bill_id) const override {
    long long bill = bill_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kPaymentColumns) + "WHERE p.bill_id = :bill", soci::use(bill, "bill"));
    for (const auto& r : rows) return ToPayment(r);
    return std::nullopt;
  }
  std::int64_t InsertPayment(soci::session& s, const PaymentRow& p) const override {
    long long bill = p.bill_id, bank = p.bank_id, amount = p.amount, id = 0;
    s << kInsertPayment, soci::use(bill, "bill"), soci::use(bank, "bank"), soci::use(p.bank_reference, "ref"),
        soci::use(amount, "amount"), soci::use(p.channel, "channel"), soci::use(p.paid_at, "paid"),
        soci::use(p.received_at, "received"), soci::use(p.body_sha256, "sha"), soci::into(id);
    return id;
  }
  std::vector<PaymentRow> PaymentsOfBankOn(soci::session& s, std::int64_t bank_id,
                                           const std::string& day) const override {
    long long bank = bank_id;
    std::string from = day + "T00:00:00Z", to = day + "T23:59:59Z";
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kPaymentColumns) +
                          "WHERE p.bank_id = :bank AND p.paid_at >= :from AND p.paid_at <= :to ORDER BY p.id",
         soci::use(bank, "bank"), soci::use(from, "from"), soci::use(to, "to"));
    return All<PaymentRow>(rows, ToPayment);
  }
  std::vector<CallbackLog> RefusedCallbacks(soci::session& s, const std::string& path, bool unknown_too,
                                            int limit) const override {
    int unknown = unknown_too ? 1 : 0;
    soci::rowset<soci::row> rows =
        (s.prepare << kRefused, soci::use(path, "path"), soci::use(unknown, "unknown"), soci::use(limit, "limit"));
    std::vector<CallbackLog> out;
    for (const auto& r : rows) {
      CallbackLog l{Text(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), std::nullopt,
                    Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8)};
      if (r.get_indicator(4) == soci::i_ok) l.amount = Int64(r, 4);
      out.push_back(std::move(l));
    }
    return out;
  }
  void LogCallback(soci::session& s, const CallbackLog& l) const override {
    long long amount = l.amount.value_or(0);
    soci::indicator i_amount = l.amount ? soci::i_ok : soci::i_null;
    s << kLogCallback, soci::use(l.received_at, "at"), soci::use(l.bank_code, "bank"),
        soci::use(l.bank_reference, "ref"), soci::use(l.billing_code, "code"), soci::use(amount, i_amount, "amount"),
        soci::use(l.outcome, "outcome"), soci::use(l.reason, "reason"), soci::use(l.body_sha256, "sha"),
        soci::use(l.address, "address");
  }
};

}  // namespace

std::unique_ptr<PaymentStore> MakeSqlPaymentStore() { return std::make_unique<SqlPaymentStore>(); }

}  // namespace spbe::payments
