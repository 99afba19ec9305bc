// NIK, NIP, NPWP, NIB, e-mail, phone, tracking numbers, access and billing codes: typed by anyone into forms.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "platform/identifiers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  spbe::NikError why{};
  auto nik = spbe::ParseNik(
      input, [](std::string_view code) { return !code.empty() && code[0] == '1'; }, std::chrono::year{2026} / 12 / 2,
      &why);
  (void)spbe::NikErrorText(why, "id");
  if (nik) (void)spbe::MaskNik(input);
  (void)spbe::ParseNip(input, std::chrono::year{2026} / 12 / 2);
  (void)spbe::ValidNpwp(input);
  (void)spbe::ValidNib(input);
  (void)spbe::NormalizeEmail(input);
  (void)spbe::NormalizePhone(input);
  (void)spbe::MaskContact(input);
  if (auto tn = spbe::NormalizeTrackingNumber(input)) (void)spbe::FormatTrackingNumber(*tn);
  (void)spbe::NormalizeAccessCode(input);
  if (auto bc = spbe::NormalizeBillingCode(input)) (void)spbe::FormatBillingCode(*bc);
  (void)spbe::MaskNik(input);
  return 0;
}
