#include "interop/metrics.hpp"

#include <fmt/format.h>

#include "platform/metrics.hpp"

namespace spbe::interop {

void CallMetrics::Observe(const std::string& client, const std::string& service, int status, double seconds) {
  std::lock_guard lock(mu_);
  // Bounded: a client or service is a registered address, so the label sets grow only with the directory.
  ++calls_[{client, service, status}];
  auto& h = durations_[service];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::string CallMetrics::Render() const {
  std::lock_guard lock(mu_);
  std::string out;
  out +=
      "# HELP spbe_interop_requests_total Calls through the bus, by client system, service and the status the "
      "client got.\n# TYPE spbe_interop_requests_total counter\n";
  for (const auto& [key, n] : calls_) {
    const auto& [client, service, status] = key;
    out += fmt::format("spbe_interop_requests_total{{client=\"{}\",service=\"{}\",status=\"{}\"}} {}\n",
                       PrometheusLabel(client), PrometheusLabel(service), status, n);
  }
  out +=
      "# HELP spbe_interop_request_duration_seconds Time from the call's arrival to its answer, log written, by "
      "service.\n# TYPE spbe_interop_request_duration_seconds histogram\n";
  for (const auto& [service, h] : durations_) {
    std::string s = PrometheusLabel(service);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("spbe_interop_request_duration_seconds_bucket{{service=\"{}\",le=\"{}\"}} {}\n", s,
                         kBuckets[i], h.buckets[i]);
    }
    out += fmt::format("spbe_interop_request_duration_seconds_bucket{{service=\"{}\",le=\"+Inf\"}} {}\n", s, h.count);
    out += fmt::format("spbe_interop_request_duration_seconds_sum{{service=\"{}\"}} {}\n", s, h.sum);
    out += fmt::format("spbe_interop_request_duration_seconds_count{{service=\"{}\"}} {}\n", s, h.count);
  }
  return out;
}

}  // namespace spbe::interop
