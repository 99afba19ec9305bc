#include <soci/soci.h>

#include <algorithm>

#include "applications/store.hpp"
#include "storage/changes.hpp"
#include "storage/idempotency.hpp"
#include "storage/rows.hpp"
#include "storage/statements.hpp"

namespace spbe::applications {
namespace {

using storage::Int64;
using storage::Text;

constexpr const char* kColumns =
    "SELECT id, tracking_number, access_code_hash, service_id, version_id, node_path, applicant_id, status, step, "
    "step_node_path, step_role, step_started_at, step_due_at, claimed_by, data_sealed, created_at, updated_at, "
    "submitted_at, due_at, paused_at, closed_at, fee_amount FROM applications ";
constexpr const char* kInsert =
    "INSERT INTO applications (tracking_number, access_code_hash, service_id, version_id, node_path, applicant_id, "
    "status, step, step_node_path, step_role, step_started_at, step_due_at, data_sealed, created_at, updated_at, "
    "submitted_at, due_at, deemed_granted, fee_amount) VALUES (:tn, :code, :service, :version, :node_path, :applicant, "
    ":status, :step, :step_node_path, :step_role, :step_started_at, :step_due_at, :data, :created_at, :updated_at, "
    ":submitted_at, :due_at, :deemed, :fee) RETURNING id";
constexpr const char* kUpdate =
    "UPDATE applications SET status = :status, step = :step, step_node_path = :step_node_path, step_role = :step_role, "
    "step_started_at = :step_started_at, step_due_at = :step_due_at, claimed_by = :claimed_by, data_sealed = :data, "
    "updated_at = :updated_at, submitted_at = :submitted_at, due_at = :due_at, paused_at = :paused_at, "
    "closed_at = :closed_at, fee_amount = :fee, overdue_level = CASE WHEN step_due_at = :step_due_at2 THEN "
    "overdue_level ELSE 0 END "
    "WHERE id = :id";
constexpr const char* kTaken = "SELECT COUNT(*) FROM applications WHERE tracking_number = :tn";
constexpr const char* kWorklistWhere =
    "WHERE step_role = :role AND step_node_path = :path AND status = :status AND (:service = 0 OR service_id = "
    ":service2) AND (:step = '' OR step = :step2) ORDER BY step_due_at, id LIMIT :limit";
constexpr const char* kInsertEvent =
    "INSERT INTO application_events (application_id, at, actor_id, office_node_id, step, action, note, internal, "
    "due_at) VALUES (:application, :at, :actor, :office, :step, :action, :note, :internal, :due_at)";
constexpr const char* kEvents =
    "SELECT id, application_id, at, actor_id, office_node_id, step, action, note, internal, due_at "
    "FROM application_events WHERE application_id = :id ORDER BY id";
constexpr const char* kInsertFile =
    "INSERT INTO application_files (application_id, field, file_name, kind, size, sha256, created_at) "
    "VALUES (:application, :field, :name, :kind, :size, :sha, :now) RETURNING id";
constexpr const char* kFileColumns =
    "SELECT id, application_id, field, file_name, kind, size, sha256, created_at FROM application_files ";

ApplicationRow ToRow(const soci::row& r) {
  ApplicationRow a;
  a.id = Int64(r, 0);
  a.tracking_number = Text(r, 1);
  a.access_code_hash = Text(r, 2);
  a.service_id = Int64(r, 3);
  a.version_id = Int64(r, 4);
  a.node_path = Text(r, 5);
  a.applicant_id = Int64(r, 6);
  a.status = Text(r, 7);
  a.step = Text(r, 8);
  a.step_node_path = Text(r, 9);
  a.step_role = Text(r, 10);
  a.step_started_at = Text(r, 11);
  a.step_due_at = Text(r, 12);
  a.claimed_by = Int64(r, 13);
  a.data_sealed = Text(r, 14);
  a.created_at = Text(r, 15);
  a.updated_at = Text(r, 16);
  a.submitted_at = Text(r, 17);
  a.due_at = Text(r, 18);
  a.paused_at = Text(r, 19);
  a.closed_at = Text(r, 20);
  a.fee_amount = Int64(r, 21);
  return a;
}

FileRow ToFile(const soci::row& r) {
  return {Int64(r, 0), Int64(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Int64(r, 5), Text(r, 6), Text(r, 7)};
}

soci::indicator NullIfEmpty(const std::string& s) { return s.empty() ? soci::i_null : soci::i_ok; }

class SqlApplicationStore final : public ApplicationStore {
 public:
  std::int64_t Insert(soci::session& s, const ApplicationRow& a) const override {
    using storage::TextOrNull;
    std::int64_t id = storage::QueryInt(s, kInsert, a.tracking_number, a.access_code_hash, a.service_id, a.version_id,
                                        a.node_path, a.applicant_id, a.status, a.step, a.step_node_path, a.step_role,
                                        TextOrNull(a.step_started_at), TextOrNull(a.step_due_at), a.data_sealed,
                                        a.created_at, a.updated_at, TextOrNull(a.submitted_at), TextOrNull(a.due_at),
                                        a.deemed_granted, a.fee_amount)
                          .value_or(0);
    storage::NoteChange("applications", id);
    return id;
  }
  void Update(soci::session& s, const ApplicationRow& a) const override {
    long long id = a.id, claimed = a.claimed_by, fee = a.fee_amount;
    soci::indicator i_claim = a.claimed_by ? soci::i_ok : soci::i_null, i_ss = NullIfEmpty(a.step_started_at),
                    i_sd = NullIfEmpty(a.step_due_at), i_sub = NullIfEmpty(a.submitted_at),
                    i_due = NullIfEmpty(a.due_at), i_p = NullIfEmpty(a.paused_at), i_c = NullIfEmpty(a.closed_at);
    s << kUpdate, soci::use(a.status, "status"), soci::use(a.step, "step"),
        soci::use(a.step_node_path, "step_node_path"), soci::use(a.step_role, "step_role"),
        soci::use(a.step_started_at, i_ss, "step_started_at"), soci::use(a.step_due_at, i_sd, "step_due_at"),
        soci::use(claimed, i_claim, "claimed_by"), soci::use(a.data_sealed, "data"),
        soci::use(a.updated_at, "updated_at"), soci::use(a.submitted_at, i_sub, "submitted_at"),
        soci::use(a.due_at, i_due, "due_at"), soci::use(a.paused_at, i_p, "paused_at"),
        soci::use(a.closed_at, i_c, "closed_at"), soci::use(fee, "fee"), soci::use(a.step_due_at, i_sd, "step_due_at2"),
        soci::use(id, "id");
    storage::NoteChange("applications", id);  // tracking keeps a copy (ApplicationsService::Track)
  }
  std::int64_t CompletedCount(soci::session& s, std::int64_t service_id, const std::string& node_path,
                              const std::string& from, const std::string& to) const override {
    long long n = 0, service = service_id;
    s << "SELECT COUNT(*) FROM applications WHERE status = 'completed' AND (:service = 0 OR service_id = :service2) "
         "AND node_path LIKE :path || '%' AND closed_at >= :from AND closed_at <= :to",
        soci::use(service, "service"), soci::use(service, "service2"), soci::use(node_path, "path"),
        soci::use(from, "from"), soci::use(to, "to"), soci::into(n);
    return n;
  }
  std::optional<ApplicationRow> ById(soci::session& s, std::int64_t id) const override {
    long long key = id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kColumns) + "WHERE id = :id", soci::use(key, "id"));
    for (const auto& r : rows) return ToRow(r);
    return std::nullopt;
  }
  std::optional<ApplicationRow> ByTrackingNumber(soci::session& s, const std::string& tn) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kColumns) + "WHERE tracking_number = :tn", soci::use(tn, "tn"));
    for (const auto& r : rows) return ToRow(r);
    return std::nullopt;
  }
  std::optional<ApplicationRow> LockByTrackingNumber(soci::session& s, const std::string& tn) const override {
    // SQLite's writer already runs one unit at a time; PostgreSQL needs the row lock.
    bool pg = s.get_backend_name() == "postgresql";
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kColumns) + "WHERE tracking_number = :tn" + (pg ? " FOR UPDATE" : ""),
         soci::use(tn, "tn"));
    for (const auto& r : rows) return ToRow(r);
    return std::nullopt;
  }
  bool TrackingNumberTaken(soci::session& s, const std::string& tn) const override {
    return storage::QueryInt(s, kTaken, tn).value_or(0) > 0;
  }
  std::vector<ApplicationRow> Running(soci::session& s, std::int64_t after_id, int limit) const override {
    long long after = after_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kColumns) +
                          "WHERE status IN ('in_progress', 'returned') AND id > :after ORDER BY id LIMIT :limit",
         soci::use(after, "after"), soci::use(limit, "limit"));
    std::vector<ApplicationRow> out;
    for (const auto& r : rows) out.push_back(ToRow(r));
    return out;
  }
  std::vector<std::pair<std::string, int>> Overdue(soci::session& s, const std::string& now, int limit) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT tracking_number, overdue_level FROM applications WHERE status = 'in_progress' AND "
                      "step_due_at < :now AND overdue_level < 2 ORDER BY step_due_at LIMIT :limit",
         soci::use(now, "now"), soci::use(limit, "limit"));
    std::vector<std::pair<std::string, int>> out;
    for (const auto& r : rows) out.emplace_back(Text(r, 0), static_cast<int>(Int64(r, 1)));
    return out;
  }
  std::vector<std::string> UndecidedPastLimit(soci::session& s, const std::string& now, int limit) const override {
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT tracking_number FROM applications WHERE deemed_granted = 1 AND status = 'in_progress' "
                      "AND due_at < :now ORDER BY due_at LIMIT :limit",
         soci::use(now, "now"), soci::use(limit, "limit"));
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(Text(r, 0));
    return out;
  }
  bool RaiseOverdue(soci::session& s, std::int64_t id, int from, int to) const override {
    long long key = id;
    soci::statement st = (s.prepare << "UPDATE applications SET overdue_level = :to WHERE id = :id AND "
                                       "overdue_level = :from",
                          soci::use(to, "to"), soci::use(key, "id"), soci::use(from, "from"));
    st.execute(true);
    storage::NoteChange("applications", id);
    return st.get_affected_rows() > 0;
  }
  bool HasApplications(soci::session& s, std::int64_t applicant_id) const override {
    long long who = applicant_id, n = 0;
    s << "SELECT COUNT(*) FROM applications WHERE applicant_id = :who", soci::use(who, "who"), soci::into(n);
    return n > 0;
  }
  std::vector<ApplicationRow> OfApplicant(soci::session& s, std::int64_t applicant_id, int limit) const override {
    long long who = applicant_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kColumns) + "WHERE applicant_id = :who ORDER BY id DESC LIMIT :limit",
         soci::use(who, "who"), soci::use(limit, "limit"));
    std::vector<ApplicationRow> out;
    for (const auto& r : rows) out.push_back(ToRow(r));
    return out;
  }
  std::vector<ApplicationRow> OfApplicant(soci::session& s, std::int64_t applicant_id, std::optional<bool> closed,
                                          int limit, int offset) const override {
    long long who = applicant_id;
    const char* which = !closed   ? ""
                        : *closed ? "AND status IN ('completed', 'rejected') "
                                  : "AND status NOT IN ('completed', 'rejected') ";
    soci::rowset<soci::row> rows = (s.prepare << std::string(kColumns) + "WHERE applicant_id = :who " + which +
                                                     "ORDER BY id DESC LIMIT :limit OFFSET :offset",
                                    soci::use(who, "who"), soci::use(limit, "limit"), soci::use(offset, "offset"));
    std::vector<ApplicationRow> out;
    for (const auto& r : rows) out.push_back(ToRow(r));
    return out;
  }
  std::vector<ApplicationRow> Worklist(soci::session& s, const WorklistQuery& q) const override {
    std::vector<ApplicationRow> out;
    std::string status = q.status.empty() ? "in_progress" : q.status;
    long long service = q.service_id;
    int limit = q.offset + q.limit;
    // One index range per (role, node), each already in deadline order, merged.
    for (const auto& g : q.grants) {
      soci::rowset<soci::row> rows = (s.prepare << std::string(kColumns) + kWorklistWhere, soci::use(g.role, "role"),
                                      soci::use(g.node_path, "path"), soci::use(status, "status"),
                                      soci::use(service, "service"), soci::use(service, "service2"),
                                      soci::use(q.step, "step"), soci::use(q.step, "step2"), soci::use(limit, "limit"));
      for (const auto& r : rows) out.push_back(ToRow(r));
    }
    std::sort(out.begin(), out.end(), [](const ApplicationRow& a, const ApplicationRow& b) {
      return std::tie(a.step_due_at, a.id) < std::tie(b.step_due_at, b.id);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const ApplicationRow& a, const ApplicationRow& b) { return a.id == b.id; }),
              out.end());
    if (static_cast<int>(out.size()) <= q.offset) return {};
    out.erase(out.begin(), out.begin() + q.offset);
    if (static_cast<int>(out.size()) > q.limit) out.resize(static_cast<std::size_t>(q.limit));
    return out;
  }
  void AddEvent(soci::session& s, const EventRow& e) const override {
    storage::Execute(s, kInsertEvent, e.application_id, e.at, storage::IdOrNull(e.actor_id),
                     storage::IdOrNull(e.office_node_id), e.step, e.action, e.note, e.internal,
                     storage::TextOrNull(e.due_at));
    storage::NoteChange("applications", e.application_id);  // its timeline changed
  }
  std::vector<EventRow> Events(soci::session& s, std::int64_t application_id) const override {
    long long id = application_id;
    soci::rowset<soci::row> rows = (s.prepare << kEvents, soci::use(id, "id"));
    std::vector<EventRow> out;
    for (const auto& r : rows) {
      out.push_back({Int64(r, 0), Int64(r, 1), Text(r, 2), Int64(r, 3), Int64(r, 4), Text(r, 5), Text(r, 6), Text(r, 7),
                     Int64(r, 8) != 0, Text(r, 9)});
    }
    return out;
  }
  std::int64_t AddFile(soci::session& s, const FileRow& f) const override {
    long long app = f.application_id, size = f.size, id = 0;
    s << kInsertFile, soci::use(app, "application"), soci::use(f.field, "field"), soci::use(f.file_name, "name"),
        soci::use(f.kind, "kind"), soci::use(size, "size"), soci::use(f.sha256, "sha"), soci::use(f.created_at, "now"),
        soci::into(id);
    return id;
  }
  std::vector<FileRow> Files(soci::session& s, std::int64_t application_id) const override {
    long long id = application_id;
    soci::rowset<soci::row> rows =
        (s.prepare << std::string(kFileColumns) + "WHERE application_id = :id ORDER BY id", soci::use(id, "id"));
    std::vector<FileRow> out;
    for (const auto& r : rows) out.push_back(ToFile(r));
    return out;
  }
  std::optional<FileRow> File(soci::session& s, std::int64_t file_id) const override {
    long long id = file_id;
    soci::rowset<soci::row> rows = (s.prepare << std::string(kFileColumns) + "WHERE id = :id", soci::use(id, "id"));
    for (const auto& r : rows) return ToFile(r);
    return std::nullopt;
  }
  std::optional<IdempotentAnswer> Idempotent(soci::session& s, const std::string& scope,
                                             const std::string& key) const override {
    return storage::FindIdempotent(s, scope, key);
  }
  void RememberIdempotent(soci::session& s, const std::string& scope, const std::string& key, const IdempotentAnswer& a,
                          const std::string& now) const override {
    storage::RememberIdempotent(s, scope, key, a, now);
  }
};

}  // namespace

std::unique_ptr<ApplicationStore> MakeSqlApplicationStore() { return std::make_unique<SqlApplicationStore>(); }

}  // namespace spbe::applications
