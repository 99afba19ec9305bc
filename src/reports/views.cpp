// Seeing a report: the reporter's view (by access code or own account), an officer's, the public's without
// personal data, and an attachment's bytes for those who may see it.
#include "reports/service.hpp"

#include <map>

#include "platform/blobs.hpp"
#include "platform/cidr.hpp"
#include "platform/identifiers.hpp"
#include "reports/service_detail.hpp"

namespace spbe::reports {

using detail::NotFound;
using detail::OpenReporter;
using detail::Reporter;

ReportView ReportsService::View(const access::Actor& actor, const Loaded& l, Viewer viewer, std::string_view lang) {
  const ReportRow& row = l.row;
  ReportView v;
  v.row = row;
  v.tracking_number = FormatTrackingNumber(row.tracking_number);
  for (const auto& c : Categories()) {
    if (c.slug == row.category) v.category_name = lang == "en" ? c.name_en : c.name_id;
  }
  v.office = NodeName(row.node_id);
  if (auto holder = org_.Get(row.node_id); holder.ok()) v.zone = ParseTimeZone(holder->timezone);
  v.about_office = NodeName(row.about_node_id);
  if (row.service_id != 0) {
    if (auto sv = catalog_.Published(std::to_string(row.service_id)); sv.ok()) {
      v.service_name = sv->definition.name.In(lang);
    }
  }
  Reporter who = OpenReporter(vault_, row.reporter_sealed);
  bool shown = row.identity == IdentityName(Identity::kShown);
  if (shown) v.public_name = who.name;
  if (viewer == Viewer::kReporter && (actor.account_id == 0 || actor.account_id != row.reporter_account_id)) {
    // Whoever holds the number and the code sees enough to recognise their own details, never enough to learn who a
    // confidential reporter is or how to reach them.
    v.reporter_name = MaskContact(who.name);
    v.reporter_contact = MaskContact(who.contact);
  } else if (viewer != Viewer::kPublic) {
    v.reporter_name = who.name;
    v.reporter_contact = who.contact;
  }
  if (viewer != Viewer::kPublic) {
    if (row.application_id != 0) v.application = applications_.TrackingNumberById(row.application_id).value_or("");
    v.files = l.files;
  } else {
    // The public reads what happened, never who told it or how to reach them.
    std::vector<std::string> names;
    if (!shown && !who.name.empty()) names.push_back(who.name);
    v.row.title = RedactPersonalData(row.title, names);
    v.row.body = RedactPersonalData(row.body, names);
    v.row.latitude.reset();
    v.row.longitude.reset();
    v.row.rating_note.clear();
  }
  std::map<std::int64_t, std::string> names;
  auto name_of = [&](std::int64_t id) -> std::string {
    if (id == 0) return {};
    auto it = names.find(id);
    if (it == names.end()) it = names.emplace(id, NodeName(id)).first;
    return it->second;
  };
  for (const auto& e : l.events) {
    if (e.internal && viewer != Viewer::kOfficer) continue;
    EventView ev{e.at, e.action, e.role, name_of(e.office_node_id), name_of(e.to_node_id), e.note, e.internal};
    if (viewer == Viewer::kPublic) {
      // The office's words are public (what was answered and done); the reporter's and the desk's are not.
      ev.note = e.role == "office" ? RedactPersonalData(e.note) : std::string();
    }
    v.timeline.push_back(std::move(ev));
  }
  bool reporter = viewer == Viewer::kReporter;
  v.actions = viewer == Viewer::kPublic ? std::vector<std::string>{} : ActionsFor(actor, row, reporter);
  if (viewer == Viewer::kOfficer) {
    if (row.status == StatusName(Status::kSubmitted)) {
      auto routes = db_.Read([&](soci::session& s) { return store_.Routes(s); });
      std::optional<std::int64_t> proposed;
      if (routes.ok()) proposed = ProposeOffice(*routes, row.category, row.region_code, row.about_node_id);
      if (proposed) {
        v.proposed_office_id = *proposed;
        v.proposed_office = NodeName(*proposed);
      }
    }
    std::string due_text =
        row.status == StatusName(Status::kSubmitted) ? row.verify_due_at
        : (row.status == StatusName(Status::kDisposed) || row.status == StatusName(Status::kReopened)) ? row.due_at
                                                                                                       : std::string();
    if (auto due = ParseUtc(due_text)) {
      auto node = org_.Get(row.node_id);
      TimeZone zone = node.ok() ? ParseTimeZone(node->timezone) : TimeZone::kWib;
      TimePoint now = clock_();
      v.has_due = true;
      v.days_left = WorkingDaysLeft(calendar_.For(row.node_path), zone, now, *due);
      v.marker = now > *due ? "overdue" : v.days_left <= 1 ? "due_soon" : "on_time";
    }
  }
  return v;
}

Result<ReportView> ReportsService::ByCode(const access::Actor& actor, std::string_view tracking_number,
                                          std::string_view code, std::string_view lang) {
  const std::string address_key = "a:" + AddressKey(actor.address);
  if (auto refused = limiter_.Refuse({{limits_.access_code_address, address_key}}, lang)) return *refused;
  auto l = Load(tracking_number, lang);
  if (!l.ok()) {
    // An unknown number is a wrong guess too.
    if (l.error().code == ErrorCode::kNotFound) limiter_.HitAll({{limits_.access_code_address, address_key}});
    return l.error();
  }
  auto opens = CodeOpens(actor, l->row, code, lang);
  if (!opens.ok()) return opens.error();
  if (!*opens) return NotFound(lang);
  return View({}, *l, Viewer::kReporter, lang);
}

Result<ReportView> ReportsService::Get(const access::Actor& actor, std::string_view tracking_number,
                                       std::string_view lang) {
  auto l = Load(tracking_number, lang);
  if (!l.ok()) return l.error();
  if (access::Allowed(actor, access::Action::kReportRead, l->row.node_path)) {
    return View(actor, *l, Viewer::kOfficer, lang);
  }
  if (auto mine = IsReporter(actor, l->row, {}, lang); mine.ok() && *mine) {
    return View(actor, *l, Viewer::kReporter, lang);
  }
  return NotFound(lang);
}

Result<ReportView> ReportsService::Public(const access::Actor& viewer, std::string_view tracking_number,
                                          std::string_view lang) {
  auto l = Load(tracking_number, lang);
  if (!l.ok()) return l.error();
  if (!l->row.is_public) return NotFound(lang);
  ReportView v = View(viewer, *l, Viewer::kPublic, lang);
  if (viewer.account_id != 0) {
    std::string supporter = vault_.Index("support:" + std::to_string(viewer.account_id));
    auto done = db_.Read([&](soci::session& s) { return store_.Supported(s, l->row.id, supporter); });
    v.supported = done.ok() && *done;
  }
  return v;
}

Result<std::pair<FileRow, std::string>> ReportsService::ReadFile(const access::Actor& actor,
                                                                 std::string_view tracking_number,
                                                                 std::string_view code, std::int64_t file_id,
                                                                 std::string_view lang) {
  auto l = Load(tracking_number, lang);
  if (!l.ok()) return l.error();
  if (!access::Allowed(actor, access::Action::kReportRead, l->row.node_path)) {
    auto reporter = IsReporter(actor, l->row, code, lang);
    if (!reporter.ok()) return reporter.error();
    if (!*reporter) return NotFound(lang);
  }
  for (const auto& f : l->files) {
    if (f.id != file_id) continue;
    auto bytes = ReadBlob(options_.files_dir, f.sha256);
    if (!bytes) return Error::Of(ErrorCode::kInternal, "report file " + f.sha256 + " is missing");
    return std::make_pair(f, std::move(*bytes));
  }
  return NotFound(lang);
}

}  // namespace spbe::reports
