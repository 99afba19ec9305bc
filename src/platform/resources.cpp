#include "platform/resources.hpp"

#include <algorithm>

namespace spbe::resources {

std::optional<std::string_view> Find(std::string_view path) {
  const auto& all = All();
  auto it =
      std::lower_bound(all.begin(), all.end(), path, [](const Resource& r, std::string_view p) { return r.path < p; });
  if (it != all.end() && it->path == path) return it->data;
  return std::nullopt;
}

std::vector<Resource> Under(std::string_view prefix) {
  std::vector<Resource> out;
  for (const auto& r : All()) {
    if (r.path.substr(0, prefix.size()) == prefix) out.push_back(r);
  }
  return out;
}

}  // namespace spbe::resources
