// The officers routes of the identity API: officers, their role grants, and API keys of other systems.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "http/operation.hpp"
#include "http/problem.hpp"
#include "identity/api.hpp"
#include "identity/api_contracts.hpp"

namespace spbe::identity {

using http::Request;
using http::Response;
namespace json = boost::json;
using api_detail::NoContent;

namespace {

// ---- Contracts ----

json::array RoleNames() {
  json::array names;
  for (auto role : access::AllRoles()) names.emplace_back(access::RoleName(role));
  return names;
}

struct OfficerBody {
  std::string name;
  std::string email;
  std::string nip;
  std::string position;
  std::int64_t node_id = 0;
  std::string role;
  static json::object Notes() {
    return {{"name", {{"maxLength", 200}}},
            {"email", {{"format", "email"}, {"description", "Where the activation code is sent"}}},
            {"nip", {{"pattern", "^[0-9]{18}$"}, {"description", "Nomor Induk Pegawai (18 digits)"}}},
            {"position", {{"maxLength", 200}, {"description", "Jabatan"}}},
            {"node_id", {{"description", "The node of the government tree the role is held on"}}},
            {"role", {{"enum", RoleNames()}}}};
  }
};
BOOST_DESCRIBE_STRUCT(OfficerBody, (), (name, email, nip, position, node_id, role))

struct OfficerCreated {
  std::int64_t id = 0;
  std::string status;
  static json::object Notes() {
    return {{"id", {{"description", "The officer's account id"}}}, {"status", {{"enum", {"pending_activation"}}}}};
  }
};
BOOST_DESCRIBE_STRUCT(OfficerCreated, (), (id, status))

// One role an officer holds: an officer with several roles has several rows.
struct OfficerListed {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::string nip;
  std::string status;
  std::int64_t grant_id = 0;
  std::string role;
  std::int64_t node_id = 0;
  std::string node_name;
  static json::object Notes() {
    return {{"id", {{"description", "The officer's account id"}}},
            {"status", {{"enum", {"pending", "active", "disabled"}}}},
            {"grant_id", {{"description", "This role grant (DELETE /api/v1/grants/{id} takes it away)"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(OfficerListed, (), (id, name, email, nip, status, grant_id, role, node_id, node_name))

struct GrantBody {
  std::int64_t node_id = 0;
  std::string role;
  static json::object Notes() { return {{"role", {{"enum", RoleNames()}}}}; }
};
BOOST_DESCRIBE_STRUCT(GrantBody, (), (node_id, role))

struct GrantCreated {
  std::int64_t grant_id = 0;
};
BOOST_DESCRIBE_STRUCT(GrantCreated, (), (grant_id))

struct OfficerState {
  std::string status;
  static json::object Notes() { return {{"status", {{"enum", {"enabled", "disabled"}}}}}; }
};
BOOST_DESCRIBE_STRUCT(OfficerState, (), (status))

// The request of POST /api/v1/api-keys, its scopes listed from access::Scopes().
struct ApiKeyBody {
  std::int64_t node_id = 0;
  std::string name;
  std::vector<std::string> scopes;
  static json::object Notes() {
    json::array names;
    for (const auto& sc : access::Scopes()) names.emplace_back(sc.name);
    return {{"node_id", {{"description", "The node the key is bound to (its subtree)"}}},
            {"name", {{"minLength", 1}, {"maxLength", 100}, {"description", "The system that will use the key"}}},
            {"scopes", {{"minItems", 1}, {"items", {{"type", "string"}, {"enum", std::move(names)}}}}}};
  }
};
BOOST_DESCRIBE_STRUCT(ApiKeyBody, (), (node_id, name, scopes))

struct IssuedKey {
  std::int64_t id = 0;
  std::string key;
  std::string prefix;
  std::int64_t node_id = 0;
  std::string name;
  std::string scopes;
  static json::object Notes() {
    return {{"key", {{"description", "spbe_<prefix>_<secret>: shown only here, stored hashed"}}},
            {"scopes", {{"description", "Space-separated"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(IssuedKey, (), (id, key, prefix, node_id, name, scopes))

struct KeyListed {
  std::int64_t id = 0;
  std::string name;
  std::string prefix;
  std::string scopes;
  std::string created_at;
  http::contract::Nullable<std::string> revoked_at;
  static json::object Notes() {
    return {{"scopes", {{"description", "Space-separated"}}},
            {"created_at", {{"format", "date-time"}}},
            {"revoked_at", {{"description", "null while the key is valid"}}}};
  }
};
BOOST_DESCRIBE_STRUCT(KeyListed, (), (id, name, prefix, scopes, created_at, revoked_at))

std::string ScopeList() {
  std::string out = "Scopes:";
  for (const auto& sc : access::Scopes()) {
    out += "\n- `" + std::string(sc.name) + "`: " + std::string(sc.description);
  }
  return out;
}

std::int64_t IdParam(Request& req) { return std::atoll(req.params["id"].c_str()); }

// The node of the caller's own agency: the first one where it is an agency or platform admin (0: none).
std::int64_t OwnAgency(const access::Actor& actor) {
  for (const auto& g : actor.grants) {
    if (g.role == access::Role::kAdminInstansi || g.role == access::Role::kAdminPlatform) return g.node_id;
  }
  return 0;
}

// ---- Handlers ----

http::Handler CreateOfficer(IdentityService& service, std::string public_url) {
  return [&service, public_url](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto in = http::ReadBody<OfficerBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    NewOfficer o{in->name, in->email, in->nip, in->position, in->node_id, in->role};
    auto id = service.CreateOfficer(req.actor(), o, req.lang, public_url);
    if (!id.ok()) return http::Problem(req, id.error());
    return http::Reply(201, OfficerCreated{*id, "pending_activation"});
  };
}

http::Handler ListOfficers(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto q = req.Query("node_id");
    std::int64_t node = q ? std::atoll(q->c_str()) : OwnAgency(req.actor());
    auto rows = service.OfficersUnder(req.actor(), node);
    if (!rows.ok()) return http::Problem(req, rows.error());
    std::vector<OfficerListed> out;
    out.reserve(rows->size());
    for (const auto& o : *rows) {
      out.push_back({o.id, o.name, o.email, o.nip, o.status, o.grant_id, o.role, o.node_id, o.node_name});
    }
    return http::Reply(200, out);
  };
}

http::Handler GrantRole(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto in = http::ReadBody<GrantBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto id = service.GrantRole(req.actor(), IdParam(req), in->node_id, in->role, req.lang);
    if (!id.ok()) return http::Problem(req, id.error());
    return http::Reply(201, GrantCreated{*id});
  };
}

http::Handler RevokeGrant(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto st = service.RevokeGrant(req.actor(), IdParam(req), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

http::Handler SetOfficerEnabled(IdentityService& service, bool enable) {
  return [&service, enable](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto st = service.SetOfficerEnabled(req.actor(), IdParam(req), enable, req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return http::Reply(200, OfficerState{enable ? "enabled" : "disabled"});
  };
}

http::Handler IssueApiKey(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto in = http::ReadBody<ApiKeyBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto issued = service.IssueApiKey(req.actor(), in->node_id, in->name, in->scopes, req.lang);
    if (!issued.ok()) return http::Problem(req, issued.error());
    const ApiKeyRow& row = issued->row;
    return http::Reply(201, IssuedKey{row.id, issued->key, row.prefix, row.node_id, row.name, row.scopes});
  };
}

http::Handler ListApiKeys(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    std::int64_t node = 0;
    if (auto q = req.Query("node_id")) node = std::atoll(q->c_str());
    auto keys = service.ListApiKeys(req.actor(), node);
    if (!keys.ok()) return http::Problem(req, keys.error());
    std::vector<KeyListed> out;
    out.reserve(keys->size());
    for (const auto& k : *keys) {
      out.push_back({k.id, k.name, k.prefix, k.scopes, k.created_at,
                     k.revoked_at.empty() ? http::contract::Nullable<std::string>() : k.revoked_at});
    }
    return http::Reply(200, out);
  };
}

http::Handler RevokeApiKey(IdentityService& service) {
  return [&service](Request& req) {
    if (req.actor().anonymous()) return http::Unauthorized(req);
    auto st = service.RevokeApiKey(req.actor(), IdParam(req), req.lang);
    if (!st.ok()) return http::Problem(req, st.error());
    return NoContent();
  };
}

void RegisterGrantRoutes(http::Router& router, IdentityService& service) {
  router.Add("POST", "/api/v1/officers/{id}/grants", GrantRole(service),
             http::Operation("grantRole", "officers", "Give an existing officer a role on a node")
                 .Describe("The caller must manage officers of that node and reach one of the officer's current "
                           "roles; platform-wide roles are granted by a platform admin. Roles that need two-step "
                           "sign-in (kepala, admin_instansi, admin_platform) wait until an active officer has it on.")
                 .Path("id", http::IntegerSchema(), "The officer's account id")
                 .Body<GrantBody>(GrantBody{4, "verifikator"})
                 .Reply<GrantCreated>(201, "Granted", GrantCreated{57})
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not an admin of that node, or the role is above the caller"},
                            {404, "No such officer in the caller's reach"},
                            {422, "Field errors (no such node or role, role already held, second factor needed)"}})
                 .Options());

  router.Add("DELETE", "/api/v1/grants/{id}", RevokeGrant(service),
             http::Operation("revokeGrant", "officers", "Take a role away from an officer (never one's own)")
                 .Path("id", http::IntegerSchema(), "The role grant (grant_id in GET /api/v1/officers)")
                 .ReplyEmpty(204, "Revoked")
                 .Problems({{401, "Not signed in"},
                            {403, "The role is above the caller, or it is the caller's own"},
                            {404, "No such grant in the caller's reach"}})
                 .Options());

  router.Add("POST", "/api/v1/officers/{id}/disable", SetOfficerEnabled(service, false),
             http::Operation("disableOfficer", "officers", "Disable an officer's account: every session ends at once")
                 .Describe("The caller must reach every role the officer holds; disabling twice is harmless.")
                 .Path("id", http::IntegerSchema(), "The officer's account id")
                 .Reply<OfficerState>(200, "Disabled", OfficerState{"disabled"})
                 .Problems({{401, "Not signed in"},
                            {403, "The officer also holds roles outside the caller's reach, or it is the caller"},
                            {404, "No such officer in the caller's reach"}})
                 .Options());

  router.Add("POST", "/api/v1/officers/{id}/enable", SetOfficerEnabled(service, true),
             http::Operation("enableOfficer", "officers", "Enable a disabled officer's account again")
                 .Describe("An account still waiting for activation stays so; enabling twice is harmless.")
                 .Path("id", http::IntegerSchema(), "The officer's account id")
                 .Reply<OfficerState>(200, "Enabled", OfficerState{"enabled"})
                 .Problems({{401, "Not signed in"},
                            {403, "The officer also holds roles outside the caller's reach, or it is the caller"},
                            {404, "No such officer in the caller's reach"}})
                 .Options());
}

void RegisterApiKeyRoutes(http::Router& router, IdentityService& service) {
  router.Add("POST", "/api/v1/api-keys", IssueApiKey(service),
             http::Operation("issueApiKey", "officers",
                             "Issue an API key for another system, bound to a node the caller administers")
                 .Describe("The key is shown only in this answer. A key can do no more than the admin who issues "
                           "it.\n\n" +
                           ScopeList())
                 .Body<ApiKeyBody>(ApiKeyBody{4, "SIMBG Kabupaten", {"applications.read", "stats.read"}})
                 .Reply<IssuedKey>(201, "Issued")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not an admin of that node"},
                            {409, "A clash of key prefixes: try again"},
                            {422, "Field errors (name, unknown scope, a scope the caller does not hold)"}})
                 .Options());

  router.Add("GET", "/api/v1/api-keys", ListApiKeys(service),
             http::Operation("listApiKeys", "officers", "The API keys of a node (never the keys themselves)")
                 .Query("node_id", http::IntegerSchema(), "The node whose keys to list")
                 .Reply<std::vector<KeyListed>>(200, "Keys, revoked ones included")
                 .Problems({{401, "Not signed in"}, {403, "Not an admin of that node (or no node_id)"}})
                 .Options());

  router.Add("DELETE", "/api/v1/api-keys/{id}", RevokeApiKey(service),
             http::Operation("revokeApiKey", "officers", "Revoke an API key at once")
                 .Path("id", http::IntegerSchema(), "The key's id")
                 .ReplyEmpty(204, "Revoked")
                 .Problems({{401, "Not signed in"}, {404, "No such key in the caller's reach"}})
                 .Options());
}

}  // namespace

void RegisterOfficersApi(http::Router& router, IdentityService& service, std::string public_url) {
  router.Add(
      "POST", "/api/v1/officers", CreateOfficer(service, std::move(public_url)),
      http::Operation("createOfficer", "officers",
                      "Create an officer (ASN) with a role on a node the caller administers")
          .Describe("The account waits for activation: a code goes to the officer's e-mail, and the officer chooses "
                    "the password (POST /api/v1/auth/activate); the admin never sees or sets it.")
          .Body<OfficerBody>(OfficerBody{"Dewi Lestari", "dewi.lestari@dpmptsp.example.go.id", "199001012015012001",
                                         "Petugas Loket", 4, "loket"})
          .Reply<OfficerCreated>(201, "Created; an activation code was e-mailed to the officer")
          .Problems({{400, "Body is not JSON"},
                     {401, "Not signed in"},
                     {403, "Not an admin of that node, or the role is above the caller"},
                     {422, "Field errors (e-mail or NIP already registered, no such node or role)"}})
          .Options());

  router.Add("GET", "/api/v1/officers", ListOfficers(service),
             http::Operation("listOfficers", "officers",
                             "Officers holding roles in the subtree of a node the caller manages officers of")
                 .Describe("One row per role held.")
                 .Query("node_id", http::IntegerSchema(),
                        "The node (default: the first where the caller is an agency or platform admin)")
                 .Reply<std::vector<OfficerListed>>(200, "Officers and their roles")
                 .Problems({{401, "Not signed in"}, {403, "Not an admin of that node"}})
                 .Options());

  RegisterGrantRoutes(router, service);
  RegisterApiKeyRoutes(router, service);
}

}  // namespace spbe::identity
