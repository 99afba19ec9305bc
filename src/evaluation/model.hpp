#pragma once
/// The SPBE maturity evaluation (Indeks SPBE) as data and rules, without I/O: a maturity model read from its file
/// (PermenPANRB 59/2020 ships as data/spbe/permenpanrb-59-2020.json; a later regulation is another file), the index
/// computed exactly from indicator levels, the predikat, and the states an assessment moves through.
///
/// Weights are kept in hundredths of a percent (1.30% is 130) and the index in hundredths (2.73 is 273), so the
/// sum of weight x level is exact in integers and rounded once, half up, at the end.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace spbe::evaluation {

/// A text in Bahasa Indonesia and, where known, English.
struct Text {
  std::string id, en;
  /// The text in `lang`, Indonesian when there is no English.
  const std::string& In(std::string_view lang) const { return lang == "en" && !en.empty() ? en : id; }
};

/// What the live platform can show as evidence for an indicator (the figures as of a date, with a link that
/// reproduces them); named per indicator in the model file ("live_evidence").
enum class LiveSource { kComplaints, kOpenData, kPublicServices, kBus, kArchitecture, kServiceManagement };
std::string_view LiveSourceName(LiveSource s);  // "complaints", "open_data", ...
std::optional<LiveSource> ParseLiveSource(std::string_view name);

struct LevelName {
  int level = 0;
  Text name;
  bool confirmed = true;  // false: the name is not confirmed from the regulation
};

struct Indicator {
  int number = 0;
  Text name;
  int weight = 0;  // hundredths of a percent of the whole
  std::string level_set;
  bool confirmed = true;
  std::vector<Text> criteria;  // levels 1..5, in order
  int aspect = 0, domain = 0;
  std::optional<LiveSource> live;
};

struct Aspect {
  int number = 0;
  Text name;
  int weight = 0;
  int domain = 0;
  std::vector<int> indicators;
};

struct Domain {
  int number = 0;
  Text name;
  int weight = 0;
  std::vector<int> aspects;
};

struct Predikat {
  int min = 0;  // hundredths of the index, inclusive
  Text name;
};

struct Model {
  std::string code;  // "permenpanrb-59-2020"
  Text name;
  std::string regulation;
  Text notes;
  std::map<std::string, std::vector<LevelName>> level_sets;
  std::vector<Predikat> predikat;  // highest first
  std::vector<Domain> domains;
  std::vector<Aspect> aspects;
  std::vector<Indicator> indicators;  // by number, 1..n

  const Indicator* FindIndicator(int number) const;
  const Aspect* FindAspect(int number) const;
  const Domain* FindDomain(int number) const;
  /// The name of `level` in the indicator's level set ("Terdefinisi"); empty when unknown.
  const LevelName* LevelOf(const Indicator& indicator, int level) const;
  /// The predikat of an index in hundredths (the model's boundaries, lower bound inclusive).
  const Predikat& PredikatOf(int hundredths) const;
};

/// Reads a model file. Refused (field errors naming the place) unless: numbers of domains, aspects and indicators
/// are unique and indicators run 1..n; weights have at most two decimals and add up, indicators to their aspect,
/// aspects to their domain, domains to exactly 100.00; every indicator names a level set with levels 1..5 and has
/// five criteria; predikat boundaries descend to 0.00.
Result<Model> ParseModel(std::string_view json_text);

/// "13.00" -> 1300; nullopt unless a non-negative decimal with at most two decimals (and at most 100.00 x 100).
std::optional<int> ParseHundredths(std::string_view text);
/// 273 -> "2.73".
std::string FormatHundredths(int hundredths);

/// An indicator's level on one side of an assessment (the self-assessment or the evaluator's), 1..5; 0 unanswered.
using Levels = std::map<int, int>;

/// An index: in hundredths, or nullopt while any indicator it covers is unanswered.
struct Score {
  std::optional<int> hundredths;
  int answered = 0, total = 0;
};

/// The index of the whole model: sum of weight x level / 100 over every indicator, rounded once, half up.
Score IndexOf(const Model& model, const Levels& levels);
/// The index of one aspect or domain: its indicators' weighted mean (sum of weight x level / sum of weights).
Score AspectIndex(const Model& model, const Aspect& aspect, const Levels& levels);
Score DomainIndex(const Model& model, const Domain& domain, const Levels& levels);

/// Where an assessment stands. The coordinator fills a draft and submits it; an evaluator from outside the agency
/// takes it under review, decides each indicator (keeps or changes the level with a reason, asks for more
/// evidence) and makes it final. Final is for good.
enum class State { kDraft, kSubmitted, kUnderReview, kFinal };
std::string_view StateName(State s);  // "draft", "submitted", "under_review", "final"
std::optional<State> ParseState(std::string_view name);

/// The evaluator's decision on one indicator.
enum class Review { kNone, kKept, kChanged, kMoreEvidence };
std::string_view ReviewName(Review r);  // "", "kept", "changed", "more_evidence"
std::optional<Review> ParseReview(std::string_view name);

}  // namespace spbe::evaluation
