#include "platform/templates.hpp"

#include <boost/json.hpp>
#include <kainjow/mustache.hpp>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

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

// The partials a template names ({{> name}} or {{>name}}), directly.
std::set<std::string> NamedPartials(const std::string& source) {
  std::set<std::string> out;
  for (std::size_t at = source.find("{{>"); at != std::string::npos; at = source.find("{{>", at + 3)) {
    std::size_t end = source.find("}}", at);
    if (end == std::string::npos) break;
    std::string name = source.substr(at + 3, end - at - 3);
    auto first = name.find_first_not_of(" \t");
    auto last = name.find_last_not_of(" \t");
    if (first != std::string::npos) out.insert(name.substr(first, last - first + 1));
  }
  return out;
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
  // Each template's partials, and theirs in turn: a render offers only those, not every template there is.
  for (const auto& [name, source] : t.sources_) {
    std::set<std::string> seen;
    std::vector<std::string> todo(1, name);
    while (!todo.empty()) {
      std::string cur = todo.back();
      todo.pop_back();
      auto it = t.sources_.find(cur);
      if (it == t.sources_.end()) continue;
      for (const auto& p : NamedPartials(it->second)) {
        if (seen.insert(p).second) todo.push_back(p);
      }
    }
    t.partials_[name] = std::vector<std::string>(seen.begin(), seen.end());
  }
  return t;
}

class Templates::Shared {
 public:
  mustache::data data;
};

std::shared_ptr<const Templates::Shared> Templates::Share(const boost::json::object& values) const {
  auto shared = std::make_shared<Shared>();
  shared->data = ToData(values);
  return shared;
}

std::string Templates::Render(std::string_view name_in, const boost::json::value& context) const {
  return Render(name_in, context, nullptr);
}

std::string Templates::Render(std::string_view name_in, const boost::json::value& context,
                              const Shared* beneath) const {
  std::string name(name_in);
  auto it = sources_.find(name);
  if (it == sources_.end()) throw std::logic_error("unknown template " + name);
  // Parsed once per thread and kept: rendering reads the parsed tree and changes nothing but the error message.
  thread_local std::map<std::pair<const Templates*, std::string>, mustache::mustache> parsed;
  auto found = parsed.find({this, name});
  if (found == parsed.end()) found = parsed.emplace(std::make_pair(this, name), mustache::mustache(it->second)).first;
  mustache::mustache& tmpl = found->second;
  if (!tmpl.is_valid()) throw std::logic_error("template " + name + ": " + tmpl.error_message());
  mustache::data data = ToData(context);
  if (auto p = partials_.find(name); p != partials_.end()) {
    for (const auto& partial_name : p->second) {
      auto source = sources_.find(partial_name);
      if (source == sources_.end()) continue;
      const std::string* src = &source->second;
      data.set(partial_name, mustache::partial([src] { return *src; }));
    }
  }
  mustache::context<std::string> stack;
  if (beneath) stack.push(&beneath->data);
  stack.push(&data);  // looked up first
  std::string out = tmpl.render(stack);
  if (!tmpl.is_valid()) throw std::logic_error("template " + name + ": " + tmpl.error_message());
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
