// Workflow: an officer's action on a file (a step's decision, or claim, release and assign), the output of an
// approval rendered and signed, and a file entering its next step (a payment step issues the bill).
#include <boost/json.hpp>

#include "applications/service.hpp"
#include "applications/service_detail.hpp"
#include "audit/audit.hpp"
#include "platform/i18n.hpp"

namespace spbe::applications {
namespace {

namespace json = boost::json;
using catalog::StepAction;
using detail::BillNote;
using detail::FileEvent;
using detail::NotFound;
using detail::StateDigest;

}  // namespace

Result<FileView> ApplicationsService::Act(const access::Actor& actor, std::string_view tracking_number,
                                          std::string_view action_name, std::string_view note, std::string_view lang,
                                          std::string_view to) {
  auto l = Load(actor, tracking_number, lang);
  if (!l.ok()) return l.error();
  const catalog::Definition& d = l->service.definition;
  bool claim = action_name == "claim", release = action_name == "release", assign = action_name == "assign";
  auto action = catalog::ParseStepAction(action_name);
  if (!claim && !release && !assign && !action) {
    return Error::Validation({{"action", i18n::Tr(lang, "applications_action_unknown")}});
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
    assignee = ports_.officers.ByEmail(to);
    if (!assignee || !MayAct(*assignee, l->row)) {
      return Error::Validation({{"to", i18n::Tr(lang, "applications_assign_name_officer")}});
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
    Signatory signer = ports_.officers.SignatoryOf(actor.account_id);
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
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "applications_assign_head_only"));
    }
    if (!head_move && !MayAct(actor, *row)) {
      return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "applications_act_forbidden"));
    }
    if (!head_move && row->claimed_by != 0 && row->claimed_by != actor.account_id) {
      return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "applications_claimed_by_other"));
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
        return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "applications_not_claimed_by_you"));
      }
      if (assign && !MayAct(*assignee, *row)) {
        return Error::Validation({{"to", i18n::Tr(lang, "applications_assignee_may_not_act")}});
      }
      row->claimed_by = claim ? actor.account_id : assign ? assignee->account_id : 0;
      if (assign) event.note = std::string(to);
      event.internal = true;
    } else {
      Status decided = ApplyStepAction(s, *row, l->service, *action, note, *timings, event, events, caused, now, lang);
      if (!decided.ok()) return decided;
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

Status ApplicationsService::ApplyStepAction(soci::session& s, ApplicationRow& row, const catalog::ServiceView& service,
                                            StepAction action, std::string_view note, const Timings& timings,
                                            EventRow& event, std::vector<EventRow>& events,
                                            std::vector<EventRow>& caused, const std::string& now,
                                            std::string_view lang) {
  const catalog::Definition& d = service.definition;
  auto outcome = Decide(d.workflow, {*ParseStatus(row.status), row.step}, action, note, lang);
  if (!outcome.ok()) return outcome.error();
  row.status = StatusName(outcome->next.status);
  event.internal = action == StepAction::kNote;
  if (outcome->step_changed) {
    events.push_back(event);
    std::size_t had = events.size();
    if (auto st = EnterStep(s, row, d, *d.workflow.Find(outcome->next.step), timings, events, now, lang); !st.ok()) {
      return st;
    }
    caused.assign(events.begin() + static_cast<std::ptrdiff_t>(had), events.end());
  }
  if (outcome->clock_stops) {
    row.paused_at = now;
    row.claimed_by = 0;
  }
  if (outcome->finished) {
    row.closed_at = now;
    row.step_role.clear();
    row.step_node_path.clear();
    row.claimed_by = 0;
  }
  if (!outcome->step_changed && !outcome->finished && action != StepAction::kNote && !outcome->clock_stops) {
    return Error::Of(ErrorCode::kInternal, "an action that changes nothing");
  }
  if (outcome->finished || outcome->clock_stops) {
    Notify(s, timings.applicant, row, service, outcome->clock_stops ? "returned" : std::string_view(row.status), note,
           now);
  }
  return Ok{};
}

Result<std::optional<ApplicationsService::RecordOutput>> ApplicationsService::PrepareOutput(
    const ApplicationRow& row, const catalog::ServiceView& service, const Signatory& signer,
    const std::string& decision, const std::string& now) {
  auto data = vault_.Open(row.data_sealed);
  if (!data.ok()) return data.error();
  OutputRequest request{row,      &service, json::parse(*data).as_object(), signer.name, signer.position, signer.nip,
                        decision, now};
  auto record = ports_.outputs.Prepare(request);
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
  auto bill = ports_.billing.Issue(s, row, now);
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

}  // namespace spbe::applications
