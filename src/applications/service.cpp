// Construction of the applications service and what its use cases share: deadlines, who may see or act on a file,
// loading a file, notices to the applicant, and the helpers of service_detail.hpp.
#include "applications/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "applications/service_detail.hpp"
#include "audit/audit.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"
#include "platform/local_time.hpp"

namespace spbe::applications {
namespace detail {

std::optional<FieldError> CheckFile(const catalog::FormField& f, std::string_view bytes, std::string_view lang) {
  if (bytes.empty()) return FieldError{f.name, i18n::Tr(lang, "applications_upload_empty")};
  if (static_cast<std::int64_t>(bytes.size()) > f.max_bytes) {
    return FieldError{f.name,
                      i18n::Tr(lang, "applications_upload_too_large", {{"kb", fmt::format("{}", f.max_bytes / 1024)}})};
  }
  auto kind = catalog::SniffFileKind(bytes);
  if (!kind || std::find(f.accept.begin(), f.accept.end(), *kind) == f.accept.end()) {
    std::string allowed;
    for (auto k : f.accept) allowed += (allowed.empty() ? "" : ", ") + std::string(catalog::FileKindName(k));
    return FieldError{f.name, i18n::Tr(lang, "applications_upload_wrong_kind", {{"kinds", allowed}})};
  }
  return std::nullopt;
}

std::string BillNote(const BillInfo& b, std::string_view lang, TimeZone zone) {
  std::string code = FormatBillingCode(b.billing_code);
  std::string until = LocalDateTimeText(b.expires_at, zone, lang);
  return i18n::Tr(lang, "applications_bill_note",
                  {{"code", code}, {"amount", i18n::FormatRupiah(b.amount)}, {"until", until}});
}

std::string CodeHash(std::string_view tn, std::string_view code) {
  return crypto::Sha256Hex(std::string(tn) + ":" + std::string(code));
}

Error NotFound(std::string_view lang) {
  return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "applications_not_found"));
}

audit::Entry FileEvent(const std::string& action, const ApplicationRow& row, std::string before, std::string after) {
  audit::Entry e;
  e.action = "applications." + action;
  e.object_type = "application";
  e.object_id = row.tracking_number;
  e.node_path = row.node_path;
  e.before_digest = std::move(before);
  e.after_digest = std::move(after);
  return e;
}

std::string StateDigest(const ApplicationRow& r) {
  return audit::Digest(r.status + "|" + r.step + "|" + r.step_due_at + "|" + std::to_string(r.claimed_by) + "|" +
                       crypto::Sha256Hex(r.data_sealed));
}

}  // namespace detail

namespace {

using detail::NotFound;

// Files whose tracking answer is kept in memory: a few hundred bytes each, a few megabytes in all.
constexpr std::size_t kTrackedFiles = 20000;

// The stretches the clock stood still, from the timeline: each "return" until the "resubmit" after it.
std::vector<Pause> PausesOf(const std::vector<EventRow>& events) {
  std::vector<Pause> out;
  for (const auto& e : events) {
    // The clock stands still while the file is with the applicant: returned for a correction, or waiting for
    // the bank's payment of its bill.
    if (e.action == "return" || e.action == "bill") {
      if (auto t = ParseUtc(e.at)) out.push_back({*t, std::nullopt});
    } else if ((e.action == "resubmit" || e.action == "paid") && !out.empty() && !out.back().to) {
      out.back().to = ParseUtc(e.at);
    }
  }
  return out;
}

}  // namespace

ApplicationsService::ApplicationsService(storage::Database& db, const ApplicationStore& store,
                                         catalog::CatalogService& catalog, org::OrgService& org,
                                         calendar::CalendarService& calendar, const PiiVault& vault, Clock clock,
                                         const notify::Notifier& notifier, Ports ports, Limiter& limiter,
                                         const Limits& limits, Options options)
    : db_(db),
      store_(store),
      catalog_(catalog),
      org_(org),
      calendar_(calendar),
      vault_(vault),
      clock_(std::move(clock)),
      notifier_(notifier),
      ports_(ports),
      limiter_(limiter),
      limits_(limits),
      options_(std::move(options)),
      tracked_(db.changes(), "applications", kTrackedFiles) {}

catalog::FormContext ApplicationsService::FormContextFor(const catalog::ServiceView& sv) {
  // A place the form offers: a kecamatan or kelurahan of the service's own kabupaten, or a kabupaten of its
  // province; a real code from elsewhere in Indonesia is as wrong as an unknown one.
  std::string kab;
  if (auto k = org_.Enclosing(sv.service.node_path, org::NodeKind::kKabupatenKota)) kab = k->region_code;
  return {[this](std::string_view code) { return org_.RegionExists(code); },
          LocalDate(clock_(), ParseTimeZone(sv.service.node_timezone)),
          [this, kab](std::string_view code) {
            if (!kab.empty()) {
              auto segments = std::count(code.begin(), code.end(), '.') + 1;
              std::string within = segments >= 3 ? kab + "." : kab.substr(0, 2) + ".";
              if (!code.starts_with(within)) return false;
            }
            return org_.RegionExists(code);
          }};
}

Result<ApplicationsService::Timings> ApplicationsService::TimingsFor(const catalog::ServiceView& sv,
                                                                     std::int64_t applicant_id) {
  Timings t;
  t.service = {calendar_.For(sv.service.node_path), ParseTimeZone(sv.service.node_timezone), sv.service.node_path};
  for (const auto& step : sv.definition.workflow.steps) {
    auto node = org_.Get(step.node_id);
    if (!node.ok()) return node.error();
    t.steps[step.key] = {calendar_.For(node->path), ParseTimeZone(node->timezone), node->path};
  }
  if (applicant_id != 0) t.applicant = ports_.recipients.RecipientOf(applicant_id);
  return t;
}

std::optional<TimePoint> ApplicationsService::StepDue(const ApplicationRow& row, const Timing& t, int days,
                                                      const std::vector<EventRow>& events) {
  auto started = ParseUtc(row.step_started_at);
  if (!started) return std::nullopt;
  return DueAt(t.calendar, t.zone, *started, days, PausesOf(events));
}

std::optional<TimePoint> ApplicationsService::ServiceDue(const ApplicationRow& row, const Timing& t, int days,
                                                         const std::vector<EventRow>& events) {
  auto submitted = ParseUtc(row.submitted_at);
  if (!submitted) return std::nullopt;
  return DueAt(t.calendar, t.zone, *submitted, days, PausesOf(events));
}

bool ApplicationsService::MayAct(const access::Actor& actor, const ApplicationRow& row) const {
  if (row.status != StatusName(FileStatus::kInProgress) || row.step_role.empty()) return false;
  return std::any_of(actor.grants.begin(), actor.grants.end(), [&](const access::Grant& g) {
    return access::RoleName(g.role) == row.step_role && access::InSubtree(g.node_id, row.step_node_path);
  });
}

bool ApplicationsService::MaySee(const access::Actor& actor, const ApplicationRow& row, const catalog::Definition& d) {
  if (actor.account_id != 0 && actor.account_id == row.applicant_id) return true;
  // A draft is the applicant's alone until it is submitted.
  if (row.status == StatusName(FileStatus::kDraft)) return false;
  // The agency's own officers, its admins and auditors above it, and systems with applications.read there.
  if (access::Allowed(actor, access::Action::kApplicationRead, row.node_path)) return true;
  for (const auto& g : actor.grants) {
    // Officers of another agency only for their step's role.
    for (const auto& step : d.workflow.steps) {
      if (step.role != g.role) continue;
      auto node = org_.Get(step.node_id);
      if (node.ok() && access::InSubtree(g.node_id, node->path)) return true;
    }
  }
  return false;
}

Result<ApplicationsService::Loaded> ApplicationsService::Load(const access::Actor& actor,
                                                              std::string_view tracking_number, std::string_view lang) {
  auto tn = NormalizeTrackingNumber(tracking_number);
  if (!tn) return NotFound(lang);
  auto found = db_.Read([&](soci::session& s) -> std::optional<Loaded> {
    auto row = store_.ByTrackingNumber(s, *tn);
    if (!row) return std::nullopt;
    Loaded l;
    l.row = *row;
    l.events = store_.Events(s, row->id);
    l.files = store_.Files(s, row->id);
    return l;
  });
  if (!found.ok()) return found.error();
  if (!*found) return NotFound(lang);
  auto sv = catalog_.Version((*found)->row.version_id);
  if (!sv.ok()) return sv.error();
  (*found)->service = std::move(*sv);
  // Whoever may not see a file learns nothing about it, not even that it exists.
  if (!MaySee(actor, (*found)->row, (*found)->service.definition)) return NotFound(lang);
  return std::move(**found);
}

void ApplicationsService::Notify(soci::session& s, const notify::Recipient& to, const ApplicationRow& row,
                                 const catalog::ServiceView& service, std::string_view what, std::string_view note,
                                 const std::string& now) const {
  if (to.account_id == 0 && to.email.empty()) return;
  std::string tn = FormatTrackingNumber(row.tracking_number);
  notifier_.Send(s, to, "application_" + std::string(what),
                 {{"tracking_number", tn},
                  {"service", service.definition.name.In(to.language)},
                  {"due_date", row.due_at.substr(0, 10)},
                  {"note", std::string(note)}},
                 "/permohonan/" + tn, now);
}

}  // namespace spbe::applications
