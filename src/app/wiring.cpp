#include "app/wiring.hpp"

namespace spbe::app {

notify::Recipient IdentityRecipients::RecipientOf(std::int64_t account_id) { return identity_.RecipientOf(account_id); }

std::vector<notify::Recipient> IdentityRecipients::HeadsOf(const std::string& node_path) {
  return identity_.NearestWithRole(access::Role::kKepala, node_path);
}

std::optional<access::Actor> IdentityOfficers::ByEmail(std::string_view email) { return identity_.ActorByEmail(email); }

applications::Officers::Signatory IdentityOfficers::SignatoryOf(std::int64_t account_id) {
  auto who = identity_.SignatoryOf(account_id);
  return Signatory{who.name, who.position, who.nip};
}

Result<applications::Outputs::Record> DocumentOutputs::Prepare(const applications::OutputRequest& request) {
  return documents_.Prepare(request);
}

std::optional<std::string> DocumentOutputs::DocumentOf(std::int64_t application_id) {
  return documents_.IdOfApplication(application_id);
}

Result<applications::BillInfo> PaymentsBilling::Issue(soci::session& s, const applications::ApplicationRow& row,
                                                      const std::string& now) {
  if (!payments_) return Error::Of(ErrorCode::kUnavailable, "payments are not set up on this server");
  return payments_->Issue(s, row, now);
}

std::optional<applications::BillInfo> PaymentsBilling::CurrentBill(std::int64_t application_id) {
  if (!payments_) return std::nullopt;
  return payments_->CurrentBill(application_id);
}

}  // namespace spbe::app
