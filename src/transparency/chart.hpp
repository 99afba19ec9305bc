#pragma once
/// Charts drawn on the server as inline SVG (no JavaScript, no image requests): a fixed 360 x 220 drawing that
/// scales to the width available, so it reads on a 360 px phone as on a desktop. Each chart is an image with an
/// accessible name and description; the figures themselves are also in a table beside it. No I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spbe::transparency {

/// A y axis from 0 to a round maximum in steps of 1, 2 or 5 x 10^k (never below 1).
struct Axis {
  double max = 1;
  double step = 1;
};
/// The axis for values up to `highest`, in about `steps` steps; `fixed_max` (100 for shares) when given.
Axis NiceAxis(double highest, int steps = 5, std::optional<double> fixed_max = std::nullopt);

/// The y coordinate of `value` on a plot whose 0 is at `bottom` and whose axis maximum is at `top`.
double ScaleY(double value, const Axis& axis, double top, double bottom);

/// Every how many x labels one is drawn, so that at most `room` are: 1 for 12 months, 2 for 24.
int LabelStride(std::size_t count, int room);

struct Series {
  std::string name;
  std::vector<std::optional<double>> values;  // one per x label; nullopt where there is no figure
  std::string color;                          // "#0b4a8b"
};

enum class ChartKind { kBars, kLines };

struct Chart {
  std::string id;                      // unique on the page (ids of the title and description derive from it)
  std::string title;                   // the accessible name
  std::string description;             // the figures in words (the text alternative)
  std::vector<std::string> labels;     // x axis: "Des"
  std::vector<std::string> sublabels;  // a second line under some labels ("2026" under January), or empty
  std::vector<Series> series;
  ChartKind kind = ChartKind::kBars;
  std::optional<double> fixed_max;  // 100 for percentages and the IKM
  std::string lang = "id";          // number format of the axis
};

inline constexpr int kChartWidth = 360;
inline constexpr int kChartHeight = 220;

/// The chart as an <svg> element with role="img", <title> and <desc>.
std::string RenderSvg(const Chart& chart);

}  // namespace spbe::transparency
