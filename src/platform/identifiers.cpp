#include "platform/identifiers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "platform/i18n.hpp"

namespace spbe {
namespace {

using namespace std::chrono;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::optional<NikInfo> ParseNik(std::string_view nik, const RegionExists& region_exists, year_month_day today,
                                NikError* why) {
  auto fail = [&](NikError e) -> std::optional<NikInfo> {
    if (why) *why = e;
    return std::nullopt;
  };
  if (nik.size() != 16 || !AllDigits(nik)) return fail(NikError::kFormat);
  NikInfo info;
  info.province = std::string(nik.substr(0, 2));
  info.regency = info.province + "." + std::string(nik.substr(2, 2));
  info.district = info.regency + "." + std::string(nik.substr(4, 2));
  if (!region_exists(info.province)) return fail(NikError::kProvince);
  if (!region_exists(info.regency)) return fail(NikError::kRegency);
  int day = Num(nik.substr(6, 2));
  info.sex = day > 40 ? Sex::kFemale : Sex::kMale;
  if (day > 40) day -= 40;
  int yy = Num(nik.substr(10, 2));
  unsigned mm = static_cast<unsigned>(Num(nik.substr(8, 2)));
  // The century is not written: take this century unless that puts the birth in the future.
  year_month_day birth{year{2000 + yy}, month{mm}, std::chrono::day{static_cast<unsigned>(day)}};
  if (birth.ok() && sys_days(birth) > sys_days(today)) {
    birth = year_month_day{year{1900 + yy}, month{mm}, std::chrono::day{static_cast<unsigned>(day)}};
  }
  if (!birth.ok() || day < 1) return fail(NikError::kBirthDate);
  info.birth_date = birth;
  if (nik.substr(12, 4) == "0000") return fail(NikError::kSerial);
  return info;
}

const char* NikErrorText(NikError e, std::string_view lang) {
  switch (e) {
    case NikError::kFormat:
      return i18n::Tr(lang, "platform_nik_format").c_str();
    case NikError::kProvince:
      return i18n::Tr(lang, "platform_nik_province").c_str();
    case NikError::kRegency:
      return i18n::Tr(lang, "platform_nik_regency").c_str();
    case NikError::kBirthDate:
      return i18n::Tr(lang, "platform_nik_birth_date").c_str();
    case NikError::kSerial:
      return i18n::Tr(lang, "platform_nik_serial").c_str();
  }
  return "";
}

std::optional<NipInfo> ParseNip(std::string_view nip, year_month_day today) {
  if (nip.size() != 18 || !AllDigits(nip)) return std::nullopt;
  NipInfo info;
  info.birth_date = year_month_day{year{Num(nip.substr(0, 4))}, month{static_cast<unsigned>(Num(nip.substr(4, 2)))},
                                   day{static_cast<unsigned>(Num(nip.substr(6, 2)))}};
  if (!info.birth_date.ok() || sys_days(info.birth_date) > sys_days(today)) return std::nullopt;
  unsigned appointed_month = static_cast<unsigned>(Num(nip.substr(12, 2)));
  if (appointed_month < 1 || appointed_month > 12) return std::nullopt;
  info.appointed = year_month{year{Num(nip.substr(8, 4))}, month{appointed_month}};
  if (info.appointed > year_month{today.year(), today.month()}) return std::nullopt;
  if (info.appointed < year_month{info.birth_date.year() + years{17}, info.birth_date.month()}) return std::nullopt;
  char s = nip[14];
  if (s != '1' && s != '2') return std::nullopt;
  info.sex = s == '1' ? Sex::kMale : Sex::kFemale;
  if (nip.substr(15, 3) == "000") return std::nullopt;
  return info;
}

bool ValidNpwp(std::string_view npwp) {
  std::string digits;
  for (char c : npwp) {
    if (c == '.' || c == '-') continue;
    if (c < '0' || c > '9') return false;
    digits += c;
  }
  if (digits.size() == 16 && npwp.size() == 16) return true;
  if (digits.size() != 15) return false;
  // Luhn over the first 9 digits: the 9th is the check digit of the first 8.
  int sum = 0;
  for (int i = 7; i >= 0; --i) {
    int d = digits[static_cast<std::size_t>(i)] - '0';
    if ((7 - i) % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - sum % 10) % 10 == digits[8] - '0';
}

bool ValidNib(std::string_view nib) { return nib.size() == 13 && AllDigits(nib); }

std::string MaskNik(std::string_view nik) {
  if (nik.size() <= 8) return std::string(nik.size(), '*');
  return std::string(nik.substr(0, 4)) + std::string(nik.size() - 8, '*') + std::string(nik.substr(nik.size() - 4));
}

namespace {

// The first `keep` characters of a word (UTF-8 aware) and "***".
std::string MaskWord(std::string_view word, std::size_t keep) {
  std::string out;
  std::size_t chars = 0, i = 0;
  while (i < word.size() && chars < keep) {
    std::size_t len = 1;
    unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    if (i + len > word.size()) break;
    out.append(word.substr(i, len));
    i += len;
    ++chars;
  }
  return out + "***";
}

}  // namespace

std::string MaskContact(std::string_view contact) {
  if (contact.empty()) return {};
  if (auto at = contact.find('@'); at != std::string_view::npos) {
    return MaskWord(contact.substr(0, at), 2) + std::string(contact.substr(at));
  }
  if (auto phone = NormalizePhone(contact)) {
    if (phone->size() < 12) return std::string(phone->size(), '*');
    return phone->substr(0, 6) + std::string(phone->size() - 10, '*') + phone->substr(phone->size() - 4);
  }
  std::string out;
  std::size_t i = 0;
  while (i < contact.size()) {
    auto sp = contact.find(' ', i);
    if (sp == std::string_view::npos) sp = contact.size();
    if (sp > i) {
      if (!out.empty()) out += ' ';
      out += MaskWord(contact.substr(i, sp - i), 2);
    }
    i = sp + 1;
  }
  return out;
}

std::optional<std::string> NormalizeEmail(std::string_view email) {
  std::string e;
  for (char c : email) e += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!e.empty() && e.back() == ' ') e.pop_back();
  while (!e.empty() && e.front() == ' ') e.erase(0, 1);
  auto at = e.find('@');
  if (e.size() > 254 || at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return {};
  auto dot = e.rfind('.');
  if (dot == std::string::npos || dot < at + 2 || dot + 2 > e.size()) return {};
  for (char c : e) {
    if (c <= ' ' || c == ',' || c == ';' || c == '<' || c == '>' || c == '"') return {};
  }
  return e;
}

std::optional<std::string> NormalizePhone(std::string_view phone) {
  std::string digits;
  for (char c : phone) {
    if (c >= '0' && c <= '9')
      digits += c;
    else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')')
      return {};
  }
  if (digits.rfind("62", 0) == 0)
    digits = digits.substr(2);
  else if (digits.rfind("0", 0) == 0)
    digits = digits.substr(1);
  else
    return {};
  if (digits.size() < 8 || digits.size() > 13 || digits[0] != '8') return {};  // mobile numbers: 8xx
  return "+62" + digits;
}

namespace {
constexpr int kDamm[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                               {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                               {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                               {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
                               {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};
}  // namespace

char DammCheckDigit(std::string_view digits) {
  int interim = 0;
  for (char c : digits) interim = kDamm[interim][c - '0'];
  return static_cast<char>('0' + interim);
}

namespace {
constexpr std::string_view kCodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";  // 31 symbols, no look-alikes
}  // namespace

std::string MakeTrackingNumber(int year, unsigned month, std::uint32_t random7) {
  std::string body = fmt::format("{:02}{:02}{:07}", year % 100, month, random7 % 10'000'000u);
  return body + DammCheckDigit(body);
}

std::optional<std::string> NormalizeTrackingNumber(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != '-' && c != ' ') {
      return std::nullopt;
    }
  }
  if (digits.size() != 12 || DammCheckDigit(digits) != '0') return std::nullopt;
  return digits;
}

std::string FormatTrackingNumber(std::string_view d) {
  if (d.size() != 12) return std::string(d);
  return fmt::format("{}-{}-{}", d.substr(0, 4), d.substr(4, 4), d.substr(8, 4));
}

std::string MakeAccessCode(std::uint32_t random) {
  std::string code;
  for (int i = 0; i < 6; ++i) {
    code += kCodeAlphabet[random % kCodeAlphabet.size()];
    random /= static_cast<std::uint32_t>(kCodeAlphabet.size());
  }
  return code;
}

std::string NormalizeAccessCode(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '-') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string MakeBillingCode(int year, unsigned month, std::uint64_t random11) {
  std::string body = fmt::format("{:02}{:02}{:011}", year % 100, month, random11 % 100'000'000'000ULL);
  return body + DammCheckDigit(body);
}

std::optional<std::string> NormalizeBillingCode(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
    } else if (c != ' ' && c != '-') {
      return std::nullopt;
    }
  }
  if (digits.size() != 16 || DammCheckDigit(digits) != '0') return std::nullopt;
  return digits;
}

std::string FormatBillingCode(std::string_view d) {
  if (d.size() != 16) return std::string(d);
  return fmt::format("{} {} {} {}", d.substr(0, 4), d.substr(4, 4), d.substr(8, 4), d.substr(12, 4));
}

}  // namespace spbe
