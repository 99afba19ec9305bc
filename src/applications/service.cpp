#include "applications/service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <map>

#include "audit/audit.hpp"
#include "notify/outbox.hpp"
#include "platform/blobs.hpp"
#include "platform/cidr.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"
#include "platform/local_time.hpp"
#include "platform/log.hpp"

namespace spbe::applications {
namespace {

// Why a file cannot be attached to the field: empty, too large, or content of a kind the field does not take.
std::optional<FieldError> CheckFile(const catalog::FormField& f, std::string_view bytes, std::string_view lang) {
  bool en = lang == "en";
  if (bytes.empty()) return FieldError{f.name, en ? "the file is empty" : "berkas kosong"};
  if (static_cast<std::int64_t>(bytes.size()) > f.max_bytes) {
    return FieldError{f.name, en ? fmt::format("the file is larger than {} KB", f.max_bytes / 1024)
                                 : fmt::format("berkas lebih besar dari {} KB", f.max_bytes / 1024)};
  }
  auto kind = catalog::SniffFileKind(bytes);
  if (!kind || std::find(f.accept.begin(), f.accept.end(), *kind) == f.accept.end()) {
    std::string allowed;
    for (auto k : f.accept) allowed += (allowed.empty() ? "" : ", ") + std::string(catalog::FileKindName(k));
    return FieldError{f.name, en ? fmt::format("the content is not {} (whatever the file name says)", allowed)
                                 : fmt::format("isinya bukan {} (apa pun nama berkasnya)", allowed)};
  }
  return std::nullopt;
}

// "Kode bayar 2611 4821 7305 9928, Rp 450.000, berlaku sampai 26 November 2026 17.00 WIB": in the agency's zone.
std::string BillNote(const BillInfo& b, std::string_view lang, TimeZone zone) {
  std::string code = FormatBillingCode(b.billing_code);
  std::string until = LocalDateTimeText(b.expires_at, zone, lang);
  if (lang == "en")
    return fmt::format("Billing code {}, {}, valid until {}", code, i18n::FormatRupiah(b.amount), until);
  return fmt::format("Kode bayar {}, {}, berlaku sampai {}", code, i18n::FormatRupiah(b.amount), until);
}

// The answer remembered for an Idempotency-Key, read back.
Filed FiledFromJson(const boost::json::object& o) {
  auto text = [&o](const char* k) {
    const auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  const auto* fee = o.if_contains("fee_amount");
  return Filed{text("tracking_number"), text("access_code"), text("status"), text("due_at"),
               fee && fee->is_int64() ? fee->as_int64() : 0};
}

namespace json = boost::json;
using catalog::FieldType;
using catalog::StepAction;

constexpr int kWorklistPage = 50;

std::string CodeHash(std::string_view tn, std::string_view code) {
  return crypto::Sha256Hex(std::string(tn) + ":" + std::string(code));
}

Error NotFound(std::string_view lang) {
  return Error::Of(ErrorCode::kNotFound, lang == "en" ? "no such application" : "permohonan tidak ditemukan");
}

bool IsApplicant(const access::Actor& a) {
  return a.account_id != 0 && (a.kind == access::AccountKind::kWarga || a.kind == access::AccountKind::kPelakuUsaha);
}

bool OfficerRole(access::Role r) {
  return r == access::Role::kLoket || r == access::Role::kVerifikator || r == access::Role::kTeknis ||
         r == access::Role::kKepala;
}

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

std::string MaskPhone(std::string_view phone) {
  if (phone.size() <= 4) return std::string(phone.size(), '*');
  return std::string(phone.size() - 4, '*') + std::string(phone.substr(phone.size() - 4));
}

std::string ValueText(const json::value* v) {
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  return json::serialize(*v);
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

}  // namespace

struct ApplicationsService::Loaded {
  ApplicationRow row;
  catalog::ServiceView service;
  std::vector<EventRow> events;
  std::vector<FileRow> files;
};

ApplicationsService::ApplicationsService(storage::Database& db, const ApplicationStore& store,
                                         catalog::CatalogService& catalog, org::OrgService& org,
                                         calendar::CalendarService& calendar, const PiiVault& vault, Clock clock,
                                         const notify::Notifier& notifier, RecipientOf recipient_of, Limiter& limiter,
                                         const Limits& limits, Options options)
    : db_(db),
      store_(store),
      catalog_(catalog),
      org_(org),
      calendar_(calendar),
      vault_(vault),
      clock_(std::move(clock)),
      notifier_(notifier),
      recipient_of_(std::move(recipient_of)),
      limiter_(limiter),
      limits_(limits),
      options_(std::move(options)) {}

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
  if (recipient_of_ && applicant_id != 0) t.applicant = recipient_of_(applicant_id);
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

Status ApplicationsService::CheckFirstFiling(const access::Actor& actor, std::string_view service,
                                             const boost::json::object& data, const std::vector<Attached>& files,
                                             std::string_view lang) {
  bool en = lang == "en";
  if (!IsApplicant(actor)) {
    return Error::Of(ErrorCode::kForbidden, en ? "applications are filed from a citizen or business account"
                                               : "permohonan diajukan dari akun warga atau pelaku usaha");
  }
  auto sv = catalog_.Published(service);
  if (!sv.ok())
    return Error::Validation({{"service_id", en ? "no such published service" : "layanan tidak ditemukan"}});
  const catalog::Form& form = sv->definition.form;
  // Each attached file stands in the values as the file it will become, so that "required" sees it.
  json::object values = data;
  std::vector<FieldError> file_errors;
  for (const auto& a : files) {
    const catalog::FormField* f = form.Find(a.field);
    if (!f || f->type != FieldType::kFile) continue;
    if (auto wrong = CheckFile(*f, a.bytes, lang)) {
      file_errors.push_back(std::move(*wrong));
    } else {
      values[f->name] = 0;
    }
  }
  auto errors = catalog::ValidateData(form, values, FormContextFor(*sv), lang, true);
  for (auto& e : file_errors) {
    std::erase_if(errors, [&](const FieldError& x) { return x.field == e.field; });
    errors.push_back(std::move(e));
  }
  // In the form's order, so that the summary reads as the form does.
  std::stable_sort(errors.begin(), errors.end(), [&](const FieldError& a, const FieldError& b) {
    auto at = [&](const std::string& name) {
      for (std::size_t i = 0; i < form.fields.size(); ++i)
        if (form.fields[i].name == name) return i;
      return form.fields.size();
    };
    return at(a.field) < at(b.field);
  });
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return Ok{};
}

Result<Filed> ApplicationsService::Create(const access::Actor& actor, std::string_view service,
                                          const boost::json::object& data, bool submit,
                                          std::string_view idempotency_key, std::string_view lang) {
  bool en = lang == "en";
  if (!IsApplicant(actor)) {
    return Error::Of(ErrorCode::kForbidden, en ? "applications are filed from a citizen or business account"
                                               : "permohonan diajukan dari akun warga atau pelaku usaha");
  }
  auto sv = catalog_.Published(service);
  if (!sv.ok()) {
    return Error::Validation({{"service_id", en ? "no such published service" : "layanan tidak ditemukan"}});
  }
  const catalog::Definition& d = sv->definition;
  auto errors = catalog::ValidateData(d.form, data, FormContextFor(*sv), lang, submit);
  if (submit) {
    for (const auto& f : d.form.fields) {
      // Files are attached to a draft; a filing in one go cannot carry them.
      if (f.type == FieldType::kFile && f.required && !data.contains(f.name)) {
        std::erase_if(errors, [&](const FieldError& e) { return e.field == f.name; });
        errors.push_back({f.name, en ? "attach this file: save a draft (\"submit\": false), upload, then submit"
                                     : "lampirkan berkas ini: simpan draf (\"submit\": false), unggah, lalu ajukan"});
      } else if (f.type == FieldType::kFile && data.contains(f.name)) {
        errors.push_back({f.name, en ? "files are uploaded to a draft" : "berkas diunggah ke draf"});
      }
    }
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  // A draft's fee is counted again when it is submitted, from the data as it then is.
  std::int64_t fee = 0;
  if (submit) {
    auto computed = catalog::FeeFor(d, data, lang);
    if (!computed.ok()) return computed.error();
    fee = *computed;
  }

  const catalog::Step& first = d.workflow.steps.front();
  auto timings = TimingsFor(*sv, actor.account_id);
  if (!timings.ok()) return timings.error();
  const Timing& first_timing = timings->steps.at(first.key);
  std::string scope = "applications:" + std::to_string(actor.account_id);
  std::string request_hash =
      crypto::Sha256Hex(std::to_string(sv->service.id) + "|" + json::serialize(data) + "|" + (submit ? "1" : "0"));
  TimePoint now_tp = clock_();
  std::string now = FormatUtc(now_tp);
  Date today = LocalDate(now_tp, ParseTimeZone(sv->service.node_timezone));

  auto filed = db_.WriteReturning<Filed>([&](soci::session& s) -> Result<Filed> {
    if (!idempotency_key.empty()) {
      if (auto earlier = store_.Idempotent(s, scope, std::string(idempotency_key))) {
        if (earlier->request_hash != request_hash) {
          return Error::Of(ErrorCode::kConflict, en ? "this Idempotency-Key was already used for a different request"
                                                    : "Idempotency-Key ini sudah dipakai untuk permintaan lain");
        }
        auto o = json::parse(earlier->response).as_object();
        return FiledFromJson(o);
      }
    }
    std::string tn;
    do {
      tn = MakeTrackingNumber(static_cast<int>(today.year()), static_cast<unsigned>(today.month()),
                              randombytes_uniform(10'000'000));
    } while (store_.TrackingNumberTaken(s, tn));
    std::string code = MakeAccessCode(randombytes_random());
    ApplicationRow row;
    row.tracking_number = tn;
    row.access_code_hash = CodeHash(tn, code);
    row.service_id = sv->service.id;
    row.version_id = sv->version.id;
    row.node_path = sv->service.node_path;
    row.applicant_id = actor.account_id;
    row.deemed_granted = d.deemed_granted;
    row.data_sealed = vault_.Seal(json::serialize(data));
    row.created_at = row.updated_at = now;
    row.fee_amount = fee;
    if (submit) {
      row.status = StatusName(FileStatus::kInProgress);
      row.step = first.key;
      row.step_node_path = first_timing.path;
      row.step_role = access::RoleName(first.role);
      row.step_started_at = row.submitted_at = now;
      if (auto due = StepDue(row, first_timing, first.time_limit_days, {})) row.step_due_at = FormatUtc(*due);
      if (auto due = ServiceDue(row, timings->service, d.time_limit_days, {})) row.due_at = FormatUtc(*due);
    } else {
      row.status = StatusName(FileStatus::kDraft);
    }
    row.id = store_.Insert(s, row);
    store_.AddEvent(s, {0, row.id, now, actor.account_id, submit ? first.node_id : 0, submit ? first.key : "",
                        submit ? "submit" : "draft", "", false, row.step_due_at});
    audit::Record(s, actor, FileEvent(submit ? "submit" : "draft", row, "", StateDigest(row)), now);
    if (submit) Notify(s, timings->applicant, row, *sv, "submitted", "", now);
    Filed out{FormatTrackingNumber(tn), code, row.status, row.due_at, row.fee_amount};
    if (!idempotency_key.empty()) {
      json::object response{{"tracking_number", out.tracking_number},
                            {"access_code", out.access_code},
                            {"status", out.status},
                            {"due_at", out.due_at},
                            {"fee_amount", out.fee_amount}};
      store_.RememberIdempotent(s, scope, std::string(idempotency_key), {request_hash, 201, json::serialize(response)},
                                now);
    }
    return out;
  });
  if (!filed.ok() && !idempotency_key.empty() && filed.error().code != ErrorCode::kConflict &&
      filed.error().code != ErrorCode::kValidation) {
    // Two requests with one key at the same moment (PostgreSQL): the loser finds the winner's answer.
    auto earlier =
        db_.Read([&](soci::session& s) { return store_.Idempotent(s, scope, std::string(idempotency_key)); });
    if (earlier.ok() && *earlier && (*earlier)->request_hash == request_hash) {
      auto o = json::parse((*earlier)->response).as_object();
      return FiledFromJson(o);
    }
  }
  return filed;
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

Status ApplicationsService::SaveData(const access::Actor& actor, std::string_view tracking_number,
                                     const boost::json::object& data, std::string_view lang) {
  bool en = lang == "en";
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  if (l->row.applicant_id != actor.account_id) return NotFound(lang);
  if (l->row.status != StatusName(FileStatus::kDraft) && l->row.status != StatusName(FileStatus::kReturned)) {
    return Error::Of(ErrorCode::kConflict, en ? "only a draft or a returned file can be changed"
                                              : "hanya draf atau berkas yang dikembalikan yang dapat diubah");
  }
  // Keep the files already attached: their fields are not in a page's form data.
  auto current = vault_.Open(l->row.data_sealed);
  json::object merged = data;
  if (current.ok()) {
    json::value stored = json::parse(*current);
    for (const auto& [k, v] : stored.as_object()) {
      const auto* f = l->service.definition.form.Find(k);
      if (f && f->type == FieldType::kFile && !merged.contains(k)) merged[k] = v;
    }
  }
  auto errors = catalog::ValidateData(l->service.definition.form, merged, FormContextFor(l->service), lang, false);
  if (!errors.empty()) return Error::Validation(std::move(errors));
  std::string now = FormatUtc(clock_());
  return db_.Write([&](soci::session& s) -> Status {
    auto row = store_.LockByTrackingNumber(s, l->row.tracking_number);
    if (!row || row->status != l->row.status) return Error::Of(ErrorCode::kConflict, "the file changed meanwhile");
    std::string before = StateDigest(*row);
    row->data_sealed = vault_.Seal(json::serialize(merged));
    row->updated_at = now;
    store_.Update(s, *row);
    audit::Record(s, actor, FileEvent("save", *row, before, StateDigest(*row)), now);
    return Ok{};
  });
}

Result<FileRow> ApplicationsService::Upload(const access::Actor& actor, std::string_view tracking_number,
                                            std::string_view field, std::string_view file_name, std::string_view bytes,
                                            std::string_view lang) {
  bool en = lang == "en";
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  if (l->row.applicant_id != actor.account_id) return NotFound(lang);
  if (l->row.status != StatusName(FileStatus::kDraft) && l->row.status != StatusName(FileStatus::kReturned)) {
    return Error::Of(ErrorCode::kConflict, en ? "files are attached to a draft or a returned file"
                                              : "berkas dilampirkan pada draf atau berkas yang dikembalikan");
  }
  const catalog::FormField* f = l->service.definition.form.Find(field);
  if (!f || f->type != FieldType::kFile) {
    return Error::Validation({{"field", en ? "not a file field of this form" : "bukan isian berkas formulir ini"}});
  }
  if (auto wrong = CheckFile(*f, bytes, lang)) return Error::Validation({std::move(*wrong)});
  auto kind = catalog::SniffFileKind(bytes);
  // Content addressed, written and synced before the row that points at it commits.
  auto stored = StoreBlob(options_.files_dir, bytes);
  if (!stored.ok()) return stored.error();
  std::string sha = *stored;
  std::string now = FormatUtc(clock_());
  std::string name(file_name.substr(0, 200));
  if (name.empty()) name = f->name;
  return db_.WriteReturning<FileRow>([&](soci::session& s) -> Result<FileRow> {
    auto row = store_.LockByTrackingNumber(s, l->row.tracking_number);
    if (!row) return NotFound(lang);
    FileRow file{
        0,   row->id, f->name, name, std::string(catalog::FileKindName(*kind)), static_cast<std::int64_t>(bytes.size()),
        sha, now};
    file.id = store_.AddFile(s, file);
    auto data = vault_.Open(row->data_sealed);
    json::object o = data.ok() ? json::parse(*data).as_object() : json::object{};
    std::string before = StateDigest(*row);
    o[f->name] = file.id;
    row->data_sealed = vault_.Seal(json::serialize(o));
    row->updated_at = now;
    store_.Update(s, *row);
    audit::Record(s, actor, FileEvent("upload", *row, before, audit::Digest(sha)), now);
    return file;
  });
}

Result<Filed> ApplicationsService::Submit(const access::Actor& actor, std::string_view tracking_number,
                                          std::string_view lang) {
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  if (l->row.applicant_id != actor.account_id) return NotFound(lang);
  const catalog::Definition& d = l->service.definition;
  auto data = vault_.Open(l->row.data_sealed);
  json::object o = data.ok() ? json::parse(*data).as_object() : json::object{};
  auto errors = catalog::ValidateData(d.form, o, FormContextFor(l->service), lang, true);
  for (const auto& f : d.form.fields) {
    if (f.type != FieldType::kFile || !o.contains(f.name)) continue;
    std::int64_t id = o[f.name].is_int64() ? o[f.name].as_int64() : 0;
    bool ours = std::any_of(l->files.begin(), l->files.end(),
                            [&](const FileRow& r) { return r.id == id && r.field == f.name; });
    if (!ours) errors.push_back({f.name, lang == "en" ? "attach the file again" : "lampirkan berkas lagi"});
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  // The fee follows the data as submitted (a correction may change an area or a duration).
  auto fee = catalog::FeeFor(d, o, lang);
  if (!fee.ok()) return fee.error();
  auto timings = TimingsFor(l->service, l->row.applicant_id);
  if (!timings.ok()) return timings.error();
  std::string now = FormatUtc(clock_());
  return db_.WriteReturning<Filed>([&](soci::session& s) -> Result<Filed> {
    auto row = store_.LockByTrackingNumber(s, l->row.tracking_number);
    if (!row) return NotFound(lang);
    row->fee_amount = *fee;
    std::string before = StateDigest(*row);
    auto events = store_.Events(s, row->id);
    const char* action = "submit";
    if (row->status == StatusName(FileStatus::kDraft)) {
      const catalog::Step& first = d.workflow.steps.front();
      row->status = StatusName(FileStatus::kInProgress);
      row->step = first.key;
      row->step_node_path = timings->steps.at(first.key).path;
      row->step_role = access::RoleName(first.role);
      row->step_started_at = row->submitted_at = now;
    } else if (row->status == StatusName(FileStatus::kReturned)) {
      auto outcome = Resubmit({FileStatus::kReturned, row->step}, lang);
      if (!outcome.ok()) return outcome.error();
      row->status = StatusName(FileStatus::kInProgress);
      row->paused_at.clear();
      action = "resubmit";
    } else {
      return Error::Of(ErrorCode::kConflict, lang == "en" ? "the file was already submitted" : "berkas sudah diajukan");
    }
    const catalog::Step* step = d.workflow.Find(row->step);
    EventRow event{0, row->id, now, actor.account_id, step ? step->node_id : 0, row->step, action, "", false, ""};
    events.push_back(event);
    if (step) {
      if (auto due = StepDue(*row, timings->steps.at(step->key), step->time_limit_days, events))
        row->step_due_at = FormatUtc(*due);
    }
    if (auto due = ServiceDue(*row, timings->service, d.time_limit_days, events)) row->due_at = FormatUtc(*due);
    event.due_at = row->step_due_at;
    row->updated_at = now;
    store_.Update(s, *row);
    store_.AddEvent(s, event);
    audit::Record(s, actor, FileEvent(action, *row, before, StateDigest(*row)), now);
    Notify(s, timings->applicant, *row, l->service, action == std::string("submit") ? "submitted" : "resubmitted", "",
           now);
    return Filed{FormatTrackingNumber(row->tracking_number), "", row->status, row->due_at, row->fee_amount};
  });
}

FileView ApplicationsService::View(const access::Actor& actor, const ApplicationRow& row,
                                   const catalog::ServiceView& service, const std::vector<EventRow>& events,
                                   const std::vector<FileRow>& files, std::string_view lang) {
  const catalog::Definition& d = service.definition;
  bool applicant = actor.account_id == row.applicant_id;
  FileView v;
  v.row = row;
  v.service = service;
  v.zone = ParseTimeZone(service.service.node_timezone);
  v.tracking_number = FormatTrackingNumber(row.tracking_number);
  v.files = files;
  std::map<std::int64_t, std::string> offices;
  auto office = [&](std::int64_t id) -> std::string {
    if (id == 0) return "";
    auto it = offices.find(id);
    if (it != offices.end()) return it->second;
    auto node = org_.Get(id);
    return offices[id] = node.ok() ? node->name : "";
  };
  if (const catalog::Step* step = d.workflow.Find(row.step)) {
    v.step_name = step->name.In(lang);
    v.step_office = office(step->node_id);
    if (auto due = ParseUtc(row.step_due_at); due && row.status == StatusName(FileStatus::kInProgress)) {
      auto node = org_.Get(step->node_id);
      if (node.ok()) {
        v.days_left = WorkingDaysLeft(calendar_.For(node->path), ParseTimeZone(node->timezone), clock_(), *due);
        v.has_due = true;
      }
    }
  }
  auto data = vault_.Open(row.data_sealed);
  json::object o = data.ok() ? json::parse(*data).as_object() : json::object{};
  for (const auto& f : d.form.fields) {
    FieldValue fv{f.name, f.label.In(lang), std::string(catalog::FieldTypeName(f.type)),
                  ValueText(o.if_contains(f.name))};
    if (f.type == FieldType::kFile) {
      fv.file_id = o.contains(f.name) && o[f.name].is_int64() ? o[f.name].as_int64() : 0;
      fv.value.clear();
      for (const auto& file : files) {
        if (file.id == fv.file_id) fv.value = file.file_name;
      }
    } else if (f.type == FieldType::kChoice) {
      for (const auto& c : f.options) {
        if (c.value == fv.value) fv.value = c.label.In(lang);
      }
    } else if (f.type == FieldType::kRegion && !fv.value.empty()) {
      fv.value = org_.RegionName(fv.value);  // a place by its name, not its Kemendagri code
    } else if (!applicant && !fv.value.empty() && (f.type == FieldType::kNik || f.type == FieldType::kPhone)) {
      fv.value = f.type == FieldType::kNik ? MaskNik(fv.value) : MaskPhone(fv.value);
      fv.masked = true;
    }
    v.fields.push_back(std::move(fv));
  }
  for (const auto& e : events) {
    if (applicant && (e.internal || e.action == "claim" || e.action == "release")) continue;
    const catalog::Step* step = d.workflow.Find(e.step);
    // The "issued" event keeps the document's id for the record; people read the document's number on its card.
    std::string note = e.action == "issued" ? std::string() : e.note;
    v.timeline.push_back(
        {e.at, e.action, step ? step->name.In(lang) : "", office(e.office_node_id), note, e.internal, e.due_at});
    if (e.action == "return") v.returned_note = e.note;
  }
  if (row.status != StatusName(FileStatus::kReturned)) v.returned_note.clear();
  if (applicant) {
    if (row.status == StatusName(FileStatus::kDraft) || row.status == StatusName(FileStatus::kReturned)) {
      v.actions = {"save", "upload", "submit"};
    }
  } else if (row.claimed_by != 0 && row.claimed_by != actor.account_id && !row.step_node_path.empty() &&
             std::any_of(actor.grants.begin(), actor.grants.end(), [&](const access::Grant& g) {
               return g.role == access::Role::kKepala && access::InSubtree(g.node_id, row.step_node_path);
             })) {
    v.actions.push_back("release");  // the head frees a claim someone else holds
  } else if (MayAct(actor, row)) {
    if (row.claimed_by == 0) v.actions.push_back("claim");
    if (row.claimed_by == actor.account_id) v.actions.push_back("release");
    if (row.claimed_by == 0 || row.claimed_by == actor.account_id) {
      if (const catalog::Step* step = d.workflow.Find(row.step)) {
        for (auto a : step->actions) v.actions.emplace_back(catalog::StepActionName(a));
      }
    }
  }
  return v;
}

Result<FileView> ApplicationsService::Get(const access::Actor& actor, std::string_view tracking_number,
                                          std::string_view lang) {
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  FileView v = View(actor, l->row, l->service, l->events, l->files, lang);
  if (bill_of_) v.bill = bill_of_(l->row.id);
  if (document_of_ && l->row.status == StatusName(FileStatus::kCompleted)) {
    v.document_id = document_of_(l->row.id).value_or("");
  }
  return v;
}

Result<boost::json::object> ApplicationsService::RawData(const access::Actor& actor, std::string_view tracking_number) {
  auto l = Load(actor, tracking_number, "id");
  if (!l.ok()) return l.error();
  if (l->row.applicant_id != actor.account_id) return NotFound("id");
  auto data = vault_.Open(l->row.data_sealed);
  if (!data.ok()) return data.error();
  json::value v = json::parse(*data);
  json::object out;
  for (const auto& [k, value] : v.as_object()) {
    const auto* f = l->service.definition.form.Find(k);
    if (f && f->type != FieldType::kFile) out[k] = value.is_string() ? value : json::value(json::serialize(value));
  }
  return out;
}

Result<std::vector<FileView>> ApplicationsService::Mine(const access::Actor& actor, std::string_view lang) {
  if (actor.account_id == 0) {
    return Error::Of(ErrorCode::kUnauthorized, lang == "en" ? "a person's own applications: sign in as that person"
                                                            : "permohonan milik seseorang: masuk sebagai orang itu");
  }
  auto rows = db_.Read([&](soci::session& s) { return store_.OfApplicant(s, actor.account_id, 100); });
  if (!rows.ok()) return rows.error();
  std::vector<FileView> out;
  for (const auto& r : *rows) {
    auto sv = catalog_.Version(r.version_id);
    if (sv.ok()) out.push_back(View(actor, r, *sv, {}, {}, lang));
  }
  return out;
}

Result<ApplicationsService::MinePage> ApplicationsService::Mine(const access::Actor& actor, std::optional<bool> closed,
                                                                int page, int per_page, std::string_view lang) {
  if (actor.account_id == 0 || actor.api_key_id != 0) {
    return Error::Of(ErrorCode::kUnauthorized, lang == "en" ? "a person's own applications: sign in as that person"
                                                            : "permohonan milik seseorang: masuk sebagai orang itu");
  }
  int limit = std::clamp(per_page, 1, 100);
  int offset = (std::clamp(page, 1, 100'000) - 1) * limit;
  auto rows =
      db_.Read([&](soci::session& s) { return store_.OfApplicant(s, actor.account_id, closed, limit + 1, offset); });
  if (!rows.ok()) return rows.error();
  MinePage out;
  out.more = static_cast<int>(rows->size()) > limit;
  if (out.more) rows->pop_back();
  for (const auto& r : *rows) {
    auto sv = catalog_.Version(r.version_id);
    if (sv.ok()) out.items.push_back(View(actor, r, *sv, {}, {}, lang));
  }
  return out;
}

std::optional<std::string> ApplicationsService::TrackingNumberById(std::int64_t application_id) {
  auto row = db_.Read([&](soci::session& s) { return store_.ById(s, application_id); });
  if (!row.ok() || !*row) return std::nullopt;
  return FormatTrackingNumber((*row)->tracking_number);
}

Result<TrackView> ApplicationsService::Track(const access::Actor& by, std::string_view tracking_number,
                                             std::string_view access_code, std::string_view lang) {
  bool en = lang == "en";
  auto wrong = Error::Of(ErrorCode::kNotFound, en ? "no application with that number and code"
                                                  : "tidak ada permohonan dengan nomor dan kode tersebut");
  auto tn = NormalizeTrackingNumber(tracking_number);
  if (!tn) return wrong;
  // Guessing codes is braked per number and per caller's address; while braked even the right code waits.
  const std::string number_key = "t:" + *tn, address_key = "a:" + AddressKey(by.address);
  // Counted as the attempt begins (many at once cannot all pass a check made before any was counted); the right code
  // is taken back below.
  if (auto refused = limiter_.Admit(
          {{limits_.access_code_number, number_key}, {limits_.access_code_address, address_key}}, lang)) {
    return *refused;
  }
  auto found = db_.Read([&](soci::session& s) -> std::optional<std::pair<ApplicationRow, std::vector<EventRow>>> {
    auto row = store_.ByTrackingNumber(s, *tn);
    if (!row) return std::nullopt;
    return std::make_pair(*row, store_.Events(s, row->id));
  });
  if (!found.ok()) return found.error();
  // The same answer for an unknown number and a wrong code, compared in constant time.
  std::string expected = *found && *found ? (*found)->first.access_code_hash : std::string(64, '0');
  std::string given = CodeHash(*tn, NormalizeAccessCode(access_code));
  if (!*found || sodium_memcmp(expected.data(), given.data(), std::min(expected.size(), given.size())) != 0 ||
      expected.size() != given.size()) {
    return wrong;
  }
  limiter_.RefundAll({{limits_.access_code_number, number_key}, {limits_.access_code_address, address_key}});
  const auto& [row, events] = **found;
  if (row.status == StatusName(FileStatus::kDraft)) return wrong;
  auto sv = catalog_.Version(row.version_id);
  if (!sv.ok()) return sv.error();
  TrackView t;
  t.tracking_number = FormatTrackingNumber(row.tracking_number);
  t.service_name = sv->definition.name.In(lang);
  t.agency = sv->service.node_name;
  t.zone = ParseTimeZone(sv->service.node_timezone);
  t.status = row.status;
  t.submitted_at = row.submitted_at;
  t.due_at = row.due_at;
  if (const catalog::Step* step = sv->definition.workflow.Find(row.step); step && !Closed(*ParseStatus(row.status))) {
    t.step_name = step->name.In(lang);
    auto node = org_.Get(step->node_id);
    t.step_office = node.ok() ? node->name : "";
  }
  for (const auto& e : events) {
    if (e.internal || e.action == "claim" || e.action == "release" || e.action == "draft" || e.action == "note")
      continue;
    const catalog::Step* step = sv->definition.workflow.Find(e.step);
    auto node = e.office_node_id ? org_.Get(e.office_node_id) : Result<org::Node>(Error::Of(ErrorCode::kNotFound, ""));
    t.timeline.push_back(
        {e.at, e.action, step ? step->name.In(lang) : "", node.ok() ? node->name : "", "", false, e.due_at});
  }
  return t;
}

Result<std::vector<WorkItem>> ApplicationsService::Worklist(const access::Actor& actor, const WorklistFilter& filter,
                                                            std::string_view lang) {
  WorklistQuery q;
  for (const auto& g : actor.grants) {
    if (!OfficerRole(g.role)) continue;
    auto node = org_.Get(g.node_id);
    if (!node.ok()) continue;
    // A grant reaches its node's subtree: one exact (role, node) pair per node there.
    for (const auto& n : org_.SubtreeOf(node->path)) q.grants.push_back({std::string(access::RoleName(g.role)), n});
  }
  if (q.grants.empty()) {
    return Error::Of(ErrorCode::kForbidden, lang == "en" ? "the worklist is for officers who process files"
                                                         : "daftar kerja untuk petugas yang memproses berkas");
  }
  q.service_id = filter.service_id;
  q.step = filter.step;
  q.status = filter.status == "returned" ? "returned" : "in_progress";
  q.limit = kWorklistPage;
  q.offset = std::max(0, filter.page - 1) * kWorklistPage;
  auto rows = db_.Read([&](soci::session& s) { return store_.Worklist(s, q); });
  if (!rows.ok()) return rows.error();
  TimePoint now = clock_();
  std::map<std::string, std::pair<WorkCalendar, TimeZone>> calendars;  // by step node path
  std::vector<WorkItem> out;
  for (const auto& r : *rows) {
    auto sv = catalog_.Version(r.version_id);
    if (!sv.ok()) continue;
    WorkItem w;
    w.row = r;
    w.tracking_number = FormatTrackingNumber(r.tracking_number);
    w.service_name = sv->definition.name.In(lang);
    const catalog::Step* step = sv->definition.workflow.Find(r.step);
    w.step_name = step ? step->name.In(lang) : r.step;
    w.claimed = r.claimed_by != 0;
    w.claimed_by_me = r.claimed_by == actor.account_id;
    auto due = ParseUtc(r.step_due_at);
    if (due && step) {
      auto it = calendars.find(r.step_node_path);
      if (it == calendars.end()) {
        auto node = org_.Get(step->node_id);
        TimeZone z = node.ok() ? ParseTimeZone(node->timezone) : TimeZone::kWib;
        it = calendars.emplace(r.step_node_path, std::make_pair(calendar_.For(r.step_node_path), z)).first;
      }
      w.days_left = WorkingDaysLeft(it->second.first, it->second.second, now, *due);
      w.zone = it->second.second;
      w.marker = now > *due ? "overdue" : w.days_left <= 2 ? "due_soon" : "on_time";
    }
    out.push_back(std::move(w));
  }
  return out;
}

Result<FileView> ApplicationsService::Act(const access::Actor& actor, std::string_view tracking_number,
                                          std::string_view action_name, std::string_view note, std::string_view lang,
                                          std::string_view to) {
  bool en = lang == "en";
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  const catalog::Definition& d = l->service.definition;
  bool claim = action_name == "claim", release = action_name == "release", assign = action_name == "assign";
  auto action = catalog::ParseStepAction(action_name);
  if (!claim && !release && !assign && !action) {
    return Error::Validation({{"action", en ? "unknown action" : "tindakan tidak dikenal"}});
  }
  // The head over the step's node answers for its queue: frees a claim, or hands the file to someone.
  auto is_head = [&](const ApplicationRow& row) {
    return std::any_of(actor.grants.begin(), actor.grants.end(), [&](const access::Grant& g) {
      return g.role == access::Role::kKepala && !row.step_node_path.empty() &&
             access::InSubtree(g.node_id, row.step_node_path);
    });
  };
  std::optional<access::Actor> assignee;
  if (assign) {
    assignee = actor_by_email_ ? actor_by_email_(to) : std::nullopt;
    if (!assignee || !MayAct(*assignee, l->row)) {
      return Error::Validation({{"to", en ? "name an officer who may act at this step"
                                          : "sebutkan petugas yang berwenang pada langkah ini"}});
    }
  }
  auto timings = TimingsFor(l->service, l->row.applicant_id);
  if (!timings.ok()) return timings.error();
  std::string now = FormatUtc(clock_());
  // Approving at the last step completes the file: its output is rendered and signed first (slow, and it may fail
  // for want of a key, which refuses the approval), and recorded in the same unit of work as the completion.
  std::optional<RecordOutput> output;
  if (const catalog::Step* at = d.workflow.Find(l->row.step);
      action == StepAction::kApprove && at && at->next.empty() && MayAct(actor, l->row)) {
    Signatory signer = officer_of_ ? officer_of_(actor.account_id) : Signatory{};
    auto prepared =
        PrepareOutput(l->row, l->service, signer,
                      "Berdasarkan pemeriksaan atas permohonan dan persyaratannya, permohonan ini DISETUJUI.", now);
    if (!prepared.ok()) return prepared.error();
    output = std::move(*prepared);
  }
  Status done = db_.Write([&](soci::session& s) -> Status {
    auto row = store_.LockByTrackingNumber(s, l->row.tracking_number);
    if (!row) return NotFound(lang);
    bool head_move = (assign || release) && is_head(*row);
    if (assign && !head_move) {
      return Error::Of(ErrorCode::kForbidden, en ? "only the head over this step assigns its files"
                                                 : "hanya kepala di atas langkah ini yang dapat menugaskan berkasnya");
    }
    if (!head_move && !MayAct(actor, *row)) {
      return Error::Of(ErrorCode::kForbidden,
                       en ? "you may not act on this file at its current step"
                          : "Anda tidak berwenang memproses berkas ini pada langkahnya sekarang");
    }
    if (!head_move && row->claimed_by != 0 && row->claimed_by != actor.account_id) {
      return Error::Of(ErrorCode::kConflict,
                       en ? "another officer has claimed this file" : "berkas ini sedang ditangani petugas lain");
    }
    const catalog::Step* step = d.workflow.Find(row->step);
    if (!step) return Error::Of(ErrorCode::kInternal, "the file's step is not in its workflow");
    std::string before = StateDigest(*row);
    auto events = store_.Events(s, row->id);
    EventRow event{0,
                   row->id,
                   now,
                   actor.account_id,
                   step->node_id,
                   row->step,
                   std::string(action_name),
                   std::string(note),
                   false,
                   row->step_due_at};
    std::vector<EventRow> caused;  // a bill issued on reaching a payment step
    if (claim || release || assign) {
      if (release && !head_move && row->claimed_by != actor.account_id) {
        return Error::Of(ErrorCode::kConflict,
                         en ? "the file is not claimed by you" : "berkas tidak sedang Anda tangani");
      }
      if (assign && !MayAct(*assignee, *row)) {
        return Error::Validation({{"to", en ? "that officer may not act at this step"
                                            : "petugas tersebut tidak berwenang pada langkah ini"}});
      }
      row->claimed_by = claim ? actor.account_id : assign ? assignee->account_id : 0;
      if (assign) event.note = std::string(to);
      event.internal = true;
    } else {
      auto outcome = Decide(d.workflow, {*ParseStatus(row->status), row->step}, *action, note, lang);
      if (!outcome.ok()) return outcome.error();
      row->status = StatusName(outcome->next.status);
      event.internal = *action == StepAction::kNote;
      if (outcome->step_changed) {
        events.push_back(event);
        std::size_t had = events.size();
        if (auto st = EnterStep(s, *row, d, *d.workflow.Find(outcome->next.step), *timings, events, now, lang);
            !st.ok()) {
          return st;
        }
        caused.assign(events.begin() + static_cast<std::ptrdiff_t>(had), events.end());
      }
      if (outcome->clock_stops) {
        row->paused_at = now;
        row->claimed_by = 0;
      }
      if (outcome->finished) {
        row->closed_at = now;
        row->step_role.clear();
        row->step_node_path.clear();
        row->claimed_by = 0;
      }
      if (!outcome->step_changed && !outcome->finished && *action != StepAction::kNote && !outcome->clock_stops) {
        return Error::Of(ErrorCode::kInternal, "an action that changes nothing");
      }
      if (outcome->finished || outcome->clock_stops) {
        Notify(s, timings->applicant, *row, l->service,
               outcome->clock_stops ? "returned" : std::string_view(row->status), note, now);
      }
    }
    row->updated_at = now;
    store_.Update(s, *row);
    store_.AddEvent(s, event);
    for (const auto& e : caused) store_.AddEvent(s, e);
    if (output && row->status == StatusName(FileStatus::kCompleted)) {
      auto id = (*output)(s);
      if (!id.ok()) return id.error();
      store_.AddEvent(s,
                      {0, row->id, now, actor.account_id, event.office_node_id, event.step, "issued", *id, false, ""});
    }
    audit::Record(s, actor, FileEvent(std::string(action_name), *row, before, StateDigest(*row)), now);
    if (row->status == StatusName(FileStatus::kAwaitingPayment)) {
      Notify(s, timings->applicant, *row, l->service, "bill", caused.empty() ? "" : caused.back().note, now);
    }
    return Ok{};
  });
  if (!done.ok()) return done.error();
  return Get(actor, tracking_number, lang);
}

Result<std::optional<ApplicationsService::RecordOutput>> ApplicationsService::PrepareOutput(
    const ApplicationRow& row, const catalog::ServiceView& service, const Signatory& signer,
    const std::string& decision, const std::string& now) {
  if (!output_issuer_) return std::optional<RecordOutput>{};
  auto data = vault_.Open(row.data_sealed);
  if (!data.ok()) return data.error();
  OutputRequest request{row,      &service, json::parse(*data).as_object(), signer.name, signer.position, signer.nip,
                        decision, now};
  auto record = output_issuer_(request);
  if (!record.ok()) return record.error();
  return std::optional<RecordOutput>(std::move(*record));
}

Status ApplicationsService::EnterStep(soci::session& s, ApplicationRow& row, const catalog::Definition& d,
                                      const catalog::Step& next, const Timings& timings, std::vector<EventRow>& events,
                                      const std::string& now, std::string_view lang) {
  const Timing& timing = timings.steps.at(next.key);
  row.step = next.key;
  row.step_node_path = timing.path;
  row.step_started_at = now;
  row.claimed_by = 0;
  if (!next.payment) {
    row.status = StatusName(FileStatus::kInProgress);
    row.step_role = access::RoleName(next.role);
    if (auto due = StepDue(row, timing, next.time_limit_days, events)) row.step_due_at = FormatUtc(*due);
    return Ok{};
  }
  // Nothing to pay (a formula that came to Rp 0): the payment step is passed over.
  if (row.fee_amount <= 0) {
    const catalog::Step* after = d.workflow.Find(next.next);
    if (!after) return Error::Of(ErrorCode::kInternal, "a payment step without a next step");
    return EnterStep(s, row, d, *after, timings, events, now, lang);
  }
  if (!bill_issuer_) return Error::Of(ErrorCode::kUnavailable, "payments are not set up on this server");
  auto bill = bill_issuer_(s, row, now);
  if (!bill.ok()) return bill.error();
  row.status = StatusName(FileStatus::kAwaitingPayment);
  row.step_role.clear();  // nobody acts: the bank's callback moves it on
  row.step_due_at.clear();
  row.paused_at = now;
  auto version = catalog_.Version(row.version_id);  // frozen versions are cached: no database read
  TimeZone zone = version.ok() ? ParseTimeZone(version->service.node_timezone) : TimeZone::kWib;
  EventRow e{0, row.id, now, 0, next.node_id, next.key, "bill", BillNote(*bill, lang, zone), false, ""};
  events.push_back(e);
  return Ok{};
}

struct ApplicationsService::PaymentStep {
  ApplicationRow row;
  catalog::ServiceView service;
  Timings timings;
};

Result<std::shared_ptr<const ApplicationsService::PaymentStep>> ApplicationsService::PrepareForPayment(
    std::int64_t application_id) {
  auto row = db_.Read([&](soci::session& s) { return store_.ById(s, application_id); });
  if (!row.ok()) return row.error();
  if (!*row) return Error::Of(ErrorCode::kNotFound, "no such application");
  auto sv = catalog_.Version((*row)->version_id);
  if (!sv.ok()) return sv.error();
  auto timings = TimingsFor(*sv, (*row)->applicant_id);
  if (!timings.ok()) return timings.error();
  return std::make_shared<const PaymentStep>(PaymentStep{**row, std::move(*sv), std::move(*timings)});
}

std::string ApplicationsService::TrackingNumberOf(const PaymentStep& p) {
  return FormatTrackingNumber(p.row.tracking_number);
}
std::string ApplicationsService::AgencyOf(const PaymentStep& p) { return p.service.service.node_name; }

Status ApplicationsService::PaymentReceived(soci::session& s, const PaymentStep& p, const std::string& note,
                                            const std::string& now) {
  auto row = store_.LockByTrackingNumber(s, p.row.tracking_number);
  if (!row || row->status != StatusName(FileStatus::kAwaitingPayment)) {
    return Error::Of(ErrorCode::kConflict, "the file is not waiting for a payment");
  }
  const catalog::Definition& d = p.service.definition;
  const catalog::Step* step = d.workflow.Find(row->step);
  const catalog::Step* next = step ? d.workflow.Find(step->next) : nullptr;
  if (!next) return Error::Of(ErrorCode::kInternal, "a payment step without a next step");
  std::string before = StateDigest(*row);
  auto events = store_.Events(s, row->id);
  EventRow paid{0, row->id, now, 0, step->node_id, step->key, "paid", note, false, ""};
  events.push_back(paid);
  row->paused_at.clear();
  std::size_t had = events.size();
  if (auto st = EnterStep(s, *row, d, *next, p.timings, events, now, "id"); !st.ok()) return st;
  // The service's own deadline moves by the time the applicant took to pay.
  if (auto due = ServiceDue(*row, p.timings.service, d.time_limit_days, events)) row->due_at = FormatUtc(*due);
  row->updated_at = now;
  store_.Update(s, *row);
  store_.AddEvent(s, paid);
  for (std::size_t i = had; i < events.size(); ++i) store_.AddEvent(s, events[i]);
  audit::RecordSystem(s, FileEvent("paid", *row, before, StateDigest(*row)), now);
  Notify(s, p.timings.applicant, *row, p.service, "paid", note, now);
  return Ok{};
}

Result<ApplicationRow> ApplicationsService::AwaitingPayment(const access::Actor& actor,
                                                            std::string_view tracking_number, std::string_view lang) {
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  if (l->row.applicant_id != actor.account_id) return NotFound(lang);
  if (l->row.status != StatusName(FileStatus::kAwaitingPayment)) {
    return Error::Of(ErrorCode::kConflict, lang == "en" ? "the application is not waiting for a payment"
                                                        : "permohonan tidak menunggu pembayaran");
  }
  return l->row;
}

void ApplicationsService::BillReissued(soci::session& s, const ApplicationRow& row, const BillInfo& bill,
                                       const std::string& now) {
  const catalog::Step* step = nullptr;
  auto sv = catalog_.Version(row.version_id);  // frozen versions are cached: no database read
  if (sv.ok()) step = sv->definition.workflow.Find(row.step);
  store_.AddEvent(
      s, {0, row.id, now, row.applicant_id, step ? step->node_id : 0, row.step, "bill_reissued",
          BillNote(bill, "id", sv.ok() ? ParseTimeZone(sv->service.node_timezone) : TimeZone::kWib), false, ""});
}

Result<std::int64_t> ApplicationsService::CompletedCount(std::int64_t service_id, const std::string& node_path,
                                                         const std::string& from, const std::string& to) {
  return db_.Read([&](soci::session& s) { return store_.CompletedCount(s, service_id, node_path, from, to); });
}

Result<std::string> ApplicationsService::Reveal(const access::Actor& actor, std::string_view tracking_number,
                                                std::string_view field, std::string_view lang) {
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  const catalog::FormField* f = l->service.definition.form.Find(field);
  if (!f || (f->type != FieldType::kNik && f->type != FieldType::kPhone)) {
    return Error::Validation({{"field", lang == "en" ? "not a masked field" : "bukan isian yang disamarkan"}});
  }
  bool allowed = access::Allowed(actor, access::Action::kPersonalDataReveal, l->row.node_path) ||
                 (!l->row.step_node_path.empty() &&
                  access::Allowed(actor, access::Action::kPersonalDataReveal, l->row.step_node_path)) ||
                 actor.account_id == l->row.applicant_id;
  if (!allowed) {
    return Error::Of(ErrorCode::kForbidden, lang == "en" ? "you may not see this personal data"
                                                         : "Anda tidak berwenang melihat data pribadi ini");
  }
  auto data = vault_.Open(l->row.data_sealed);
  if (!data.ok()) return data.error();
  std::string value = ValueText(json::parse(*data).as_object().if_contains(f->name));
  std::string now = FormatUtc(clock_());
  // Every reveal leaves a trace (UU 27/2022): who saw which field of which file, when, from where.
  Status recorded = db_.Write([&](soci::session& s) -> Status {
    audit::Record(s, actor, FileEvent("reveal", l->row, "", audit::Digest(std::string(field))), now);
    return Ok{};
  });
  if (!recorded.ok()) return recorded.error();
  return value;
}

Result<std::pair<FileRow, std::string>> ApplicationsService::ReadFile(const access::Actor& actor,
                                                                      std::string_view tracking_number,
                                                                      std::int64_t file_id, std::string_view lang) {
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  for (const auto& f : l->files) {
    if (f.id != file_id) continue;
    auto read = ReadBlob(options_.files_dir, f.sha256);
    if (!read) return Error::Of(ErrorCode::kUnavailable, "the file cannot be read");
    std::string bytes = std::move(*read);
    if (crypto::Sha256Hex(bytes) != f.sha256) {
      log::Error("attachment does not match its hash", {{"sha256", f.sha256}});
      return Error::Of(ErrorCode::kInternal, "the stored file is damaged");
    }
    return std::make_pair(f, std::move(bytes));
  }
  return Error::Of(ErrorCode::kNotFound, lang == "en" ? "no such file" : "berkas tidak ditemukan");
}

Result<int> ApplicationsService::SweepOverdue() {
  TimePoint now_tp = clock_();
  std::string now = FormatUtc(now_tp);
  auto due = db_.Read([&](soci::session& s) { return store_.Overdue(s, now, 200); });
  if (!due.ok()) return due.error();
  int sent = 0;
  for (const auto& overdue : *due) {
    // Named, not bound: structured bindings cannot be captured by the lambdas below before C++20 compilers caught up
    // (clang 14 builds the fuzz targets).
    const std::string& tn = overdue.first;
    const int level = overdue.second;
    auto found = db_.Read([&](soci::session& s) -> std::optional<std::pair<ApplicationRow, std::vector<EventRow>>> {
      auto row = store_.ByTrackingNumber(s, tn);
      if (!row) return std::nullopt;
      return std::make_pair(*row, store_.Events(s, row->id));
    });
    if (!found.ok() || !*found) continue;
    const ApplicationRow& row = (*found)->first;
    const std::vector<EventRow>& events = (*found)->second;
    auto sv = catalog_.Version(row.version_id);
    if (!sv.ok()) continue;
    const catalog::Step* step = sv->definition.workflow.Find(row.step);
    if (!step) continue;
    auto timings = TimingsFor(*sv, 0);
    if (!timings.ok()) continue;
    // Overdue by the step's own length again: the OPD's head hears of it.
    auto twice = StepDue(row, timings->steps.at(step->key), 2 * step->time_limit_days, events);
    int target = twice && now_tp > *twice ? 2 : 1;
    if (target <= level) continue;
    std::string where = row.step_node_path;
    if (target == 2) {
      if (auto opd = org_.Enclosing(row.step_node_path, org::NodeKind::kPerangkatDaerah)) where = opd->path;
    }
    std::vector<notify::Recipient> heads = heads_of_ ? heads_of_(where) : std::vector<notify::Recipient>{};
    std::string tracking = FormatTrackingNumber(row.tracking_number);
    Status st = db_.Write([&](soci::session& s) -> Status {
      if (!store_.RaiseOverdue(s, row.id, level, target)) return Ok{};  // another process sent it
      for (const auto& to : heads) {
        notifier_.Send(s, to, target == 2 ? "step_escalated" : "step_overdue",
                       {{"tracking_number", tracking},
                        {"service", sv->definition.name.In(to.language)},
                        {"step", step->name.In(to.language)},
                        {"due_date", row.step_due_at.substr(0, 10)}},
                       "/kerja/" + tracking, now);
      }
      audit::RecordSystem(s, FileEvent(target == 2 ? "escalate" : "overdue", row, "", audit::Digest(where)), now);
      sent += static_cast<int>(heads.size());
      return Ok{};
    });
    if (!st.ok()) return st.error();
  }
  return sent;
}

Result<int> ApplicationsService::GrantUndecided() {
  std::string now = FormatUtc(clock_());
  auto due = db_.Read([&](soci::session& s) { return store_.UndecidedPastLimit(s, now, 200); });
  if (!due.ok()) return due.error();
  int granted = 0;
  for (const auto& tn : *due) {
    auto row = db_.Read([&](soci::session& s) { return store_.ByTrackingNumber(s, tn); });
    if (!row.ok() || !*row) continue;
    auto sv = catalog_.Version((*row)->version_id);
    if (!sv.ok()) continue;
    notify::Recipient to = recipient_of_ ? recipient_of_((*row)->applicant_id) : notify::Recipient{};
    const catalog::Definition& d = sv->definition;
    std::string basis = d.standard.legal_basis.empty() ? "" : d.standard.legal_basis.front();
    std::string note = fmt::format("Dianggap dikabulkan: tidak diputuskan dalam {} hari kerja (fiktif positif){}{}",
                                   d.time_limit_days, basis.empty() ? "" : "; dasar hukum: ", basis);
    auto output = PrepareOutput(**row, *sv, Signatory{"Sistem SPBE Terpadu", "atas nama " + sv->service.node_name, ""},
                                "Permohonan ini DIANGGAP DIKABULKAN karena tidak diputuskan dalam jangka waktu "
                                "pelayanan (fiktif positif)" +
                                    (basis.empty() ? std::string(".") : ", berdasarkan " + basis + "."),
                                now);
    if (!output.ok()) {
      log::Warn("deemed-granted output not issued", {{"tracking_number", tn}, {"error", output.error().detail}});
      continue;  // tried again at the next sweep
    }
    Status st = db_.Write([&](soci::session& s) -> Status {
      auto current = store_.LockByTrackingNumber(s, tn);
      if (!current || current->status != StatusName(FileStatus::kInProgress) || current->due_at >= now) return Ok{};
      std::string before = StateDigest(*current);
      std::string step = current->step;
      current->status = StatusName(FileStatus::kCompleted);
      current->closed_at = current->updated_at = now;
      current->step_role.clear();
      current->step_node_path.clear();
      current->claimed_by = 0;
      store_.Update(s, *current);
      const catalog::Step* at = d.workflow.Find(step);
      store_.AddEvent(s, {0, current->id, now, 0, at ? at->node_id : 0, step, "deemed_granted", note, false, ""});
      if (*output) {
        auto id = (**output)(s);
        if (!id.ok()) return id.error();
        store_.AddEvent(s, {0, current->id, now, 0, at ? at->node_id : 0, step, "issued", *id, false, ""});
      }
      audit::RecordSystem(s, FileEvent("deemed_granted", *current, before, StateDigest(*current)), now);
      Notify(s, to, *current, *sv, "completed", note, now);
      ++granted;
      return Ok{};
    });
    if (!st.ok()) return st.error();
  }
  return granted;
}

Result<int> ApplicationsService::RecountDeadlines() {
  const int kBatch = 500;
  int moved = 0;
  std::int64_t after = 0;
  std::map<std::int64_t, Timings> timings;  // by version
  for (;;) {
    auto batch = db_.Read([&](soci::session& s) {
      std::vector<std::pair<ApplicationRow, std::vector<EventRow>>> out;
      for (auto& r : store_.Running(s, after, kBatch)) {
        auto events = store_.Events(s, r.id);
        out.emplace_back(std::move(r), std::move(events));
      }
      return out;
    });
    if (!batch.ok()) return batch.error();
    if (batch->empty()) return moved;
    std::vector<ApplicationRow> changed;
    for (auto& [row, events] : *batch) {
      after = row.id;
      auto sv = catalog_.Version(row.version_id);
      if (!sv.ok()) continue;
      auto it = timings.find(row.version_id);
      if (it == timings.end()) {
        auto t = TimingsFor(*sv, 0);
        if (!t.ok()) continue;
        it = timings.emplace(row.version_id, std::move(*t)).first;
      }
      const catalog::Step* step = sv->definition.workflow.Find(row.step);
      ApplicationRow next = row;
      if (step) {
        auto due = StepDue(row, it->second.steps.at(step->key), step->time_limit_days, events);
        if (due) next.step_due_at = FormatUtc(*due);
      }
      if (auto due = ServiceDue(row, it->second.service, sv->definition.time_limit_days, events))
        next.due_at = FormatUtc(*due);
      if (next.step_due_at != row.step_due_at || next.due_at != row.due_at) changed.push_back(std::move(next));
    }
    if (changed.empty()) continue;
    Status st = db_.Write([&](soci::session& s) -> Status {
      for (const auto& r : changed) {
        // Only the deadlines: an officer may have acted meanwhile; the row is read again under its lock.
        auto current = store_.LockByTrackingNumber(s, r.tracking_number);
        if (!current || current->step != r.step || current->status != r.status) continue;
        current->step_due_at = r.step_due_at;
        current->due_at = r.due_at;
        store_.Update(s, *current);
      }
      return Ok{};
    });
    if (!st.ok()) return st.error();
    moved += static_cast<int>(changed.size());
  }
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
