#pragma once
/// Fees as published (the anti-pungli promise): free, a fixed amount, or a formula over the application's form
/// fields, e.g. a billboard tax "luas_m2 * tarif * lama_bulan" where `tarif` is looked up by the kind of billboard,
/// rounded as the published rule says. Arithmetic is exact (fractions of 128-bit integers, never floating point)
/// and the result is whole rupiah. No I/O.

#include <boost/json/fwd.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/result.hpp"

namespace spbe::catalog {

struct Form;

/// A rate looked up by the value of a choice field: "tarif" by "jenis" -> {"billboard": 25000, ...}.
struct FeeTable {
  std::string name;  // the identifier used in the formula
  std::string by;    // the choice field whose value picks the rate
  std::map<std::string, std::int64_t> values;
};

enum class Rounding { kNearest, kUp, kDown };
std::string_view RoundingName(Rounding r);  // "nearest", "up", "down"

/// A parsed formula: + - * / and parentheses over whole or decimal numbers ("1.5"), number fields and tables.
class FeeFormula {
 public:
  struct Node;
  /// Parses `text`; errors name "fee.formula" and say where, in `lang`.
  static Result<FeeFormula> Parse(std::string_view text, std::string_view lang);
  FeeFormula(FeeFormula&&) noexcept;
  FeeFormula& operator=(FeeFormula&&) noexcept;
  FeeFormula(const FeeFormula&);
  FeeFormula& operator=(const FeeFormula&);
  ~FeeFormula();

  const std::string& text() const { return text_; }
  /// The identifiers the formula reads, each once, in order.
  std::vector<std::string> Names() const;

  /// The exact value as a fraction num/den (den > 0), or an error: unknown name, division by zero, overflow.
  /// `value_of` answers a name: a number field's value or a table's rate.
  struct Fraction {
    __int128 num = 0, den = 1;
  };
  Result<Fraction> Evaluate(const std::map<std::string, Fraction>& values, std::string_view lang) const;

 private:
  FeeFormula() = default;
  std::string text_;
  std::unique_ptr<Node> root_;
};

/// Whole rupiah from an exact value: rounded to a multiple of `to` as the rule says (nearest: half up).
std::int64_t RoundRupiah(const FeeFormula::Fraction& v, Rounding rule, std::int64_t to);

}  // namespace spbe::catalog
