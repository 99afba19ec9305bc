#include <soci/soci.h>

#include <algorithm>

#include "reports/store.hpp"
#include "storage/rows.hpp"

namespace spbe::reports {
namespace {

using storage::Int64;
using storage::IsNull;
using storage::Text;

constexpr const char* kColumns =
    "SELECT id, tracking_number, access_code_hash, kind, identity, category, status, title, body, region_code, "
    "latitude, longitude, happened_on, about_node_id, service_id, application_id, reporter_account_id, "
    "reporter_sealed, node_id, node_path, track, is_public, merged_into, objected, supports, rating, rating_note, "
    "created_at, updated_at, verify_due_at, verified_at, response_due_at, first_response_at, due_at, answered_at, "
    "closed_at, paused_at, overdue_level FROM reports ";
constexpr const char* kInsert =
    "INSERT INTO reports (tracking_number, access_code_hash, kind, identity, category, status, title, body, "
    "region_code, latitude, longitude, happened_on, about_node_id, service_id, application_id, reporter_account_id, "
    "reporter_sealed, node_id, node_path, created_at, updated_at, verify_due_at) VALUES (:tn, :code, :kind, "
    ":identity, :category, :status, :title, :body, :region, :lat, :lon, :happened, :about, :service, :application, "
    ":account, :reporter, :node, :path, :created, :updated, :verify_due) RETURNING id";
constexpr const char* kUpdate =
    "UPDATE reports SET status = :status, node_id = :node, node_path = :path, track = :track, is_public = :public, "
    "merged_into = :merged, objected = :objected, rating = :rating, rating_note = :rating_note, "
    "updated_at = :updated, verified_at = :verified, response_due_at = :response_due, "
    "first_response_at = :first_response, due_at = :due, answered_at = :answered, closed_at = :closed, "
    "paused_at = :paused, overdue_level = CASE WHEN due_at = :due2 THEN overdue_level ELSE 0 END WHERE id = :id";
constexpr const char* kTaken = "SELECT COUNT(*) FROM reports WHERE tracking_number = :tn";
constexpr const char* kInsertEvent =
    "INSERT INTO report_events (report_id, at, actor_id, role, office_node_id, action, note, to_node_id, internal) "
    "VALUES (:report, :at, :actor, :role, :office, :action, :note, :to, :internal)";
constexpr const char* kEvents =
    "SELECT id, report_id, at, actor_id, role, office_node_id, action, note, to_node_id, internal "
    "FROM report_events WHERE report_id = :id ORDER BY id";
constexpr const char* kInsertFile =
    "INSERT INTO report_files (report_id, file_name, kind, size, sha256, location_kept, created_at) "
    "VALUES (:report, :name, :kind, :size, :sha, :kept, :now)";
constexpr const char* kFiles =
    "SELECT id, report_id, file_name, kind, size, sha256, location_kept, created_at FROM report_files "
    "WHERE report_id = :id ORDER BY id";
constexpr const char* kFeedWhere =
    "WHERE is_public = 1 AND (:path = '' OR node_path LIKE :path2 || '%') AND (:region = '' OR region_code = :region2 "
    "OR region_code LIKE :region3 || '.%') AND (:kind = '' OR kind = :kind2) AND (:status = '' OR status = :status2) ";
constexpr const char* kQueue =
    "WHERE node_path LIKE :path || '%' AND status = :status ORDER BY COALESCE(due_at, verify_due_at), id "
    "LIMIT :limit";
constexpr const char* kOfAccount = "WHERE reporter_account_id = :account ORDER BY id DESC LIMIT :limit";
constexpr const char* kAddSupport =
    "INSERT INTO report_supports (report_id, supporter, at) VALUES (:report, :supporter, :at)";
constexpr const char* kSupported =
    "SELECT COUNT(*) FROM report_supports WHERE report_id = :report AND supporter = :supporter";
constexpr const char* kCountSupport = "UPDATE reports SET supports = supports + 1 WHERE id = :id";
constexpr const char* kCategories = "SELECT slug, name_id, name_en FROM report_categories ORDER BY position, slug";
constexpr const char* kRoutes = "SELECT id, category, region_prefix, node_id FROM report_routes ORDER BY id";
constexpr const char* kDeleteSameRoute =
    "DELETE FROM report_routes WHERE category = :category AND region_prefix = :prefix";
constexpr const char* kInsertRoute =
    "INSERT INTO report_routes (category, region_prefix, node_id, created_at) VALUES (:category, :prefix, :node, "
    ":now) RETURNING id";
constexpr const char* kDeleteRoute = "DELETE FROM report_routes WHERE id = :id";
constexpr const char* kOverdueDesk =
    "WHERE status = 'submitted' AND verify_due_at < :now AND overdue_level < 2 ORDER BY verify_due_at LIMIT :limit";
constexpr const char* kOverdueOffice =
    "WHERE status IN ('disposed', 'reopened') AND due_at < :now AND overdue_level < 2 ORDER BY due_at LIMIT :limit";
constexpr const char* kRaise = "UPDATE reports SET overdue_level = :to WHERE id = :id AND overdue_level = :from";

soci::indicator NullIfEmpty(const std::string& s) { return s.empty() ? soci::i_null : soci::i_ok; }
soci::indicator NullIfZero(long long v) { return v == 0 ? soci::i_null : soci::i_ok; }

ReportRow ToRow(const soci::row& r) {
  ReportRow x;
  x.id = Int64(r, 0);
  x.tracking_number = Text(r, 1);
  x.access_code_hash = Text(r, 2);
  x.kind = Text(r, 3);
  x.identity = Text(r, 4);
  x.category = Text(r, 5);
  x.status = Text(r, 6);
  x.title = Text(r, 7);
  x.body = Text(r, 8);
  x.region_code = Text(r, 9);
  if (!IsNull(r, 10)) x.latitude = r.get<double>(10);
  if (!IsNull(r, 11)) x.longitude = r.get<double>(11);
  x.happened_on = Text(r, 12);
  x.about_node_id = Int64(r, 13);
  x.service_id = Int64(r, 14);
  x.application_id = Int64(r, 15);
  x.reporter_account_id = Int64(r, 16);
  x.reporter_sealed = Text(r, 17);
  x.node_id = Int64(r, 18);
  x.node_path = Text(r, 19);
  x.track = Text(r, 20);
  x.is_public = Int64(r, 21) != 0;
  x.merged_into = Int64(r, 22);
  x.objected = Int64(r, 23) != 0;
  x.supports = Int64(r, 24);
  x.rating = static_cast<int>(Int64(r, 25));
  x.rating_note = Text(r, 26);
  x.created_at = Text(r, 27);
  x.updated_at = Text(r, 28);
  x.verify_due_at = Text(r, 29);
  x.verified_at = Text(r, 30);
  x.response_due_at = Text(r, 31);
  x.first_response_at = Text(r, 32);
  x.due_at = Text(r, 33);
  x.answered_at = Text(r, 34);
  x.closed_at = Text(r, 35);
  x.paused_at = Text(r, 36);
  x.overdue_level = static_cast<int>(Int64(r, 37));
  return x;
}

std::vector<ReportRow> Rows(soci::rowset<soci::row>& rows) {
  std::vector<ReportRow> out;
  for (const auto& r : rows) out.push_back(ToRow(r));
  return out;
}

class SqlReportStore final : public ReportStore {
  // The report with that number; `lock`: FOR UPDATE (PostgreSQL), held until the unit of work ends.
  static std::optional<ReportRow> Find(soci::session& s, const std::string& tn, bool lock) {
    std::string sql = std::string(kColumns) + "WHERE tracking_number = :tn" + (lock ? " FOR UPDATE" : "");
    soci::rowset<soci::row> rows = (s.prepare << sql, soci::use(tn, "tn"));
    for (const auto& r : rows) return ToRow(r);
    return std::nullopt;
  }

 public:
  std::int64_t Insert(soci::session& s, const ReportRow& r) const override {
    long long id = 0, about = r.about_node_id, service = r.service_id, application = r.application_id,
              account = r.reporter_account_id, node = r.node_id;
    double lat = r.latitude.value_or(0), lon = r.longitude.value_or(0);
    soci::indicator i_lat = r.latitude ? soci::i_ok : soci::i_null, i_lon = r.longitude ? soci::i_ok : soci::i_null,
                    i_about = NullIfZero(about), i_service = NullIfZero(service), i_app = NullIfZero(application),
                    i_account = NullIfZero(account);
    s << kInsert, soci::use(r.tracking_number, "tn"), soci::use(r.access_code_hash, "code"), soci::use(r.kind, "kind"),
        soci::use(r.identity, "identity"), soci::use(r.category, "category"), soci::use(r.status, "status"),
        soci::use(r.title, "title"), soci::use(r.body, "body"), soci::use(r.region_code, "region"),
        soci::use(lat, i_lat, "lat"), soci::use(lon, i_lon, "lon"), soci::use(r.happened_on, "happened"),
        soci::use(about, i_about, "about"), soci::use(service, i_service, "service"),
        soci::use(application, i_app, "application"), soci::use(account, i_account, "account"),
        soci::use(r.reporter_sealed, "reporter"), soci::use(node, "node"), soci::use(r.node_path, "path"),
        soci::use(r.created_at, "created"), soci::use(r.updated_at, "updated"),
        soci::use(r.verify_due_at, "verify_due"), soci::into(id);
    return id;
  }

  void Update(soci::session& s, const ReportRow& r) const override {
    long long id = r.id, node = r.node_id, merged = r.merged_into;
    int is_public = r.is_public ? 1 : 0, objected = r.objected ? 1 : 0, rating = r.rating;
    soci::indicator i_merged = NullIfZero(merged), i_rating = rating == 0 ? soci::i_null : soci::i_ok,
                    i_verified = NullIfEmpty(r.verified_at), i_rdue = NullIfEmpty(r.response_due_at),
                    i_first = NullIfEmpty(r.first_response_at), i_due = NullIfEmpty(r.due_at),
                    i_answered = NullIfEmpty(r.answered_at), i_closed = NullIfEmpty(r.closed_at),
                    i_paused = NullIfEmpty(r.paused_at);
    s << kUpdate, soci::use(r.status, "status"), soci::use(node, "node"), soci::use(r.node_path, "path"),
        soci::use(r.track, "track"), soci::use(is_public, "public"), soci::use(merged, i_merged, "merged"),
        soci::use(objected, "objected"), soci::use(rating, i_rating, "rating"), soci::use(r.rating_note, "rating_note"),
        soci::use(r.updated_at, "updated"), soci::use(r.verified_at, i_verified, "verified"),
        soci::use(r.response_due_at, i_rdue, "response_due"), soci::use(r.first_response_at, i_first, "first_response"),
        soci::use(r.due_at, i_due, "due"), soci::use(r.answered_at, i_answered, "answered"),
        soci::use(r.closed_at, i_closed, "closed"), soci::use(r.paused_at, i_paused, "paused"),
        soci::use(r.due_at, i_due, "due2"), soci::use(id, "id");
  }

  std::optional<ReportRow> ByTrackingNumber(soci::session& s, const std::string& tn) const override {
    return Find(s, tn, false);
  }

  std::optional<ReportRow> LockByTrackingNumber(soci::session& s, const std::string& tn) const override {
    return Find(s, tn, s.get_backend_name() == "postgresql");
  }

  bool TrackingNumberTaken(soci::session& s, const std::string& tn) const override {
    long long n = 0;
    s << kTaken, soci::use(tn, "tn"), soci::into(n);
    return n > 0;
  }

  void AddEvent(soci::session& s, const EventRow& e) const override {
    long long report = e.report_id, actor = e.actor_id, office = e.office_node_id, to = e.to_node_id;
    int internal = e.internal ? 1 : 0;
    soci::indicator i_actor = NullIfZero(actor), i_office = NullIfZero(office), i_to = NullIfZero(to);
    s << kInsertEvent, soci::use(report, "report"), soci::use(e.at, "at"), soci::use(actor, i_actor, "actor"),
        soci::use(e.role, "role"), soci::use(office, i_office, "office"), soci::use(e.action, "action"),
        soci::use(e.note, "note"), soci::use(to, i_to, "to"), soci::use(internal, "internal");
  }

  std::vector<EventRow> Events(soci::session& s, std::int64_t report_id) const override {
    long long id = report_id;
    soci::rowset<soci::row> rows = (s.prepare << kEvents, soci::use(id, "id"));
    std::vector<EventRow> out;
    for (const auto& r : rows) {
      out.push_back({Int64(r, 0), Int64(r, 1), Text(r, 2), Int64(r, 3), Text(r, 4), Int64(r, 5), Text(r, 6), Text(r, 7),
                     Int64(r, 8), Int64(r, 9) != 0});
    }
    return out;
  }

  void AddFile(soci::session& s, const FileRow& f) const override {
    long long report = f.report_id, size = f.size;
    int kept = f.location_kept ? 1 : 0;
    s << kInsertFile, soci::use(report, "report"), soci::use(f.file_name, "name"), soci::use(f.kind, "kind"),
        soci::use(size, "size"), soci::use(f.sha256, "sha"), soci::use(kept, "kept"), soci::use(f.created_at, "now");
  }

  std::vector<FileRow> Files(soci::session& s, std::int64_t report_id) const override {
    long long id = report_id;
    soci::rowset<soci::row> rows = (s.prepare << kFiles, soci::use(id, "id"));
    std::vector<FileRow> out;
    for (const auto& r : rows) {
      out.push_back(
          {Int64(r, 0), Int64(r, 1), Text(r, 2), Text(r, 3), Int64(r, 4), Text(r, 5), Int64(r, 6) != 0, Text(r, 7)});
    }
    return out;
  }

  std::vector<ReportRow> Feed(soci::session& s, const FeedQuery& q) const override {
    int limit = q.limit, offset = q.offset;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kColumns) + kFeedWhere + "ORDER BY id DESC LIMIT :limit OFFSET :offset",
         soci::use(q.node_path, "path"), soci::use(q.node_path, "path2"), soci::use(q.region_prefix, "region"),
         soci::use(q.region_prefix, "region2"), soci::use(q.region_prefix, "region3"), soci::use(q.kind, "kind"),
         soci::use(q.kind, "kind2"), soci::use(q.status, "status"), soci::use(q.status, "status2"),
         soci::use(limit, "limit"), soci::use(offset, "offset"));
    return Rows(rows);
  }

  std::int64_t FeedCount(soci::session& s, const FeedQuery& q) const override {
    long long n = 0;
    s << std::string("SELECT COUNT(*) FROM reports ") + kFeedWhere, soci::use(q.node_path, "path"),
        soci::use(q.node_path, "path2"), soci::use(q.region_prefix, "region"), soci::use(q.region_prefix, "region2"),
        soci::use(q.region_prefix, "region3"), soci::use(q.kind, "kind"), soci::use(q.kind, "kind2"),
        soci::use(q.status, "status"), soci::use(q.status, "status2"), soci::into(n);
    return n;
  }

  std::vector<ReportRow> Queue(soci::session& s, const QueueQuery& q) const override {
    // One index range per (holder subtree, status), merged in deadline order.
    std::vector<ReportRow> out;
    int limit = q.limit + q.offset;
    for (const auto& path : q.node_paths) {
      for (const auto& status : q.statuses) {
        soci::rowset<soci::row> rows = (s.prepare << std::string(kColumns) + kQueue, soci::use(path, "path"),
                                        soci::use(status, "status"), soci::use(limit, "limit"));
        for (const auto& r : rows) out.push_back(ToRow(r));
      }
    }
    auto deadline = [](const ReportRow& r) { return r.due_at.empty() ? r.verify_due_at : r.due_at; };
    std::sort(out.begin(), out.end(), [&](const ReportRow& a, const ReportRow& b) {
      return std::pair(deadline(a), a.id) < std::pair(deadline(b), b.id);
    });
    out.erase(std::unique(out.begin(), out.end(), [](const ReportRow& a, const ReportRow& b) { return a.id == b.id; }),
              out.end());
    if (static_cast<int>(out.size()) <= q.offset) return {};
    out.erase(out.begin(), out.begin() + q.offset);
    if (static_cast<int>(out.size()) > q.limit) out.resize(static_cast<std::size_t>(q.limit));
    return out;
  }

  std::vector<ReportRow> OfAccount(soci::session& s, std::int64_t account_id, int limit) const override {
    long long account = account_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kColumns) + kOfAccount, soci::use(account, "account"), soci::use(limit, "limit"));
    return Rows(rows);
  }

  bool AddSupport(soci::session& s, std::int64_t report_id, const std::string& supporter,
                  const std::string& now) const override {
    if (Supported(s, report_id, supporter)) return false;
    long long id = report_id;
    s << kAddSupport, soci::use(id, "report"), soci::use(supporter, "supporter"), soci::use(now, "at");
    s << kCountSupport, soci::use(id, "id");
    return true;
  }

  bool Supported(soci::session& s, std::int64_t report_id, const std::string& supporter) const override {
    long long id = report_id, n = 0;
    s << kSupported, soci::use(id, "report"), soci::use(supporter, "supporter"), soci::into(n);
    return n > 0;
  }

  std::vector<Category> Categories(soci::session& s) const override {
    soci::rowset<soci::row> rows = s.prepare << kCategories;
    std::vector<Category> out;
    for (const auto& r : rows) out.push_back({Text(r, 0), Text(r, 1), Text(r, 2)});
    return out;
  }

  std::vector<Route> Routes(soci::session& s) const override {
    soci::rowset<soci::row> rows = s.prepare << kRoutes;
    std::vector<Route> out;
    for (const auto& r : rows) out.push_back({Int64(r, 0), Text(r, 1), Text(r, 2), Int64(r, 3)});
    return out;
  }

  std::int64_t PutRoute(soci::session& s, const Route& r, const std::string& now) const override {
    long long node = r.node_id, id = 0;
    s << kDeleteSameRoute, soci::use(r.category, "category"), soci::use(r.region_prefix, "prefix");
    s << kInsertRoute, soci::use(r.category, "category"), soci::use(r.region_prefix, "prefix"), soci::use(node, "node"),
        soci::use(now, "now"), soci::into(id);
    return id;
  }

  bool DeleteRoute(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::statement st = (s.prepare << kDeleteRoute, soci::use(key, "id"));
    st.execute(true);
    return st.get_affected_rows() > 0;
  }

  std::vector<ReportRow> Overdue(soci::session& s, const std::string& now, int limit) const override {
    std::vector<ReportRow> out;
    for (const char* where : {kOverdueDesk, kOverdueOffice}) {
      soci::rowset<soci::row> rows =
          (s.prepare << std::string(kColumns) + where, soci::use(now, "now"), soci::use(limit, "limit"));
      for (const auto& r : rows) out.push_back(ToRow(r));
    }
    return out;
  }

  bool RaiseOverdue(soci::session& s, std::int64_t id, int from, int to) const override {
    long long key = id;
    soci::statement st = (s.prepare << kRaise, soci::use(to, "to"), soci::use(key, "id"), soci::use(from, "from"));
    st.execute(true);
    return st.get_affected_rows() > 0;
  }
};

}  // namespace

std::unique_ptr<ReportStore> MakeSqlReportStore() { return std::make_unique<SqlReportStore>(); }

}  // namespace spbe::reports
