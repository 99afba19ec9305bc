#pragma once
/// The composition root's adapters: each implements an interface a capability declares for what it needs
/// (applications/ports.hpp) with the capability that provides it. Built once by App::Create (and the demo seed).

#include "applications/ports.hpp"
#include "applications/service.hpp"
#include "documents/service.hpp"
#include "identity/service.hpp"
#include "payments/service.hpp"

namespace spbe::app {

/// Notices to people and heads, from identity.
class IdentityRecipients final : public applications::Recipients {
 public:
  explicit IdentityRecipients(identity::IdentityService& identity) : identity_(identity) {}
  notify::Recipient RecipientOf(std::int64_t account_id) override;
  std::vector<notify::Recipient> HeadsOf(const std::string& node_path) override;

 private:
  identity::IdentityService& identity_;
};

/// Nobody told: for the demo's history of months ago.
class NoRecipients final : public applications::Recipients {
 public:
  notify::Recipient RecipientOf(std::int64_t) override { return {}; }
  std::vector<notify::Recipient> HeadsOf(const std::string&) override { return {}; }
};

/// Officers by e-mail and as signers, from identity.
class IdentityOfficers final : public applications::Officers {
 public:
  explicit IdentityOfficers(identity::IdentityService& identity) : identity_(identity) {}
  std::optional<access::Actor> ByEmail(std::string_view email) override;
  Signatory SignatoryOf(std::int64_t account_id) override;

 private:
  identity::IdentityService& identity_;
};

/// Outputs signed by documents.
class DocumentOutputs final : public applications::Outputs {
 public:
  explicit DocumentOutputs(documents::DocumentsService& documents) : documents_(documents) {}
  Result<Record> Prepare(const applications::OutputRequest& request) override;
  std::optional<std::string> DocumentOf(std::int64_t application_id) override;

 private:
  documents::DocumentsService& documents_;
};

/// Bills from payments. Payments and applications use each other (a bill is issued when a file reaches its payment
/// step; a payment moves the file on), so this one is bound once payments exists, right after applications is
/// built; until then (never, in a running server) a bill is refused as unavailable.
class PaymentsBilling final : public applications::Billing {
 public:
  void Bind(payments::PaymentsService& payments) { payments_ = &payments; }
  Result<applications::BillInfo> Issue(soci::session& s, const applications::ApplicationRow& row,
                                       const std::string& now) override;
  std::optional<applications::BillInfo> CurrentBill(std::int64_t application_id) override;

 private:
  payments::PaymentsService* payments_ = nullptr;
};

}  // namespace spbe::app
