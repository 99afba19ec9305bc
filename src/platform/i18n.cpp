#include "platform/i18n.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "platform/resources.hpp"

namespace spbe::i18n {

std::optional<std::string> Supported(std::string_view tag) {
  auto base = tag.substr(0, tag.find_first_of("-_"));
  std::string lower;
  for (char c : base) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "id" || lower == "in") return "id";  // "in" is the withdrawn ISO code some old phones still send
  if (lower == "en") return "en";
  return std::nullopt;
}

std::string Negotiate(std::optional<std::string_view> explicit_choice, std::optional<std::string_view> cookie,
                      std::optional<std::string_view> accept_language) {
  if (explicit_choice) {
    if (auto l = Supported(*explicit_choice)) return *l;
  }
  if (cookie) {
    if (auto l = Supported(*cookie)) return *l;
  }
  if (accept_language) {
    // "en-US,en;q=0.9,id;q=0.8": the supported language with the highest q wins; ties go to the first listed.
    std::string best;
    double best_q = 0;
    std::string_view s = *accept_language;
    while (!s.empty()) {
      auto comma = s.find(',');
      std::string_view item = s.substr(0, comma);
      s = comma == std::string_view::npos ? std::string_view{} : s.substr(comma + 1);
      auto semi = item.find(';');
      std::string_view tag = item.substr(0, semi);
      while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
      while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
      double q = 1.0;
      if (semi != std::string_view::npos) {
        auto qpos = item.find("q=", semi);
        if (qpos != std::string_view::npos) {
          try {
            q = std::stod(std::string(item.substr(qpos + 2)));
          } catch (const std::exception&) {
            q = 0;
          }
        }
      }
      auto l = Supported(tag);
      if (l && q > best_q) {
        best = *l;
        best_q = q;
      }
    }
    if (!best.empty()) return best;
  }
  return std::string(kDefaultLanguage);
}

Catalog Catalog::FromResources() {
  Catalog c;
  for (const auto& r : resources::Under("locales/")) {
    std::string file(r.path.substr(8));
    if (file.size() < 6 || file.substr(file.size() - 5) != ".json") continue;
    std::string lang = file.substr(0, file.size() - 5);
    auto v = boost::json::parse(r.data);
    auto& m = c.strings_[lang];
    for (const auto& [k, text] : v.as_object()) m[std::string(k)] = std::string(text.as_string());
  }
  if (!c.strings_.count(kDefaultLanguage)) throw std::logic_error("locales/id.json is missing");
  return c;
}

const std::string& Catalog::Text(std::string_view lang, std::string_view key) const {
  for (std::string_view l : {lang, kDefaultLanguage}) {
    auto it = strings_.find(l);
    if (it == strings_.end()) continue;
    auto t = it->second.find(key);
    if (t != it->second.end()) return t->second;
  }
  thread_local std::string missing;
  missing = std::string(key);
  return missing;
}

const Catalog::Strings& Catalog::All(std::string_view lang) const {
  auto it = strings_.find(lang);
  return it != strings_.end() ? it->second : strings_.find(kDefaultLanguage)->second;
}

std::vector<std::string> Catalog::Languages() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : strings_) out.push_back(k);
  return out;
}

std::string FormatRupiah(std::int64_t amount) {
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return (amount < 0 ? "-Rp " : "Rp ") + out;
}

std::string Catalog::Count(std::string_view lang, std::string_view key, long long n) const {
  std::string text = Text(lang, key);
  auto at = text.find("{n}");
  if (at != std::string::npos) text.replace(at, 3, std::to_string(n));
  return text;
}

std::string Catalog::WorkingDaysLeft(std::string_view lang, int days_left) const {
  if (days_left < 0) return Count(lang, "days_late", -static_cast<long long>(days_left));
  if (days_left == 0) return Text(lang, "days_due_today");
  return Count(lang, "days_left", days_left);
}

const Catalog& Messages() {
  static const Catalog kCatalog = Catalog::FromResources();
  return kCatalog;
}

const std::string& Tr(std::string_view lang, std::string_view key) { return Messages().Text(lang, key); }

std::string Tr(std::string_view lang, std::string_view key,
               std::initializer_list<std::pair<std::string_view, std::string>> values) {
  // One pass over the text, as fmt::format does: a value is never searched for placeholders itself (a name typed as
  // "{code}" stays as typed).
  const std::string& text = Messages().Text(lang, key);
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t open = text.find('{', at);
    std::size_t close = open == std::string::npos ? std::string::npos : text.find('}', open + 1);
    if (close == std::string::npos) break;
    std::string_view name(text.data() + open + 1, close - open - 1);
    auto value = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
    if (value == values.end()) {
      out.append(text, at, open + 1 - at);
      at = open + 1;
    } else {
      out.append(text, at, open - at).append(value->second);
      at = close + 1;
    }
  }
  if (at < text.size()) out.append(text, at, std::string::npos);
  return out;
}

}  // namespace spbe::i18n
