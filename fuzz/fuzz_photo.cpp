// Photos attached to reports: their location is stripped (JPEG/PNG metadata) before they are kept; files are judged
// by their bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/model.hpp"
#include "platform/photo.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)spbe::HasPhotoMetadata(input);
  auto stripped = spbe::StripPhotoMetadata(input);
  if (stripped) {
    // Stripping is idempotent and never adds metadata.
    auto again = spbe::StripPhotoMetadata(*stripped);
    if (!again || spbe::HasPhotoMetadata(*stripped)) __builtin_trap();
  }
  (void)spbe::catalog::SniffFileKind(input);
  return 0;
}
