#pragma once
/// Indonesian personal identifiers (../shared/reference/identifiers.md): NIK, NIP, NPWP, NIB. Pure rules, no I/O.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace spbe {

enum class Sex { kMale, kFemale };

struct NikInfo {
  std::string province;  // "12"
  std::string regency;   // "12.10"
  std::string district;  // "12.10.01" (where the number was issued)
  std::chrono::year_month_day birth_date;
  Sex sex;
};

/// Why a NIK was refused; each has a message in both languages (NikErrorText).
enum class NikError { kFormat, kProvince, kRegency, kBirthDate, kSerial };

/// `region_exists("12")` / `region_exists("12.10")`: whether the Kemendagri code is real.
using RegionExists = std::function<bool(std::string_view code)>;

/// Reads a NIK: 16 digits PP RR SS DDMMYY XXXX, a real province and kabupaten/kota, a real birth date not in the
/// future (women's day + 40; the century is the latest that keeps the date in the past), serial not 0000.
std::optional<NikInfo> ParseNik(std::string_view nik, const RegionExists& region_exists,
                                std::chrono::year_month_day today, NikError* why = nullptr);
const char* NikErrorText(NikError e, std::string_view lang);

struct NipInfo {
  std::chrono::year_month_day birth_date;
  std::chrono::year_month appointed;  // month of appointment as CPNS
  Sex sex;
};

/// Reads a NIP: 18 digits YYYYMMDD YYYYMM S NNN; a real birth date, appointment at 17 or older and not in the
/// future, sex digit 1 or 2, serial not 000.
std::optional<NipInfo> ParseNip(std::string_view nip, std::chrono::year_month_day today);

/// NPWP: 16 digits (since 2024), or the old 15 digits (dots and dash allowed) with its Luhn check digit.
bool ValidNpwp(std::string_view npwp);

/// NIB: 13 digits.
bool ValidNib(std::string_view nib);

/// Lower-cased and trimmed when it looks like a deliverable address, else nullopt.
std::optional<std::string> NormalizeEmail(std::string_view email);
/// An Indonesian mobile number as +628..., from "0812 3456 7890", "+62 812-3456-7890" and the like; else nullopt.
std::optional<std::string> NormalizePhone(std::string_view phone);

/// "1210********0003": the first four and last four digits, the rest hidden.
std::string MaskNik(std::string_view nik);
/// Enough of a contact for its owner to recognise it and nobody else to use it: "bu***@mail.example",
/// "+62812****7890", "Bu*** Sa***" for a name. Whole UTF-8 characters are kept or hidden, never split.
std::string MaskContact(std::string_view contact);

/// Tracking numbers (applications, reports): 12 digits, "YYMM" of filing, 7 random digits and a Damm check digit,
/// which catches every single wrong digit and every swap of two neighbours. Shown as "2611-4821-7305".
std::string MakeTrackingNumber(int year, unsigned month, std::uint32_t random7);
/// Accepts the number with or without dashes and spaces; the canonical 12 digits when the check digit is right.
std::optional<std::string> NormalizeTrackingNumber(std::string_view text);
std::string FormatTrackingNumber(std::string_view digits12);

/// The short code that, with a tracking number, lets anyone see a file's status: 6 characters from an alphabet
/// without look-alikes (no 0/O, 1/I/L), from 30 random bits.
std::string MakeAccessCode(std::uint32_t random);
/// Upper-cased, spaces and dashes removed.
std::string NormalizeAccessCode(std::string_view text);

/// Billing codes: 16 digits, "YYMM" of issue, 11 random digits, and a Damm check digit, so a mistyped digit or
/// two swapped neighbours at a bank counter are caught before any money moves.
std::string MakeBillingCode(int year, unsigned month, std::uint64_t random11);
/// The 16 digits of a code as people write it ("2611 4821 7305 9928", with spaces or dashes); nullopt when it is
/// not one or its check digit is wrong.
std::optional<std::string> NormalizeBillingCode(std::string_view text);
/// "2611 4821 7305 9928".
std::string FormatBillingCode(std::string_view digits16);

/// The Damm check digit of a string of digits: catches every single-digit error and every swap of neighbours
/// (tracking numbers, billing codes). A number ending in its check digit has check digit '0'.
char DammCheckDigit(std::string_view digits);

}  // namespace spbe
