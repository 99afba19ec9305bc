#include "applications/model.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "platform/i18n.hpp"
#include "platform/identifiers.hpp"

namespace spbe::applications {
namespace {

constexpr std::array<std::string_view, 6> kStatusNames = {"draft",     "in_progress", "returned",
                                                          "completed", "rejected",    "awaiting_payment"};

// The Damm algorithm's quasigroup table (weakly totally anti-symmetric, order 10).

}  // namespace

std::string_view StatusName(FileStatus s) { return kStatusNames[static_cast<std::size_t>(s)]; }

std::optional<FileStatus> ParseStatus(std::string_view name) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i) {
    if (kStatusNames[i] == name) return static_cast<FileStatus>(i);
  }
  return std::nullopt;
}

bool Closed(FileStatus s) { return s == FileStatus::kCompleted || s == FileStatus::kRejected; }

Result<Outcome> Decide(const catalog::Workflow& workflow, const Position& at, catalog::StepAction action,
                       std::string_view note, std::string_view lang) {
  using catalog::StepAction;
  if (at.status != FileStatus::kInProgress) {
    return Error::Of(ErrorCode::kConflict, at.status == FileStatus::kReturned
                                               ? i18n::Tr(lang, "applications_file_returned_for_correction")
                                           : Closed(at.status) ? i18n::Tr(lang, "applications_file_closed")
                                                               : i18n::Tr(lang, "applications_file_not_submitted"));
  }
  const catalog::Step* step = workflow.Find(at.step);
  if (!step) return Error::Of(ErrorCode::kInternal, "the file's step is not in its workflow");
  if (!step->Allows(action)) {
    return Error::Validation({{"action", i18n::Tr(lang, "applications_step_action_not_offered",
                                                  {{"action", std::string(catalog::StepActionName(action))}})}});
  }
  bool blank = note.find_first_not_of(" \t\r\n") == std::string_view::npos;
  Outcome out;
  out.next = at;
  switch (action) {
    case StepAction::kVerify:
    case StepAction::kApprove:
    case StepAction::kForward:
      if (step->next.empty()) {
        out.next = {FileStatus::kCompleted, ""};
        out.finished = true;
      } else {
        out.next = {FileStatus::kInProgress, step->next};
        out.step_changed = true;
      }
      break;
    case StepAction::kReject:
      if (blank) return Error::Validation({{"note", i18n::Tr(lang, "applications_reject_reason_required")}});
      out.next = {FileStatus::kRejected, ""};
      out.finished = true;
      break;
    case StepAction::kReturn:
      if (blank) return Error::Validation({{"note", i18n::Tr(lang, "applications_return_fix_required")}});
      out.next = {FileStatus::kReturned, at.step};
      out.clock_stops = true;
      break;
    case StepAction::kNote:
      if (blank) return Error::Validation({{"note", i18n::Tr(lang, "applications_note_required")}});
      break;
  }
  return out;
}

Result<Outcome> Resubmit(const Position& at, std::string_view lang) {
  if (at.status != FileStatus::kReturned) {
    return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, "applications_not_awaiting_correction"));
  }
  Outcome out;
  out.next = {FileStatus::kInProgress, at.step};
  return out;
}

}  // namespace spbe::applications
