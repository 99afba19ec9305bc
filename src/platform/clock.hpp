#pragma once
/// The current time, injected so tests control it; timestamps stored as RFC 3339 UTC text ("2026-11-22T10:00:00Z"),
/// which sorts in time order on both engines.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace spbe {

using TimePoint = std::chrono::system_clock::time_point;
using Clock = std::function<TimePoint()>;

inline Clock SystemClock() {
  return [] { return std::chrono::system_clock::now(); };
}

/// "2026-11-22T10:00:00Z" (seconds precision).
std::string FormatUtc(TimePoint t);
/// Parses FormatUtc's output; nullopt for anything else.
std::optional<TimePoint> ParseUtc(std::string_view text);

}  // namespace spbe
