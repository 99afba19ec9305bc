#include "platform/metrics.hpp"

#include <fmt/format.h>

#include <thread>

namespace spbe {

std::string PrometheusLabel(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void Metrics::AddSection(std::function<std::string()> render) {
  std::lock_guard lock(gauges_mu_);
  sections_.push_back(std::move(render));
}

void Metrics::ObserveRequest(const std::string& route, int status, double seconds) {
  Shard& shard = shards_[std::hash<std::thread::id>{}(std::this_thread::get_id()) % kShards];
  std::lock_guard lock(shard.mu);
  auto it = shard.routes.find(std::string_view(route));
  if (it == shard.routes.end()) it = shard.routes.emplace(route, RouteStats{}).first;
  ++it->second.by_status[status];
  auto& h = it->second.duration;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(gauges_mu_);
  gauges_.push_back({std::move(name), std::move(help), "gauge", std::move(read)});
}

void Metrics::AddCounter(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(gauges_mu_);
  gauges_.push_back({std::move(name), std::move(help), "counter", std::move(read)});
}

std::string Metrics::Render() const {
  std::map<std::pair<std::string, int>, std::uint64_t> requests;
  std::map<std::string, Histogram> durations;
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mu);
    for (const auto& [route, stats] : shard.routes) {
      for (const auto& [status, n] : stats.by_status) requests[{route, status}] += n;
      auto& sum = durations[route];
      for (std::size_t i = 0; i < kBuckets.size(); ++i) sum.buckets[i] += stats.duration.buckets[i];
      sum.count += stats.duration.count;
      sum.sum += stats.duration.sum;
    }
  }
  std::string out;
  out += "# HELP spbe_http_requests_total HTTP requests answered, by route pattern and status.\n";
  out += "# TYPE spbe_http_requests_total counter\n";
  for (const auto& [key, n] : requests) {
    out += fmt::format("spbe_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", PrometheusLabel(key.first),
                       key.second, n);
  }
  out += "# HELP spbe_http_request_duration_seconds Time from request read to response ready, by route pattern.\n";
  out += "# TYPE spbe_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : durations) {
    std::string r = PrometheusLabel(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("spbe_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", r, kBuckets[i],
                         h.buckets[i]);
    }
    out += fmt::format("spbe_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", r, h.count);
    out += fmt::format("spbe_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", r, h.sum);
    out += fmt::format("spbe_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", r, h.count);
  }
  std::lock_guard lock(gauges_mu_);
  for (const auto& g : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", g.name, g.help, g.name, g.type, g.name, g.read());
  }
  for (const auto& section : sections_) out += section();
  return out;
}

}  // namespace spbe
