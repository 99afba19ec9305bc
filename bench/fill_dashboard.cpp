// Fills a seeded demo database with the history the dashboard benchmark needs: many services (copies of the demo's,
// spread over its offices), applications filed over the past months in every state (most decided, some late, the
// newest still open), IKM answers for most completed files, and reports from the public in every state. Rows are
// written straight into the source tables with multi-row INSERTs, ten thousand per unit of work: a million
// applications take tens of seconds, not the hours filing them through the API would.
//
//   fill_dashboard --data-dir DIR [--database postgresql://...] [--applications N] [--reports N] [--services N]
//                  [--months N]
//   fill_dashboard --data-dir DIR [--database ...] --decide N
//       decides the N newest applications still in progress and answers N/5 open reports, now, as officers would
//       between two passes of the rollup (to time an incremental pass: `spbe stats rollup`)
#include <fmt/format.h>
#include <soci/soci.h>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <random>

#include "app/app.hpp"
#include "platform/clock.hpp"
#include "platform/config.hpp"
#include "platform/pii.hpp"
#include "storage/rows.hpp"

namespace {

using namespace spbe;
using std::chrono::hours;
using std::chrono::seconds;

struct Service {
  long long id = 0, version_id = 0;
  std::string node_path;
  int time_limit_days = 5;
};

struct Office {
  long long id = 0;
  std::string path;
};

constexpr int kRowsPerStatement = 500;
constexpr int kRowsPerUnit = 10000;

// Writes rows with multi-row INSERTs: `values(i)` gives row i's "(...)" tuple, built from numbers and fixed words only.
template <typename Values>
Status Insert(storage::Database& db, const char* head, long long count, Values values) {
  for (long long done = 0; done < count; done += kRowsPerUnit) {
    long long end = std::min(count, done + kRowsPerUnit);
    Status st = db.Write([&](soci::session& s) -> Status {
      for (long long at = done; at < end; at += kRowsPerStatement) {
        std::string sql = head;
        for (long long i = at; i < std::min(end, at + kRowsPerStatement); ++i) {
          std::string row = values(i);
          if (row.empty()) continue;
          if (sql.back() == ')') sql += ',';
          sql += row;
        }
        if (sql.back() == ')') s << sql;
      }
      return Ok{};
    });
    if (!st.ok()) return st;
  }
  return Ok{};
}

std::string Quote(const std::string& s) { return s.empty() ? "NULL" : "'" + s + "'"; }

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"fill_dashboard: applications, IKM answers and reports for the dashboard benchmark"};
  Config config;
  long long applications = 1000000, reports = 200000;
  int services_wanted = 60, months = 24;
  long long decide = 0;
  cli.add_option("--data-dir", config.data_dir, "data directory (keys, SQLite file)")->required();
  cli.add_option("--database", config.database_url, "postgresql://... (default: SQLite in the data directory)");
  cli.add_option("--applications", applications, "applications to add")->capture_default_str();
  cli.add_option("--reports", reports, "reports to add")->capture_default_str();
  cli.add_option("--services", services_wanted, "published services in all (the demo's, then copies)")
      ->capture_default_str();
  cli.add_option("--months", months, "how far back the history goes")->capture_default_str();
  cli.add_option("--decide", decide,
                 "only decide this many open applications now (and answer a fifth as many reports)");
  CLI11_PARSE(cli, argc, argv);

  auto opened = app::OpenDatabase(config);
  if (!opened.ok()) return std::fprintf(stderr, "%s\n", opened.error().detail.c_str()), 1;
  storage::Database& db = **opened;
  auto vault = PiiVault::OpenOrCreate(config.data_dir + "/keys/pii.key");
  if (!vault.ok()) return std::fprintf(stderr, "%s\n", vault.error().detail.c_str()), 1;
  auto started = std::chrono::steady_clock::now();
  auto now = std::chrono::floor<seconds>(std::chrono::system_clock::now());
  std::string now_text = FormatUtc(now);

  if (decide > 0) {
    long long reports_to_answer = decide / 5;
    Status st = db.Write([&](soci::session& s) -> Status {
      s << "UPDATE applications SET status = 'completed', closed_at = :now, updated_at = :now2 WHERE id IN (SELECT id "
           "FROM applications WHERE status = 'in_progress' ORDER BY submitted_at DESC LIMIT :n)",
          soci::use(now_text, "now"), soci::use(now_text, "now2"), soci::use(decide, "n");
      s << "UPDATE reports SET status = 'answered', answered_at = :now, updated_at = :now2 WHERE id IN (SELECT id "
           "FROM reports WHERE status = 'disposed' ORDER BY created_at DESC LIMIT :n)",
          soci::use(now_text, "now"), soci::use(now_text, "now2"), soci::use(reports_to_answer, "n");
      return Ok{};
    });
    if (!st.ok()) return std::fprintf(stderr, "decide: %s\n", st.error().detail.c_str()), 1;
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("decided %lld applications and answered %lld reports in %.1f s\n", decide, reports_to_answer, secs);
    return 0;
  }

  // What the demo seeded: offices, its services, an applicant, the desk (the kabupaten).
  std::vector<Office> offices;
  std::vector<Service> services;
  long long applicant = 0;
  Office desk;
  Status read = db.WithConnection([&](soci::session& s) {
    soci::rowset<soci::row> nodes =
        (s.prepare << "SELECT id, path, kind FROM org_nodes WHERE kind IN ('perangkat_daerah', 'kelurahan_desa', "
                      "'kecamatan', 'kabupaten_kota') ORDER BY id");
    for (const auto& r : nodes) {
      Office o{storage::Int64(r, 0), r.get<std::string>(1)};
      if (r.get<std::string>(2) == "kabupaten_kota") {
        if (desk.id == 0) desk = o;
      } else {
        offices.push_back(o);
      }
    }
    soci::rowset<soci::row> rows =
        (s.prepare << "SELECT s.id, v.id, n.path, v.time_limit_days FROM services s JOIN service_versions v ON "
                      "v.id = s.published_version_id JOIN org_nodes n ON n.id = s.node_id ORDER BY s.id");
    for (const auto& r : rows) {
      services.push_back(
          {storage::Int64(r, 0), storage::Int64(r, 1), r.get<std::string>(2), static_cast<int>(storage::Int64(r, 3))});
    }
    s << "SELECT id FROM accounts WHERE email = 'warga1@demo.id'", soci::into(applicant);
  });
  if (!read.ok() || services.empty() || offices.empty() || applicant == 0 || desk.id == 0) {
    return std::fprintf(stderr, "seed the demo first (spbe seed-demo)\n"), 1;
  }

  // Copies of the demo's services, published, over every office, until there are --services of them.
  std::size_t demo_services = services.size();
  for (int copy = 1; static_cast<int>(services.size()) < services_wanted; ++copy) {
    const Service& source = services[static_cast<std::size_t>(copy) % demo_services];
    const Office& office = offices[static_cast<std::size_t>(copy) % offices.size()];
    auto made = db.WriteReturning<Service>([&](soci::session& s) -> Result<Service> {
      std::string name, name_en, definition;
      s << "SELECT name, name_en, definition FROM service_versions WHERE id = :id", soci::use(source.version_id, "id"),
          soci::into(name), soci::into(name_en), soci::into(definition);
      name = fmt::format("{} (uji beban {:03})", name, copy);
      name_en = fmt::format("{} (load test {:03})", name_en, copy);
      auto def = boost::json::parse(definition).as_object();
      def["name"] = {{"id", name}, {"en", name_en}};
      definition = boost::json::serialize(def);
      std::string slug = fmt::format("uji-beban-{:03}", copy);
      long long id = 0, version = 0;
      s << "INSERT INTO services (node_id, slug, created_at) VALUES (:node, :slug, :now) RETURNING id",
          soci::use(office.id, "node"), soci::use(slug, "slug"), soci::use(now_text, "now"), soci::into(id);
      s << "INSERT INTO service_versions (service_id, version, status, name, name_en, life_events, time_limit_days, "
           "definition, search_text, created_at, published_at) SELECT :id, 1, 'published', :name, :name_en, "
           "life_events, time_limit_days, :definition, search_text, :now, :now2 FROM service_versions WHERE id = :src "
           "RETURNING id",
          soci::use(id, "id"), soci::use(name, "name"), soci::use(name_en, "name_en"),
          soci::use(definition, "definition"), soci::use(now_text, "now"), soci::use(now_text, "now2"),
          soci::use(source.version_id, "src"), soci::into(version);
      s << "UPDATE services SET published_version_id = :v WHERE id = :id", soci::use(version, "v"), soci::use(id, "id");
      return Service{id, version, office.path, source.time_limit_days};
    });
    if (!made.ok()) return std::fprintf(stderr, "service copy: %s\n", made.error().detail.c_str()), 1;
    services.push_back(*made);
  }

  // Applications: filed uniformly over the months; decided after a few working days (a tail of slow ones), most by
  // their limit; the newest still open, and a few old ones stuck.
  std::mt19937_64 rng(2026);
  auto uniform = [&](long long n) { return static_cast<long long>(rng() % static_cast<unsigned long long>(n)); };
  long long span = static_cast<long long>(months) * 30 * 24 * 3600;
  std::string sealed = vault->Seal(R"({"nama_lengkap": "Pemohon Uji Beban", "nik": "1210015203880002"})");
  struct Decided {
    long long service;
    std::string closed;
  };
  std::vector<Decided> completed;  // for the answers
  completed.reserve(static_cast<std::size_t>(applications));
  Status st = Insert(
      db,
      "INSERT INTO applications (tracking_number, access_code_hash, service_id, version_id, node_path, applicant_id, "
      "status, data_sealed, created_at, updated_at, submitted_at, due_at, closed_at) VALUES ",
      applications, [&](long long i) {
        const Service& sv = services[static_cast<std::size_t>(uniform(static_cast<long long>(services.size())))];
        auto submitted = now - seconds(uniform(span));
        // Working days to a decision: most within the week, a long tail; calendar days roughly 7/5 of them.
        long long roll = uniform(100);
        long long working = roll < 10 ? 0 : roll < 60 ? 1 + uniform(5) : roll < 88 ? 5 + uniform(8) : 12 + uniform(30);
        auto closed = submitted + hours(working * 24 * 7 / 5) + seconds(uniform(8 * 3600));
        auto due = submitted + hours(static_cast<long long>(sv.time_limit_days) * 24 * 7 / 5 + 24);
        std::string status = "in_progress";
        if (closed <= now && uniform(100) >= 2) status = uniform(100) < 92 ? "completed" : "rejected";
        std::string closed_text = status == "in_progress" ? "" : FormatUtc(closed);
        if (status == "completed") completed.push_back({sv.id, closed_text});
        std::string submitted_text = FormatUtc(submitted);
        return fmt::format("('B{:011}', 'bench', {}, {}, '{}', {}, '{}', '{}', '{}', '{}', '{}', '{}', {})", i, sv.id,
                           sv.version_id, sv.node_path, applicant, status, sealed, submitted_text,
                           closed_text.empty() ? submitted_text : closed_text, submitted_text, FormatUtc(due),
                           Quote(closed_text));
      });
  if (!st.ok()) return std::fprintf(stderr, "applications: %s\n", st.error().detail.c_str()), 1;

  // IKM: about two in three completed files were rated, a day or two after completion.
  long long answers = 0;
  std::map<long long, std::string> path_of;
  for (const auto& sv : services) path_of[sv.id] = sv.node_path;
  st = Insert(db,
              "INSERT INTO survey_responses (application_index, service_id, node_path, day, a1, a2, a3, a4, a5, a6, "
              "a7, a8, a9) VALUES ",
              static_cast<long long>(completed.size()), [&](long long i) -> std::string {
                if (uniform(3) == 0) return "";
                const auto& c = completed[static_cast<std::size_t>(i)];
                auto day = *ParseUtc(c.closed) + hours(uniform(48));
                if (day > now) day = now;
                std::string a;
                for (int e = 0; e < 9; ++e) {
                  long long roll = uniform(100);
                  a += fmt::format(", {}", roll < 3 ? 1 : roll < 12 ? 2 : roll < 45 ? 3 : 4);
                }
                ++answers;
                return fmt::format("('bench-{}', {}, '{}', '{}'{})", i, c.service, path_of[c.service],
                                   FormatUtc(day).substr(0, 10), a);
              });
  if (!st.ok()) return std::fprintf(stderr, "answers: %s\n", st.error().detail.c_str()), 1;

  // Reports: verified within a few days and sent to an office, most answered (some late) and closed; some still
  // with the desk, declined, or waiting.
  const char* kinds[] = {"pengaduan", "aspirasi", "informasi"};
  const char* categories[] = {"infrastruktur", "kesehatan", "pendidikan", "kependudukan", "perizinan",
                              "lingkungan",    "sosial",    "pungli",     "lainnya"};
  st = Insert(
      db,
      "INSERT INTO reports (tracking_number, access_code_hash, kind, identity, category, status, title, body, "
      "node_id, node_path, created_at, updated_at, verify_due_at, verified_at, response_due_at, first_response_at, "
      "due_at, answered_at, closed_at) VALUES ",
      reports, [&](long long i) {
        auto created = now - seconds(uniform(span));
        auto verified = created + hours(2 + uniform(70));
        auto first = verified + hours(4 + uniform(24 * 6));
        auto answered = first + hours(uniform(24 * 20));
        auto closed = answered + hours(24 + uniform(24 * 7));
        long long roll = uniform(100);
        std::string status = roll < 3    ? "submitted"
                             : roll < 6  ? "declined"
                             : roll < 13 ? "disposed"
                             : roll < 17 ? "waiting_reporter"
                             : roll < 30 ? "answered"
                                         : "closed";
        // Where a report of the last days has got to by now.
        if (verified > now) status = "submitted";
        if (status != "submitted" && status != "declined" && first > now) status = "disposed";
        if ((status == "answered" || status == "closed") && answered > now) status = "waiting_reporter";
        if (status == "closed" && closed > now) status = "answered";
        bool at_desk = status == "submitted" || status == "declined";
        const Office& o =
            at_desk ? desk : offices[static_cast<std::size_t>(uniform(static_cast<long long>(offices.size())))];
        std::string v = at_desk ? "" : FormatUtc(verified);
        std::string f = at_desk || status == "disposed" ? "" : FormatUtc(first);
        std::string a = status == "answered" || status == "closed" ? FormatUtc(answered) : "";
        std::string c = status == "closed" ? FormatUtc(closed) : status == "declined" ? FormatUtc(verified) : "";
        std::string updated = !c.empty() ? c : !a.empty() ? a : !f.empty() ? f : !v.empty() ? v : FormatUtc(created);
        return fmt::format(
            "('R{:011}', 'bench', '{}', 'anonymous', '{}', '{}', 'Laporan uji beban', 'Isi laporan uji beban', {}, "
            "'{}', '{}', '{}', '{}', {}, {}, {}, {}, {}, {})",
            i, kinds[uniform(3)], categories[uniform(9)], status, o.id, o.path, FormatUtc(created), updated,
            FormatUtc(created + hours(24 * 4)), Quote(v), Quote(at_desk ? "" : FormatUtc(verified + hours(24 * 4))),
            Quote(f), Quote(at_desk ? "" : FormatUtc(created + hours(24 * 19))), Quote(a), Quote(c));
      });
  if (!st.ok()) return std::fprintf(stderr, "reports: %s\n", st.error().detail.c_str()), 1;

  // What autovacuum would do soon after a bulk load: fresh statistics for the planner.
  (void)db.Write([](soci::session& s) -> Status {
    s << "ANALYZE";
    return Ok{};
  });
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("filled %zu services, %lld applications, %lld IKM answers and %lld reports over %d months in %.1f s\n",
              services.size(), applications, answers, reports, months, secs);
  return 0;
}
