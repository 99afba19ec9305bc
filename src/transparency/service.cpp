#include "transparency/service.hpp"

#include <fmt/format.h>

#include <algorithm>

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
    n.id = fmt::format("Layanan {}", id);
    n.en = fmt::format("Service {}", id);
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
    n.id = fmt::format("Simpul {}", id);
    n.en = fmt::format("Node {}", id);
  }
  std::lock_guard lock(names_mu_);
  return offices_[id] = n;
}

Result<Figures> TransparencyService::Of(const Period& period, std::string_view lang) {
  std::string from = period.From(), to = period.To();
  auto sums = db_.Read([&](soci::session& s) { return store_.SumsByService(s, from, to); });
  if (!sums.ok()) return sums.error();
  Figures out;
  out.period = period;

  std::map<std::pair<std::int64_t, std::string>, ServiceFigures> services;
  std::map<std::string, OfficeFigures> offices;  // by path
  auto service = [&](const std::pair<std::int64_t, std::string>& key) -> ServiceFigures& {
    auto it = services.find(key);
    if (it != services.end()) return it->second;
    ServiceFigures f;
    f.service_id = key.first;
    f.name = ServiceName(key.first).In(lang);
    f.node_id = NodeIdOfPath(key.second);
    f.office = OfficeName(f.node_id).In(lang);
    return services.emplace(key, std::move(f)).first->second;
  };
  auto office = [&](const std::string& path) -> OfficeFigures& {
    auto it = offices.find(path);
    if (it != offices.end()) return it->second;
    OfficeFigures f;
    f.node_id = NodeIdOfPath(path);
    f.name = OfficeName(f.node_id).In(lang);
    return offices.emplace(path, std::move(f)).first->second;
  };
  for (const auto& [key, f] : sums->applications) {
    service(key).applications += f;
    office(key.second).applications += f;
    out.total.applications += f;
  }
  for (const auto& [key, t] : sums->ikm) {
    Merge(service(key).ikm, t);
    Merge(office(key.second).ikm, t);
    Merge(out.total.ikm, t);
  }
  for (const auto& [path, f] : sums->reports) {
    office(path).reports += f;
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
  return out;
}

Result<std::vector<MonthFigures>> TransparencyService::Trend(const Period& period, std::int64_t service_id,
                                                             std::optional<std::int64_t> node_id,
                                                             std::string_view lang) {
  TrendFilter filter{service_id, ""};
  if (node_id) {
    auto node = org_.Get(*node_id);
    if (!node.ok()) {
      return Error::Validation({{"node_id", lang == "en" ? "no such office" : "kantor tidak ditemukan"}});
    }
    filter.node_path = node->path;
  }
  std::string from = period.From(), to = period.To();
  auto sums = db_.Read([&](soci::session& s) { return store_.SumsByMonth(s, from, to, filter); });
  if (!sums.ok()) return sums.error();
  std::vector<MonthFigures> out;
  for (const auto& month : MonthsOf(period)) {
    MonthFigures m;
    m.month = month;
    if (auto it = sums->applications.find(month); it != sums->applications.end()) m.applications = it->second;
    if (auto it = sums->ikm.find(month); it != sums->ikm.end()) m.ikm = it->second;
    if (auto it = sums->reports.find(month); it != sums->reports.end()) m.reports = it->second;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace spbe::transparency
