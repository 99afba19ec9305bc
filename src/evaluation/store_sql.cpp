#include <soci/soci.h>

#include "evaluation/store.hpp"
#include "storage/rows.hpp"

namespace spbe::evaluation {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kModelColumns =
    "SELECT id, code, name, document, sha256, is_current, loaded_at FROM spbe_models ";
constexpr const char* kAssessmentColumns =
    "SELECT a.id, a.node_id, a.year, a.model_id, a.state, a.evidence_as_of, a.evaluator_id, a.created_by, "
    "a.created_at, a.submitted_at, a.finalized_at, a.updated_at, n.name, n.path, n.slug FROM spbe_assessments a "
    "JOIN org_nodes n ON n.id = a.node_id ";
constexpr const char* kEvidenceColumns =
    "SELECT id, assessment_id, indicator, kind, title, url, file_sha256, file_name, content_type, size_bytes, figures, "
    "as_of, added_by, added_at FROM spbe_evidence ";

ModelRow ToModel(const soci::row& r) {
  return {Int64(r, 0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Int64(r, 5) != 0, Text(r, 6)};
}

AssessmentRow ToAssessment(const soci::row& r) {
  AssessmentRow a;
  a.id = Int64(r, 0);
  a.node_id = Int64(r, 1);
  a.year = static_cast<int>(Int64(r, 2));
  a.model_id = Int64(r, 3);
  a.state = Text(r, 4);
  a.evidence_as_of = Text(r, 5);
  a.evaluator_id = Int64(r, 6);
  a.created_by = Int64(r, 7);
  a.created_at = Text(r, 8);
  a.submitted_at = Text(r, 9);
  a.finalized_at = Text(r, 10);
  a.updated_at = Text(r, 11);
  a.node_name = Text(r, 12);
  a.node_path = Text(r, 13);
  a.node_slug = Text(r, 14);
  return a;
}

EvidenceRow ToEvidence(const soci::row& r) {
  EvidenceRow e;
  e.id = Int64(r, 0);
  e.assessment_id = Int64(r, 1);
  e.indicator = static_cast<int>(Int64(r, 2));
  e.kind = Text(r, 3);
  e.title = Text(r, 4);
  e.url = Text(r, 5);
  e.file_sha256 = Text(r, 6);
  e.file_name = Text(r, 7);
  e.content_type = Text(r, 8);
  e.size_bytes = Int64(r, 9);
  e.figures = Text(r, 10);
  e.as_of = Text(r, 11);
  e.added_by = Int64(r, 12);
  e.added_at = Text(r, 13);
  return e;
}

template <typename T, typename F>
std::optional<T> First(soci::rowset<soci::row>& rows, F convert) {
  for (const auto& r : rows) return convert(r);
  return std::nullopt;
}

template <typename T, typename F>
std::vector<T> All(soci::rowset<soci::row>& rows, F convert) {
  std::vector<T> out;
  for (const auto& r : rows) out.push_back(convert(r));
  return out;
}

class SqlEvaluationStore final : public EvaluationStore {
 public:
  std::optional<ModelRow> CurrentModel(soci::session& s) const override {
    soci::rowset<soci::row> rows = s.prepare << std::string(kModelColumns) + "WHERE is_current = 1";
    return First<ModelRow>(rows, ToModel);
  }
  std::optional<ModelRow> ModelById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kModelColumns) + "WHERE id = :id", soci::use(key, "id"));
    return First<ModelRow>(rows, ToModel);
  }
  std::optional<ModelRow> ModelByCode(soci::session& s, const std::string& code) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kModelColumns) + "WHERE code = :code", soci::use(code, "code"));
    return First<ModelRow>(rows, ToModel);
  }
  std::vector<ModelRow> Models(soci::session& s) const override {
    soci::rowset<soci::row> rows = s.prepare << std::string(kModelColumns) + "ORDER BY id";
    return All<ModelRow>(rows, ToModel);
  }
  std::int64_t InsertModel(soci::session& s, const ModelRow& m, std::int64_t loaded_by) const override {
    long long id = 0, by = loaded_by;
    soci::indicator by_ind = loaded_by ? soci::i_ok : soci::i_null;
    s << "INSERT INTO spbe_models (code, name, document, sha256, is_current, loaded_at, loaded_by) VALUES (:code, "
         ":name, :doc, :sha, 0, :at, :by) RETURNING id",
        soci::use(m.code, "code"), soci::use(m.name, "name"), soci::use(m.document, "doc"), soci::use(m.sha256, "sha"),
        soci::use(m.loaded_at, "at"), soci::use(by, by_ind, "by"), soci::into(id);
    return id;
  }
  void MakeCurrent(soci::session& s, std::int64_t id) const override {
    long long key = id;
    s << "UPDATE spbe_models SET is_current = CASE WHEN id = :id THEN 1 ELSE 0 END", soci::use(key, "id");
  }

  std::int64_t InsertAssessment(soci::session& s, const AssessmentRow& a) const override {
    long long id = 0, node = a.node_id, model = a.model_id, by = a.created_by;
    int year = a.year;
    soci::indicator by_ind = a.created_by ? soci::i_ok : soci::i_null;
    s << "INSERT INTO spbe_assessments (node_id, year, model_id, state, evidence_as_of, created_by, created_at, "
         "updated_at) VALUES (:node, :year, :model, :state, :as_of, :by, :at, :at2) RETURNING id",
        soci::use(node, "node"), soci::use(year, "year"), soci::use(model, "model"), soci::use(a.state, "state"),
        soci::use(a.evidence_as_of, "as_of"), soci::use(by, by_ind, "by"), soci::use(a.created_at, "at"),
        soci::use(a.updated_at, "at2"), soci::into(id);
    return id;
  }
  std::optional<AssessmentRow> Assessment(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kAssessmentColumns) + "WHERE a.id = :id", soci::use(key, "id"));
    return First<AssessmentRow>(rows, ToAssessment);
  }
  std::optional<AssessmentRow> AssessmentOf(soci::session& s, std::int64_t node_id, int year) const override {
    long long node = node_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kAssessmentColumns) + "WHERE a.node_id = :node AND a.year = :year",
         soci::use(node, "node"), soci::use(year, "year"));
    return First<AssessmentRow>(rows, ToAssessment);
  }
  std::vector<AssessmentRow> AssessmentsOfNode(soci::session& s, std::int64_t node_id) const override {
    long long node = node_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kAssessmentColumns) + "WHERE a.node_id = :node ORDER BY a.year DESC",
         soci::use(node, "node"));
    return All<AssessmentRow>(rows, ToAssessment);
  }
  std::vector<AssessmentRow> AssessmentsInStates(soci::session& s,
                                                 const std::vector<std::string>& states) const override {
    std::vector<AssessmentRow> out;
    for (const auto& state : states) {
      soci::rowset<soci::row> rows =
          (s.prepare << std::string(kAssessmentColumns) + "WHERE a.state = :state ORDER BY a.updated_at, a.id",
           soci::use(state, "state"));
      for (const auto& r : rows) out.push_back(ToAssessment(r));
    }
    return out;
  }
  bool MoveState(soci::session& s, std::int64_t id, const std::string& from, const std::string& to,
                 const std::string& now, std::int64_t evaluator_id) const override {
    long long key = id, evaluator = evaluator_id;
    soci::indicator ev_ind = evaluator_id ? soci::i_ok : soci::i_null;
    // The moment of each step is kept where the step has one: submitted, final.
    soci::statement st =
        (s.prepare << "UPDATE spbe_assessments SET state = :to, updated_at = :now, "
                      "submitted_at = CASE WHEN :to2 = 'submitted' THEN :now2 ELSE submitted_at END, "
                      "finalized_at = CASE WHEN :to3 = 'final' THEN :now3 ELSE finalized_at END, "
                      "evaluator_id = COALESCE(:evaluator, evaluator_id) WHERE id = :id AND state = :from",
         soci::use(to, "to"), soci::use(now, "now"), soci::use(to, "to2"), soci::use(now, "now2"), soci::use(to, "to3"),
         soci::use(now, "now3"), soci::use(evaluator, ev_ind, "evaluator"), soci::use(key, "id"),
         soci::use(from, "from"));
    st.execute(true);
    return st.get_affected_rows() == 1;
  }
  void SetEvidenceDate(soci::session& s, std::int64_t id, const std::string& date,
                       const std::string& now) const override {
    long long key = id;
    s << "UPDATE spbe_assessments SET evidence_as_of = :date, updated_at = :now WHERE id = :id",
        soci::use(date, "date"), soci::use(now, "now"), soci::use(key, "id");
  }

  std::vector<AnswerRow> Answers(soci::session& s, std::int64_t assessment_id) const override {
    long long key = assessment_id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT indicator, self_level, final_level, target_level, explanation, review, review_note, "
                      "interview_note, updated_at FROM spbe_answers WHERE assessment_id = :id ORDER BY indicator",
         soci::use(key, "id"));
    return All<AnswerRow>(rows, [](const soci::row& r) {
      AnswerRow a;
      a.indicator = static_cast<int>(Int64(r, 0));
      a.self_level = static_cast<int>(Int64(r, 1));
      a.final_level = static_cast<int>(Int64(r, 2));
      a.target_level = static_cast<int>(Int64(r, 3));
      a.explanation = Text(r, 4);
      a.review = Text(r, 5);
      a.review_note = Text(r, 6);
      a.interview_note = Text(r, 7);
      a.updated_at = Text(r, 8);
      return a;
    });
  }
  void SaveAnswer(soci::session& s, std::int64_t assessment_id, const AnswerRow& a) const override {
    long long key = assessment_id;
    int indicator = a.indicator, self = a.self_level, final_level = a.final_level, target = a.target_level;
    soci::indicator self_ind = self ? soci::i_ok : soci::i_null;
    soci::indicator final_ind = final_level ? soci::i_ok : soci::i_null;
    soci::indicator target_ind = target ? soci::i_ok : soci::i_null;
    s << "INSERT INTO spbe_answers (assessment_id, indicator, self_level, explanation, final_level, review, "
         "review_note, interview_note, target_level, updated_at) VALUES (:id, :ind, :self, :expl, :final, :review, "
         ":note, :interview, :target, :at) ON CONFLICT (assessment_id, indicator) DO UPDATE SET self_level = "
         "excluded.self_level, explanation = excluded.explanation, final_level = excluded.final_level, review = "
         "excluded.review, review_note = excluded.review_note, interview_note = excluded.interview_note, "
         "target_level = excluded.target_level, updated_at = excluded.updated_at",
        soci::use(key, "id"), soci::use(indicator, "ind"), soci::use(self, self_ind, "self"),
        soci::use(a.explanation, "expl"), soci::use(final_level, final_ind, "final"), soci::use(a.review, "review"),
        soci::use(a.review_note, "note"), soci::use(a.interview_note, "interview"),
        soci::use(target, target_ind, "target"), soci::use(a.updated_at, "at");
  }

  std::int64_t InsertEvidence(soci::session& s, const EvidenceRow& e) const override {
    long long id = 0, assessment = e.assessment_id, size = e.size_bytes, by = e.added_by;
    int indicator = e.indicator;
    soci::indicator by_ind = e.added_by ? soci::i_ok : soci::i_null;
    s << "INSERT INTO spbe_evidence (assessment_id, indicator, kind, title, url, file_sha256, file_name, "
         "content_type, size_bytes, figures, as_of, added_by, added_at) VALUES (:a, :ind, :kind, :title, :url, :sha, "
         ":fname, :ctype, :size, :figures, :as_of, :by, :at) RETURNING id",
        soci::use(assessment, "a"), soci::use(indicator, "ind"), soci::use(e.kind, "kind"), soci::use(e.title, "title"),
        soci::use(e.url, "url"), soci::use(e.file_sha256, "sha"), soci::use(e.file_name, "fname"),
        soci::use(e.content_type, "ctype"), soci::use(size, "size"), soci::use(e.figures, "figures"),
        soci::use(e.as_of, "as_of"), soci::use(by, by_ind, "by"), soci::use(e.added_at, "at"), soci::into(id);
    return id;
  }
  std::vector<EvidenceRow> Evidence(soci::session& s, std::int64_t assessment_id) const override {
    long long key = assessment_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kEvidenceColumns) +
                          "WHERE assessment_id = :id AND removed_at IS NULL ORDER BY indicator, id",
         soci::use(key, "id"));
    return All<EvidenceRow>(rows, ToEvidence);
  }
  std::optional<EvidenceRow> EvidenceById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kEvidenceColumns) + "WHERE id = :id AND removed_at IS NULL", soci::use(key, "id"));
    return First<EvidenceRow>(rows, ToEvidence);
  }
  void RemoveEvidence(soci::session& s, std::int64_t id, const std::string& now) const override {
    long long key = id;
    s << "UPDATE spbe_evidence SET removed_at = :now WHERE id = :id AND removed_at IS NULL", soci::use(now, "now"),
        soci::use(key, "id");
  }
  void RemovePlatformEvidence(soci::session& s, std::int64_t assessment_id, int indicator,
                              const std::string& now) const override {
    long long key = assessment_id;
    s << "UPDATE spbe_evidence SET removed_at = :now WHERE assessment_id = :id AND indicator = :ind AND kind = "
         "'platform' AND removed_at IS NULL",
        soci::use(now, "now"), soci::use(key, "id"), soci::use(indicator, "ind");
  }

  std::int64_t InsertPlanAction(soci::session& s, const PlanActionRow& p, std::int64_t by) const override {
    long long id = 0, assessment = p.assessment_id, who = by;
    int indicator = p.indicator;
    soci::indicator by_ind = by ? soci::i_ok : soci::i_null;
    s << "INSERT INTO spbe_plan_actions (assessment_id, indicator, action, owner, due_date, created_by, created_at) "
         "VALUES (:a, :ind, :action, :owner, :due, :by, :at) RETURNING id",
        soci::use(assessment, "a"), soci::use(indicator, "ind"), soci::use(p.action, "action"),
        soci::use(p.owner, "owner"), soci::use(p.due_date, "due"), soci::use(who, by_ind, "by"),
        soci::use(p.created_at, "at"), soci::into(id);
    return id;
  }
  std::vector<PlanActionRow> PlanActions(soci::session& s, std::int64_t assessment_id) const override {
    long long key = assessment_id;
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT id, assessment_id, indicator, action, owner, due_date, created_at FROM "
                      "spbe_plan_actions WHERE assessment_id = :id AND removed_at IS NULL ORDER BY indicator, id",
         soci::use(key, "id"));
    return All<PlanActionRow>(rows, [](const soci::row& r) {
      return PlanActionRow{Int64(r, 0), Int64(r, 1), static_cast<int>(Int64(r, 2)), Text(r, 3), Text(r, 4),
                           Text(r, 5),  Text(r, 6)};
    });
  }
  void RemovePlanAction(soci::session& s, std::int64_t assessment_id, std::int64_t id,
                        const std::string& now) const override {
    long long key = id, assessment = assessment_id;
    s << "UPDATE spbe_plan_actions SET removed_at = :now WHERE id = :id AND assessment_id = :a AND removed_at IS "
         "NULL",
        soci::use(now, "now"), soci::use(key, "id"), soci::use(assessment, "a");
  }
};

}  // namespace

std::unique_ptr<EvaluationStore> MakeSqlEvaluationStore() { return std::make_unique<SqlEvaluationStore>(); }

}  // namespace spbe::evaluation
