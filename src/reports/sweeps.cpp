// The sweep of reports past their limits: who is told at the desk and at an office, once per level.
#include "reports/service.hpp"

#include "audit/audit.hpp"
#include "platform/identifiers.hpp"
#include "reports/service_detail.hpp"

namespace spbe::reports {

using detail::ReportEvent;

Result<int> ReportsService::SweepOverdue() {
  std::string now = FormatUtc(clock_());
  auto rows = db_.Read([&](soci::session& s) { return store_.Overdue(s, now, 200); });
  if (!rows.ok()) return rows.error();
  int escalated = 0;
  for (const auto& row : *rows) {
    bool desk = row.status == StatusName(Status::kSubmitted);
    int to = row.overdue_level + 1;
    if (to == 2) {
      // The second notice waits until the limit has passed by its own length again.
      auto track = ParseTrack(row.track).value_or(Track::kSimple);
      int days = desk ? options_.limits.verify_days : options_.limits.DaysFor(track);
      std::string again = DueFrom(row.node_path, row.node_id, desk ? row.verify_due_at : row.due_at, days, {});
      if (again.empty() || now <= again) continue;
    }
    access::Role role = desk ? (to == 1 ? access::Role::kPengaduan : access::Role::kAdminPlatform)
                             : (to == 1 ? access::Role::kKepala : access::Role::kPengaduan);
    std::vector<notify::Recipient> who = recipients_.NearestWithRole(role, row.node_path);
    std::string office = NodeName(row.node_id);
    spbe::Status st = db_.Write([&](soci::session& s) -> spbe::Status {
      if (!store_.RaiseOverdue(s, row.id, row.overdue_level, to)) return Ok{};
      std::string level = std::to_string(to);
      store_.AddEvent(s, {0, row.id, now, 0, "system", row.node_id, "escalate", level, 0, false});
      audit::Entry e = ReportEvent("escalate", row, "", "");
      e.after_digest = audit::Digest(row.tracking_number + "|" + level);
      audit::RecordSystem(s, e, now);
      std::string tn = FormatTrackingNumber(row.tracking_number);
      for (const auto& r : who) {
        notifier_.Send(s, r, "report_overdue",
                       {{"tracking_number", tn},
                        {"title", row.title},
                        {"office", office},
                        {"due_date", (desk ? row.verify_due_at : row.due_at).substr(0, 10)}},
                       "/pengaduan/" + tn, now);
      }
      ++escalated;
      return Ok{};
    });
    if (!st.ok()) return st.error();
  }
  return escalated;
}

}  // namespace spbe::reports
