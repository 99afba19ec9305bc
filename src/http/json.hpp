#pragma once
/// JSON helpers for API handlers.

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "http/message.hpp"
#include "platform/result.hpp"

namespace spbe::http {

/// The request body as a JSON object; a kBadRequest error saying what is wrong otherwise.
Result<boost::json::object> ParseJsonObject(const Request& req);

/// The string member `name`, or nullopt when absent or not a string.
std::optional<std::string> StringField(const boost::json::object& o, std::string_view name);

Response JsonResponse(int status, const boost::json::value& v);

}  // namespace spbe::http
