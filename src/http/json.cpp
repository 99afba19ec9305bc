#include "http/json.hpp"

#include <boost/json.hpp>

namespace spbe::http {

Result<boost::json::object> ParseJsonObject(const Request& req) {
  auto ct = req.Header("content-type");
  if (!ct || ct->find("json") == std::string_view::npos) {
    return Error::Of(ErrorCode::kBadRequest,
                     req.lang == "en" ? "send the body as JSON with Content-Type: application/json"
                                      : "kirim isi permintaan sebagai JSON dengan Content-Type: application/json");
  }
  boost::system::error_code ec;
  auto v = boost::json::parse(req.body, ec);
  if (ec || !v.is_object()) {
    return Error::Of(ErrorCode::kBadRequest,
                     req.lang == "en" ? "the body is not a JSON object" : "isi permintaan bukan objek JSON");
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
