// What the reporter and the public say of a report: the reporter's rating of the answer, and the public's support
// (+1) for a public report.
#include "reports/service.hpp"

#include <algorithm>

#include "audit/audit.hpp"
#include "platform/i18n.hpp"
#include "reports/service_detail.hpp"

namespace spbe::reports {

using detail::NotFound;
using detail::ReportEvent;
using detail::StateDigest;
using detail::Trimmed;

spbe::Status ReportsService::Rate(const access::Actor& actor, std::string_view tracking_number, std::string_view code,
                                  int rating, std::string_view note, std::string_view lang) {
  auto l = Load(tracking_number, lang);
  if (!l.ok()) return l.error();
  auto reporter = IsReporter(actor, l->row, code, lang);
  if (!reporter.ok()) return reporter.error();
  if (!*reporter) return NotFound(lang);
  if (rating < 1 || rating > 5) {
    return Error::Validation({{"rating", i18n::Tr(lang, "reports_rating_range")}});
  }
  auto actions = ActionsFor(actor, l->row, true);
  if (std::find(actions.begin(), actions.end(), "rate") == actions.end()) {
    return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "reports_rating_not_now"));
  }
  std::string now = FormatUtc(clock_());
  ReportRow row = l->row;
  row.rating = rating;
  row.rating_note = Trimmed(note).substr(0, 1000);
  row.updated_at = now;
  return db_.Write([&](soci::session& s) -> spbe::Status {
    auto current = store_.LockByTrackingNumber(s, row.tracking_number);
    if (!current || current->rating != 0 || current->status != l->row.status) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "reports_already_rated"));
    }
    store_.Update(s, row);
    store_.AddEvent(s, {0, row.id, now, 0, "reporter", 0, "rate", std::to_string(rating) + "/5", 0, false});
    audit::Record(s, access::Actor{}, ReportEvent("rate", row, StateDigest(l->row), StateDigest(row)), now);
    return Ok{};
  });
}

Result<std::int64_t> ReportsService::Support(const access::Actor& actor, std::string_view tracking_number,
                                             std::string_view lang) {
  if (actor.account_id == 0) {
    return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "reports_support_sign_in"));
  }
  auto l = Load(tracking_number, lang);
  if (!l.ok()) return l.error();
  if (!l->row.is_public) return NotFound(lang);
  std::string supporter = vault_.Index("support:" + std::to_string(actor.account_id));
  std::string now = FormatUtc(clock_());
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    if (!store_.AddSupport(s, l->row.id, supporter, now)) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "reports_already_supported"));
    }
    auto row = store_.ByTrackingNumber(s, l->row.tracking_number);
    return row ? row->supports : l->row.supports + 1;
  });
}

}  // namespace spbe::reports
