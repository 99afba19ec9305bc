// The pages of single sign-on: the platform admin's list of applications (/sso/kelola: register, rotate a secret
// shown once, disable at once) and a person's connected applications (/profil/aplikasi: what each may read, "cabut
// akses").
#include "sso/pages.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "http/forms.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"

namespace spbe::sso {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

bool PlatformAdmin(const access::Actor& actor) {
  return std::any_of(actor.grants.begin(), actor.grants.end(),
                     [](const access::Grant& g) { return g.role == access::Role::kAdminPlatform; });
}

Response Console(const http::Views& views, SsoService& sso, org::OrgService& org, const Request& req, int status,
                 json::object data) {
  auto clients = sso.Clients(req.actor());
  if (!clients.ok()) return views.FailurePage(req, clients.error());
  TimeZone zone = views.zone();
  json::array rows;
  for (const auto& c : *clients) {
    rows.push_back({{"id", c.id},
                    {"client_id", c.client_id},
                    {"name", c.name},
                    {"agency", c.node_name},
                    {"scopes", JoinScope(c.scopes)},
                    {"redirects", JoinScope(c.redirect_uris)},
                    {"public", c.is_public},
                    {"disabled", c.disabled()},
                    {"created", LocalDateTimeText(c.created_at, zone, req.lang)}});
  }
  json::array nodes;
  for (const auto& g : req.actor().grants) {
    auto root = org.Get(g.node_id);
    if (!root.ok()) continue;
    nodes.push_back({{"id", root->id}, {"name", root->name}});
    auto below = org.Children(root->id);
    if (below.ok()) {
      for (const auto& n : *below) nodes.push_back({{"id", n.id}, {"name", n.name}});
    }
  }
  std::string csrf = http::CsrfToken(req);
  data["csrf"] = csrf;
  data["clients"] = std::move(rows);
  data["no_clients"] = clients->empty();
  data["nodes"] = std::move(nodes);
  data["issuer"] = sso.options().issuer;
  Response r = views.Page(req, status, "sso/clients", std::move(data), "sso_console_title");
  http::SetCsrfCookie(r, req, csrf);
  return r;
}

http::Handler ConsolePage(const http::Views& views, SsoService& sso, org::OrgService& org) {
  return [&views, &sso, &org](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/sso/kelola", 303);
    if (!PlatformAdmin(req.actor())) {
      return views.FailurePage(req, Error::Of(ErrorCode::kForbidden, i18n::Tr(req.lang, "sso_client_forbidden")));
    }
    return Console(views, sso, org, req, 200, {});
  };
}

http::Handler RegisterForm(const http::Views& views, SsoService& sso, org::OrgService& org) {
  return [&views, &sso, &org](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/sso/kelola", 303);
    auto form = http::ParseForm(req.body);
    ClientSpec spec;
    spec.name = http::FormField(form, "name").substr(0, 200);
    spec.node_id = ParseRowId(http::FormField(form, "node_id"));
    spec.logo_url = http::FormField(form, "logo_url").substr(0, 600);
    spec.redirect_uris = SplitLines(http::FormField(form, "redirect_uris").substr(0, 6000));
    spec.post_logout_redirect_uris = SplitLines(http::FormField(form, "post_logout_redirect_uris").substr(0, 6000));
    for (const auto& s : KnownScopes()) {
      if (s == "openid" || http::FormField(form, "scope_" + s) == "1") spec.scopes.push_back(s);
    }
    spec.is_public = http::FormField(form, "is_public") == "1";
    spec.id_token_alg = http::FormField(form, "alg") == "EdDSA" ? "EdDSA" : "RS256";
    spec.nik_legal_basis = http::FormField(form, "nik_legal_basis").substr(0, 400);
    auto made = sso.CreateClient(req.actor(), spec, req.lang);
    if (!made.ok()) {
      if (made.error().code != ErrorCode::kValidation) return views.FailurePage(req, made.error());
      json::object errors;
      for (const auto& f : made.error().fields) errors[f.field] = f.message;
      json::object typed{
          {"name", spec.name},
          {"logo_url", spec.logo_url},
          {"redirect_uris", http::FormField(form, "redirect_uris").substr(0, 6000)},
          {"post_logout_redirect_uris", http::FormField(form, "post_logout_redirect_uris").substr(0, 6000)},
          {"nik_legal_basis", spec.nik_legal_basis}};
      return Console(views, sso, org, req, 422,
                     {{"form_open", true}, {"errors", errors}, {"typed", typed}, {"form_error", made.error().detail}});
    }
    return Console(
        views, sso, org, req, 201,
        {{"issued_id", made->client.client_id}, {"issued_secret", made->secret}, {"issued_for", made->client.name}});
  };
}

http::Handler RotateForm(const http::Views& views, SsoService& sso, org::OrgService& org) {
  return [&views, &sso, &org](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/sso/kelola", 303);
    auto made = sso.RotateSecret(req.actor(), ParseRowId(req.params["id"]), req.lang);
    if (!made.ok()) return views.FailurePage(req, made.error());
    return Console(
        views, sso, org, req, 200,
        {{"issued_id", made->client.client_id}, {"issued_secret", made->secret}, {"issued_for", made->client.name}});
  };
}

http::Handler DisableForm(const http::Views& views, SsoService& sso) {
  return [&views, &sso](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/sso/kelola", 303);
    auto done = sso.DisableClient(req.actor(), ParseRowId(req.params["id"]), req.lang);
    if (!done.ok()) return views.FailurePage(req, done.error());
    return Response::Redirect("/sso/kelola?nonaktif=1", 303);
  };
}

http::Handler AppsPage(const http::Views& views, SsoService& sso) {
  return [&views, &sso](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/profil/aplikasi", 303);
    auto apps = sso.ConnectedApps(req.actor());
    if (!apps.ok()) return views.FailurePage(req, apps.error());
    TimeZone zone = views.zone();
    json::array rows;
    for (const auto& a : *apps) {
      json::array reads;
      for (const auto& s : SplitScope(a.scope)) {
        reads.push_back(json::object{{"text", views.catalog().Text(req.lang, "sso_scope_" + s)}});
      }
      rows.push_back({{"id", a.client_id},
                      {"name", a.client_name},
                      {"agency", a.agency},
                      {"reads", std::move(reads)},
                      {"since", LocalDateTimeText(a.granted_at, zone, req.lang)}});
    }
    std::string csrf = http::CsrfToken(req);
    Response r = views.Page(req, 200, "sso/apps",
                            {{"apps", std::move(rows)},
                             {"none", apps->empty()},
                             {"csrf", csrf},
                             {"revoked", req.Query("dicabut").has_value()}},
                            "sso_apps_title");
    http::SetCsrfCookie(r, req, csrf);
    return r;
  };
}

http::Handler DisconnectForm(const http::Views& views, SsoService& sso) {
  return [&views, &sso](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk?kembali=/profil/aplikasi", 303);
    Status st = sso.Disconnect(req.actor(), ParseRowId(req.params["id"]), req.lang);
    if (!st.ok()) return views.FailurePage(req, st.error());
    return Response::Redirect("/profil/aplikasi?dicabut=1", 303);
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, SsoService& sso, org::OrgService& org) {
  router.Add("GET", "/sso/kelola", ConsolePage(views, sso, org));
  router.Add("POST", "/sso/kelola", RegisterForm(views, sso, org));
  router.Add("POST", "/sso/kelola/{id}/rahasia", RotateForm(views, sso, org));
  router.Add("POST", "/sso/kelola/{id}/nonaktifkan", DisableForm(views, sso));
  router.Add("GET", "/profil/aplikasi", AppsPage(views, sso));
  router.Add("POST", "/profil/aplikasi/{id}/cabut", DisconnectForm(views, sso));
}

}  // namespace spbe::sso
