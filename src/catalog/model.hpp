#pragma once
/// The service catalogue's rules (DESIGN.md "catalog"): a service belongs to a node of the government tree and
/// publishes a standar pelayanan (UU 25/2009 art. 21, ../shared/reference/standar-pelayanan.md). Requirements,
/// procedure, time limit, fee and output are data (the form, the workflow, the fee), so the published standard and
/// what the system enforces cannot disagree. No I/O here.

#include <boost/json/fwd.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/access.hpp"
#include "catalog/fee.hpp"
#include "platform/result.hpp"

namespace spbe::catalog {

/// A text in Bahasa Indonesia and English; English falls back to Indonesian when missing.
struct LocalText {
  std::string id;
  std::string en;
  const std::string& In(std::string_view lang) const { return lang == "en" && !en.empty() ? en : id; }
  bool empty() const { return id.empty(); }
};

// ---- forms ----

enum class FieldType { kText, kLongText, kNumber, kDate, kChoice, kNik, kRegion, kEmail, kPhone, kFile };
std::string_view FieldTypeName(FieldType t);  // "text", "long_text", "number", "date", "choice", "nik", ...
std::optional<FieldType> ParseFieldType(std::string_view name);

struct ChoiceOption {
  std::string value;
  LocalText label;
};

enum class RegionLevel { kKabupaten = 2, kKecamatan = 3, kKelurahan = 4 };

/// Content types an upload may have, recognised from the bytes (never the file name).
enum class FileKind { kPdf, kJpeg, kPng };
std::string_view FileKindName(FileKind k);  // "pdf", "jpeg", "png"
std::optional<FileKind> ParseFileKind(std::string_view name);
std::string_view FileKindMime(FileKind k);
/// What the bytes are, from their signature; nullopt for anything else.
std::optional<FileKind> SniffFileKind(std::string_view bytes);

/// A field whose value fetches others through the service connection bus, from the agency that already holds them
/// (once only): the applicant types a NIK, asks, and the named fields are filled from the provider's answer, which
/// the applicant sees before sending. When the provider does not answer, the fields are typed instead.
struct Prefill {
  std::string service;  // the bus address "member/system/service"
  std::string path;     // the provider's path, "{value}" standing for this field's value: "/penduduk/{value}"
  std::vector<std::pair<std::string, std::string>> fill;  // (form field, member of the answer)
};

struct FormField {
  std::string name;  // [a-z][a-z0-9_]*, the key in the application's data
  FieldType type = FieldType::kText;
  LocalText label;
  LocalText help;
  bool required = false;
  std::string pattern;                                 // text: a whole-value regular expression (ECMAScript)
  LocalText pattern_message;                           // what to say when the pattern does not match
  std::optional<std::int64_t> min;                     // number: smallest value; text/long text: fewest characters
  std::optional<std::int64_t> max;                     // number: largest value; text/long text: most characters
  std::string min_date, max_date;                      // date: "YYYY-MM-DD" or "today"
  std::vector<ChoiceOption> options;                   // choice
  RegionLevel region_level = RegionLevel::kKelurahan;  // region
  std::vector<FileKind> accept;                        // file: allowed kinds (default pdf, jpeg, png)
  std::int64_t max_bytes = 2 * 1024 * 1024;            // file
  std::optional<Prefill> prefill;                      // text and NIK fields: fills others through the bus
};

struct Form {
  std::vector<FormField> fields;
  const FormField* Find(std::string_view name) const;
};

/// Answers what form validation needs from the outside: whether a Kemendagri region code exists (provinces and
/// kabupaten/kota for NIKs; kecamatan and kelurahan/desa for region fields), and today's date in the agency's time
/// zone.
struct FormContext {
  std::function<bool(std::string_view code)> region_exists;  // anywhere in Indonesia (a NIK's birthplace)
  std::chrono::year_month_day today;
  /// A place a region field may hold (what the form offers: the service's own area); empty: any existing region.
  std::function<bool(std::string_view code)> region_offered = {};
};

/// Checks submitted values against the form. Values arrive as JSON (strings, or numbers for number fields);
/// file fields hold the id of an attachment (checked by the applications capability). Each error names the field,
/// in `lang`. `complete` = false (a draft) skips the "required" check.
std::vector<FieldError> ValidateData(const Form& form, const boost::json::object& data, const FormContext& ctx,
                                     std::string_view lang, bool complete = true);

// ---- workflow ----

enum class StepAction {
  kVerify,   // the file is complete and correct: on to the next step
  kApprove,  // approve (or recommend, at a step before the last): on to the next step; at the last, done
  kForward,  // pass on to the next step without a judgement (front desk)
  kReject,   // refuse, with the reason: the file ends
  kReturn,   // back to the applicant with what to fix: the clock stops until it comes back
  kNote,     // an internal note, the file stays where it is
};
std::string_view StepActionName(StepAction a);  // "verify", "approve", "forward", "reject", "return", "note"
std::optional<StepAction> ParseStepAction(std::string_view name);
/// Whether the action moves the file to the next step (or finishes it).
bool Advances(StepAction a);

struct Step {
  std::string key;  // [a-z][a-z0-9_]*, unique in the workflow
  LocalText name;
  std::int64_t node_id = 0;  // who acts: this role on this node (or above it); may be another agency
  access::Role role = access::Role::kVerifikator;
  std::vector<StepAction> actions;
  int time_limit_days = 1;  // working days
  std::string next;         // the next step's key; empty: this is the last step
  // A payment step: nobody acts on it. The system issues a billing code for the fee when the file arrives, the
  // clock stands still while the applicant pays, and the bank's signed callback moves the file on. `node_id` is
  // the agency the money is for; the role is not used.
  bool payment = false;

  bool Allows(StepAction a) const;
};

struct Workflow {
  std::vector<Step> steps;  // the first is where a submitted file starts
  const Step* Find(std::string_view key) const;
};

// ---- fee ----

enum class FeeKind { kFree, kFixed, kFormula };
std::string_view FeeKindName(FeeKind k);  // "free", "fixed", "formula"

struct Fee {
  FeeKind kind = FeeKind::kFree;
  std::int64_t amount = 0;  // fixed: whole rupiah
  LocalText basis;          // the regulation that sets it
  // formula: over number fields and tables, rounded to a multiple of `round_to`, never below `minimum`.
  std::optional<FeeFormula> formula;
  std::vector<FeeTable> tables;
  Rounding rounding = Rounding::kNearest;
  std::int64_t round_to = 1;
  std::int64_t minimum = 0;
};

// ---- the standard ----

/// The components of the standar pelayanan that are text. Requirements (2) also come from the form's fields,
/// procedure (3) from the workflow, time limit (4), fee (5) from their data.
struct Standard {
  std::vector<std::string> legal_basis;  // 1 dasar hukum, one regulation per entry
  std::vector<LocalText> requirements;   // 2 persyaratan beyond the form (e.g. "datang sendiri")
  LocalText output;                      // 6 produk pelayanan
  LocalText facilities;                  // 7 sarana, prasarana, dan/atau fasilitas
  LocalText competence;                  // 8 kompetensi pelaksana
  LocalText supervision;                 // 9 pengawasan internal
  LocalText complaints;                  // 10 penanganan pengaduan, saran, dan masukan
  LocalText staff;                       // 11 jumlah pelaksana
  LocalText guarantee;                   // 12 jaminan pelayanan
  LocalText security;                    // 13 jaminan keamanan dan keselamatan pelayanan
  LocalText evaluation;                  // 14 evaluasi kinerja pelaksana
};

/// Life events the catalogue can be browsed by.
struct LifeEvent {
  std::string_view key;
  std::string_view label;  // the key of its name in the message catalogs (locales/)
};
const std::vector<LifeEvent>& LifeEvents();

/// Everything a service version defines.
struct Definition {
  LocalText name;
  LocalText summary;
  std::vector<std::string> life_events;  // keys of LifeEvents()
  int time_limit_days = 5;               // the whole service, working days
  bool deemed_granted = false;           // fiktif positif: granted when undecided within the time limit
  Standard standard;
  Form form;
  Workflow workflow;
  Fee fee;
};

/// Parses a definition from JSON. Field errors name the path, e.g. "form.fields[2].type"; messages in `lang`.
/// Checks shape and values, not whether nodes exist or the workflow can finish (see ValidateForPublish).
Result<Definition> ParseDefinition(const boost::json::value& v, std::string_view lang);
boost::json::object ToJson(const Definition& d);
boost::json::object ToJson(const FormField& f);

/// What an application pays under this definition, computed from its data (never typed by anyone): 0 when free.
/// Errors when the data lacks what the formula reads (the form's validation normally prevents that).
Result<std::int64_t> FeeFor(const Definition& d, const boost::json::object& data, std::string_view lang);

/// The published rule in words, with field labels: "Luas bidang reklame (m²) × Tarif menurut Jenis reklame × ...".
std::string DescribeFormula(const Definition& d, std::string_view lang);

/// The checks a definition must pass before it is published: a workflow that starts, reaches its end from the first
/// step without a loop, visits every step, lets every step move the file on, ends with an approval; step limits
/// within the service's limit; standard components present. (Whether someone may act at each step needs the
/// database: the service checks it.)
std::vector<FieldError> ValidateForPublish(const Definition& d, std::string_view lang);

// ---- search ----

/// Lower-cased words with the common Indonesian affixes taken off, so "kelahiran" finds "lahir" and "perizinan"
/// finds "izin": meN-/peN-/ber-/ter-/di-/ke-/se-/per- prefixes and -kan/-an/-i/-nya/-lah/-kah suffixes.
std::string Stem(std::string_view word);
/// The stems of a text, each once, in order.
std::vector<std::string> SearchTerms(std::string_view text);
/// What is stored to search a version by: " stem1 stem2 ... " over its names, summary, life events and output.
std::string SearchText(const Definition& d, std::string_view agency_name);

}  // namespace spbe::catalog
