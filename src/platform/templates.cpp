#include "platform/templates.hpp"

#include <boost/json.hpp>
#include <kainjow/mustache.hpp>
#include <stdexcept>

#include "platform/resources.hpp"

namespace spbe {
namespace {

namespace mustache = kainjow::mustache;

mustache::data ToData(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object: {
      mustache::data d{mustache::data::type::object};
      for (const auto& [k, x] : v.get_object()) d.set(std::string(k), ToData(x));
      return d;
    }
    case boost::json::kind::array: {
      mustache::data d{mustache::data::type::list};
      for (const auto& x : v.get_array()) d.push_back(ToData(x));
      return d;
    }
    // An empty string is falsy, as in mustache.js, so {{#email}}...{{/email}} hides an unset field.
    case boost::json::kind::string:
      if (v.get_string().empty()) return mustache::data::type::bool_false;
      return mustache::data{std::string(v.get_string())};
    case boost::json::kind::bool_:
      return v.get_bool() ? mustache::data::type::bool_true : mustache::data::type::bool_false;
    case boost::json::kind::int64:
      return mustache::data{std::to_string(v.get_int64())};
    case boost::json::kind::uint64:
      return mustache::data{std::to_string(v.get_uint64())};
    case boost::json::kind::double_:
      return mustache::data{boost::json::serialize(v)};
    case boost::json::kind::null:
      return mustache::data::type::bool_false;
  }
  return mustache::data{};
}

}  // namespace

Templates Templates::FromResources() {
  Templates t;
  for (const auto& r : resources::Under("templates/")) {
    std::string name(r.path.substr(10));
    if (name.size() > 9 && name.substr(name.size() - 9) == ".mustache") {
      t.sources_[name.substr(0, name.size() - 9)] = std::string(r.data);
    }
  }
  return t;
}

std::string Templates::Render(std::string_view name, const boost::json::value& context) const {
  auto it = sources_.find(std::string(name));
  if (it == sources_.end()) throw std::logic_error("unknown template " + std::string(name));
  mustache::mustache tmpl(it->second);
  if (!tmpl.is_valid()) throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
  mustache::data data = ToData(context);
  for (const auto& [partial_name, source] : sources_) {
    const std::string* src = &source;
    data.set(partial_name, mustache::partial([src] { return *src; }));
  }
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) throw std::logic_error("template " + std::string(name) + ": " + tmpl.error_message());
  return out;
}

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace spbe
