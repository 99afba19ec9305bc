#include "interop/model.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <cstdlib>

#include "platform/crypto.hpp"
#include "platform/i18n.hpp"

namespace spbe::interop {

namespace json = boost::json;

std::string_view DataClassName(DataClass c) {
  switch (c) {
    case DataClass::kPublic:
      return "public";
    case DataClass::kInternal:
      return "internal";
    case DataClass::kPersonal:
      return "personal";
  }
  return "";
}

std::optional<DataClass> ParseDataClass(std::string_view name) {
  for (auto c : {DataClass::kPublic, DataClass::kInternal, DataClass::kPersonal}) {
    if (DataClassName(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view GrantStatusName(GrantStatus s) {
  switch (s) {
    case GrantStatus::kRequested:
      return "requested";
    case GrantStatus::kActive:
      return "active";
    case GrantStatus::kRefused:
      return "refused";
    case GrantStatus::kRevoked:
      return "revoked";
  }
  return "";
}

std::optional<GrantStatus> ParseGrantStatus(std::string_view name) {
  for (auto s : {GrantStatus::kRequested, GrantStatus::kActive, GrantStatus::kRefused, GrantStatus::kRevoked}) {
    if (GrantStatusName(s) == name) return s;
  }
  return std::nullopt;
}

bool ValidCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 40) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!alnum(code.front()) || !alnum(code.back())) return false;
  for (char c : code) {
    if (!alnum(c) && c != '-') return false;
  }
  return true;
}

std::string LogEntryDigest(const LogRow& e) {
  std::string joined;
  auto add = [&joined](std::string_view v) {
    joined += std::to_string(v.size());
    joined += ':';
    joined += v;
    joined += '|';
  };
  add(e.request_id);
  add(e.at);
  add(std::to_string(e.client_system_id));
  add(std::to_string(e.service_id));
  add(e.end_user);
  add(e.method);
  add(e.path);
  add(std::to_string(e.status));
  add(std::to_string(e.duration_us));
  add(std::to_string(e.request_bytes));
  add(std::to_string(e.response_bytes));
  add(e.request_digest);
  add(e.response_digest);
  add(e.outcome);
  add(e.keep_until);
  return crypto::Sha256Hex(joined);
}

std::string LogChainHash(const LogRow& e, const std::string& prev_hash) {
  return crypto::Sha256Hex(prev_hash + "|" + LogEntryDigest(e));
}

namespace {

bool Printable(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

void CheckText(std::vector<FieldError>& errors, const char* field, const std::string& value, std::size_t max,
               bool required, std::string_view lang) {
  if (required && value.empty()) {
    errors.push_back({field, i18n::Tr(lang, "interop_field_required")});
  } else if (value.size() > max || !Printable(value)) {
    errors.push_back({field, i18n::Tr(lang, "interop_field_too_long", {{"max", std::to_string(max)}})});
  }
}

}  // namespace

std::vector<FieldError> CheckSystem(const SystemInput& in, std::string_view lang) {
  std::vector<FieldError> errors;
  if (!ValidCode(in.code)) errors.push_back({"code", i18n::Tr(lang, "interop_code_invalid")});
  CheckText(errors, "name", in.name, 120, true, lang);
  CheckText(errors, "owner_unit", in.owner_unit, 120, false, lang);
  CheckText(errors, "contact", in.contact, 200, false, lang);
  return errors;
}

std::vector<FieldError> CheckService(const ServiceInput& in, std::string_view lang) {
  std::vector<FieldError> errors;
  if (!ValidCode(in.code)) errors.push_back({"code", i18n::Tr(lang, "interop_code_invalid")});
  CheckText(errors, "name_id", in.name_id, 160, true, lang);
  CheckText(errors, "name_en", in.name_en, 160, false, lang);
  // Descriptions may run over lines.
  if (in.description_id.size() > 4000) {
    errors.push_back({"description_id", i18n::Tr(lang, "interop_field_too_long", {{"max", "4000"}})});
  }
  if (in.description_en.size() > 4000) {
    errors.push_back({"description_en", i18n::Tr(lang, "interop_field_too_long", {{"max", "4000"}})});
  }
  if (auto why = CheckOpenApi(in.openapi, lang)) errors.push_back({"openapi", *why});
  if (in.timeout_ms < 100 || in.timeout_ms > 60000) {
    errors.push_back({"timeout_ms", i18n::Tr(lang, "interop_timeout_range")});
  }
  if (in.rate_per_minute < 1 || in.rate_per_minute > 100000) {
    errors.push_back({"rate_per_minute", i18n::Tr(lang, "interop_rate_range")});
  }
  if (in.max_body_bytes < 1 || in.max_body_bytes > 10 * 1024 * 1024) {
    errors.push_back({"max_body_bytes", i18n::Tr(lang, "interop_body_range")});
  }
  if (in.keep_bodies_days < 0 || in.keep_bodies_days > 3650) {
    errors.push_back({"keep_bodies_days", i18n::Tr(lang, "interop_keep_range")});
  }
  auto cls = ParseDataClass(in.data_class);
  if (!cls) {
    errors.push_back({"data_class", i18n::Tr(lang, "interop_data_class_invalid")});
  } else if (*cls == DataClass::kPersonal && in.open_to_all) {
    errors.push_back({"open_to_all", i18n::Tr(lang, "interop_personal_not_open")});
  }
  return errors;
}

std::optional<std::string> CheckOpenApi(std::string_view text, std::string_view lang) {
  if (text.empty()) return i18n::Tr(lang, "interop_openapi_missing");
  if (text.size() > 1024 * 1024) return i18n::Tr(lang, "interop_openapi_too_large");
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 64;
  json::value doc = json::parse(text, ec, {}, options);
  if (ec || !doc.is_object()) return i18n::Tr(lang, "interop_openapi_not_json");
  const auto& o = doc.as_object();
  const auto* version = o.if_contains("openapi");
  if (!version || !version->is_string() || version->as_string().size() < 2 || version->as_string()[0] != '3' ||
      version->as_string()[1] != '.') {
    return i18n::Tr(lang, "interop_openapi_version");
  }
  const auto* info = o.if_contains("info");
  if (!info || !info->is_object() || !info->as_object().contains("title") ||
      !info->as_object().at("title").is_string()) {
    return i18n::Tr(lang, "interop_openapi_info");
  }
  const auto* paths = o.if_contains("paths");
  if (!paths || !paths->is_object()) return i18n::Tr(lang, "interop_openapi_paths");
  return std::nullopt;
}

std::optional<std::string> CheckProviderUrl(std::string_view url, std::string_view lang) {
  auto u = boost::urls::parse_absolute_uri(url);
  if (!u) return i18n::Tr(lang, "interop_url_invalid");
  if (u->scheme() != "http" && u->scheme() != "https") return i18n::Tr(lang, "interop_url_scheme");
  if (u->host().empty()) return i18n::Tr(lang, "interop_url_invalid");
  if (u->has_userinfo() || u->has_query() || u->has_fragment()) return i18n::Tr(lang, "interop_url_parts");
  if (url.size() > 500) return i18n::Tr(lang, "interop_url_invalid");
  return std::nullopt;
}

std::optional<std::string> CleanCallPath(std::string_view rest) {
  if (rest.empty()) return std::string("/");
  std::string path = rest.front() == '/' ? std::string(rest) : "/" + std::string(rest);
  if (path.size() > 2000) return std::nullopt;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  // Each segment as a provider would decode it: no dot segments in any spelling, no encoded separators or controls.
  std::size_t i = 1;
  while (i <= path.size()) {
    std::size_t next = path.find('/', i);
    if (next == std::string::npos) next = path.size();
    std::string decoded;
    for (std::size_t k = i; k < next; ++k) {
      unsigned char c = static_cast<unsigned char>(path[k]);
      if (c <= 0x20 || c >= 0x7f || c == '\\') return std::nullopt;
      if (c == '%') {
        if (k + 2 >= next) return std::nullopt;
        int hi = hex(path[k + 1]), lo = hex(path[k + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        c = static_cast<unsigned char>(hi * 16 + lo);
        if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') return std::nullopt;
        k += 2;
      }
      decoded += static_cast<char>(c);
    }
    if (decoded == "." || decoded == ".." || decoded.rfind("..;", 0) == 0 || decoded.rfind(".;", 0) == 0) {
      return std::nullopt;
    }
    i = next + 1;
  }
  return path;
}

std::int64_t ParseId(const std::string& text) {
  char* end = nullptr;
  long long v = std::strtoll(text.c_str(), &end, 10);
  return end && *end == '\0' && v > 0 ? v : 0;
}

std::optional<std::string> CleanEndUser(std::string_view value) {
  if (value.size() > 200) return std::nullopt;
  for (unsigned char c : value) {
    if (c < 0x20 || c >= 0x7f) return std::nullopt;
  }
  return std::string(value);
}

}  // namespace spbe::interop
