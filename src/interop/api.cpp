// The bus's public face (/interop/v1: the directory, the keys, the gateway) and the management API of members,
// systems, services and access rights (/api/v1/interop).
#include "interop/api.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include "http/json.hpp"
#include "http/operation.hpp"
#include "http/problem.hpp"
#include "interop/api_contract.hpp"

namespace spbe::interop {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;
using http::Operation;
using http::Unauthorized;

constexpr const char* kTag = "interop";

// The management routes are for people (an agency's or the platform's admins): a system's key, even the bus key, is
// asked to sign in as one.
bool NotAPerson(const Request& req) { return req.actor().account_id == 0; }

std::int64_t Id(const Request& req, const char* name) {
  auto it = req.params.find(name);
  return it == req.params.end() ? 0 : ParseId(it->second);
}

http::Handler ListDirectory(InteropService& bus) {
  return [&bus](Request& req) {
    int page = std::atoi(req.Query("page").value_or("1").c_str());
    auto found = bus.Directory(req.Query("q").value_or(""), page);
    if (!found.ok()) return http::Problem(req, found.error());
    DirectoryOut out;
    out.total = found->total;
    out.page = std::max(1, page);
    for (const auto& s : found->items) out.items.push_back(ServiceOutOf(s, false));
    return http::Reply(200, out);
  };
}

http::Handler GetDirectoryEntry(InteropService& bus) {
  return [&bus](Request& req) {
    auto s = bus.PublicService(req.params["member"], req.params["system"], req.params["service"], req.lang);
    if (!s.ok()) return http::Problem(req, s.error());
    auto health = bus.Health(s->id);
    ServiceDetailOut out;
    out.service = ServiceOutOf(*s, false);
    boost::system::error_code ec;
    auto doc = json::parse(s->openapi, ec);
    if (!ec && doc.is_object()) out.openapi = doc.as_object();
    if (health.ok()) out.health = HealthOutOf(*health);
    return http::Reply(200, out);
  };
}

http::Handler GetKeys(InteropService& bus) {
  return [&bus](Request& req) {
    auto keys = bus.Jwks();
    if (!keys.ok()) return http::Problem(req, keys.error());
    auto res = http::JsonResponse(200, *keys);
    res.Set("Content-Type", "application/jwk-set+json");
    res.Set("Cache-Control", "public, max-age=300");
    return res;
  };
}

http::Handler RegisterSystem(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto in = http::ReadBody<SystemBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    NewSystem n{in->node_id,
                in->member_code.value_or(""),
                {in->code, in->name, in->owner_unit.value_or(""), in->contact.value_or("")}};
    auto s = bus.RegisterSystem(req.actor(), n, req.lang);
    if (!s.ok()) return http::Problem(req, s.error());
    return http::Reply(201, SystemOutOf(*s));
  };
}

http::Handler ListSystems(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto list = bus.SystemsOf(req.actor());
    if (!list.ok()) return http::Problem(req, list.error());
    std::vector<SystemOut> out;
    for (const auto& s : *list) out.push_back(SystemOutOf(s));
    return http::Reply(200, out);
  };
}

http::Handler IssueKey(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto issued = bus.IssueKey(req.actor(), Id(req, "id"), req.lang);
    if (!issued.ok()) return http::Problem(req, issued.error());
    return http::Reply(201, KeyOut{SystemOutOf(issued->system), issued->key});
  };
}

// A number outside what an int holds becomes -1, which the domain refuses by name (never a wrapped value that passes).
int Bounded(std::optional<std::int64_t> v, int fallback) {
  if (!v) return fallback;
  return *v < 0 || *v > 100'000'000 ? -1 : static_cast<int>(*v);
}

ServiceInput InputOf(const ServiceBody& b) {
  ServiceInput in;
  in.code = b.code.value_or("");
  in.name_id = b.name_id;
  in.name_en = b.name_en.value_or("");
  in.description_id = b.description_id.value_or("");
  in.description_en = b.description_en.value_or("");
  in.openapi = json::serialize(b.openapi);
  in.timeout_ms = Bounded(b.timeout_ms, in.timeout_ms);
  in.rate_per_minute = Bounded(b.rate_per_minute, in.rate_per_minute);
  in.max_body_bytes = Bounded(b.max_body_bytes, in.max_body_bytes);
  in.data_class = b.data_class;
  in.open_to_all = b.open_to_all.value_or(false);
  in.keep_bodies_days = Bounded(b.keep_bodies_days, 0);
  return in;
}

http::Handler PublishService(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto in = http::ReadBody<ServiceBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto s = bus.Publish(req.actor(), Id(req, "id"), InputOf(*in), req.lang);
    if (!s.ok()) return http::Problem(req, s.error());
    return http::Reply(201, ServiceOutOf(*s, true));
  };
}

http::Handler UpdateService(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto in = http::ReadBody<ServiceBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto s = bus.Update(req.actor(), Id(req, "id"), InputOf(*in), in->withdrawn.value_or(false), req.lang);
    if (!s.ok()) return http::Problem(req, s.error());
    return http::Reply(200, ServiceOutOf(*s, true));
  };
}

http::Handler SetProviderUrl(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto in = http::ReadBody<ProviderUrlBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto s = bus.SetProviderUrl(req.actor(), Id(req, "id"), in->provider_url, req.lang);
    if (!s.ok()) return http::Problem(req, s.error());
    return http::Reply(200, ServiceOutOf(*s, true));
  };
}

http::Handler ListServices(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto list = bus.ServicesOf(req.actor());
    if (!list.ok()) return http::Problem(req, list.error());
    std::vector<ServiceOut> out;
    for (const auto& s : *list) out.push_back(ServiceOutOf(s, true));
    return http::Reply(200, out);
  };
}

http::Handler NewGrant(InteropService& bus, bool request) {
  return [&bus, request](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto in = http::ReadBody<GrantBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto g = request ? bus.RequestAccess(req.actor(), in->service_id, in->client_system_id, in->purpose,
                                         in->legal_basis.value_or(""), req.lang)
                     : bus.Grant(req.actor(), in->service_id, in->client_system_id, in->purpose,
                                 in->legal_basis.value_or(""), req.lang);
    if (!g.ok()) return http::Problem(req, g.error());
    return http::Reply(201, GrantOutOf(*g));
  };
}

http::Handler DecideGrant(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto in = http::ReadBody<DecisionBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto g = bus.Decide(req.actor(), Id(req, "id"), in->approve, in->reason.value_or(""), req.lang);
    if (!g.ok()) return http::Problem(req, g.error());
    return http::Reply(200, GrantOutOf(*g));
  };
}

http::Handler RevokeGrant(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto in = http::ReadBody<RevokeBody>(req);
    if (!in.ok()) return http::Problem(req, in.error());
    auto g = bus.Revoke(req.actor(), Id(req, "id"), in->reason, req.lang);
    if (!g.ok()) return http::Problem(req, g.error());
    return http::Reply(200, GrantOutOf(*g));
  };
}

http::Handler ListGrants(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto list = bus.Grants(req.actor());
    if (!list.ok()) return http::Problem(req, list.error());
    std::vector<GrantOut> out;
    for (const auto& g : *list) out.push_back(GrantOutOf(g));
    return http::Reply(200, out);
  };
}

http::Handler ReadLog(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    std::int64_t service = std::atoll(req.Query("service_id").value_or("0").c_str());
    std::int64_t before = std::atoll(req.Query("before").value_or("0").c_str());
    auto rows = bus.Log(req.actor(), std::max<std::int64_t>(0, service), std::max<std::int64_t>(0, before), 50);
    if (!rows.ok()) return http::Problem(req, rows.error());
    std::vector<LogEntryOut> out;
    for (const auto& r : *rows) out.push_back(LogEntryOutOf(r));
    return http::Reply(200, out);
  };
}

http::Handler GetEvidence(InteropService& bus) {
  return [&bus](Request& req) {
    if (NotAPerson(req)) return Unauthorized(req);
    auto ev = bus.EvidenceOf(req.actor(), req.params["request_id"], req.lang);
    if (!ev.ok()) return http::Problem(req, ev.error());
    EvidenceOut out;
    out.entry = LogEntryOutOf(ev->entry);
    out.entry_digest = LogEntryDigest(ev->entry);
    out.receipt = ev->receipt;
    for (const auto& r : ev->chain) out.chain.push_back({r.id, LogEntryDigest(r), r.prev_hash, r.hash});
    if (ev->anchor) {
      out.anchor = AnchorOut{ev->anchor->anchored_at, ev->anchor->entry_id, ev->anchor->head_hash, ev->anchor->key_id,
                             ev->anchor->signature};
    }
    if (auto keys = bus.Jwks(); keys.ok()) out.keys = *keys;
    auto res = http::Reply(200, out);
    res.Set("Content-Disposition", "attachment; filename=\"bukti-" + ev->entry.request_id + ".json\"");
    return res;
  };
}

void RegisterDirectory(http::Router& router, InteropService& bus) {
  router.DescribeTag(kTag,
                     "The service connection bus (Sistem Penghubung Layanan): the directory of services agencies "
                     "publish, the bus's keys, access rights, the gateway and the message log.");
  router.Add("GET", "/interop/v1/services", ListDirectory(bus),
             Operation("listInteropServices", kTag, "Search the directory of services on the bus")
                 .Public()
                 .Query("q", {{"type", "string"}, {"maxLength", 100}}, "Words in the code, name or description")
                 .Query("page", http::IntegerSchema(), "From 1")
                 .Reply<DirectoryOut>(200, "A page of 20 services")
                 .Problems({{400, "The query string cannot be read"}})
                 .Options());
  router.Add("GET", "/interop/v1/services/{member}/{system}/{service}", GetDirectoryEntry(bus),
             Operation("getInteropService", kTag, "A service's entry: its OpenAPI document and health")
                 .Public()
                 .Reply<ServiceDetailOut>(200, "The service")
                 .Problems({{404, "No such service, or withdrawn"}})
                 .Options());
  router.Add("GET", "/interop/v1/keys", GetKeys(bus),
             Operation("getInteropKeys", kTag, "The bus's public keys (JWKS)")
                 .Describe("Ed25519 keys (RFC 8037) with which the bus signs the requests it forwards (RFC 9421, "
                           "label `spl`), its receipts (X-SPL-Receipt, a JWS) and its log anchors.")
                 .Public()
                 .ReplyContent(200, "The key set", "application/jwk-set+json", JwksSchema())
                 .Problems({{400, "The query string cannot be read"}})
                 .Options());
}

void RegisterManagement(http::Router& router, InteropService& bus) {
  router.Add(
      "POST", "/api/v1/interop/systems", RegisterSystem(bus),
      Operation("registerInteropSystem", kTag, "Register an information system of an agency")
          .Describe("The first system of an agency makes it a member of the bus under `member_code`.")
          .Body<SystemBody>(SystemBody{12, std::string("dpmptsp-labuhanbatu"), "perizinan", "Sistem Perizinan Online",
                                       std::string("Bidang Perizinan"), std::string("perizinan@labuhanbatukab.go.id")})
          .Reply<SystemOut>(201, "Registered")
          .Problems({{400, "Body is not JSON"},
                     {401, "Not signed in"},
                     {403, "Not an admin of the node"},
                     {422, "Field errors"}})
          .Options());
  router.Add("GET", "/api/v1/interop/systems", ListSystems(bus),
             Operation("listInteropSystems", kTag, "The systems of the agencies the caller manages")
                 .Reply<std::vector<SystemOut>>(200, "The systems")
                 .Problems({{401, "Not signed in"}})
                 .Options());
  router.Add("POST", "/api/v1/interop/systems/{id}/key", IssueKey(bus),
             Operation("issueInteropKey", kTag, "A new credential for a system (the old one stops at once)")
                 .Path("id", http::IntegerSchema(), "The system")
                 .Reply<KeyOut>(201, "The key, shown this once")
                 .Problems({{401, "Not signed in"}, {403, "Not allowed to issue keys"}, {404, "No such system"}})
                 .Options());
  router.Add("POST", "/api/v1/interop/systems/{id}/services", PublishService(bus),
             Operation("publishInteropService", kTag, "Publish a service of a system to the directory")
                 .Path("id", http::IntegerSchema(), "The providing system")
                 .Body<ServiceBody>(ExampleService())
                 .Reply<ServiceOut>(201, "Published")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {404, "No such system of the caller"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("GET", "/api/v1/interop/services", ListServices(bus),
             Operation("listOwnInteropServices", kTag, "The services of the agencies the caller manages")
                 .Reply<std::vector<ServiceOut>>(200, "The services, any status")
                 .Problems({{401, "Not signed in"}})
                 .Options());
  router.Add("PUT", "/api/v1/interop/services/{id}", UpdateService(bus),
             Operation("updateInteropService", kTag, "Change or withdraw a service (its code stays)")
                 .Path("id", http::IntegerSchema(), "The service")
                 .Body<ServiceBody>(ExampleService())
                 .Reply<ServiceOut>(200, "Changed")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {404, "No such service of the caller"},
                            {422, "Field errors"}})
                 .Options());
  router.Add("PUT", "/api/v1/interop/services/{id}/provider-url", SetProviderUrl(bus),
             Operation("setInteropProviderUrl", kTag, "Where the bus forwards a service's calls (platform admin)")
                 .Describe("Checked when a connection is made: only addresses in `interop.allowed_networks`.")
                 .Path("id", http::IntegerSchema(), "The service")
                 .Body<ProviderUrlBody>(ProviderUrlBody{"http://10.12.0.5:8443/siak/api"})
                 .Reply<ServiceOut>(200, "Set")
                 .Problems({{400, "Body is not JSON"},
                            {401, "Not signed in"},
                            {403, "Not a platform admin above the service"},
                            {404, "No such service"},
                            {422, "Not an http(s) URL without user, query or fragment"}})
                 .Options());
}

void RegisterGrantsAndLog(http::Router& router, InteropService& bus) {
  auto problems = {std::pair<int, const char*>{400, "Body is not JSON"},
                   {401, "Not signed in"},
                   {403, "Not an admin of the side that may do this"},
                   {404, "No such service or grant"},
                   {409, "Already open, or already decided"},
                   {422, "Field errors"}};
  router.Add("POST", "/api/v1/interop/access-requests", NewGrant(bus, true),
             Operation("requestInteropAccess", kTag, "A client system asks for access to a service")
                 .Body<GrantBody>(ExampleGrant())
                 .Reply<GrantOut>(201, "Asked; the provider decides")
                 .Problems(problems)
                 .Options());
  router.Add("POST", "/api/v1/interop/grants", NewGrant(bus, false),
             Operation("grantInteropAccess", kTag, "The provider grants a client system access at once")
                 .Body<GrantBody>(ExampleGrant())
                 .Reply<GrantOut>(201, "Granted")
                 .Problems(problems)
                 .Options());
  router.Add("GET", "/api/v1/interop/grants", ListGrants(bus),
             Operation("listInteropGrants", kTag, "Grants and requests where the caller is provider or client")
                 .Reply<std::vector<GrantOut>>(200, "Newest first")
                 .Problems({{401, "Not signed in"}})
                 .Options());
  router.Add("POST", "/api/v1/interop/grants/{id}/decision", DecideGrant(bus),
             Operation("decideInteropAccess", kTag, "The provider approves or refuses a request (with a reason)")
                 .Path("id", http::IntegerSchema(), "The request")
                 .Body<DecisionBody>(DecisionBody{false, std::string("Tujuan tidak memerlukan data NIK")})
                 .Reply<GrantOut>(200, "Decided")
                 .Problems(problems)
                 .Options());
  router.Add("POST", "/api/v1/interop/grants/{id}/revoke", RevokeGrant(bus),
             Operation("revokeInteropAccess", kTag, "The provider ends a grant (with a reason)")
                 .Path("id", http::IntegerSchema(), "The grant")
                 .Body<RevokeBody>(RevokeBody{"Perjanjian kerja sama berakhir"})
                 .Reply<GrantOut>(200, "Revoked")
                 .Problems(problems)
                 .Options());
  router.Add("GET", "/api/v1/interop/log", ReadLog(bus),
             Operation("readInteropLog", kTag, "The exchanges of the caller's agencies, as client or provider")
                 .Query("service_id", http::IntegerSchema(), "Only this service's")
                 .Query("before", http::IntegerSchema(), "Entries older than this id (the next page)")
                 .Reply<std::vector<LogEntryOut>>(200, "At most 50, newest first")
                 .Problems({{401, "Not signed in"}})
                 .Options());
  router.Add("GET", "/api/v1/interop/log/{request_id}", GetEvidence(bus),
             Operation("getInteropEvidence", kTag, "Evidence of one exchange: entry, receipt, chain and anchor")
                 .Reply<EvidenceOut>(200, "The evidence file")
                 .Problems({{401, "Not signed in"}, {404, "No such exchange of the caller's agencies"}})
                 .Options());
}

}  // namespace

void RegisterApi(http::Router& router, InteropService& bus) {
  RegisterDirectory(router, bus);
  RegisterManagement(router, bus);
  RegisterGrantsAndLog(router, bus);
  RegisterGateway(router, bus);
}

}  // namespace spbe::interop
