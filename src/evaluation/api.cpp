#include "evaluation/api.hpp"

#include <boost/describe.hpp>
#include <boost/json.hpp>

#include "evaluation/report.hpp"
#include "http/forms.hpp"
#include "http/ids.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"

namespace spbe::evaluation {

using http::Request;
using http::Response;
using http::contract::Nullable;

// ---- contracts ----

struct CreateAssessmentBody {
  std::int64_t node_id = 0;
  int year = 0;
};
BOOST_DESCRIBE_STRUCT(CreateAssessmentBody, (), (node_id, year))

struct SelfBody {
  int level = 0;
  std::optional<std::string> explanation;
  static boost::json::object Notes() {
    return {{"level", {{"minimum", 1}, {"maximum", 5}}}, {"explanation", {{"maxLength", 4000}}}};
  }
};
BOOST_DESCRIBE_STRUCT(SelfBody, (), (level, explanation))

struct ReviewBody {
  std::string decision;
  std::optional<int> level;
  std::optional<std::string> note;
  static boost::json::object Notes() {
    return {{"decision", {{"enum", {"kept", "changed", "more_evidence"}}}},
            {"level", {{"description", "the evaluator's level when changed"}}},
            {"note", {{"description", "the reason of a change, or the evidence asked for"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ReviewBody, (), (decision, level, note))

struct NoteBody {
  std::string note;
};
BOOST_DESCRIBE_STRUCT(NoteBody, (), (note))

struct LinkBody {
  std::string title;
  std::string url;
};
BOOST_DESCRIBE_STRUCT(LinkBody, (), (title, url))

struct DateBody {
  std::string date;
  static boost::json::object Notes() { return {{"date", {{"format", "date"}}}}; }
};
BOOST_DESCRIBE_STRUCT(DateBody, (), (date))

struct TargetBody {
  int level = 0;
  static boost::json::object Notes() {
    return {{"level", {{"minimum", 0}, {"maximum", 5}, {"description", "0 clears the target"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(TargetBody, (), (level))

struct PlanBody {
  int indicator = 0;
  std::string action;
  std::string owner;
  std::string due_date;
  static boost::json::object Notes() { return {{"due_date", {{"format", "date"}}}}; }
};
BOOST_DESCRIBE_STRUCT(PlanBody, (), (indicator, action, owner, due_date))

struct PartOut {
  int number = 0;
  std::string name;
  std::string weight;
  Nullable<std::string> index;
};
BOOST_DESCRIBE_STRUCT(PartOut, (), (number, name, weight, index))

struct SideOut {
  Nullable<std::string> index;
  Nullable<std::string> predikat;
  int answered = 0;
  int total = 0;
  std::vector<PartOut> domains;
  std::vector<PartOut> aspects;
  static boost::json::object Notes() {
    return {{"index", {{"pattern", "^[1-5]\\.[0-9]{2}$"}, {"description", "null until every indicator has a level"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(SideOut, (), (index, predikat, answered, total, domains, aspects))

struct EvidenceOut {
  std::int64_t id = 0;
  std::string kind;
  std::string title;
  std::string url;
  std::string as_of;
  std::optional<boost::json::object> figures;
  std::string added_at;
  static boost::json::object Notes() {
    return {{"kind", {{"enum", {"link", "file", "platform"}}}},
            {"url", {{"description", "a link, a file's download path, or the page reproducing the figures"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(EvidenceOut, (), (id, kind, title, url, as_of, figures, added_at))

struct IndicatorOut {
  int number = 0;
  std::string name;
  std::string weight;
  int domain = 0;
  int aspect = 0;
  Nullable<int> self_level;
  std::string explanation;
  Nullable<int> final_level;
  std::string review;
  std::string review_note;
  std::string interview_note;
  Nullable<int> target_level;
  Nullable<int> previous_target;
  std::vector<EvidenceOut> evidence;
};
BOOST_DESCRIBE_STRUCT(IndicatorOut, (),
                      (number, name, weight, domain, aspect, self_level, explanation, final_level, review, review_note,
                       interview_note, target_level, previous_target, evidence))

struct PlanOut {
  std::int64_t id = 0;
  int indicator = 0;
  std::string action;
  std::string owner;
  std::string due_date;
};
BOOST_DESCRIBE_STRUCT(PlanOut, (), (id, indicator, action, owner, due_date))

struct AllowedOut {
  bool edit = false;
  bool plan = false;
  bool submit = false;
  bool review = false;
  bool finalize = false;
};
BOOST_DESCRIBE_STRUCT(AllowedOut, (), (edit, plan, submit, review, finalize))

struct AssessmentOut {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string node_name;
  int year = 0;
  std::string model;
  std::string state;
  std::string evidence_as_of;
  SideOut self;
  SideOut final_;
  std::vector<IndicatorOut> indicators;
  std::vector<PlanOut> plan;
  Nullable<int> previous_year;
  AllowedOut allowed;
  static boost::json::object Notes() {
    return {{"state", {{"enum", {"draft", "submitted", "under_review", "final"}}}},
            {"self", {{"description", "the agency's self-assessment"}}},
            {"final", {{"description", "the evaluator's levels (the result once the state is final)"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(AssessmentOut, (),
                      (id, node_id, node_name, year, model, state, evidence_as_of, self, final_, indicators, plan,
                       previous_year, allowed))

struct AssessmentItemOut {
  std::int64_t id = 0;
  std::int64_t node_id = 0;
  std::string node_name;
  int year = 0;
  std::string state;
  std::string updated_at;
};
BOOST_DESCRIBE_STRUCT(AssessmentItemOut, (), (id, node_id, node_name, year, state, updated_at))

struct IndicatorModelOut {
  int number = 0;
  std::string name;
  std::string name_en;
  std::string weight;
  std::string level_set;
  bool confirmed = true;
  std::vector<std::string> criteria;
  std::vector<std::string> criteria_en;
  std::optional<std::string> live_evidence;
};
BOOST_DESCRIBE_STRUCT(IndicatorModelOut, (),
                      (number, name, name_en, weight, level_set, confirmed, criteria, criteria_en, live_evidence))

struct AspectModelOut {
  int number = 0;
  std::string name;
  std::string name_en;
  std::string weight;
  std::vector<IndicatorModelOut> indicators;
};
BOOST_DESCRIBE_STRUCT(AspectModelOut, (), (number, name, name_en, weight, indicators))

struct DomainModelOut {
  int number = 0;
  std::string name;
  std::string name_en;
  std::string weight;
  std::vector<AspectModelOut> aspects;
};
BOOST_DESCRIBE_STRUCT(DomainModelOut, (), (number, name, name_en, weight, aspects))

struct LevelSetOut {
  std::string name;
  std::vector<std::string> levels;
  std::vector<std::string> levels_en;
};
BOOST_DESCRIBE_STRUCT(LevelSetOut, (), (name, levels, levels_en))

struct PredikatOut {
  std::string min;
  std::string name;
  std::string name_en;
};
BOOST_DESCRIBE_STRUCT(PredikatOut, (), (min, name, name_en))

struct ModelOut {
  std::string code;
  std::string name;
  std::string regulation;
  std::vector<LevelSetOut> level_sets;
  std::vector<PredikatOut> predikat;
  std::vector<DomainModelOut> domains;
  static boost::json::object Notes() {
    return {{"domains", {{"description", "weights are percent of the whole, as decimal text with two decimals"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ModelOut, (), (code, name, regulation, level_sets, predikat, domains))

struct LoadedModelOut {
  std::int64_t id = 0;
  std::string code;
  std::string name;
  std::string sha256;
};
BOOST_DESCRIBE_STRUCT(LoadedModelOut, (), (id, code, name, sha256))

struct PublicYearOut {
  std::int64_t assessment_id = 0;
  int year = 0;
  Nullable<std::string> index;
  Nullable<std::string> predikat;
  std::vector<PartOut> domains;
};
BOOST_DESCRIBE_STRUCT(PublicYearOut, (), (assessment_id, year, index, predikat, domains))

struct PublicGovernmentOut {
  std::int64_t node_id = 0;
  std::string name;
  std::string slug;
  std::vector<PublicYearOut> years;
};
BOOST_DESCRIBE_STRUCT(PublicGovernmentOut, (), (node_id, name, slug, years))

struct CountOut {
  int attached = 0;
};
BOOST_DESCRIBE_STRUCT(CountOut, (), (attached))

struct IdOut {
  std::int64_t id = 0;
};
BOOST_DESCRIBE_STRUCT(IdOut, (), (id))

namespace {

namespace json = boost::json;
using http::Operation;

constexpr const char* kTag = "spbe";

std::int64_t PathId(const Request& req, const char* name) {
  auto it = req.params.find(name);
  return it == req.params.end() ? 0 : http::ParseId(it->second);
}

// A download's name: ASCII for every browser, and the name as typed (RFC 6266, RFC 8187) for those that read it.
std::string Attachment(const std::string& name) {
  std::string ascii;
  for (char c : name) ascii += (static_cast<unsigned char>(c) < 0x80 && c != '"' && c != '\\') ? c : '_';
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + http::UrlEncode(name);
}

Nullable<std::string> IndexText(const Score& s) {
  Nullable<std::string> out;
  if (s.hundredths) out.value = FormatHundredths(*s.hundredths);
  return out;
}

template <class T>
Nullable<T> NonZero(T v) {
  Nullable<T> out;
  if (v) out.value = v;
  return out;
}

SideOut SideOf(const Model& m, const Scores& s, std::string_view lang) {
  SideOut out;
  out.index = IndexText(s.overall);
  if (!s.predikat_id.empty()) out.predikat.value = lang == "en" ? s.predikat_en : s.predikat_id;
  out.answered = s.overall.answered;
  out.total = s.overall.total;
  for (const auto& d : m.domains) {
    out.domains.push_back({d.number, d.name.In(lang), FormatHundredths(d.weight), IndexText(s.domains.at(d.number))});
  }
  for (const auto& a : m.aspects) {
    out.aspects.push_back({a.number, a.name.In(lang), FormatHundredths(a.weight), IndexText(s.aspects.at(a.number))});
  }
  return out;
}

EvidenceOut EvidenceOutOf(const EvidenceRow& e) {
  EvidenceOut out{e.id, e.kind, e.title, e.url, e.as_of, std::nullopt, e.added_at};
  if (e.kind == "file") {
    out.url = "/api/v1/spbe/assessments/" + std::to_string(e.assessment_id) + "/evidence/" + std::to_string(e.id);
  }
  if (e.kind == "platform") {
    boost::system::error_code ec;
    auto v = json::parse(e.figures, ec);
    if (!ec && v.is_object()) out.figures = v.as_object();
  }
  return out;
}

}  // namespace

AssessmentOut AssessmentOutOf(const AssessmentView& v, std::string_view lang) {
  AssessmentOut out;
  out.id = v.row.id;
  out.node_id = v.row.node_id;
  out.node_name = v.row.node_name;
  out.year = v.row.year;
  out.model = v.model->code;
  out.state = v.row.state;
  out.evidence_as_of = v.row.evidence_as_of;
  out.self = SideOf(*v.model, v.self, lang);
  out.final_ = SideOf(*v.model, v.final, lang);
  for (const auto& ind : v.model->indicators) {
    IndicatorOut i;
    i.number = ind.number;
    i.name = ind.name.In(lang);
    i.weight = FormatHundredths(ind.weight);
    i.domain = ind.domain;
    i.aspect = ind.aspect;
    if (auto it = v.answers.find(ind.number); it != v.answers.end()) {
      i.self_level = NonZero(it->second.self_level);
      i.explanation = it->second.explanation;
      i.final_level = NonZero(it->second.final_level);
      i.review = it->second.review;
      i.review_note = it->second.review_note;
      i.interview_note = it->second.interview_note;
      i.target_level = NonZero(it->second.target_level);
    }
    if (auto it = v.previous_targets.find(ind.number); it != v.previous_targets.end()) {
      i.previous_target.value = it->second;
    }
    for (const auto& e : v.evidence) {
      if (e.indicator == ind.number) i.evidence.push_back(EvidenceOutOf(e));
    }
    out.indicators.push_back(std::move(i));
  }
  for (const auto& p : v.plan) out.plan.push_back({p.id, p.indicator, p.action, p.owner, p.due_date});
  if (v.previous_year) out.previous_year.value = *v.previous_year;
  out.allowed = {v.can_edit, v.can_plan, v.can_submit, v.can_review, v.can_finalize};
  return out;
}

namespace {

ModelOut ModelOutOf(const Model& m) {
  ModelOut out{m.code, m.name.id, m.regulation, {}, {}, {}};
  for (const auto& [name, levels] : m.level_sets) {
    LevelSetOut set{name, {}, {}};
    for (const auto& l : levels) {
      set.levels.push_back(l.name.id);
      set.levels_en.push_back(l.name.In("en"));
    }
    out.level_sets.push_back(std::move(set));
  }
  for (const auto& p : m.predikat) out.predikat.push_back({FormatHundredths(p.min), p.name.id, p.name.In("en")});
  for (const auto& d : m.domains) {
    DomainModelOut dom{d.number, d.name.id, d.name.In("en"), FormatHundredths(d.weight), {}};
    for (int an : d.aspects) {
      const Aspect* a = m.FindAspect(an);
      AspectModelOut asp{a->number, a->name.id, a->name.In("en"), FormatHundredths(a->weight), {}};
      for (int n : a->indicators) {
        const Indicator* i = m.FindIndicator(n);
        IndicatorModelOut ind{
            i->number, i->name.id, i->name.In("en"), FormatHundredths(i->weight), i->level_set, i->confirmed,
            {},        {},         std::nullopt};
        for (const auto& c : i->criteria) {
          ind.criteria.push_back(c.id);
          ind.criteria_en.push_back(c.In("en"));
        }
        if (i->live) ind.live_evidence = std::string(LiveSourceName(*i->live));
        asp.indicators.push_back(std::move(ind));
      }
      dom.aspects.push_back(std::move(asp));
    }
    out.domains.push_back(std::move(dom));
  }
  return out;
}

AssessmentItemOut ItemOf(const AssessmentRow& a) {
  return {a.id, a.node_id, a.node_name, a.year, a.state, a.updated_at};
}

PublicYearOut PublicYearOf(const PublicResult& r, std::string_view lang) {
  PublicYearOut out{r.assessment_id, r.year, IndexText(r.final.overall), {}, {}};
  if (!r.final.predikat_id.empty()) out.predikat.value = lang == "en" ? r.final.predikat_en : r.final.predikat_id;
  for (const auto& d : r.model->domains) {
    out.domains.push_back(
        {d.number, d.name.In(lang), FormatHundredths(d.weight), IndexText(r.final.domains.at(d.number))});
  }
  return out;
}

bool Anonymous(const Request& req) { return req.actor().anonymous(); }
// A person's work: another system's key is asked to sign in as one (the key scope spbe.read opens reading only).
bool NotAPerson(const Request& req) { return req.actor().account_id == 0; }

// The assessment again after a change, as the answer to it.
Response Current(EvaluationService& spbe, Request& req, std::int64_t id, int status = 200) {
  auto v = spbe.Get(req.actor(), id, req.lang);
  if (!v.ok()) return http::Problem(req, v.error());
  return http::Reply(status, AssessmentOutOf(*v, req.lang));
}

http::Handler GetCurrentModel(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    auto m = spbe.CurrentModel();
    if (!m.ok()) return http::Problem(req, m.error());
    Response r = http::Reply(200, ModelOutOf(**m));
    r.Set("Cache-Control", "public, max-age=300");
    return r;
  };
}

http::Handler LoadModel(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto m = spbe.LoadModel(req.actor(), req.body, req.lang);
    if (!m.ok()) return http::Problem(req, m.error());
    return http::Reply(201, LoadedModelOut{m->id, m->code, m->name, m->sha256});
  };
}

http::Handler CreateAssessment(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto in = http::ReadBody<CreateAssessmentBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto v = spbe.Create(req.actor(), in->node_id, in->year, req.lang);
    if (!v.ok()) return http::Problem(req, v.error());
    return http::Reply(201, AssessmentOutOf(*v, req.lang));
  };
}

http::Handler ListAssessments(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto list =
        req.Query("antrian").value_or("") == "1" ? spbe.EvaluatorQueue(req.actor()) : spbe.Worklist(req.actor());
    if (!list.ok()) return http::Problem(req, list.error());
    std::vector<AssessmentItemOut> out;
    for (const auto& a : *list) out.push_back(ItemOf(a));
    return http::Reply(200, out);
  };
}

http::Handler GetAssessment(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (Anonymous(req)) return http::Unauthorized(req);
    return Current(spbe, req, PathId(req, "id"));
  };
}

http::Handler PutSelf(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto in = http::ReadBody<SelfBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    std::int64_t id = PathId(req, "id");
    auto st = spbe.SetSelf(req.actor(), id, static_cast<int>(PathId(req, "number")), in->level,
                           in->explanation.value_or(""), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return Current(spbe, req, id);
  };
}

http::Handler Submit(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    std::int64_t id = PathId(req, "id");
    auto st = spbe.Submit(req.actor(), id, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return Current(spbe, req, id);
  };
}

http::Handler ReviewOne(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto in = http::ReadBody<ReviewBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto decision = ParseReview(in->decision);
    if (!decision || *decision == Review::kNone) {
      return http::Problem(req, Error::Validation({{"decision", i18n::Tr(req.lang, "spbe_decision_unknown")}}));
    }
    std::int64_t id = PathId(req, "id");
    auto st = spbe.ReviewIndicator(req.actor(), id, static_cast<int>(PathId(req, "number")), *decision,
                                   in->level.value_or(0), in->note.value_or(""), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return Current(spbe, req, id);
  };
}

http::Handler Interview(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto in = http::ReadBody<NoteBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    std::int64_t id = PathId(req, "id");
    auto st = spbe.NoteInterview(req.actor(), id, static_cast<int>(PathId(req, "number")), in->note, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return Current(spbe, req, id);
  };
}

http::Handler Finalize(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    std::int64_t id = PathId(req, "id");
    auto st = spbe.Finalize(req.actor(), id, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return Current(spbe, req, id);
  };
}

http::Handler AddLink(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto in = http::ReadBody<LinkBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto made = spbe.AddLink(req.actor(), PathId(req, "id"), static_cast<int>(PathId(req, "number")), in->title,
                             in->url, req.lang);
    if (!made.ok()) return http::Problem(req, made.error());
    return http::Reply(201, IdOut{*made});
  };
}

http::Handler GetEvidenceFile(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (Anonymous(req)) return http::Unauthorized(req);
    auto f = spbe.ReadEvidenceFile(req.actor(), PathId(req, "id"), PathId(req, "evidence_id"), req.lang);
    if (!f.ok()) return http::Problem(req, f.error());
    Response r;
    r.status = 200;
    r.body = std::move(f->bytes);
    r.Set("Content-Type", f->content_type);
    r.Set("Content-Disposition", Attachment(f->name));
    r.Set("X-Content-Type-Options", "nosniff");
    r.Set("Cache-Control", "private, no-store");
    return r;
  };
}

http::Handler RemoveEvidence(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    std::int64_t id = PathId(req, "id");
    auto st = spbe.RemoveEvidence(req.actor(), id, PathId(req, "evidence_id"), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return Current(spbe, req, id);
  };
}

http::Handler TakeLive(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto in = http::ReadBody<DateBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto n = spbe.TakeLiveEvidence(req.actor(), PathId(req, "id"), in->date, req.lang);
    if (!n.ok()) return http::Problem(req, n.error());
    return http::Reply(200, CountOut{*n});
  };
}

http::Handler PutTarget(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto in = http::ReadBody<TargetBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    std::int64_t id = PathId(req, "id");
    auto st = spbe.SetTarget(req.actor(), id, static_cast<int>(PathId(req, "number")), in->level, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return Current(spbe, req, id);
  };
}

http::Handler AddPlan(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto in = http::ReadBody<PlanBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto made = spbe.AddPlanAction(req.actor(), PathId(req, "id"), in->indicator, in->action, in->owner, in->due_date,
                                   req.lang);
    if (!made.ok()) return http::Problem(req, made.error());
    return http::Reply(201, IdOut{*made});
  };
}

http::Handler RemovePlan(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    std::int64_t id = PathId(req, "id");
    auto st = spbe.RemovePlanAction(req.actor(), id, PathId(req, "action_id"), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return Current(spbe, req, id);
  };
}

http::Handler PublicList(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    std::vector<org::Node> nodes;
    auto latest = spbe.PublicLatest(&nodes);
    if (!latest.ok()) return http::Problem(req, latest.error());
    std::vector<PublicGovernmentOut> out;
    for (std::size_t i = 0; i < latest->size(); ++i) {
      out.push_back({nodes[i].id, nodes[i].name, nodes[i].slug, {PublicYearOf((*latest)[i], req.lang)}});
    }
    return http::Reply(200, out);
  };
}

http::Handler PublicOne(EvaluationService& spbe) {
  return [&spbe](Request& req) {
    auto s = spbe.Public(req.params["node"]);
    if (!s.ok()) return http::Problem(req, s.error());
    PublicGovernmentOut out{s->node.id, s->node.name, s->node.slug, {}};
    for (const auto& y : s->years) out.years.push_back(PublicYearOf(y, req.lang));
    return http::Reply(200, out);
  };
}

http::Handler Export(EvaluationService& spbe, const char* format) {
  return [&spbe, format](Request& req) {
    if (Anonymous(req)) return http::Unauthorized(req);
    auto v = spbe.Get(req.actor(), PathId(req, "id"), req.lang);
    if (!v.ok()) return http::Problem(req, v.error());
    auto file = RenderReport(*v, format, req.lang);
    if (!file.ok()) return http::Problem(req, file.error());
    Response r;
    r.status = 200;
    r.body = std::move(file->bytes);
    r.Set("Content-Type", file->content_type);
    r.Set("Content-Disposition", Attachment(file->name));
    r.Set("Cache-Control", "private, no-store");
    return r;
  };
}

CreateAssessmentBody CreateExample() { return {1, 2026}; }

}  // namespace

void RegisterApi(http::Router& router, EvaluationService& spbe) {
  router.DescribeTag(kTag,
                     "The SPBE evaluation (Indeks SPBE, PermenPANRB 59/2020 or a later model loaded as data): "
                     "self-assessment by the agency's coordinator, review by an evaluator from outside, the index and "
                     "predikat, evidence (attached by the platform from its own figures too), targets and plans.");
  auto assessment = [](const char* id, const char* summary) {
    return Operation(id, kTag, summary).Path("id", http::IntegerSchema(), "The assessment");
  };
  auto indicator = [&](const char* id, const char* summary) {
    return assessment(id, summary).Path("number", http::IntegerSchema(), "The indicator's number in the model");
  };
  router.Add("GET", "/api/v1/spbe/models/current", GetCurrentModel(spbe),
             Operation("getSpbeModel", kTag, "The maturity model new assessments use, with its weights")
                 .Public()
                 .Reply<ModelOut>(200, "The model")
                 .Problems({{400, "The request cannot be read"}, {503, "No model is loaded (spbe migrate)"}})
                 .Options());
  router.Add("POST", "/api/v1/spbe/models", LoadModel(spbe),
             Operation("loadSpbeModel", kTag, "Load another maturity model file (a platform admin)")
                 .Describe("The body is the model file (see data/spbe/permenpanrb-59-2020.json for its shape). It "
                           "becomes the model of new assessments; those already made keep theirs.")
                 .BodyContent("application/json", {{"type", "object"}}, nullptr)
                 .Reply<LoadedModelOut>(201, "Loaded")
                 .Problems({{401, "Not signed in"},
                            {403, "Not a platform admin"},
                            {409, "A model with this id is loaded already"},
                            {422, "The file does not add up: the error names where"}})
                 .Options());
  router.Add("POST", "/api/v1/spbe/assessments", CreateAssessment(spbe),
             Operation("createSpbeAssessment", kTag, "Open a year's assessment of a pemda or ministry")
                 .Describe("For the agency's coordinator (agency or platform admin over the node). One per node and "
                           "year: a second request for the same year is refused with 409. The platform's own "
                           "figures are attached as evidence at once, as of today.")
                 .Body<CreateAssessmentBody>(CreateExample())
                 .Reply<AssessmentOut>(201, "Opened, as a draft")
                 .Problems({{401, "Not signed in"},
                            {403, "Not the node's coordinator"},
                            {409, "The year's assessment exists"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("GET", "/api/v1/spbe/assessments", ListAssessments(spbe),
             Operation("listSpbeAssessments", kTag, "The assessments the caller works on")
                 .Query("antrian", http::StringSchema("^1$"), "1: the evaluator's queue (submitted, under review)")
                 .Reply<std::vector<AssessmentItemOut>>(200, "The assessments")
                 .Problems({{401, "Not signed in"}})
                 .Options());
  router.Add("GET", "/api/v1/spbe/assessments/{id}", GetAssessment(spbe),
             assessment("getSpbeAssessment", "An assessment: levels, evidence, index and predikat")
                 .Scope("spbe.read")
                 .Reply<AssessmentOut>(200, "The assessment")
                 .Problems({{401, "Not signed in"}, {404, "No such assessment the caller may read"}})
                 .Options());
  router.Add("PUT", "/api/v1/spbe/assessments/{id}/indicators/{number}", PutSelf(spbe),
             indicator("setSpbeSelfLevel", "The coordinator's level and explanation of an indicator")
                 .Body<SelfBody>()
                 .Reply<AssessmentOut>(200, "Saved")
                 .Problems({{401, "Not signed in"},
                            {403, "Not the coordinator"},
                            {404, "No such assessment or indicator"},
                            {409, "No longer a draft"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("POST", "/api/v1/spbe/assessments/{id}/submit", Submit(spbe),
             assessment("submitSpbeAssessment", "Submit the self-assessment for review")
                 .Reply<AssessmentOut>(200, "Submitted")
                 .Problems({{401, "Not signed in"},
                            {403, "Not the coordinator"},
                            {404, "No such assessment"},
                            {409, "Not a draft"},
                            {422, "Indicators without a level, each named"}})
                 .Options());
  router.Add("POST", "/api/v1/spbe/assessments/{id}/indicators/{number}/review", ReviewOne(spbe),
             indicator("reviewSpbeIndicator", "The evaluator's decision on an indicator")
                 .Body<ReviewBody>()
                 .Reply<AssessmentOut>(200, "Decided")
                 .Problems({{401, "Not signed in"},
                            {403, "Not an evaluator from outside the agency"},
                            {404, "No such assessment or indicator"},
                            {409, "Not submitted or under review"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("POST", "/api/v1/spbe/assessments/{id}/indicators/{number}/interview", Interview(spbe),
             indicator("noteSpbeInterview", "The evaluator's note of an interview on an indicator")
                 .Body<NoteBody>()
                 .Reply<AssessmentOut>(200, "Noted")
                 .Problems({{401, "Not signed in"},
                            {403, "Not an evaluator from outside the agency"},
                            {404, "No such assessment or indicator"},
                            {409, "Not under review"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("POST", "/api/v1/spbe/assessments/{id}/finalize", Finalize(spbe),
             assessment("finalizeSpbeAssessment", "Make the evaluator's levels final")
                 .Reply<AssessmentOut>(200, "Final")
                 .Problems({{401, "Not signed in"},
                            {403, "Not an evaluator from outside the agency"},
                            {404, "No such assessment"},
                            {409, "An indicator is undecided, or the assessment is not under review"}})
                 .Options());
  router.Add("POST", "/api/v1/spbe/assessments/{id}/indicators/{number}/evidence", AddLink(spbe),
             indicator("addSpbeEvidenceLink", "A link as evidence of an indicator")
                 .Describe("In a draft; under review, only to indicators the evaluator asked more evidence for. "
                           "Files are added on the assessment's page.")
                 .Body<LinkBody>()
                 .Reply<IdOut>(201, "Added")
                 .Problems({{401, "Not signed in"},
                            {403, "Not the coordinator"},
                            {404, "No such assessment or indicator"},
                            {409, "Evidence cannot be added now"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("GET", "/api/v1/spbe/assessments/{id}/evidence/{evidence_id}", GetEvidenceFile(spbe),
             assessment("getSpbeEvidenceFile", "A file of evidence")
                 .Scope("spbe.read")
                 .Path("evidence_id", http::IntegerSchema(), "The evidence")
                 .ReplyContent(200, "The file", "application/octet-stream", http::BinarySchema())
                 .Problems({{401, "Not signed in"}, {404, "No such file the caller may read"}})
                 .Options());
  router.Add(
      "POST", "/api/v1/spbe/assessments/{id}/evidence/{evidence_id}/remove", RemoveEvidence(spbe),
      assessment("removeSpbeEvidence", "Take evidence away (in a draft)")
          .Path("evidence_id", http::IntegerSchema(), "The evidence")
          .Reply<AssessmentOut>(200, "Removed")
          .Problems(
              {{401, "Not signed in"}, {403, "Not the coordinator"}, {404, "No such evidence"}, {409, "Not a draft"}})
          .Options());
  router.Add("POST", "/api/v1/spbe/assessments/{id}/live-evidence", TakeLive(spbe),
             assessment("takeSpbeLiveEvidence", "Attach the platform's own figures as of a date")
                 .Describe("Complaints (42), open data (43), public services (45-47), the service bus (18), the "
                           "architecture inventory (11, 15) and on-time service (28), each with a link that shows "
                           "the figures again; those taken before are replaced.")
                 .Body<DateBody>()
                 .Reply<CountOut>(200, "How many indicators got figures")
                 .Problems({{401, "Not signed in"},
                            {403, "Not the coordinator"},
                            {404, "No such assessment"},
                            {409, "Not a draft"},
                            {422, "Not a date, or a date in the future"}})
                 .Options());
  router.Add("PUT", "/api/v1/spbe/assessments/{id}/indicators/{number}/target", PutTarget(spbe),
             indicator("setSpbeTarget", "Next year's target level of an indicator")
                 .Body<TargetBody>()
                 .Reply<AssessmentOut>(200, "Saved")
                 .Problems({{401, "Not signed in"},
                            {403, "Not the coordinator"},
                            {404, "No such assessment or indicator"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("POST", "/api/v1/spbe/assessments/{id}/plan", AddPlan(spbe),
             assessment("addSpbePlanAction", "An action of the plan (peta rencana) towards a target")
                 .Body<PlanBody>()
                 .Reply<IdOut>(201, "Added")
                 .Problems({{401, "Not signed in"},
                            {403, "Not the coordinator"},
                            {404, "No such assessment or indicator"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("POST", "/api/v1/spbe/assessments/{id}/plan/{action_id}/remove", RemovePlan(spbe),
             assessment("removeSpbePlanAction", "Take an action off the plan")
                 .Path("action_id", http::IntegerSchema(), "The action")
                 .Reply<AssessmentOut>(200, "Removed")
                 .Problems({{401, "Not signed in"}, {403, "Not the coordinator"}, {404, "No such action"}})
                 .Options());
  router.Add("GET", "/api/v1/spbe/assessments/{id}/report.pdf", Export(spbe, "pdf"),
             assessment("getSpbeReportPdf", "The assessment report (PDF)")
                 .Scope("spbe.read")
                 .ReplyContent(200, "The report", "application/pdf", http::BinarySchema())
                 .Problems({{401, "Not signed in"}, {404, "No such assessment the caller may read"}})
                 .Options());
  router.Add("GET", "/api/v1/spbe/assessments/{id}/export.csv", Export(spbe, "csv"),
             assessment("getSpbeAssessmentCsv", "The whole assessment as CSV, one line per indicator")
                 .Scope("spbe.read")
                 .ReplyContent(200, "The assessment", "text/csv", {{"type", "string"}})
                 .Problems({{401, "Not signed in"}, {404, "No such assessment the caller may read"}})
                 .Options());
  router.Add(
      "GET", "/api/v1/spbe/assessments/{id}/export.xlsx", Export(spbe, "xlsx"),
      assessment("getSpbeAssessmentXlsx", "The whole assessment as a workbook (indicators, index, plan)")
          .Scope("spbe.read")
          .ReplyContent(200, "The assessment", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        http::BinarySchema())
          .Problems({{401, "Not signed in"}, {404, "No such assessment the caller may read"}})
          .Options());
  router.Add("GET", "/api/v1/spbe/public", PublicList(spbe),
             Operation("listSpbeResults", kTag, "Every government's latest final index (public)")
                 .Public()
                 .Reply<std::vector<PublicGovernmentOut>>(200, "The results")
                 .Problems({{400, "The request cannot be read"}})
                 .Options());
  router.Add("GET", "/api/v1/spbe/public/{node}", PublicOne(spbe),
             Operation("getSpbeResults", kTag, "One government's final results over the years (public)")
                 .Public()
                 .Path("node", http::StringSchema(), "The government's slug or node id")
                 .Reply<PublicGovernmentOut>(200, "The results")
                 .Problems({{404, "No final result for this government"}})
                 .Options());
}

}  // namespace spbe::evaluation
