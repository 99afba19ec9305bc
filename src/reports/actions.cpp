// Actions on a report: the desk's verification (accept and send to an office, merge, decline), the office's answer,
// request for more, forward and close, and the reporter's reply and one objection; who may take each, the change it
// makes, and who is told.
#include "reports/service.hpp"

#include <algorithm>

#include "audit/audit.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"
#include "reports/service_detail.hpp"

namespace spbe::reports {

using detail::HoldsRole;
using detail::NotFound;
using detail::Reachable;
using detail::ReportEvent;
using detail::StateDigest;
using detail::Trimmed;

Result<ReportView> ReportsService::Act(const access::Actor& actor, std::string_view tracking_number,
                                       std::string_view code, const ActInput& in, std::string_view lang) {
  auto action = ParseAction(in.action);
  if (!action) {
    return Error::Validation({{"action", i18n::Tr(lang, "reports_action_invalid")}});
  }
  auto l = Load(tracking_number, lang);
  if (!l.ok()) return l.error();
  const ReportRow before = l->row;
  auto role_of = RoleFor(actor, before, *action, code, lang);
  if (!role_of.ok()) return role_of.error();
  Role role = *role_of;
  auto decided = Decide({*ParseStatus(before.status), before.objected}, role, *action, in.note, lang);
  if (!decided.ok()) return decided.error();

  std::string now = FormatUtc(clock_());
  ReportRow row = before;
  row.status = StatusName(decided->status);
  row.objected = decided->objected;
  row.updated_at = now;
  std::string note = Trimmed(in.note);
  EventRow event{0,
                 row.id,
                 now,
                 actor.account_id,
                 role == Role::kDesk     ? "desk"
                 : role == Role::kOffice ? "office"
                                         : "reporter",
                 role == Role::kReporter ? 0 : before.node_id,
                 std::string(ActionName(*action)),
                 note,
                 0,
                 false};
  std::optional<ReportRow> merge_target;
  std::string tell;
  // Everything read here, before the unit of work: a unit holds its connection.
  if (auto applied = Apply(*action, in, before, l->events, now, row, event, merge_target, tell, lang); !applied.ok()) {
    return applied.error();
  }
  // Who is told: the reporter of what the office and desk did; the office's head of an objection.
  std::vector<notify::Recipient> heads;
  if (*action == Action::kObject || *action == Action::kForward) {
    heads = recipients_.NearestWithRole(access::Role::kKepala, row.node_path);
  }
  notify::Recipient reporter = tell.empty() ? notify::Recipient{} : ReporterOf(row);
  std::string office = NodeName(row.node_id);
  // An anonymous reporter's actions are recorded without who or where from.
  access::Actor recorded = role == Role::kReporter && (row.identity == IdentityName(Identity::kAnonymous) ||
                                                       actor.account_id != row.reporter_account_id)
                               ? access::Actor{}
                               : actor;

  spbe::Status st = db_.Write([&](soci::session& s) -> spbe::Status {
    auto current = store_.LockByTrackingNumber(s, row.tracking_number);
    if (!current || current->status != before.status || current->node_path != before.node_path ||
        current->updated_at != before.updated_at || current->objected != before.objected) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "reports_changed_meanwhile"));
    }
    store_.Update(s, row);
    store_.AddEvent(s, event);
    if (merge_target) {
      store_.AddEvent(s, {0, merge_target->id, now, actor.account_id, "desk", before.node_id, "merged_from",
                          FormatTrackingNumber(row.tracking_number), 0, false});
    }
    audit::Record(s, recorded,
                  ReportEvent(std::string(ActionName(*action)), row, StateDigest(before), StateDigest(row)), now);
    std::string tn = FormatTrackingNumber(row.tracking_number);
    if (!tell.empty() && Reachable(reporter)) {
      notifier_.Send(s, reporter, "report_" + tell,
                     {{"tracking_number", tn},
                      {"title", row.title},
                      {"office", office},
                      {"due_date", row.due_at.substr(0, 10)},
                      {"note", tell == "merged" ? event.note : note}},
                     "/lapor/lacak?nomor=" + tn, now);
    }
    for (const auto& h : heads) {
      notifier_.Send(s, h, *action == Action::kObject ? "report_objected" : "report_forwarded_office",
                     {{"tracking_number", tn},
                      {"title", row.title},
                      {"office", office},
                      {"due_date", row.due_at.substr(0, 10)},
                      {"note", note}},
                     "/pengaduan/" + tn, now);
    }
    return Ok{};
  });
  if (!st.ok()) return st.error();
  auto after = Load(row.tracking_number, lang);
  if (!after.ok()) return after.error();
  return View(actor, *after, role == Role::kReporter ? Viewer::kReporter : Viewer::kOfficer, lang);
}

Result<Role> ReportsService::RoleFor(const access::Actor& actor, const ReportRow& before, Action action,
                                     std::string_view code, std::string_view lang) {
  if (action == Action::kReply || action == Action::kObject) {
    auto reporter = IsReporter(actor, before, code, lang);
    if (!reporter.ok()) return reporter.error();
    if (!*reporter) return NotFound(lang);
    return Role::kReporter;
  } else if (action == Action::kAccept || action == Action::kMerge || action == Action::kDecline) {
    if (!access::Allowed(actor, access::Action::kReportVerify, before.node_path)) {
      return access::Allowed(actor, access::Action::kReportRead, before.node_path)
                 ? Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "reports_desk_verifies"))
                 : NotFound(lang);
    }
    return Role::kDesk;
  } else {
    if (!access::Allowed(actor, access::Action::kReportHandle, before.node_path)) {
      return access::Allowed(actor, access::Action::kReportRead, before.node_path)
                 ? Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "reports_office_answers"))
                 : NotFound(lang);
    }
    if (before.status == StatusName(Status::kReopened) && !HoldsRole(actor, access::Role::kKepala, before.node_path)) {
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "reports_objection_head_answers"));
    }
    return Role::kOffice;
  }
}

spbe::Status ReportsService::Apply(Action action, const ActInput& in, const ReportRow& before,
                                   std::vector<EventRow> events, const std::string& now, ReportRow& row,
                                   EventRow& event, std::optional<ReportRow>& merge_target, std::string& tell,
                                   std::string_view lang) {
  switch (action) {
    case Action::kAccept:
    case Action::kForward: {
      if (auto sent = Dispose(action, in, before, now, row, event, tell, lang); !sent.ok()) return sent.error();
      break;
    }
    case Action::kMerge: {
      auto target_tn = NormalizeTrackingNumber(in.merge_into);
      std::optional<ReportRow> target;
      if (target_tn && *target_tn != row.tracking_number) {
        auto found = db_.Read([&](soci::session& s) { return store_.ByTrackingNumber(s, *target_tn); });
        if (found.ok() && *found && (*found)->status != StatusName(Status::kDeclined) && (*found)->merged_into == 0) {
          target = **found;
        }
      }
      if (!target) {
        return Error::Validation({{"merge_into", i18n::Tr(lang, "reports_merge_into_required")}});
      }
      merge_target = target;
      row.merged_into = target->id;
      row.closed_at = now;
      row.verified_at = now;
      event.note = FormatTrackingNumber(target->tracking_number);
      tell = "merged";
      break;
    }
    case Action::kDecline:
      row.verified_at = now;
      row.closed_at = now;
      tell = "declined";
      break;
    case Action::kAnswer:
      row.answered_at = now;
      if (row.first_response_at.empty()) row.first_response_at = now;
      tell = "answered";
      break;
    case Action::kAskMore:
      row.paused_at = now;
      if (row.first_response_at.empty()) row.first_response_at = now;
      tell = "ask_more";
      break;
    case Action::kClose:
      row.closed_at = now;
      if (row.answered_at.empty()) row.answered_at = now;
      if (row.first_response_at.empty()) row.first_response_at = now;
      tell = "closed";
      break;
    case Action::kReply: {
      row.paused_at.clear();
      events.push_back(event);
      auto track = ParseTrack(row.track).value_or(Track::kSimple);
      row.due_at = DueFrom(row.node_path, row.node_id, row.verified_at, options_.limits.DaysFor(track), events);
      break;
    }
    case Action::kObject: {
      auto track = ParseTrack(row.track).value_or(Track::kSimple);
      row.due_at = DueFrom(row.node_path, row.node_id, now, options_.limits.DaysFor(track), {});
      row.rating = 0;
      tell = "";
      break;
    }
  }
  return Ok{};
}

spbe::Status ReportsService::Dispose(Action action, const ActInput& in, const ReportRow& before, const std::string& now,
                                     ReportRow& row, EventRow& event, std::string& tell, std::string_view lang) {
  std::int64_t to = in.to_node_id;
  if (to == 0 && action == Action::kAccept) {
    auto routes = db_.Read([&](soci::session& s) { return store_.Routes(s); });
    if (routes.ok()) to = ProposeOffice(*routes, row.category, row.region_code, row.about_node_id).value_or(0);
  }
  auto offices = Offices();
  auto target = std::find_if(offices.begin(), offices.end(), [&](const Office& o) { return o.id == to; });
  if (target == offices.end()) {
    return Error::Validation({{"to_node_id", i18n::Tr(lang, "reports_answering_office_choose")}});
  }
  if (action == Action::kForward && to == before.node_id) {
    return Error::Validation({{"to_node_id", i18n::Tr(lang, "reports_forward_other_office")}});
  }
  auto node = org_.Get(to);
  if (!node.ok()) return node.error();
  row.node_id = node->id;
  row.node_path = node->path;
  event.to_node_id = node->id;
  if (action == Action::kAccept) {
    Track track = Track::kSimple;
    if (!in.track.empty()) {
      auto t = ParseTrack(in.track);
      if (!t) return Error::Validation({{"track", i18n::Tr(lang, "reports_track_invalid")}});
      track = *t;
    }
    row.track = std::string(TrackName(track));
    row.is_public = in.publish && row.identity != IdentityName(Identity::kConfidential);
    row.verified_at = now;
    row.response_due_at = DueFrom(row.node_path, row.node_id, now, options_.limits.first_response_days, {});
    row.due_at = DueFrom(row.node_path, row.node_id, now, options_.limits.DaysFor(track), {});
    tell = "accepted";
  } else {
    tell = "forwarded";
  }
  return Ok{};
}

}  // namespace spbe::reports
