#pragma once
/// Bahasa Indonesia first, English second: message catalogs (locales/<lang>.json) and language negotiation.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace spbe::i18n {

inline constexpr std::string_view kDefaultLanguage = "id";

/// "id" or "en" when `tag` names one of them (e.g. "en-US"), else nullopt.
std::optional<std::string> Supported(std::string_view tag);

/// Picks the language: an explicit choice (?lang=), then the remembered one (cookie), then Accept-Language by
/// q-value, then Indonesian.
std::string Negotiate(std::optional<std::string_view> explicit_choice, std::optional<std::string_view> cookie,
                      std::optional<std::string_view> accept_language);

/// "Rp 1.250.000": whole rupiah grouped by dots, as Indonesians write it (in both languages).
std::string FormatRupiah(std::int64_t amount);

class Catalog {
 public:
  using Strings = std::map<std::string, std::string, std::less<>>;

  /// Loads every locales/*.json resource (flat objects of key -> text).
  static Catalog FromResources();

  /// The text for `key` in `lang`, falling back to Indonesian, then to the key itself.
  const std::string& Text(std::string_view lang, std::string_view key) const;
  /// The text with "{n}" replaced by the number.
  std::string Count(std::string_view lang, std::string_view key, long long n) const;
  /// A deadline in working days as words: "terlambat 80 hari kerja", "2 hari kerja lagi", "batas waktunya hari ini".
  std::string WorkingDaysLeft(std::string_view lang, int days_left) const;
  const Strings& All(std::string_view lang) const;
  std::vector<std::string> Languages() const;

 private:
  std::map<std::string, Strings, std::less<>> strings_;
};

/// The platform's catalog (locales/*.json, embedded), loaded once: the texts the domain writes for people (error
/// messages, field errors, notices) come from it like the pages' texts, never from C++ conditionals.
const Catalog& Messages();

/// The text of `key` in `lang` (Indonesian when the language lacks it; the key itself when no language has it, which
/// tests/unit/locale_keys_test.cpp prevents).
const std::string& Tr(std::string_view lang, std::string_view key);

/// The text with each `{name}` replaced by its value: Tr(lang, "<key>", {{"days", "3"}}).
std::string Tr(std::string_view lang, std::string_view key,
               std::initializer_list<std::pair<std::string_view, std::string>> values);

}  // namespace spbe::i18n
