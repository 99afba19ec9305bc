#include <soci/soci.h>

#include "calendar/store.hpp"
#include "storage/rows.hpp"

namespace spbe::calendar {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kChecksum = "SELECT checksum FROM reference_data WHERE name = :name";
constexpr const char* kSetChecksum =
    "INSERT INTO reference_data (name, checksum, loaded_at) VALUES (:name, :checksum, :now) "
    "ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, loaded_at = excluded.loaded_at";
constexpr const char* kInsertHoliday =
    "INSERT INTO holidays (date, kind, name_id, name_en, source, updated_at) VALUES (:date, :kind, :name_id, "
    ":name_en, :source, :now) ON CONFLICT (date) DO NOTHING";
constexpr const char* kCount = "SELECT COUNT(*) FROM holidays";
constexpr const char* kHolidays = "SELECT date, kind, name_id, name_en, source FROM holidays ORDER BY date";
constexpr const char* kSettings = "SELECT node_id, cuti_bersama_working FROM node_settings";
constexpr const char* kSetSetting =
    "INSERT INTO node_settings (node_id, cuti_bersama_working) VALUES (:node, :working) "
    "ON CONFLICT (node_id) DO UPDATE SET cuti_bersama_working = excluded.cuti_bersama_working";

constexpr const char* kUpsertHoliday =
    "INSERT INTO holidays (date, kind, name_id, name_en, source, updated_at) VALUES (:date, :kind, :name_id, "
    ":name_en, :source, :now) ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, name_id = excluded.name_id, "
    "name_en = excluded.name_en, source = excluded.source, updated_at = excluded.updated_at";
constexpr const char* kDeleteHoliday = "DELETE FROM holidays WHERE date = :date";
constexpr const char* kHolidayExists = "SELECT COUNT(*) FROM holidays WHERE date = :date";
constexpr const char* kRoots = "SELECT id FROM org_nodes WHERE parent_id IS NULL";

class SqlCalendarStore final : public CalendarStore {
 public:
  std::optional<std::string> Checksum(soci::session& s, const std::string& name) const override {
    std::string stored;
    soci::indicator ind = soci::i_null;
    s << kChecksum, soci::use(name, "name"), soci::into(stored, ind);
    if (ind != soci::i_ok) return std::nullopt;
    return stored;
  }

  void SetChecksum(soci::session& s, const std::string& name, const std::string& checksum,
                   const std::string& now) const override {
    s << kSetChecksum, soci::use(name, "name"), soci::use(checksum, "checksum"), soci::use(now, "now");
  }

  long long CountHolidays(soci::session& s) const override {
    long long n = 0;
    s << kCount, soci::into(n);
    return n;
  }

  void InsertHoliday(soci::session& s, const Holiday& h, const std::string& now) const override {
    std::string date = FormatDate(h.date), kind(HolidayKindName(h.kind));
    s << kInsertHoliday, soci::use(date, "date"), soci::use(kind, "kind"), soci::use(h.name_id, "name_id"),
        soci::use(h.name_en, "name_en"), soci::use(h.source, "source"), soci::use(now, "now");
  }

  void UpsertHoliday(soci::session& s, const Holiday& h, const std::string& now) const override {
    std::string date = FormatDate(h.date), kind(HolidayKindName(h.kind));
    s << kUpsertHoliday, soci::use(date, "date"), soci::use(kind, "kind"), soci::use(h.name_id, "name_id"),
        soci::use(h.name_en, "name_en"), soci::use(h.source, "source"), soci::use(now, "now");
  }

  bool HolidayExists(soci::session& s, const std::string& date) const override {
    long long n = 0;
    s << kHolidayExists, soci::use(date, "date"), soci::into(n);
    return n != 0;
  }

  void DeleteHoliday(soci::session& s, const std::string& date) const override {
    s << kDeleteHoliday, soci::use(date, "date");
  }

  std::vector<Holiday> Holidays(soci::session& s) const override {
    std::vector<Holiday> out;
    soci::rowset<soci::row> rows = (s.prepare << kHolidays);
    for (const auto& r : rows) {
      auto date = ParseDate(Text(r, 0));
      auto kind = ParseHolidayKind(Text(r, 1));
      if (date && kind) out.push_back({*date, *kind, Text(r, 2), Text(r, 3), Text(r, 4)});
    }
    return out;
  }

  std::map<std::int64_t, bool> CutiBersamaSettings(soci::session& s) const override {
    std::map<std::int64_t, bool> out;
    soci::rowset<soci::row> settings = (s.prepare << kSettings);
    for (const auto& r : settings) out[Int64(r, 0)] = Int64(r, 1) != 0;
    return out;
  }

  void SetCutiBersamaWorking(soci::session& s, std::int64_t node_id, bool working) const override {
    long long node = node_id;
    int value = working ? 1 : 0;
    s << kSetSetting, soci::use(node, "node"), soci::use(value, "working");
  }

  std::vector<std::int64_t> RootNodeIds(soci::session& s) const override {
    std::vector<std::int64_t> ids;
    soci::rowset<soci::row> rows = s.prepare << kRoots;
    for (const auto& r : rows) ids.push_back(Int64(r, 0));
    return ids;
  }
};

}  // namespace

std::unique_ptr<CalendarStore> MakeSqlCalendarStore() { return std::make_unique<SqlCalendarStore>(); }

}  // namespace spbe::calendar
