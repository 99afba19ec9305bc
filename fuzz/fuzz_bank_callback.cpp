// Bodies of a bank's inquiry and payment callback (anyone can send them; the signature is checked on the bytes).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "payments/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)spbe::payments::ParseCallback(input, "id");
  (void)spbe::payments::ParseInquiry(input, "en");
  return 0;
}
