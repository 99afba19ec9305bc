#include "reports/service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit.hpp"
#include "platform/blobs.hpp"
#include "platform/cidr.hpp"
#include "platform/crypto.hpp"
#include "platform/identifiers.hpp"
#include "platform/photo.hpp"
#include "storage/idempotency.hpp"

namespace spbe::reports {
namespace {

namespace json = boost::json;

constexpr int kQueuePage = 50;
constexpr int kFeedPage = 20;

std::string CodeHash(std::string_view tn, std::string_view code) {
  return crypto::Sha256Hex("report:" + std::string(tn) + ":" + std::string(code));
}

Error NotFound(std::string_view lang) {
  return Error::Of(ErrorCode::kNotFound, lang == "en" ? "no such report" : "laporan tidak ditemukan");
}

std::string Trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// The id at the end of a node path ("/1/4/9/" -> 9).
std::int64_t LastId(const std::string& path) {
  if (path.size() < 2) return 0;
  auto start = path.rfind('/', path.size() - 2);
  return start == std::string::npos ? 0 : std::atoll(path.c_str() + start + 1);
}

// The stretches the office's clock stood still: each request to the reporter until the reply.
std::vector<Pause> PausesOf(const std::vector<EventRow>& events) {
  std::vector<Pause> out;
  for (const auto& e : events) {
    if (e.action == "ask_more") {
      if (auto t = ParseUtc(e.at)) out.push_back({*t, std::nullopt});
    } else if (e.action == "reply" && !out.empty() && !out.back().to) {
      out.back().to = ParseUtc(e.at);
    }
  }
  return out;
}

audit::Entry ReportEvent(const std::string& action, const ReportRow& row, std::string before, std::string after) {
  audit::Entry e;
  e.action = "reports." + action;
  e.object_type = "report";
  e.object_id = row.tracking_number;
  e.node_path = row.node_path;
  e.before_digest = std::move(before);
  e.after_digest = std::move(after);
  return e;
}

bool Reachable(const notify::Recipient& r) { return r.account_id != 0 || !r.email.empty() || !r.phone_sealed.empty(); }

std::string StateDigest(const ReportRow& r) {
  return audit::Digest(r.status + "|" + r.node_path + "|" + r.track + "|" + r.due_at + "|" + std::to_string(r.rating) +
                       "|" + crypto::Sha256Hex(r.title + "\n" + r.body));
}

bool HoldsRole(const access::Actor& actor, access::Role role, const std::string& path) {
  return std::any_of(actor.grants.begin(), actor.grants.end(),
                     [&](const access::Grant& g) { return g.role == role && access::InSubtree(g.node_id, path); });
}

struct Reporter {
  std::string name, contact, lang;
};

Reporter OpenReporter(const PiiVault& vault, const std::string& sealed) {
  Reporter r;
  if (sealed.empty()) return r;
  auto opened = vault.Open(sealed);
  if (!opened.ok()) return r;
  boost::system::error_code ec;
  auto v = json::parse(*opened, ec);
  if (ec || !v.is_object()) return r;
  auto text = [&](const char* k) {
    const auto* x = v.as_object().if_contains(k);
    return x && x->is_string() ? std::string(x->as_string()) : std::string();
  };
  return {text("name"), text("contact"), text("lang")};
}

}  // namespace

ReportsService::ReportsService(storage::Database& db, const ReportStore& store, org::OrgService& org,
                               catalog::CatalogService& catalog, applications::ApplicationsService& applications,
                               calendar::CalendarService& calendar, const PiiVault& vault, Clock clock,
                               const notify::Notifier& notifier, RecipientOf recipient_of, NearestWithRole nearest,
                               Limiter& limiter, const ::spbe::Limits& limits, Options options)
    : db_(db),
      store_(store),
      org_(org),
      catalog_(catalog),
      applications_(applications),
      calendar_(calendar),
      vault_(vault),
      clock_(std::move(clock)),
      notifier_(notifier),
      recipient_of_(std::move(recipient_of)),
      nearest_(std::move(nearest)),
      limiter_(limiter),
      limits_(limits),
      options_(std::move(options)) {}

std::string ReportsService::NodeName(std::int64_t id) {
  if (id == 0) return {};
  auto n = org_.Get(id);
  return n.ok() ? n->name : std::string();
}

Result<org::Node> ReportsService::DeskFor(const std::string& region_code) {
  // The desk of the government whose region holds the report's; else the first one this deployment serves.
  auto roots = org_.Roots();
  if (!roots.ok()) return roots.error();
  if (roots->empty()) return Error::Of(ErrorCode::kUnavailable, "no government is set up yet");
  for (const auto& r : *roots) {
    const auto& code = r.region_code;
    if (!code.empty() && region_code.rfind(code, 0) == 0 &&
        (region_code.size() == code.size() || region_code[code.size()] == '.')) {
      return r;
    }
  }
  return roots->front();
}

std::string ReportsService::DueFrom(const std::string& path, std::int64_t node_id, const std::string& from, int days,
                                    const std::vector<EventRow>& events) {
  auto start = ParseUtc(from);
  if (!start) return {};
  auto node = org_.Get(node_id);
  TimeZone zone = node.ok() ? ParseTimeZone(node->timezone) : TimeZone::kWib;
  // Only the pauses since the limit started count against it.
  std::vector<Pause> pauses;
  for (const auto& p : PausesOf(events)) {
    if (p.from >= *start) pauses.push_back(p);
  }
  auto due = DueAt(calendar_.For(path), zone, *start, days, pauses);
  return due ? FormatUtc(*due) : std::string();
}

bool ReportsService::CodeMatches(const ReportRow& row, std::string_view code) const {
  if (code.empty()) return false;
  std::string given = CodeHash(row.tracking_number, NormalizeAccessCode(code));
  return given.size() == row.access_code_hash.size() &&
         sodium_memcmp(given.data(), row.access_code_hash.data(), given.size()) == 0;
}

Result<bool> ReportsService::CodeOpens(const access::Actor& actor, const ReportRow& row, std::string_view code,
                                       std::string_view lang) {
  if (code.empty()) return false;
  // Guessing codes is braked per report and per caller's address; while braked even the right code waits.
  const std::string number_key = "r:" + row.tracking_number, address_key = "a:" + AddressKey(actor.address);
  if (auto refused = limiter_.Admit(
          {{limits_.access_code_number, number_key}, {limits_.access_code_address, address_key}}, lang)) {
    return *refused;
  }
  if (!CodeMatches(row, code)) return false;
  limiter_.RefundAll({{limits_.access_code_number, number_key}, {limits_.access_code_address, address_key}});
  return true;
}

Result<bool> ReportsService::IsReporter(const access::Actor& actor, const ReportRow& row, std::string_view code,
                                        std::string_view lang) {
  if (row.reporter_account_id != 0 && actor.account_id == row.reporter_account_id) return true;
  return CodeOpens(actor, row, code, lang);
}

notify::Recipient ReportsService::ReporterOf(const ReportRow& row) const {
  if (row.identity == IdentityName(Identity::kAnonymous)) return {};
  if (row.reporter_account_id != 0 && recipient_of_) return recipient_of_(row.reporter_account_id);
  Reporter who = OpenReporter(vault_, row.reporter_sealed);
  notify::Recipient to;
  to.language = who.lang == "en" ? "en" : "id";
  if (auto email = NormalizeEmail(who.contact)) {
    to.email = *email;
  } else if (auto phone = NormalizePhone(who.contact)) {
    to.phone_channel = std::string(notify::kSms);
    to.phone_sealed = vault_.Seal(*phone);
  }
  return to;
}

Result<Filed> ReportsService::File(const access::Actor& actor, const Filing& filing, std::string_view idempotency_key,
                                   std::string_view lang) {
  bool en = lang == "en";
  TimePoint now_tp = clock_();
  std::string now = FormatUtc(now_tp);
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
    errors.push_back({"category", en ? "choose a category" : "pilih kategori"});
  }
  const NewReport& r = filing.report;
  if (!r.region_code.empty() && !org_.RegionExists(r.region_code)) {
    errors.push_back({"region_code", en ? "no such region" : "wilayah tidak dikenal"});
  }
  bool anonymous = parsed && parsed->identity == Identity::kAnonymous;
  std::string contact = Trimmed(r.contact);
  if (parsed && !anonymous) {
    if (auto email = NormalizeEmail(contact)) {
      contact = *email;
    } else if (auto phone = NormalizePhone(contact)) {
      contact = *phone;
    } else if (!contact.empty()) {
      errors.push_back(
          {"contact", en ? "an e-mail address or a mobile number (08...)" : "alamat surel atau nomor ponsel (08...)"});
    }
  }
  auto desk = DeskFor(r.region_code);
  if (!desk.ok()) return desk.error();
  std::int64_t about = 0, service_id = 0, application_id = 0;
  if (filing.office_id != 0) {
    auto office = org_.Get(filing.office_id);
    if (!office.ok() || office->path.rfind(desk->path, 0) != 0) {
      errors.push_back({"office_id", en ? "no such office" : "instansi tidak ditemukan"});
    } else {
      about = office->id;
    }
  }
  if (!filing.service.empty()) {
    auto sv = catalog_.Published(filing.service);
    if (!sv.ok()) {
      errors.push_back({"service_id", en ? "no such published service" : "layanan tidak ditemukan"});
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
      errors.push_back({"application", en ? "the number of an application of yours (sign in, not anonymous)"
                                          : "nomor permohonan Anda sendiri (masuk, tidak anonim)"});
    } else {
      application_id = file->row.id;
      if (service_id == 0) service_id = file->row.service_id;
      if (about == 0) about = LastId(file->row.node_path);
    }
  }
  if (static_cast<int>(filing.files.size()) > options_.max_files) {
    errors.push_back({"files", en ? fmt::format("at most {} files", options_.max_files)
                                  : fmt::format("paling banyak {} berkas", options_.max_files)});
  }
  // Photos lose where they were taken (unless the reporter keeps it) before anything is stored.
  std::vector<FileRow> files;
  std::vector<std::string> contents;
  for (std::size_t i = 0; i < filing.files.size() && i < static_cast<std::size_t>(options_.max_files); ++i) {
    const Attachment& a = filing.files[i];
    std::string field = "files[" + std::to_string(i) + "]";
    if (a.bytes.size() > options_.max_file_bytes) {
      errors.push_back({field, en ? fmt::format("{}: larger than {} MB", a.file_name, options_.max_file_bytes >> 20)
                                  : fmt::format("{}: lebih dari {} MB", a.file_name, options_.max_file_bytes >> 20)});
      continue;
    }
    auto kind = catalog::SniffFileKind(a.bytes);
    if (!kind) {
      errors.push_back(
          {field, en ? a.file_name + ": a photo (JPEG, PNG) or a PDF" : a.file_name + ": foto (JPEG, PNG) atau PDF"});
      continue;
    }
    bool photo = *kind != catalog::FileKind::kPdf;
    std::string bytes = a.bytes;
    if (photo && !a.keep_location) {
      auto clean = StripPhotoMetadata(a.bytes);
      if (!clean) {
        errors.push_back(
            {field, en ? a.file_name + ": the photo cannot be read" : a.file_name + ": foto tidak terbaca"});
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
  if (!errors.empty()) return Error::Validation(std::move(errors));
  // Retries match on what was asked, never on who: an anonymous reporter's key is kept without an account. A retry
  // with the same key is not a new report: it is answered below, never throttled.
  std::string scope =
      anonymous || actor.account_id == 0 ? "reports:public" : "reports:" + std::to_string(actor.account_id);
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
      return Limiter::Refusal(v, lang, "terlalu banyak laporan", "too many reports");
    }
  }

  for (std::size_t i = 0; i < files.size(); ++i) {
    auto sha = StoreBlob(options_.files_dir, contents[i]);
    if (!sha.ok()) return sha.error();
    files[i].sha256 = *sha;
  }
  std::string verify_due = DueFrom(desk->path, desk->id, now, options_.limits.verify_days, {});
  // Who filed it, sealed, and where they hear back: read before the unit of work (it holds its connection).
  ReportRow who;
  who.identity = r.identity;
  if (!anonymous) {
    who.reporter_account_id = actor.account_id;
    who.reporter_sealed = vault_.Seal(
        json::serialize(json::object{{"name", Trimmed(r.name)}, {"contact", contact}, {"lang", en ? "en" : "id"}}));
  }
  notify::Recipient reporter = ReporterOf(who);

  std::string request_hash = crypto::Sha256Hex(json::serialize(json::object{{"kind", r.kind},
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
  Date today = LocalDate(now_tp, TimeZone::kWib);

  auto filed = db_.WriteReturning<Filed>([&](soci::session& s) -> Result<Filed> {
    if (!idempotency_key.empty()) {
      if (auto earlier = storage::FindIdempotent(s, scope, std::string(idempotency_key))) {
        if (earlier->request_hash != request_hash) {
          return Error::Of(ErrorCode::kConflict, en ? "this Idempotency-Key was already used for a different request"
                                                    : "Idempotency-Key ini sudah dipakai untuk permintaan lain");
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
    row.node_id = desk->id;
    row.node_path = desk->path;
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

Result<ReportsService::Loaded> ReportsService::Load(std::string_view tracking_number, std::string_view lang) {
  auto tn = NormalizeTrackingNumber(tracking_number);
  if (!tn) return NotFound(lang);
  auto found = db_.Read([&](soci::session& s) -> std::optional<Loaded> {
    auto row = store_.ByTrackingNumber(s, *tn);
    if (!row) return std::nullopt;
    return Loaded{*row, store_.Events(s, row->id), store_.Files(s, row->id)};
  });
  if (!found.ok()) return found.error();
  if (!*found) return NotFound(lang);
  return std::move(**found);
}

std::vector<std::string> ReportsService::ActionsFor(const access::Actor& actor, const ReportRow& row,
                                                    bool reporter) const {
  std::vector<std::string> out;
  Status s = *ParseStatus(row.status);
  if (reporter) {
    if (s == Status::kWaitingReporter) out.push_back("reply");
    if (s == Status::kAnswered && !row.objected) out.push_back("object");
    if ((s == Status::kAnswered || s == Status::kClosed) && !row.answered_at.empty() && row.rating == 0 &&
        row.merged_into == 0) {
      out.push_back("rate");
    }
    return out;
  }
  if (s == Status::kSubmitted && access::Allowed(actor, access::Action::kReportVerify, row.node_path)) {
    return {"accept", "merge", "decline"};
  }
  bool handles = access::Allowed(actor, access::Action::kReportHandle, row.node_path);
  if (s == Status::kReopened) handles = HoldsRole(actor, access::Role::kKepala, row.node_path);
  if (handles && (s == Status::kDisposed || s == Status::kReopened)) return {"answer", "ask_more", "forward", "close"};
  return out;
}

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

Result<ReportView> ReportsService::Act(const access::Actor& actor, std::string_view tracking_number,
                                       std::string_view code, const ActInput& in, std::string_view lang) {
  bool en = lang == "en";
  auto action = ParseAction(in.action);
  if (!action) {
    return Error::Validation({{"action", en ? "not an action on a report" : "bukan tindakan atas laporan"}});
  }
  auto l = Load(tracking_number, lang);
  if (!l.ok()) return l.error();
  const ReportRow before = l->row;
  Role role;
  if (*action == Action::kReply || *action == Action::kObject) {
    auto reporter = IsReporter(actor, before, code, lang);
    if (!reporter.ok()) return reporter.error();
    if (!*reporter) return NotFound(lang);
    role = Role::kReporter;
  } else if (*action == Action::kAccept || *action == Action::kMerge || *action == Action::kDecline) {
    if (!access::Allowed(actor, access::Action::kReportVerify, before.node_path)) {
      return access::Allowed(actor, access::Action::kReportRead, before.node_path)
                 ? Error::Of(ErrorCode::kForbidden, en ? "the complaint desk verifies reports"
                                                       : "laporan diverifikasi oleh pengelola pengaduan")
                 : NotFound(lang);
    }
    role = Role::kDesk;
  } else {
    if (!access::Allowed(actor, access::Action::kReportHandle, before.node_path)) {
      return access::Allowed(actor, access::Action::kReportRead, before.node_path)
                 ? Error::Of(ErrorCode::kForbidden,
                             en ? "officers of the office answer its reports" : "laporan dijawab petugas instansi")
                 : NotFound(lang);
    }
    if (before.status == StatusName(Status::kReopened) && !HoldsRole(actor, access::Role::kKepala, before.node_path)) {
      return Error::Of(ErrorCode::kForbidden, en ? "an objected report is answered by the office's head"
                                                 : "laporan yang diajukan keberatan dijawab oleh kepala instansi");
    }
    role = Role::kOffice;
  }
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
  std::vector<EventRow> events = l->events;
  std::optional<ReportRow> merge_target;
  std::string tell;
  // Everything read here, before the unit of work: a unit holds its connection.
  switch (*action) {
    case Action::kAccept:
    case Action::kForward: {
      std::int64_t to = in.to_node_id;
      if (to == 0 && *action == Action::kAccept) {
        auto routes = db_.Read([&](soci::session& s) { return store_.Routes(s); });
        if (routes.ok()) to = ProposeOffice(*routes, row.category, row.region_code, row.about_node_id).value_or(0);
      }
      auto offices = Offices();
      auto target = std::find_if(offices.begin(), offices.end(), [&](const Office& o) { return o.id == to; });
      if (target == offices.end()) {
        return Error::Validation(
            {{"to_node_id", en ? "choose the office that must answer" : "pilih instansi yang menjawab"}});
      }
      if (*action == Action::kForward && to == before.node_id) {
        return Error::Validation({{"to_node_id", en ? "forward to another office" : "teruskan ke instansi lain"}});
      }
      auto node = org_.Get(to);
      if (!node.ok()) return node.error();
      row.node_id = node->id;
      row.node_path = node->path;
      event.to_node_id = node->id;
      if (*action == Action::kAccept) {
        Track track = Track::kSimple;
        if (!in.track.empty()) {
          auto t = ParseTrack(in.track);
          if (!t)
            return Error::Validation(
                {{"track", en ? "simple, dispute or inspection" : "simple, dispute, atau inspection"}});
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
        return Error::Validation(
            {{"merge_into", en ? "the number of the report it repeats" : "nomor laporan yang sama yang sudah ada"}});
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
  // Who is told: the reporter of what the office and desk did; the office's head of an objection.
  std::vector<notify::Recipient> heads;
  if (*action == Action::kObject && nearest_) heads = nearest_(access::Role::kKepala, row.node_path);
  if (*action == Action::kForward && nearest_) {
    for (auto& h : nearest_(access::Role::kKepala, row.node_path)) heads.push_back(std::move(h));
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
      return Error::Of(ErrorCode::kConflict, en ? "the report changed meanwhile: open it again"
                                                : "laporan berubah sementara itu: buka kembali");
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

spbe::Status ReportsService::Rate(const access::Actor& actor, std::string_view tracking_number, std::string_view code,
                                  int rating, std::string_view note, std::string_view lang) {
  bool en = lang == "en";
  auto l = Load(tracking_number, lang);
  if (!l.ok()) return l.error();
  auto reporter = IsReporter(actor, l->row, code, lang);
  if (!reporter.ok()) return reporter.error();
  if (!*reporter) return NotFound(lang);
  if (rating < 1 || rating > 5) {
    return Error::Validation(
        {{"rating", en ? "from 1 (very poor) to 5 (very good)" : "dari 1 (sangat buruk) sampai 5 (sangat baik)"}});
  }
  auto actions = ActionsFor(actor, l->row, true);
  if (std::find(actions.begin(), actions.end(), "rate") == actions.end()) {
    return Error::Of(ErrorCode::kConflict,
                     en ? "an answer is rated once, after it is given" : "jawaban dinilai sekali, setelah diberikan");
  }
  std::string now = FormatUtc(clock_());
  ReportRow row = l->row;
  row.rating = rating;
  row.rating_note = Trimmed(note).substr(0, 1000);
  row.updated_at = now;
  return db_.Write([&](soci::session& s) -> spbe::Status {
    auto current = store_.LockByTrackingNumber(s, row.tracking_number);
    if (!current || current->rating != 0 || current->status != l->row.status) {
      return Error::Of(ErrorCode::kConflict, en ? "already rated" : "sudah dinilai");
    }
    store_.Update(s, row);
    store_.AddEvent(s, {0, row.id, now, 0, "reporter", 0, "rate", std::to_string(rating) + "/5", 0, false});
    audit::Record(s, access::Actor{}, ReportEvent("rate", row, StateDigest(l->row), StateDigest(row)), now);
    return Ok{};
  });
}

Result<std::int64_t> ReportsService::Support(const access::Actor& actor, std::string_view tracking_number,
                                             std::string_view lang) {
  bool en = lang == "en";
  if (actor.account_id == 0) {
    return Error::Of(ErrorCode::kUnauthorized, en ? "sign in to support a report" : "masuk untuk mendukung laporan");
  }
  auto l = Load(tracking_number, lang);
  if (!l.ok()) return l.error();
  if (!l->row.is_public) return NotFound(lang);
  std::string supporter = vault_.Index("support:" + std::to_string(actor.account_id));
  std::string now = FormatUtc(clock_());
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    if (!store_.AddSupport(s, l->row.id, supporter, now)) {
      return Error::Of(ErrorCode::kConflict,
                       en ? "you already support this report" : "Anda sudah mendukung laporan ini");
    }
    auto row = store_.ByTrackingNumber(s, l->row.tracking_number);
    return row ? row->supports : l->row.supports + 1;
  });
}

Result<FeedPage> ReportsService::Feed(const FeedFilter& f, std::string_view lang) {
  FeedQuery q;
  if (f.office_id != 0) {
    auto n = org_.Get(f.office_id);
    if (!n.ok()) {
      return Error::Validation({{"office_id", lang == "en" ? "no such office" : "instansi tidak ditemukan"}});
    }
    q.node_path = n->path;
  }
  q.region_prefix = f.region;
  if (!f.kind.empty() && !ParseKind(f.kind)) {
    return Error::Validation(
        {{"kind", lang == "en" ? "pengaduan, aspirasi or informasi" : "pengaduan, aspirasi, atau informasi"}});
  }
  if (!f.status.empty() && !ParseStatus(f.status)) {
    return Error::Validation({{"status", lang == "en" ? "not a status" : "status tidak dikenal"}});
  }
  q.kind = f.kind;
  q.status = f.status;
  q.limit = kFeedPage;
  FeedPage page;
  page.page = std::max(1, f.page);
  q.offset = (page.page - 1) * kFeedPage;
  auto rows = db_.Read([&](soci::session& s) { return std::make_pair(store_.Feed(s, q), store_.FeedCount(s, q)); });
  if (!rows.ok()) return rows.error();
  page.total = rows->second;
  page.pages = static_cast<int>(std::max<std::int64_t>(1, (page.total + kFeedPage - 1) / kFeedPage));
  for (const auto& r : rows->first) page.items.push_back(View({}, Loaded{r, {}, {}}, Viewer::kPublic, lang));
  return page;
}

Result<std::vector<ReportView>> ReportsService::Queue(const access::Actor& actor, std::string_view which, int page,
                                                      std::string_view lang) {
  QueueQuery q;
  access::Action needed = access::Action::kReportRead;
  if (which == "desk") {
    needed = access::Action::kReportVerify;
    q.statuses = {"submitted"};
  } else if (which == "office") {
    q.statuses = {"disposed", "reopened", "waiting_reporter"};
  } else {
    q.statuses = {"answered", "closed", "declined"};
  }
  for (const auto& g : actor.grants) {
    auto node = org_.Get(g.node_id);
    if (!node.ok()) continue;
    access::Actor one = actor;
    one.grants = {g};
    if (access::Allowed(one, needed, node->path)) q.node_paths.push_back(node->path);
  }
  if (q.node_paths.empty()) {
    return Error::Of(ErrorCode::kForbidden, lang == "en" ? "reports are handled by the complaint desk and offices"
                                                         : "laporan ditangani pengelola pengaduan dan instansi");
  }
  // A grant inside another grant's subtree adds nothing.
  std::sort(q.node_paths.begin(), q.node_paths.end());
  std::vector<std::string> paths;
  for (const auto& p : q.node_paths) {
    if (paths.empty() || p.rfind(paths.back(), 0) != 0) paths.push_back(p);
  }
  q.node_paths = std::move(paths);
  q.limit = kQueuePage;
  q.offset = (std::max(1, page) - 1) * kQueuePage;
  auto rows = db_.Read([&](soci::session& s) { return store_.Queue(s, q); });
  if (!rows.ok()) return rows.error();
  std::vector<ReportView> out;
  for (const auto& r : *rows) out.push_back(View(actor, Loaded{r, {}, {}}, Viewer::kOfficer, lang));
  return out;
}

Result<std::vector<ReportView>> ReportsService::Mine(const access::Actor& actor, std::string_view lang) {
  if (actor.account_id == 0) return std::vector<ReportView>{};
  auto rows = db_.Read([&](soci::session& s) { return store_.OfAccount(s, actor.account_id, 100); });
  if (!rows.ok()) return rows.error();
  std::vector<ReportView> out;
  for (const auto& r : *rows) out.push_back(View(actor, Loaded{r, {}, {}}, Viewer::kReporter, lang));
  return out;
}

std::vector<Category> ReportsService::Categories() {
  // The categories come with the schema and change only with it: read once.
  std::lock_guard lock(categories_mu_);
  if (categories_.empty()) {
    auto rows = db_.Read([&](soci::session& s) { return store_.Categories(s); });
    if (rows.ok()) categories_ = std::move(*rows);
  }
  return categories_;
}

std::vector<Office> ReportsService::Offices() {
  std::vector<Office> out;
  auto roots = org_.Roots();
  if (!roots.ok()) return out;
  for (const auto& root : *roots) {
    for (auto kind : {org::NodeKind::kPerangkatDaerah, org::NodeKind::kKecamatan, org::NodeKind::kKelurahanDesa}) {
      for (const auto& n : org_.OfKindUnder(root.path, kind)) out.push_back({n.id, n.name});
    }
  }
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> ReportsService::Services(std::string_view lang) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  auto found = catalog_.Search("", 0, "", 1, 200);
  if (!found.ok()) return out;
  for (const auto& v : found->items) out.emplace_back(v.service.id, v.definition.name.In(lang));
  return out;
}

Result<std::vector<RouteView>> ReportsService::Routes(const access::Actor& actor, std::string_view lang) {
  auto roots = org_.Roots();
  if (!roots.ok()) return roots.error();
  bool may = std::any_of(roots->begin(), roots->end(), [&](const org::Node& r) {
    return access::Allowed(actor, access::Action::kReportRoutesManage, r.path);
  });
  if (!may) {
    return Error::Of(ErrorCode::kForbidden, lang == "en" ? "routing rules are kept by the complaint desk and admins"
                                                         : "aturan penerusan dikelola pengelola pengaduan dan admin");
  }
  auto rows = db_.Read([&](soci::session& s) { return store_.Routes(s); });
  if (!rows.ok()) return rows.error();
  auto categories = Categories();
  std::vector<RouteView> out;
  for (const auto& r : *rows) {
    RouteView v{r, "", NodeName(r.node_id)};
    for (const auto& c : categories) {
      if (c.slug == r.category) v.category_name = lang == "en" ? c.name_en : c.name_id;
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<Route> ReportsService::PutRoute(const access::Actor& actor, const Route& route, std::string_view lang) {
  bool en = lang == "en";
  auto existing = Routes(actor, lang);
  if (!existing.ok()) return existing.error();
  std::vector<FieldError> errors;
  auto categories = Categories();
  if (!route.category.empty() &&
      std::none_of(categories.begin(), categories.end(), [&](const Category& c) { return c.slug == route.category; })) {
    errors.push_back({"category", en ? "no such category" : "kategori tidak dikenal"});
  }
  if (!route.region_prefix.empty() && !org_.RegionExists(route.region_prefix)) {
    errors.push_back({"region_prefix", en ? "no such region" : "wilayah tidak dikenal"});
  }
  auto offices = Offices();
  if (std::none_of(offices.begin(), offices.end(), [&](const Office& o) { return o.id == route.node_id; })) {
    errors.push_back({"node_id", en ? "choose an office" : "pilih instansi"});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  std::string now = FormatUtc(clock_());
  auto node = org_.Get(route.node_id);
  if (!node.ok()) return node.error();
  return db_.WriteReturning<Route>([&](soci::session& s) -> Result<Route> {
    Route out = route;
    out.id = store_.PutRoute(s, route, now);
    audit::Entry e;
    e.action = "reports.route_put";
    e.object_type = "report_route";
    e.object_id = std::to_string(out.id);
    e.node_path = node->path;
    e.after_digest = audit::Digest(route.category + "|" + route.region_prefix + "|" + std::to_string(route.node_id));
    audit::Record(s, actor, e, now);
    return out;
  });
}

spbe::Status ReportsService::DeleteRoute(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  auto existing = Routes(actor, lang);
  if (!existing.ok()) return existing.error();
  std::string now = FormatUtc(clock_());
  return db_.Write([&](soci::session& s) -> spbe::Status {
    if (!store_.DeleteRoute(s, id)) {
      return Error::Of(ErrorCode::kNotFound, lang == "en" ? "no such rule" : "aturan tidak ditemukan");
    }
    audit::Entry e;
    e.action = "reports.route_delete";
    e.object_type = "report_route";
    e.object_id = std::to_string(id);
    audit::Record(s, actor, e, now);
    return Ok{};
  });
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
    std::vector<notify::Recipient> who;
    if (nearest_) {
      access::Role role = desk ? (to == 1 ? access::Role::kPengaduan : access::Role::kAdminPlatform)
                               : (to == 1 ? access::Role::kKepala : access::Role::kPengaduan);
      who = nearest_(role, row.node_path);
    }
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
