#include "calendar/service.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <charconv>

#include "audit/audit.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/resources.hpp"
#include "storage/rows.hpp"

namespace spbe::calendar {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kDataSet = "holidays";
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

constexpr auto kCacheFor = std::chrono::seconds(60);

audit::Entry CalendarEvent(const char* action, const std::string& object, std::string after) {
  audit::Entry e;
  e.action = action;
  e.object_type = "calendar";
  e.object_id = object;
  e.after_digest = std::move(after);
  return e;
}

void Upsert(soci::session& s, const Holiday& h, const std::string& now) {
  std::string date = FormatDate(h.date), kind(HolidayKindName(h.kind));
  s << kUpsertHoliday, soci::use(date, "date"), soci::use(kind, "kind"), soci::use(h.name_id, "name_id"),
      soci::use(h.name_en, "name_en"), soci::use(h.source, "source"), soci::use(now, "now");
}

}  // namespace

Result<int> SeedHolidays(storage::Database& db, const std::string& now) {
  auto text = resources::Find("data/holidays.csv");
  if (!text) return Error::Of(ErrorCode::kInternal, "data/holidays.csv is not embedded");
  auto days = ParseHolidayCsv(*text, "en");
  if (!days.ok()) return Error::Of(ErrorCode::kInternal, "data/holidays.csv does not parse");
  std::string checksum = crypto::Sha256Hex(*text);
  return db.WriteReturning<int>([&](soci::session& s) -> Result<int> {
    std::string name = kDataSet, stored;
    soci::indicator ind = soci::i_null;
    s << kChecksum, soci::use(name, "name"), soci::into(stored, ind);
    if (ind == soci::i_ok && stored == checksum) return 0;
    long long before = 0, after = 0;
    s << kCount, soci::into(before);
    for (const auto& h : *days) {
      std::string date = FormatDate(h.date), kind(HolidayKindName(h.kind));
      s << kInsertHoliday, soci::use(date, "date"), soci::use(kind, "kind"), soci::use(h.name_id, "name_id"),
          soci::use(h.name_en, "name_en"), soci::use(h.source, "source"), soci::use(now, "now");
    }
    s << kCount, soci::into(after);
    s << kSetChecksum, soci::use(name, "name"), soci::use(checksum, "checksum"), soci::use(now, "now");
    return static_cast<int>(after - before);
  });
}

void CalendarService::Refresh() {
  TimePoint now = clock_();
  if (loaded_at_ != TimePoint{} && now - loaded_at_ < kCacheFor) return;
  auto loaded = db_.Read([&](soci::session& s) {
    std::pair<std::vector<Holiday>, std::map<std::int64_t, bool>> out;
    soci::rowset<soci::row> rows = (s.prepare << kHolidays);
    for (const auto& r : rows) {
      auto date = ParseDate(Text(r, 0));
      auto kind = ParseHolidayKind(Text(r, 1));
      if (date && kind) out.first.push_back({*date, *kind, Text(r, 2), Text(r, 3), Text(r, 4)});
    }
    soci::rowset<soci::row> settings = (s.prepare << kSettings);
    for (const auto& r : settings) out.second[Int64(r, 0)] = Int64(r, 1) != 0;
    return out;
  });
  if (!loaded.ok()) return;  // keep the last good calendar
  holidays_ = std::move(loaded->first);
  cuti_working_ = std::move(loaded->second);
  closed_ = WorkCalendar(holidays_, false);
  open_ = WorkCalendar(holidays_, true);
  loaded_at_ = now;
}

WorkCalendar CalendarService::For(const std::string& node_path) {
  std::lock_guard lock(mu_);
  Refresh();
  // The nearest node on the path ("/1/4/9/") with a setting decides.
  bool working = false;
  std::size_t end = node_path.size();
  while (end > 1) {
    std::size_t start = node_path.rfind('/', end - 2);
    if (start == std::string::npos) break;
    std::int64_t id = 0;
    std::from_chars(node_path.data() + start + 1, node_path.data() + end - 1, id);
    if (auto it = cuti_working_.find(id); it != cuti_working_.end()) {
      working = it->second;
      break;
    }
    end = start + 1;
  }
  return working ? open_ : closed_;
}

Status CalendarService::SetCutiBersamaWorking(const access::Actor& admin, std::int64_t node_id,
                                              const std::string& node_path, bool working, std::string_view lang) {
  if (!access::Allowed(admin, access::Action::kOrgManage, node_path)) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "calendar_agency_admins_only"));
  }
  std::string now = FormatUtc(clock_());
  Status st = db_.Write([&](soci::session& s) -> Status {
    long long node = node_id;
    int value = working ? 1 : 0;
    s << kSetSetting, soci::use(node, "node"), soci::use(value, "working");
    audit::Entry e = CalendarEvent("calendar.cuti_bersama", std::to_string(node_id), working ? "working" : "closed");
    e.node_path = node_path;
    audit::Record(s, admin, e, now);
    return Ok{};
  });
  if (st.ok()) Changed();
  return st;
}

Status CalendarService::MayEdit(const access::Actor& admin, std::string_view lang) const {
  // The national calendar is set by ministers' decree: only the platform admin of the whole deployment (a grant on a
  // root of the tree) keeps it, never a platform admin of one agency's subtree.
  auto roots = db_.Read([](soci::session& s) {
    std::vector<std::int64_t> ids;
    soci::rowset<soci::row> rows = s.prepare << "SELECT id FROM org_nodes WHERE parent_id IS NULL";
    for (const auto& r : rows) ids.push_back(storage::Int64(r, 0));
    return ids;
  });
  if (!roots.ok()) return roots.error();
  bool platform = std::any_of(admin.grants.begin(), admin.grants.end(), [&](const access::Grant& g) {
    return g.role == access::Role::kAdminPlatform && std::find(roots->begin(), roots->end(), g.node_id) != roots->end();
  });
  if (!platform) {
    return Error::Of(ErrorCode::kForbidden, i18n::Tr(lang, "calendar_platform_admin_only"));
  }
  return Ok{};
}

void CalendarService::Changed() {
  {
    std::lock_guard lock(mu_);
    loaded_at_ = TimePoint{};
  }
  for (const auto& listener : listeners_) listener();
}

Status CalendarService::PutHoliday(const access::Actor& admin, const Holiday& day, std::string_view lang) {
  if (auto st = MayEdit(admin, lang); !st.ok()) return st;
  if (day.name_id.empty()) {
    return Error::Validation({{"name_id", i18n::Tr(lang, "calendar_holiday_name_required")}});
  }
  std::string now = FormatUtc(clock_());
  Status st = db_.Write([&](soci::session& s) -> Status {
    Upsert(s, day, now);
    audit::Record(s, admin,
                  CalendarEvent("calendar.put", FormatDate(day.date),
                                audit::Digest(std::string(HolidayKindName(day.kind)) + "|" + day.name_id)),
                  now);
    return Ok{};
  });
  if (st.ok()) Changed();
  return st;
}

Status CalendarService::DeleteHoliday(const access::Actor& admin, Date date, std::string_view lang) {
  if (auto st = MayEdit(admin, lang); !st.ok()) return st;
  std::string now = FormatUtc(clock_()), key = FormatDate(date);
  Status st = db_.Write([&](soci::session& s) -> Status {
    long long n = 0;
    s << kHolidayExists, soci::use(key, "date"), soci::into(n);
    if (n == 0) {
      return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "calendar_holiday_not_found"));
    }
    s << kDeleteHoliday, soci::use(key, "date");
    audit::Record(s, admin, CalendarEvent("calendar.delete", key, ""), now);
    return Ok{};
  });
  if (st.ok()) Changed();
  return st;
}

Result<int> CalendarService::ImportCsv(const access::Actor& admin, std::string_view csv, std::string_view lang) {
  if (auto st = MayEdit(admin, lang); !st.ok()) return st.error();
  auto days = ParseHolidayCsv(csv, lang);
  if (!days.ok()) return days.error();
  std::string now = FormatUtc(clock_());
  auto n = db_.WriteReturning<int>([&](soci::session& s) -> Result<int> {
    for (const auto& d : *days) Upsert(s, d, now);
    audit::Record(s, admin, CalendarEvent("calendar.import", std::to_string(days->size()), crypto::Sha256Hex(csv)),
                  now);
    return static_cast<int>(days->size());
  });
  if (n.ok()) Changed();
  return n;
}

std::vector<Holiday> CalendarService::Holidays() {
  std::lock_guard lock(mu_);
  Refresh();
  return holidays_;
}

}  // namespace spbe::calendar
