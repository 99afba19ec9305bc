// A citizen's JSON answers to every demo service's form (and the fee it implies), and an admin's service definition
// in the editor: JSON from outside into the catalogue's validation.
#include <boost/json.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "catalog/model.hpp"
#include "platform/resources.hpp"

namespace {

const std::vector<spbe::catalog::Definition>& DemoDefinitions() {
  static const std::vector<spbe::catalog::Definition> defs = [] {
    std::vector<spbe::catalog::Definition> out;
    auto text = spbe::resources::Find("data/demo/services.json");
    if (!text) return out;
    auto all = boost::json::parse(*text);
    for (auto& entry : all.as_array()) {
      auto& def = entry.as_object()["definition"];
      for (auto& step : def.as_object()["workflow"].as_object()["steps"].as_array()) {
        step.as_object()["node_id"] = 1;
        step.as_object().erase("node");
      }
      auto parsed = spbe::catalog::ParseDefinition(def, "id");
      if (parsed.ok()) out.push_back(std::move(*parsed));
    }
    return out;
  }();
  return defs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(input, ec);
  if (ec) return 0;
  spbe::catalog::FormContext ctx{[](std::string_view code) { return code.size() % 3 == 2; },
                                 std::chrono::year{2026} / 12 / 2};
  if (v.is_object()) {
    for (const auto& def : DemoDefinitions()) {
      for (bool complete : {false, true})
        (void)spbe::catalog::ValidateData(def.form, v.as_object(), ctx, "en", complete);
      (void)spbe::catalog::FeeFor(def, v.as_object(), "id");
    }
  }
  auto def = spbe::catalog::ParseDefinition(v, "id");
  if (def.ok()) {
    (void)spbe::catalog::ValidateForPublish(*def, "en");
    (void)spbe::catalog::DescribeFormula(*def, "id");
    (void)spbe::catalog::SearchText(*def, "DPMPTSP");
  }
  return 0;
}
