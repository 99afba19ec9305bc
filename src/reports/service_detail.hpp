#pragma once
// Helpers the reports service's use-case files share (defined in service.cpp). Internal to src/reports/.

#include <string>
#include <string_view>

#include "access/access.hpp"
#include "audit/audit.hpp"
#include "notify/notifier.hpp"
#include "platform/pii.hpp"
#include "platform/result.hpp"
#include "reports/store.hpp"

namespace spbe::reports::detail {

/// What is kept of a report's access code: its hash, bound to the tracking number.
std::string CodeHash(std::string_view tn, std::string_view code);

/// The one answer for a report that does not exist or that the caller may not see.
Error NotFound(std::string_view lang);

/// `s` without the white space around it.
std::string Trimmed(std::string_view s);

/// An audit entry about a report.
audit::Entry ReportEvent(const std::string& action, const ReportRow& row, std::string before, std::string after);

/// Whether a notice can reach the recipient at all.
bool Reachable(const notify::Recipient& r);

/// A digest of what the audit trail follows of a report.
std::string StateDigest(const ReportRow& r);

/// Whether the actor holds `role` on a node at or above `path`.
bool HoldsRole(const access::Actor& actor, access::Role role, const std::string& path);

/// The reporter's own details, sealed in the report.
struct Reporter {
  std::string name, contact, lang;
};

Reporter OpenReporter(const PiiVault& vault, const std::string& sealed);

}  // namespace spbe::reports::detail
