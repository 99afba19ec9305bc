#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>
#include <map>

#include "http/forms.hpp"
#include "identity/pages.hpp"
#include "org/service.hpp"

namespace spbe::identity {

using http::Request;
using http::Response;

namespace {

// A key's scopes as words ("Membaca katalog layanan, Membaca jejak audit"), from its stored list of names.
std::string ScopeWords(const i18n::Catalog& t, std::string_view lang, std::string_view scopes) {
  std::string out;
  std::size_t at = 0;
  while (at < scopes.size()) {
    std::size_t end = scopes.find_first_of(" ,", at);
    if (end == std::string_view::npos) end = scopes.size();
    if (end > at) out += (out.empty() ? "" : ", ") + t.Text(lang, "scope_" + std::string(scopes.substr(at, end - at)));
    at = end + 1;
  }
  return out;
}

// The node an admin works on: the first node where the actor may manage officers.
std::optional<std::int64_t> AdminNode(const access::Actor& actor) {
  for (const auto& g : actor.grants) {
    if (g.role == access::Role::kAdminInstansi || g.role == access::Role::kAdminPlatform) return g.node_id;
  }
  return std::nullopt;
}

// The /admin page, for `Render` below.
Response AdminHome(const http::Views& views, IdentityService& service, org::OrgService& org, const Request& req,
                   int status, boost::json::object extra) {
  auto node_id = AdminNode(req.actor());
  if (!node_id) return views.ErrorPage(req, 403);
  auto subtree = org.Subtree(req.actor(), *node_id);
  auto officers = service.OfficersUnder(req.actor(), *node_id);
  auto keys = service.ListApiKeys(req.actor(), *node_id);
  if (!subtree.ok() || !officers.ok() || !keys.ok()) return views.ErrorPage(req, 403);
  std::size_t base_depth = std::count(subtree->front().path.begin(), subtree->front().path.end(), '/');
  boost::json::array nodes, officer_rows, key_rows, kinds, roles, scopes;
  for (const auto& n : *subtree) {
    auto depth = std::count(n.path.begin(), n.path.end(), '/') - base_depth;
    nodes.push_back({{"id", n.id},
                     {"name", n.name},
                     {"kind", views.catalog().Text(req.lang, "node_kind_" + std::string(org::KindName(n.kind)))},
                     {"indent", std::min<std::int64_t>(static_cast<std::int64_t>(depth), 6)}});
  }
  // One row per officer (the store gives one per role), in the order of the tree.
  std::map<std::int64_t, std::size_t> row_of;
  for (const auto& o : *officers) {
    auto [it, fresh] = row_of.try_emplace(o.id, officer_rows.size());
    if (fresh) {
      officer_rows.push_back({{"id", o.id},
                              {"name", o.name},
                              {"email", o.email},
                              {"nip", o.nip},
                              {"status", views.catalog().Text(req.lang, "status_" + o.status)},
                              {"disabled", o.status == "disabled"},
                              {"roles", boost::json::array()}});
    }
    officer_rows[it->second].as_object()["roles"].as_array().push_back(
        {{"grant_id", o.grant_id},
         {"role", views.catalog().Text(req.lang, "role_" + o.role)},
         {"node_name", o.node_name},
         {"officer", o.name}});
  }
  for (const auto& k : *keys) {
    bool active = k.revoked_at.empty();
    key_rows.push_back({{"id", k.id},
                        {"name", k.name},
                        {"prefix", k.prefix},
                        {"scopes", ScopeWords(views.catalog(), req.lang, k.scopes)},
                        {"active", active},
                        {"status", views.catalog().Text(req.lang, active ? "status_active" : "status_revoked")}});
  }
  for (const char* k : {"perangkat_daerah", "unit_kerja", "kecamatan", "kelurahan_desa"})
    kinds.push_back(
        boost::json::object{{"value", k}, {"label", views.catalog().Text(req.lang, std::string("node_kind_") + k)}});
  for (auto r : access::AllRoles()) {
    std::string name(access::RoleName(r));
    roles.push_back(boost::json::object{{"value", name}, {"label", views.catalog().Text(req.lang, "role_" + name)}});
  }
  for (const auto& sc : KnownScopes()) {
    scopes.push_back(boost::json::object{{"value", sc}, {"label", views.catalog().Text(req.lang, "scope_" + sc)}});
  }
  boost::json::object data{{"scope_name", subtree->front().name}, {"nodes", std::move(nodes)},
                           {"officers", std::move(officer_rows)}, {"keys", std::move(key_rows)},
                           {"kinds", std::move(kinds)},           {"roles", std::move(roles)},
                           {"scopes", std::move(scopes)}};
  for (auto& [k, v] : extra) data[k] = v;
  return views.Page(req, status, "admin/home", std::move(data), "admin_title");
}

// A posted form's field, empty when it was not sent.
std::string Field(const std::map<std::string, std::string>& form, const char* name) {
  auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

// Renders /admin with the admin's subtree, officers and API keys, plus whatever the last action left to say.
auto Render(const http::Views& views, IdentityService& service, org::OrgService& org) {
  return [&views, &service, &org](const Request& req, int status, boost::json::object extra) -> Response {
    return AdminHome(views, service, org, req, status, std::move(extra));
  };
}

// Holds its own copy of `render`: the routes outlive this function, so nothing local may be captured by reference.
auto WithErrors(const http::Views& views, IdentityService& service, org::OrgService& org) {
  auto render = Render(views, service, org);
  return [render](const Request& req, const Error& e) {
    boost::json::array list;
    for (const auto& f : e.fields) list.push_back({{"field", f.field}, {"message", f.message}});
    if (e.fields.empty()) list.push_back({{"field", "-"}, {"message", e.detail}});
    return render(req, e.code == ErrorCode::kForbidden ? 403 : 422,
                  {{"has_errors", true}, {"error_list", std::move(list)}});
  };
}

http::Handler AdminPage(const http::Views& views, IdentityService& service, org::OrgService& org) {
  auto render = Render(views, service, org);
  return [render, &views](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    boost::json::object extra;
    if (auto ok = req.Query("ok")) extra["notice"] = views.catalog().Text(req.lang, "admin_" + *ok);
    return render(req, 200, std::move(extra));
  };
}

http::Handler AddNode(const http::Views& views, IdentityService& service, org::OrgService& org) {
  auto with_errors = WithErrors(views, service, org);
  return [&org, with_errors](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto form = http::ParseForm(req.body);
    auto kind = org::ParseKind(Field(form, "kind"));
    org::NewNode n{std::atoll(Field(form, "parent_id").c_str()), kind.value_or(org::NodeKind::kUnitKerja),
                   Field(form, "name"), Field(form, "slug"), Field(form, "region_code")};
    auto created = org.Create(req.actor(), n, req.lang);
    if (!created.ok()) return with_errors(req, created.error());
    return Response::Redirect("/admin?ok=node_added");
  };
}

http::Handler AddOfficer(const http::Views& views, IdentityService& service, org::OrgService& org,
                         const std::string& public_url) {
  auto with_errors = WithErrors(views, service, org);
  return [&service, with_errors, public_url](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto form = http::ParseForm(req.body);
    NewOfficer o{Field(form, "name"),
                 Field(form, "email"),
                 Field(form, "nip"),
                 Field(form, "position"),
                 std::atoll(Field(form, "node_id").c_str()),
                 Field(form, "role")};
    auto id = service.CreateOfficer(req.actor(), o, req.lang, public_url);
    if (!id.ok()) return with_errors(req, id.error());
    return Response::Redirect("/admin?ok=officer_added");
  };
}

http::Handler GrantRole(const http::Views& views, IdentityService& service, org::OrgService& org) {
  auto with_errors = WithErrors(views, service, org);
  return [&service, with_errors](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto form = http::ParseForm(req.body);
    auto granted = service.GrantRole(req.actor(), std::atoll(Field(form, "officer_id").c_str()),
                                     std::atoll(Field(form, "node_id").c_str()), Field(form, "role"), req.lang);
    if (!granted.ok()) return with_errors(req, granted.error());
    return Response::Redirect("/admin?ok=role_added");
  };
}

http::Handler RevokeRole(const http::Views& views, IdentityService& service, org::OrgService& org) {
  auto with_errors = WithErrors(views, service, org);
  return [&service, with_errors](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto st = service.RevokeGrant(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
    if (!st.ok()) return with_errors(req, st.error());
    return Response::Redirect("/admin?ok=role_revoked");
  };
}

http::Handler SetOfficerEnabled(const http::Views& views, IdentityService& service, org::OrgService& org, bool enable) {
  auto with_errors = WithErrors(views, service, org);
  return [&service, with_errors, enable](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto st = service.SetOfficerEnabled(req.actor(), std::atoll(req.params["id"].c_str()), enable, req.lang);
    if (!st.ok()) return with_errors(req, st.error());
    return Response::Redirect(enable ? "/admin?ok=officer_enabled" : "/admin?ok=officer_disabled");
  };
}

http::Handler IssueApiKey(const http::Views& views, IdentityService& service, org::OrgService& org) {
  auto render = Render(views, service, org);
  auto with_errors = WithErrors(views, service, org);
  return [&service, render, with_errors](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto node = AdminNode(req.actor());
    auto form = http::ParseForm(req.body);
    std::vector<std::string> scopes;
    for (const auto& sc : KnownScopes()) {
      if (form.count("scope_" + sc)) scopes.push_back(sc);
    }
    auto issued = service.IssueApiKey(req.actor(), node.value_or(0), Field(form, "name"), scopes, req.lang);
    if (!issued.ok()) return with_errors(req, issued.error());
    // Shown in this answer only: a redirect would lose it, and it is never stored in clear.
    return render(req, 201, {{"new_key", issued->key}});
  };
}

http::Handler RevokeApiKey(const http::Views& views, IdentityService& service, org::OrgService& org) {
  auto with_errors = WithErrors(views, service, org);
  return [&service, with_errors](Request& req) {
    if (req.actor().anonymous()) return Response::Redirect("/masuk");
    auto st = service.RevokeApiKey(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
    if (!st.ok()) return with_errors(req, st.error());
    return Response::Redirect("/admin?ok=key_revoked");
  };
}

}  // namespace

void RegisterAdminPages(http::Router& router, const http::Views& views, IdentityService& service, org::OrgService& org,
                        std::string public_url) {
  router.Add("GET", "/admin", AdminPage(views, service, org));
  router.Add("POST", "/admin/simpul", AddNode(views, service, org));
  router.Add("POST", "/admin/petugas", AddOfficer(views, service, org, public_url));
  router.Add("POST", "/admin/peran", GrantRole(views, service, org));
  router.Add("POST", "/admin/peran/{id}/cabut", RevokeRole(views, service, org));

  for (bool enable : {false, true}) {
    router.Add("POST", enable ? "/admin/petugas/{id}/aktifkan" : "/admin/petugas/{id}/nonaktifkan",
               SetOfficerEnabled(views, service, org, enable));
  }

  router.Add("POST", "/admin/kunci-api", IssueApiKey(views, service, org));
  router.Add("POST", "/admin/kunci-api/{id}/cabut", RevokeApiKey(views, service, org));
}

}  // namespace spbe::identity
