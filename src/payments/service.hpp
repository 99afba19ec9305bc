#pragma once
/// Use cases of payments: admins register the banks that collect an agency's bills (their Ed25519 keys); a file
/// that reaches its payment step gets a bill for its fee; the applicant reissues an expired one; a bank asks what a
/// code is for and reports a payment, each request signed over its exact bytes. Everything refused is logged and
/// changes nothing else.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "applications/service.hpp"
#include "org/service.hpp"
#include "payments/model.hpp"
#include "payments/reconcile.hpp"
#include "payments/store.hpp"
#include "platform/clock.hpp"
#include "platform/limits.hpp"
#include "storage/database.hpp"

namespace spbe::payments {

struct NewBank {
  std::string code, name;
  std::int64_t node_id = 0;
  std::string public_key;  // base64 of the 32-byte Ed25519 key
  std::string channels;
};

/// What a signed request from a bank carries besides its body.
struct BankRequest {
  std::string bank_code;
  std::string signature;  // base64
  std::string body;       // the exact bytes that were signed
  std::string address;
};

struct Inquiry {
  std::string billing_code;
  std::int64_t amount = 0;
  std::string expires_at, agency;
  std::string tracking_number;  // so the teller can tell the payer what the money is for
};

struct Accepted {
  std::int64_t payment_id = 0;
  std::string billing_code, tracking_number;
  bool duplicate = false;  // the same payment reported again: nothing changed
};

struct Options {
  std::chrono::hours bill_valid{72};
};

class PaymentsService {
 public:
  /// `limiter` with `limits.unsigned_callback_samples` decides which callbacks with a bad signature are kept for the
  /// finance officer: a sample per sending address, the rest only counted (a flood fills neither the page nor the
  /// disk).
  PaymentsService(storage::Database& db, const PaymentStore& store, org::OrgService& org,
                  applications::ApplicationsService& applications, Limiter& limiter, const Limits& limits, Clock clock,
                  Options options = {})
      : db_(db),
        store_(store),
        org_(org),
        applications_(applications),
        limiter_(limiter),
        limits_(limits),
        clock_(std::move(clock)),
        options_(options) {}

  /// Callbacks refused for their signature since start, and how many of them were not kept (beyond the sample).
  std::uint64_t unsigned_callbacks() const { return unsigned_callbacks_.load(); }
  std::uint64_t unsigned_callbacks_dropped() const { return unsigned_dropped_.load(); }

  Result<BankRow> RegisterBank(const access::Actor& admin, const NewBank& bank, std::string_view lang);
  Result<std::vector<BankRow>> Banks(const access::Actor& actor, std::int64_t node_id, std::string_view lang);
  Status RevokeBank(const access::Actor& admin, std::int64_t bank_id, std::string_view lang);

  /// The bill for a file reaching its payment step, inside the applications unit of work (no other reads).
  Result<applications::BillInfo> Issue(soci::session& s, const applications::ApplicationRow& row,
                                       const std::string& now);
  /// The newest bill of a file, with where it can be paid.
  std::optional<applications::BillInfo> CurrentBill(std::int64_t application_id);
  /// The applicant asks for a new code when the bill expired unpaid; the old one is replaced.
  Result<applications::BillInfo> Reissue(const access::Actor& actor, std::string_view tracking_number,
                                         std::string_view lang);

  /// A bank asks what a billing code is for, before taking the money.
  Result<Inquiry> Ask(const BankRequest& request, std::string_view lang);
  /// A bank reports a payment. Accepted only when signed by a registered bank that collects for the bill's agency,
  /// for an unpaid, unexpired bill, with its exact amount; the same bank reference again returns the first answer.
  Result<Accepted> Callback(const BankRequest& request, std::string_view lang);

  /// The finance officer compares a bank's statement of a day (CSV) with the payments recorded from its callbacks;
  /// every difference is listed. Audited. kNotFound for a bank outside the officer's reach.
  Result<Reconciliation> Reconcile(const access::Actor& actor, std::int64_t bank_id, std::string_view day,
                                   std::string_view csv, std::string_view lang);
  /// Refused callbacks the finance officer should look at (see PaymentStore::RefusedCallbacks).
  Result<std::vector<CallbackLog>> Refused(const access::Actor& actor, std::int64_t node_id, std::string_view lang);

 private:
  /// The bank, when the request is signed by its registered key; kUnauthorized otherwise.
  Result<BankRow> Authenticate(const BankRequest& request, std::string_view lang);
  void Refused(const BankRequest& request, const std::string& bank_code, const CallbackBody* body,
               const std::string& reason);
  applications::BillInfo Info(soci::session& s, const BillRow& bill, const std::string& now);

  storage::Database& db_;
  const PaymentStore& store_;
  org::OrgService& org_;
  applications::ApplicationsService& applications_;
  Limiter& limiter_;
  const Limits& limits_;
  Clock clock_;
  Options options_;
  std::atomic<std::uint64_t> unsigned_callbacks_{0}, unsigned_dropped_{0};
};

}  // namespace spbe::payments
