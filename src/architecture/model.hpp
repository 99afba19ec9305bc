#pragma once
/// The government's IT architecture inventory (SPBE arsitektur): each agency's applications, data sets and
/// infrastructure, the reference list of government functions they serve, the duplicates across agencies of one
/// government (consolidation candidates), and the CSV form of each list. Pure: tested without a database.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace spbe::architecture {

// ---- Vocabularies: text codes in the database, the API and the CSV files ----

/// planned, live, retired (every kind of item).
bool ValidStatus(std::string_view code);
/// pdn (Pusat Data Nasional), own (the agency's own server room), cloud.
bool ValidHosting(std::string_view code);
/// built (made for the agency), bought, national (a national general application such as SRIKANDI).
bool ValidSource(std::string_view code);
/// publik, internal, terbatas, rahasia.
bool ValidClassification(std::string_view code);
/// realtime, daily, weekly, monthly, quarterly, yearly, ad_hoc.
bool ValidFrequency(std::string_view code);
/// server_room, data_centre, network_link.
bool ValidInfrastructureKind(std::string_view code);

const std::vector<std::string_view>& Statuses();
const std::vector<std::string_view>& Hostings();
const std::vector<std::string_view>& Sources();
const std::vector<std::string_view>& Classifications();
const std::vector<std::string_view>& Frequencies();
const std::vector<std::string_view>& InfrastructureKinds();

/// The kinds of list an import or an export names: applications, datasets, infrastructure.
enum class Kind { kApplications, kDatasets, kInfrastructure };
std::optional<Kind> ParseKind(std::string_view name);
std::string_view KindName(Kind k);

// ---- The reference list of government functions (data/spbe/fungsi-pemerintahan.json) ----

struct NationalApp {
  std::string name, owner, url;
};

struct GovFunction {
  std::string code;  // "ADM.01"
  std::string name_id, name_en, group;
  std::optional<NationalApp> national_app;
  const std::string& Name(std::string_view lang) const { return lang == "en" && !name_en.empty() ? name_en : name_id; }
};

/// Parses the reference file ({"functions": [{code, name: {id, en}, group, national_app?}]}).
Result<std::vector<GovFunction>> ParseFunctions(std::string_view json_text);
/// The embedded reference, loaded once (empty when the file is missing or broken, which the unit test prevents).
const std::vector<GovFunction>& Functions();
const GovFunction* FindFunction(std::string_view code);

// ---- Items ----

/// What a person (or a CSV line) gives for an application.
struct ApplicationInput {
  std::string name, function_code, owner_unit;
  long long users = 0;
  std::string status = "live", hosting = "own", source = "built", national_app;
  std::vector<std::string> datasets;                // names of the node's data sets the application holds
  std::vector<std::string> bus_provides, bus_uses;  // service addresses on the bus ("member/system/service")
  long long yearly_cost = 0;                        // rupiah
  std::string description;
};

struct Application : ApplicationInput {
  std::int64_t id = 0, node_id = 0;
  std::string node_path, node_name, node_slug;  // joined
  std::string created_at, updated_at;
  std::int64_t created_by = 0, updated_by = 0;
};

struct DatasetInput {
  std::string name, owner;
  std::string classification = "internal";
  bool personal = false;
  std::string update_frequency = "ad_hoc";
  bool open = false;
  std::string status = "live";
  std::string description;
};

struct Dataset : DatasetInput {
  std::int64_t id = 0, node_id = 0;
  std::string node_path, node_name, node_slug;
  std::string created_at, updated_at;
  std::int64_t created_by = 0, updated_by = 0;
};

struct InfrastructureInput {
  std::string kind = "server_room", name, location, capacity, provider;
  std::string status = "live";
  std::string description;
};

struct Infrastructure : InfrastructureInput {
  std::int64_t id = 0, node_id = 0;
  std::string node_path, node_name, node_slug;
  std::string created_at, updated_at;
  std::int64_t created_by = 0, updated_by = 0;
};

/// Limits of what is kept: large enough for any real inventory, small enough that no one fills the disk.
inline constexpr std::size_t kMaxName = 200;
inline constexpr std::size_t kMaxText = 2000;
inline constexpr std::size_t kMaxListItems = 50;
inline constexpr long long kMaxUsers = 1'000'000'000;
inline constexpr long long kMaxCost = 1'000'000'000'000'000;  // Rp 1 kuadriliun

/// Trims and checks an input; field errors name the members (`name`, `function_code`, `users`, ...) in `lang`.
/// An application from a national source without a name for it takes its function's national application.
std::vector<FieldError> CheckApplication(ApplicationInput& in, std::string_view lang);
std::vector<FieldError> CheckDataset(DatasetInput& in, std::string_view lang);
std::vector<FieldError> CheckInfrastructure(InfrastructureInput& in, std::string_view lang);

/// The key names are unique by, per node: lower case (ASCII letters), inner spaces collapsed.
std::string NameKey(std::string_view name);

// ---- Duplicates: consolidation candidates ----

struct Government {
  std::int64_t id = 0;
  std::string name, path;
};

struct DuplicateApp {
  std::int64_t id = 0, node_id = 0;
  std::string agency, name, status;
  long long users = 0, yearly_cost = 0;
};

struct DuplicateGroup {
  std::string function_code, function_name;
  Government government;
  std::vector<DuplicateApp> applications;  // by agency, then name
  int agencies = 0;
  long long users = 0, yearly_cost = 0;  // totals
  std::optional<NationalApp> national_app;
};

/// Groups the planned and live applications by government and function: a group holds the applications of one
/// function run by two or more agencies (distinct nodes) of one government, with their users and yearly costs and the
/// function's national application when the reference names one. `government_of` gives each node's government (the
/// nearest kabupaten/kota, provinsi or kementerian/lembaga on its path); nodes it does not know are left out.
std::vector<DuplicateGroup> FindDuplicates(const std::vector<Application>& applications,
                                           const std::map<std::int64_t, Government>& government_of,
                                           std::string_view lang);

// ---- CSV (RFC 4180) ----

struct LineError {
  int line = 0;  // the file's line where the record starts (1: the header)
  std::string field;
  std::string detail;  // "baris 7: kolom status ...", in the user's language
};

struct CsvRecord {
  int line = 0;
  std::vector<std::string> cells;
};

/// Splits RFC 4180 text (quoted cells with "" and line breaks inside, CRLF or LF, a UTF-8 BOM tolerated) into records;
/// blank lines are skipped. An unterminated quote is an error on the line where its record starts.
Result<std::vector<CsvRecord>> SplitCsv(std::string_view text, std::string_view lang);

template <class Input>
struct ImportRow {
  int line = 0;
  std::string agency;  // the `instansi` column: a node's slug, "" for the node the import is for
  Input input;
};

/// The rows of an import, or every bad line (all of them, so that one upload fixes them all).
template <class Input>
struct Parsed {
  std::vector<ImportRow<Input>> rows;
  std::vector<LineError> errors;
};

/// Reads a CSV file of one kind: a header row naming the columns (any order; unknown columns are refused), then one
/// item per line, each checked as the API checks it. Names repeated within the file are line errors.
Parsed<ApplicationInput> ParseApplicationsCsv(std::string_view text, std::string_view lang);
Parsed<DatasetInput> ParseDatasetsCsv(std::string_view text, std::string_view lang);
Parsed<InfrastructureInput> ParseInfrastructureCsv(std::string_view text, std::string_view lang);

/// The CSV of each list (the columns ParseXxxCsv reads, `instansi` first), neutralised against formulas.
std::string ApplicationsCsv(const std::vector<Application>& items);
std::string DatasetsCsv(const std::vector<Dataset>& items);
std::string InfrastructureCsv(const std::vector<Infrastructure>& items);

/// The header of each kind's CSV, in order.
const std::vector<std::string_view>& Columns(Kind k);

/// A line error's text: "baris 7: kolom status: ..." / "line 7: column status: ...".
std::string LineText(std::string_view lang, int line, std::string_view column, std::string_view message);

/// "a; b; c" -> {"a", "b", "c"} (trimmed, empty items dropped); lists in a CSV cell or a textarea (newlines).
std::vector<std::string> SplitList(std::string_view text);
std::string JoinList(const std::vector<std::string>& items, std::string_view separator);

}  // namespace spbe::architecture
