#pragma once
/// Applications (permohonan): the rules of a file's life, without I/O. A file is filed under one published service
/// version and moves through that version's workflow; each action is decided here from the step's definition.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "catalog/model.hpp"
#include "platform/identifiers.hpp"
#include "platform/result.hpp"

namespace spbe::applications {

enum class FileStatus {
  kDraft,            // being filled in by the applicant; not yet filed
  kInProgress,       // filed, at a step of the workflow
  kReturned,         // back with the applicant for a correction; the clock stands still
  kCompleted,        // approved at the last step (or deemed granted)
  kRejected,         // refused, with the reason
  kAwaitingPayment,  // at a payment step: a billing code was issued; the clock stands still until the bank pays
};
std::string_view StatusName(FileStatus s);  // "draft", "in_progress", "returned", "completed", "rejected", ...
std::optional<FileStatus> ParseStatus(std::string_view name);
bool Closed(FileStatus s);

// Tracking numbers and access codes are shared with other capabilities (reports): platform/identifiers.hpp.
using spbe::FormatTrackingNumber;
using spbe::MakeAccessCode;
using spbe::MakeTrackingNumber;
using spbe::NormalizeAccessCode;
using spbe::NormalizeTrackingNumber;

/// Where a file stands in its workflow.
struct Position {
  FileStatus status = FileStatus::kDraft;
  std::string step;  // the current step's key ("" when closed or a draft)
};

/// What an action does to a file at `at`: the next position, or an error naming why it is not allowed (the step
/// does not offer it, the file is closed or with the applicant, a reason or what to fix is missing).
struct Outcome {
  Position next;
  bool step_changed = false;  // a new step starts (its deadline starts counting)
  bool clock_stops = false;   // returned to the applicant
  bool finished = false;      // completed or rejected
};
Result<Outcome> Decide(const catalog::Workflow& workflow, const Position& at, catalog::StepAction action,
                       std::string_view note, std::string_view lang);

/// The applicant sends a returned file back: it goes to the step that returned it.
Result<Outcome> Resubmit(const Position& at, std::string_view lang);

}  // namespace spbe::applications
