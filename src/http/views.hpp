#pragma once
/// Server-rendered pages: a template rendered into the shared layout (header, language toggle, footer), in the
/// request's language.

#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <string_view>

#include "http/message.hpp"
#include "http/static_files.hpp"
#include "platform/i18n.hpp"
#include "platform/result.hpp"
#include "platform/templates.hpp"
#include "platform/working_days.hpp"

namespace spbe::http {

class Views {
 public:
  Views(const Templates& templates, const i18n::Catalog& catalog, const StaticFiles& assets)
      : templates_(templates), catalog_(catalog), assets_(assets) {}

  /// Renders `page` (e.g. "portal/home") with `data` inside the layout. `title_key` names the page title in the
  /// catalog. The template sees `t` (all texts in the request's language), `lang`, `site`, and its own data.
  Response Page(const Request& req, int status, std::string_view page, boost::json::object data,
                std::string_view title_key) const;

  /// An error page (404, 405, 500 ...) in the request's language, carrying the request id.
  Response ErrorPage(const Request& req, int status) const;
  /// The page for an expected failure that has no form to show it on: 429 with Retry-After and the error's own words
  /// for a brake (kRateLimited), 503 for an unavailable database, else ErrorPage for the error's status.
  Response FailurePage(const Request& req, const Error& e) const;

  const i18n::Catalog& catalog() const { return catalog_; }

  /// Supplies what every page shows about the site (the government's name, the operator's contact), as an object
  /// the layout and the page template both see under "site". Called once per page.
  void SetSiteProvider(std::function<boost::json::object()> provider) { site_ = std::move(provider); }
  /// How many unread messages a signed-in account has, for the badge beside "Kotak masuk". Called once per page
  /// of a signed-in account.
  void SetUnreadProvider(std::function<int(const Request&)> provider) { unread_ = std::move(provider); }
  /// The zone of the deployment (its root node): times that belong to no one office (the inbox, the audit trail, the
  /// complaint desk) are shown in it.
  void SetZoneProvider(std::function<TimeZone()> provider) { zone_ = std::move(provider); }
  TimeZone zone() const { return zone_ ? zone_() : TimeZone::kWib; }

 private:
  const Templates& templates_;
  const i18n::Catalog& catalog_;
  const StaticFiles& assets_;
  std::function<boost::json::object()> site_;
  std::function<int(const Request&)> unread_;
  std::function<TimeZone()> zone_;
};

}  // namespace spbe::http
