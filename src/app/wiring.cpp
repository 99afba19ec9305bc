#include "app/wiring.hpp"

#include "http/forms.hpp"

namespace spbe::app {

notify::Recipient IdentityRecipients::RecipientOf(std::int64_t account_id) { return identity_.RecipientOf(account_id); }

std::vector<notify::Recipient> IdentityRecipients::HeadsOf(const std::string& node_path) {
  return identity_.NearestWithRole(access::Role::kKepala, node_path);
}

std::vector<notify::Recipient> IdentityRecipients::NearestWithRole(access::Role role, const std::string& node_path) {
  return identity_.NearestWithRole(role, node_path);
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

Result<interop::Credentials::Issued> IdentityCredentials::Issue(const access::Actor& by, std::int64_t node_id,
                                                                const std::string& name, std::string_view lang) {
  auto issued = identity_.IssueApiKey(by, node_id, name, {"interop"}, lang);
  if (!issued.ok()) return issued.error();
  return Issued{issued->row.id, std::move(issued->key)};
}

Status IdentityCredentials::Revoke(const access::Actor& by, std::int64_t key_id, std::string_view lang) {
  return identity_.RevokeApiKey(by, key_id, lang);
}

Result<applications::Lookups::Filled> InteropLookups::Prefill(const catalog::Prefill& prefill, const std::string& value,
                                                              const access::Actor& applicant, std::string_view lang) {
  // Each lookup shows another person's record: a brake per applicant keeps a form from becoming a search engine for
  // the population register (every lookup is also in the bus's log under the applicant's account).
  static const LimitRule kLookups{"prefill_account", 30, std::chrono::hours(24)};
  if (!limiter_.Hit(kLookups, "akun:" + std::to_string(applicant.account_id)).allowed) {
    return Error::Of(ErrorCode::kRateLimited, "");
  }
  std::string path = prefill.path;
  path.replace(path.find("{value}"), 7, http::UrlEncode(value));
  auto answer = bus_.FetchForForm(prefill.service, path, "akun:" + std::to_string(applicant.account_id), lang);
  if (!answer.ok()) return answer.error();
  Filled out;
  out.source = answer->agency;
  for (const auto& [field, member] : prefill.fill) {
    const auto* v = answer->answer.if_contains(member);
    if (v && v->is_string() && v->as_string().size() <= 500) out.values[field] = std::string(v->as_string());
    if (v && v->is_int64()) out.values[field] = std::to_string(v->as_int64());
  }
  return out;
}

boost::json::object PortalPageContext::Site() const {
  auto info = site_.Get();
  if (!info.ok()) return {};
  return {{"government", info->government},
          {"operator", info->operator_name},
          {"email", info->email},
          {"phone", info->phone},
          {"address", info->address},
          {"has_contact", !(info->email.empty() && info->phone.empty() && info->address.empty())},
          {"reachable", !(info->email.empty() && info->phone.empty())}};
}

int PortalPageContext::Unread(const http::Request& req) const { return inbox_.Unread(req.actor()); }

TimeZone PortalPageContext::Zone() const {
  auto home = org_.Home();
  return home.ok() ? ParseTimeZone(home->timezone) : TimeZone::kWib;
}

}  // namespace spbe::app
