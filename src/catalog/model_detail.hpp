#pragma once
// What the files of the service catalogue's model share (definition.cpp, validation.cpp, fee_rules.cpp, ...):
// tables of enum names, the reader of a definition's JSON, and the checks more than one of them makes. Internal to
// src/catalog/.

#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/model.hpp"
#include "platform/i18n.hpp"

namespace spbe::catalog::detail {

namespace json = boost::json;

template <typename E>
struct Named {
  E value;
  std::string_view name;
};

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<Named<E>, N>& table, E v) {
  for (const auto& row : table) {
    if (row.value == v) return row.name;
  }
  return "";
}

template <typename E, std::size_t N>
std::optional<E> Parse(const std::array<Named<E>, N>& table, std::string_view name) {
  for (const auto& row : table) {
    if (row.name == name) return row.value;
  }
  return std::nullopt;
}

/// A date "YYYY-MM-DD" (defined in validation.cpp).
std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view s);

/// Whether a form field's pattern compiles, within the bounds on its size (defined in validation.cpp).
bool ValidPattern(const std::string& pattern);

// Reads a definition, collecting every problem with its path instead of stopping at the first.
class Reader {
 public:
  explicit Reader(std::string_view lang) : lang_(lang) {}

  void Fail(const std::string& path, std::string message) { errors_.push_back({path, std::move(message)}); }
  std::vector<FieldError>& errors() { return errors_; }
  /// The language of the messages.
  std::string_view lang() const { return lang_; }

  const json::object* Object(const json::value* v, const std::string& path, bool required = true) {
    if (v && v->is_object()) return &v->as_object();
    if (v || required) Fail(path, i18n::Tr(lang_, "catalog_must_be_object"));
    return nullptr;
  }
  const json::array* Array(const json::object& o, std::string_view key, const std::string& path,
                           bool required = false) {
    const json::value* v = o.if_contains(key);
    if (v && v->is_array()) return &v->as_array();
    if (v || required) Fail(path, i18n::Tr(lang_, "catalog_must_be_list"));
    return nullptr;
  }
  std::string String(const json::object& o, std::string_view key, const std::string& path, bool required = false,
                     std::size_t max = 4000) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) {
      if (required) Fail(path, i18n::Tr(lang_, "catalog_required"));
      return {};
    }
    if (!v->is_string()) {
      Fail(path, i18n::Tr(lang_, "catalog_must_be_text"));
      return {};
    }
    std::string s(v->as_string());
    if (s.size() > max) Fail(path, i18n::Tr(lang_, "catalog_at_most_characters", {{"max", std::to_string(max)}}));
    if (required && s.empty()) Fail(path, i18n::Tr(lang_, "catalog_required"));
    return s;
  }
  // A LocalText is either a plain string (Indonesian) or {"id": ..., "en": ...}.
  LocalText Text(const json::object& o, std::string_view key, const std::string& path, bool required = false,
                 std::size_t max = 4000) {
    const json::value* v = o.if_contains(key);
    LocalText t;
    if (!v || v->is_null()) {
      if (required) Fail(path, i18n::Tr(lang_, "catalog_required"));
      return t;
    }
    if (v->is_string()) {
      t.id = v->as_string();
    } else if (v->is_object()) {
      t.id = String(v->as_object(), "id", path + ".id", required, max);
      t.en = String(v->as_object(), "en", path + ".en", false, max);
      return t;
    } else {
      Fail(path, i18n::Tr(lang_, "catalog_must_be_local_text"));
      return t;
    }
    if (required && t.id.empty()) Fail(path, i18n::Tr(lang_, "catalog_required"));
    if (t.id.size() > max) Fail(path, i18n::Tr(lang_, "catalog_at_most_characters", {{"max", std::to_string(max)}}));
    return t;
  }
  std::optional<std::int64_t> Int(const json::object& o, std::string_view key, const std::string& path, std::int64_t lo,
                                  std::int64_t hi) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    if (!v->is_int64() && !v->is_uint64()) {
      Fail(path, i18n::Tr(lang_, "catalog_must_be_whole_number"));
      return std::nullopt;
    }
    std::int64_t n = v->is_int64() ? v->as_int64() : static_cast<std::int64_t>(v->as_uint64());
    if (n < lo || n > hi) {
      Fail(path,
           i18n::Tr(lang_, "catalog_must_be_between", {{"min", std::to_string(lo)}, {"max", std::to_string(hi)}}));
      return std::nullopt;
    }
    return n;
  }
  bool Bool(const json::object& o, std::string_view key, const std::string& path) {
    const json::value* v = o.if_contains(key);
    if (!v || v->is_null()) return false;
    if (!v->is_bool()) {
      Fail(path, i18n::Tr(lang_, "catalog_must_be_true_or_false"));
      return false;
    }
    return v->as_bool();
  }

 private:
  std::string lang_;
  std::vector<FieldError> errors_;
};

/// Reads a definition's fee, checked against its form (defined in fee_rules.cpp).
void ReadFee(Reader& r, const json::object& fee, Definition& d);

}  // namespace spbe::catalog::detail
