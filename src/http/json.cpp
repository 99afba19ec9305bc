#include "http/json.hpp"

#include <boost/json.hpp>

#include "platform/i18n.hpp"

namespace spbe::http {

Result<boost::json::object> ParseJsonObject(const Request& req) {
  auto ct = req.Header("content-type");
  if (!ct || ct->find("json") == std::string_view::npos) {
    return Error::Of(ErrorCode::kBadRequest, i18n::Tr(req.lang, "http_body_not_json"));
  }
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body, ec);
  if (ec || !v.is_object()) {
    return Error::Of(ErrorCode::kBadRequest, i18n::Tr(req.lang, "http_body_not_object"));
  }
  return std::move(v.as_object());
}

std::optional<std::string> StringField(const boost::json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  if (!v || !v->is_string()) return std::nullopt;
  return std::string(v->as_string());
}

Response JsonResponse(int status, const boost::json::value& v) {
  return Response::Json(status, boost::json::serialize(v));
}

}  // namespace spbe::http
