#pragma once
/// What the SPBE evaluation needs from storage; every call runs on the caller's session.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace spbe::evaluation {

struct ModelRow {
  std::int64_t id = 0;
  std::string code, name, document, sha256;
  bool is_current = false;
  std::string loaded_at;
};

struct AssessmentRow {
  std::int64_t id = 0, node_id = 0;
  int year = 0;
  std::int64_t model_id = 0;
  std::string state, evidence_as_of;
  std::int64_t evaluator_id = 0, created_by = 0;
  std::string created_at, submitted_at, finalized_at, updated_at;
  std::string node_name, node_path, node_slug;  // joined
};

struct AnswerRow {
  int indicator = 0;
  int self_level = 0, final_level = 0, target_level = 0;  // 0: none
  std::string explanation, review, review_note, interview_note, updated_at;
};

struct EvidenceRow {
  std::int64_t id = 0, assessment_id = 0;
  int indicator = 0;
  std::string kind, title, url, file_sha256, file_name, content_type;
  std::int64_t size_bytes = 0;
  std::string figures, as_of;
  std::int64_t added_by = 0;
  std::string added_at;
};

struct PlanActionRow {
  std::int64_t id = 0, assessment_id = 0;
  int indicator = 0;
  std::string action, owner, due_date;
  std::string created_at;
};

class EvaluationStore {
 public:
  virtual ~EvaluationStore() = default;

  virtual std::optional<ModelRow> CurrentModel(soci::session& s) const = 0;
  virtual std::optional<ModelRow> ModelById(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<ModelRow> ModelByCode(soci::session& s, const std::string& code) const = 0;
  virtual std::vector<ModelRow> Models(soci::session& s) const = 0;
  virtual std::int64_t InsertModel(soci::session& s, const ModelRow& m, std::int64_t loaded_by) const = 0;
  /// Makes `id` the model new assessments use (and no other).
  virtual void MakeCurrent(soci::session& s, std::int64_t id) const = 0;

  virtual std::int64_t InsertAssessment(soci::session& s, const AssessmentRow& a) const = 0;
  virtual std::optional<AssessmentRow> Assessment(soci::session& s, std::int64_t id) const = 0;
  virtual std::optional<AssessmentRow> AssessmentOf(soci::session& s, std::int64_t node_id, int year) const = 0;
  /// Every assessment of a node, newest year first.
  virtual std::vector<AssessmentRow> AssessmentsOfNode(soci::session& s, std::int64_t node_id) const = 0;
  /// Assessments in the given states, oldest first (the evaluators' queue), and all final ones (public pages).
  virtual std::vector<AssessmentRow> AssessmentsInStates(soci::session& s,
                                                         const std::vector<std::string>& states) const = 0;
  /// Moves the state when it is still `from`; false when another request moved it first.
  virtual bool MoveState(soci::session& s, std::int64_t id, const std::string& from, const std::string& to,
                         const std::string& now, std::int64_t evaluator_id) const = 0;
  virtual void SetEvidenceDate(soci::session& s, std::int64_t id, const std::string& date,
                               const std::string& now) const = 0;

  virtual std::vector<AnswerRow> Answers(soci::session& s, std::int64_t assessment_id) const = 0;
  /// Inserts or replaces the answer of one indicator.
  virtual void SaveAnswer(soci::session& s, std::int64_t assessment_id, const AnswerRow& a) const = 0;

  virtual std::int64_t InsertEvidence(soci::session& s, const EvidenceRow& e) const = 0;
  virtual std::vector<EvidenceRow> Evidence(soci::session& s, std::int64_t assessment_id) const = 0;
  virtual std::optional<EvidenceRow> EvidenceById(soci::session& s, std::int64_t id) const = 0;
  virtual void RemoveEvidence(soci::session& s, std::int64_t id, const std::string& now) const = 0;
  /// Platform evidence of an indicator is replaced when taken again at another date.
  virtual void RemovePlatformEvidence(soci::session& s, std::int64_t assessment_id, int indicator,
                                      const std::string& now) const = 0;

  virtual std::int64_t InsertPlanAction(soci::session& s, const PlanActionRow& p, std::int64_t by) const = 0;
  virtual std::vector<PlanActionRow> PlanActions(soci::session& s, std::int64_t assessment_id) const = 0;
  virtual void RemovePlanAction(soci::session& s, std::int64_t assessment_id, std::int64_t id,
                                const std::string& now) const = 0;
};

std::unique_ptr<EvaluationStore> MakeSqlEvaluationStore();

}  // namespace spbe::evaluation
