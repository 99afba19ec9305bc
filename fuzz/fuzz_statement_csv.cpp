// A bank's statement of a day, uploaded by the finance officer for reconciliation (waktu,kode_bayar,jumlah,referensi).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "payments/reconcile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto lines = spbe::payments::ParseStatement(input, "id");
  if (lines.ok()) (void)spbe::payments::Reconcile(*lines, {});
  return 0;
}
