#pragma once
/// The fields of a service's form for the form page (form_fields.cpp).

#include <boost/json.hpp>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "applications/store.hpp"
#include "catalog/service.hpp"
#include "org/service.hpp"

namespace spbe::applications {

/// Each field with its value (from `values`), its error, its note (a prefill's source), and what its kind needs.
boost::json::array FormFields(org::OrgService& org, const catalog::ServiceView& sv, const boost::json::object& values,
                              const std::map<std::string, std::string>& errors, const std::vector<FileRow>& files,
                              const std::map<std::string, std::string>& notes, std::string_view lang);

}  // namespace spbe::applications
