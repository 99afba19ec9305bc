#include "surveys/model.hpp"

#include <fmt/format.h>

#include <cmath>

#include "platform/i18n.hpp"

namespace spbe::surveys {

const std::array<std::string_view, kElements>& ElementKeys() {
  static const std::array<std::string_view, kElements> keys = {
      "persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana"};
  return keys;
}

const std::array<std::string_view, kElements>& ElementNames() {
  static const std::array<std::string_view, kElements> names = {
      "Persyaratan",        "Sistem, mekanisme, dan prosedur",          "Waktu penyelesaian",
      "Biaya/tarif",        "Produk spesifikasi jenis pelayanan",       "Kompetensi pelaksana",
      "Perilaku pelaksana", "Penanganan pengaduan, saran, dan masukan", "Sarana dan prasarana"};
  return names;
}

Result<Answers> ParseAnswers(const std::vector<long long>& values, std::string_view lang) {
  if (values.size() != kElements) {
    return Error::Validation({{"answers", i18n::Tr(lang, "surveys_answers_nine")}});
  }
  Answers a{};
  std::vector<FieldError> errors;
  for (int i = 0; i < kElements; ++i) {
    long long v = values[static_cast<std::size_t>(i)];
    if (v < 1 || v > 4) {
      errors.push_back({fmt::format("answers[{}]", i), i18n::Tr(lang, "surveys_answer_range")});
    } else {
      a[static_cast<std::size_t>(i)] = static_cast<int>(v);
    }
  }
  if (!errors.empty()) return Error::Validation(std::move(errors));
  return a;
}

void Totals::Add(const Answers& a) {
  for (int i = 0; i < kElements; ++i) sums[static_cast<std::size_t>(i)] += a[static_cast<std::size_t>(i)];
  ++respondents;
}

std::string Index::Converted() const {
  return fmt::format("{}.{:02}", converted_hundredths / 100, converted_hundredths % 100);
}

char GradeOf(std::int64_t h) {
  if (h >= 8831) return 'A';
  if (h >= 7661) return 'B';
  if (h >= 6500) return 'C';
  return 'D';
}

std::string_view PerformanceOf(char grade) {
  switch (grade) {
    case 'A':
      return "Sangat Baik";
    case 'B':
      return "Baik";
    case 'C':
      return "Kurang Baik";
    default:
      return "Tidak Baik";
  }
}

std::optional<Index> Compute(const Totals& t) {
  if (t.respondents <= 0) return std::nullopt;
  Index out;
  out.respondents = t.respondents;
  std::int64_t total = 0;
  for (int i = 0; i < kElements; ++i) {
    total += t.sums[static_cast<std::size_t>(i)];
    out.nrr[static_cast<std::size_t>(i)] =
        static_cast<double>(t.sums[static_cast<std::size_t>(i)]) / static_cast<double>(t.respondents);
  }
  // IKM x 100 = sum(NRR) / 9 x 25 x 100 = 2500 x total / (9 x respondents), exactly; rounded half up once.
  __int128 num = static_cast<__int128>(2500) * total;
  __int128 den = static_cast<__int128>(9) * t.respondents;
  out.converted_hundredths = static_cast<std::int64_t>((2 * num + den) / (2 * den));
  out.grade = GradeOf(out.converted_hundredths);
  out.performance = PerformanceOf(out.grade);
  return out;
}

std::int64_t RecommendedSample(std::int64_t population) {
  if (population <= 0) return 0;
  const double x2 = 3.841, p = 0.5, d = 0.05;
  double n = static_cast<double>(population);
  double s = x2 * n * p * (1 - p) / (d * d * (n - 1) + x2 * p * (1 - p));
  return static_cast<std::int64_t>(std::llround(s));
}

}  // namespace spbe::surveys
