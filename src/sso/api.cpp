// The single sign-on clients API (/api/v1/oauth2/clients): a platform admin registers the applications that sign
// people in through this platform, lists them, rotates a secret and disables one at once.
#include "sso/api.hpp"

#include <boost/describe.hpp>
#include <boost/json.hpp>

#include "http/contract.hpp"
#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"

namespace spbe::sso {

using http::Request;
using http::Response;

struct ClientBody {
  std::string name;
  std::int64_t node_id = 0;
  std::optional<std::string> logo_url;
  std::vector<std::string> redirect_uris;
  std::optional<std::vector<std::string>> post_logout_redirect_uris;
  std::vector<std::string> scopes;
  std::optional<bool> is_public;
  std::optional<std::string> id_token_signed_response_alg;
  std::optional<std::string> nik_legal_basis;
  static boost::json::object Notes() {
    return {
        {"name", {{"maxLength", 120}, {"description", "the application's name, as people will see it"}}},
        {"node_id", {{"description", "the agency (a node of the tree) that owns the application"}}},
        {"logo_url", {{"description", "an https address of its logo (64x64), shown on the consent page"}}},
        {"redirect_uris",
         {{"description", "where codes may be sent, matched exactly; https (http only to localhost)"}}},
        {"post_logout_redirect_uris", {{"description", "where the browser may go after signing out"}}},
        {"scopes", {{"description", "what it may ask for: openid (required), profile, email, phone, nik, officer"}}},
        {"is_public", {{"description", "true for an application that cannot keep a secret (no client secret)"}}},
        {"id_token_signed_response_alg", {{"enum", {"RS256", "EdDSA"}}}},
        {"nik_legal_basis", {{"description", "the regulation that lets it receive the NIK; required with nik"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ClientBody, (),
                      (name, node_id, logo_url, redirect_uris, post_logout_redirect_uris, scopes, is_public,
                       id_token_signed_response_alg, nik_legal_basis))

struct ClientOut {
  std::int64_t id = 0;
  std::string client_id;
  std::string name;
  std::int64_t node_id = 0;
  std::string agency;
  std::string logo_url;
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  std::vector<std::string> scopes;
  bool is_public = false;
  std::string id_token_signed_response_alg;
  std::string nik_legal_basis;
  bool disabled = false;
  std::string created_at;
  static boost::json::object Notes() {
    return {{"client_id", {{"description", "what the application sends as client_id"}}},
            {"created_at", {{"format", "date-time"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ClientOut, (),
                      (id, client_id, name, node_id, agency, logo_url, redirect_uris, post_logout_redirect_uris, scopes,
                       is_public, id_token_signed_response_alg, nik_legal_basis, disabled, created_at))

struct IssuedClientOut {
  std::string client_id;
  std::optional<std::string> client_secret;
  ClientOut client;
  static boost::json::object Notes() {
    return {
        {"client_secret", {{"description", "shown this once and stored only as a hash; absent for a public client"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(IssuedClientOut, (), (client_id, client_secret, client))

namespace {

namespace json = boost::json;
using http::Operation;

constexpr const char* kTag = "sso";

ClientOut ClientOutOf(const ClientRow& c) {
  return {c.id,         c.client_id, c.name,          c.node_id,
          c.node_name,  c.logo_url,  c.redirect_uris, c.post_logout_redirect_uris,
          c.scopes,     c.is_public, c.id_token_alg,  c.nik_legal_basis,
          c.disabled(), c.created_at};
}

IssuedClientOut IssuedOut(const IssuedClient& i) {
  IssuedClientOut out{i.client.client_id, std::nullopt, ClientOutOf(i.client)};
  if (!i.secret.empty()) out.client_secret = i.secret;
  return out;
}

std::int64_t Id(const Request& req) {
  auto it = req.params.find("id");
  return it == req.params.end() ? 0 : ParseRowId(it->second);
}

bool NotAPerson(const Request& req) { return req.actor().account_id == 0; }

http::Handler CreateClient(SsoService& sso) {
  return [&sso](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto in = http::ReadBody<ClientBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    ClientSpec spec;
    spec.name = in->name;
    spec.node_id = in->node_id;
    spec.logo_url = in->logo_url.value_or("");
    spec.redirect_uris = in->redirect_uris;
    spec.post_logout_redirect_uris = in->post_logout_redirect_uris.value_or(std::vector<std::string>{});
    spec.scopes = in->scopes;
    spec.is_public = in->is_public.value_or(false);
    spec.id_token_alg = in->id_token_signed_response_alg.value_or("RS256");
    spec.nik_legal_basis = in->nik_legal_basis.value_or("");
    auto made = sso.CreateClient(req.actor(), spec, req.lang);
    if (!made.ok()) return http::Problem(req, made.error());
    return http::Reply(201, IssuedOut(*made));
  };
}

http::Handler ListClients(SsoService& sso) {
  return [&sso](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto list = sso.Clients(req.actor());
    if (!list.ok()) return http::Problem(req, list.error());
    std::vector<ClientOut> out;
    for (const auto& c : *list) out.push_back(ClientOutOf(c));
    return http::Reply(200, out);
  };
}

http::Handler DisableClient(SsoService& sso) {
  return [&sso](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto c = sso.DisableClient(req.actor(), Id(req), req.lang);
    if (!c.ok()) return http::Problem(req, c.error());
    return http::Reply(200, ClientOutOf(*c));
  };
}

http::Handler RotateSecret(SsoService& sso) {
  return [&sso](Request& req) {
    if (NotAPerson(req)) return http::Unauthorized(req);
    auto c = sso.RotateSecret(req.actor(), Id(req), req.lang);
    if (!c.ok()) return http::Problem(req, c.error());
    return http::Reply(201, IssuedOut(*c));
  };
}

ClientBody Example() {
  return {"Aplikasi Perpustakaan Daerah",
          12,
          std::nullopt,
          {"https://perpustakaan.labuhanbatukab.go.id/masuk/selesai"},
          std::vector<std::string>{"https://perpustakaan.labuhanbatukab.go.id/"},
          {"openid", "profile", "email"},
          false,
          std::string("RS256"),
          std::nullopt};
}

}  // namespace

void RegisterApi(http::Router& router, SsoService& sso) {
  router.DescribeTag(kTag,
                     "Single sign-on: the applications that sign people in through this platform (OpenID Connect; "
                     "the protocol's own endpoints are at /.well-known/openid-configuration).");
  router.Add(
      "POST", "/api/v1/oauth2/clients", CreateClient(sso),
      Operation("createOAuthClient", kTag, "Register an application (a platform admin)")
          .Describe("The secret is in this answer only; it is stored as a hash.")
          .Body<ClientBody>(Example())
          .Reply<IssuedClientOut>(201, "Registered")
          .Problems(
              {{400, "Body is not JSON"}, {401, "Not signed in"}, {403, "Not a platform admin"}, {422, "Field errors"}})
          .Options());
  router.Add("GET", "/api/v1/oauth2/clients", ListClients(sso),
             Operation("listOAuthClients", kTag, "The applications the caller manages")
                 .Reply<std::vector<ClientOut>>(200, "The applications")
                 .Problems({{401, "Not signed in"}})
                 .Options());
  router.Add("POST", "/api/v1/oauth2/clients/{id}/disable", DisableClient(sso),
             Operation("disableOAuthClient", kTag, "Stop an application signing anyone in, at once")
                 .Path("id", http::IntegerSchema(), "The application")
                 .Reply<ClientOut>(200, "Disabled")
                 .Problems({{401, "Not signed in"}, {404, "No such application of the caller"}})
                 .Options());
  router.Add(
      "POST", "/api/v1/oauth2/clients/{id}/secret", RotateSecret(sso),
      Operation("rotateOAuthClientSecret", kTag, "A new secret for an application (the old one stops at once)")
          .Path("id", http::IntegerSchema(), "The application")
          .Reply<IssuedClientOut>(201, "The new secret, shown this once")
          .Problems({{401, "Not signed in"}, {404, "No such application of the caller"}, {409, "A public client"}})
          .Options());
}

}  // namespace spbe::sso
