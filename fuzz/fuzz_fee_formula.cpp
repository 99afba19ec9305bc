// The fee formula an agency admin types (fee.formula): parsed, evaluated with its names set, rounded.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "catalog/fee.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  auto f = spbe::catalog::FeeFormula::Parse(input, "en");
  if (!f.ok()) return 0;
  std::map<std::string, spbe::catalog::FeeFormula::Fraction> values;
  __int128 seed = data[0];
  for (const auto& name : f->Names()) values[name] = {seed * 1000 - 3, (seed % 7) + 1};
  auto v = f->Evaluate(values, "id");
  if (v.ok()) {
    for (auto r : {spbe::catalog::Rounding::kNearest, spbe::catalog::Rounding::kUp, spbe::catalog::Rounding::kDown}) {
      for (std::int64_t to : {1, 100, 1000}) (void)spbe::catalog::RoundRupiah(*v, r, to);
    }
  }
  spbe::catalog::FeeFormula copy = *f;
  (void)copy.text();
  return 0;
}
