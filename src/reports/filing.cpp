// Filing a report, signed in or not: the checks of what the reporter sent (every problem by field), the brake on
// floods, retries under one idempotency key, and the new report's first record and notice.
#include "reports/service.hpp"

#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "platform/blobs.hpp"
#include "platform/cidr.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"
#include "platform/photo.hpp"
#include "reports/service_detail.hpp"
#include "storage/idempotency.hpp"

namespace spbe::reports {

using detail::CodeHash;
using detail::NotFound;
using detail::Reachable;
using detail::ReportEvent;
using detail::StateDigest;
using detail::Trimmed;

namespace {

namespace json = boost::json;

// The id at the end of a node path ("/1/4/9/" -> 9).
std::int64_t LastId(const std::string& path) {
  if (path.size() < 2) return 0;
  auto start = path.rfind('/', path.size() - 2);
  return start == std::string::npos ? 0 : std::atoll(path.c_str() + start + 1);
}

// What the request asked for, as a hash: a retry under the same idempotency key must ask the same.
std::string RequestHash(const Filing& filing, const std::string& contact, std::int64_t about, std::int64_t service_id,
                        std::int64_t application_id, const std::vector<FileRow>& files) {
  const NewReport& r = filing.report;
  return crypto::Sha256Hex(json::serialize(json::object{{"kind", r.kind},
                                                        {"identity", r.identity},
                                                        {"category", filing.category},
                                                        {"title", r.title},
                                                        {"body", r.body},
                                                        {"region", r.region_code},
                                                        {"happened_on", r.happened_on},
                                                        {"name", r.name},
                                                        {"contact", contact},
                                                        {"office", about},
                                                        {"service", service_id},
                                                        {"application", application_id}}) +
                           [&] {
                             std::string shas;
                             for (const auto& f : files) shas += f.sha256;
                             return shas;
                           }());
}

}  // namespace

// A filing that passed the checks: who the reporter is, the desk that verifies it, what it is about, its files.
struct ReportsService::Intake {
  bool anonymous = false;
  std::string contact;  // an e-mail address or a mobile number, normalized
  org::Node desk;
  std::int64_t about = 0, service_id = 0, application_id = 0;
  std::vector<FileRow> files;         // each attachment's record, still without its hash
  std::vector<std::string> contents;  // and its bytes (photos without where they were taken, unless kept)
};

Result<Filed> ReportsService::File(const access::Actor& actor, const Filing& filing, std::string_view idempotency_key,
                                   std::string_view lang) {
  TimePoint now_tp = clock_();
  std::string now = FormatUtc(now_tp);
  auto checked = CheckFiling(actor, filing, now, lang);
  if (!checked.ok()) return checked.error();
  const NewReport& r = filing.report;
  const bool anonymous = checked->anonymous;
  const std::string& contact = checked->contact;
  const org::Node& desk = checked->desk;
  const std::int64_t about = checked->about, service_id = checked->service_id, application_id = checked->application_id;
  std::vector<FileRow>& files = checked->files;
  const std::vector<std::string>& contents = checked->contents;
  // Retries match on what was asked, never on who: an anonymous reporter's key is kept without an account. A retry
  // with the same key is not a new report: it is answered below, never throttled.
  std::string scope =
      anonymous || actor.account_id == 0 ? "reports:public" : "reports:" + std::to_string(actor.account_id);
  if (auto refused = BrakeFloods(actor, scope, idempotency_key, lang)) return *refused;

  for (std::size_t i = 0; i < files.size(); ++i) {
    auto sha = StoreBlob(options_.files_dir, contents[i]);
    if (!sha.ok()) return sha.error();
    files[i].sha256 = *sha;
  }
  std::string verify_due = DueFrom(desk.path, desk.id, now, options_.limits.verify_days, {});
  // Who filed it, sealed, and where they hear back: read before the unit of work (it holds its connection).
  ReportRow who;
  who.identity = r.identity;
  if (!anonymous) {
    who.reporter_account_id = actor.account_id;
    who.reporter_sealed = vault_.Seal(json::serialize(
        json::object{{"name", Trimmed(r.name)}, {"contact", contact}, {"lang", lang == "en" ? "en" : "id"}}));
  }
  notify::Recipient reporter = ReporterOf(who);

  std::string request_hash = RequestHash(filing, contact, about, service_id, application_id, files);
  Date today = LocalDate(now_tp, TimeZone::kWib);

  auto filed = db_.WriteReturning<Filed>([&](soci::session& s) -> Result<Filed> {
    if (!idempotency_key.empty()) {
      if (auto earlier = storage::FindIdempotent(s, scope, std::string(idempotency_key))) {
        if (earlier->request_hash != request_hash) {
          return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "reports_idempotency_key_reused"));
        }
        auto o = json::parse(earlier->response).as_object();
        return Filed{std::string(o["tracking_number"].as_string()), std::string(o["access_code"].as_string()),
                     std::string(o["status"].as_string()), std::string(o["verify_due_at"].as_string())};
      }
    }
    ReportRow row;
    do {
      row.tracking_number = MakeTrackingNumber(static_cast<int>(today.year()), static_cast<unsigned>(today.month()),
                                               randombytes_uniform(10'000'000));
    } while (store_.TrackingNumberTaken(s, row.tracking_number));
    std::string code = MakeAccessCode(randombytes_random());
    row.access_code_hash = CodeHash(row.tracking_number, code);
    row.kind = r.kind;
    row.identity = r.identity;
    row.category = filing.category;
    row.status = StatusName(Status::kSubmitted);
    row.title = Trimmed(r.title);
    row.body = Trimmed(r.body);
    row.region_code = r.region_code;
    row.latitude = r.latitude;
    row.longitude = r.longitude;
    row.happened_on = r.happened_on;
    row.about_node_id = about;
    row.service_id = service_id;
    row.application_id = application_id;
    row.reporter_account_id = who.reporter_account_id;
    row.reporter_sealed = who.reporter_sealed;
    row.node_id = desk.id;
    row.node_path = desk.path;
    row.created_at = row.updated_at = now;
    row.verify_due_at = verify_due;
    row.id = store_.Insert(s, row);
    store_.AddEvent(s, {0, row.id, now, anonymous ? 0 : actor.account_id, "reporter", 0, "submit", "", 0, false});
    for (auto f : files) {
      f.report_id = row.id;
      store_.AddFile(s, f);
    }
    // An anonymous report leaves no trace of who filed it, the address included.
    access::Actor recorded = anonymous ? access::Actor{} : actor;
    audit::Record(s, recorded, ReportEvent("submit", row, "", StateDigest(row)), now);
    if (Reachable(reporter)) {
      std::string tn = FormatTrackingNumber(row.tracking_number);
      notifier_.Send(s, reporter, "report_received",
                     {{"tracking_number", tn}, {"title", row.title}, {"due_date", row.verify_due_at.substr(0, 10)}},
                     "/lapor/lacak?nomor=" + tn, now);
    }
    Filed out{FormatTrackingNumber(row.tracking_number), code, row.status, row.verify_due_at};
    if (!idempotency_key.empty()) {
      storage::RememberIdempotent(s, scope, std::string(idempotency_key),
                                  {request_hash, 201,
                                   json::serialize(json::object{{"tracking_number", out.tracking_number},
                                                                {"access_code", out.access_code},
                                                                {"status", out.status},
                                                                {"verify_due_at", out.verify_due_at}})},
                                  now);
    }
    return out;
  });
  if (!filed.ok() && !idempotency_key.empty() && filed.error().code == ErrorCode::kInternal) {
    // Two requests with one key at the same moment (PostgreSQL): the loser finds the winner's answer.
    auto earlier =
        db_.Read([&](soci::session& s) { return storage::FindIdempotent(s, scope, std::string(idempotency_key)); });
    if (earlier.ok() && *earlier && (*earlier)->request_hash == request_hash) {
      auto o = json::parse((*earlier)->response).as_object();
      return Filed{std::string(o["tracking_number"].as_string()), std::string(o["access_code"].as_string()),
                   std::string(o["status"].as_string()), std::string(o["verify_due_at"].as_string())};
    }
  }
  return filed;
}

Result<ReportsService::Intake> ReportsService::CheckFiling(const access::Actor& actor, const Filing& filing,
                                                           const std::string& now, std::string_view lang) {
  std::vector<FieldError> errors;
  std::optional<Parsed> parsed;
  if (auto p = Validate(filing.report, now.substr(0, 10), lang); p.ok()) {
    parsed = *p;
  } else {
    errors = p.error().fields;
  }
  auto categories = Categories();
  if (std::none_of(categories.begin(), categories.end(),
                   [&](const Category& c) { return c.slug == filing.category; })) {
    errors.push_back({"category", i18n::Tr(lang, "reports_category_choose")});
  }
  const NewReport& r = filing.report;
  if (!r.region_code.empty() && !org_.RegionExists(r.region_code)) {
    errors.push_back({"region_code", i18n::Tr(lang, "reports_region_unknown")});
  }
  bool anonymous = parsed && parsed->identity == Identity::kAnonymous;
  std::string contact = Trimmed(r.contact);
  if (parsed && !anonymous) {
    if (auto email = NormalizeEmail(contact)) {
      contact = *email;
    } else if (auto phone = NormalizePhone(contact)) {
      contact = *phone;
    } else if (!contact.empty()) {
      errors.push_back({"contact", i18n::Tr(lang, "reports_contact_invalid")});
    }
  }
  auto desk = DeskFor(r.region_code);
  if (!desk.ok()) return desk.error();
  std::int64_t about = 0, service_id = 0, application_id = 0;
  LinkFiling(actor, filing, *desk, anonymous, lang, errors, about, service_id, application_id);
  std::vector<FileRow> files;
  std::vector<std::string> contents;
  CheckAttachments(filing, now, lang, errors, files, contents);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return Intake{anonymous,        std::move(contact), *desk, about, service_id, application_id,
                std::move(files), std::move(contents)};
}

void ReportsService::LinkFiling(const access::Actor& actor, const Filing& filing, const org::Node& desk, bool anonymous,
                                std::string_view lang, std::vector<FieldError>& errors, std::int64_t& about,
                                std::int64_t& service_id, std::int64_t& application_id) {
  if (filing.office_id != 0) {
    auto office = org_.Get(filing.office_id);
    if (!office.ok() || office->path.rfind(desk.path, 0) != 0) {
      errors.push_back({"office_id", i18n::Tr(lang, "reports_office_not_found")});
    } else {
      about = office->id;
    }
  }
  if (!filing.service.empty()) {
    auto sv = catalog_.Published(filing.service);
    if (!sv.ok()) {
      errors.push_back({"service_id", i18n::Tr(lang, "reports_service_not_found")});
    } else {
      service_id = sv->service.id;
      if (about == 0) about = LastId(sv->service.node_path);
    }
  }
  if (!filing.application.empty()) {
    // Only the applicant links a report to a file: it shows the report's office the file, so it must be theirs.
    auto file = actor.account_id != 0 ? applications_.Get(actor, filing.application, lang)
                                      : Result<applications::FileView>(NotFound(lang));
    if (!file.ok() || file->row.applicant_id != actor.account_id || anonymous) {
      errors.push_back({"application", i18n::Tr(lang, "reports_application_not_yours")});
    } else {
      application_id = file->row.id;
      if (service_id == 0) service_id = file->row.service_id;
      if (about == 0) about = LastId(file->row.node_path);
    }
  }
}

void ReportsService::CheckAttachments(const Filing& filing, const std::string& now, std::string_view lang,
                                      std::vector<FieldError>& errors, std::vector<FileRow>& files,
                                      std::vector<std::string>& contents) const {
  if (static_cast<int>(filing.files.size()) > options_.max_files) {
    errors.push_back(
        {"files", i18n::Tr(lang, "reports_files_too_many", {{"count", std::to_string(options_.max_files)}})});
  }
  // Photos lose where they were taken (unless the reporter keeps it) before anything is stored.
  for (std::size_t i = 0; i < filing.files.size() && i < static_cast<std::size_t>(options_.max_files); ++i) {
    const Attachment& a = filing.files[i];
    std::string field = "files[" + std::to_string(i) + "]";
    if (a.bytes.size() > options_.max_file_bytes) {
      errors.push_back(
          {field, i18n::Tr(lang, "reports_file_too_large",
                           {{"mb", std::to_string(options_.max_file_bytes >> 20)}, {"file", a.file_name}})});
      continue;
    }
    auto kind = catalog::SniffFileKind(a.bytes);
    if (!kind) {
      errors.push_back({field, i18n::Tr(lang, "reports_file_kind_invalid", {{"file", a.file_name}})});
      continue;
    }
    bool photo = *kind != catalog::FileKind::kPdf;
    std::string bytes = a.bytes;
    if (photo && !a.keep_location) {
      auto clean = StripPhotoMetadata(a.bytes);
      if (!clean) {
        errors.push_back({field, i18n::Tr(lang, "reports_photo_unreadable", {{"file", a.file_name}})});
        continue;
      }
      bytes = std::move(*clean);
    }
    FileRow f;
    f.file_name = a.file_name.empty() ? "lampiran" : a.file_name.substr(0, 200);
    f.kind = std::string(catalog::FileKindName(*kind));
    f.size = static_cast<std::int64_t>(bytes.size());
    f.location_kept = photo && a.keep_location;
    f.created_at = now;
    files.push_back(std::move(f));
    contents.push_back(std::move(bytes));
  }
}

std::optional<Error> ReportsService::BrakeFloods(const access::Actor& actor, const std::string& scope,
                                                 std::string_view idempotency_key, std::string_view lang) {
  bool retry = false;
  if (!idempotency_key.empty()) {
    auto earlier = db_.Read(
        [&](soci::session& s) { return storage::FindIdempotent(s, scope, std::string(idempotency_key)).has_value(); });
    retry = earlier.ok() && *earlier;
  }
  if (!retry) {
    // A brake on floods: per account, or per address when not signed in (kept as a keyed hash, apart from the report).
    std::string who =
        actor.account_id != 0 ? "u:" + std::to_string(actor.account_id) : "a:" + AddressKey(actor.address);
    if (auto v = limiter_.Hit(limits_.reports_filed, who); !v.allowed) {
      const std::string& what = i18n::Tr(lang, "reports_too_many");
      return Limiter::Refusal(v, lang, what, what);
    }
  }
  return std::nullopt;
}

}  // namespace spbe::reports
