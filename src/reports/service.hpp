#pragma once
/// Use cases of reports from the public (pengaduan, aspirasi, permintaan informasi): anyone files one, signed in or
/// not, and follows it by its tracking number and access code; the platform's desk verifies it and sends it to an
/// office (a routing rule proposes which); the office answers, asks for more, forwards it to the office that is
/// responsible, or closes it with what was done; the reporter replies, rates the answer and may object once, which
/// reopens it at the office's head. Time limits are counted in working days on the offices' calendars. Reports
/// verified for publication appear in the public feed without personal data, and people support them once each.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "applications/service.hpp"
#include "calendar/service.hpp"
#include "catalog/service.hpp"
#include "notify/notifier.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/limits.hpp"
#include "platform/pii.hpp"
#include "reports/model.hpp"
#include "reports/ports.hpp"
#include "reports/store.hpp"
#include "storage/database.hpp"

namespace spbe::reports {

struct Options {
  std::string files_dir;  // photos and documents, content addressed (shared with application uploads)
  Limits limits;
  std::size_t max_file_bytes = 5u << 20;
  int max_files = 5;
};

struct Attachment {
  std::string file_name;
  std::string bytes;
  bool keep_location = false;  // the reporter chose to keep where the photo was taken
};

/// What a reporter sends.
struct Filing {
  NewReport report;
  std::string category;
  std::int64_t office_id = 0;  // the office the reporter names, when known
  std::string service;         // a service's id or slug, when known
  std::string application;     // the tracking number of the reporter's own application it is about
  std::vector<Attachment> files;
};

/// What filing answers: the number and the access code (shown once), where it stands, the desk's limit.
struct Filed {
  std::string tracking_number;  // formatted
  std::string access_code;
  std::string status;
  std::string verify_due_at;
};

struct EventView {
  std::string at;
  std::string action;
  std::string role;  // desk, office, reporter, system
  std::string office;
  std::string to_office;
  std::string note;
  bool internal = false;
};

/// A report as one viewer may see it: the reporter, an officer, or the public (personal data removed).
struct ReportView {
  ReportRow row;
  std::string tracking_number;  // formatted
  std::string category_name;
  std::string office;  // who holds it now
  std::string about_office;
  std::string service_name;
  std::string application;                      // the linked application's number, for the reporter and officers
  std::string reporter_name, reporter_contact;  // for those who may know the reporter
  std::string public_name;                      // the name the public sees (identity shown)
  std::vector<EventView> timeline;
  std::vector<FileRow> files;
  std::vector<std::string> actions;  // what the viewer may do now
  std::int64_t proposed_office_id = 0;
  std::string proposed_office;
  std::string marker;  // on_time, due_soon, overdue (officers)
  int days_left = 0;
  bool has_due = false;
  bool supported = false;          // the viewer already gave +1
  TimeZone zone = TimeZone::kWib;  // of the office holding it: its times are shown in it
};

/// An action on a report. Desk: accept (to_node_id, track, publish), merge (merge_into), decline. Office: answer,
/// ask_more, forward (to_node_id), close. Reporter: reply, object. `note` says what the action needs to say.
struct ActInput {
  std::string action;
  std::string note;
  std::int64_t to_node_id = 0;
  std::string track;
  bool publish = true;
  std::string merge_into;
};

struct FeedFilter {
  std::int64_t office_id = 0;
  std::string region;
  std::string kind;
  std::string status;
  int page = 1;
};

struct FeedPage {
  std::vector<ReportView> items;
  std::int64_t total = 0;
  int page = 1;
  int pages = 1;
};

/// A routing rule with the names an admin reads.
struct RouteView {
  Route route;
  std::string category_name;
  std::string office;
};

/// An office a report can go to.
struct Office {
  std::int64_t id = 0;
  std::string name;
};

class ReportsService {
 public:
  ReportsService(storage::Database& db, const ReportStore& store, org::OrgService& org,
                 catalog::CatalogService& catalog, applications::ApplicationsService& applications,
                 calendar::CalendarService& calendar, const PiiVault& vault, Clock clock,
                 const notify::Notifier& notifier, Recipients& recipients, Limiter& limiter,
                 const ::spbe::Limits& limits, Options options);

  /// Files a report, signed in or not. An anonymous report keeps no identity at all: no account, no name, no contact,
  /// no address in the audit trail. `idempotency_key` (may be empty): the same key again returns the first answer.
  Result<Filed> File(const access::Actor& actor, const Filing& filing, std::string_view idempotency_key,
                     std::string_view lang);

  /// The reporter's view, by number and access code.
  Result<ReportView> ByCode(const access::Actor& actor, std::string_view tracking_number, std::string_view code,
                            std::string_view lang);
  /// A signed-in viewer: the reporter's own account, or officers who may read the reports held in their subtree.
  Result<ReportView> Get(const access::Actor& actor, std::string_view tracking_number, std::string_view lang);
  /// A public report, without personal data; kNotFound for one that is not public.
  Result<ReportView> Public(const access::Actor& viewer, std::string_view tracking_number, std::string_view lang);

  /// An action by the desk, an office, or the reporter (signed in as the reporter, or with the access code).
  Result<ReportView> Act(const access::Actor& actor, std::string_view tracking_number, std::string_view code,
                         const ActInput& input, std::string_view lang);
  /// The reporter rates the answer, 1 (very poor) to 5 (very good), with an optional note.
  spbe::Status Rate(const access::Actor& actor, std::string_view tracking_number, std::string_view code, int rating,
                    std::string_view note, std::string_view lang);
  /// +1 for a public report, once per account. Returns the new count.
  Result<std::int64_t> Support(const access::Actor& actor, std::string_view tracking_number, std::string_view lang);

  Result<FeedPage> Feed(const FeedFilter& filter, std::string_view lang);
  /// The actor's queue: "desk" (waiting for verification), "office" (waiting for the office's answer, or for the
  /// reporter), "done" (answered, closed, declined). Deadline order.
  Result<std::vector<ReportView>> Queue(const access::Actor& actor, std::string_view which, int page,
                                        std::string_view lang);
  /// The reports a signed-in reporter filed (not anonymous ones: those keep no account).
  Result<std::vector<ReportView>> Mine(const access::Actor& actor, std::string_view lang);

  std::vector<Category> Categories();
  /// The offices under the deployment that reports can be sent to.
  std::vector<Office> Offices();
  /// The published services a report can be about (id and name), for the form.
  std::vector<std::pair<std::int64_t, std::string>> Services(std::string_view lang);

  Result<std::vector<RouteView>> Routes(const access::Actor& actor, std::string_view lang);
  Result<Route> PutRoute(const access::Actor& actor, const Route& route, std::string_view lang);
  spbe::Status DeleteRoute(const access::Actor& actor, std::int64_t id, std::string_view lang);

  /// An attachment's bytes, for those who may see the report (the public: only a public report's).
  Result<std::pair<FileRow, std::string>> ReadFile(const access::Actor& actor, std::string_view tracking_number,
                                                   std::string_view code, std::int64_t file_id, std::string_view lang);

  /// Reports past their limits: at the desk, its officers are told, then the platform's admins; at an office, its
  /// head, then the desk when overdue by the limit's own length again. Each notice once, whatever number of
  /// processes sweep. Returns how many reports were escalated.
  Result<int> SweepOverdue();

 private:
  enum class Viewer { kReporter, kOfficer, kPublic };
  struct Loaded {
    ReportRow row;
    std::vector<EventRow> events;
    std::vector<FileRow> files;
  };
  Result<Loaded> Load(std::string_view tracking_number, std::string_view lang);
  bool CodeMatches(const ReportRow& row, std::string_view code) const;
  /// Whether the access code opens the report: under the brake on guessing (kRateLimited while braked).
  Result<bool> CodeOpens(const access::Actor& actor, const ReportRow& row, std::string_view code,
                         std::string_view lang);
  /// The reporter: their own account, or whoever holds the access code (CodeOpens).
  Result<bool> IsReporter(const access::Actor& actor, const ReportRow& row, std::string_view code,
                          std::string_view lang);
  ReportView View(const access::Actor& actor, const Loaded& l, Viewer viewer, std::string_view lang);
  std::vector<std::string> ActionsFor(const access::Actor& actor, const ReportRow& row, bool reporter) const;
  notify::Recipient ReporterOf(const ReportRow& row) const;
  std::string NodeName(std::int64_t id);
  Result<org::Node> DeskFor(const std::string& region_code);
  /// When a limit of `days` working days that started at `from` ends, on the calendar of the node at `path`.
  std::string DueFrom(const std::string& path, std::int64_t node_id, const std::string& from, int days,
                      const std::vector<EventRow>& events);

  // The steps of filing (filing.cpp).
  struct Intake;
  /// Checks what the reporter sent, every problem by field, and finds the desk and what the report is about.
  Result<Intake> CheckFiling(const access::Actor& actor, const Filing& filing, const std::string& now,
                             std::string_view lang);
  /// The office, service and application the reporter named, each checked (errors by field).
  void LinkFiling(const access::Actor& actor, const Filing& filing, const org::Node& desk, bool anonymous,
                  std::string_view lang, std::vector<FieldError>& errors, std::int64_t& about, std::int64_t& service_id,
                  std::int64_t& application_id);
  /// The attachments: how many, how large, of what kind; photos lose where they were taken unless kept.
  void CheckAttachments(const Filing& filing, const std::string& now, std::string_view lang,
                        std::vector<FieldError>& errors, std::vector<FileRow>& files,
                        std::vector<std::string>& contents) const;
  /// The brake on floods of reports, which a retry under a known idempotency key passes.
  std::optional<Error> BrakeFloods(const access::Actor& actor, const std::string& scope,
                                   std::string_view idempotency_key, std::string_view lang);

  // The steps of an action (actions.cpp).
  /// Who the actor acts as (the reporter, the desk or the office), or why they may not take the action.
  Result<Role> RoleFor(const access::Actor& actor, const ReportRow& before, Action action, std::string_view code,
                       std::string_view lang);
  /// What the action changes in the report and its event, read before the unit of work; `tell` is the notice the
  /// reporter gets ("" none).
  spbe::Status Apply(Action action, const ActInput& in, const ReportRow& before, std::vector<EventRow> events,
                     const std::string& now, ReportRow& row, EventRow& event, std::optional<ReportRow>& merge_target,
                     std::string& tell, std::string_view lang);
  /// Accept (the desk sends the report to an office, proposed by the routing rules unless chosen) or forward (an
  /// office passes it to the one responsible).
  spbe::Status Dispose(Action action, const ActInput& in, const ReportRow& before, const std::string& now,
                       ReportRow& row, EventRow& event, std::string& tell, std::string_view lang);

  storage::Database& db_;
  const ReportStore& store_;
  org::OrgService& org_;
  catalog::CatalogService& catalog_;
  applications::ApplicationsService& applications_;
  calendar::CalendarService& calendar_;
  const PiiVault& vault_;
  Clock clock_;
  const notify::Notifier& notifier_;
  Recipients& recipients_;
  Limiter& limiter_;
  const ::spbe::Limits& limits_;
  Options options_;
  std::mutex categories_mu_;
  std::vector<Category> categories_;
};

}  // namespace spbe::reports
