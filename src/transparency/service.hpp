#pragma once
/// The dashboard's figures for a period, per office and per service, and the monthly trend: read only from the
/// per-day read model (stats_*, kept by the Rollup), never from the source rows, so a view costs a few hundred
/// rows per day of the period whatever the number of applications. Public: no actor, no personal data.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "catalog/service.hpp"
#include "org/service.hpp"
#include "platform/clock.hpp"
#include "storage/cache.hpp"
#include "storage/database.hpp"
#include "transparency/model.hpp"
#include "transparency/store.hpp"

namespace spbe::transparency {

struct ServiceFigures {
  std::int64_t service_id = 0;
  std::string name;  // in the language asked for
  std::int64_t node_id = 0;
  std::string office;
  ApplicationFigures applications;
  surveys::Totals ikm;
};

struct OfficeFigures {
  std::int64_t node_id = 0;
  std::string name;
  ApplicationFigures applications;
  surveys::Totals ikm;
  ReportFigures reports;
};

struct MonthFigures {
  std::string month;  // "2026-03"
  ApplicationFigures applications;
  surveys::Totals ikm;
  ReportFigures reports;
};

struct Figures {
  Period period;
  std::vector<OfficeFigures> offices;    // by name
  std::vector<ServiceFigures> services;  // by office, then name
  OfficeFigures total;                   // every office together
  std::vector<MonthFigures> months;      // every month of the period, for every office together
};

class TransparencyService {
 public:
  TransparencyService(storage::Database& db, const TransparencyStore& store, org::OrgService& org,
                      catalog::CatalogService& catalog, Clock clock)
      : db_(db),
        store_(store),
        org_(org),
        catalog_(catalog),
        clock_(std::move(clock)),
        figures_(db.changes(), "stats", 256),
        rendered_(db.changes(), "stats", 256) {}

  /// Today in WIB, for the default period.
  Date Today() const;
  /// The figures of a period per office, per service, in all, and month by month.
  Result<Figures> Of(const Period& period, std::string_view lang);
  /// What `render` makes of the period's figures in `lang` (a page's content), kept like the figures themselves,
  /// until the read model next changes: the public page renders its tables and charts once, not per visitor.
  Result<std::string> Rendered(const Period& period, std::string_view lang,
                               const std::function<std::string(const Figures&)>& render);
  /// Every month of the period, those without figures included. kValidation naming `node_id` for a node that does
  /// not exist.
  Result<std::vector<MonthFigures>> Trend(const Period& period, std::int64_t service_id,
                                          std::optional<std::int64_t> node_id, std::string_view lang);

 private:
  struct Names {
    std::string id, en;
    const std::string& In(std::string_view lang) const { return lang == "en" && !en.empty() ? en : id; }
  };
  Names ServiceName(std::int64_t id);
  Names OfficeName(std::int64_t id);
  void ExpireNames();  // with names_mu_ held

  Figures Compute(const Period& period, const DayTotals& rows, std::string_view lang);

  storage::Database& db_;
  const TransparencyStore& store_;
  org::OrgService& org_;
  catalog::CatalogService& catalog_;
  Clock clock_;
  // Names change rarely; a page lists every office and service, so they are kept a few minutes.
  std::mutex names_mu_;
  std::chrono::steady_clock::time_point names_at_{};
  std::map<std::int64_t, Names> services_, offices_;
  // A period's figures in a language, as Of computed them from the read model, until the rollup next writes the read
  // model (the store notes "stats" 1): /kinerja is the public's busiest page and its figures move every few seconds.
  storage::CommittedCache<Figures> figures_;
  storage::CommittedCache<std::string> rendered_;
  // The latest rendering of each page, served while one request renders the page again after a change.
  struct Latest {
    std::shared_ptr<const std::string> text;
    bool computing = false;
  };
  std::mutex latest_mu_;
  std::unordered_map<std::string, Latest> latest_;
};

}  // namespace spbe::transparency
