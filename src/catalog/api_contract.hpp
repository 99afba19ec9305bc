#pragma once
/// The service API's contract types (http/contract.hpp): the answers (a service as the API shows it) and the
/// definition an agency admin sends. The definition is read by catalog/model.cpp (ParseDefinition, every error with
/// its path), so its types here only describe it; the API hands the JSON itself to the service.
///
/// A text that may come in two languages ("LocalText") is JSON `"Izin"` or `{"id": "Izin", "en": "Permit"}`: those
/// members are boost::json::value, their schema given by their struct's Notes().

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/service.hpp"
#include "http/contract.hpp"

namespace spbe::catalog::api {

// ---- answers ----

struct AgencyRef {
  std::int64_t id = 0;
  std::string name;
};
BOOST_DESCRIBE_STRUCT(AgencyRef, (), (id, name))

/// The fee in a list entry: the amount, or for a formula the rule and its reading in words.
struct FeeSummary {
  std::string kind;
  std::optional<std::int64_t> amount;
  std::optional<std::string> formula;
  std::optional<std::string> description;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(FeeSummary, (), (kind, amount, formula, description))

/// A published service as the catalogue lists it, texts in the request's language.
struct ServiceSummary {
  std::int64_t id = 0;
  std::string slug;
  int version = 0;
  std::string name;
  std::string summary;
  AgencyRef agency;
  std::vector<std::string> life_events;
  int time_limit_days = 0;
  FeeSummary fee;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(ServiceSummary, (), (id, slug, version, name, summary, agency, life_events, time_limit_days, fee))

struct SearchPage {
  int total = 0;
  std::int64_t page = 1;
  std::vector<ServiceSummary> items;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(SearchPage, (), (total, page, items))

struct ProcedureStep {
  std::string step;
  std::string name;
  std::string office;
  int time_limit_days = 0;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(ProcedureStep, (), (step, name, office, time_limit_days))

struct FeeTableView {
  std::string by;
  boost::json::object values;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(FeeTableView, (), (by, values))

struct RoundingView {
  std::string mode;
  std::int64_t to = 1;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(RoundingView, (), (mode, to))

/// The fee as defined (both languages).
struct FeeView {
  std::string kind;
  std::optional<std::int64_t> amount;
  std::optional<std::string> formula;
  std::optional<boost::json::object> tables;
  std::optional<RoundingView> rounding;
  std::optional<std::int64_t> minimum;
  std::optional<boost::json::value> basis;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(FeeView, (), (kind, amount, formula, tables, rounding, minimum, basis))

/// The standar pelayanan (UU 25/2009 art. 21): the text components as defined, the others from the data.
struct StandardView {
  std::vector<std::string> legal_basis;
  std::vector<std::string> requirements;
  std::optional<boost::json::value> output, facilities, competence, supervision, complaints, staff, guarantee, security,
      evaluation;
  std::vector<ProcedureStep> procedure;
  int time_limit_days = 0;
  FeeView fee;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(StandardView, (),
                      (legal_basis, requirements, output, facilities, competence, supervision, complaints, staff,
                       guarantee, security, evaluation, procedure, time_limit_days, fee))

struct ChoiceView {
  std::string value;
  boost::json::value label;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(ChoiceView, (), (value, label))

struct PrefillView {
  std::string service;
  std::string path;
  boost::json::object fill;
  static boost::json::object Notes() {
    return {{"service", {{"description", "the bus address member/system/service of the agency holding the data"}}},
            {"path", {{"description", "the provider's path; {value} stands for this field's value"}}},
            {"fill", {{"description", "form field -> member of the provider's answer"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(PrefillView, (), (service, path, fill))

struct FieldView {
  std::string name;
  std::string type;
  boost::json::value label;
  bool required = false;
  std::optional<boost::json::value> help;
  std::optional<std::string> pattern;
  std::optional<boost::json::value> pattern_message;
  std::optional<std::int64_t> min, max;
  std::optional<std::string> min_date, max_date;
  std::optional<std::vector<ChoiceView>> options;
  std::optional<std::string> region_level;
  std::optional<std::vector<std::string>> accept;
  std::optional<std::int64_t> max_bytes;
  std::optional<PrefillView> prefill;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(FieldView, (),
                      (name, type, label, required, help, pattern, pattern_message, min, max, min_date, max_date,
                       options, region_level, accept, max_bytes, prefill))

struct FormView {
  std::vector<FieldView> fields;
};
BOOST_DESCRIBE_STRUCT(FormView, (), (fields))

struct StepView {
  std::string key;
  boost::json::value name;
  std::int64_t node_id = 0;
  std::string role;
  std::vector<std::string> actions;
  int time_limit_days = 0;
  std::optional<std::string> next;
  std::optional<bool> payment;
  std::string office;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(StepView, (), (key, name, node_id, role, actions, time_limit_days, next, payment, office))

struct WorkflowView {
  std::vector<StepView> steps;
};
BOOST_DESCRIBE_STRUCT(WorkflowView, (), (steps))

/// A version of a service in full: its summary, its standard, its form and its steps.
struct ServiceDetail {
  std::int64_t id = 0;
  std::string slug;
  int version = 0;
  std::string name;
  std::string summary;
  AgencyRef agency;
  std::vector<std::string> life_events;
  int time_limit_days = 0;
  FeeSummary fee;
  std::string status;
  std::string published_at;
  bool deemed_granted = false;
  StandardView standard;
  FormView form;
  WorkflowView workflow;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(ServiceDetail, (),
                      (id, slug, version, name, summary, agency, life_events, time_limit_days, fee, status,
                       published_at, deemed_granted, standard, form, workflow))

ServiceSummary Summary(const ServiceView& v, std::string_view lang);
ServiceDetail Detail(const ServiceView& v, std::string_view lang);

// ---- the definition an admin sends (described, read by ParseDefinition) ----

struct ChoiceInput {
  std::string value;
  boost::json::value label;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(ChoiceInput, (), (value, label))

struct FieldInput {
  std::string name;
  std::string type;
  boost::json::value label;
  std::optional<boost::json::value> help;
  std::optional<bool> required;
  std::optional<std::string> pattern;
  std::optional<boost::json::value> pattern_message;
  std::optional<std::int64_t> min, max;
  std::optional<std::string> min_date, max_date;
  std::optional<std::vector<ChoiceInput>> options;
  std::optional<std::string> region_level;
  std::optional<std::vector<std::string>> accept;
  std::optional<std::int64_t> max_bytes;
  std::optional<PrefillView> prefill;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(FieldInput, (),
                      (name, type, label, help, required, pattern, pattern_message, min, max, min_date, max_date,
                       options, region_level, accept, max_bytes, prefill))

struct FormInput {
  std::optional<std::vector<FieldInput>> fields;
};
BOOST_DESCRIBE_STRUCT(FormInput, (), (fields))

struct StepInput {
  std::string key;
  boost::json::value name;
  std::int64_t node_id = 0;
  std::string role;
  std::optional<std::vector<std::string>> actions;
  std::optional<int> time_limit_days;
  std::optional<std::string> next;
  std::optional<bool> payment;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(StepInput, (), (key, name, node_id, role, actions, time_limit_days, next, payment))

struct WorkflowInput {
  std::optional<std::vector<StepInput>> steps;
};
BOOST_DESCRIBE_STRUCT(WorkflowInput, (), (steps))

struct RoundingInput {
  std::optional<std::string> mode;
  std::optional<std::int64_t> to;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(RoundingInput, (), (mode, to))

struct FeeInput {
  std::string kind;
  std::optional<std::int64_t> amount;
  std::optional<std::string> formula;
  std::optional<boost::json::object> tables;
  std::optional<RoundingInput> rounding;
  std::optional<std::int64_t> minimum;
  std::optional<boost::json::value> basis;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(FeeInput, (), (kind, amount, formula, tables, rounding, minimum, basis))

struct StandardInput {
  std::optional<std::vector<std::string>> legal_basis;
  std::optional<std::vector<boost::json::value>> requirements;
  std::optional<boost::json::value> output, facilities, competence, supervision, complaints, staff, guarantee, security,
      evaluation;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(StandardInput, (),
                      (legal_basis, requirements, output, facilities, competence, supervision, complaints, staff,
                       guarantee, security, evaluation))

/// A service definition, as PUT /api/v1/services/{id}/draft takes it and POST /api/v1/services in `definition`.
struct DefinitionInput {
  boost::json::value name;
  std::optional<boost::json::value> summary;
  std::optional<std::vector<std::string>> life_events;
  int time_limit_days = 0;
  std::optional<bool> deemed_granted;
  std::optional<StandardInput> standard;
  std::optional<FormInput> form;
  std::optional<WorkflowInput> workflow;
  std::optional<FeeInput> fee;
  static boost::json::object Notes();
};
BOOST_DESCRIBE_STRUCT(DefinitionInput, (),
                      (name, summary, life_events, time_limit_days, deemed_granted, standard, form, workflow, fee))

/// A small definition that saves (for the examples).
DefinitionInput ExampleDefinition();

}  // namespace spbe::catalog::api
