// The catalogue's vocabulary: the names of field types and step actions, finding a form's field and a workflow's
// step, and the life events the catalogue can be browsed by.
#include "catalog/model.hpp"

#include <algorithm>
#include <array>

#include "catalog/model_detail.hpp"

namespace spbe::catalog {
namespace {

using detail::Named;

constexpr std::array<Named<FieldType>, 10> kFieldTypes = {{{FieldType::kText, "text"},
                                                           {FieldType::kLongText, "long_text"},
                                                           {FieldType::kNumber, "number"},
                                                           {FieldType::kDate, "date"},
                                                           {FieldType::kChoice, "choice"},
                                                           {FieldType::kNik, "nik"},
                                                           {FieldType::kRegion, "region"},
                                                           {FieldType::kEmail, "email"},
                                                           {FieldType::kPhone, "phone"},
                                                           {FieldType::kFile, "file"}}};
constexpr std::array<Named<StepAction>, 6> kActions = {{{StepAction::kVerify, "verify"},
                                                        {StepAction::kApprove, "approve"},
                                                        {StepAction::kForward, "forward"},
                                                        {StepAction::kReject, "reject"},
                                                        {StepAction::kReturn, "return"},
                                                        {StepAction::kNote, "note"}}};

}  // namespace

using detail::NameOf;
using detail::Parse;

std::string_view FieldTypeName(FieldType t) { return NameOf(kFieldTypes, t); }
std::optional<FieldType> ParseFieldType(std::string_view name) { return Parse(kFieldTypes, name); }
std::string_view StepActionName(StepAction a) { return NameOf(kActions, a); }
std::optional<StepAction> ParseStepAction(std::string_view name) { return Parse(kActions, name); }

bool Advances(StepAction a) {
  return a == StepAction::kVerify || a == StepAction::kApprove || a == StepAction::kForward;
}

bool Step::Allows(StepAction a) const { return std::find(actions.begin(), actions.end(), a) != actions.end(); }

const FormField* Form::Find(std::string_view name) const {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const Step* Workflow::Find(std::string_view key) const {
  for (const auto& s : steps) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

const std::vector<LifeEvent>& LifeEvents() {
  static const std::vector<LifeEvent> events = {
      {"kelahiran", "catalog_life_event_kelahiran"},
      {"kematian", "catalog_life_event_kematian"},
      {"perkawinan", "catalog_life_event_perkawinan"},
      {"pindah", "catalog_life_event_pindah"},
      {"pendidikan", "catalog_life_event_pendidikan"},
      {"kesehatan", "catalog_life_event_kesehatan"},
      {"usaha", "catalog_life_event_usaha"},
      {"bangunan", "catalog_life_event_bangunan"},
      {"kependudukan", "catalog_life_event_kependudukan"},
  };
  return events;
}

}  // namespace spbe::catalog
