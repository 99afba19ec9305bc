#pragma once
/// The composition root's adapters: each implements an interface a capability declares for what it needs
/// (applications/ports.hpp, reports/ports.hpp, catalog/ports.hpp,
/// http/views.hpp) with the capability that provides it. Built once by App::Create (and the demo seed).

#include "applications/ports.hpp"
#include "applications/service.hpp"
#include "catalog/ports.hpp"
#include "documents/service.hpp"
#include "http/views.hpp"
#include "identity/service.hpp"
#include "interop/ports.hpp"
#include "interop/service.hpp"
#include "notify/inbox.hpp"
#include "org/service.hpp"
#include "payments/service.hpp"
#include "portal/site.hpp"
#include "reports/ports.hpp"

namespace spbe::app {

/// Notices to people, heads and desks, from identity (for applications and for reports).
class IdentityRecipients final : public applications::Recipients, public reports::Recipients {
 public:
  explicit IdentityRecipients(identity::IdentityService& identity) : identity_(identity) {}
  notify::Recipient RecipientOf(std::int64_t account_id) override;
  std::vector<notify::Recipient> HeadsOf(const std::string& node_path) override;
  std::vector<notify::Recipient> NearestWithRole(access::Role role, const std::string& node_path) override;

 private:
  identity::IdentityService& identity_;
};

/// Nobody told: for the demo's history of months ago.
class NoRecipients final : public applications::Recipients, public reports::Recipients {
 public:
  notify::Recipient RecipientOf(std::int64_t) override { return {}; }
  std::vector<notify::Recipient> HeadsOf(const std::string&) override { return {}; }
  std::vector<notify::Recipient> NearestWithRole(access::Role, const std::string&) override { return {}; }
};

/// Who can work a service's step, from identity's grants.
class IdentityStaffing final : public catalog::Staffing {
 public:
  explicit IdentityStaffing(identity::IdentityService& identity) : identity_(identity) {}
  int OfficersWhoMay(access::Role role, const std::string& node_path) override {
    return identity_.ActiveOfficersWith(role, node_path);
  }

 private:
  identity::IdentityService& identity_;
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

/// The bus's system credentials: identity's API keys with the interop scope.
class IdentityCredentials final : public interop::Credentials {
 public:
  explicit IdentityCredentials(identity::IdentityService& identity) : identity_(identity) {}
  Result<Issued> Issue(const access::Actor& by, std::int64_t node_id, const std::string& name,
                       std::string_view lang) override;
  Status Revoke(const access::Actor& by, std::int64_t key_id, std::string_view lang) override;

 private:
  identity::IdentityService& identity_;
};

/// Form prefills through the bus, as this platform's own system.
class InteropLookups final : public applications::Lookups {
 public:
  InteropLookups(interop::InteropService& bus, Limiter& limiter) : bus_(bus), limiter_(limiter) {}
  Result<Filled> Prefill(const catalog::Prefill& prefill, const std::string& value, const access::Actor& applicant,
                         std::string_view lang) override;

 private:
  interop::InteropService& bus_;
  Limiter& limiter_;
};

/// What every page shows besides its own: the site's settings (portal), the unread badge (the inbox) and the
/// deployment's zone (its root node in org).
class PortalPageContext final : public http::PageContext {
 public:
  PortalPageContext(portal::SiteService& site, notify::InboxService& inbox, org::OrgService& org)
      : site_(site), inbox_(inbox), org_(org) {}
  boost::json::object Site() const override;
  int Unread(const http::Request& req) const override;
  TimeZone Zone() const override;

 private:
  portal::SiteService& site_;
  notify::InboxService& inbox_;
  org::OrgService& org_;
};

}  // namespace spbe::app
