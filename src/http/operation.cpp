#include "http/operation.hpp"

namespace spbe::http {

namespace json = boost::json;

Operation::Operation(std::string id, std::string tag, std::string summary) {
  op_["operationId"] = id;
  op_["tags"] = json::array{json::string(tag)};
  op_["summary"] = summary;
}

Operation& Operation::Describe(std::string text) {
  op_["description"] = text;
  return *this;
}

Operation& Operation::Public() {
  public_ = true;
  return *this;
}

Operation& Operation::Scope(std::string scope) {
  scope_ = std::move(scope);
  return *this;
}

Operation& Operation::CredentialOptional() {
  credential_optional_ = true;
  return *this;
}

Operation& Operation::Path(std::string name, json::object schema, std::string description) {
  parameters_.push_back(json::object{
      {"name", name}, {"in", "path"}, {"required", true}, {"description", description}, {"schema", std::move(schema)}});
  return *this;
}

Operation& Operation::Query(std::string name, json::object schema, std::string description, bool required) {
  parameters_.push_back(json::object{{"name", name},
                                     {"in", "query"},
                                     {"required", required},
                                     {"description", description},
                                     {"schema", std::move(schema)}});
  return *this;
}

Operation& Operation::Header(std::string name, std::string description, bool required) {
  parameters_.push_back(json::object{{"name", name},
                                     {"in", "header"},
                                     {"required", required},
                                     {"description", description},
                                     {"schema", {{"type", "string"}, {"maxLength", 100}}}});
  return *this;
}

Operation& Operation::BodyContent(std::string media_type, json::object schema, const json::object* example) {
  json::object media{{"schema", std::move(schema)}};
  if (example) media["example"] = *example;
  auto& body = op_["requestBody"];
  if (!body.is_object()) body = json::object{{"required", true}, {"content", json::object{}}};
  body.as_object()["content"].as_object()[media_type] = std::move(media);
  return *this;
}

Operation& Operation::BodyOptional() {
  auto& body = op_["requestBody"];
  if (body.is_object()) body.as_object()["required"] = false;
  return *this;
}

Operation& Operation::ReplyContent(int status, std::string description, std::string media_type, json::object schema,
                                   const json::value* example) {
  auto key = std::to_string(status);
  auto& r = responses_[key];
  if (!r.is_object()) r = json::object{{"description", description}, {"content", json::object{}}};
  json::object media{{"schema", std::move(schema)}};
  if (example) media["example"] = *example;
  r.as_object()["content"].as_object()[media_type] = std::move(media);
  return *this;
}

Operation& Operation::ReplyEmpty(int status, std::string description) {
  responses_[std::to_string(status)] = json::object{{"description", description}};
  return *this;
}

Operation& Operation::Problems(std::initializer_list<std::pair<int, const char*>> problems) {
  for (const auto& [status, description] : problems) {
    responses_[std::to_string(status)] = json::object{
        {"description", description},
        {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  }
  return *this;
}

json::object Operation::Document() const {
  json::object op = op_;
  if (!parameters_.empty()) op["parameters"] = parameters_;
  op["responses"] = responses_;
  // Whatever else the server may answer for any route (a body too large, too many requests, overload, a failure):
  // always an RFC 9457 problem.
  op["responses"].as_object()["default"] = json::object{
      {"description", "Any other error (413 body too large, 429 too many requests, 503 overloaded, 500)"},
      {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
  json::array security;
  if (!public_) {
    security.push_back(json::object{{"bearerAuth", json::array()}});
    security.push_back(json::object{{"sessionCookie", json::array()}});
    if (!scope_.empty()) security.push_back(json::object{{"apiKey", json::array{json::string(scope_)}}});
    if (credential_optional_) security.push_back(json::object{});
  }
  op["security"] = std::move(security);
  return op;
}

RouteOptions Operation::Options(bool on_io_thread, bool io_first) const {
  return RouteOptions{.on_io_thread = on_io_thread,
                      .io_first = io_first,
                      .openapi = json::serialize(Document()),
                      .api_key_scope = scope_};
}

json::object BinarySchema() { return {{"type", "string"}, {"format", "binary"}}; }
json::object IntegerSchema() { return {{"type", "integer"}, {"format", "int64"}}; }
json::object StringSchema(std::string_view pattern) {
  json::object s{{"type", "string"}};
  if (!pattern.empty()) s["pattern"] = pattern;
  return s;
}

}  // namespace spbe::http
