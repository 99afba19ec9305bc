#include "identity/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/problem.hpp"

namespace spbe::identity {

using http::Request;
using http::Response;

namespace {

constexpr const char* kProblem = R"({"$ref": "#/components/schemas/Problem"})";

std::string Doc(const char* summary, const char* request_schema, const char* responses) {
  std::string d = std::string(R"({"summary": ")") + summary + R"(", "tags": ["auth"])";
  if (request_schema) {
    d += std::string(R"(, "requestBody": {"required": true, "content": {"application/json": {"schema": )") +
         request_schema + "}}}";
  }
  return d + R"(, "responses": )" + responses + "}";
}

std::string ProblemResponse(const char* status, const char* description) {
  return std::string("\"") + status + R"(": {"description": ")" + description +
         R"(", "content": {"application/problem+json": {"schema": )" + kProblem + "}}}";
}

// The request of POST /api/v1/api-keys, its scopes listed from access::Scopes().
std::string ScopesSchema() {
  boost::json::array names;
  for (const auto& sc : access::Scopes()) names.emplace_back(sc.name);
  return boost::json::serialize(boost::json::object{
      {"type", "object"},
      {"required", {"node_id", "name", "scopes"}},
      {"properties",
       {{"node_id", {{"type", "integer"}}},
        {"name", {{"type", "string"}}},
        {"scopes", {{"type", "array"}, {"items", {{"type", "string"}, {"enum", std::move(names)}}}}}}}});
}

std::string Str(const boost::json::object& o, std::string_view key) { return http::StringField(o, key).value_or(""); }

}  // namespace

http::Middleware Authentication(IdentityService& service) {
  return [&service](Request& req, const http::Next& next) {
    req.resolve_actor = [&service](const Request& r) {
      access::Actor actor;
      if (auto token = r.SessionToken()) {
        // An API key is another system's credential: taken from the Authorization header of an API call only,
        // never from a cookie and never on a page.
        bool key = token->rfind("spbe_", 0) == 0;
        if (!key || (r.api && r.Header("authorization"))) {
          actor = service.Authenticate(*token).value_or(access::Actor{});
        }
      }
      actor.address = r.remote_address;
      return actor;
    };
    return next(req);
  };
}

void RegisterApi(http::Router& router, IdentityService& service, std::string public_url) {
  static const std::string kRegisterDoc = Doc(
      "Register a citizen (warga) or business (pelaku_usaha) account",
      R"({"type": "object", "required": ["name", "email", "password", "nik"], "properties": {
        "kind": {"type": "string", "enum": ["warga", "pelaku_usaha"], "default": "warga"},
        "name": {"type": "string"}, "email": {"type": "string", "format": "email"},
        "phone": {"type": "string"}, "password": {"type": "string", "minLength": 10},
        "nik": {"type": "string", "pattern": "^[0-9]{16}$"},
        "nib": {"type": "string"}, "npwp": {"type": "string"}}})",
      (std::string(
           R"({"201": {"description": "A verification code was sent by e-mail; the same answer when the address, NIK or phone is already registered, and the mailbox is told", "content":
        {"application/json": {"schema": {"type": "object", "properties": {"status": {"type": "string"}}}}}}, )") +
       ProblemResponse("400", "Body is not JSON") + ", " + ProblemResponse("422", "Field errors name the field") + "}")
          .c_str());
  router.Add("POST", "/api/v1/auth/register",
             [&service](Request& req) {
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               Registration r{Str(*body, "kind").empty() ? "warga" : Str(*body, "kind"),
                              Str(*body, "name"),
                              Str(*body, "email"),
                              Str(*body, "phone"),
                              Str(*body, "password"),
                              Str(*body, "nik"),
                              Str(*body, "nib"),
                              Str(*body, "npwp")};
               auto res = service.Register(r, req.lang, req.actor());
               if (!res.ok()) return http::Problem(req, res.error());
               // No account id: a taken address gets the same answer as a free one (the mailbox is told).
               return http::JsonResponse(201, {{"status", res->status}});
             },
             {.openapi = kRegisterDoc});

  static const std::string kVerifyDoc =
      Doc("Verify the e-mail address with the code sent to it",
          R"({"type": "object", "required": ["email", "code"], "properties": {"email": {"type": "string"},
             "code": {"type": "string", "pattern": "^[0-9]{6}$"}}})",
          (std::string(R"({"200": {"description": "Verified; the account can sign in", "content": {"application/json":
             {"schema": {"type": "object"}}}}, )") +
           ProblemResponse("400", "Body is not JSON") + ", " + ProblemResponse("422", "Wrong or expired code") + "}")
              .c_str());
  router.Add("POST", "/api/v1/auth/verify-email",
             [&service](Request& req) {
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto st = service.VerifyEmail(Str(*body, "email"), Str(*body, "code"), req.lang, req.actor());
               if (!st.ok()) return http::Problem(req, st.error());
               return http::JsonResponse(200, {{"status", "active"}});
             },
             {.openapi = kVerifyDoc});

  static const std::string kLoginDoc = Doc(
      "Sign in with e-mail, NIK or NIP and password; the token is used as Authorization: Bearer",
      R"({"type": "object", "required": ["username", "password"], "properties": {"username": {"type": "string"},
         "password": {"type": "string"}, "totp": {"type": "string"},
         "device": {"type": "string", "description": "the device token an earlier sign-in of this account returned"}}})",
      (std::string(R"({"200": {"description": "Signed in", "content": {"application/json": {"schema": {"type": "object",
         "properties": {"token": {"type": "string"}, "expires_at": {"type": "string", "format": "date-time"},
         "device": {"type": "string", "description": "new device token: keep it, send it with the next sign-ins"}}}}}}, )") +
       ProblemResponse("400", "Body is not JSON") + ", " + ProblemResponse("401", "Wrong username or password") + ", " +
       ProblemResponse("403", "E-mail not verified yet, or account disabled") + ", " +
       ProblemResponse("429", "Too many attempts; Retry-After says when to try again") + "}")
          .c_str());
  router.Add("POST", "/api/v1/auth/login",
             [&service](Request& req) {
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto res = service.Login(Str(*body, "username"), Str(*body, "password"), req.lang, req.actor(),
                                        Str(*body, "totp"), Str(*body, "device"));
               if (!res.ok()) return http::Problem(req, res.error());
               boost::json::object out{{"token", res->token}, {"expires_at", res->expires_at}};
               // An app keeps this and sends it as "device" next time: it is then never braked by strangers' guesses.
               if (!res->device.empty()) out["device"] = res->device;
               return http::JsonResponse(200, out);
             },
             {.openapi = kLoginDoc});

  static const std::string kLogoutDoc =
      Doc("End this session; with body {everywhere: true} end every session of the account", nullptr,
          (std::string(R"({"204": {"description": "Signed out"}, )") + ProblemResponse("401", "Not signed in") + "}")
              .c_str());
  router.Add("POST", "/api/v1/auth/logout",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               bool everywhere = false;
               if (!req.body.empty()) {
                 auto body = http::ParseJsonObject(req);
                 if (!body.ok()) return http::Problem(req, body.error());
                 auto* flag = body->if_contains("everywhere");
                 everywhere = flag && flag->is_bool() && flag->get_bool();
               }
               Status st = everywhere ? service.LogoutEverywhere(req.actor().account_id, req.actor())
                                      : service.Logout(*req.SessionToken(), req.actor());
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kLogoutDoc});

  static const std::string kOfficerDoc =
      Doc("Create an officer (ASN) with a role on a node the caller administers; the officer sets the password",
          R"({"type": "object", "required": ["name", "email", "nip", "position", "node_id", "role"], "properties": {
         "name": {"type": "string"}, "email": {"type": "string"}, "nip": {"type": "string", "pattern": "^[0-9]{18}$"},
         "position": {"type": "string"}, "node_id": {"type": "integer"},
         "role": {"type": "string", "enum": ["loket", "verifikator", "teknis", "kepala", "admin_instansi",
                  "admin_platform", "auditor", "evaluator"]}}})",
          (std::string(R"({"201": {"description": "Created; an activation code was e-mailed to the officer", "content":
         {"application/json": {"schema": {"type": "object"}}}}, )") +
           ProblemResponse("400", "Body is not JSON") + ", " + ProblemResponse("401", "Not signed in") + ", " +
           ProblemResponse("403", "Not an admin of that node, or the role is above the caller") + ", " +
           ProblemResponse("422", "Field errors") + "}")
              .c_str());
  router.Add("POST", "/api/v1/officers",
             [&service, public_url](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               NewOfficer o{Str(*body, "name"), Str(*body, "email"), Str(*body, "nip"), Str(*body, "position"), 0,
                            Str(*body, "role")};
               if (auto* node = body->if_contains("node_id"); node && node->is_int64()) o.node_id = node->as_int64();
               auto id = service.CreateOfficer(req.actor(), o, req.lang, public_url);
               if (!id.ok()) return http::Problem(req, id.error());
               return http::JsonResponse(201, {{"id", *id}, {"status", "pending_activation"}});
             },
             {.openapi = kOfficerDoc});

  static const std::string kOfficersDoc =
      Doc("Officers holding roles in the subtree of a node the caller manages officers of (one row per role)", nullptr,
          (std::string(R"({"200": {"description": "Officers and their roles", "content": {"application/json":
             {"schema": {"type": "array"}}}}, )") +
           ProblemResponse("401", "Not signed in") + ", " + ProblemResponse("403", "Not an admin of that node") + "}")
              .c_str());
  router.Add("GET", "/api/v1/officers",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               std::int64_t node = 0;
               if (auto q = req.Query("node_id")) {
                 node = std::atoll(q->c_str());
               } else {  // the caller's own agency
                 for (const auto& g : req.actor().grants) {
                   if (g.role == access::Role::kAdminInstansi || g.role == access::Role::kAdminPlatform) {
                     node = g.node_id;
                     break;
                   }
                 }
               }
               auto rows = service.OfficersUnder(req.actor(), node);
               if (!rows.ok()) return http::Problem(req, rows.error());
               boost::json::array out;
               for (const auto& o : *rows) {
                 out.push_back({{"id", o.id},
                                {"name", o.name},
                                {"email", o.email},
                                {"nip", o.nip},
                                {"status", o.status},
                                {"grant_id", o.grant_id},
                                {"role", o.role},
                                {"node_id", o.node_id},
                                {"node_name", o.node_name}});
               }
               return http::JsonResponse(200, out);
             },
             {.openapi = kOfficersDoc});

  static const std::string kGrantDoc = Doc(
      "Give an existing officer a role on a node",
      R"({"type": "object", "required": ["node_id", "role"], "properties": {"node_id": {"type": "integer"},
         "role": {"type": "string", "enum": ["loket", "verifikator", "teknis", "kepala", "admin_instansi",
                  "admin_platform", "auditor", "evaluator"]}}})",
      (std::string(R"({"201": {"description": "Granted", "content": {"application/json": {"schema": {"type": "object",
         "properties": {"grant_id": {"type": "integer"}}}}}}, )") +
       ProblemResponse("401", "Not signed in") + ", " +
       ProblemResponse("403", "Not an admin of that node, or the role is above the caller") + ", " +
       ProblemResponse("404", "No such officer in the caller's reach") + ", " +
       ProblemResponse("422", "Field errors (role already held, second factor needed)") + "}")
          .c_str());
  router.Add("POST", "/api/v1/officers/{id}/grants",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               std::int64_t node = 0;
               if (auto* n = body->if_contains("node_id"); n && n->is_int64()) node = n->as_int64();
               auto id = service.GrantRole(req.actor(), std::atoll(req.params["id"].c_str()), node, Str(*body, "role"),
                                           req.lang);
               if (!id.ok()) return http::Problem(req, id.error());
               return http::JsonResponse(201, {{"grant_id", *id}});
             },
             {.openapi = kGrantDoc});

  static const std::string kRevokeGrantDoc =
      Doc("Take a role away from an officer (never one's own)", nullptr,
          (std::string(R"({"204": {"description": "Revoked"}, )") + ProblemResponse("401", "Not signed in") + ", " +
           ProblemResponse("403", "The role is above the caller, or it is the caller's own") + ", " +
           ProblemResponse("404", "No such grant in the caller's reach") + "}")
              .c_str());
  router.Add("DELETE", "/api/v1/grants/{id}",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto st = service.RevokeGrant(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kRevokeGrantDoc});

  for (bool enable : {false, true}) {
    static const std::string kDisableDoc =
        Doc("Disable an officer's account: every session ends at once", nullptr,
            (std::string(R"({"200": {"description": "Disabled", "content": {"application/json": {"schema":
               {"type": "object"}}}}, )") +
             ProblemResponse("401", "Not signed in") + ", " +
             ProblemResponse("403", "The officer also holds roles outside the caller's reach, or it is the caller") +
             ", " + ProblemResponse("404", "No such officer in the caller's reach") + "}")
                .c_str());
    static const std::string kEnableDoc =
        Doc("Enable a disabled officer's account again", nullptr,
            (std::string(R"({"200": {"description": "Enabled", "content": {"application/json": {"schema":
               {"type": "object"}}}}, )") +
             ProblemResponse("401", "Not signed in") + ", " +
             ProblemResponse("403", "The officer also holds roles outside the caller's reach") + ", " +
             ProblemResponse("404", "No such officer in the caller's reach") + "}")
                .c_str());
    router.Add("POST", enable ? "/api/v1/officers/{id}/enable" : "/api/v1/officers/{id}/disable",
               [&service, enable](Request& req) {
                 if (req.actor().anonymous()) return Unauthorized(req);
                 auto st =
                     service.SetOfficerEnabled(req.actor(), std::atoll(req.params["id"].c_str()), enable, req.lang);
                 if (!st.ok()) return http::Problem(req, st.error());
                 return http::JsonResponse(200, {{"status", enable ? "enabled" : "disabled"}});
               },
               {.openapi = enable ? kEnableDoc : kDisableDoc});
  }

  static const std::string kActivateDoc = Doc(
      "An officer activates the account with the e-mailed code and chooses a password",
      R"({"type": "object", "required": ["email", "code", "password"], "properties": {"email": {"type": "string"},
             "code": {"type": "string"}, "password": {"type": "string", "minLength": 10}}})",
      (std::string(
           R"({"200": {"description": "Active", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
       ProblemResponse("400", "Body is not JSON") + ", " + ProblemResponse("422", "Wrong code or weak password") + "}")
          .c_str());
  router.Add("POST", "/api/v1/auth/activate",
             [&service](Request& req) {
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto st = service.Activate(Str(*body, "email"), Str(*body, "code"), Str(*body, "password"), req.lang,
                                          req.actor());
               if (!st.ok()) return http::Problem(req, st.error());
               boost::json::object out{{"status", "active"}};
               if (st->enabled) {
                 // Shown once: the officer loads it into an authenticator app before signing in.
                 out["totp"] = {{"secret", st->secret_base32}, {"otpauth_uri", st->otpauth_uri}};
               }
               return http::JsonResponse(200, out);
             },
             {.openapi = kActivateDoc});

  static const std::string kResetDoc =
      Doc("Ask for a password reset code by e-mail (the answer is the same whether the address is known or not)",
          R"({"type": "object", "required": ["email"], "properties": {"email": {"type": "string"}}})",
          (std::string(R"({"202": {"description": "If the address has an account, a code is on its way"}, )") +
           ProblemResponse("400", "Body is not JSON") + ", " + ProblemResponse("422", "Not an e-mail address") + "}")
              .c_str());
  router.Add("POST", "/api/v1/auth/password-reset",
             [&service](Request& req) {
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto st = service.RequestPasswordReset(Str(*body, "email"), req.lang, req.actor());
               if (!st.ok()) return http::Problem(req, st.error());
               return http::JsonResponse(202, {{"status", "sent_if_registered"}});
             },
             {.openapi = kResetDoc});

  static const std::string kResetConfirmDoc = Doc(
      "Set a new password with the reset code; every session of the account ends",
      R"({"type": "object", "required": ["email", "code", "password"], "properties": {"email": {"type": "string"},
             "code": {"type": "string"}, "password": {"type": "string", "minLength": 10}}})",
      (std::string(
           R"({"200": {"description": "Password changed", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
       ProblemResponse("400", "Body is not JSON") + ", " + ProblemResponse("422", "Wrong code or weak password") + "}")
          .c_str());
  router.Add("POST", "/api/v1/auth/password-reset/confirm",
             [&service](Request& req) {
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto st = service.ResetPassword(Str(*body, "email"), Str(*body, "code"), Str(*body, "password"),
                                               req.lang, req.actor());
               if (!st.ok()) return http::Problem(req, st.error());
               return http::JsonResponse(200, {{"status", "password_changed"}});
             },
             {.openapi = kResetConfirmDoc});

  static const std::string kExportDoc =
      Doc("Download everything the system holds about the signed-in person (UU 27/2022)", nullptr,
          (std::string(R"({"200": {"description": "The data, as a JSON file", "content": {"application/json": {"schema":
             {"type": "object"}}}}, )") +
           ProblemResponse("401", "Not signed in") + "}")
              .c_str());
  router.Add("GET", "/api/v1/me/export",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto data = service.ExportMyData(req.actor());
               if (!data.ok()) return http::Problem(req, data.error());
               Response r = Response::Json(200, std::move(*data));
               r.Set("Content-Disposition", "attachment; filename=\"data-saya-spbe.json\"");
               return r;
             },
             {.openapi = kExportDoc});

  static const std::string kDeleteMeDoc =
      Doc("Delete the signed-in citizen's account, when it was never used for a file (UU 27/2022)", nullptr,
          (std::string(R"({"204": {"description": "Deleted; the audit trail keeps a record that it was"}, )") +
           ProblemResponse("401", "Not signed in") + ", " +
           ProblemResponse("403", "Officer accounts are retired by their admin") + ", " +
           ProblemResponse("409", "The account has files and is kept") + "}")
              .c_str());
  router.Add("DELETE", "/api/v1/me",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto st = service.DeleteMyAccount(req.actor(), req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kDeleteMeDoc});

  static const std::string kKeyDoc = Doc(
      "Issue an API key for another system, bound to a node the caller administers; the key is shown only here",
      ScopesSchema().c_str(),
      (std::string(R"({"201": {"description": "Issued", "content": {"application/json": {"schema": {"type": "object",
         "properties": {"id": {"type": "integer"}, "key": {"type": "string"}}}}}}, )") +
       ProblemResponse("400", "Body is not JSON") + ", " + ProblemResponse("401", "Not signed in") + ", " +
       ProblemResponse("403", "Not an admin of that node") + ", " + ProblemResponse("422", "Field errors") + "}")
          .c_str());
  router.Add("POST", "/api/v1/api-keys",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               std::int64_t node = 0;
               if (auto* n = body->if_contains("node_id"); n && n->is_int64()) node = n->as_int64();
               std::vector<std::string> scopes;
               if (auto* sc = body->if_contains("scopes"); sc && sc->is_array()) {
                 for (const auto& v : sc->as_array()) {
                   if (v.is_string()) scopes.emplace_back(v.as_string());
                 }
               }
               auto issued = service.IssueApiKey(req.actor(), node, Str(*body, "name"), scopes, req.lang);
               if (!issued.ok()) return http::Problem(req, issued.error());
               return http::JsonResponse(201, {{"id", issued->row.id},
                                               {"key", issued->key},
                                               {"prefix", issued->row.prefix},
                                               {"node_id", issued->row.node_id},
                                               {"name", issued->row.name},
                                               {"scopes", issued->row.scopes}});
             },
             {.openapi = kKeyDoc});

  static const std::string kKeysDoc =
      Doc("The API keys of a node (never the keys themselves)", nullptr,
          (std::string(
               R"({"200": {"description": "Keys", "content": {"application/json": {"schema": {"type": "array"}}}}, )") +
           ProblemResponse("401", "Not signed in") + ", " + ProblemResponse("403", "Not an admin of that node") + "}")
              .c_str());
  router.Add("GET", "/api/v1/api-keys",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               std::int64_t node = 0;
               if (auto q = req.Query("node_id")) node = std::atoll(q->c_str());
               auto keys = service.ListApiKeys(req.actor(), node);
               if (!keys.ok()) return http::Problem(req, keys.error());
               boost::json::array out;
               for (const auto& k : *keys) {
                 out.push_back({{"id", k.id},
                                {"name", k.name},
                                {"prefix", k.prefix},
                                {"scopes", k.scopes},
                                {"created_at", k.created_at},
                                {"revoked_at", k.revoked_at.empty() ? boost::json::value(nullptr)
                                                                    : boost::json::value(k.revoked_at)}});
               }
               return http::JsonResponse(200, out);
             },
             {.openapi = kKeysDoc});

  static const std::string kRevokeDoc =
      Doc("Revoke an API key at once", nullptr,
          (std::string(R"({"204": {"description": "Revoked"}, )") + ProblemResponse("401", "Not signed in") + ", " +
           ProblemResponse("404", "No such key in the caller's reach") + "}")
              .c_str());
  router.Add("DELETE", "/api/v1/api-keys/{id}",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto st = service.RevokeApiKey(req.actor(), std::atoll(req.params["id"].c_str()), req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kRevokeDoc});

  static const std::string kTotpDoc =
      Doc("Start setting up two-step sign-in (TOTP) for the signed-in account", nullptr,
          (std::string(R"({"201": {"description": "Secret and otpauth URI for an authenticator app", "content":
             {"application/json": {"schema": {"type": "object"}}}}, )") +
           ProblemResponse("401", "Not signed in") + ", " + ProblemResponse("409", "Already on") + "}")
              .c_str());
  router.Add("POST", "/api/v1/me/totp",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto setup = service.StartTotp(req.actor(), req.lang);
               if (!setup.ok()) return http::Problem(req, setup.error());
               return http::JsonResponse(201, {{"secret", setup->secret_base32}, {"otpauth_uri", setup->otpauth_uri}});
             },
             {.openapi = kTotpDoc});

  static const std::string kTotpConfirmDoc =
      Doc("Turn two-step sign-in on with a first code from the authenticator app",
          R"({"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}})",
          (std::string(
               R"({"200": {"description": "On", "content": {"application/json": {"schema": {"type": "object"}}}}, )") +
           ProblemResponse("400", "Body is not JSON") + ", " + ProblemResponse("401", "Not signed in") + ", " +
           ProblemResponse("409", "Set-up not started") + ", " + ProblemResponse("422", "Wrong code") + "}")
              .c_str());
  router.Add("POST", "/api/v1/me/totp/confirm",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto st = service.ConfirmTotp(req.actor(), Str(*body, "code"), req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               return http::JsonResponse(200, {{"totp", "on"}});
             },
             {.openapi = kTotpConfirmDoc});

  static const std::string kMeDoc =
      Doc("The signed-in account and its role grants", nullptr,
          (std::string(R"({"200": {"description": "The account", "content": {"application/json": {"schema":
         {"type": "object", "properties": {"id": {"type": "integer"}, "kind": {"type": "string"},
         "name": {"type": "string"}, "email": {"type": "string"}, "nik": {"type": "string", "description": "masked"},
         "has_phone": {"type": "boolean"}, "preferences": {"type": "object", "properties": {
         "language": {"type": "string", "enum": ["id", "en"]},
         "phone_channel": {"type": "string", "enum": ["none", "sms", "whatsapp"]}}},
         "grants": {"type": "array", "items": {"type": "object", "properties": {"node_id": {"type": "integer"},
         "node_name": {"type": "string"}, "role": {"type": "string"}}}}}}}}}, )") +
           ProblemResponse("401", "Not signed in") + "}")
              .c_str());
  router.Add("GET", "/api/v1/me",
             [&service](Request& req) {
               if (req.actor().anonymous()) return Unauthorized(req);
               if (req.actor().api_key_id != 0) {  // another system: its key is its identity
                 boost::json::array scopes;
                 for (const auto& sc : req.actor().scopes) scopes.push_back(boost::json::string(sc));
                 return http::JsonResponse(200, {{"kind", "system"},
                                                 {"api_key",
                                                  {{"id", req.actor().api_key_id},
                                                   {"node_id", req.actor().api_key_node},
                                                   {"scopes", std::move(scopes)}}}});
               }
               auto me = service.Me(req.actor());
               if (!me.ok()) return http::Problem(req, me.error());
               boost::json::array grants;
               for (const auto& g : me->grants) {
                 grants.push_back({{"node_id", g.node_id}, {"node_name", g.node_name}, {"role", g.role}});
               }
               boost::json::object o{
                   {"id", me->account.id},
                   {"kind", access::AccountKindName(me->account.kind)},
                   {"name", me->account.name},
                   {"email", me->account.email},
                   {"email_verified", me->account.email_verified},
                   {"nik", me->nik_masked},
                   {"has_phone", !me->account.phone_sealed.empty()},
                   {"preferences", {{"language", me->account.language}, {"phone_channel", me->account.phone_channel}}},
                   {"grants", std::move(grants)}};
               if (!me->account.nip.empty()) o["nip"] = me->account.nip;
               if (!me->account.position.empty()) o["position"] = me->account.position;
               return http::JsonResponse(200, o);
             },
             {.openapi = kMeDoc});

  static const std::string kPrefsDoc =
      Doc("How the signed-in account is told of its files: the language of messages, and SMS or WhatsApp as well",
          R"({"type": "object", "required": ["language", "phone_channel"], "properties": {
             "language": {"type": "string", "enum": ["id", "en"]},
             "phone_channel": {"type": "string", "enum": ["none", "sms", "whatsapp"]}}})",
          (std::string(R"({"204": {"description": "Saved"}, )") + ProblemResponse("400", "Body is not JSON") + ", " +
           ProblemResponse("401", "Not signed in") + ", " +
           ProblemResponse("422", "Field errors (a phone channel without a phone number)") + "}")
              .c_str());
  router.Add("PUT", "/api/v1/me/preferences",
             [&service](Request& req) {
               if (req.actor().account_id == 0) return Unauthorized(req);
               auto body = http::ParseJsonObject(req);
               if (!body.ok()) return http::Problem(req, body.error());
               auto st = service.SetPreferences(req.actor(), http::StringField(*body, "language").value_or(""),
                                                http::StringField(*body, "phone_channel").value_or(""), req.lang);
               if (!st.ok()) return http::Problem(req, st.error());
               Response r;
               r.status = 204;
               return r;
             },
             {.openapi = kPrefsDoc});
}

}  // namespace spbe::identity
