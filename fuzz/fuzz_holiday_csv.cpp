// A year's calendar imported as CSV by a platform admin (POST /api/v1/calendar/holidays/import).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/working_days.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)spbe::ParseHolidayCsv(input, "id");
  (void)spbe::ParseHolidayCsv(input, "en");
  (void)spbe::ParseDate(input);
  return 0;
}
