// The agency admins' console of the bus, /interop/kelola: their systems and each one's key (shown once), access
// they ask for and access others ask of them (approved or refused with a reason, revoked), and the recent exchanges
// of their systems with a link to each one's evidence file.
#include <algorithm>
#include <boost/json.hpp>
#include <cstdlib>

#include <fmt/format.h>

#include "http/forms.hpp"
#include "http/problem.hpp"
#include "interop/pages.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"

namespace spbe::interop {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

constexpr const char* kSignIn = "/masuk?kembali=/interop/kelola";

// Who the console is for: agency and platform admins (their systems and grants) and auditors (the log). Others are
// told so instead of being shown an empty console.
bool ConsoleUser(const access::Actor& actor) {
  return std::any_of(actor.grants.begin(), actor.grants.end(), [](const access::Grant& g) {
    return g.role == access::Role::kAdminInstansi || g.role == access::Role::kAdminPlatform ||
           g.role == access::Role::kAuditor;
  });
}

// The nodes the actor administers (where a system may be registered), by name.
json::array AdminNodes(const access::Actor& actor, org::OrgService& org) {
  json::array out;
  for (const auto& g : actor.grants) {
    if (g.role != access::Role::kAdminInstansi && g.role != access::Role::kAdminPlatform) continue;
    auto node = org.Get(g.node_id);
    if (node.ok()) out.push_back({{"id", node->id}, {"name", node->name}});
  }
  return out;
}

json::array GrantRows(InteropService& bus, const access::Actor& actor, const std::vector<GrantRow>& grants,
                      const i18n::Catalog& t, std::string_view lang, TimeZone zone, bool incoming) {
  json::array out;
  for (const auto& g : grants) {
    bool provider = bus.Manages(actor, g.provider_path);
    bool requested = g.status == GrantStatusName(GrantStatus::kRequested);
    if (incoming != (provider && requested)) continue;
    out.push_back({{"id", g.id},
                   {"service", g.service_address},
                   {"client", g.client_address},
                   {"purpose", g.purpose},
                   {"legal_basis", g.legal_basis},
                   {"status", t.Text(lang, "interop_grant_" + g.status)},
                   {"reason", g.reason},
                   {"at", LocalDateTimeText(g.requested_at, zone, lang)},
                   {"revocable", provider && g.status == GrantStatusName(GrantStatus::kActive)}});
  }
  return out;
}

// Long numbers in a path (a NIK, a NIB) shown as their first six and last two digits: the console is read over
// shoulders; the evidence file keeps the exact path for the parties.
std::string MaskNumbers(const std::string& text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t j = i;
    while (j < text.size() && text[j] >= '0' && text[j] <= '9') ++j;
    if (j - i >= 12) {
      out += text.substr(i, 6) + std::string(j - i - 8, '*') + text.substr(j - 2, 2);
    } else {
      out += text.substr(i, std::max<std::size_t>(j - i, 1));
    }
    i = std::max(j, i + 1);
  }
  return out;
}

auto ConsolePage(const http::Views& views, InteropService& bus, org::OrgService& org) {
  return [&views, &bus, &org](const Request& req, int status, json::object extra) -> Response {
    if (!ConsoleUser(req.actor()))
      return views.FailurePage(req, Error::Of(ErrorCode::kForbidden, i18n::Tr(req.lang, "interop_console_forbidden")));
    const auto& t = views.catalog();
    const auto& actor = req.actor();
    auto systems = bus.SystemsOf(actor);
    auto grants = bus.Grants(actor);
    auto log = bus.Log(actor, 0, 0, 30);
    auto directory = bus.Directory("", 1, 100);
    if (!systems.ok() || !grants.ok() || !log.ok() || !directory.ok()) return views.ErrorPage(req, 503);
    json::array nodes = AdminNodes(actor, org);
    json::array system_rows, own_systems, services, entries;
    for (const auto& s : *systems) {
      bool manages = bus.Manages(actor, s.node_path);
      system_rows.push_back({{"id", s.id},
                             {"address", s.Address()},
                             {"name", s.name},
                             {"agency", s.node_name},
                             {"has_key", s.api_key_id != 0},
                             {"manages", manages}});
      if (manages) own_systems.push_back({{"id", s.id}, {"address", s.Address()}});
    }
    for (const auto& s : directory->items) {
      services.push_back({{"id", s.id}, {"label", s.Name(req.lang) + " (" + s.Address() + ")"}});
    }
    for (const auto& e : *log) {
      entries.push_back({{"at", LocalDateTimeText(e.at, views.zone(), req.lang)},
                         {"client", e.client_address},
                         {"service", e.service_address},
                         {"request", e.method + " " + MaskNumbers(e.path)},
                         {"status", e.status ? std::to_string(e.status) : "-"},
                         {"outcome", t.Text(req.lang, "interop_outcome_" + e.outcome)},
                         {"ms", fmt::format("{:.1f}", e.duration_us / 1000.0)},
                         {"evidence", "/api/v1/interop/log/" + e.request_id}});
    }
    json::object data{{"nodes", nodes},
                      {"may_register", !nodes.empty()},
                      {"systems", system_rows},
                      {"no_systems", system_rows.empty()},
                      {"own_systems", own_systems},
                      {"may_request", !own_systems.empty() && !services.empty()},
                      {"services", services},
                      {"incoming", GrantRows(bus, actor, *grants, t, req.lang, views.zone(), true)},
                      {"grants", GrantRows(bus, actor, *grants, t, req.lang, views.zone(), false)},
                      {"entries", entries},
                      {"no_entries", entries.empty()}};
    data["no_incoming"] = data["incoming"].as_array().empty();
    data["no_grants"] = data["grants"].as_array().empty();
    for (auto& [k, v] : extra) data[k] = v;
    return views.Page(req, status, "interop/console", std::move(data), "interop_console_title");
  };
}

// A refused form comes back with each field's message beside it (errors.<field>) and what was typed.
json::object Refused(const Error& e, const std::string& form, json::object typed) {
  json::object errors;
  for (const auto& f : e.fields) errors[f.field] = f.message;
  json::object out{{form + "_errors", std::move(errors)}, {form + "_typed", std::move(typed)}, {form + "_open", true}};
  if (e.fields.empty()) out[form + "_error"] = e.detail;
  return out;
}

int StatusOf(const Error& e) { return e.code == ErrorCode::kValidation ? 422 : http::StatusFor(e.code); }

http::Handler Console(const http::Views& views, InteropService& bus, org::OrgService& org) {
  auto page = ConsolePage(views, bus, org);
  return [page](Request& req) {
    if (req.actor().account_id == 0) return Response::Redirect(kSignIn);
    return page(req, 200, {});
  };
}

http::Handler RegisterSystemForm(const http::Views& views, InteropService& bus, org::OrgService& org) {
  auto page = ConsolePage(views, bus, org);
  return [page, &bus](Request& req) {
    if (req.actor().account_id == 0) return Response::Redirect(kSignIn);
    if (!ConsoleUser(req.actor())) return page(req, 403, {});
    auto form = http::ParseForm(req.body);
    NewSystem n{ParseId(form["node_id"]),
                form["member_code"],
                {form["code"], form["name"], form["owner_unit"], form["contact"]}};
    auto s = bus.RegisterSystem(req.actor(), n, req.lang);
    if (!s.ok()) {
      json::object typed{{"member_code", form["member_code"]},
                         {"code", form["code"]},
                         {"name", form["name"]},
                         {"owner_unit", form["owner_unit"]},
                         {"contact", form["contact"]}};
      return page(req, StatusOf(s.error()), Refused(s.error(), "system", std::move(typed)));
    }
    return Response::Redirect("/interop/kelola?terdaftar=" + http::UrlEncode(s->Address()) + "#sistem");
  };
}

http::Handler IssueKeyForm(const http::Views& views, InteropService& bus, org::OrgService& org) {
  auto page = ConsolePage(views, bus, org);
  return [page, &bus](Request& req) {
    if (req.actor().account_id == 0) return Response::Redirect(kSignIn);
    if (!ConsoleUser(req.actor())) return page(req, 403, {});
    auto issued = bus.IssueKey(req.actor(), ParseId(req.params["id"]), req.lang);
    if (!issued.ok()) return page(req, StatusOf(issued.error()), {{"key_error", issued.error().detail}});
    // Shown this once, on this answer only (never stored in clear, never in a URL).
    return page(req, 200, {{"issued_key", issued->key}, {"issued_for", issued->system.Address()}});
  };
}

http::Handler RequestAccessForm(const http::Views& views, InteropService& bus, org::OrgService& org) {
  auto page = ConsolePage(views, bus, org);
  return [page, &bus](Request& req) {
    if (req.actor().account_id == 0) return Response::Redirect(kSignIn);
    if (!ConsoleUser(req.actor())) return page(req, 403, {});
    auto form = http::ParseForm(req.body);
    auto g = bus.RequestAccess(req.actor(), ParseId(form["service_id"]), ParseId(form["client_system_id"]),
                               form["purpose"], form["legal_basis"], req.lang);
    if (!g.ok()) {
      json::object typed{{"purpose", form["purpose"]}, {"legal_basis", form["legal_basis"]}};
      return page(req, StatusOf(g.error()), Refused(g.error(), "access", std::move(typed)));
    }
    return Response::Redirect("/interop/kelola?diminta=1#akses");
  };
}

http::Handler DecideForm(const http::Views& views, InteropService& bus, org::OrgService& org) {
  auto page = ConsolePage(views, bus, org);
  return [page, &bus](Request& req) {
    if (req.actor().account_id == 0) return Response::Redirect(kSignIn);
    if (!ConsoleUser(req.actor())) return page(req, 403, {});
    auto form = http::ParseForm(req.body);
    std::string decision = form["decision"];
    if (decision != "approve" && decision != "refuse") {
      return page(req, 422, {{"decide_error", i18n::Tr(req.lang, "interop_decision_choose")}});
    }
    auto g = bus.Decide(req.actor(), ParseId(req.params["id"]), decision == "approve", form["reason"], req.lang);
    if (!g.ok()) {
      std::string why = g.error().fields.empty() ? g.error().detail : g.error().fields.front().message;
      return page(req, StatusOf(g.error()), {{"decide_error", why}, {"decide_id", req.params["id"]}});
    }
    return Response::Redirect("/interop/kelola?diputuskan=1#masuk");
  };
}

http::Handler RevokeForm(const http::Views& views, InteropService& bus, org::OrgService& org) {
  auto page = ConsolePage(views, bus, org);
  return [page, &bus](Request& req) {
    if (req.actor().account_id == 0) return Response::Redirect(kSignIn);
    if (!ConsoleUser(req.actor())) return page(req, 403, {});
    auto form = http::ParseForm(req.body);
    auto g = bus.Revoke(req.actor(), ParseId(req.params["id"]), form["reason"], req.lang);
    if (!g.ok()) {
      std::string why = g.error().fields.empty() ? g.error().detail : g.error().fields.front().message;
      return page(req, StatusOf(g.error()), {{"revoke_error", why}});
    }
    return Response::Redirect("/interop/kelola?dicabut=1#akses");
  };
}

}  // namespace

void RegisterConsolePages(http::Router& router, const http::Views& views, InteropService& bus, org::OrgService& org) {
  router.Add("GET", "/interop/kelola", Console(views, bus, org));
  router.Add("POST", "/interop/kelola/sistem", RegisterSystemForm(views, bus, org));
  router.Add("POST", "/interop/kelola/sistem/{id}/kunci", IssueKeyForm(views, bus, org));
  router.Add("POST", "/interop/kelola/akses", RequestAccessForm(views, bus, org));
  router.Add("POST", "/interop/kelola/akses/{id}/putusan", DecideForm(views, bus, org));
  router.Add("POST", "/interop/kelola/akses/{id}/cabut", RevokeForm(views, bus, org));
}

}  // namespace spbe::interop
