#include "calendar/service.hpp"

#include <algorithm>
#include <charconv>

#include "audit/audit.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"
#include "platform/resources.hpp"

namespace spbe::calendar {
namespace {

constexpr const char* kDataSet = "holidays";
constexpr auto kCacheFor = std::chrono::seconds(60);

audit::Entry CalendarEvent(const char* action, const std::string& object, std::string after) {
  audit::Entry e;
  e.action = action;
  e.object_type = "calendar";
  e.object_id = object;
  e.after_digest = std::move(after);
  return e;
}

}  // namespace

Result<int> SeedHolidays(storage::Database& db, const CalendarStore& store, const std::string& now) {
  auto text = resources::Find("data/holidays.csv");
  if (!text) return Error::Of(ErrorCode::kInternal, "data/holidays.csv is not embedded");
  auto days = ParseHolidayCsv(*text, "en");
  if (!days.ok()) return Error::Of(ErrorCode::kInternal, "data/holidays.csv does not parse");
  std::string checksum = crypto::Sha256Hex(*text);
  return db.WriteReturning<int>([&](soci::session& s) -> Result<int> {
    std::string name = kDataSet;
    auto stored = store.Checksum(s, name);
    if (stored && *stored == checksum) return 0;
    long long before = store.CountHolidays(s);
    for (const auto& h : *days) store.InsertHoliday(s, h, now);
    long long after = store.CountHolidays(s);
    store.SetChecksum(s, name, checksum, now);
    return static_cast<int>(after - before);
  });
}

void CalendarService::Refresh() {
  TimePoint now = clock_();
  if (loaded_at_ != TimePoint{} && now - loaded_at_ < kCacheFor) return;
  auto loaded = db_.Read([&](soci::session& s) {
    std::pair<std::vector<Holiday>, std::map<std::int64_t, bool>> out;
    out.first = store_.Holidays(s);
    out.second = store_.CutiBersamaSettings(s);
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
    store_.SetCutiBersamaWorking(s, node_id, working);
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
  auto roots = db_.Read([&](soci::session& s) { return store_.RootNodeIds(s); });
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
    store_.UpsertHoliday(s, day, now);
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
    if (!store_.HolidayExists(s, key)) {
      return Error::Of(ErrorCode::kNotFound, i18n::Tr(lang, "calendar_holiday_not_found"));
    }
    store_.DeleteHoliday(s, key);
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
    for (const auto& d : *days) store_.UpsertHoliday(s, d, now);
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
