// Filing: what a first filing from the form would refuse, a new file (submitted at once or kept as a draft), a
// draft's data replaced, and a draft submitted or a returned file sent back.
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>

#include "applications/service.hpp"
#include "applications/service_detail.hpp"
#include "audit/audit.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::applications {
namespace {

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
using detail::CheckFile;
using detail::CodeHash;
using detail::FileEvent;
using detail::NotFound;
using detail::StateDigest;

bool IsApplicant(const access::Actor& a) {
  return a.account_id != 0 && (a.kind == access::AccountKind::kWarga || a.kind == access::AccountKind::kPelakuUsaha);
}

}  // namespace

Status ApplicationsService::CheckFirstFiling(const access::Actor& actor, std::string_view service,
                                             const boost::json::object& data, const std::vector<Attached>& files,
                                             std::string_view lang) {
  if (!IsApplicant(actor)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "applications_applicant_account_only"));
  }
  auto sv = catalog_.Published(service);
  if (!sv.ok()) return Error::Validation({{"service_id", i18n::Tr(lang, "applications_service_not_found")}});
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
  if (!IsApplicant(actor)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "applications_applicant_account_only"));
  }
  auto sv = catalog_.Published(service);
  if (!sv.ok()) {
    return Error::Validation({{"service_id", i18n::Tr(lang, "applications_service_not_found")}});
  }
  const catalog::Definition& d = sv->definition;
  auto errors = catalog::ValidateData(d.form, data, FormContextFor(*sv), lang, submit);
  if (submit) {
    for (const auto& f : d.form.fields) {
      // Files are attached to a draft; a filing in one go cannot carry them.
      if (f.type == FieldType::kFile && f.required && !data.contains(f.name)) {
        std::erase_if(errors, [&](const FieldError& e) { return e.field == f.name; });
        errors.push_back({f.name, i18n::Tr(lang, "applications_attach_via_draft")});
      } else if (f.type == FieldType::kFile && data.contains(f.name)) {
        errors.push_back({f.name, i18n::Tr(lang, "applications_files_uploaded_to_draft")});
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
          return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "applications_idempotency_key_reused"));
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
    // Last: on PostgreSQL the audit chain's head stays locked from here to the commit, and every filing waits for it.
    audit::Record(s, actor, FileEvent(submit ? "submit" : "draft", row, "", StateDigest(row)), now);
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

Status ApplicationsService::SaveData(const access::Actor& actor, std::string_view tracking_number,
                                     const boost::json::object& data, std::string_view lang) {
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  if (l->row.applicant_id != actor.account_id) return NotFound(lang);
  if (l->row.status != StatusName(FileStatus::kDraft) && l->row.status != StatusName(FileStatus::kReturned)) {
    return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "applications_change_only_draft_or_returned"));
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
    if (!ours) errors.push_back({f.name, i18n::Tr(lang, "applications_attach_again")});
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
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "applications_already_submitted"));
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
    Notify(s, timings->applicant, *row, l->service, action == std::string("submit") ? "submitted" : "resubmitted", "",
           now);
    audit::Record(s, actor, FileEvent(action, *row, before, StateDigest(*row)), now);  // last, as in Create
    return Filed{FormatTrackingNumber(row->tracking_number), "", row->status, row->due_at, row->fee_amount};
  });
}

}  // namespace spbe::applications
