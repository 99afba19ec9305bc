#pragma once
/// The gateway's figures for /metrics: calls by client, service and the status the client got
/// (spbe_interop_requests_total) and the time the bus took, by service (spbe_interop_request_duration_seconds).

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace spbe::interop {

class CallMetrics {
 public:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5};
  void Observe(const std::string& client, const std::string& service, int status, double seconds);
  std::string Render() const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> calls_;
  std::map<std::string, Histogram> durations_;
};

}  // namespace spbe::interop
