#pragma once
/// Contracts as types (issue 14): an operation's request and response bodies are C++ structs described once with
/// Boost.Describe. From that one description come the JSON Schema the OpenAPI document shows (Schema<T>), the
/// reading of a request body with one error per wrong field (Read<T>), and the response body (Write: Boost.JSON's
/// conversion of described structs), so the document cannot drift from what the handler takes and answers.
///
///   struct NumberingBody { std::string pattern; std::optional<std::string> unit; };
///   BOOST_DESCRIBE_STRUCT(NumberingBody, (), (pattern, unit))
///
/// A member that is std::optional may be left out (and is not "required"); every other member must be present.

#include <boost/describe.hpp>
#include <boost/json.hpp>
#include <boost/mp11.hpp>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "platform/i18n.hpp"
#include "platform/result.hpp"

namespace spbe::http::contract {

/// A member always present in the JSON, as a value or as `null` (std::optional members are left out instead).
template <class T>
struct Nullable {
  std::optional<T> value;
  Nullable() = default;
  Nullable(std::nullopt_t) {}             // NOLINT: reads as the JSON it writes
  Nullable(T v) : value(std::move(v)) {}  // NOLINT
  explicit operator bool() const { return value.has_value(); }
  const T& operator*() const { return *value; }
};

template <class T>
struct IsNullable : std::false_type {};
template <class T>
struct IsNullable<Nullable<T>> : std::true_type {};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsVector : std::false_type {};
template <class T, class A>
struct IsVector<std::vector<T, A>> : std::true_type {};

template <class T>
constexpr bool kDescribed = boost::describe::has_describe_members<T>::value;

/// A member's name in the JSON: the C++ name without a trailing underscore, so a member may be called by a word C++
/// reserves (`public_` is "public").
inline std::string_view JsonName(const char* member) {
  std::string_view n(member);
  if (!n.empty() && n.back() == '_') n.remove_suffix(1);
  return n;
}

template <class T>
struct IsJson : std::bool_constant<std::is_same_v<T, boost::json::object> || std::is_same_v<T, boost::json::value> ||
                                   std::is_same_v<T, boost::json::array>> {};

/// A described struct may add JSON Schema keywords to its members (a pattern, an enum, a format, a description)
/// with a static `Notes()` returning `{"member": {keyword: value, ...}, ...}`.
template <class T>
concept HasNotes = requires {
  { T::Notes() } -> std::convertible_to<boost::json::object>;
};

/// The JSON Schema (2020-12, as OpenAPI 3.1 uses it) of a described struct or of a plain type. A closed schema
/// (for answers) lists every member the handler writes and no other; a request's schema stays open, since the
/// reader ignores members it does not know.
template <class T>
boost::json::object Schema(bool closed = false) {
  namespace json = boost::json;
  if constexpr (IsOptional<T>::value) {
    return Schema<typename T::value_type>(closed);
  } else if constexpr (IsNullable<T>::value) {
    using V = std::remove_cvref_t<decltype(*std::declval<T>().value)>;
    return {{"anyOf", {Schema<V>(closed), {{"type", "null"}}}}};
  } else if constexpr (std::is_same_v<T, std::string>) {
    return {{"type", "string"}};
  } else if constexpr (std::is_same_v<T, bool>) {
    return {{"type", "boolean"}};
  } else if constexpr (std::is_integral_v<T>) {
    return {{"type", "integer"}, {"format", sizeof(T) == 8 ? "int64" : "int32"}};
  } else if constexpr (std::is_floating_point_v<T>) {
    return {{"type", "number"}};
  } else if constexpr (std::is_same_v<T, json::object>) {
    return {{"type", "object"}, {"additionalProperties", true}};  // free-form: members named by data
  } else if constexpr (std::is_same_v<T, json::array>) {
    return {{"type", "array"}};
  } else if constexpr (std::is_same_v<T, json::value>) {
    return {};
  } else if constexpr (IsVector<T>::value) {
    return {{"type", "array"}, {"items", Schema<typename T::value_type>(closed)}};
  } else {
    static_assert(kDescribed<T>,
                  "a contract type is a described struct, a string, a number, a bool, a JSON value, an optional or "
                  "a vector of those");
    json::object properties;
    json::array required;
    boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
      using M = std::remove_cvref_t<decltype(std::declval<T&>().*member.pointer)>;
      properties[JsonName(member.name)] = Schema<M>(closed);
      if (!IsOptional<M>::value) required.push_back(json::string(JsonName(member.name)));
    });
    if constexpr (HasNotes<T>) {
      for (const auto& [name, extra] : T::Notes()) {
        auto* prop = properties.if_contains(name);
        if (!prop || !extra.is_object()) continue;  // a note on a member that does not exist: contract_test
        for (const auto& [k, v] : extra.as_object()) prop->as_object()[k] = v;
      }
    }
    json::object out{{"type", "object"}, {"properties", std::move(properties)}};
    if (!required.empty()) out["required"] = std::move(required);
    if (closed) out["additionalProperties"] = false;
    return out;
  }
}

namespace detail {

template <class T>
bool ReadValue(const boost::json::value& v, T& out, const std::string& path, std::vector<FieldError>& errors,
               std::string_view lang);

template <class T>
bool ReadObject(const boost::json::value& v, T& out, const std::string& prefix, std::vector<FieldError>& errors,
                std::string_view lang) {
  const auto* o = v.if_object();
  if (!o) {
    errors.push_back({prefix.empty() ? "body" : prefix, i18n::Tr(lang, "contract_object")});
    return false;
  }
  bool ok = true;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
    using M = std::remove_cvref_t<decltype(out.*member.pointer)>;
    std::string_view name = JsonName(member.name);
    std::string path = prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
    const boost::json::value* field = o->if_contains(name);
    if (!field || field->is_null()) {
      if constexpr (!IsOptional<M>::value && !IsNullable<M>::value) {
        errors.push_back({path, i18n::Tr(lang, "contract_required")});
        ok = false;
      }
      return;
    }
    ok = ReadValue(*field, out.*member.pointer, path, errors, lang) && ok;
  });
  return ok;
}

template <class T>
bool ReadValue(const boost::json::value& v, T& out, const std::string& path, std::vector<FieldError>& errors,
               std::string_view lang) {
  if constexpr (IsOptional<T>::value) {
    typename T::value_type inner{};
    if (!ReadValue(v, inner, path, errors, lang)) return false;
    out = std::move(inner);
    return true;
  } else if constexpr (IsNullable<T>::value) {
    if (v.is_null()) return true;
    return ReadValue(v, out.value, path, errors, lang);
  } else if constexpr (std::is_same_v<T, boost::json::value>) {
    out = v;
    return true;
  } else if constexpr (std::is_same_v<T, boost::json::object> || std::is_same_v<T, boost::json::array>) {
    const bool is_object = std::is_same_v<T, boost::json::object>;
    if (is_object ? !v.is_object() : !v.is_array()) {
      errors.push_back({path, i18n::Tr(lang, is_object ? "contract_object" : "contract_list")});
      return false;
    }
    if constexpr (std::is_same_v<T, boost::json::object>) {
      out = v.as_object();
    } else {
      out = v.as_array();
    }
    return true;
  } else if constexpr (kDescribed<T>) {
    return ReadObject(v, out, path, errors, lang);
  } else if constexpr (IsVector<T>::value) {
    const auto* a = v.if_array();
    if (!a) {
      errors.push_back({path, i18n::Tr(lang, "contract_list")});
      return false;
    }
    bool ok = true;
    out.clear();
    for (std::size_t i = 0; i < a->size(); ++i) {
      typename T::value_type item{};
      ok = ReadValue((*a)[i], item, path + "[" + std::to_string(i) + "]", errors, lang) && ok;
      out.push_back(std::move(item));
    }
    return ok;
  } else {
    auto r = boost::json::try_value_to<T>(v);
    if (!r) {
      const char* what = std::is_same_v<T, std::string> ? "contract_text"
                         : std::is_same_v<T, bool>      ? "contract_bool"
                         : std::is_integral_v<T>        ? "contract_integer"
                                                        : "contract_number";
      errors.push_back({path, i18n::Tr(lang, what)});
      return false;
    }
    out = std::move(*r);
    return true;
  }
}

}  // namespace detail

/// A request body read into its contract: every member that is wrong or missing is named (in `lang`), nothing
/// else read; unknown members are ignored (a tolerant reader).
template <class T>
Result<T> Read(const boost::json::value& body, std::string_view lang) {
  T out{};
  std::vector<FieldError> errors;
  if (!detail::ReadObject(body, out, "", errors, lang)) return Error::Validation(std::move(errors));
  return out;
}

template <class T>
boost::json::object Write(const T& value);

namespace detail {
template <class T>
boost::json::value WriteValue(const T& v) {
  if constexpr (IsNullable<T>::value) {
    return v.value ? WriteValue(*v.value) : boost::json::value(nullptr);
  } else if constexpr (IsOptional<T>::value) {
    return v ? WriteValue(*v) : boost::json::value(nullptr);
  } else if constexpr (kDescribed<T>) {
    return Write(v);
  } else if constexpr (IsVector<T>::value) {
    boost::json::array a;
    a.reserve(v.size());
    for (const auto& item : v) a.push_back(WriteValue(item));
    return a;
  } else {
    return boost::json::value_from(v);
  }
}
}  // namespace detail

/// A response body from its contract (optional members left out when empty).
template <class T>
boost::json::object Write(const T& value) {
  boost::json::object out;
  boost::mp11::mp_for_each<boost::describe::describe_members<T, boost::describe::mod_public>>([&](auto member) {
    using M = std::remove_cvref_t<decltype(value.*member.pointer)>;
    const auto& field = value.*member.pointer;
    if constexpr (IsOptional<M>::value) {
      if (field) out[JsonName(member.name)] = detail::WriteValue(*field);
    } else {
      out[JsonName(member.name)] = detail::WriteValue(field);
    }
  });
  return out;
}

/// `{"application/json": {"schema": ...}}`: an OpenAPI content map for a contract type, as text for OperationDoc.
template <class T>
std::string JsonContent() {
  return boost::json::serialize(
      boost::json::object{{"application/json", boost::json::object{{"schema", Schema<T>()}}}});
}

}  // namespace spbe::http::contract
