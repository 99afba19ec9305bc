#pragma once
/// Use cases of applications: a citizen files under a published service version (as a draft first when files must
/// be attached), follows it by a timeline, and corrects it when returned; officers work the files their grants reach,
/// step by step; anyone with the tracking number and access code sees the status.

#include <boost/json/fwd.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "access/access.hpp"
#include "applications/model.hpp"
#include "applications/ports.hpp"
#include "applications/store.hpp"
#include "calendar/service.hpp"
#include "catalog/service.hpp"
#include "notify/notifier.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "platform/limits.hpp"
#include "platform/pii.hpp"
#include "storage/cache.hpp"
#include "storage/database.hpp"

namespace spbe::applications {

struct Options {
  std::string files_dir;  // uploads, content addressed: files_dir/ab/abcdef...
};

/// What a filing answers: the tracking number (formatted), the access code (shown once), where it stands.
struct Filed {
  std::string tracking_number;
  std::string access_code;
  std::string status;
  std::string due_at;           // "" for a draft
  std::int64_t fee_amount = 0;  // whole rupiah, as computed at submission
};

struct TimelineEntry {
  std::string at;
  std::string action;
  std::string step_name;
  std::string office;  // never the person
  std::string note;    // reasons, what to fix; internal notes only for officers
  bool internal = false;
  std::string due_at;
};

struct FieldValue {
  std::string name;
  std::string label;
  std::string type;
  std::string value;  // masked (NIK, phone) for officers until revealed
  bool masked = false;
  std::int64_t file_id = 0;  // file fields
};

/// A file as its applicant or an officer sees it.
/// What the output of an approved file is made from: rendered and signed before the unit of work that completes
/// the file, recorded inside it.
struct OutputRequest {
  ApplicationRow row;
  const catalog::ServiceView* service = nullptr;
  boost::json::object data;  // the application's data, opened
  std::string signer_name, signer_position, signer_nip;
  std::string decision;  // what the document says was decided
  std::string issued_at;
};

/// The bill of a file at (or past) its payment step, as the payments capability tells it.
struct BillInfo {
  std::string billing_code;  // 16 digits
  std::int64_t amount = 0;
  std::string issued_at, expires_at;
  std::string status;                 // "unpaid", "paid", "expired"
  std::string paid_at, bank_name;     // when paid
  std::vector<std::string> channels;  // where it can be paid: "Bank Sumut (teller, ATM, mobile)"
};

struct FileView {
  ApplicationRow row;
  std::optional<BillInfo> bill;  // the newest bill, when the file has one
  std::string document_id;       // the signed output, when the file was approved
  catalog::ServiceView service;
  std::string tracking_number;  // formatted
  std::string step_name;
  std::string step_office;
  std::vector<FieldValue> fields;
  std::vector<FileRow> files;
  std::vector<TimelineEntry> timeline;
  std::string returned_note;  // what to fix, while returned
  int days_left = 0;          // working days to the step's deadline (negative: overdue)
  bool has_due = false;
  std::vector<std::string> actions;  // what the viewer may do now
  TimeZone zone = TimeZone::kWib;    // the agency's: every time of the file is shown in it
};

/// The public status behind /lacak: no personal data.
struct TrackView {
  std::string tracking_number;
  std::string service_name;
  std::string agency;
  std::string status;
  std::string step_name;
  std::string step_office;
  std::string submitted_at;
  std::string due_at;
  std::vector<TimelineEntry> timeline;  // public entries, without notes
  TimeZone zone = TimeZone::kWib;       // the agency's
};

struct WorkItem {
  ApplicationRow row;
  std::string tracking_number;
  std::string service_name;
  std::string step_name;
  int days_left = 0;
  std::string marker;  // "on_time", "due_soon", "overdue"
  bool claimed_by_me = false;
  bool claimed = false;
  TimeZone zone = TimeZone::kWib;  // the step's office: its deadline is shown in it
};

struct WorklistFilter {
  std::int64_t service_id = 0;
  std::string step;
  std::string status;  // in_progress (default) or returned
  int page = 1;
};

class ApplicationsService {
 public:
  using RecordOutput = Outputs::Record;
  using Signatory = Officers::Signatory;

  /// `ports`: what it needs from identity (recipients, officers), payments (bills) and documents (outputs).
  ApplicationsService(storage::Database& db, const ApplicationStore& store, catalog::CatalogService& catalog,
                      org::OrgService& org, calendar::CalendarService& calendar, const PiiVault& vault, Clock clock,
                      const notify::Notifier& notifier, Ports ports, Limiter& limiter, const Limits& limits,
                      Options options);

  /// A file attached to a form being filed for the first time: its field and content.
  struct Attached {
    std::string field;
    std::string_view bytes;
  };
  /// What a first "submit" from the form would refuse, checked before anything is written, so that a refused first
  /// attempt leaves no numbered draft behind: the values as for submission, every required file attached, and each
  /// attached file's size and content kind. Ok when the filing can go ahead; refused (kForbidden) for an actor who
  /// files nothing, as Create would.
  Status CheckFirstFiling(const access::Actor& actor, std::string_view service, const boost::json::object& data,
                          const std::vector<Attached>& files, std::string_view lang);

  /// Files under the service's published version: submitted at once (`submit`), or kept as a draft for uploads.
  /// `idempotency_key` (may be empty): the same key again returns the first answer and files nothing new; with a
  /// different request it is refused. Answered only once durable.
  Result<Filed> Create(const access::Actor& actor, std::string_view service, const boost::json::object& data,
                       bool submit, std::string_view idempotency_key, std::string_view lang);
  /// Replaces a draft's data (a returned file's too, before it is sent back).
  Status SaveData(const access::Actor& actor, std::string_view tracking_number, const boost::json::object& data,
                  std::string_view lang);
  /// Attaches a file to a draft or returned file's file field: its kind is read from the bytes.
  Result<FileRow> Upload(const access::Actor& actor, std::string_view tracking_number, std::string_view field,
                         std::string_view file_name, std::string_view bytes, std::string_view lang);
  /// Submits a draft, or sends a returned file back to the step that returned it.
  Result<Filed> Submit(const access::Actor& actor, std::string_view tracking_number, std::string_view lang);

  Result<FileView> Get(const access::Actor& actor, std::string_view tracking_number, std::string_view lang);
  /// The form values as stored, for the applicant's edit form.
  Result<boost::json::object> RawData(const access::Actor& actor, std::string_view tracking_number);
  Result<std::vector<FileView>> Mine(const access::Actor& actor, std::string_view lang);
  /// One page of the actor's own files, newest first: all, those still going (`closed` false) or those decided.
  struct MinePage {
    std::vector<FileView> items;
    bool more = false;  // another page follows
  };
  Result<MinePage> Mine(const access::Actor& actor, std::optional<bool> closed, int page, int per_page,
                        std::string_view lang);
  /// The public view of a file by its number and access code; wrong codes are braked per number and per address of
  /// `by` (kRateLimited while braked).
  ///
  /// A view is made once per copy of the file in memory and language, and shared: the same pointer is the same
  /// answer (a service version and an office never change once committed; a change to the file makes a new copy), so
  /// what a caller renders from a view may be kept under it.
  Result<std::shared_ptr<const TrackView>> Track(const access::Actor& by, std::string_view tracking_number,
                                                 std::string_view access_code, std::string_view lang);
  /// The same from memory alone, never waiting (for a network thread): nullopt when the answer needs the database
  /// (the file is not in memory, or the counters of wrong codes live in the database).
  std::optional<Result<std::shared_ptr<const TrackView>>> TrackFromMemory(const access::Actor& by,
                                                                          std::string_view tracking_number,
                                                                          std::string_view access_code,
                                                                          std::string_view lang);

  Result<std::vector<WorkItem>> Worklist(const access::Actor& actor, const WorklistFilter& filter,
                                         std::string_view lang);
  /// An officer acts on a file: a workflow action of its step (verify, approve, forward, reject, return, note), or
  /// "claim" / "release".
  /// A head (kepala over the step's node) may also release another officer's claim, or "assign" the file to an
  /// officer (`to`: their e-mail) who may act at the step.
  Result<FileView> Act(const access::Actor& actor, std::string_view tracking_number, std::string_view action,
                       std::string_view note, std::string_view lang, std::string_view to = {});
  /// Unmasks one personal-data field for an officer; audited.
  Result<std::string> Reveal(const access::Actor& actor, std::string_view tracking_number, std::string_view field,
                             std::string_view lang);
  /// What moving a paid file on needs, read before the payments capability's unit of work.
  struct PaymentStep;
  Result<std::shared_ptr<const PaymentStep>> PrepareForPayment(std::int64_t application_id);
  /// The file's tracking number ("2611-4821-7305") and its agency's name, for the bank.
  static std::string TrackingNumberOf(const PaymentStep& p);
  static std::string AgencyOf(const PaymentStep& p);
  /// Inside the payments capability's unit of work that records a bank's payment: the file waiting at its payment
  /// step moves to the next step, with the payment in its timeline and audit trail, and the applicant is told.
  Status PaymentReceived(soci::session& s, const PaymentStep& step, const std::string& note, const std::string& now);
  /// The file of a bill, for the applicant reissuing an expired one: the applicant's own file at a payment step.
  Result<ApplicationRow> AwaitingPayment(const access::Actor& actor, std::string_view tracking_number,
                                         std::string_view lang);
  /// Records a reissued bill in the file's timeline (inside the payments unit of work).
  void BillReissued(soci::session& s, const ApplicationRow& row, const BillInfo& bill, const std::string& now);

  /// The formatted tracking number of a file by its id (a report about it links to it); nullopt when none.
  std::optional<std::string> TrackingNumberById(std::int64_t application_id);

  /// How many files of a service (0: any) under a node were completed in [from, to] (UTC times).
  Result<std::int64_t> CompletedCount(std::int64_t service_id, const std::string& node_path, const std::string& from,
                                      const std::string& to);

  /// Tells the unit's head about files overdue at their step, and the OPD's head when a step is overdue by its own
  /// length again. Each notice once, whatever number of server processes sweep. Returns how many notices went out.
  Result<int> SweepOverdue();

  /// Fiktif positif: files of a version that grants undecided applications, past the service's time limit, are
  /// completed as granted, with the reason in the timeline and the audit trail. Returns how many.
  Result<int> GrantUndecided();

  /// Recounts the deadlines of every running file (after the holiday calendar changed). Returns how many moved.
  Result<int> RecountDeadlines();
  /// The bytes of an attachment, for the applicant and officers who may see the file.
  Result<std::pair<FileRow, std::string>> ReadFile(const access::Actor& actor, std::string_view tracking_number,
                                                   std::int64_t file_id, std::string_view lang);

 private:
  struct Loaded;
  Result<Loaded> Load(const access::Actor& actor, std::string_view tracking_number, std::string_view lang);
  bool MaySee(const access::Actor& actor, const ApplicationRow& row, const catalog::Definition& d);
  bool MayAct(const access::Actor& actor, const ApplicationRow& row) const;
  /// What counting a deadline at a node needs. Read before a unit of work starts: a unit holds its connection, and
  /// reading through another inside it could wait for the pool forever (PostgreSQL).
  struct Timing {
    WorkCalendar calendar;
    TimeZone zone = TimeZone::kWib;
    std::string path;
  };
  struct Timings {
    Timing service;
    std::map<std::string, Timing> steps;  // by step key
    notify::Recipient applicant;
  };
  Result<Timings> TimingsFor(const catalog::ServiceView& sv, std::int64_t applicant_id);
  static std::optional<TimePoint> StepDue(const ApplicationRow& row, const Timing& t, int days,
                                          const std::vector<EventRow>& events);
  static std::optional<TimePoint> ServiceDue(const ApplicationRow& row, const Timing& t, int days,
                                             const std::vector<EventRow>& events);
  catalog::FormContext FormContextFor(const catalog::ServiceView& sv);
  FileView View(const access::Actor& actor, const ApplicationRow& row, const catalog::ServiceView& service,
                const std::vector<EventRow>& events, const std::vector<FileRow>& files, std::string_view lang);
  /// The output of a file about to be completed, rendered and signed; nullopt when no issuer is set up.
  Result<std::optional<RecordOutput>> PrepareOutput(const ApplicationRow& row, const catalog::ServiceView& service,
                                                    const Signatory& signer, const std::string& decision,
                                                    const std::string& now);
  /// Puts the file at `next`; a payment step issues the bill and stops the clock (or is passed over when the fee is
  /// nothing). Adds the events it causes after `events`.
  Status EnterStep(soci::session& s, ApplicationRow& row, const catalog::Definition& d, const catalog::Step& next,
                   const Timings& timings, std::vector<EventRow>& events, const std::string& now,
                   std::string_view lang);
  /// Act's step decision on the file locked in `s`: its status and step as the workflow decides, the step it enters
  /// (the events that causes go to `caused`), the clock stopped or the file closed, and the applicant told.
  Status ApplyStepAction(soci::session& s, ApplicationRow& row, const catalog::ServiceView& service,
                         catalog::StepAction action, std::string_view note, const Timings& timings, EventRow& event,
                         std::vector<EventRow>& events, std::vector<EventRow>& caused, const std::string& now,
                         std::string_view lang);
  std::optional<Result<std::shared_ptr<const TrackView>>> TrackFrom(const access::Actor& by,
                                                                    std::string_view tracking_number,
                                                                    std::string_view access_code, std::string_view lang,
                                                                    bool memory_only);
  void Notify(soci::session& s, const notify::Recipient& to, const ApplicationRow& row,
              const catalog::ServiceView& service, std::string_view what, std::string_view note,
              const std::string& now) const;

  storage::Database& db_;
  const ApplicationStore& store_;
  catalog::CatalogService& catalog_;
  org::OrgService& org_;
  calendar::CalendarService& calendar_;
  const PiiVault& vault_;
  Clock clock_;
  const notify::Notifier& notifier_;
  Ports ports_;
  Limiter& limiter_;
  const Limits& limits_;
  Options options_;
  /// What tracking reads of a file (its row, without the form's data, and its timeline), by tracking number; dropped
  /// when a unit of work that changes the file commits.
  struct Tracked {
    ApplicationRow row;
    std::vector<EventRow> events;
    // The views made from this copy, by language (made once each; see Track).
    mutable std::mutex mu;
    mutable std::vector<std::pair<std::string, std::shared_ptr<const TrackView>>> views;
  };
  storage::CommittedCache<Tracked> tracked_;
};

}  // namespace spbe::applications
