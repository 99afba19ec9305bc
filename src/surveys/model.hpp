#pragma once
/// The satisfaction index (Indeks Kepuasan Masyarakat, PermenPANRB 14/2017; ../shared/reference/ikm.md): nine
/// elements answered 1 to 4; NRR per element = its sum / respondents; IKM = the sum of NRR x 1/9, x 25. The weight
/// 1/9 is kept exact (integer arithmetic on the totals), and only the final converted value is rounded, to two
/// decimals, half up. No I/O.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace spbe::surveys {

inline constexpr int kElements = 9;
using Answers = std::array<int, kElements>;

/// The element keys, in the regulation's order: persyaratan, prosedur, waktu, biaya, produk, kompetensi,
/// perilaku, pengaduan, sarana.
const std::array<std::string_view, kElements>& ElementKeys();

/// The elements' names as the regulation writes them ("Persyaratan", "Sistem, mekanisme, dan prosedur", ...).
const std::array<std::string_view, kElements>& ElementNames();

/// Nine integers 1-4, in order; field errors name "answers[i]", in `lang`.
Result<Answers> ParseAnswers(const std::vector<long long>& values, std::string_view lang);

/// What has been answered: per element, the sum of its scores; and how many respondents.
struct Totals {
  std::array<std::int64_t, kElements> sums{};
  std::int64_t respondents = 0;
  void Add(const Answers& a);
};

struct Index {
  std::int64_t respondents = 0;
  std::array<double, kElements> nrr{};    // per element, for officers to see what to fix (display only)
  std::int64_t converted_hundredths = 0;  // 9148 for 91.48, rounded half up from the exact value
  char grade = 'D';                       // A, B, C, D
  std::string_view performance;           // "Sangat Baik", "Baik", "Kurang Baik", "Tidak Baik"
  std::string Converted() const;          // "91.48"
};

/// The index of the totals; nullopt when nobody answered.
std::optional<Index> Compute(const Totals& t);

/// The grade of a rounded converted value (hundredths): >= 88.31 A, >= 76.61 B, >= 65.00 C, else D.
char GradeOf(std::int64_t converted_hundredths);
std::string_view PerformanceOf(char grade);

/// Krejcie-Morgan's recommended sample for a population of N (X² = 3.841, P = 0.5, d = 0.05), rounded to the
/// nearest whole number: 44 for 50. Guidance only (the reference marks the requirement unconfirmed).
std::int64_t RecommendedSample(std::int64_t population);

}  // namespace spbe::surveys
