#pragma once
/// Where payments keep their rows (SQL in store_sql.cpp, one text per query).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace spbe::payments {

struct BankRow {
  std::int64_t id = 0;
  std::string code, name;
  std::int64_t node_id = 0;
  std::string node_path;
  std::string public_key;  // base64
  std::string channels;
  std::string status;  // active, revoked
  std::int64_t created_by = 0;
  std::string created_at, revoked_at;
};

struct BillRow {
  std::int64_t id = 0;
  std::string billing_code;
  std::int64_t application_id = 0;
  std::string node_path, step;
  std::int64_t amount = 0;
  std::string status;  // unpaid, paid, replaced
  std::string issued_at, expires_at, paid_at;
};

struct PaymentRow {
  std::int64_t id = 0;
  std::int64_t bill_id = 0, bank_id = 0;
  std::string bank_reference;
  std::int64_t amount = 0;
  std::string channel, paid_at, received_at, body_sha256;
  std::string billing_code, bank_name;  // joined, for reading
};

struct CallbackLog {
  std::string received_at, bank_code, bank_reference, billing_code;
  std::optional<std::int64_t> amount;
  std::string outcome;  // accepted, duplicate, refused
  std::string reason, body_sha256, address;
};

class PaymentStore {
 public:
  virtual ~PaymentStore() = default;
  virtual std::int64_t InsertBank(soci::session& s, const BankRow& b) const = 0;
  virtual std::optional<BankRow> BankByCode(soci::session& s, const std::string& code) const = 0;
  virtual std::optional<BankRow> BankById(soci::session& s, std::int64_t id) const = 0;
  /// Banks registered on the node at `path` or below it.
  virtual std::vector<BankRow> BanksUnder(soci::session& s, const std::string& path) const = 0;
  /// Active banks that collect bills of the node at `path` (registered on it or above it).
  virtual std::vector<BankRow> BanksCovering(soci::session& s, const std::string& path) const = 0;
  virtual void RevokeBank(soci::session& s, std::int64_t id, const std::string& now) const = 0;

  virtual bool BillCodeTaken(soci::session& s, const std::string& code) const = 0;
  virtual std::int64_t InsertBill(soci::session& s, const BillRow& b) const = 0;
  /// With a row lock on PostgreSQL when `lock`.
  virtual std::optional<BillRow> BillByCode(soci::session& s, const std::string& code, bool lock) const = 0;
  virtual std::optional<BillRow> NewestBillOf(soci::session& s, std::int64_t application_id) const = 0;
  virtual void SetBillStatus(soci::session& s, std::int64_t id, const std::string& status,
                             const std::string& paid_at) const = 0;

  virtual std::optional<PaymentRow> PaymentByReference(soci::session& s, std::int64_t bank_id,
                                                       const std::string& reference) const = 0;
  virtual std::optional<PaymentRow> PaymentOfBill(soci::session& s, std::int64_t bill_id) const = 0;
  virtual std::int64_t InsertPayment(soci::session& s, const PaymentRow& p) const = 0;
  virtual void LogCallback(soci::session& s, const CallbackLog& log) const = 0;
  /// The payments a bank reported as made on `day` (YYYY-MM-DD, UTC), for its statement of that day.
  virtual std::vector<PaymentRow> PaymentsOfBankOn(soci::session& s, std::int64_t bank_id,
                                                   const std::string& day) const = 0;
  /// The newest refused callbacks: those about bills under `path`, and, when `unknown_too`, those about no known
  /// bill (a forged or mistyped code: the platform's finance officer looks at those).
  virtual std::vector<CallbackLog> RefusedCallbacks(soci::session& s, const std::string& path, bool unknown_too,
                                                    int limit) const = 0;
};

std::unique_ptr<PaymentStore> MakeSqlPaymentStore();

}  // namespace spbe::payments
