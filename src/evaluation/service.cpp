// Assessments: who may do what in which state, decided here from the actor; every change in one unit of work with
// its audit entry.
#include "evaluation/service.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "audit/audit.hpp"
#include "platform/blobs.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/log.hpp"
#include "platform/resources.hpp"
#include "platform/working_days.hpp"

namespace spbe::evaluation {
namespace {

namespace json = boost::json;

constexpr const char* kShippedModel = "data/spbe/permenpanrb-59-2020.json";
constexpr std::size_t kMaxExplanation = 4000;
constexpr std::size_t kMaxNote = 2000;
constexpr std::size_t kMaxEvidenceFile = 10 * 1024 * 1024;
constexpr std::size_t kMaxEvidencePerIndicator = 20;

Error NotFound(std::string_view lang) { return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "spbe_not_found")); }
Error Forbidden(std::string_view lang, const char* key) {
  return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, key));
}
Error Conflict(std::string_view lang, const char* key) { return Error::Of(ErrorCode::kConflict, i18n::Tr(lang, key)); }
Error Field(std::string_view lang, const char* field, const char* key) {
  return Error::Validation({{field, i18n::Tr(lang, key)}});
}

bool IsState(const AssessmentRow& a, State s) { return a.state == StateName(s); }

// A date typed as YYYY-MM-DD that exists, in this century.
bool ValidDate(std::string_view d) {
  auto date = d.size() == 10 ? ParseDate(d) : std::nullopt;
  return date && static_cast<int>(date->year()) >= 2000 && static_cast<int>(date->year()) <= 2100;
}

// Text as a person typed it, without control characters (a NUL, an escape) other than line breaks and tabs.
std::string Clean(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 || c == '\n' || c == '\t') out += c;
  }
  return out;
}

bool Has(const std::vector<int>& list, int n) { return std::find(list.begin(), list.end(), n) != list.end(); }

void Audit(soci::session& s, const access::Actor& actor, const AssessmentRow& a, const char* action,
           const std::string& detail, const std::string& now) {
  audit::Entry e;
  e.action = action;
  e.object_type = "spbe_assessment";
  e.object_id = std::to_string(a.id);
  e.node_path = a.node_path;
  e.after_digest = audit::Digest(detail);
  audit::Record(s, actor, e, now);  // records the platform itself (the demo seed) as the system
}

// Only the kinds of node the regulation evaluates: a pemda (province, kabupaten/kota) or a ministry/agency.
bool Evaluated(org::NodeKind k) {
  return k == org::NodeKind::kKabupatenKota || k == org::NodeKind::kProvinsi || k == org::NodeKind::kKementerianLembaga;
}

}  // namespace

EvaluationService::EvaluationService(storage::Database& db, const EvaluationStore& store, org::OrgService& org,
                                     LiveEvidence* live, std::string blob_dir, Clock clock)
    : db_(db), store_(store), org_(org), live_(live), blob_dir_(std::move(blob_dir)), clock_(std::move(clock)) {}

Status EvaluationService::EnsureShippedModel(storage::Database& db, const EvaluationStore& store, TimePoint now) {
  auto text = resources::Find(kShippedModel);
  if (!text) return Error::Of(ErrorCode::kInternal, std::string(kShippedModel) + " is not in the binary");
  auto model = ParseModel(*text);
  if (!model.ok()) return model.error();
  return db.Write([&](soci::session& s) -> Status {
    if (store.ModelByCode(s, model->code)) {
      if (!store.CurrentModel(s)) store.MakeCurrent(s, store.ModelByCode(s, model->code)->id);
      return Ok{};
    }
    // Shipped with the binary and loaded by spbe migrate, like the regions and holidays: logged, not audited.
    ModelRow row{0, model->code, model->name.id, std::string(*text), crypto::Sha256Hex(*text), false, FormatUtc(now)};
    std::int64_t id = store.InsertModel(s, row, 0);
    if (!store.CurrentModel(s)) store.MakeCurrent(s, id);
    log::Info("SPBE maturity model loaded", {{"model", model->code}, {"source", kShippedModel}});
    return Ok{};
  });
}

Result<std::shared_ptr<const Model>> EvaluationService::ModelOf(std::int64_t model_id) {
  {
    std::lock_guard lock(models_mu_);
    if (auto it = models_.find(model_id); it != models_.end()) return it->second;
  }
  auto row = db_.Read([&](soci::session& s) { return store_.ModelById(s, model_id); });
  if (!row.ok()) return row.error();
  if (!*row) return Error::Of(ErrorCode::kNotFound, "no such model");
  auto parsed = ParseModel((*row)->document);
  if (!parsed.ok()) return parsed.error();
  auto model = std::make_shared<const Model>(std::move(*parsed));
  std::lock_guard lock(models_mu_);
  models_[model_id] = model;
  return model;
}

Result<std::shared_ptr<const Model>> EvaluationService::CurrentModel() {
  auto row = db_.Read([&](soci::session& s) { return store_.CurrentModel(s); });
  if (!row.ok()) return row.error();
  if (!*row) return Error::Of(ErrorCode::kUnavailable, "no maturity model is loaded: run spbe migrate");
  return ModelOf((*row)->id);
}

Result<std::vector<ModelRow>> EvaluationService::Models() {
  return db_.Read([&](soci::session& s) { return store_.Models(s); });
}

Result<ModelRow> EvaluationService::LoadModel(const access::Actor& actor, std::string_view document,
                                              std::string_view lang) {
  // The model every government of the deployment is evaluated under: its home government's platform admin decides,
  // not the admin of one kabupaten among many.
  auto home = org_.Home();
  if (!home.ok()) return home.error();
  if (!access::Allowed(actor, access::Action::kSpbeModelManage, home->path)) {
    return Forbidden(lang, "spbe_model_forbidden");
  }
  if (document.size() > 2 * 1024 * 1024) return Field(lang, "document", "spbe_model_too_large");
  auto model = ParseModel(document);
  if (!model.ok()) return model.error();
  std::string now = Now();
  return db_.WriteReturning<ModelRow>([&](soci::session& s) -> Result<ModelRow> {
    ModelRow row{0, model->code, model->name.id, std::string(document), crypto::Sha256Hex(document), true, now};
    if (auto existing = store_.ModelByCode(s, model->code)) {
      // The same file again makes it the current model again (the way back from a later one); a different file
      // under a code already used is refused: assessments made under it keep what it said.
      if (existing->sha256 != row.sha256) return Conflict(lang, "spbe_model_exists");
      row = *existing;
      row.is_current = true;
    } else {
      row.id = store_.InsertModel(s, row, actor.account_id);
    }
    store_.MakeCurrent(s, row.id);
    audit::Entry e;
    e.node_path = home->path;
    e.action = "spbe.model_loaded";
    e.object_type = "spbe_model";
    e.object_id = std::to_string(row.id);
    e.after_digest = row.sha256;
    audit::Record(s, actor, e, now);
    return row;
  });
}

bool EvaluationService::EvaluatesFor(const access::Actor& actor, const org::Node& node) {
  if (actor.api_key_id != 0 || actor.account_id == 0) return false;
  bool outside_evaluator = false;
  for (const auto& g : actor.grants) {
    auto at = org_.Get(g.node_id);
    if (!at.ok()) continue;
    // Any role inside the agency, or any other role reaching it from above (its coordinator, its auditor): not
    // its evaluator. An evaluator's own grant above it (a national evaluator) is what makes one.
    if (access::InSubtree(node.id, at->path)) return false;
    bool above = access::InSubtree(g.node_id, node.path);
    if (above && g.role != access::Role::kEvaluator) return false;
    outside_evaluator |= g.role == access::Role::kEvaluator;
  }
  return outside_evaluator;
}

Result<EvaluationService::Loaded> EvaluationService::Load(const access::Actor& actor, std::int64_t id,
                                                          std::string_view lang) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "identity_sign_in_first"));
  auto row = db_.Read([&](soci::session& s) { return store_.Assessment(s, id); });
  if (!row.ok()) return row.error();
  if (!*row) return NotFound(lang);
  auto node = org_.Get((*row)->node_id);
  if (!node.ok()) return NotFound(lang);
  // An evaluator reads what was submitted to the evaluators, never an agency's draft.
  bool reads = access::Allowed(actor, access::Action::kSpbeRead, node->path) ||
               ((*row)->state != StateName(State::kDraft) && EvaluatesFor(actor, *node));
  if (!reads) return NotFound(lang);
  return Loaded{std::move(**row), std::move(*node)};
}

Scores EvaluationService::Score(const Model& model, const std::map<int, AnswerRow>& answers, bool final_side) const {
  Levels levels;
  for (const auto& [n, a] : answers) {
    int level = final_side ? a.final_level : a.self_level;
    if (level) levels[n] = level;
  }
  Scores out;
  out.overall = IndexOf(model, levels);
  if (out.overall.hundredths) {
    const auto& p = model.PredikatOf(*out.overall.hundredths);
    out.predikat_id = p.name.id;
    out.predikat_en = p.name.In("en");
  }
  for (const auto& a : model.aspects) out.aspects[a.number] = AspectIndex(model, a, levels);
  for (const auto& d : model.domains) out.domains[d.number] = DomainIndex(model, d, levels);
  return out;
}

Result<AssessmentView> EvaluationService::Get(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  auto loaded = Load(actor, id, lang);
  if (!loaded.ok()) return loaded.error();
  AssessmentView v;
  v.row = loaded->row;
  auto model = ModelOf(v.row.model_id);
  if (!model.ok()) return model.error();
  v.model = *model;
  struct Parts {
    std::vector<AnswerRow> answers;
    std::vector<EvidenceRow> evidence;
    std::vector<PlanActionRow> plan;
    std::optional<AssessmentRow> previous;
    std::vector<AnswerRow> previous_answers;
  };
  auto parts = db_.Read([&](soci::session& s) {
    Parts p;
    p.answers = store_.Answers(s, id);
    p.evidence = store_.Evidence(s, id);
    p.plan = store_.PlanActions(s, id);
    // The latest earlier year of the same node: its targets were set for this one.
    for (auto& a : store_.AssessmentsOfNode(s, v.row.node_id)) {
      if (a.year < v.row.year) {
        p.previous = a;
        p.previous_answers = store_.Answers(s, a.id);
        break;
      }
    }
    return p;
  });
  if (!parts.ok()) return parts.error();
  for (auto& a : parts->answers) v.answers[a.indicator] = std::move(a);
  v.evidence = std::move(parts->evidence);
  v.plan = std::move(parts->plan);
  if (parts->previous) {
    v.previous_year = parts->previous->year;
    for (const auto& a : parts->previous_answers) {
      if (a.target_level) v.previous_targets[a.indicator] = a.target_level;
    }
  }
  v.self = Score(*v.model, v.answers, false);
  v.final = Score(*v.model, v.answers, true);
  bool coordinator = access::Allowed(actor, access::Action::kSpbeSelfAssess, loaded->node.path);
  bool evaluator = EvaluatesFor(actor, loaded->node) && actor.account_id != v.row.created_by;
  v.can_edit = coordinator && IsState(v.row, State::kDraft);
  v.can_plan = coordinator;
  v.can_submit = v.can_edit && v.self.overall.hundredths.has_value();
  v.can_review = evaluator && (IsState(v.row, State::kSubmitted) || IsState(v.row, State::kUnderReview));
  bool all_decided = !v.model->indicators.empty();
  for (const auto& ind : v.model->indicators) {
    auto it = v.answers.find(ind.number);
    bool decided = it != v.answers.end() && (it->second.review == ReviewName(Review::kKept) ||
                                             it->second.review == ReviewName(Review::kChanged));
    all_decided &= decided;
    if (it != v.answers.end() && it->second.review == ReviewName(Review::kMoreEvidence)) {
      v.evidence_asked.push_back(ind.number);
    }
  }
  v.can_finalize = v.can_review && IsState(v.row, State::kUnderReview) && all_decided;
  return v;
}

Result<AssessmentView> EvaluationService::Create(const access::Actor& actor, std::int64_t node_id, int year,
                                                 std::string_view lang) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, i18n::Tr(lang, "identity_sign_in_first"));
  auto node = org_.Get(node_id);
  if (!node.ok()) return Field(lang, "node_id", "spbe_node_unknown");
  if (!access::Allowed(actor, access::Action::kSpbeSelfAssess, node->path)) {
    return Forbidden(lang, "spbe_coordinator_only");
  }
  if (!Evaluated(node->kind)) return Field(lang, "node_id", "spbe_node_not_evaluated");
  int this_year = static_cast<int>(LocalDate(clock_(), ParseTimeZone(node->timezone)).year());
  if (year < 2018 || year > this_year + 1) return Field(lang, "year", "spbe_year_range");
  auto model = CurrentModel();
  if (!model.ok()) return model.error();
  auto model_row = db_.Read([&](soci::session& s) { return store_.CurrentModel(s); });
  if (!model_row.ok() || !*model_row) return Error::Of(ErrorCode::kUnavailable, "no maturity model");
  std::string now = Now();
  std::string today = FormatDate(LocalDate(clock_(), ParseTimeZone(node->timezone)));
  auto id = db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    if (store_.AssessmentOf(s, node_id, year)) return Conflict(lang, "spbe_assessment_exists");
    AssessmentRow a;
    a.node_id = node_id;
    a.year = year;
    a.model_id = (*model_row)->id;
    a.state = std::string(StateName(State::kDraft));
    a.evidence_as_of = today;
    a.created_by = actor.account_id;
    a.created_at = now;
    a.updated_at = now;
    a.id = store_.InsertAssessment(s, a);
    a.node_path = node->path;
    Audit(s, actor, a, "spbe.assessment_opened", std::to_string(node_id) + "|" + std::to_string(year), now);
    return a.id;
  });
  if (!id.ok()) return id.error();
  // The live evidence as of today, attached at once where it can be; the coordinator can take it again any day.
  if (live_) (void)TakeLiveEvidence(actor, *id, today, lang);
  return Get(actor, *id, lang);
}

Status EvaluationService::ChangeAnswer(
    const access::Actor& actor, std::int64_t id, int indicator, const char* action,
    const std::function<std::optional<Error>(const AssessmentRow&, AnswerRow&)>& change) {
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto a = store_.Assessment(s, id);
    if (!a) return Error::Of(ErrorCode::kNotFound, "no such assessment");
    AnswerRow answer;
    answer.indicator = indicator;
    for (auto& existing : store_.Answers(s, id)) {
      if (existing.indicator == indicator) answer = std::move(existing);
    }
    std::string before = std::to_string(answer.self_level) + "|" + std::to_string(answer.final_level) + "|" +
                         answer.review + "|" + std::to_string(answer.target_level);
    if (auto refused = change(*a, answer)) return *refused;
    answer.updated_at = now;
    store_.SaveAnswer(s, id, answer);
    audit::Entry e;
    e.action = action;
    e.object_type = "spbe_assessment";
    e.object_id = std::to_string(id) + "/" + std::to_string(indicator);
    e.node_path = a->node_path;
    e.before_digest = audit::Digest(before);
    e.after_digest = audit::Digest(std::to_string(answer.self_level) + "|" + std::to_string(answer.final_level) + "|" +
                                   answer.review + "|" + std::to_string(answer.target_level) + "|" +
                                   answer.explanation + "|" + answer.review_note + "|" + answer.interview_note);
    audit::Record(s, actor, e, now);
    return Ok{};
  });
}

Status EvaluationService::SetSelf(const access::Actor& actor, std::int64_t id, int indicator, int level,
                                  std::string_view explanation, std::string_view lang) {
  auto loaded = Load(actor, id, lang);
  if (!loaded.ok()) return loaded.error();
  if (!access::Allowed(actor, access::Action::kSpbeSelfAssess, loaded->node.path)) {
    return Forbidden(lang, "spbe_coordinator_only");
  }
  auto model = ModelOf(loaded->row.model_id);
  if (!model.ok()) return model.error();
  if (!(*model)->FindIndicator(indicator)) return NotFound(lang);
  std::vector<FieldError> errors;
  if (level < 1 || level > 5) errors.push_back({"level", i18n::Tr(lang, "spbe_level_range")});
  if (explanation.size() > kMaxExplanation) errors.push_back({"explanation", i18n::Tr(lang, "spbe_text_too_long")});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return ChangeAnswer(actor, id, indicator, "spbe.self_level",
                      [&](const AssessmentRow& a, AnswerRow& answer) -> std::optional<Error> {
                        if (!IsState(a, State::kDraft)) return Conflict(lang, "spbe_not_draft");
                        answer.self_level = level;
                        answer.explanation = Clean(explanation);
                        return std::nullopt;
                      });
}

Status EvaluationService::Submit(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  auto view = Get(actor, id, lang);
  if (!view.ok()) return view.error();
  if (!view->can_plan) return Forbidden(lang, "spbe_coordinator_only");
  if (!IsState(view->row, State::kDraft)) return Conflict(lang, "spbe_not_draft");
  if (!view->self.overall.hundredths) {
    std::vector<FieldError> missing;
    for (const auto& ind : view->model->indicators) {
      if (!view->answers.count(ind.number) || !view->answers.at(ind.number).self_level) {
        missing.push_back({"indicators." + std::to_string(ind.number), i18n::Tr(lang, "spbe_indicator_unanswered")});
      }
    }
    return Error::Validation(std::move(missing), i18n::Tr(lang, "spbe_incomplete"));
  }
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    if (!store_.MoveState(s, id, "draft", "submitted", now, 0)) return Conflict(lang, "spbe_not_draft");
    Audit(s, actor, view->row, "spbe.submitted", FormatHundredths(*view->self.overall.hundredths), now);
    return Ok{};
  });
}

Status EvaluationService::ReviewIndicator(const access::Actor& actor, std::int64_t id, int indicator, Review decision,
                                          int level, std::string_view note, std::string_view lang) {
  auto loaded = Load(actor, id, lang);
  if (!loaded.ok()) return loaded.error();
  if (!EvaluatesFor(actor, loaded->node) || actor.account_id == loaded->row.created_by) {
    return Forbidden(lang, "spbe_evaluator_only");
  }
  auto model = ModelOf(loaded->row.model_id);
  if (!model.ok()) return model.error();
  if (!(*model)->FindIndicator(indicator)) return NotFound(lang);
  std::vector<FieldError> errors;
  if (decision == Review::kNone) errors.push_back({"decision", i18n::Tr(lang, "spbe_decision_unknown")});
  if (decision == Review::kChanged && (level < 1 || level > 5)) {
    errors.push_back({"level", i18n::Tr(lang, "spbe_level_range")});
  }
  if ((decision == Review::kChanged || decision == Review::kMoreEvidence) && note.empty()) {
    errors.push_back({"note", i18n::Tr(lang, decision == Review::kChanged ? "spbe_reason_needed" : "spbe_ask_what")});
  }
  if (note.size() > kMaxNote) errors.push_back({"note", i18n::Tr(lang, "spbe_text_too_long")});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  std::string now = Now();
  // The first decision takes a submitted assessment under review, by this evaluator.
  if (IsState(loaded->row, State::kSubmitted)) {
    Status st = db_.Write([&](soci::session& s) -> Status {
      if (store_.MoveState(s, id, "submitted", "under_review", now, actor.account_id)) {
        Audit(s, actor, loaded->row, "spbe.review_started", std::to_string(actor.account_id), now);
      }
      return Ok{};
    });
    if (!st.ok()) return st;
  }
  return ChangeAnswer(actor, id, indicator, "spbe.reviewed",
                      [&](const AssessmentRow& a, AnswerRow& answer) -> std::optional<Error> {
                        if (!IsState(a, State::kUnderReview)) return Conflict(lang, "spbe_not_under_review");
                        if (!answer.self_level) return Conflict(lang, "spbe_indicator_unanswered");
                        answer.review = std::string(ReviewName(decision));
                        answer.review_note = Clean(note);
                        if (decision == Review::kKept) answer.final_level = answer.self_level;
                        if (decision == Review::kChanged) answer.final_level = level;
                        if (decision == Review::kMoreEvidence) answer.final_level = 0;
                        return std::nullopt;
                      });
}

Status EvaluationService::NoteInterview(const access::Actor& actor, std::int64_t id, int indicator,
                                        std::string_view note, std::string_view lang) {
  auto loaded = Load(actor, id, lang);
  if (!loaded.ok()) return loaded.error();
  if (!EvaluatesFor(actor, loaded->node) || actor.account_id == loaded->row.created_by) {
    return Forbidden(lang, "spbe_evaluator_only");
  }
  auto model = ModelOf(loaded->row.model_id);
  if (!model.ok()) return model.error();
  if (!(*model)->FindIndicator(indicator)) return NotFound(lang);
  if (note.empty()) return Field(lang, "note", "spbe_note_needed");
  if (note.size() > kMaxNote) return Field(lang, "note", "spbe_text_too_long");
  return ChangeAnswer(actor, id, indicator, "spbe.interview_noted",
                      [&](const AssessmentRow& a, AnswerRow& answer) -> std::optional<Error> {
                        if (!IsState(a, State::kUnderReview) && !IsState(a, State::kSubmitted)) {
                          return Conflict(lang, "spbe_not_under_review");
                        }
                        answer.interview_note = Clean(note);
                        return std::nullopt;
                      });
}

Status EvaluationService::Finalize(const access::Actor& actor, std::int64_t id, std::string_view lang) {
  auto view = Get(actor, id, lang);
  if (!view.ok()) return view.error();
  if (!view->can_review) {
    return IsState(view->row, State::kFinal) ? Conflict(lang, "spbe_already_final")
                                             : Forbidden(lang, "spbe_evaluator_only");
  }
  if (!view->can_finalize) return Conflict(lang, "spbe_undecided");
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    // Decided at this moment, not only when the page was read: a request for more evidence may have come between.
    std::map<int, std::string> reviews;
    for (const auto& a : store_.Answers(s, id)) reviews[a.indicator] = a.review;
    for (const auto& ind : view->model->indicators) {
      const std::string& r = reviews[ind.number];
      if (r != ReviewName(Review::kKept) && r != ReviewName(Review::kChanged)) return Conflict(lang, "spbe_undecided");
    }
    if (!store_.MoveState(s, id, "under_review", "final", now, actor.account_id)) {
      return Conflict(lang, "spbe_not_under_review");
    }
    Audit(s, actor, view->row, "spbe.finalized", FormatHundredths(*view->final.overall.hundredths), now);
    return Ok{};
  });
}

// The assessment evidence may be added to now, for this indicator: in a draft, or under review where the evaluator
// asked for more; by the coordinator; at most kMaxEvidencePerIndicator pieces.
Result<AssessmentView> EvaluationService::EvidenceTarget(const access::Actor& actor, std::int64_t id, int indicator,
                                                         std::string_view lang) {
  auto view = Get(actor, id, lang);
  if (!view.ok()) return view.error();
  if (!view->model->FindIndicator(indicator)) return NotFound(lang);
  bool asked = Has(view->evidence_asked, indicator) && IsState(view->row, State::kUnderReview);
  if (!view->can_plan || (!view->can_edit && !asked)) {
    return view->can_plan ? Conflict(lang, "spbe_not_draft") : Forbidden(lang, "spbe_coordinator_only");
  }
  std::size_t count = std::count_if(view->evidence.begin(), view->evidence.end(),
                                    [&](const EvidenceRow& r) { return r.indicator == indicator; });
  if (count >= kMaxEvidencePerIndicator) return Field(lang, "indicator", "spbe_too_much_evidence");
  return view;
}

Result<std::int64_t> EvaluationService::AddLink(const access::Actor& actor, std::int64_t id, int indicator,
                                                std::string_view title, std::string_view url, std::string_view lang) {
  std::vector<FieldError> errors;
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (url.empty() || url.size() > 2000 || !parsed || (parsed->scheme() != "https" && parsed->scheme() != "http") ||
      parsed->encoded_host().empty()) {
    errors.push_back({"url", i18n::Tr(lang, "spbe_url_invalid")});
  }
  if (title.empty() || title.size() > 300) errors.push_back({"title", i18n::Tr(lang, "spbe_title_needed")});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  EvidenceRow e;
  e.indicator = indicator;
  e.kind = "link";
  e.title = Clean(title);
  e.url = std::string(url);
  auto view = EvidenceTarget(actor, id, indicator, lang);
  if (!view.ok()) return view.error();
  std::string now = Now();
  e.assessment_id = id;
  e.added_by = actor.account_id;
  e.added_at = now;
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    std::int64_t evidence_id = store_.InsertEvidence(s, e);
    Audit(s, actor, view->row, "spbe.evidence_added", std::to_string(indicator) + "|" + e.url, now);
    return evidence_id;
  });
}

Result<std::int64_t> EvaluationService::AddFile(const access::Actor& actor, std::int64_t id, int indicator,
                                                std::string_view file_name, std::string_view content_type,
                                                std::string_view bytes, std::string_view lang) {
  static const std::vector<std::string_view> kTypes = {"application/pdf", "image/png", "image/jpeg"};
  std::vector<FieldError> errors;
  if (bytes.empty()) errors.push_back({"file", i18n::Tr(lang, "spbe_file_needed")});
  if (bytes.size() > kMaxEvidenceFile) errors.push_back({"file", i18n::Tr(lang, "spbe_file_too_large")});
  // What the bytes are, not what the browser says: a PDF starts "%PDF-", a PNG and a JPEG with their signatures.
  std::string type;
  if (bytes.substr(0, 5) == "%PDF-") type = "application/pdf";
  if (bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) type = "image/png";
  if (bytes.substr(0, 3) == std::string_view("\xff\xd8\xff", 3)) type = "image/jpeg";
  if (!bytes.empty() && type.empty()) errors.push_back({"file", i18n::Tr(lang, "spbe_file_type")});
  (void)content_type;
  std::string name(file_name.substr(0, 200));
  for (char& c : name) {
    if (c == '/' || c == '\\' || c == '"' || static_cast<unsigned char>(c) < 0x20) c = '_';
  }
  if (name.empty()) name = "bukti";
  if (!errors.empty()) return Error::Validation(std::move(errors));
  auto view = EvidenceTarget(actor, id, indicator, lang);
  if (!view.ok()) return view.error();
  // The bytes are durable before the row that points at them is committed.
  auto sha = StoreBlob(blob_dir_, bytes);
  if (!sha.ok()) return sha.error();
  std::string now = Now();
  EvidenceRow e;
  e.assessment_id = id;
  e.indicator = indicator;
  e.kind = "file";
  e.title = name;
  e.file_sha256 = *sha;
  e.file_name = name;
  e.content_type = type;
  e.size_bytes = static_cast<std::int64_t>(bytes.size());
  e.added_by = actor.account_id;
  e.added_at = now;
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    std::int64_t evidence_id = store_.InsertEvidence(s, e);
    Audit(s, actor, view->row, "spbe.evidence_added", std::to_string(indicator) + "|" + *sha, now);
    return evidence_id;
  });
}

Status EvaluationService::RemoveEvidence(const access::Actor& actor, std::int64_t id, std::int64_t evidence_id,
                                         std::string_view lang) {
  auto view = Get(actor, id, lang);
  if (!view.ok()) return view.error();
  auto found = std::find_if(view->evidence.begin(), view->evidence.end(),
                            [&](const EvidenceRow& e) { return e.id == evidence_id; });
  if (found == view->evidence.end()) return NotFound(lang);
  if (!view->can_plan) return Forbidden(lang, "spbe_coordinator_only");
  if (!view->can_edit) return Conflict(lang, "spbe_not_draft");
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    store_.RemoveEvidence(s, evidence_id, now);
    Audit(s, actor, view->row, "spbe.evidence_removed", std::to_string(evidence_id), now);
    return Ok{};
  });
}

Result<EvidenceFile> EvaluationService::ReadEvidenceFile(const access::Actor& actor, std::int64_t id,
                                                         std::int64_t evidence_id, std::string_view lang) {
  auto loaded = Load(actor, id, lang);
  if (!loaded.ok()) return loaded.error();
  auto e = db_.Read([&](soci::session& s) { return store_.EvidenceById(s, evidence_id); });
  if (!e.ok()) return e.error();
  if (!*e || (*e)->assessment_id != id || (*e)->kind != "file") return NotFound(lang);
  auto bytes = ReadBlob(blob_dir_, (*e)->file_sha256);
  if (!bytes) return NotFound(lang);
  return EvidenceFile{(*e)->file_name, (*e)->content_type, std::move(*bytes)};
}

Result<std::vector<EvidenceRow>> EvaluationService::LiveRows(const Model& model, const org::Node& node,
                                                             const std::string& date, std::int64_t assessment_id,
                                                             std::int64_t by) {
  if (!live_) return Error::Of(ErrorCode::kUnavailable, "the platform's figures are taken by the running server");
  std::vector<EvidenceRow> rows;
  std::map<LiveSource, LiveFigures> taken;  // 45-47 share one source: asked once
  std::string now = Now();
  for (const auto& ind : model.indicators) {
    if (!ind.live) continue;
    auto it = taken.find(*ind.live);
    if (it == taken.end()) {
      auto figures = live_->Figures(*ind.live, node, date);
      if (!figures.ok()) return figures.error();
      it = taken.emplace(*ind.live, std::move(*figures)).first;
    }
    EvidenceRow e;
    e.assessment_id = assessment_id;
    e.indicator = ind.number;
    e.kind = "platform";
    e.title = it->second.summary.id;
    e.url = it->second.link;
    json::object figures = it->second.figures;
    figures["summary_en"] = it->second.summary.In("en");
    e.figures = json::serialize(figures);
    e.as_of = it->second.as_of.empty() ? date : it->second.as_of;
    e.added_by = by;
    e.added_at = now;
    rows.push_back(std::move(e));
  }
  return rows;
}

Result<int> EvaluationService::TakeLiveEvidence(const access::Actor& actor, std::int64_t id, std::string_view date,
                                                std::string_view lang) {
  auto loaded = Load(actor, id, lang);
  if (!loaded.ok()) return loaded.error();
  if (!access::Allowed(actor, access::Action::kSpbeSelfAssess, loaded->node.path)) {
    return Forbidden(lang, "spbe_coordinator_only");
  }
  if (!IsState(loaded->row, State::kDraft)) return Conflict(lang, "spbe_not_draft");
  std::string today = FormatDate(LocalDate(clock_(), ParseTimeZone(loaded->node.timezone)));
  if (!ValidDate(date) || std::string(date) > today) return Field(lang, "date", "spbe_date_invalid");
  auto model = ModelOf(loaded->row.model_id);
  if (!model.ok()) return model.error();
  auto rows = LiveRows(**model, loaded->node, std::string(date), id, actor.account_id);
  if (!rows.ok()) return rows.error();
  std::string now = Now();
  return db_.WriteReturning<int>([&](soci::session& s) -> Result<int> {
    auto a = store_.Assessment(s, id);
    if (!a || a->state != "draft") return Conflict(lang, "spbe_not_draft");
    for (const auto& ind : (*model)->indicators) {
      if (ind.live) store_.RemovePlatformEvidence(s, id, ind.number, now);
    }
    for (const auto& e : *rows) store_.InsertEvidence(s, e);
    store_.SetEvidenceDate(s, id, std::string(date), now);
    Audit(s, actor, *a, "spbe.live_evidence", std::string(date) + "|" + std::to_string(rows->size()), now);
    return static_cast<int>(rows->size());
  });
}

Status EvaluationService::SetTarget(const access::Actor& actor, std::int64_t id, int indicator, int level,
                                    std::string_view lang) {
  auto loaded = Load(actor, id, lang);
  if (!loaded.ok()) return loaded.error();
  if (!access::Allowed(actor, access::Action::kSpbeSelfAssess, loaded->node.path)) {
    return Forbidden(lang, "spbe_coordinator_only");
  }
  auto model = ModelOf(loaded->row.model_id);
  if (!model.ok()) return model.error();
  if (!(*model)->FindIndicator(indicator)) return NotFound(lang);
  if (level < 0 || level > 5) return Field(lang, "target_level", "spbe_level_range");
  return ChangeAnswer(actor, id, indicator, "spbe.target_set",
                      [&](const AssessmentRow&, AnswerRow& answer) -> std::optional<Error> {
                        answer.target_level = level;
                        return std::nullopt;
                      });
}

Result<std::int64_t> EvaluationService::AddPlanAction(const access::Actor& actor, std::int64_t id, int indicator,
                                                      std::string_view action, std::string_view owner,
                                                      std::string_view due_date, std::string_view lang) {
  std::vector<FieldError> errors;
  if (action.empty() || action.size() > 1000) errors.push_back({"action", i18n::Tr(lang, "spbe_action_needed")});
  if (owner.empty() || owner.size() > 200) errors.push_back({"owner", i18n::Tr(lang, "spbe_owner_needed")});
  if (!ValidDate(due_date)) errors.push_back({"due_date", i18n::Tr(lang, "spbe_date_invalid")});
  if (!errors.empty()) return Error::Validation(std::move(errors));
  auto loaded = Load(actor, id, lang);
  if (!loaded.ok()) return loaded.error();
  if (!access::Allowed(actor, access::Action::kSpbeSelfAssess, loaded->node.path)) {
    return Forbidden(lang, "spbe_coordinator_only");
  }
  auto model = ModelOf(loaded->row.model_id);
  if (!model.ok()) return model.error();
  if (!(*model)->FindIndicator(indicator)) return NotFound(lang);
  std::string now = Now();
  PlanActionRow p{0, id, indicator, Clean(action), Clean(owner), std::string(due_date), now};
  return db_.WriteReturning<std::int64_t>([&](soci::session& s) -> Result<std::int64_t> {
    if (store_.PlanActions(s, id).size() >= 500) return Field(lang, "action", "spbe_too_many_actions");
    std::int64_t action_id = store_.InsertPlanAction(s, p, actor.account_id);
    Audit(s, actor, loaded->row, "spbe.plan_action_added", std::to_string(indicator) + "|" + p.action, now);
    return action_id;
  });
}

Status EvaluationService::RemovePlanAction(const access::Actor& actor, std::int64_t id, std::int64_t action_id,
                                           std::string_view lang) {
  auto loaded = Load(actor, id, lang);
  if (!loaded.ok()) return loaded.error();
  if (!access::Allowed(actor, access::Action::kSpbeSelfAssess, loaded->node.path)) {
    return Forbidden(lang, "spbe_coordinator_only");
  }
  std::string now = Now();
  return db_.Write([&](soci::session& s) -> Status {
    auto actions = store_.PlanActions(s, id);
    if (std::none_of(actions.begin(), actions.end(), [&](const PlanActionRow& p) { return p.id == action_id; })) {
      return NotFound(lang);
    }
    store_.RemovePlanAction(s, id, action_id, now);
    Audit(s, actor, loaded->row, "spbe.plan_action_removed", std::to_string(action_id), now);
    return Ok{};
  });
}

Result<std::vector<AssessmentRow>> EvaluationService::Worklist(const access::Actor& actor) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  auto all = db_.Read([&](soci::session& s) {
    return store_.AssessmentsInStates(s, {"draft", "submitted", "under_review", "final"});
  });
  if (!all.ok()) return all.error();
  std::vector<AssessmentRow> out;
  for (auto& a : *all) {
    if (access::Allowed(actor, access::Action::kSpbeRead, a.node_path)) out.push_back(std::move(a));
  }
  std::sort(out.begin(), out.end(), [](const AssessmentRow& a, const AssessmentRow& b) {
    return a.year != b.year ? a.year > b.year : a.node_name < b.node_name;
  });
  return out;
}

Result<std::vector<AssessmentRow>> EvaluationService::EvaluatorQueue(const access::Actor& actor) {
  if (actor.anonymous()) return Error::Of(ErrorCode::kUnauthorized, "sign in first");
  auto all = db_.Read([&](soci::session& s) { return store_.AssessmentsInStates(s, {"submitted", "under_review"}); });
  if (!all.ok()) return all.error();
  std::vector<AssessmentRow> out;
  for (auto& a : *all) {
    auto node = org_.Get(a.node_id);
    if (node.ok() && EvaluatesFor(actor, *node)) out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<PublicResult>> EvaluationService::PublicLatest(std::vector<org::Node>* nodes) {
  auto finals = db_.Read([&](soci::session& s) {
    std::vector<std::pair<AssessmentRow, std::vector<AnswerRow>>> out;
    for (auto& a : store_.AssessmentsInStates(s, {"final"})) {
      auto answers = store_.Answers(s, a.id);
      out.emplace_back(std::move(a), std::move(answers));
    }
    return out;
  });
  if (!finals.ok()) return finals.error();
  std::map<std::int64_t, std::size_t> latest;  // node -> index in out
  std::vector<PublicResult> out;
  for (auto& [a, answers] : *finals) {
    auto model = ModelOf(a.model_id);
    if (!model.ok()) return model.error();
    std::map<int, AnswerRow> by;
    for (auto& x : answers) by[x.indicator] = x;
    PublicResult r{a.id, a.year, *model, Score(**model, by, true)};
    auto it = latest.find(a.node_id);
    if (it == latest.end()) {
      latest[a.node_id] = out.size();
      out.push_back(std::move(r));
      if (nodes) {
        auto node = org_.Get(a.node_id);
        nodes->push_back(node.ok() ? *node : org::Node{});
      }
    } else if (out[it->second].year < r.year) {
      out[it->second] = std::move(r);
    }
  }
  return out;
}

Result<PublicSummary> EvaluationService::Public(std::string_view node_slug_or_id) {
  std::optional<org::Node> node;
  std::vector<org::Node> nodes;
  auto latest = PublicLatest(&nodes);
  if (!latest.ok()) return latest.error();
  for (const auto& n : nodes) {
    if (n.slug == node_slug_or_id || std::to_string(n.id) == node_slug_or_id) node = n;
  }
  if (!node) return Error::Of(ErrorCode::kNotFound, "no final SPBE result for this government");
  auto rows = db_.Read([&](soci::session& s) {
    std::vector<std::pair<AssessmentRow, std::vector<AnswerRow>>> out;
    for (auto& a : store_.AssessmentsOfNode(s, node->id)) {
      if (a.state != "final") continue;
      auto answers = store_.Answers(s, a.id);
      out.emplace_back(std::move(a), std::move(answers));
    }
    return out;
  });
  if (!rows.ok()) return rows.error();
  PublicSummary summary{*node, {}};
  for (auto& [a, answers] : *rows) {
    auto model = ModelOf(a.model_id);
    if (!model.ok()) return model.error();
    std::map<int, AnswerRow> by;
    for (auto& x : answers) by[x.indicator] = x;
    summary.years.push_back({a.id, a.year, *model, Score(**model, by, true)});
  }
  return summary;
}

}  // namespace spbe::evaluation
