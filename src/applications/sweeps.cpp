// Sweeps: notices of overdue files to the heads (escalated when overdue twice over), files granted when undecided
// past the time limit (fiktif positif), and deadlines recounted after the holiday calendar changed.
#include <fmt/format.h>

#include <map>

#include "applications/service.hpp"
#include "applications/service_detail.hpp"
#include "audit/audit.hpp"
#include "platform/identifiers.hpp"
#include "platform/log.hpp"

namespace spbe::applications {
namespace {

using detail::FileEvent;
using detail::StateDigest;

}  // namespace

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
    std::vector<notify::Recipient> heads = ports_.recipients.HeadsOf(where);
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
    notify::Recipient to = ports_.recipients.RecipientOf((*row)->applicant_id);
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

}  // namespace spbe::applications
