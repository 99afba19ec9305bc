// The gateway's routes: /interop/v1/call/{member}/{system}/{service}/{path...}, any method, for client systems
// calling with their interop key.
#include <boost/json.hpp>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "interop/api.hpp"
#include "platform/crypto.hpp"
#include "platform/i18n.hpp"

namespace spbe::interop {
namespace {

using http::Request;
using http::Response;

http::Handler CallService(InteropService& bus) {
  return [&bus](Request& req) {
    CallRequest call;
    call.member = req.params["member"];
    call.system = req.params["system"];
    call.service = req.params["service"];
    call.method = req.method;
    // The address as the router read it must be the address as sent ("//" or encodings there would shift the path);
    // what follows it is the provider's path and query exactly as the client sent them, percent-encoding kept.
    std::string canonical = "/interop/v1/call/" + call.member + "/" + call.system + "/" + call.service;
    if (req.target.compare(0, canonical.size(), canonical) != 0) {
      return http::Problem(req, Error::Of(ErrorCode::kBadRequest, i18n::Tr(req.lang, "interop_path_invalid")));
    }
    std::string rest = req.target.substr(canonical.size());
    auto q = rest.find('?');
    call.path = rest.substr(0, q);
    call.query = q == std::string::npos ? "" : rest.substr(q);
    call.headers = req.headers;
    call.body = req.body;
    call.request_id = crypto::RandomHex(16);
    CallAnswer answer = bus.Call(req.actor(), call, req.lang);
    Response res;
    if (answer.problem) {
      res = answer.status ? http::ProblemForStatus(req, answer.status, answer.problem->detail)
                          : http::Problem(req, *answer.problem);
      if (answer.problem->code == ErrorCode::kUnauthorized) res.Set("WWW-Authenticate", "Bearer");
    } else {
      res.status = answer.status;
      res.body = std::move(answer.body);
      for (auto& [k, v] : answer.headers) res.headers.emplace_back(k, std::move(v));
    }
    res.Set("X-SPL-Request-Id", call.request_id);
    if (!answer.client.empty() && !answer.service_address.empty()) {
      bus.Observe(answer.client, answer.service_address, res.status, answer.duration_us / 1e6);
    }
    if (!answer.receipt.empty()) res.Set("X-SPL-Receipt", answer.receipt);
    return res;
  };
}

http::Operation GatewayOperation(const std::string& method, bool with_path) {
  std::string id = "callInteropService";
  id += static_cast<char>(method[0]);
  for (std::size_t i = 1; i < method.size(); ++i) id += static_cast<char>(std::tolower(method[i]));
  if (with_path) id += "Path";
  http::Operation op(id, "interop", method + " through the bus to a provider's service");
  op.Describe(
        "The caller is a client system with its `interop` key (Authorization: Bearer). The bus checks the grant, the "
        "size and the rate, strips any X-SPL-* header, and forwards with X-SPL-Client, X-SPL-Request-Id, X-SPL-User "
        "(from the client's X-SPL-User, when it acts for a person) and an HTTP Message Signature (RFC 9421, label "
        "`spl`, Ed25519; keys at /interop/v1/keys) over the method, target URI, Content-Digest (RFC 9530) and those "
        "headers. The answer is the provider's, with X-SPL-Request-Id and X-SPL-Receipt (a JWS of the exchange). "
        "Every exchange is in the message log before the answer leaves.")
      .Scope("interop")
      .ReplyContent(200, "The provider's answer, whatever its status", "*/*", {{}})
      .Problems({{400, "The path climbs out of the service"},
                 {401, "No interop key"},
                 {403, "No active grant for this client"},
                 {404, "No such service, or withdrawn"},
                 {413, "Body over the service's limit"},
                 {429, "Over the service's rate for this client (Retry-After)"},
                 {502, "Provider unreachable, not connected, or its answer over the limit"},
                 {503, "The log could not be written"},
                 {504, "Provider too slow"}});
  if (with_path) op.Path("path", {{"type", "string"}}, "The provider's path, after the service's address");
  if (method != "GET" && method != "DELETE") op.BodyContent("*/*", {{}}, nullptr).BodyOptional();
  return op;
}

}  // namespace

void RegisterGateway(http::Router& router, InteropService& bus) {
  for (const char* method : {"GET", "POST", "PUT", "PATCH", "DELETE"}) {
    router.Add(method, "/interop/v1/call/{member}/{system}/{service}", CallService(bus),
               GatewayOperation(method, false).Options());
    router.Add(method, "/interop/v1/call/{member}/{system}/{service}/{path*}", CallService(bus),
               GatewayOperation(method, true).Options());
  }
}

}  // namespace spbe::interop
