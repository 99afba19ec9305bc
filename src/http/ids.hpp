#pragma once
/// Numbers typed in a path, a query or a form.

#include <cstdint>
#include <string_view>

namespace spbe::http {

/// A row id or a small number: 1 to 999,999,999 in decimal digits only; 0 for anything else, so a number never
/// overflows or wraps round to a small one.
inline std::int64_t ParseId(std::string_view text) {
  if (text.empty() || text.size() > 9) return 0;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace spbe::http
