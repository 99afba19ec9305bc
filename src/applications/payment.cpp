// Payment: what the payments capability asks of a file at its payment step (moving it on once the bank has been
// paid, the applicant's file awaiting payment, a reissued bill in its timeline).
#include "applications/service.hpp"
#include "applications/service_detail.hpp"
#include "audit/audit.hpp"
#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::applications {
namespace {

using detail::BillNote;
using detail::FileEvent;
using detail::NotFound;
using detail::StateDigest;

}  // namespace

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
    return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "applications_not_awaiting_payment"));
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

}  // namespace spbe::applications
