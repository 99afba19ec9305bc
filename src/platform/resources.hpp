#pragma once
/// Files compiled into the binary (migrations, templates, static assets, locales), so one executable is the
/// whole deployment. The table is generated at build time by tools/embed.cpp.

#include <optional>
#include <string_view>
#include <vector>

namespace spbe::resources {

struct Resource {
  std::string_view path;  // relative to the source tree, e.g. "templates/layout/page.mustache"
  std::string_view data;
};

/// Every embedded file, sorted by path.
const std::vector<Resource>& All();

std::optional<std::string_view> Find(std::string_view path);

/// Every resource whose path starts with `prefix`, in path order.
std::vector<Resource> Under(std::string_view prefix);

}  // namespace spbe::resources
