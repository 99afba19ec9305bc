// Kemendagri region CSVs (code,<parent>_code,name), read at migrate time; an operator may load newer ones.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "org/service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int level = 1; level <= 4; ++level) (void)spbe::org::ParseRegionCsv(input, level);
  return 0;
}
