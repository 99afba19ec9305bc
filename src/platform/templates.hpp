#pragma once
/// Mustache templates (templates/**.mustache, embedded), rendered with a JSON context. Any template can be used
/// as a partial by its name, e.g. {{> layout/header}}.

#include <boost/json/value.hpp>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace spbe {

class Templates {
 public:
  static Templates FromResources();

  /// Renders template `name` ("portal/home") with `context`. Throws std::logic_error for an unknown template
  /// or a template that does not parse: both are bugs.
  std::string Render(std::string_view name, const boost::json::value& context) const;

  /// Values many renders see beneath their own (the texts of a language, a few thousand): converted for the engine
  /// once and shared, never copied per render.
  class Shared;
  std::shared_ptr<const Shared> Share(const boost::json::object& values) const;
  /// Render with `beneath` looked up after `context` (a name in `context` wins).
  std::string Render(std::string_view name, const boost::json::value& context, const Shared* beneath) const;

  bool Has(std::string_view name) const { return sources_.count(std::string(name)) > 0; }

 private:
  std::map<std::string, std::string> sources_;
  std::map<std::string, std::vector<std::string>> partials_;  // by template: the partials it may reach
};

/// Text made safe inside HTML or XML (SVG) text and quoted attributes: & < > " ' as entities. For markup built in
/// code, outside the templates (which escape by themselves).
std::string EscapeMarkup(std::string_view text);

}  // namespace spbe
