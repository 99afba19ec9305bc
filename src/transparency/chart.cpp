#include "transparency/chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "platform/templates.hpp"
#include "transparency/model.hpp"

namespace spbe::transparency {
namespace {

// The plot inside the 360 x 220 drawing: room for the legend above, the values on the left, the months below.
constexpr double kLeft = 46, kRight = 352, kTop = 34, kBottom = 176;
constexpr const char* kFont = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
constexpr const char* kInk = "#1b1f24";
constexpr const char* kMuted = "#4a5560";
constexpr const char* kGrid = "#d5dbe3";

std::string Number(double v, std::string_view lang) {
  if (std::abs(v - std::round(v)) < 1e-9) return FormatCount(static_cast<std::int64_t>(std::llround(v)), lang);
  return FormatTenths(static_cast<std::int64_t>(std::llround(v * 10)), lang);
}

std::string Px(double v) { return fmt::format("{:.1f}", v); }

}  // namespace

Axis NiceAxis(double highest, int steps, std::optional<double> fixed_max) {
  steps = std::max(1, steps);
  if (fixed_max && *fixed_max > 0) {
    double raw = *fixed_max / steps;
    double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double norm = raw / mag;
    double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
    return {*fixed_max, std::max(1.0, nice * mag)};
  }
  highest = std::max(highest, 1.0);
  double raw = highest / steps;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double norm = raw / mag;
  double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  double step = std::max(1.0, nice * mag);
  return {step * std::ceil(highest / step - 1e-9), step};
}

double ScaleY(double value, const Axis& axis, double top, double bottom) {
  double v = std::clamp(value, 0.0, axis.max);
  return bottom - (bottom - top) * (v / axis.max);
}

int LabelStride(std::size_t count, int room) {
  room = std::max(1, room);
  return std::max(1, static_cast<int>((count + static_cast<std::size_t>(room) - 1) / static_cast<std::size_t>(room)));
}

std::string RenderSvg(const Chart& c) {
  double highest = 0;
  for (const auto& s : c.series) {
    for (const auto& v : s.values) {
      if (v) highest = std::max(highest, *v);
    }
  }
  Axis axis = NiceAxis(highest, 5, c.fixed_max);
  std::string id = EscapeMarkup(c.id);
  std::string out =
      fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" )"
                  R"(aria-labelledby="{}-title {}-desc" font-family="{}" font-size="12">)",
                  kChartWidth, kChartHeight, kChartWidth, kChartHeight, id, id, kFont);
  out += fmt::format(R"(<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>)", id, EscapeMarkup(c.title), id,
                     EscapeMarkup(c.description));
  out += fmt::format(R"(<rect x="0" y="0" width="{}" height="{}" fill="#fff"/>)", kChartWidth, kChartHeight);

  // Legend: a swatch and the series' name, left to right.
  double x = kLeft;
  for (const auto& s : c.series) {
    out += fmt::format(R"(<rect x="{}" y="8" width="12" height="12" rx="2" fill="{}"/>)", Px(x), s.color);
    out += fmt::format(R"(<text x="{}" y="18" fill="{}">{}</text>)", Px(x + 16), kInk, EscapeMarkup(s.name));
    x += 16 + 6.8 * static_cast<double>(s.name.size()) + 14;
  }

  // Grid lines with their values.
  for (double v = 0; v <= axis.max + 1e-9; v += axis.step) {
    double y = ScaleY(v, axis, kTop, kBottom);
    out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>)", Px(kLeft), Px(y),
                       Px(kRight), Px(y), v == 0 ? kMuted : kGrid);
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>)", Px(kLeft - 5), Px(y + 4), kMuted,
                       Number(v, c.lang));
  }

  std::size_t n = c.labels.size();
  if (n == 0) return out + "</svg>";
  double group = (kRight - kLeft) / static_cast<double>(n);
  auto center = [&](std::size_t i) { return kLeft + group * (static_cast<double>(i) + 0.5); };

  if (c.kind == ChartKind::kBars) {
    std::size_t k = std::max<std::size_t>(1, c.series.size());
    double bar = group * 0.8 / static_cast<double>(k);
    for (std::size_t si = 0; si < c.series.size(); ++si) {
      const auto& s = c.series[si];
      for (std::size_t i = 0; i < n && i < s.values.size(); ++i) {
        if (!s.values[i] || *s.values[i] <= 0) continue;
        double y = ScaleY(*s.values[i], axis, kTop, kBottom);
        double bx = kLeft + group * static_cast<double>(i) + group * 0.1 + bar * static_cast<double>(si);
        out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>)", Px(bx), Px(y),
                           Px(std::max(1.0, bar - 0.5)), Px(kBottom - y), s.color);
      }
    }
  } else {
    for (const auto& s : c.series) {
      // One polyline per run of months that have a figure; a dot on each.
      std::string points;
      auto flush = [&] {
        if (points.find(' ') != std::string::npos) {
          out += fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>)", points, s.color);
        }
        points.clear();
      };
      for (std::size_t i = 0; i < n; ++i) {
        if (i >= s.values.size() || !s.values[i]) {
          flush();
          continue;
        }
        double y = ScaleY(*s.values[i], axis, kTop, kBottom);
        if (!points.empty()) points += ' ';
        points += Px(center(i)) + "," + Px(y);
        out += fmt::format(R"(<circle cx="{}" cy="{}" r="2.5" fill="{}"/>)", Px(center(i)), Px(y), s.color);
      }
      flush();
    }
  }

  // Month labels, thinned so they never overlap ("Agu" at 11 units needs about 24).
  int stride = LabelStride(n, static_cast<int>((kRight - kLeft) / 24));
  for (std::size_t i = 0; i < n; i += static_cast<std::size_t>(stride)) {
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>)", Px(center(i)),
                       Px(kBottom + 16), kInk, EscapeMarkup(c.labels[i]));
  }
  for (std::size_t i = 0; i < n && i < c.sublabels.size(); ++i) {
    if (c.sublabels[i].empty()) continue;
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle" fill="{}">{}</text>)", Px(center(i)),
                       Px(kBottom + 30), kMuted, EscapeMarkup(c.sublabels[i]));
  }
  return out + "</svg>";
}

}  // namespace spbe::transparency
