#pragma once
/// The admin's service editor works without JavaScript: one HTML form whose inputs are named after the definition
/// ("name_id", "field.2.type", "step.1.action.verify" ...). These functions turn a definition into those values
/// and a posted form back into a definition, starting from the one being edited so that what the form does not
/// show (a field's pattern, a file's accepted kinds) is kept. No I/O; the result is checked by ParseDefinition.

#include <boost/json/object.hpp>
#include <map>
#include <string>
#include <utility>

namespace spbe::catalog {

/// A text of the definition ("x" or {"id": "x", "en": "y"}) as its two languages.
std::pair<std::string, std::string> TextParts(const boost::json::value* v);

/// The components of the standard edited as a pair of text areas (Indonesian, English), in the order of UU 25/2009.
const std::vector<const char*>& StandardTextKeys();

/// `base` with the posted form applied. Rows marked ".remove" are dropped; a row beyond the base's rows is added
/// when its name (field) or key (step) is filled in. Numbers that do not parse are kept as text, so the parser
/// names them.
boost::json::object ApplyEditorForm(const boost::json::object& base, const std::map<std::string, std::string>& form);

}  // namespace spbe::catalog
