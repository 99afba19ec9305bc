#pragma once
/// Internal to the identity service's .cpp files: the purposes of e-mailed codes and the helpers several use cases
/// share (the audit trail's view of an account, who is an officer, today's date).

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>

#include "audit/audit.hpp"
#include "identity/service.hpp"

namespace spbe::identity::detail {

// What a one-time code sent by e-mail is for.
inline constexpr const char* kVerifyEmail = "verify_email";
inline constexpr const char* kActivate = "activate";
inline constexpr const char* kResetPassword = "reset_password";

inline std::chrono::year_month_day Today(TimePoint t) {
  // NIK birth dates are civil dates; a few hours of time zone do not matter for "not in the future".
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(t)};
}

inline bool Officer(access::AccountKind k) { return k == access::AccountKind::kAsn; }

// What the audit trail fingerprints of an account: its public state, never secrets or personal numbers.
inline std::string Snapshot(const Account& a) {
  return std::string(access::AccountKindName(a.kind)) + "|" + a.name + "|" + a.email + "|" + a.status + "|" + a.nip;
}

inline audit::Entry AccountEvent(const char* action, std::int64_t id, std::string before, std::string after) {
  audit::Entry e;
  e.action = action;
  e.object_type = "account";
  e.object_id = std::to_string(id);
  e.before_digest = std::move(before);
  e.after_digest = std::move(after);
  return e;
}

}  // namespace spbe::identity::detail
