// The bus's pages: the public directory (/interop) and a service's page with its operations and health; the agency
// admins' console (/interop/kelola): their systems and keys, access asked for and decided, and the message log.
// Plain HTML forms: no JavaScript needed.
#include "interop/pages.hpp"

#include <boost/json.hpp>
#include <cstdlib>

#include <fmt/format.h>

#include "http/forms.hpp"
#include "platform/i18n.hpp"
#include "platform/local_time.hpp"

namespace spbe::interop {

using http::Request;
using http::Response;

namespace {

namespace json = boost::json;

std::string ClassText(const i18n::Catalog& t, std::string_view lang, const std::string& data_class) {
  return t.Text(lang, "interop_class_" + data_class);
}

json::object Card(const ServiceRow& s, const i18n::Catalog& t, std::string_view lang) {
  return {{"name", s.Name(lang)},
          {"agency", s.node_name},
          {"system", s.system_name},
          {"address", s.Address()},
          {"href", "/interop/layanan/" + s.Address()},
          {"class", ClassText(t, lang, s.data_class)},
          {"personal", s.data_class == "personal"},
          {"open", s.open_to_all},
          {"connected", !s.provider_url.empty()}};
}

std::string DirectoryLink(const std::string& q, int page) {
  return "/interop?" + (q.empty() ? std::string() : "q=" + http::UrlEncode(q) + "&") + "hal=" + std::to_string(page);
}

http::Handler Directory(const http::Views& views, InteropService& bus) {
  return [&views, &bus](Request& req) {
    const auto& t = views.catalog();
    std::string q = req.Query("q").value_or("").substr(0, 100);
    int page = std::max(1, std::atoi(req.Query("hal").value_or("1").c_str()));
    auto found = bus.Directory(q, page);
    if (!found.ok()) return views.FailurePage(req, found.error());
    json::array items;
    for (const auto& s : found->items) items.push_back(Card(s, t, req.lang));
    int pages = (found->total + 19) / 20;
    json::object data{{"q", q}, {"items", std::move(items)}, {"total", found->total}, {"none", found->total == 0}};
    if (page > 1) data["prev"] = DirectoryLink(q, page - 1);
    if (page < pages) data["next"] = DirectoryLink(q, page + 1);
    if (pages > 1) data["page_of"] = std::to_string(std::min(page, pages)) + " / " + std::to_string(pages);
    data["manages"] = !req.actor().anonymous() && req.actor().account_id != 0;
    return views.Page(req, 200, "interop/directory", std::move(data), "interop_title");
  };
}

// The operations of an OpenAPI document, as a list a person can read: method, path and summary.
json::array Operations(const std::string& openapi) {
  json::array out;
  boost::system::error_code ec;
  auto doc = json::parse(openapi, ec);
  if (ec || !doc.is_object()) return out;
  const auto* paths = doc.as_object().if_contains("paths");
  if (!paths || !paths->is_object()) return out;
  for (const auto& [path, item] : paths->as_object()) {
    if (!item.is_object()) continue;
    for (const auto& [method, op] : item.as_object()) {
      static const char* const kMethods[] = {"get", "post", "put", "patch", "delete"};
      if (std::find(std::begin(kMethods), std::end(kMethods), std::string_view(method)) == std::end(kMethods)) continue;
      std::string m(method);
      for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      std::string summary;
      if (op.is_object()) {
        if (const auto* s = op.as_object().if_contains("summary"); s && s->is_string()) summary = s->as_string();
      }
      out.push_back({{"method", m}, {"path", std::string(path)}, {"summary", summary}});
      if (out.size() >= 200) return out;
    }
  }
  return out;
}

http::Handler ServicePage(const http::Views& views, InteropService& bus) {
  return [&views, &bus](Request& req) {
    const auto& t = views.catalog();
    auto s = bus.PublicService(req.params["member"], req.params["system"], req.params["service"], req.lang);
    if (!s.ok()) return views.FailurePage(req, s.error());
    auto health = bus.Health(s->id);
    json::object data = Card(*s, t, req.lang);
    data["description"] = s->Description(req.lang);
    data["timeout_s"] = fmt::format("{:.1f}", s->timeout_ms / 1000.0);
    data["rate"] = s->rate_per_minute;
    data["max_kb"] = (s->max_body_bytes + 1023) / 1024;
    data["call_path"] = "/interop/v1/call/" + s->Address() + "/";
    data["document"] = "/interop/v1/services/" + s->Address();
    data["operations"] = Operations(s->openapi);
    if (health.ok()) {
      data["calls"] = health->calls;
      data["errors"] = health->errors;
      data["p50"] = fmt::format("{:.1f}", health->p50_us / 1000.0);
      data["p95"] = fmt::format("{:.1f}", health->p95_us / 1000.0);
      data["last"] = health->last_status.empty() ? t.Text(req.lang, "interop_never_called")
                                                 : t.Text(req.lang, "interop_outcome_" + health->last_status);
    }
    return views.Page(req, 200, "interop/service", std::move(data), "interop_service_title");
  };
}

}  // namespace

void RegisterPages(http::Router& router, const http::Views& views, InteropService& bus, org::OrgService& org) {
  router.Add("GET", "/interop", Directory(views, bus));
  router.Add("GET", "/interop/layanan/{member}/{system}/{service}", ServicePage(views, bus));
  RegisterConsolePages(router, views, bus, org);
}

}  // namespace spbe::interop
