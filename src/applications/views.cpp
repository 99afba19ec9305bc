// What people see: a file as its applicant or an officer sees it (get, raw data, mine), the public status by number
// and access code (track), an officer's worklist, a masked field revealed, and look-ups for other capabilities.
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "applications/service.hpp"
#include "applications/service_detail.hpp"
#include "audit/audit.hpp"
#include "platform/cidr.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::applications {
namespace {

namespace json = boost::json;
using catalog::FieldType;
using detail::CodeHash;
using detail::FileEvent;
using detail::NotFound;

constexpr int kWorklistPage = 50;

bool OfficerRole(access::Role r) {
  return r == access::Role::kLoket || r == access::Role::kVerifikator || r == access::Role::kTeknis ||
         r == access::Role::kKepala;
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

}  // namespace

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
  v.bill = ports_.billing.CurrentBill(l->row.id);
  if (l->row.status == StatusName(FileStatus::kCompleted)) {
    v.document_id = ports_.outputs.DocumentOf(l->row.id).value_or("");
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
    return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "applications_mine_sign_in"));
  }
  auto rows = db_.Read([&](soci::session& s) { return store_.OfApplicant(s, actor.account_id, 100); });
  if (!rows.ok()) return rows.error();
  std::vector<FileView> out;
  for (const auto& r : *rows) {
    auto sv = catalog_.VersionRef(r.version_id);
    if (sv.ok()) out.push_back(View(actor, r, **sv, {}, {}, lang));
  }
  return out;
}

Result<ApplicationsService::MinePage> ApplicationsService::Mine(const access::Actor& actor, std::optional<bool> closed,
                                                                int page, int per_page, std::string_view lang) {
  if (actor.account_id == 0 || actor.api_key_id != 0) {
    return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "applications_mine_sign_in"));
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
    auto sv = catalog_.VersionRef(r.version_id);
    if (sv.ok()) out.items.push_back(View(actor, r, **sv, {}, {}, lang));
  }
  return out;
}

std::optional<std::string> ApplicationsService::TrackingNumberById(std::int64_t application_id) {
  auto row = db_.Read([&](soci::session& s) { return store_.ById(s, application_id); });
  if (!row.ok() || !*row) return std::nullopt;
  return FormatTrackingNumber((*row)->tracking_number);
}

Result<std::shared_ptr<const TrackView>> ApplicationsService::Track(const access::Actor& by,
                                                                    std::string_view tracking_number,
                                                                    std::string_view access_code,
                                                                    std::string_view lang) {
  return *TrackFrom(by, tracking_number, access_code, lang, false);
}

std::optional<Result<std::shared_ptr<const TrackView>>> ApplicationsService::TrackFromMemory(
    const access::Actor& by, std::string_view tracking_number, std::string_view access_code, std::string_view lang) {
  return TrackFrom(by, tracking_number, access_code, lang, true);
}

std::optional<Result<std::shared_ptr<const TrackView>>> ApplicationsService::TrackFrom(const access::Actor& by,
                                                                                       std::string_view tracking_number,
                                                                                       std::string_view access_code,
                                                                                       std::string_view lang,
                                                                                       bool memory_only) {
  auto wrong = Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "applications_track_not_found"));
  auto tn = NormalizeTrackingNumber(tracking_number);
  if (!tn) return wrong;
  if (memory_only && !limiter_.InMemory()) return std::nullopt;
  // The file and its timeline, from memory when no change to it was committed since they were read.
  storage::CommittedCache<Tracked>::Ticket ticket;
  std::shared_ptr<const Tracked> found = tracked_.Find(*tn, ticket);
  if (!found && memory_only) return std::nullopt;  // before anything was counted
  // Guessing codes is braked per number and per caller's address; while braked even the right code waits.
  const std::string number_key = "t:" + *tn, address_key = "a:" + AddressKey(by.address);
  // Counted as the attempt begins (many at once cannot all pass a check made before any was counted); the right code
  // is taken back below, a wrong one stays counted.
  auto attempt =
      limiter_.Begin({{limits_.access_code_number, number_key}, {limits_.access_code_address, address_key}}, lang);
  if (attempt.refused) return *attempt.refused;
  if (!found) {
    auto read = db_.Read([&](soci::session& s) -> std::shared_ptr<const Tracked> {
      auto row = store_.ByTrackingNumber(s, *tn);
      if (!row) return nullptr;
      auto t = std::make_shared<Tracked>();
      t->row = std::move(*row);
      t->events = store_.Events(s, t->row.id);
      t->row.data_sealed.clear();  // the form's data is never shown here: not kept in memory either
      for (auto& e : t->events) e.note.clear();
      return t;
    });
    if (!read.ok()) return read.error();
    found = *read;
    if (found) tracked_.Put(*tn, found->row.id, found, ticket);
  }
  // The same answer for an unknown number and a wrong code, compared in constant time.
  std::string expected = found ? found->row.access_code_hash : std::string(64, '0');
  std::string given = CodeHash(*tn, NormalizeAccessCode(access_code));
  if (!found || sodium_memcmp(expected.data(), given.data(), std::min(expected.size(), given.size())) != 0 ||
      expected.size() != given.size()) {
    return wrong;
  }
  attempt.Succeeded();
  const auto& row = found->row;
  const auto& events = found->events;
  if (row.status == StatusName(FileStatus::kDraft)) return wrong;
  {
    std::lock_guard lock(found->mu);
    for (const auto& [view_lang, view] : found->views) {
      if (view_lang == lang) return Result<std::shared_ptr<const TrackView>>(view);
    }
  }
  std::shared_ptr<const catalog::ServiceView> sv = catalog_.CachedVersion(row.version_id);
  if (!sv && memory_only) return std::nullopt;  // the right code was taken back: the worker counts it afresh
  if (!sv) {
    auto v = catalog_.Version(row.version_id);
    if (!v.ok()) return v.error();
    sv = std::make_shared<const catalog::ServiceView>(std::move(*v));
  }
  // An office's name, from memory on a network thread; nullopt there means "ask the worker".
  auto office = [&](std::int64_t node_id) -> std::optional<std::string> {
    if (node_id == 0) return std::string();
    if (memory_only) {
      auto n = org_.Cached(node_id);
      return n ? std::optional<std::string>(n->name) : std::nullopt;
    }
    auto n = org_.Get(node_id);
    return n.ok() ? n->name : std::string();
  };
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
    auto name = office(step->node_id);
    if (!name) return std::nullopt;
    t.step_office = *name;
  }
  for (const auto& e : events) {
    if (e.internal || e.action == "claim" || e.action == "release" || e.action == "draft" || e.action == "note")
      continue;
    const catalog::Step* step = sv->definition.workflow.Find(e.step);
    auto name = office(e.office_node_id);
    if (!name) return std::nullopt;
    t.timeline.push_back({e.at, e.action, step ? step->name.In(lang) : "", *name, "", false, e.due_at});
  }
  auto view = std::make_shared<const TrackView>(std::move(t));
  std::lock_guard lock(found->mu);
  for (const auto& [view_lang, kept] : found->views) {
    if (view_lang == lang) return Result<std::shared_ptr<const TrackView>>(kept);  // another request made it first
  }
  found->views.emplace_back(std::string(lang), view);
  return Result<std::shared_ptr<const TrackView>>(view);
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
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "applications_worklist_officers_only"));
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
    auto sv = catalog_.VersionRef(r.version_id);
    if (!sv.ok()) continue;
    WorkItem w;
    w.row = r;
    w.tracking_number = FormatTrackingNumber(r.tracking_number);
    w.service_name = (*sv)->definition.name.In(lang);
    const catalog::Step* step = (*sv)->definition.workflow.Find(r.step);
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
    return Error::Validation({{"field", i18n::Tr(lang, "applications_not_masked_field")}});
  }
  bool allowed = access::Allowed(actor, access::Action::kPersonalDataReveal, l->row.node_path) ||
                 (!l->row.step_node_path.empty() &&
                  access::Allowed(actor, access::Action::kPersonalDataReveal, l->row.step_node_path)) ||
                 actor.account_id == l->row.applicant_id;
  if (!allowed) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "applications_reveal_forbidden"));
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

}  // namespace spbe::applications
