#pragma once
/// One API operation described in C++ next to its handler: its operationId, tag, summary, who may call it, its
/// parameters, and the contract types of its request and response bodies (http/contract.hpp). Operation::Options()
/// gives the router the OpenAPI Operation Object built from those, so the document shows exactly the types the
/// handler reads and writes.
///
///   router.Add("POST", "/api/v1/applications", CreateApplication(service),
///              http::Operation("createApplication", "applications", "File an application")
///                  .Header("Idempotency-Key", "The same key twice files once")
///                  .Body<CreateApplicationBody>()
///                  .Reply<Filed>(201, "Filed")
///                  .Problems({{401, "Not signed in"}, {422, "Field errors name the form's fields"}})
///                  .Options());
///
/// Path parameters are read from the route's pattern (strings unless Path() says otherwise); a route that needs no
/// credential says Public(); one that another system may call with an API key names the key's Scope().

#include <boost/json.hpp>
#include <initializer_list>
#include <string>
#include <utility>

#include "http/contract.hpp"
#include "http/json.hpp"
#include "http/router.hpp"

namespace spbe::http {

class Operation {
 public:
  Operation(std::string id, std::string tag, std::string summary);

  /// A longer explanation (Markdown).
  Operation& Describe(std::string text);
  /// No credential needed (security: []).
  Operation& Public();
  /// Another system may call it with an API key holding this scope (besides a person's token or session).
  Operation& Scope(std::string scope);
  /// A credential is taken when sent but not needed (an access code or open data serves the anonymous caller).
  Operation& CredentialOptional();

  /// A path parameter's type and meaning (those not named here are strings).
  Operation& Path(std::string name, boost::json::object schema, std::string description);
  Operation& Query(std::string name, boost::json::object schema, std::string description, bool required = false);
  /// A request header; `required` when the operation refuses a request without it.
  Operation& Header(std::string name, std::string description, bool required = false);

  /// The JSON request body, read with contract::Read<T>.
  template <class T>
  Operation& Body() {
    return BodyContent("application/json", contract::Schema<T>(), nullptr);
  }
  /// ... with an example (checked against the schema by the linter).
  template <class T>
  Operation& Body(const T& example) {
    auto e = contract::Write(example);
    return BodyContent("application/json", contract::Schema<T>(), &e);
  }
  /// Any other request body (a multipart form, a file).
  Operation& BodyContent(std::string media_type, boost::json::object schema, const boost::json::object* example);
  /// The body may be left out (after Body or BodyContent).
  Operation& BodyOptional();

  /// A JSON answer of contract type T with this status.
  template <class T>
  Operation& Reply(int status, std::string description) {
    return ReplyContent(status, std::move(description), "application/json", contract::Schema<T>(true), nullptr);
  }
  template <class T>
  Operation& Reply(int status, std::string description, const T& example) {
    auto e = contract::detail::WriteValue(example);
    return ReplyContent(status, std::move(description), "application/json", contract::Schema<T>(true), &e);
  }
  /// An answer of another media type (a PDF, a CSV, a spreadsheet, text).
  Operation& ReplyContent(int status, std::string description, std::string media_type, boost::json::object schema,
                          const boost::json::value* example = nullptr);
  /// An answer without a body (204, 303).
  Operation& ReplyEmpty(int status, std::string description);
  /// Errors answered as RFC 9457 problem+json.
  Operation& Problems(std::initializer_list<std::pair<int, const char*>> problems);

  /// The Operation Object (path parameters are completed by OpenApiDocument from the route's pattern).
  boost::json::object Document() const;
  /// on_io_thread: for handlers that never block (see RouteOptions).
  RouteOptions Options(bool on_io_thread = false, bool io_first = false) const;

 private:
  boost::json::object op_;
  boost::json::array parameters_;
  boost::json::object responses_;
  std::string scope_;
  bool public_ = false;
  bool credential_optional_ = false;
};

/// The request's JSON body read into its contract type: a 400 error when it is not JSON, a 422 naming each wrong
/// or missing member otherwise.
template <class T>
Result<T> ReadBody(const Request& req) {
  auto body = ParseJsonObject(req);
  if (!body.ok()) return body.error();
  return contract::Read<T>(*body, req.lang);
}

/// A JSON answer written from its contract type.
template <class T>
Response Reply(int status, const T& body) {
  return JsonResponse(status, contract::detail::WriteValue(body));
}

/// `{"type": "string", "format": "binary"}`-style schema helpers for file answers.
boost::json::object BinarySchema();
boost::json::object IntegerSchema();
boost::json::object StringSchema(std::string_view pattern = {});

}  // namespace spbe::http
