#include "evaluation/model.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <set>

namespace spbe::evaluation {
namespace {

namespace json = boost::json;

constexpr std::array<std::pair<LiveSource, std::string_view>, 6> kLiveSources{{
    {LiveSource::kComplaints, "complaints"},
    {LiveSource::kOpenData, "open_data"},
    {LiveSource::kPublicServices, "public_services"},
    {LiveSource::kBus, "bus"},
    {LiveSource::kArchitecture, "architecture"},
    {LiveSource::kServiceManagement, "service_management"},
}};

// Reads a model file member by member; the first problem is kept with where it was found.
class Reader {
 public:
  std::optional<std::string> problem;

  void Fail(const std::string& where, const std::string& what) {
    if (!problem) problem = where + ": " + what;
  }
  const json::object* Object(const json::value* v, const std::string& where) {
    if (!v || !v->is_object()) {
      Fail(where, "must be an object");
      return nullptr;
    }
    return &v->as_object();
  }
  const json::array* Array(const json::object& o, const char* key, const std::string& where) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_array() || v->as_array().empty()) {
      Fail(where + "." + key, "must be a non-empty array");
      return nullptr;
    }
    return &v->as_array();
  }
  std::string String(const json::object& o, const char* key, const std::string& where, bool required = true) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string() || (required && v->as_string().empty())) {
      if (required || (v && !v->is_string())) Fail(where + "." + key, "must be a text");
      return {};
    }
    return std::string(v->as_string());
  }
  int Int(const json::object& o, const char* key, const std::string& where) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_int64() || v->as_int64() < 0 || v->as_int64() > 1000) {
      Fail(where + "." + key, "must be a whole number");
      return 0;
    }
    return static_cast<int>(v->as_int64());
  }
  int Hundredths(const json::object& o, const char* key, const std::string& where) {
    const auto* v = o.if_contains(key);
    auto h = v && v->is_string() ? ParseHundredths(v->as_string()) : std::nullopt;
    if (!h) {
      Fail(where + "." + key, "must be a decimal text with at most two decimals, such as \"1.30\"");
      return 0;
    }
    return *h;
  }
  Text Names(const json::object& o, const char* key, const std::string& where) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_object()) {
      Fail(where + "." + key, "must be {\"id\": ..., \"en\": ...}");
      return {};
    }
    return {String(v->as_object(), "id", where + "." + key), String(v->as_object(), "en", where + "." + key, false)};
  }
  bool Bool(const json::object& o, const char* key, bool fallback) {
    const auto* v = o.if_contains(key);
    return v && v->is_bool() ? v->as_bool() : fallback;
  }
};

std::string At(const std::string& kind, int number) { return kind + " " + std::to_string(number); }

// Sum of weight x level and of weights over `indicators`; nullopt sums when one is unanswered.
Score Weighted(const Model& model, const std::vector<int>& indicators, const Levels& levels, bool whole) {
  Score out;
  long long sum = 0, weights = 0;
  for (int n : indicators) {
    const Indicator* ind = model.FindIndicator(n);
    if (!ind) continue;
    ++out.total;
    auto it = levels.find(n);
    if (it == levels.end() || it->second < 1 || it->second > 5) continue;
    ++out.answered;
    sum += static_cast<long long>(ind->weight) * it->second;
    weights += ind->weight;
  }
  if (out.answered != out.total || out.total == 0 || weights <= 0) return out;
  // Whole model: sum(w% x level) / 100 with w in hundredths of a percent -> index hundredths = sum / 100.
  // A part: sum / weights -> hundredths = 100 x sum / weights. Both rounded half up, once.
  if (whole) {
    out.hundredths = static_cast<int>((sum + 50) / 100);
  } else {
    out.hundredths = static_cast<int>((200 * sum + weights) / (2 * weights));
  }
  return out;
}

}  // namespace

std::string_view LiveSourceName(LiveSource s) {
  for (const auto& [k, name] : kLiveSources) {
    if (k == s) return name;
  }
  return "";
}

std::optional<LiveSource> ParseLiveSource(std::string_view name) {
  for (const auto& [k, n] : kLiveSources) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::optional<int> ParseHundredths(std::string_view text) {
  if (text.empty() || text.size() > 8) return std::nullopt;
  auto dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || whole.size() > 3 || (dot != std::string_view::npos && (frac.empty() || frac.size() > 2))) {
    return std::nullopt;
  }
  auto digits = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(whole) || !digits(frac)) return std::nullopt;
  int value = std::stoi(std::string(whole)) * 100;
  if (!frac.empty()) value += std::stoi(std::string(frac)) * (frac.size() == 1 ? 10 : 1);
  if (value > 10000) return std::nullopt;
  return value;
}

std::string FormatHundredths(int hundredths) {
  std::string frac = std::to_string(hundredths % 100);
  if (frac.size() < 2) frac = "0" + frac;
  return std::to_string(hundredths / 100) + "." + frac;
}

const Indicator* Model::FindIndicator(int number) const {
  if (number < 1 || number > static_cast<int>(indicators.size())) return nullptr;
  return &indicators[static_cast<std::size_t>(number - 1)];
}

const Aspect* Model::FindAspect(int number) const {
  for (const auto& a : aspects) {
    if (a.number == number) return &a;
  }
  return nullptr;
}

const Domain* Model::FindDomain(int number) const {
  for (const auto& d : domains) {
    if (d.number == number) return &d;
  }
  return nullptr;
}

const LevelName* Model::LevelOf(const Indicator& indicator, int level) const {
  auto it = level_sets.find(indicator.level_set);
  if (it == level_sets.end()) return nullptr;
  for (const auto& l : it->second) {
    if (l.level == level) return &l;
  }
  return nullptr;
}

const Predikat& Model::PredikatOf(int hundredths) const {
  for (const auto& p : predikat) {
    if (hundredths >= p.min) return p;
  }
  return predikat.back();
}

Result<Model> ParseModel(std::string_view json_text) {
  auto refuse = [](const std::string& what) {
    return Error::Validation({{"model", "the maturity model file is not valid: " + what}},
                             "the maturity model file is not valid: " + what);
  };
  boost::system::error_code ec;
  auto doc = json::parse(json_text, ec);
  if (ec) return refuse("not JSON (" + ec.message() + ")");
  Reader r;
  Model m;
  const json::object* root = r.Object(&doc, "model");
  if (!root) return refuse(*r.problem);
  m.code = r.String(*root, "id", "model");
  m.name = r.Names(*root, "name", "model");
  m.regulation = r.String(*root, "regulation", "model");
  if (root->contains("notes")) m.notes = r.Names(*root, "notes", "model");
  if (m.code.size() > 80 || !std::all_of(m.code.begin(), m.code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      })) {
    r.Fail("model.id", "must be lower-case letters, digits and dashes");
  }

  const auto* sets = r.Object(root->if_contains("level_sets"), "model.level_sets");
  if (sets) {
    for (const auto& [key, value] : *sets) {
      std::string where = "level_sets." + std::string(key);
      if (!value.is_array() || value.as_array().size() != 5) {
        r.Fail(where, "must list levels 1 to 5");
        continue;
      }
      std::vector<LevelName> levels;
      for (const auto& v : value.as_array()) {
        const auto* o = r.Object(&v, where);
        if (!o) break;
        LevelName l{r.Int(*o, "level", where), r.Names(*o, "name", where), r.Bool(*o, "confirmed", true)};
        if (l.level != static_cast<int>(levels.size()) + 1) r.Fail(where, "levels must run 1 to 5 in order");
        levels.push_back(std::move(l));
      }
      m.level_sets[std::string(key)] = std::move(levels);
    }
  }

  if (const auto* grades = r.Array(*root, "predikat", "model")) {
    for (const auto& v : *grades) {
      const auto* o = r.Object(&v, "predikat");
      if (!o) break;
      Predikat p{r.Hundredths(*o, "min", "predikat"), r.Names(*o, "name", "predikat")};
      if (!m.predikat.empty() && p.min >= m.predikat.back().min) r.Fail("predikat", "boundaries must descend");
      m.predikat.push_back(std::move(p));
    }
    if (!m.predikat.empty() && m.predikat.back().min != 0) r.Fail("predikat", "the last boundary must be 0.00");
  }

  std::set<int> aspect_numbers;
  int domain_sum = 0;
  std::vector<Indicator> found;
  if (const auto* domains = r.Array(*root, "domains", "model")) {
    for (const auto& dv : *domains) {
      const auto* d = r.Object(&dv, "domains");
      if (!d) break;
      Domain domain{r.Int(*d, "number", "domain"), {}, 0, {}};
      std::string dwhere = At("domain", domain.number);
      domain.name = r.Names(*d, "name", dwhere);
      domain.weight = r.Hundredths(*d, "weight", dwhere);
      if (m.FindDomain(domain.number)) r.Fail(dwhere, "appears twice");
      int aspect_sum = 0;
      if (const auto* aspects = r.Array(*d, "aspects", dwhere)) {
        for (const auto& av : *aspects) {
          const auto* a = r.Object(&av, dwhere + ".aspects");
          if (!a) break;
          Aspect aspect{r.Int(*a, "number", dwhere + ".aspect"), {}, 0, domain.number, {}};
          std::string awhere = At("aspect", aspect.number);
          aspect.name = r.Names(*a, "name", awhere);
          aspect.weight = r.Hundredths(*a, "weight", awhere);
          if (!aspect_numbers.insert(aspect.number).second) r.Fail(awhere, "appears twice");
          int indicator_sum = 0;
          if (const auto* indicators = r.Array(*a, "indicators", awhere)) {
            for (const auto& iv : *indicators) {
              const auto* i = r.Object(&iv, awhere + ".indicators");
              if (!i) break;
              Indicator ind;
              ind.number = r.Int(*i, "number", awhere + ".indicator");
              std::string iwhere = At("indicator", ind.number);
              ind.name = r.Names(*i, "name", iwhere);
              ind.weight = r.Hundredths(*i, "weight", iwhere);
              if (ind.weight <= 0) r.Fail(iwhere + ".weight", "must be above 0.00");
              ind.level_set = r.String(*i, "level_set", iwhere);
              ind.confirmed = r.Bool(*i, "confirmed", true);
              ind.aspect = aspect.number;
              ind.domain = domain.number;
              if (!m.level_sets.count(ind.level_set)) r.Fail(iwhere + ".level_set", "names no level set");
              std::string live = r.String(*i, "live_evidence", iwhere, false);
              if (!live.empty()) {
                ind.live = ParseLiveSource(live);
                if (!ind.live) r.Fail(iwhere + ".live_evidence", "is not a source the platform knows");
              }
              if (const auto* criteria = r.Array(*i, "criteria", iwhere)) {
                for (const auto& cv : *criteria) {
                  const auto* c = r.Object(&cv, iwhere + ".criteria");
                  if (!c) break;
                  if (r.Int(*c, "level", iwhere + ".criteria") != static_cast<int>(ind.criteria.size()) + 1) {
                    r.Fail(iwhere + ".criteria", "must run levels 1 to 5 in order");
                  }
                  ind.criteria.push_back(
                      {r.String(*c, "id", iwhere + ".criteria"), r.String(*c, "en", iwhere + ".criteria", false)});
                }
                if (ind.criteria.size() != 5) r.Fail(iwhere + ".criteria", "must have five levels");
              }
              indicator_sum += ind.weight;
              aspect.indicators.push_back(ind.number);
              found.push_back(std::move(ind));
            }
          }
          if (indicator_sum != aspect.weight) {
            r.Fail(awhere, "its indicators weigh " + FormatHundredths(indicator_sum) + ", not " +
                               FormatHundredths(aspect.weight));
          }
          aspect_sum += aspect.weight;
          domain.aspects.push_back(aspect.number);
          m.aspects.push_back(std::move(aspect));
        }
      }
      if (aspect_sum != domain.weight) {
        r.Fail(dwhere,
               "its aspects weigh " + FormatHundredths(aspect_sum) + ", not " + FormatHundredths(domain.weight));
      }
      domain_sum += domain.weight;
      m.domains.push_back(std::move(domain));
    }
  }
  if (domain_sum != 10000) r.Fail("domains", "weigh " + FormatHundredths(domain_sum) + " in all, not 100.00");
  std::sort(found.begin(), found.end(), [](const Indicator& a, const Indicator& b) { return a.number < b.number; });
  for (std::size_t k = 0; k < found.size(); ++k) {
    if (found[k].number != static_cast<int>(k) + 1) {
      r.Fail("indicators", "must be numbered 1 to " + std::to_string(found.size()) + " once each");
      break;
    }
  }
  if (found.size() > 500) r.Fail("indicators", "too many");
  m.indicators = std::move(found);
  if (r.problem) return refuse(*r.problem);
  return m;
}

Score IndexOf(const Model& model, const Levels& levels) {
  std::vector<int> all;
  for (const auto& i : model.indicators) all.push_back(i.number);
  return Weighted(model, all, levels, true);
}

Score AspectIndex(const Model& model, const Aspect& aspect, const Levels& levels) {
  return Weighted(model, aspect.indicators, levels, false);
}

Score DomainIndex(const Model& model, const Domain& domain, const Levels& levels) {
  std::vector<int> all;
  for (int a : domain.aspects) {
    if (const Aspect* aspect = model.FindAspect(a))
      all.insert(all.end(), aspect->indicators.begin(), aspect->indicators.end());
  }
  return Weighted(model, all, levels, false);
}

namespace {
constexpr std::array<std::pair<State, std::string_view>, 4> kStates{{
    {State::kDraft, "draft"},
    {State::kSubmitted, "submitted"},
    {State::kUnderReview, "under_review"},
    {State::kFinal, "final"},
}};
constexpr std::array<std::pair<Review, std::string_view>, 4> kReviews{{
    {Review::kNone, ""},
    {Review::kKept, "kept"},
    {Review::kChanged, "changed"},
    {Review::kMoreEvidence, "more_evidence"},
}};
}  // namespace

std::string_view StateName(State s) {
  for (const auto& [k, n] : kStates) {
    if (k == s) return n;
  }
  return "";
}

std::optional<State> ParseState(std::string_view name) {
  for (const auto& [k, n] : kStates) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view ReviewName(Review r) {
  for (const auto& [k, n] : kReviews) {
    if (k == r) return n;
  }
  return "";
}

std::optional<Review> ParseReview(std::string_view name) {
  for (const auto& [k, n] : kReviews) {
    if (n == name) return k;
  }
  return std::nullopt;
}

}  // namespace spbe::evaluation
