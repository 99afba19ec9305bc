#pragma once
/// Process metrics in the Prometheus text format: request counts by route and status, a latency histogram by
/// route, and gauges read at scrape time (database pool, queues).

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace spbe {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  void ObserveRequest(const std::string& route, int status, double seconds);

  /// A gauge whose value is read when /metrics is scraped.
  void AddGauge(std::string name, std::string help, std::function<double()> read);
  /// A counter kept elsewhere (e.g. by the database), read when /metrics is scraped. Name it *_total.
  void AddCounter(std::string name, std::string help, std::function<double()> read);

  /// Metrics a capability keeps itself (with its own labels), rendered in the text format when /metrics is scraped.
  void AddSection(std::function<std::string()> render);

  std::string Render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name, help, type;
    std::function<double()> read;
  };
  // Requests are counted in shards chosen by thread, so threads rarely wait on each other; /metrics adds them up.
  struct RouteStats {
    std::map<int, std::uint64_t> by_status;
    Histogram duration;
  };
  struct Shard {
    std::mutex mu;
    std::map<std::string, RouteStats, std::less<>> routes;
  };
  static constexpr std::size_t kShards = 16;
  mutable std::array<Shard, kShards> shards_;
  mutable std::mutex gauges_mu_;
  std::vector<Gauge> gauges_;
  std::vector<std::function<std::string()>> sections_;
};

/// A label value escaped as the text format requires (backslash, quote, newline).
std::string PrometheusLabel(const std::string& v);

}  // namespace spbe
