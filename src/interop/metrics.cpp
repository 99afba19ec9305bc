#include "interop/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "platform/metrics.hpp"

namespace spbe::interop {

void CallMetrics::Observe(const std::string& client, const std::string& service, int status, double seconds) {
  std::lock_guard lock(mu_);
  // Bounded: a client or service is a registered address, so the label sets grow only with the directory.
  // A provider may answer any status: those the bus does not know are counted by class, so labels stay few.
  static const int kKnown[] = {200, 201, 202, 204, 400, 401, 403, 404, 409, 413, 422, 429, 500, 502, 503, 504};
  if (std::find(std::begin(kKnown), std::end(kKnown), status) == std::end(kKnown)) {
    status = status >= 100 && status < 600 ? status / 100 * 100 + 99 : 0;  // 299, 499 ...: "other 2xx, 4xx"
  }
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
