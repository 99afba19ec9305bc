#include <soci/soci.h>

#include <array>

#include "surveys/store.hpp"

namespace spbe::surveys {
namespace {

constexpr const char* kInsert =
    "INSERT INTO survey_responses (application_index, service_id, node_path, day, a1, a2, a3, a4, a5, a6, a7, a8, a9) "
    "VALUES (:key, :service, :path, :day, :a1, :a2, :a3, :a4, :a5, :a6, :a7, :a8, :a9)";
constexpr const char* kExists = "SELECT COUNT(*) FROM survey_responses WHERE application_index = :key";
constexpr const char* kTotals =
    "SELECT COUNT(*), COALESCE(SUM(a1), 0), COALESCE(SUM(a2), 0), COALESCE(SUM(a3), 0), COALESCE(SUM(a4), 0), "
    "COALESCE(SUM(a5), 0), COALESCE(SUM(a6), 0), COALESCE(SUM(a7), 0), COALESCE(SUM(a8), 0), COALESCE(SUM(a9), 0) "
    "FROM survey_responses WHERE (:service = 0 OR service_id = :service2) AND node_path LIKE :path || '%' "
    "AND day >= :from AND day <= :to";

class SqlSurveyStore final : public SurveyStore {
 public:
  bool Answered(soci::session& s, const std::string& key) const override {
    long long n = 0;
    s << kExists, soci::use(key, "key"), soci::into(n);
    return n > 0;
  }

  void Insert(soci::session& s, const std::string& key, std::int64_t service_id, const std::string& node_path,
              const std::string& day, const Answers& a) const override {
    long long service = service_id;
    s << kInsert, soci::use(key, "key"), soci::use(service, "service"), soci::use(node_path, "path"),
        soci::use(day, "day"), soci::use(a[0], "a1"), soci::use(a[1], "a2"), soci::use(a[2], "a3"),
        soci::use(a[3], "a4"), soci::use(a[4], "a5"), soci::use(a[5], "a6"), soci::use(a[6], "a7"),
        soci::use(a[7], "a8"), soci::use(a[8], "a9");
  }

  Totals TotalsOf(soci::session& s, std::int64_t service_id, const std::string& node_path, const std::string& from,
                  const std::string& to) const override {
    long long service = service_id;
    Totals t;
    // Aggregates read into long long (SQLite's rows do not say what type an aggregate holds).
    std::array<long long, kElements + 1> v{};
    s << kTotals, soci::use(service, "service"), soci::use(service, "service2"), soci::use(node_path, "path"),
        soci::use(from, "from"), soci::use(to, "to"), soci::into(v[0]), soci::into(v[1]), soci::into(v[2]),
        soci::into(v[3]), soci::into(v[4]), soci::into(v[5]), soci::into(v[6]), soci::into(v[7]), soci::into(v[8]),
        soci::into(v[9]);
    t.respondents = v[0];
    for (int i = 0; i < kElements; ++i) t.sums[static_cast<std::size_t>(i)] = v[static_cast<std::size_t>(i) + 1];
    return t;
  }
};

}  // namespace

std::unique_ptr<SurveyStore> MakeSqlSurveyStore() { return std::make_unique<SqlSurveyStore>(); }

}  // namespace spbe::surveys
