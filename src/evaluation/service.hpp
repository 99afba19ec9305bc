#pragma once
/// Use cases of the SPBE evaluation (PermenPANRB 59/2020, or a later model loaded as data): the agency's coordinator
/// opens the year's assessment, scores each indicator with an explanation and evidence (files, links, and figures
/// the platform attaches itself), sets next year's targets and actions, and submits; an evaluator from outside the
/// agency's subtree reviews each indicator (keeps or changes the level with a reason, asks for more evidence, notes
/// an interview) and makes it final. The index, the predikat and the per-aspect and per-domain indices are computed
/// for the self-assessment and the final side by side. Every change is audited.

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "evaluation/model.hpp"
#include "evaluation/ports.hpp"
#include "evaluation/store.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "storage/database.hpp"

namespace spbe::evaluation {

/// One side's index and predikat, with every aspect's and domain's.
struct Scores {
  Score overall;
  std::string predikat_id, predikat_en;  // empty while incomplete
  std::map<int, Score> aspects, domains;
};

/// An assessment as the actor may see it.
struct AssessmentView {
  AssessmentRow row;
  std::shared_ptr<const Model> model;
  std::map<int, AnswerRow> answers;  // by indicator
  std::vector<EvidenceRow> evidence;
  std::vector<PlanActionRow> plan;
  /// Last year's targets for this node (from its previous assessment), to show against this year's result.
  std::map<int, int> previous_targets;
  std::optional<int> previous_year;
  Scores self, final;
  // What the actor may do now.
  bool can_edit = false;      // levels, explanations, evidence (a draft)
  bool can_plan = false;      // targets and actions (the coordinator, any state)
  bool can_submit = false;    // a complete draft
  bool can_review = false;    // an evaluator from outside, submitted or under review
  bool can_finalize = false;  // every indicator decided
  /// Evidence may still be added to these indicators under review (the evaluator asked for more).
  std::vector<int> evidence_asked;
};

/// A government's results for the public: every final assessment, newest first.
struct PublicResult {
  std::int64_t assessment_id = 0;
  int year = 0;
  std::shared_ptr<const Model> model;
  Scores final;
};
struct PublicSummary {
  org::Node node;
  std::vector<PublicResult> years;
};

/// A file of evidence, to download.
struct EvidenceFile {
  std::string name, content_type, bytes;
};

class EvaluationService {
 public:
  /// `blob_dir`: where evidence files are kept (by their SHA-256). `live`: the platform's figures; null where
  /// there are none to take (the demo seed, before the server has built its read model).
  EvaluationService(storage::Database& db, const EvaluationStore& store, org::OrgService& org, LiveEvidence* live,
                    std::string blob_dir, Clock clock);

  /// Loads the shipped model (data/spbe/permenpanrb-59-2020.json) when the database has none; for spbe migrate.
  static Status EnsureShippedModel(storage::Database& db, const EvaluationStore& store, TimePoint now);

  /// The model new assessments use.
  Result<std::shared_ptr<const Model>> CurrentModel();
  /// A platform admin loads another model file (a later regulation); it becomes the current one. Assessments already
  /// made keep theirs.
  Result<ModelRow> LoadModel(const access::Actor& actor, std::string_view document, std::string_view lang);
  Result<std::vector<ModelRow>> Models();

  /// Opens the year's assessment of a pemda or ministry (the coordinator), with the live evidence attached as of
  /// today where the platform's figures can be taken.
  Result<AssessmentView> Create(const access::Actor& actor, std::int64_t node_id, int year, std::string_view lang);
  Result<AssessmentView> Get(const access::Actor& actor, std::int64_t id, std::string_view lang);

  /// The coordinator's level (1..5) and explanation of one indicator, in a draft.
  Status SetSelf(const access::Actor& actor, std::int64_t id, int indicator, int level, std::string_view explanation,
                 std::string_view lang);
  Status Submit(const access::Actor& actor, std::int64_t id, std::string_view lang);

  /// The evaluator's decision on one indicator: kept (the self level stands), changed (to `level`, with a reason),
  /// or more evidence asked for (what, in `note`). The first decision takes the assessment under review.
  Status ReviewIndicator(const access::Actor& actor, std::int64_t id, int indicator, Review decision, int level,
                         std::string_view note, std::string_view lang);
  Status NoteInterview(const access::Actor& actor, std::int64_t id, int indicator, std::string_view note,
                       std::string_view lang);
  Status Finalize(const access::Actor& actor, std::int64_t id, std::string_view lang);

  Result<std::int64_t> AddLink(const access::Actor& actor, std::int64_t id, int indicator, std::string_view title,
                               std::string_view url, std::string_view lang);
  Result<std::int64_t> AddFile(const access::Actor& actor, std::int64_t id, int indicator, std::string_view file_name,
                               std::string_view content_type, std::string_view bytes, std::string_view lang);
  Status RemoveEvidence(const access::Actor& actor, std::int64_t id, std::int64_t evidence_id, std::string_view lang);
  Result<EvidenceFile> ReadEvidenceFile(const access::Actor& actor, std::int64_t id, std::int64_t evidence_id,
                                        std::string_view lang);
  /// Attaches the platform's figures as of `date` (YYYY-MM-DD, not in the future) to every indicator the model marks
  /// with live evidence, replacing those taken before; how many.
  Result<int> TakeLiveEvidence(const access::Actor& actor, std::int64_t id, std::string_view date,
                               std::string_view lang);

  /// Next year's target level of an indicator (0 clears it), and the actions that should reach it.
  Status SetTarget(const access::Actor& actor, std::int64_t id, int indicator, int level, std::string_view lang);
  Result<std::int64_t> AddPlanAction(const access::Actor& actor, std::int64_t id, int indicator,
                                     std::string_view action, std::string_view owner, std::string_view due_date,
                                     std::string_view lang);
  Status RemovePlanAction(const access::Actor& actor, std::int64_t id, std::int64_t action_id, std::string_view lang);

  /// The assessments the actor works on: those of nodes they coordinate or read, and, for an evaluator, the queue
  /// of submitted and under-review assessments of agencies outside their own subtree.
  Result<std::vector<AssessmentRow>> Worklist(const access::Actor& actor);
  Result<std::vector<AssessmentRow>> EvaluatorQueue(const access::Actor& actor);

  /// Final results, public: every government with one, and one government's years.
  Result<std::vector<PublicResult>> PublicLatest(std::vector<org::Node>* nodes);
  Result<PublicSummary> Public(std::string_view node_slug_or_id);

  /// Whether the actor may review assessments of `node`: an evaluator grant outside the node's subtree and no grant
  /// inside it (nobody evaluates their own agency).
  bool EvaluatesFor(const access::Actor& actor, const org::Node& node);

 private:
  struct Loaded {
    AssessmentRow row;
    org::Node node;
  };
  /// The assessment and its node, when the actor may read it (404 otherwise, as for one that does not exist).
  Result<Loaded> Load(const access::Actor& actor, std::int64_t id, std::string_view lang);
  Result<AssessmentView> EvidenceTarget(const access::Actor& actor, std::int64_t id, int indicator,
                                        std::string_view lang);
  Result<std::shared_ptr<const Model>> ModelOf(std::int64_t model_id);
  Scores Score(const Model& model, const std::map<int, AnswerRow>& answers, bool final_side) const;
  /// Runs `change` on the assessment's answer of `indicator` in one unit of work with an audit entry; refused when
  /// `allowed` says no for the state the row is in at that moment.
  Status ChangeAnswer(const access::Actor& actor, std::int64_t id, int indicator, const char* action,
                      const std::function<std::optional<Error>(const AssessmentRow&, AnswerRow&)>& change);
  Result<std::vector<EvidenceRow>> LiveRows(const Model& model, const org::Node& node, const std::string& date,
                                            std::int64_t assessment_id, std::int64_t by);
  std::string Now() const { return FormatUtc(clock_()); }

  storage::Database& db_;
  const EvaluationStore& store_;
  org::OrgService& org_;
  LiveEvidence* live_;
  std::string blob_dir_;
  Clock clock_;
  std::mutex models_mu_;
  std::map<std::int64_t, std::shared_ptr<const Model>> models_;  // parsed once: a loaded model never changes
};

}  // namespace spbe::evaluation
