#pragma once
// Internal to the applications service: what its use-case files (filing, attachments, workflow, payment, views,
// sweeps) share. Not for callers of the service.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applications/service.hpp"
#include "audit/audit.hpp"

namespace spbe::applications {

struct ApplicationsService::Loaded {
  ApplicationRow row;
  catalog::ServiceView service;
  std::vector<EventRow> events;
  std::vector<FileRow> files;
};

namespace detail {

// Why a file cannot be attached to the field: empty, too large, or content of a kind the field does not take.
std::optional<FieldError> CheckFile(const catalog::FormField& f, std::string_view bytes, std::string_view lang);

// "Kode bayar 2611 4821 7305 9928, Rp 450.000, berlaku sampai 26 November 2026 17.00 WIB": in the agency's zone.
std::string BillNote(const BillInfo& b, std::string_view lang, TimeZone zone);

std::string CodeHash(std::string_view tn, std::string_view code);

Error NotFound(std::string_view lang);

audit::Entry FileEvent(const std::string& action, const ApplicationRow& row, std::string before, std::string after);

std::string StateDigest(const ApplicationRow& r);

}  // namespace detail
}  // namespace spbe::applications
