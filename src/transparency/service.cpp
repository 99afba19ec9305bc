#include "transparency/service.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "platform/i18n.hpp"

namespace spbe::transparency {
namespace {

constexpr auto kNamesFor = std::chrono::minutes(5);

}  // namespace

Date TransparencyService::Today() const { return LocalDate(clock_(), TimeZone::kWib); }

void TransparencyService::ExpireNames() {
  auto now = std::chrono::steady_clock::now();
  if (now - names_at_ < kNamesFor) return;
  services_.clear();
  offices_.clear();
  names_at_ = now;
}

TransparencyService::Names TransparencyService::ServiceName(std::int64_t id) {
  {
    std::lock_guard lock(names_mu_);
    ExpireNames();
    if (auto it = services_.find(id); it != services_.end()) return it->second;
  }
  Names n;
  if (auto sv = catalog_.Published(std::to_string(id)); sv.ok()) {
    n.id = sv->definition.name.In("id");
    n.en = sv->definition.name.In("en");
  } else {
    // No longer published: its figures stay, under its number.
    n.id = i18n::Tr("id", "transparency_service_numbered", {{"number", fmt::format("{}", id)}});
    n.en = i18n::Tr("en", "transparency_service_numbered", {{"number", fmt::format("{}", id)}});
  }
  std::lock_guard lock(names_mu_);
  return services_[id] = n;
}

TransparencyService::Names TransparencyService::OfficeName(std::int64_t id) {
  {
    std::lock_guard lock(names_mu_);
    ExpireNames();
    if (auto it = offices_.find(id); it != offices_.end()) return it->second;
  }
  Names n;
  if (auto node = org_.Get(id); node.ok()) {
    n.id = node->name;
  } else {
    n.id = i18n::Tr("id", "transparency_office_numbered", {{"number", fmt::format("{}", id)}});
    n.en = i18n::Tr("en", "transparency_office_numbered", {{"number", fmt::format("{}", id)}});
  }
  std::lock_guard lock(names_mu_);
  return offices_[id] = n;
}

namespace {

// Every month of the period, in order, with the rows of those that have any.
std::vector<MonthFigures> Months(const Period& period, std::map<std::string, MonthFigures>& by_month) {
  std::vector<MonthFigures> out;
  for (const auto& month : MonthsOf(period)) {
    MonthFigures m = std::move(by_month[month]);
    m.month = month;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

Result<Figures> TransparencyService::Of(const Period& period, std::string_view lang) {
  std::string key = period.From() + "|" + period.To() + "|" + std::string(lang);
  storage::CommittedCache<Figures>::Ticket ticket;
  if (auto kept = figures_.Find(key, ticket)) return *kept;
  auto rows = db_.Read([&](soci::session& s) { return store_.PeriodRows(s, SplitPeriod(period)); });
  if (!rows.ok()) return rows.error();
  auto out = std::make_shared<Figures>(Compute(period, *rows, lang));
  figures_.Put(key, 1, out, ticket);
  return *out;
}

Result<std::string> TransparencyService::Rendered(const Period& period, std::string_view lang,
                                                  const std::function<std::string(const Figures&)>& render) {
  std::string key = period.From() + "|" + period.To() + "|" + std::string(lang);
  storage::CommittedCache<std::string>::Ticket ticket;  // taken before the figures are read
  if (auto kept = rendered_.Find(key, ticket)) return *kept;
  // One request recomputes; the others meanwhile get the rendering before it. The rollup rewrites the read model
  // every few seconds, and without this every visitor of that moment recomputed the same page from it at once.
  {
    std::lock_guard lock(latest_mu_);
    if (latest_.size() > 256 && !latest_.contains(key)) latest_.clear();
    Latest& l = latest_[key];
    if (l.text && l.computing) return *l.text;
    l.computing = true;
  }
  struct Done {
    TransparencyService* self;
    const std::string& key;
    std::shared_ptr<const std::string> text;
    ~Done() {
      std::lock_guard lock(self->latest_mu_);
      Latest& l = self->latest_[key];
      l.computing = false;
      if (text) l.text = text;
    }
  } done{this, key, nullptr};
  auto figures = Of(period, lang);
  if (!figures.ok()) return figures.error();
  auto text = std::make_shared<const std::string>(render(*figures));
  rendered_.Put(key, 1, text, ticket);
  done.text = text;
  return *text;
}

Figures TransparencyService::Compute(const Period& period, const DayTotals& rows, std::string_view lang) {
  Figures out;
  out.period = period;

  std::map<std::pair<std::int64_t, std::string>, ServiceFigures> services;
  std::map<std::string, OfficeFigures> offices;  // by path
  std::map<std::string, MonthFigures> months;
  auto service = [&](std::int64_t id, const std::string& path) -> ServiceFigures& {
    auto it = services.find({id, path});
    if (it != services.end()) return it->second;
    ServiceFigures f;
    f.service_id = id;
    f.name = ServiceName(id).In(lang);
    f.node_id = NodeIdOfPath(path);
    f.office = OfficeName(f.node_id).In(lang);
    return services.emplace(std::make_pair(id, path), std::move(f)).first->second;
  };
  auto office = [&](const std::string& path) -> OfficeFigures& {
    auto it = offices.find(path);
    if (it != offices.end()) return it->second;
    OfficeFigures f;
    f.node_id = NodeIdOfPath(path);
    f.name = OfficeName(f.node_id).In(lang);
    return offices.emplace(path, std::move(f)).first->second;
  };
  for (const auto& [key, f] : rows.applications) {
    const auto& [month, id, path] = key;
    service(id, path).applications += f;
    office(path).applications += f;
    months[month].applications += f;
    out.total.applications += f;
  }
  for (const auto& [key, t] : rows.ikm) {
    const auto& [month, id, path] = key;
    Merge(service(id, path).ikm, t);
    Merge(office(path).ikm, t);
    Merge(months[month].ikm, t);
    Merge(out.total.ikm, t);
  }
  for (const auto& [key, f] : rows.reports) {
    const auto& [month, id, path] = key;
    office(path).reports += f;
    months[month].reports += f;
    out.total.reports += f;
  }
  for (auto& [key, f] : services) out.services.push_back(std::move(f));
  for (auto& [path, f] : offices) out.offices.push_back(std::move(f));
  std::sort(out.services.begin(), out.services.end(), [](const ServiceFigures& a, const ServiceFigures& b) {
    return std::tie(a.office, a.name, a.service_id) < std::tie(b.office, b.name, b.service_id);
  });
  std::sort(out.offices.begin(), out.offices.end(), [](const OfficeFigures& a, const OfficeFigures& b) {
    return std::tie(a.name, a.node_id) < std::tie(b.name, b.node_id);
  });
  out.months = Months(period, months);
  return out;
}

Result<std::vector<MonthFigures>> TransparencyService::Trend(const Period& period, std::int64_t service_id,
                                                             std::optional<std::int64_t> node_id,
                                                             std::string_view lang) {
  std::string subtree;
  if (node_id) {
    auto node = org_.Get(*node_id);
    if (!node.ok()) {
      return Error::Validation({{"node_id", i18n::Tr(lang, "transparency_office_not_found")}});
    }
    subtree = node->path;
  }
  auto rows = db_.Read([&](soci::session& s) { return store_.PeriodRows(s, SplitPeriod(period)); });
  if (!rows.ok()) return rows.error();
  auto wanted = [&](std::int64_t id, const std::string& path) {
    return (service_id == 0 || id == service_id) && path.compare(0, subtree.size(), subtree) == 0;
  };
  std::map<std::string, MonthFigures> months;
  for (const auto& [key, f] : rows->applications) {
    if (wanted(std::get<1>(key), std::get<2>(key))) months[std::get<0>(key)].applications += f;
  }
  for (const auto& [key, t] : rows->ikm) {
    if (wanted(std::get<1>(key), std::get<2>(key))) Merge(months[std::get<0>(key)].ikm, t);
  }
  // Reports belong to offices, not services: a service's trend has none.
  for (const auto& [key, f] : rows->reports) {
    if (service_id == 0 && wanted(0, std::get<2>(key))) months[std::get<0>(key)].reports += f;
  }
  return Months(period, months);
}

}  // namespace spbe::transparency
